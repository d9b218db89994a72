"""Shared links: ``?athlete=`` and ``?as_of=`` checked before they are used.

Values from the URL are untrusted: they are checked against a pattern and the loaded
roster, and never joined into a path. app_pages/_links.py reads and writes the link;
the checks live here, without streamlit, so each one is unit-tested (tests/test_links.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from legday.io.load import ATHLETE_ID

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The earliest "as of" a link may ask for; anything before is a typo, not a log.
EARLIEST_AS_OF = dt.date(1990, 1, 1)
#: How far past today a link's "as of" may go (a planned week ahead, not a decade).
FUTURE_DAYS = 366


@dataclass(frozen=True)
class ParamCheck:
    """A checked query-parameter value: ``value`` when usable, else a ``message`` to show."""

    value: Any = None
    message: str | None = None


def check_athlete_param(value: str | None, ids: Iterable[str]) -> ParamCheck:
    """``?athlete=`` from a shared link: a well-formed id that this roster holds."""
    if value is None or value == "":
        return ParamCheck()
    shown = value[:40] + ("..." if len(value) > 40 else "")
    if not ATHLETE_ID.fullmatch(value):
        return ParamCheck(
            message=f"The link asks for athlete '{shown}', which is not a valid athlete id "
            "(lower-case letters, digits and '-'). Showing the roster's first athlete."
        )
    if value not in set(ids):
        return ParamCheck(
            message=f"The link asks for athlete '{shown}', who is not in this roster. "
            "Pick an athlete in the sidebar."
        )
    return ParamCheck(value)


def check_as_of_param(
    value: str | None,
    today: dt.date,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> ParamCheck:
    """``?as_of=YYYY-MM-DD``: a real date, not absurdly early or late, inside the log.

    ``first``/``last`` are the athlete's logged range; a date outside it is refused
    with a message because a review of days that were never logged says nothing.
    """
    if value is None or value == "":
        return ParamCheck()
    shown = value[:20]
    if not _ISO_DATE.match(value):
        return ParamCheck(message=f"as_of '{shown}' is not a date like 2026-03-01; ignored.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return ParamCheck(message=f"as_of '{shown}' is not a real calendar date; ignored.")
    if not EARLIEST_AS_OF <= day <= today + dt.timedelta(days=FUTURE_DAYS):
        return ParamCheck(message=f"as_of {day.isoformat()} is out of range; ignored.")
    if first is not None and day < first:
        return ParamCheck(
            message=f"as_of {day.isoformat()} is before this athlete's log starts "
            f"({first.isoformat()}); showing the latest logged day."
        )
    if last is not None and day > last:
        return ParamCheck(
            message=f"as_of {day.isoformat()} is after this athlete's last logged day "
            f"({last.isoformat()}); showing the latest logged day."
        )
    return ParamCheck(day)
