"""An athlete's summary: their roster row, last week's planned against done and the worst
flag, computed by legday.roster's own functions (one place), kept by a store so the
Roster page reads one table instead of reviewing every athlete.

A summary depends on the athlete's files, their saved plan of the last whole week,
legday's code and today (a log that stopped a week ago gets an L1 flag); so a store
computes it again on every write to the athlete and when ``still_true`` says a new
day may change it. It is plain JSON (dates as ISO text, NaN as null), the same in a
database row and in the folder store's cache file.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import orjson
import pandas as pd

from legday import roster, rules
from legday.compliance import PlannedWeek, ReplayCache, code_digest
from legday.flags import review
from legday.model import Athlete
from legday.words import units_note

#: The column a summary adds to the roster and compliance rows: D2's units note.
NOTE = "units_note"


@functools.cache
def code() -> str:
    """legday's code digest: a summary made by other code is made again."""
    return code_digest().hex()


def summarize(
    athlete: Athlete,
    today: dt.date,
    saved: Mapping[dt.date, PlannedWeek] | None = None,
    replays: ReplayCache | None = None,
) -> dict[str, Any]:
    """One athlete's summary as of ``today``: ``roster.table_row`` of their review,
    ``roster.compliance_row`` with the saved plans of ``roster.compliance_weeks`` and
    the units note, as JSON values."""
    item = review(athlete, today=today)
    row = roster.table_row(item)
    row |= roster.compliance_row(athlete, saved or {}, replays, item)
    row[NOTE] = units_note(athlete.profile) or ""
    return {key: _plain(value) for key, value in row.items()}


def still_true(row: Mapping[str, Any], made_on: dt.date, today: dt.date) -> bool:
    """Whether a summary made on ``made_on`` from the same files says the same today.

    Today enters a summary through L1 only (``flags.stale_flag``: a log that stopped
    more than ``rules.STALE_DAYS`` days before today, its message counting the days);
    every other part is as of the athlete's last logged day. So a summary of a log
    that is not stale today (nor then, being earlier) stays true on a new day."""
    if made_on == today:
        return True
    last = row.get("as_of")
    if made_on > today or not last:
        return False
    return (today - dt.date.fromisoformat(last)).days <= rules.STALE_DAYS


def _plain(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, NaN and NaT as None, numpy as Python."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def dumps(row: Mapping[str, Any]) -> str:
    return orjson.dumps(row).decode()


def loads(text: str | bytes) -> dict[str, Any]:
    return orjson.loads(text)


def roster_from_summaries(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The Roster page's table from summaries: ``roster.table_from_rows`` (worst first)
    with ``roster.COMPLIANCE_COLUMNS`` and the units note joined on id."""
    table = roster.table_from_rows(rows)
    return with_compliance(table, roster.compliance_frame(rows), [r.get(NOTE, "") for r in rows])


def with_compliance(
    table: pd.DataFrame, compliance: pd.DataFrame, notes: Sequence[str] | None = None
) -> pd.DataFrame:
    """``roster.roster_table`` and ``roster.compliance_table`` in one (the roster's row
    order), with the units notes in the order of ``compliance``'s rows."""
    compliance = compliance.assign(**{NOTE: list(notes) if notes is not None else ""})
    joined = table.merge(compliance, on="id", how="left", sort=False)
    joined[NOTE] = joined[NOTE].fillna("").astype(str)
    return joined
