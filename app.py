"""legday's dashboard frame: page setup, who is signed in, navigation, the shared sidebar,
then the page.

Run with ``streamlit run app.py`` (the demo roster), ``LEGDAY_DATA_DIR=FOLDER
streamlit run app.py`` or ``streamlit run app.py -- FOLDER`` (a coach's athletes).
Streamlit runs this file top to bottom on every interaction, then the chosen page:
the grant (what this person may see, app_pages/_session.py) is decided first, from
``st.user`` and the access file; the sidebar builds the selection within it, and the
page reads it. Someone who may see nothing (signed out, or in no list) gets the
sign-in or the "ask your coach" page instead (app_pages/_signin.py), whatever the URL.

The pages live in ``app_pages/``, not ``pages/``: Streamlit treats a ``pages/`` folder
as the old multipage layout, and a shared link straight to ``/review`` would then run
the page without this frame (no sidebar, no link checks, no sign-in).
"""

from __future__ import annotations

import streamlit as st

from app_pages import _session, _sidebar, _signin
from app_pages._session import SELECTION, configured_source
from app_pages._widgets import PAGES

st.set_page_config(
    page_title="legday",
    page_icon=":material/directions_run:",
    layout="wide",
    initial_sidebar_state="auto",
)


def _home() -> None:
    """The root URL: the roster for a team, the review for a single athlete.

    A redirect rather than a default page, so every page keeps its own URL
    (``/roster`` works in a shared link like ``/review`` does).
    """
    target = "roster" if len(st.session_state[SELECTION].names) > 1 else "review"
    st.switch_page(PAGES[target], query_params=st.query_params.to_dict())


configured = configured_source()
who = _session.grant(configured)
# Pages this person may not open stay reachable by URL (each says "not yours"), but
# the menu does not offer them.
shown = {name: "visible" if who.may_open(name) else "hidden" for name in PAGES}
page = st.navigation(
    [
        st.Page(_home, title="legday", url_path="home", default=True, visibility="hidden"),
        st.Page(
            PAGES["roster"], title="Roster", icon=":material/groups:", visibility=shown["roster"]
        ),
        st.Page(
            PAGES["review"],
            title="Athlete review",
            icon=":material/monitoring:",
            visibility=shown["review"],
        ),
        st.Page(
            PAGES["planner"],
            title="Planner",
            icon=":material/calendar_month:",
            visibility=shown["planner"],
        ),
        st.Page(PAGES["log"], title="Log", icon=":material/edit_note:", visibility=shown["log"]),
        st.Page(PAGES["about"], title="About", icon=":material/info:", visibility=shown["about"]),
    ],
    position="sidebar" if who.sees_data else "hidden",
)
if not who.sees_data:
    _signin.gate(who)
    st.stop()
selection = _sidebar.sidebar(configured)
_sidebar.warnings(selection)
st.session_state[SELECTION] = selection
try:
    page.run()
    _sidebar.notices_shown()
finally:
    # The selection holds this run's roster: drop it so a session keeps no copy.
    st.session_state.pop(SELECTION, None)
