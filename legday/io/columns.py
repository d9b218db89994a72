"""The column specs: one per log format, the single place each limit is written.

``DAY_LOG`` is the daily log (a CSV, a profile's ``days:`` and ``weeks:``),
``WEEK_LOG`` the weekly totals, ``WEEK_KEYS`` the ``week_of`` of a profile's
``weeks:`` entries. docs/data-format.md documents every value.
"""

from __future__ import annotations

from legday.io.checks import (
    Column,
    LogSpec,
    double_days,
    long_run_within_week,
    monday_weeks,
    unique_weeks,
)
from legday.model import DAY_COLUMNS, PAIN_SITES, RUN_KINDS, STRENGTH_LEVELS, WEEK_TOTAL_COLUMNS

#: Words people write for a run kind or session, offered as suggestions (never applied).
RUN_SYNONYMS = {
    "tempo": "hard",
    "interval": "hard",
    "intervals": "hard",
    "speed": "hard",
    "track": "hard",
    "threshold": "hard",
    "recovery": "easy",
    "jog": "easy",
    "off": "rest",
    "none": "rest",
    "xt": "cross",
    "bike": "cross",
    "swim": "cross",
    "medium": "moderate",
    "steady": "moderate",
}
STRENGTH_SYNONYMS = {
    "no": "none",
    "rest": "none",
    "gym": "heavy",
    "weights": "heavy",
    "lift": "heavy",
    "loaded": "heavy",
    "bodyweight": "light",
    "mobility": "light",
    "yes": "heavy",
}

PAIN_SYNONYMS = {
    "knees": "knee",
    "shins": "shin",
    "calves": "calf",
    "achilles tendon": "achilles",
    "heel": "achilles",
    "feet": "foot",
    "hamstrings": "hamstring",
    "hips": "hip",
    "lower back": "back",
    "it band": "knee",
}

_MINUTES = "a day has 1440 minutes"
_RPE = "RPE is 0-10"
_DAY_DISTANCE = "over {high:g} {units} in a day"

DAY_LOG = LogSpec(
    columns=(
        Column("date", "date", required=True),
        Column("run", "choice", blank="rest", choices=RUN_KINDS, synonyms=RUN_SYNONYMS),
        Column("distance", "number", high_days=1, reason=_DAY_DISTANCE),
        Column("minutes", "number", high=1440, reason=_MINUTES),
        Column("rpe", "number", high=10, reason=_RPE),
        Column(
            "strength", "choice", blank="none", choices=STRENGTH_LEVELS, synonyms=STRENGTH_SYNONYMS
        ),
        Column("strength_minutes", "number", high=1440, reason=_MINUTES),
        Column("strength_rpe", "number", high=10, reason=_RPE),
        Column("soreness", "number", high=10, reason="soreness is 0-10"),
        Column("notes", "text"),
        Column("pain", "number", high=10, reason="pain is 0-10"),
        Column("pain_site", "choice", choices=PAIN_SITES, synonyms=PAIN_SYNONYMS),
    ),
    key="date",
    dtypes=DAY_COLUMNS,
    rules=(double_days,),
)

WEEK_LOG = LogSpec(
    columns=(
        Column("week_of", "date", required=True),
        Column("distance", "number", high_days=7, reason="over {high:g} {units} in a week"),
        Column("long_run", "number", high_days=1, reason=_DAY_DISTANCE),
        Column("runs", "number", high=14, reason="over 14 in a week"),
        Column("strength_sessions", "number", high=14, reason="over 14 in a week"),
        Column("soreness", "number", high=10, reason="soreness is 0-10"),
    ),
    key="week_of",
    dtypes=WEEK_TOTAL_COLUMNS,
    rules=(monday_weeks, unique_weeks, long_run_within_week),
)

#: A profile's ``weeks:`` entries, checked by their ``week_of`` alone (days come after).
WEEK_KEYS = LogSpec(
    columns=(Column("week_of", "date", required=True),),
    key="week_of",
    dtypes={"week_of": "datetime64[ns]"},
    rules=(monday_weeks, unique_weeks),
)
