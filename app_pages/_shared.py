"""What every page shares: the cached loading, the current selection, small widgets.

Streamlit reruns the whole script (app.py, then the page) on every interaction, so
loading and per-athlete numbers are cached:
- the roster (``st.cache_resource``, one shared read-only copy), keyed on the source
  (demo: today's date; a folder: every file's path, mtime_ns and size, a stat-only key
  that changes when a file is edited);
- weekly tables, flags and plans (``st.cache_data``), keyed on (source key, athlete
  id, as of).
Uploads are never cached or kept in module globals: they live in ``st.session_state``,
which belongs to one browser session only.

A page may run without the frame (``AppTest.switch_page``): ``selection()`` then
builds the default selection (demo roster, first athlete, last logged day).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from legday import appstate, clock, demo, metrics
from legday.io import LoadResult, load_folder
from legday.model import Athlete
from legday.safe_text import md_escape

# Session-state keys (widgets use them as their keys, so tests and links can address them).
SOURCE = "source"
ATHLETE = "athlete"
AS_OF = "as_of"
UPLOAD = "upload"  # {"name", "size", "result": LoadResult, "data": bytes}
SELECTION = "_selection"  # the frame's Selection for this run only
PENDING_ATHLETE = "_pending_athlete"
PENDING_SOURCE = "_pending_source"
EDITS = "_session_logs"  # logs kept in this session: {source: {athlete id: Athlete}}
AS_OF_DEFAULT = "_as_of_default"  # the latest logged day when As of was last drawn
DEMO_SHIFT = "_demo_shift"  # the session's demo date shift, fixed when it first loads

SOURCE_LABELS = {"demo": "Bundled demo", "folder": "Data folder", "upload": "Uploaded file"}
PAGES = {
    "roster": "app_pages/roster.py",
    "review": "app_pages/review.py",
    "planner": "app_pages/planner.py",
    "log": "app_pages/log.py",
    "about": "app_pages/about.py",
}


@dataclass
class Selection:
    """What the pages draw: a roster, one athlete in it and the day they look from."""

    source: str  # demo | folder | upload
    key: tuple | None  # the cache key of the roster; None for an upload (never cached)
    results: list[LoadResult]
    athlete: Athlete | None
    as_of: dt.date | None
    folder: Path | None = None
    messages: list[str] = field(default_factory=list)  # link or source warnings

    @property
    def athletes(self) -> list[Athlete]:
        return appstate.athletes_of(self.results)

    @property
    def writable(self) -> bool:
        """Saves go to disk only from a coach's folder, never from the demo or an upload."""
        from legday.io.save import is_writable_folder

        return (
            self.source == "folder" and self.folder is not None and is_writable_folder(self.folder)
        )


# ---------------------------------------------------------------------------- loading


def configured_source() -> appstate.DataSource:
    return appstate.resolve_source(os.environ, sys.argv[1:])


# The roster itself is cached as a shared resource, not as data: st.cache_data would
# hand every call a fresh copy (unpickling every day row of every athlete, on every
# rerun, in every session). The demo and a coach's folder are the same for every
# session of this server, and nothing mutates a loaded Athlete (session edits build new
# ones), so one shared copy is safe. Uploads never come here.
@st.cache_resource(show_spinner="Reading the demo roster...")
def _demo_files() -> list[LoadResult]:
    return demo.load_raw()


@st.cache_resource(show_spinner=False, max_entries=4)
def _demo(shift_days: int) -> list[LoadResult]:
    return demo.shifted(_demo_files(), shift_days)


def demo_shift() -> int:
    """The demo's date shift for this session: fixed on its first run, so a session that
    crosses midnight (or a Sunday into a Monday) keeps one consistent demo world, and
    edits and check-ins kept in the session stay on the dates they were made on."""
    if DEMO_SHIFT not in st.session_state:
        st.session_state[DEMO_SHIFT] = demo.shift_for(_demo_files(), clock.today())
    return int(st.session_state[DEMO_SHIFT])


@st.cache_resource(show_spinner="Reading the athlete files...", max_entries=2)  # per edit
def _folder(folder: str, signature: str) -> list[LoadResult]:
    del signature  # part of the cache key only
    return load_folder(folder)


def source_key(source: str, folder: Path | None) -> tuple:
    if source == "folder" and folder is not None:
        # a digest, not the 386-entry tuple: Streamlit hashes cache arguments on every call
        signature = repr(appstate.folder_signature(folder)).encode()
        return ("folder", str(folder), hashlib.blake2b(signature, digest_size=16).hexdigest())
    return ("demo", demo_shift())


def results_for(key: tuple) -> list[LoadResult]:
    """The roster for a cache key (cached across sessions; never holds an upload)."""
    if key[0] == "folder":
        return _folder(key[1], key[2])
    return _demo(key[1])


def load_results(key: tuple) -> list[LoadResult]:
    """The roster; the cache shows a spinner only when it really reads (no flash)."""
    return results_for(key)


def _athlete_in(key: tuple, athlete_id: str) -> Athlete | None:
    for result in results_for(key):
        if result.athlete is not None and result.athlete.id == athlete_id:
            return result.athlete
    return None


@st.cache_data(show_spinner=False, max_entries=256)
def _weekly_cached(key: tuple, athlete_id: str, as_of: dt.date | None) -> pd.DataFrame:
    athlete = _athlete_in(key, athlete_id)
    return metrics.weekly_table(athlete, as_of) if athlete else metrics._empty_weeks()


@st.cache_data(show_spinner=False, max_entries=256)
def _daily_cached(key: tuple, athlete_id: str, as_of: dt.date | None) -> pd.DataFrame:
    athlete = _athlete_in(key, athlete_id)
    return metrics.daily_frame(athlete, as_of) if athlete else pd.DataFrame()


@st.cache_data(show_spinner=False, max_entries=256)
def _flags_cached(key: tuple, athlete_id: str, as_of: dt.date | None) -> list:
    from legday import flags

    athlete = _athlete_in(key, athlete_id)
    return flags.athlete_flags(athlete, as_of) if athlete else []


@st.cache_data(show_spinner=False, max_entries=256)
def _plan_cached(key: tuple, athlete_id: str, as_of: dt.date | None) -> Any:
    from legday import planner

    athlete = _athlete_in(key, athlete_id)
    return planner.plan_week(athlete, as_of) if athlete else None


def _session_or_cached(sel: Selection, cached, compute, athlete: Athlete | None = None):
    athlete = athlete or sel.athlete
    if athlete is None:
        return None
    if sel.key is None or athlete.id in session_edits(sel.source):
        return compute(athlete, sel.as_of)  # an upload or a session edit: never cached
    return cached(sel.key, athlete.id, sel.as_of)


def weekly(sel: Selection) -> pd.DataFrame:
    return _session_or_cached(sel, _weekly_cached, metrics.weekly_table)


def daily(sel: Selection) -> pd.DataFrame:
    return _session_or_cached(sel, _daily_cached, metrics.daily_frame)


def athlete_flags(sel: Selection, athlete: Athlete | None = None, as_of=None) -> list:
    from legday import flags

    if athlete is not None:  # roster rows: each athlete at its own as-of
        if sel.key is None:
            return flags.athlete_flags(athlete, as_of)
        return _flags_cached(sel.key, athlete.id, as_of)
    return _session_or_cached(sel, _flags_cached, flags.athlete_flags) or []


def plan(sel: Selection) -> Any:
    from legday import planner

    return _session_or_cached(sel, _plan_cached, planner.plan_week)


REVIEW_GRID_WEEKS = 8  # the review page's day grid: the last 8 calendar weeks


def _review_figures(
    athlete: Athlete,
    as_of: dt.date | None,
    weekly_table: pd.DataFrame | None = None,
    daily_frame: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The review page's three figures: ``core``, ``grid`` (None for a weekly-totals
    log, which has no days) and ``load``."""
    from legday import charts

    if weekly_table is None:
        weekly_table = metrics.weekly_table(athlete, as_of)
    units = athlete.units
    grid = None
    if athlete.granularity != "weeks":
        if daily_frame is None:
            daily_frame = metrics.daily_frame(athlete, as_of)
        grid = charts.calendar_grid(daily_frame, units, REVIEW_GRID_WEEKS)
    basis = weekly_table.attrs.get("load_basis", "distance")
    return {
        "core": charts.core_chart(weekly_table, units),
        "grid": grid,
        "load": charts.load_chart(weekly_table, basis, units),
    }


# Building the three figures costs about 80 ms of plotly validation per view; from
# st.cache_data they are unpickled in about a third of that. st.cache_resource would
# be cheaper still but would hand every session the same mutable Figure.
@st.cache_data(show_spinner=False, max_entries=64)
def _review_figures_cached(key: tuple, athlete_id: str, as_of: dt.date | None) -> dict[str, Any]:
    athlete = _athlete_in(key, athlete_id)
    if athlete is None:
        return {}
    return _review_figures(
        athlete,
        as_of,
        _weekly_cached(key, athlete_id, as_of),
        _daily_cached(key, athlete_id, as_of) if athlete.granularity != "weeks" else None,
    )


def review_figures(sel: Selection) -> dict[str, Any]:
    """The selected athlete's review figures, cached like the tables (never an upload's
    or a session edit's)."""
    return _session_or_cached(sel, _review_figures_cached, _review_figures) or {}


@st.cache_data(show_spinner="Reviewing every athlete...", max_entries=16)
def _roster_cached(key: tuple) -> pd.DataFrame:
    return _roster_table(results_for(key))


def _roster_table(results: list[LoadResult]) -> pd.DataFrame:
    """legday.roster's rows (each athlete at its last logged day) plus planner columns."""
    from legday import flags, roster

    reviews = [flags.review(a) for a in appstate.athletes_of(results)]
    extras = [
        appstate.roster_extras(
            r, appstate.planned_position(r.athlete, r.as_of) if r.as_of else None
        )
        for r in reviews
    ]
    return appstate.roster_table(roster.roster_from_reviews(reviews), extras)


def roster_table(sel: Selection) -> pd.DataFrame:
    """One row per athlete, each at its own last logged day, worst first."""
    if sel.key is None or session_edits(sel.source):
        return _roster_table(sel.results)  # an upload or session edits: never cached
    return _roster_cached(sel.key)


# -------------------------------------------------------------------------- selection


def selection() -> Selection:
    """The frame's selection for this run, or defaults when a page runs on its own."""
    sel = st.session_state.get(SELECTION)
    if isinstance(sel, Selection):
        return sel
    return build_selection(configured_source())


@dataclass
class Loaded:
    """The roster of the chosen source (before an athlete and date are picked)."""

    source: str
    key: tuple | None
    results: list[LoadResult]
    folder: Path | None
    messages: list[str]

    @property
    def athletes(self) -> list[Athlete]:
        return appstate.athletes_of(self.results)


def load_source(configured: appstate.DataSource) -> Loaded:
    """The roster of the source picked in the sidebar (demo when nothing else fits)."""
    source = st.session_state.get(SOURCE) or ("folder" if configured.kind == "folder" else "demo")
    upload = st.session_state.get(UPLOAD)
    messages = [configured.message] if configured.message else []
    if source == "upload" and upload:
        results, key, folder = [upload["result"]], None, None
    else:
        if source == "upload" or (source == "folder" and configured.kind != "folder"):
            source = "folder" if configured.kind == "folder" else "demo"
        folder = configured.folder if source == "folder" else None
        key = source_key(source, folder)
        results = load_results(key)
    return Loaded(source, key, _with_session_edits(results, source), folder, messages)


def build_selection(configured: appstate.DataSource, loaded: Loaded | None = None) -> Selection:
    """The data source, athlete and as-of from session state, with safe defaults."""
    loaded = loaded or load_source(configured)
    athletes = loaded.athletes
    ids = [a.id for a in athletes]
    chosen = st.session_state.get(ATHLETE)
    if chosen not in ids:
        chosen = ids[0] if ids else None
    athlete = next((a for a in athletes if a.id == chosen), None)
    as_of = appstate.settle_as_of(
        st.session_state.get(AS_OF), athlete, clock.today(), st.session_state.get(AS_OF_DEFAULT)
    )
    return Selection(
        loaded.source,
        loaded.key,
        loaded.results,
        athlete,
        as_of,
        loaded.folder,
        list(loaded.messages),
    )


def _edits_scope(source: str) -> str:
    """Edits belong to one source (and to one uploaded file): the demo's Dan is not the
    data folder's Dan, and a new upload starts clean."""
    if source == "upload":
        return f"upload:{(st.session_state.get(UPLOAD) or {}).get('file_id', '')}"
    return source


def session_edits(source: str) -> dict[str, Athlete]:
    """Logs kept in this browser session for ``source``, by athlete id."""
    return st.session_state.get(EDITS, {}).get(_edits_scope(source), {})


def keep_edit(source: str, athlete: Athlete) -> None:
    """Keep ``athlete`` (an edited log) in this session in place of the loaded one."""
    scopes = st.session_state.setdefault(EDITS, {})
    scopes.setdefault(_edits_scope(source), {})[athlete.id] = athlete


def _with_session_edits(results: list[LoadResult], source: str) -> list[LoadResult]:
    """Logs kept in this session replace the loaded athlete's days."""
    edits = session_edits(source)
    if not edits:
        return results
    out = []
    for result in results:
        athlete = result.athlete
        if athlete is not None and athlete.id in edits:
            result = LoadResult(result.path, edits[athlete.id], result.problems, result.log_path)
        out.append(result)
    return out


# ---------------------------------------------------------------------------- drawing


#: Severity as a coloured mark and a word: colour without per-cell CSS (a pandas Styler
#: sends a style for every cell and costs the server a pass over the table), and the
#: word keeps it readable without colour. Sorting the text puts act, then watch, first.
SEVERITY_MARKS = {"act": "🔴 act", "watch": "🟠 watch", "info": "🔵 info", "ok": "🟢 ok"}


def severity_marks(values: pd.Series) -> pd.Series:
    """``act`` -> ``🔴 act`` and so on (any other value as it is)."""
    text = values.astype(str)
    return text.map(SEVERITY_MARKS).fillna(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 athlete``, ``2 athletes``, ``0 flags``: a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def md(text: str) -> str:
    """User text made inert for st.markdown (no formatting, no links, no HTML)."""
    return md_escape(str(text))


def no_athlete(sel: Selection) -> None:
    """The empty state when the roster has nobody to show."""
    if sel.results:
        st.error(
            "None of the files could be loaded. The Log page lists every problem "
            "(file, line, message)."
        )
    else:
        st.info(
            "No athletes yet. Put profiles (.yaml) or logs (.csv) in the data folder, "
            "or upload a file on the Log page."
        )
    if st.button("Open the Log page", key="no_athlete_log"):
        st.switch_page(PAGES["log"])


def athlete_header(sel: Selection, title: str) -> None:
    """Page title with the athlete's name as text (never HTML) and the as-of date."""
    athlete = sel.athlete
    st.title(f"{title}: {md_escape(athlete.name)}")
    where = {"demo": "demo roster", "folder": "data folder", "upload": "uploaded file"}
    st.caption(f"as of {sel.as_of:%a %d %b %Y} · units: {athlete.units} · {where[sel.source]}")


def athlete_notes(athlete: Athlete) -> None:
    if athlete.notes:
        with st.expander("Notes about this file", expanded=False):
            for note in athlete.notes:
                st.text(note)
