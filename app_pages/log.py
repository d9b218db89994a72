"""Log: check a file, edit a log and save it safely, check in daily, import an export
(Strava or Garmin activities, Hevy or Strong workouts).

Whether an edit is written is legday.store.choice's decision: only the coach's store
(a data folder: LEGDAY_DATA_DIR or ``-- PATH``; a database: LEGDAY_DATABASE_URL) is
ever written, through its ``Store`` methods with the version read and who is signed in
(atomic, refused when someone else wrote since it was opened; a check-in applies itself
to the newest log). On the demo and for uploads nothing is written: edits and uploads
live in this browser session's ``st.session_state`` (legday.session_logs).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages._session import (
    PENDING_SOURCE,
    SOURCE,
    UPLOAD,
    Selection,
    keep_edit,
    selection,
    upload,
)
from app_pages._widgets import allowed, md, note, plural
from legday import clock, session_logs
from legday.io import (
    LoadResult,
    athlete_id_from_name,
    imports,
    merge,
    sniff,
    with_sets,
    workouts,
)
from legday.io.csv_log import read_csv_log
from legday.model import PAIN_SITES, RUN_KINDS, SET_COLUMNS, STRENGTH_LEVELS, Athlete
from legday.session_logs import days_to_csv, frame_to_csv
from legday.session_view import problems_frame
from legday.store import Checkin, choice
from legday.words import units_note

MAX_UPLOAD_MB = 5  # .streamlit/config.toml server.maxUploadSize
#: Exports are bigger than logs: five years of Hevy sets are about 8 MB.
IMPORT_MAX_MB = 25
FLASH = "_log_flash"
PROBLEM_COLUMNS = {
    "file": st.column_config.TextColumn("File"),
    "line": st.column_config.NumberColumn("Line", format="%d"),
    "severity": st.column_config.TextColumn("Severity", width="small"),
    "message": st.column_config.TextColumn("Message", width="large"),
}
IMPORT_COLUMN_ORDER = [
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
]
IMPORT_COLUMNS = {
    "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
    "run_inferred": st.column_config.CheckboxColumn(
        "kind inferred", help="the run kind was guessed: check it"
    ),
    "level_inferred": st.column_config.CheckboxColumn(
        "level inferred", help="light or heavy was guessed: check it"
    ),
}


def _problems(results: list[LoadResult], key: str) -> None:
    frame = problems_frame(results)
    if frame.empty:
        st.success("No problems found.")
        return
    errors = int((frame["severity"] == "error").sum())
    warnings = len(frame) - errors
    st.write(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}:")
    st.dataframe(frame, key=key, hide_index=True, column_config=PROBLEM_COLUMNS)


def source_problems(sel: Selection) -> None:
    """Every problem of the source's files; a database's are its athlete's files only
    (``db load`` takes no file with an error, so reading every log would find only
    warnings, at the cost of reading every athlete)."""
    if sel.source != "database":
        st.subheader("Problems in the current data")
        _problems(sel.results, "source_problems")
        return
    st.subheader("Problems in this athlete's files")
    if sel.broken:
        st.warning(f"{plural(sel.broken, 'athlete')} in the database could not be read.")
    _problems([sel.result] if sel.result is not None else [], "source_problems")
    st.caption("`python -m legday validate --db URL` checks every athlete's files.")


def _preview(athlete: Athlete) -> None:
    frame = athlete.week_totals if athlete.week_totals is not None else athlete.days
    st.caption(
        f"{md(athlete.name)}: {plural(len(frame), 'row')}, units {athlete.units}. Last rows:"
    )
    dates = [c for c in ("date", "week_of") if c in frame]  # datetimes: show the day only
    st.dataframe(
        frame.tail(10),
        key="upload_preview",
        hide_index=True,
        placeholder="",
        column_config={c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in dates},
    )


def _flash(message: str) -> None:
    """A message for the next run (a save is followed by a rerun that redraws the page)."""
    st.session_state[FLASH] = message


def _refused(message: str, label: str, table: pd.DataFrame, file_name: str, key: str) -> None:
    """A save was refused: say why, and offer the user's version as a download."""
    st.error(md(message))
    st.download_button(
        label,
        session_logs.download_csv(table),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


# ---------------------------------------------------------------------------- upload


def upload_section(sel: Selection) -> None:
    st.subheader("Check a file")
    st.caption(
        f"Upload a CSV log or a YAML profile (up to {MAX_UPLOAD_MB} MB) to see every "
        "problem with its line, or a preview. It stays in this browser session only."
    )
    uploaded = st.file_uploader(
        "Log or profile", type=["csv", "yaml", "yml"], key="log_upload_file"
    )
    stored = upload()
    if uploaded is not None and (stored is None or stored.file_id != uploaded.file_id):
        with st.status(f"Reading {uploaded.name}...", expanded=False) as status:
            stored = session_logs.Upload.read(uploaded.file_id, uploaded.name, uploaded.getvalue())
            status.update(label=f"Read {uploaded.name}", state="complete")
        st.session_state[UPLOAD] = stored
    if stored is None:
        return
    st.markdown(f"**{md(stored.name)}** ({stored.size / 1024:.0f} KB)")
    _problems([stored.result], "upload_problems")
    if stored.usable:
        _preview(stored.result.athlete)
        shown = st.session_state.get(SOURCE) == "upload" or sel.grant.signed_in
        if not shown and st.button(
            "Show this file in the dashboard", key="use_upload", type="primary"
        ):
            st.session_state[PENDING_SOURCE] = "upload"
            st.rerun()
    if st.button("Forget the uploaded file", key="forget_upload"):
        st.session_state.pop(UPLOAD, None)
        if st.session_state.get(SOURCE) == "upload":
            st.session_state[PENDING_SOURCE] = "demo"
        st.rerun()


# ------------------------------------------------------------------------------ edit


def _log_file(sel: Selection) -> session_logs.LogFile | None:
    found = [sel.result] if sel.result is not None else []
    return session_logs.log_file(sel.source, sel.athlete, found, sel.store, upload())


def _save_label(sel: Selection) -> str:
    return "Save to the database" if sel.source == "database" else "Save to the data folder"


def _base_key(sel: Selection) -> str:
    """Where the editor's base waits between runs, one per source and athlete."""
    return f"_editing:{sel.source}:{sel.athlete.id}"


def _keep(sel: Selection, text: str) -> bool:
    """Keep the log ``text`` in this session in place of the athlete's; False (with
    the reason on screen) when it has errors."""
    edited = session_logs.edited_athlete(sel.athlete, text, clock.today())
    if edited is None:
        st.error("The edited log has errors; fix them first.")
        return False
    keep_edit(sel.source, edited)
    return True


def edit_section(sel: Selection) -> None:
    athlete = sel.athlete
    st.subheader(f"Edit the log: {md(athlete.name)}")
    file = _log_file(sel)
    if file is None:
        st.info(
            "This athlete's log is inside the YAML profile (days: or weeks:), so it is "
            "edited in a text editor. CSV logs can be edited here."
        )
        return
    base = session_logs.editor_base(st.session_state.get(_base_key(sel)), file)
    st.session_state[_base_key(sel)] = base
    frame = session_logs.editor_table(base.data)
    choices = {
        "run": ["", *RUN_KINDS], "strength": ["", *STRENGTH_LEVELS],
        "pain_site": ["", *PAIN_SITES],
    }  # fmt: skip
    edited = st.data_editor(
        frame,
        key=f"log_editor_{athlete.id}_{base.generation}",
        num_rows="dynamic",
        hide_index=True,
        column_config={
            name: st.column_config.SelectboxColumn(name, options=options)
            for name, options in choices.items()
            if name in frame
        },
        height=320,
    )
    text = frame_to_csv(edited)
    changed = text != frame_to_csv(frame)
    log = read_csv_log(text.encode(), base.name, athlete.units, clock.today())
    if changed:
        if log.problems:
            _problems([LoadResult(base.name, None, log.problems)], "edit_problems")
        else:
            st.caption("The edited log checks out.")
    cols = st.columns(2)
    cols[0].download_button(
        "Download this log (.csv)",
        session_logs.download_csv(edited),
        file_name=base.name if base.name.endswith(".csv") else f"{athlete.id}.csv",
        mime="text/csv",
        key="download_log",
        on_click="ignore",
    )
    if not changed:
        return
    if log.frame is None:
        cols[1].button("Save", key="save_log", disabled=True, help="Fix the errors first.")
        return
    where = choice.destination(sel.source, sel.store, file.stored)
    _save_or_keep(sel, cols[1], where, base, edited)


def _save_or_keep(
    sel: Selection,
    slot,
    where: choice.Destination,
    base: session_logs.EditorBase,
    edited: pd.DataFrame,
) -> None:
    """The edit's button in ``slot``: save to the store (with the version the editor
    read), or keep in this session."""
    text = frame_to_csv(edited)
    if not where.saves or sel.store is None:
        clicked = slot.button("Use these edits in this session", key="save_log", type="primary")
        if clicked and _keep(sel, text):
            _flash("Edits kept in this browser session (nothing written to disk).")
            st.rerun()
        return
    if not slot.button(_save_label(sel), key="save_log", type="primary"):
        return
    result = sel.store.save_log(sel.athlete.id, text, base.read_at, sel.who)
    if result.saved:
        st.session_state[_base_key(sel)] = session_logs.after_save(base, text, result)
        _flash(result.message)
        st.rerun()
    _refused(
        result.message,
        "Download your version",
        edited,
        f"{Path(base.name).stem}.mine.csv",
        "download_refused",
    )


# --------------------------------------------------------------------------- check-in


def _store_checkin(sel: Selection, entry: Checkin, text: str) -> bool:
    """A check-in goes to the store, applied to the newest log there (check-ins from
    many sessions all land), else it is kept in this session only.

    False (with the reason and a download on screen) when nothing was stored.
    """
    file = _log_file(sel)
    where = choice.destination(sel.source, sel.store, file is not None and file.stored)
    if not where.saves or sel.store is None or file is None:
        if not _keep(sel, text):
            return False
        _flash(f"Check-in kept in this browser session ({where.why}).")
        return True
    result = sel.store.add_checkin(sel.athlete.id, entry, sel.who)
    if not result.saved:
        _refused(
            result.message,
            "Download the log with your check-in",
            session_logs.editor_table(text.encode()),
            f"{Path(file.name).stem}.mine.csv",
            "download_checkin_refused",
        )
        return False
    st.session_state.pop(_base_key(sel), None)  # the editor opens the saved file
    _flash(f"Check-in saved. {result.message}")
    return True


def _checkin_form(today: dt.date) -> tuple | None:
    """The form's (day, soreness, feel, rpe, pain, pain site) when it is submitted."""
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
        hurt = st.columns([1, 2])
        pain = hurt[0].number_input(
            "Pain, 0-10 (optional: a sore spot, not muscle soreness)",
            min_value=0.0,
            max_value=10.0,
            value=None,
            step=1.0,
            key="checkin_pain",
        )
        site = hurt[1].selectbox(
            "Where it hurts", ["", *PAIN_SITES], key="checkin_pain_site",
            help="Pain is not soreness (H1): the plan takes the load off this site.",
        )  # fmt: skip
        submitted = st.form_submit_button("Add check-in", type="primary")
    return (day, soreness, feel, rpe, pain, site) if submitted else None


def checkin_section(sel: Selection) -> None:
    athlete = sel.athlete
    st.subheader(f"Daily check-in: {md(athlete.name)}")
    if athlete.granularity == "weeks":
        st.info("Check-ins need a daily log; this athlete logs weekly totals.")
        return
    today = clock.today()
    if st.session_state.get("_checkin_today") != today:  # a new day: the form starts on it
        st.session_state["_checkin_today"] = today
        st.session_state.pop("checkin_date", None)
    entry = _checkin_form(today)
    if entry is None:
        return
    checkin = Checkin(*entry)
    try:
        text = checkin.applied(athlete)  # the sets' sessions stay theirs
    except ValueError as exc:
        st.error(md(str(exc)))
        return
    if _store_checkin(sel, checkin, text):
        st.rerun()  # redraw with the new day (the message waits in the flash slot)


# ----------------------------------------------------------------------------- import


def import_section(sel: Selection) -> None:
    st.subheader("Import")
    st.caption(
        "Strava: activities.csv or the whole export .zip. Garmin Connect: Activities.csv "
        "(run kinds and session levels are inferred and marked so you can correct them). "
        "Hevy or Strong: the workout export, merged into the athlete's sets log."
    )
    uploaded = st.file_uploader(
        "Export file", type=["csv", "zip"], key="import_file", max_upload_size=IMPORT_MAX_MB
    )
    if uploaded is not None and sniff.export_kind_of(uploaded.getvalue()) in sniff.SET_EXPORTS:
        workouts_section(sel, uploaded.name, uploaded.file_id, uploaded.getvalue())
        return
    cols = st.columns(2)
    zones = imports.available_time_zones()
    tz = cols[0].selectbox("Your time zone", zones, index=zones.index("UTC"), key="import_tz")
    units = cols[1].radio("Log units", ["mi", "km"], horizontal=True, key="import_units")
    if uploaded is None:
        return
    stored = st.session_state.get("_import")
    if not stored or stored["key"] != (uploaded.file_id, tz, units):
        with st.status(f"Importing {uploaded.name}...") as status:
            result = imports.import_file(uploaded.getvalue(), uploaded.name, tz, units)
            status.update(label=f"Imported {uploaded.name}", state="complete")
        stored = {"key": (uploaded.file_id, tz, units), "result": result, "name": uploaded.name}
        st.session_state["_import"] = stored
    result = stored["result"]
    st.markdown("**Summary**")
    st.markdown("\n".join(f"- {md(line)}" for line in result.summary.lines()))
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
        column_order=IMPORT_COLUMN_ORDER,
        column_config=IMPORT_COLUMNS,
    )
    st.caption("The last 20 days of the import. Correct guesses in the Edit tab once loaded.")
    if sel.athlete is not None and sel.writable:
        _merge_button(sel, uploaded.getvalue(), uploaded.name, tz, "merge_days", "daily log")
    _use_import(sel, uploaded.file_id, stored["name"], result.days)


def _merge_button(sel: Selection, data: bytes, name: str, tz: str, key: str, log: str) -> None:
    """Merge the export into the athlete's own files in the store (legday.io.into: a day
    the log holds is kept, the save is atomic and refused if a file changed)."""
    loaded = sel.result
    if loaded is None or sel.store is None:
        return
    plan, version = sel.store.plan_import(sel.athlete.id, data, name, tz, loaded)
    st.markdown(f"**Into {md(sel.athlete.name)}'s {log}**")
    st.markdown("\n".join(f"- {md(line)}" for line in plan.lines[-3:]))
    if not plan.ok:
        _problems([LoadResult(name, None, plan.problems)], f"{key}_problems")
        return
    if not plan.adds:
        st.caption("Nothing new: every day of this export is in the log already.")
        return
    if st.button(f"Merge into {sel.athlete.name}'s {log}", key=key, type="primary"):
        result = sel.store.apply_import(sel.athlete.id, plan, version, sel.who)
        if result.saved:
            _flash(result.message)
            st.rerun()
        st.error(md(result.message))


def workouts_section(sel: Selection, name: str, file_id: str, data: bytes) -> None:
    """A Hevy or Strong export: its sets into the picked athlete's sets log."""
    athlete = sel.athlete
    if athlete is None:
        st.info("Pick the athlete the sets belong to first (sidebar).")
        return
    unit = athlete.profile.weight_unit
    stored = st.session_state.get("_workouts")
    if not stored or stored["key"] != (file_id, athlete.id, unit):
        with st.status(f"Importing {name}...") as status:
            found = workouts.import_workouts(data, name, unit)
            status.update(label=f"Imported {name}", state="complete")
        stored = {"key": (file_id, athlete.id, unit), "found": found}
        st.session_state["_workouts"] = stored
    found = stored["found"]
    st.markdown("**Summary**")
    st.markdown("\n".join(f"- {md(line)}" for line in found.lines()))
    if found.problems:
        _problems([LoadResult(name, None, found.problems)], "workout_problems")
    if not found.ok:
        return
    st.dataframe(
        found.sets.tail(20),
        key="workout_preview",
        hide_index=True,
        placeholder="",
        column_config={"date": IMPORT_COLUMNS["date"]},
    )
    if sel.writable:
        _merge_button(sel, data, name, "UTC", "merge_sets", "sets log")
        return
    merged = merge.merge_sets(_own_sets(athlete), found.sets)
    st.markdown("\n".join(f"- {md(line)}" for line in merged.lines("sets", "the sets")))
    if merged.added_rows and st.button(
        f"Use these sets for {athlete.name} in this session", key="keep_sets", type="primary"
    ):
        keep_edit(sel.source, with_sets(athlete, merged.frame, f"{name} (kept)")[0])
        _flash(f"{merged.added_rows} sets kept in this browser session (nothing written to disk).")
        st.rerun()


def _own_sets(athlete: Athlete) -> pd.DataFrame | None:
    return None if athlete.sets is None else athlete.sets[list(SET_COLUMNS)]


def _use_import(sel: Selection, file_id: str, name: str, days: pd.DataFrame) -> None:
    """Download the import as a legday log, show it in the dashboard, or save it."""
    text = imports.to_log_csv(days)
    stem = athlete_id_from_name(Path(name).stem)
    cols = st.columns(2)
    cols[0].download_button(
        "Download as a legday log (.csv)",
        text,
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="download_import",
        on_click="ignore",
    )
    if not sel.grant.signed_in and cols[1].button("Show it in the dashboard", key="use_import"):
        st.session_state[UPLOAD] = session_logs.Upload.read(
            f"import:{file_id}", f"{stem}.csv", text.encode()
        )
        st.session_state[PENDING_SOURCE] = "upload"
        st.rerun()
    if sel.writable and sel.store is not None and sel.grant.sees_everyone:
        _save_import(sel, days, stem)


def _save_import(sel: Selection, days: pd.DataFrame, stem: str) -> None:
    """Write the import as a new athlete's CSV log in the store (never over a file)."""
    where = "database" if sel.source == "database" else "data folder"
    with st.form("save_import_form", border=True):
        st.markdown(f"**Save into the {where}** as a new athlete")
        athlete_id = st.text_input(
            "Athlete id (lower-case letters, digits and '-'; the file name)",
            value=stem,
            max_chars=64,
            key="import_athlete_id",
        )
        submitted = st.form_submit_button("Save the log")
    if not submitted:
        return
    allowed_id = choice.new_athlete(athlete_id)
    if not allowed_id.saves or sel.store is None:
        st.error(md(allowed_id.why))
        return
    result = sel.store.new_athlete(athlete_id, days_to_csv(days), sel.who)
    if result.saved:
        _flash(f"{result.message} Pick the athlete in the sidebar (a profile .yaml adds a name).")
        st.rerun()
    st.error(md(result.message))


def log_page() -> None:
    sel = selection()
    if not allowed(sel, "log"):
        return
    st.title("Log")
    where = {
        "demo": "You are on the demo: nothing here is written to disk.",
        "folder": "Saves go to the data folder, with the previous version kept.",
        "database": "Saves go to the database, refused when someone else saved since.",
        "upload": "You are looking at your uploaded file: nothing is written to disk.",
    }[sel.source]
    st.caption(where)
    assumed = units_note(sel.athlete.profile) if sel.athlete is not None else None
    if assumed:  # D2: what was assumed about the picked athlete's log
        st.warning(note(assumed), icon=":material/straighten:")
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
        upload_section(sel)
    with tabs[3]:
        import_section(sel)
    with tabs[4]:
        source_problems(sel)


log_page()
