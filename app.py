"""legday's dashboard frame: page setup, the sidebar every page shares, navigation.

Run with ``streamlit run app.py`` (the demo roster), ``LEGDAY_DATA_DIR=FOLDER
streamlit run app.py`` or ``streamlit run app.py -- FOLDER`` (a coach's athletes).
Streamlit runs this file top to bottom on every interaction, then the chosen page;
the page reads what the sidebar chose from ``st.session_state`` (app_pages/_shared.py).

The pages live in ``app_pages/``, not ``pages/``: Streamlit treats a ``pages/`` folder
as the old multipage layout, and a shared link straight to ``/review`` would then run
the page without this frame (no sidebar, no link checks).
"""

from __future__ import annotations

import streamlit as st

from app_pages import _shared as shared
from legday import appstate, clock

NOTICES = "_notices"

st.set_page_config(
    page_title="legday",
    page_icon=":material/directions_run:",
    layout="wide",
    initial_sidebar_state="auto",
)


def _apply_pending() -> None:
    """Values set by a page for the next run (a widget's key can't change once drawn)."""
    if shared.PENDING_SOURCE in st.session_state:
        st.session_state[shared.SOURCE] = st.session_state.pop(shared.PENDING_SOURCE)
    if shared.PENDING_ATHLETE in st.session_state:
        st.session_state[shared.ATHLETE] = st.session_state.pop(shared.PENDING_ATHLETE)


def _source_picker(configured: appstate.DataSource) -> None:
    options = ["demo"]
    if configured.kind == "folder":
        options.insert(0, "folder")
    upload = st.session_state.get(shared.UPLOAD)
    if upload and upload["result"].athlete is not None:  # a broken file is not a source
        options.append("upload")
    if st.session_state.get(shared.SOURCE) not in options:
        st.session_state[shared.SOURCE] = options[0]
    labels = dict(shared.SOURCE_LABELS)
    if configured.folder is not None:
        labels["folder"] = f"Data folder ({shared.md(configured.folder.name)})"
    st.radio(
        "Data",
        options,
        format_func=labels.get,
        key=shared.SOURCE,
        help="The bundled demo roster, the coach's data folder, or a file you "
        "uploaded on the Log page (kept in this browser session only).",
    )


def _read_link(ids: list[str], messages: list[str]) -> None:
    """On a session's first run, take ``?athlete=`` (and ``as_of``) from a shared link."""
    if st.session_state.get("_link_read"):
        return
    st.session_state["_link_read"] = True
    check = appstate.check_athlete_param(st.query_params.get("athlete"), ids)
    if check.message:
        messages.append(check.message)
    elif check.value:
        st.session_state[shared.ATHLETE] = check.value
    st.session_state["_link_as_of"] = st.query_params.get("as_of")


def _athlete_picker(loaded: shared.Loaded, messages: list[str]) -> None:
    athletes = loaded.athletes
    ids = [a.id for a in athletes]
    _read_link(ids, messages)
    if not ids:
        st.caption("No athlete loaded.")
        return
    if st.session_state.get(shared.ATHLETE) not in ids:
        st.session_state[shared.ATHLETE] = ids[0]
    names = {a.id: a.name for a in athletes}
    st.selectbox(
        "Athlete",
        ids,
        format_func=lambda i: names.get(i, i),
        key=shared.ATHLETE,
    )


def _as_of_picker(athlete, messages: list[str]) -> None:
    """The As of widget, its value settled inside the athlete's log range first (the log
    may have changed since the last run; a widget must never get a value out of bounds)."""
    state = st.session_state
    first, last = appstate.log_range(athlete)
    today = clock.today()
    default = appstate.default_as_of(athlete, today)
    if state.get("_as_of_for") != athlete.id:
        state["_as_of_for"] = athlete.id
        state[shared.AS_OF] = default
        linked = state.pop("_link_as_of", None)
        check = appstate.check_as_of_param(linked, today, first, last)
        if check.message:
            messages.append(check.message)
        elif check.value:
            state[shared.AS_OF] = check.value
    else:
        state[shared.AS_OF] = appstate.settle_as_of(
            state.get(shared.AS_OF), athlete, today, state.get(shared.AS_OF_DEFAULT)
        )
    state[shared.AS_OF_DEFAULT] = default
    st.date_input(
        "As of",
        min_value=first or default,
        max_value=last or default,
        key=shared.AS_OF,
        format="YYYY-MM-DD",
        help="Review and plan as if this were the last logged day "
        "(default: the latest day in the log).",
    )


def _sync_link(sel: shared.Selection) -> None:
    """Keep the URL shareable: ``?athlete=<id>`` plus ``as_of`` when not the default."""
    wanted: dict[str, str] = {}
    if sel.athlete is not None:
        wanted["athlete"] = sel.athlete.id
        if sel.as_of and sel.as_of != appstate.default_as_of(sel.athlete, clock.today()):
            wanted["as_of"] = sel.as_of.isoformat()
    current = {k: st.query_params.get(k) for k in ("athlete", "as_of")}
    if current != {k: wanted.get(k) for k in ("athlete", "as_of")}:
        for key in ("athlete", "as_of"):
            if key in wanted:
                st.query_params[key] = wanted[key]
            elif key in st.query_params:
                del st.query_params[key]


def sidebar(configured: appstate.DataSource) -> shared.Selection:
    _apply_pending()
    messages: list[str] = []
    with st.sidebar:
        _source_picker(configured)
        loaded = shared.load_source(configured)
        _athlete_picker(loaded, messages)
        athlete = shared.build_selection(configured, loaded).athlete
        if athlete is not None:
            _as_of_picker(athlete, messages)
        sel = shared.build_selection(configured, loaded)
        if not st.session_state.get(shared.UPLOAD):
            st.page_link(
                shared.PAGES["log"],
                label="Check or import your own file",
                icon=":material/upload_file:",
            )
        if sel.source == "demo":
            st.caption("Demo data. Uploads and edits stay in this browser tab and are never saved.")
        elif sel.source == "upload":
            st.caption("Your uploaded file: only this browser session can see it.")
    # Link warnings wait in the session until a page has shown them (the root URL
    # redirects once, and a message shown only on that run would flash away).
    st.session_state.setdefault(NOTICES, []).extend(messages)
    _sync_link(sel)
    return sel


def _home() -> None:
    """The root URL: the roster for a team, the review for a single athlete.

    A redirect rather than a default page, so every page keeps its own URL
    (``/roster`` works in a shared link like ``/review`` does).
    """
    target = "roster" if len(st.session_state.get(shared.SELECTION).athletes) > 1 else "review"
    st.switch_page(shared.PAGES[target], query_params=st.query_params.to_dict())


page = st.navigation(
    [
        st.Page(_home, title="legday", url_path="home", default=True, visibility="hidden"),
        st.Page(shared.PAGES["roster"], title="Roster", icon=":material/groups:"),
        st.Page(shared.PAGES["review"], title="Athlete review", icon=":material/monitoring:"),
        st.Page(shared.PAGES["planner"], title="Planner", icon=":material/calendar_month:"),
        st.Page(shared.PAGES["log"], title="Log", icon=":material/edit_note:"),
        st.Page(shared.PAGES["about"], title="About", icon=":material/info:"),
    ]
)
selection = sidebar(shared.configured_source())
for message in [*selection.messages, *([clock.PROBLEM] if clock.PROBLEM else [])]:
    st.warning(shared.md(message), icon=":material/folder_off:")
for message in st.session_state.get(NOTICES, []):
    st.warning(shared.md(message), icon=":material/link_off:")  # holds link text
st.session_state[shared.SELECTION] = selection
try:
    page.run()
    st.session_state[NOTICES] = []  # shown on a page that finished drawing
finally:
    # The selection holds this run's roster: drop it so a session keeps no copy.
    st.session_state.pop(shared.SELECTION, None)
