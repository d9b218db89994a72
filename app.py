"""legday's dashboard frame: page setup, navigation, the shared sidebar, then the page.

Run with ``streamlit run app.py`` (the demo roster), ``LEGDAY_DATA_DIR=FOLDER
streamlit run app.py`` or ``streamlit run app.py -- FOLDER`` (a coach's athletes).
Streamlit runs this file top to bottom on every interaction, then the chosen page:
the sidebar (app_pages/_sidebar.py) builds the selection, and the page reads it
(app_pages/_selection.py).

The pages live in ``app_pages/``, not ``pages/``: Streamlit treats a ``pages/`` folder
as the old multipage layout, and a shared link straight to ``/review`` would then run
the page without this frame (no sidebar, no link checks).
"""

from __future__ import annotations

import streamlit as st

from app_pages import _sidebar
from app_pages._selection import SELECTION, configured_source
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
    target = "roster" if len(st.session_state[SELECTION].athletes) > 1 else "review"
    st.switch_page(PAGES[target], query_params=st.query_params.to_dict())


page = st.navigation(
    [
        st.Page(_home, title="legday", url_path="home", default=True, visibility="hidden"),
        st.Page(PAGES["roster"], title="Roster", icon=":material/groups:"),
        st.Page(PAGES["review"], title="Athlete review", icon=":material/monitoring:"),
        st.Page(PAGES["planner"], title="Planner", icon=":material/calendar_month:"),
        st.Page(PAGES["log"], title="Log", icon=":material/edit_note:"),
        st.Page(PAGES["about"], title="About", icon=":material/info:"),
    ]
)
selection = _sidebar.sidebar(configured_source())
_sidebar.warnings(selection)
st.session_state[SELECTION] = selection
try:
    page.run()
    _sidebar.notices_shown()
finally:
    # The selection holds this run's roster: drop it so a session keeps no copy.
    st.session_state.pop(SELECTION, None)
