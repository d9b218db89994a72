"""Log: check a file, edit a log and save it safely, check in daily, import Strava/Garmin.

Where writes go: only the coach's data folder (LEGDAY_DATA_DIR or ``-- PATH``) is ever
written, through legday.io.save (atomic, refused when the file changed since it was
opened, previous version kept). On the demo and for uploads nothing touches the disk:
edits and uploads live in this browser session's ``st.session_state``.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from app_pages import _shared as shared
from legday import appstate, clock
from legday.io import LoadResult, athlete_id_from_name, load_upload
from legday.io.csv_log import read_csv_log
from legday.io.save import days_to_csv, file_signature, frame_to_csv, log_to_csv, save_log
from legday.model import RUN_KINDS, STRENGTH_LEVELS, Athlete
from legday.safe_text import spreadsheet_safe

MAX_UPLOAD_MB = 5  # .streamlit/config.toml server.maxUploadSize
PROBLEM_COLUMNS = {
    "file": st.column_config.TextColumn("File"),
    "line": st.column_config.NumberColumn("Line", format="%d"),
    "severity": st.column_config.TextColumn("Severity", width="small"),
    "message": st.column_config.TextColumn("Message", width="large"),
}


def _problems(results: list[LoadResult], key: str) -> None:
    frame = appstate.problems_frame(results)
    if frame.empty:
        st.success("No problems found.")
        return
    errors = int((frame["severity"] == "error").sum())
    warnings = len(frame) - errors
    st.write(f"{shared.plural(errors, 'error')}, {shared.plural(warnings, 'warning')}:")
    st.dataframe(frame, key=key, hide_index=True, column_config=PROBLEM_COLUMNS)


def _preview(athlete: Athlete) -> None:
    frame = athlete.week_totals if athlete.week_totals is not None else athlete.days
    st.caption(
        f"{shared.md(athlete.name)}: {shared.plural(len(frame), 'row')}, units {athlete.units}. "
        "Last rows:"
    )
    dates = [c for c in ("date", "week_of") if c in frame]  # datetimes: show the day only
    st.dataframe(
        frame.tail(10),
        key="upload_preview",
        hide_index=True,
        placeholder="",
        column_config={c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in dates},
    )


# ---------------------------------------------------------------------------- upload


def upload_section() -> None:
    st.subheader("Check a file")
    st.caption(
        f"Upload a CSV log or a YAML profile (up to {MAX_UPLOAD_MB} MB) to see every "
        "problem with its line, or a preview. It stays in this browser session only."
    )
    uploaded = st.file_uploader(
        "Log or profile", type=["csv", "yaml", "yml"], key="log_upload_file"
    )
    if uploaded is not None:
        stored = st.session_state.get(shared.UPLOAD)
        if not stored or stored.get("file_id") != uploaded.file_id:
            with st.status(f"Reading {uploaded.name}...", expanded=False) as status:
                data = uploaded.getvalue()
                result = load_upload(uploaded.name, data)
                status.update(label=f"Read {uploaded.name}", state="complete")
            st.session_state[shared.UPLOAD] = {
                "file_id": uploaded.file_id,
                "name": result.path,
                "size": len(data),
                "data": data,
                "result": result,
            }
    stored = st.session_state.get(shared.UPLOAD)
    if not stored:
        return
    result: LoadResult = stored["result"]
    st.markdown(f"**{shared.md(stored['name'])}** ({stored['size'] / 1024:.0f} KB)")
    _problems([result], "upload_problems")
    if result.athlete is not None:
        _preview(result.athlete)
        if st.session_state.get(shared.SOURCE) != "upload" and st.button(
            "Show this file in the dashboard", key="use_upload", type="primary"
        ):
            st.session_state[shared.PENDING_SOURCE] = "upload"
            st.rerun()
    if st.button("Forget the uploaded file", key="forget_upload"):
        st.session_state.pop(shared.UPLOAD, None)
        if st.session_state.get(shared.SOURCE) == "upload":
            st.session_state[shared.PENDING_SOURCE] = "demo"
        st.rerun()


# ------------------------------------------------------------------------------ edit


def _log_file(sel: shared.Selection) -> tuple[str, bytes, Path | None] | None:
    """(shown name, bytes, path on disk or None) of the athlete's CSV log, if it has one.

    A data folder's log is read from disk (saves go back there). The demo and an
    upload are edited as this session sees them: the demo with its dates shifted to
    today, with any edit or check-in kept in the session (so keeping an edit never
    moves the athlete back to the files' own dates).
    """
    athlete = sel.athlete
    if sel.source == "upload":
        stored = st.session_state.get(shared.UPLOAD) or {}
        name = stored.get("name", "")
        if not name.lower().endswith(".csv"):
            return None
        edited = athlete.id in shared.session_edits(sel.source)
        return (name, log_to_csv(athlete).encode() if edited else stored["data"], None)
    result = next((r for r in sel.results if r.athlete is athlete), None)
    if result is None:
        return None
    path = result.log_path or (Path(result.path) if result.path.lower().endswith(".csv") else None)
    if path is None:
        return None
    if sel.source != "folder":
        return Path(path).name, log_to_csv(athlete).encode(), None
    safe = appstate.inside_folder(sel.folder, path) if sel.folder else None
    if safe is None:
        return None
    try:
        return safe.name, safe.read_bytes(), safe
    except OSError:
        return None


def _for_spreadsheet(frame: pd.DataFrame) -> str:
    """A download: text cells a spreadsheet would run as formulas get a leading ``'``
    (legday.export.spreadsheet_safe); cells that read as numbers stay as typed.

    Saves to the data folder stay plain (legday/io/save.py says why).
    """
    numeric = frame.apply(lambda column: pd.to_numeric(column, errors="coerce")).notna()
    safe = spreadsheet_safe(frame)
    mixed = pd.DataFrame(
        np.where(numeric.to_numpy(), frame.to_numpy(), safe.to_numpy()), columns=safe.columns
    )
    return frame_to_csv(mixed)


def _editor_frame(data: bytes) -> pd.DataFrame:
    text = data.decode("utf-8-sig", errors="replace")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _keep_in_session(sel: shared.Selection, text: str) -> str | None:
    """Demo/upload: the edited log replaces the athlete's days for this session only."""
    athlete = sel.athlete
    log = read_csv_log(text.encode(), "edited log", athlete.units, clock.today())
    if log.frame is None:
        return "The edited log has errors; fix them first."
    if log.kind == "weeks":
        new = Athlete(athlete.profile, athlete.days, log.frame, athlete.notes)
    else:
        new = Athlete(athlete.profile, log.frame, None, athlete.notes)
    shared.keep_edit(sel.source, new)
    return None


def edit_section(sel: shared.Selection) -> None:
    athlete = sel.athlete
    st.subheader(f"Edit the log: {shared.md(athlete.name)}")
    found = _log_file(sel)
    if found is None:
        st.info(
            "This athlete's log is inside the YAML profile (days: or weeks:), so it is "
            "edited in a text editor. CSV logs can be edited here."
        )
        return
    name, data, path = found
    state_key = f"_editing:{sel.source}:{athlete.id}"
    base = st.session_state.get(state_key)
    # A session-held log that changed under the editor (an edit kept, a check-in) opens
    # afresh; a data folder's editor keeps its base so a stale save is caught.
    moved = base is not None and path is None and base["data"] != data
    if base is None or base["name"] != name or moved:
        base = {
            "name": name,
            "data": data,
            "signature": file_signature(path) if path else None,
            "version": base["version"] + 1 if base else 0,
        }
        st.session_state[state_key] = base
    frame = _editor_frame(base["data"])
    config = {}
    if "run" in frame:
        config["run"] = st.column_config.SelectboxColumn("run", options=["", *RUN_KINDS])
    if "strength" in frame:
        config["strength"] = st.column_config.SelectboxColumn(
            "strength", options=["", *STRENGTH_LEVELS]
        )
    edited = st.data_editor(
        frame,
        key=f"log_editor_{athlete.id}_{base['version']}",
        num_rows="dynamic",
        hide_index=True,
        column_config=config,
        height=320,
    )
    text = frame_to_csv(edited)
    changed = text != frame_to_csv(frame)
    log = read_csv_log(text.encode(), name, athlete.units, clock.today())
    if changed:
        if log.problems:
            _problems([LoadResult(name, None, log.problems)], "edit_problems")
        else:
            st.caption("The edited log checks out.")
    cols = st.columns(2)
    cols[0].download_button(
        "Download this log (.csv)",
        _for_spreadsheet(edited),
        file_name=name if name.endswith(".csv") else f"{athlete.id}.csv",
        mime="text/csv",
        key="download_log",
        on_click="ignore",
    )
    if not changed:
        return
    if log.frame is None:
        cols[1].button("Save", key="save_log", disabled=True, help="Fix the errors first.")
        return
    if sel.writable and path is not None:
        if cols[1].button("Save to the data folder", key="save_log", type="primary"):
            result = save_log(path, text, base["signature"])
            if result.saved:
                st.session_state[state_key] = {
                    "name": name,
                    "data": text.encode(),
                    "signature": result.signature,
                    "version": base["version"] + 1,
                }
                _flash(result.message)
                st.rerun()
            st.error(shared.md(result.message))
            st.download_button(
                "Download your version",
                _for_spreadsheet(edited),
                file_name=f"{Path(name).stem}.mine.csv",
                mime="text/csv",
                key="download_refused",
                on_click="ignore",
            )
    elif cols[1].button("Use these edits in this session", key="save_log", type="primary"):
        message = _keep_in_session(sel, text)
        if message:
            st.error(message)
        else:
            _flash("Edits kept in this browser session (nothing written to disk).")
            st.rerun()


# --------------------------------------------------------------------------- check-in


FLASH = "_log_flash"


def _flash(message: str) -> None:
    """A message for the next run (a save is followed by a rerun that redraws the page)."""
    st.session_state[FLASH] = message


def _store_days(sel: shared.Selection, days: pd.DataFrame) -> bool:
    """A check-in is an edit: safe save to the folder, else this session only.

    False (with the reason and a download on screen) when nothing was stored.
    """
    athlete = sel.athlete
    text = days_to_csv(days)
    found = _log_file(sel)
    if sel.writable and found is not None and found[2] is not None:
        _name, _data, path = found
        state_key = f"_editing:{sel.source}:{athlete.id}"
        base = st.session_state.get(state_key) or {"signature": file_signature(path)}
        result = save_log(path, text, base["signature"])
        if not result.saved:
            st.error(shared.md(result.message))
            st.download_button(
                "Download the log with your check-in",
                _for_spreadsheet(_editor_frame(text.encode())),
                file_name=f"{path.stem}.mine.csv",
                mime="text/csv",
                key="download_checkin_refused",
                on_click="ignore",
            )
            return False
        st.session_state.pop(state_key, None)
        _flash(f"Check-in saved. {result.message}")
        return True
    message = _keep_in_session(sel, text)
    if message:
        st.error(message)
        return False
    if sel.source != "folder":
        why = "nothing is written to disk here"
    elif found is None:
        why = "this athlete's log is inside the YAML profile: add it there to keep it"
    else:
        why = "the data folder is read-only"
    _flash(f"Check-in kept in this browser session ({why}).")
    return True


def checkin_section(sel: shared.Selection) -> None:
    athlete = sel.athlete
    st.subheader(f"Daily check-in: {shared.md(athlete.name)}")
    if athlete.granularity == "weeks":
        st.info("Check-ins need a daily log; this athlete logs weekly totals.")
        return
    try:
        from legday.checkin import add_checkin
    except ImportError:
        st.info("The check-in is not available in this version.")
        return
    today = clock.today()
    if st.session_state.get("_checkin_today") != today:  # a new day: the form starts on it
        st.session_state["_checkin_today"] = today
        st.session_state.pop("checkin_date", None)
    with st.form("checkin_form", clear_on_submit=False):
        cols = st.columns([1, 2])
        day = cols[0].date_input("Day", value=today, max_value=today, key="checkin_date")
        soreness = cols[1].slider(
            "Leg soreness this morning (0 none - 10 worst)", 0, 10, 2, key="checkin_soreness"
        )
        feel = st.text_input("How the legs feel (optional)", max_chars=200, key="checkin_feel")
        rpe = st.number_input(
            "Effort of today's session, RPE 0-10 (optional)",
            min_value=0.0,
            max_value=10.0,
            value=None,
            step=1.0,
            key="checkin_rpe",
        )
        submitted = st.form_submit_button("Add check-in", type="primary")
    if submitted:
        try:
            days = add_checkin(athlete.days, day, soreness, feel, rpe)
        except ValueError as exc:
            st.error(shared.md(str(exc)))
            return
        if _store_days(sel, days):
            st.rerun()  # redraw with the new day (the message waits in the flash slot)


# ----------------------------------------------------------------------------- import


def import_section(sel: shared.Selection) -> None:
    st.subheader("Import from Strava or Garmin")
    st.caption(
        "Strava: activities.csv or the whole export .zip. Garmin Connect: Activities.csv. "
        "Run kinds and session levels are inferred and marked so you can correct them."
    )
    try:
        from legday.io import imports
    except ImportError:
        st.info("Importing is not available in this version.")
        return
    uploaded = st.file_uploader(
        "Export file", type=["csv", "zip"], key="import_file", max_upload_size=MAX_UPLOAD_MB
    )
    cols = st.columns(2)
    zones = imports.available_time_zones()
    tz = cols[0].selectbox("Your time zone", zones, index=zones.index("UTC"), key="import_tz")
    units = cols[1].radio("Log units", ["mi", "km"], horizontal=True, key="import_units")
    if uploaded is None:
        return
    cache_key = (uploaded.file_id, tz, units)
    stored = st.session_state.get("_import")
    if not stored or stored["key"] != cache_key:
        with st.status(f"Importing {uploaded.name}...") as status:
            result = imports.import_file(uploaded.getvalue(), uploaded.name, tz, units)
            status.update(label=f"Imported {uploaded.name}", state="complete")
        stored = {"key": cache_key, "result": result, "name": uploaded.name}
        st.session_state["_import"] = stored
    result = stored["result"]
    st.markdown("**Summary**")
    st.markdown("\n".join(f"- {shared.md(line)}" for line in result.summary.lines()))
    if result.problems:
        _problems([LoadResult(stored["name"], None, result.problems)], "import_problems")
    if not result.ok:
        return
    preview = result.days.assign(
        run_inferred=result.inferred["run"], level_inferred=result.inferred["strength"]
    )
    st.dataframe(
        preview.tail(20),
        key="import_preview",
        hide_index=True,
        placeholder="",
        column_order=[
            "date",
            "run",
            "run_inferred",
            "distance",
            "minutes",
            "rpe",
            "strength",
            "level_inferred",
            "strength_minutes",
            "strength_rpe",
            "notes",
        ],
        column_config={
            "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "run_inferred": st.column_config.CheckboxColumn(
                "kind inferred", help="the run kind was guessed: check it"
            ),
            "level_inferred": st.column_config.CheckboxColumn(
                "level inferred", help="light or heavy was guessed: check it"
            ),
        },
    )
    st.caption("The last 20 days of the import. Correct guesses in the Edit tab once loaded.")
    text = imports.to_log_csv(result.days)
    stem = athlete_id_from_name(Path(stored["name"]).stem)
    cols = st.columns(2)
    cols[0].download_button(
        "Download as a legday log (.csv)",
        text,
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="download_import",
        on_click="ignore",
    )
    if cols[1].button("Show it in the dashboard", key="use_import"):
        loaded = load_upload(f"{stem}.csv", text.encode())
        st.session_state[shared.UPLOAD] = {
            "file_id": f"import:{uploaded.file_id}",
            "name": loaded.path,
            "size": len(text),
            "data": text.encode(),
            "result": loaded,
        }
        st.session_state[shared.PENDING_SOURCE] = "upload"
        st.rerun()
    if sel.writable and sel.folder is not None:
        _save_import(sel.folder, result.days, stem)


def _save_import(folder: Path, days: pd.DataFrame, stem: str) -> None:
    """Write the import as a new athlete's CSV log in the data folder (never over a file)."""
    with st.form("save_import_form", border=True):
        st.markdown("**Save into the data folder** as a new athlete")
        athlete_id = st.text_input(
            "Athlete id (lower-case letters, digits and '-'; the file name)",
            value=stem,
            max_chars=64,
            key="import_athlete_id",
        )
        submitted = st.form_submit_button("Save the log")
    if not submitted:
        return
    if not appstate.ATHLETE_ID.fullmatch(athlete_id):
        st.error("That is not an athlete id: use lower-case letters, digits and '-'.")
        return
    target = appstate.inside_folder(folder, f"{athlete_id}.csv")
    if target is None:
        st.error("That name does not stay inside the data folder.")
        return
    if target.exists():
        st.error(shared.md(f"{target.name} already exists: pick another id, or merge by hand."))
        return
    result = save_log(target, days_to_csv(days), None)  # None: refused if it appears meanwhile
    if result.saved:
        _flash(f"{result.message} Pick the athlete in the sidebar (a profile .yaml adds a name).")
        st.rerun()
    st.error(shared.md(result.message))


def log_page() -> None:
    sel = shared.selection()
    st.title("Log")
    where = {
        "demo": "You are on the demo: nothing here is written to disk.",
        "folder": "Saves go to the data folder, with the previous version kept.",
        "upload": "You are looking at your uploaded file: nothing is written to disk.",
    }[sel.source]
    st.caption(where)
    flash = st.empty()  # always drawn, so the tabs below keep their place and state
    if FLASH in st.session_state:
        flash.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
    tabs = st.tabs(["Check-in", "Edit", "Upload", "Import", "Problems"], key="log_tab")
    with tabs[0]:
        if sel.athlete is not None:
            checkin_section(sel)
        else:
            st.info("Pick or upload an athlete first.")
    with tabs[1]:
        if sel.athlete is not None:
            edit_section(sel)
        else:
            st.info("Pick or upload an athlete first.")
    with tabs[2]:
        upload_section()
    with tabs[3]:
        import_section(sel)
    with tabs[4]:
        st.subheader("Problems in the current data")
        _problems(sel.results, "source_problems")


log_page()
