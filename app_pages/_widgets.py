"""Small drawing helpers the pages share: words and marks, the athlete's header, the
empty state, and the page files that links and switches point to."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._session import Selection
from legday.model import Athlete
from legday.safe_text import md_escape
from legday.words import plural as plural  # re-exported: the pages count with it
from legday.words import units_note

#: The page files, for st.navigation, st.page_link and st.switch_page.
PAGES = {
    "roster": "app_pages/roster.py",
    "review": "app_pages/review.py",
    "planner": "app_pages/planner.py",
    "log": "app_pages/log.py",
    "about": "app_pages/about.py",
}

#: Severity as a coloured mark and a word: colour without per-cell CSS (a pandas Styler
#: sends a style for every cell and costs the server a pass over the table), and the
#: word keeps it readable without colour. Sorting the text puts act, then watch, first.
SEVERITY_MARKS = {"act": "🔴 act", "watch": "🟠 watch", "info": "🔵 info", "ok": "🟢 ok"}


#: Planned against done, a week's status and a day's: a mark and a word that read
#: without colour (✓, ◐, ✗ are in every common font; an emoji is not in all of them).
#: In Markdown the mark takes the theme's green, orange or red as well.
WEEK_STATUS = {
    "green": ":green[✓ on plan]",
    "yellow": ":orange[◐ partly]",
    "red": ":red[✗ off plan]",
}
NOT_LOGGED = ":red[✗ not logged]"
DAY_STATUS = {"green": "✓ as planned", "yellow": "◐ changed", "red": "✗ off plan"}
#: The roster's column, like its Status column (sorting the text puts red, then yellow,
#: first).
PLAN_STATUS = {"green": "🟢 on plan", "yellow": "🟡 partly", "red": "🔴 off plan"}
PLAN_NOT_LOGGED = "🔴 not logged"


def severity_marks(values: pd.Series) -> pd.Series:
    """``act`` -> ``🔴 act`` and so on (any other value as it is)."""
    text = values.astype(str)
    return text.map(SEVERITY_MARKS).fillna(text)


def md(text: str) -> str:
    """User text made inert for st.markdown (no formatting, no links, no HTML)."""
    return md_escape(str(text))


def note(text: str) -> str:
    """One of legday's own notes (D2's units note, legday.words) for st.markdown:
    escaped as ``md`` escapes user text, but with its `code` spans kept (they name the
    YAML key to add; a code span holds no link and no HTML)."""
    return md(text).replace("\\`", "`")


#: A page or a link this person may not open: said briefly, with nothing of its data.
NOT_YOURS = (
    "Not yours: this page shows other athletes, so it stays with their coach. "
    "Your own pages are in the menu."
)


def allowed(sel: Selection, page: str) -> bool:
    """Whether this session's grant opens ``page``; if not, the short "not yours" note
    (every page asks, whatever the navigation shows)."""
    if sel.grant.may_open(page):
        return True
    st.info(NOT_YOURS, icon=":material/lock:")
    return False


def no_athlete(sel: Selection) -> None:
    """The empty state when the roster has nobody to show."""
    if sel.broken:
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
    st.title(f"{title}: {md(athlete.name)}")
    where = {
        "demo": "demo roster", "folder": "data folder", "database": "database",
        "upload": "uploaded file",
    }  # fmt: skip
    st.caption(f"as of {sel.as_of:%a %d %b %Y} · units: {athlete.units} · {where[sel.source]}")
    assumed = units_note(athlete.profile)
    if assumed:  # D2: say what was assumed, and how to change it
        st.warning(note(assumed), icon=":material/straighten:")


def athlete_notes(athlete: Athlete) -> None:
    if athlete.notes:
        with st.expander("Notes about this file", expanded=False):
            for note in athlete.notes:
                st.text(note)
