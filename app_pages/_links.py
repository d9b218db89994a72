"""Shared links: ``?athlete=`` and ``?as_of=`` read once, when a session starts, and
written back on every run so the address in the browser can be shared.

A link is a request, never a permission: the athlete it names must be one this session
may see (``_session.grant``, decided from ``st.user``), checked like any other value
(legday.links). Signed in, a link to anyone else says "not yours" without echoing
the id, and the session stays on its own athletes.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from legday import access, clock, links, session_view

LINK_READ = "_link_read"
LINK_AS_OF = "_link_as_of"
#: A signed-in person's link to an athlete they may not see (the id is not repeated).
NOT_YOURS_LINK = (
    "Not yours: the link is for an athlete you do not coach or are not. "
    "Showing your own athletes instead."
)


def read_athlete(ids: list[str], who: access.Grant, messages: list[str]) -> str | None:
    """On a session's first run, the athlete a shared link asks for (None: no link, or
    one that is refused with a message in ``messages``); later runs ignore the link."""
    if st.session_state.get(LINK_READ):
        return None
    st.session_state[LINK_READ] = True
    st.session_state[LINK_AS_OF] = st.query_params.get("as_of")
    check = links.check_athlete_param(st.query_params.get("athlete"), ids)
    if check.message:
        messages.append(NOT_YOURS_LINK if who.signed_in else check.message)
        return None
    return check.value


def take_as_of(
    today: dt.date, first: dt.date | None, last: dt.date | None, messages: list[str]
) -> dt.date | None:
    """The link's ``as_of`` (once, for the first athlete drawn), checked for the log."""
    check = links.check_as_of_param(st.session_state.pop(LINK_AS_OF, None), today, first, last)
    if check.message:
        messages.append(check.message)
    return check.value


def sync(athlete_id: str | None, as_of: dt.date | None, default: dt.date | None) -> None:
    """Keep the URL shareable: ``?athlete=<id>`` plus ``as_of`` when not the default."""
    wanted: dict[str, str] = {}
    if athlete_id is not None:
        wanted["athlete"] = athlete_id
        if as_of and as_of != default:
            wanted["as_of"] = as_of.isoformat()
    current = {k: st.query_params.get(k) for k in ("athlete", "as_of")}
    if current != {k: wanted.get(k) for k in ("athlete", "as_of")}:
        for key in ("athlete", "as_of"):
            if key in wanted:
                st.query_params[key] = wanted[key]
            elif key in st.query_params:
                del st.query_params[key]


def default_as_of(athlete) -> dt.date:
    return session_view.default_as_of(athlete, clock.today())
