"""The sidebar every page shares: the data source, the athlete and the As of date, read
from a shared link on a session's first run and written back to the link (_links), and
who is signed in.

Link values are checked, never trusted (legday.links, against the athletes this
session may see); what was wrong with them waits in the session as a notice until a
page has shown it.
"""

from __future__ import annotations

import streamlit as st

from app_pages import _links
from app_pages._session import (
    AS_OF,
    AS_OF_DEFAULT,
    ATHLETE,
    PENDING_ATHLETE,
    PENDING_SOURCE,
    SOURCE,
    Loaded,
    Selection,
    build_selection,
    load_source,
    served_beyond_loopback,
    upload,
)
from app_pages._widgets import PAGES, md
from legday import access, clock
from legday.model import Athlete
from legday.session_view import default_as_of, log_range, settle_as_of
from legday.store.choice import DataSource, stored

NOTICES = "_notices"
SOURCE_LABELS = {
    "demo": "Bundled demo",
    "folder": "Data folder",
    "database": "Database",
    "upload": "Uploaded file",
}


def sidebar(configured: DataSource) -> Selection:
    """Draw the sidebar and return this run's selection."""
    _apply_pending()
    messages: list[str] = []
    with st.sidebar:
        loaded = load_source(configured)
        _source_picker(configured, loaded.grant)
        _athlete_picker(loaded, messages)
        athlete = build_selection(configured, loaded).athlete
        if athlete is not None:
            _as_of_picker(athlete, messages)
        sel = build_selection(configured, loaded)
        if upload() is None:
            st.page_link(
                PAGES["log"], label="Check or import your own file", icon=":material/upload_file:"
            )
        if sel.source == "demo":
            st.caption("Demo data. Uploads and edits stay in this browser tab and are never saved.")
        elif sel.source == "upload":
            st.caption("Your uploaded file: only this browser session can see it.")
        if sel.grant.signed_in:
            signed_in(sel.grant)
    # Link warnings wait in the session until a page has shown them (the root URL
    # redirects once, and a message shown only on that run would flash away).
    st.session_state.setdefault(NOTICES, []).extend(messages)
    default = _links.default_as_of(sel.athlete) if sel.athlete is not None else None
    _links.sync(sel.athlete.id if sel.athlete else None, sel.as_of, default)
    return sel


def signed_in(who: access.Grant) -> None:
    """Who is signed in, as what, and the way out."""
    role = {"coach": "coach", "athlete": "athlete"}.get(who.kind, "no access yet")
    st.caption(f"Signed in as {md(who.email or '')} ({role}).")
    st.button("Sign out", key="sign_out", on_click=st.logout, icon=":material/logout:")


#: A data folder served to the network with nobody asked to sign in (one line a page).
OPEN_FOLDER = (
    "Anyone who can reach this address sees and edits every athlete here: sign-in is "
    "off. docs/deploy.md turns it on (or serve on 127.0.0.1 only)."
)


def warnings(sel: Selection) -> None:
    """The source's and the clock's warnings, and the link notices not yet shown."""
    if stored(sel.source) and sel.grant.kind == "open" and served_beyond_loopback():
        st.warning(OPEN_FOLDER, icon=":material/public:")
    for message in [*sel.messages, *([clock.PROBLEM] if clock.PROBLEM else [])]:
        st.warning(md(message), icon=":material/folder_off:")
    for message in st.session_state.get(NOTICES, []):
        st.warning(md(message), icon=":material/link_off:")  # holds link text


def notices_shown() -> None:
    """A page finished drawing under the notices: they need not wait any longer."""
    st.session_state[NOTICES] = []


def _apply_pending() -> None:
    """Values set by a page for the next run (a widget's key can't change once drawn)."""
    if PENDING_SOURCE in st.session_state:
        st.session_state[SOURCE] = st.session_state.pop(PENDING_SOURCE)
    if PENDING_ATHLETE in st.session_state:
        st.session_state[ATHLETE] = st.session_state.pop(PENDING_ATHLETE)


def _source_picker(configured: DataSource, who: access.Grant) -> None:
    """Demo, folder or upload; signed in, the configured source only (no picker)."""
    if who.signed_in:
        return
    options = ["demo"]
    if stored(configured.kind):
        options.insert(0, configured.kind)
    uploaded = upload()
    if uploaded is not None and uploaded.usable:
        options.append("upload")
    if st.session_state.get(SOURCE) not in options:
        st.session_state[SOURCE] = options[0]
    labels = dict(SOURCE_LABELS)
    if configured.folder is not None:
        labels["folder"] = f"Data folder ({md(configured.folder.name)})"
    st.radio(
        "Data",
        options,
        format_func=labels.get,
        key=SOURCE,
        help="The bundled demo roster, the coach's data folder or database, or a file you "
        "uploaded on the Log page (kept in this browser session only).",
    )


def _athlete_picker(loaded: Loaded, messages: list[str]) -> None:
    names = loaded.names
    ids = list(names)
    linked = _links.read_athlete(ids, loaded.grant, messages)
    if linked is not None:
        st.session_state[ATHLETE] = linked
    if not ids:
        st.caption("No athlete loaded.")
        return
    if st.session_state.get(ATHLETE) not in names:
        st.session_state[ATHLETE] = ids[0]
    st.selectbox("Athlete", ids, format_func=lambda i: names.get(i, i), key=ATHLETE)


def _as_of_picker(athlete: Athlete, messages: list[str]) -> None:
    """The As of widget, its value settled inside the athlete's log range first (the log
    may have changed since the last run; a widget must never get a value out of bounds)."""
    state = st.session_state
    first, last = log_range(athlete)
    today = clock.today()
    default = default_as_of(athlete, today)
    if state.get("_as_of_for") != athlete.id:
        state["_as_of_for"] = athlete.id
        state[AS_OF] = _links.take_as_of(today, first, last, messages) or default
    else:
        state[AS_OF] = settle_as_of(state.get(AS_OF), athlete, today, state.get(AS_OF_DEFAULT))
    state[AS_OF_DEFAULT] = default
    st.date_input(
        "As of",
        min_value=first or default,
        max_value=last or default,
        key=AS_OF,
        format="YYYY-MM-DD",
        help="Review and plan as if this were the last logged day "
        "(default: the latest day in the log).",
    )
