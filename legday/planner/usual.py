"""The usual week the plan starts from: the profile's, the log's, or a default (W1, W2)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from legday.model import WEEKDAYS, Athlete
from legday.planner.history import History

#: Default usual weeks by runs per week (when neither the profile nor the log gives one).
DEFAULT_WEEKS: dict[int, tuple[str, ...]] = {
    0: ("rest", "easy", "rest", "rest", "easy", "rest", "rest"),
    1: ("rest", "easy", "rest", "rest", "rest", "rest", "rest"),
    2: ("rest", "easy", "rest", "rest", "rest", "long", "rest"),
    3: ("rest", "easy", "rest", "hard", "rest", "long", "rest"),
    4: ("rest", "easy", "easy", "hard", "rest", "long", "rest"),
    5: ("rest", "easy", "moderate", "hard", "easy", "long", "rest"),
    6: ("easy", "easy", "moderate", "hard", "easy", "long", "rest"),
    7: ("easy", "easy", "moderate", "hard", "easy", "long", "easy"),
}


def default_week(runs_per_week: float | None) -> dict[str, str]:
    """A plain usual week for ``runs_per_week`` runs (5 when unknown: the article's week)."""
    count = 5 if runs_per_week is None or np.isnan(runs_per_week) else round(runs_per_week)
    return dict(zip(WEEKDAYS, DEFAULT_WEEKS[min(max(count, 0), 7)], strict=True))


def usual_week(
    athlete: Athlete, history: History, week_of: dt.date
) -> tuple[dict[str, str], str | None]:
    """The usual week and, when it did not come straight from the profile, why."""
    profile = athlete.profile
    weekly = athlete.week_totals is not None
    if profile.week is not None:
        given = {day: profile.week.get(day, "rest") for day in WEEKDAYS}
        if profile.week_source == "inferred":
            return given, (
                "W1: no usual week in the profile: it was read from the last 4 weeks of the log."
            )
        if weekly:
            return given, (
                "W2: weekly totals only: distances come from your weekly totals, days from "
                "the usual week in your profile."
            )
        return given, None
    runs_per_week = history.runs_per_week(week_of)
    week = default_week(runs_per_week)
    runs = sum(k != "rest" for k in week.values())
    source = "weekly totals" if weekly else "log"
    shown = ", ".join(f"{d} {k}" for d, k in week.items())
    why = (
        f"about {runs_per_week:g} runs a week in your {source}"
        if runs_per_week is not None
        else "no complete week logged yet"
    )
    return week, (
        f"W{2 if weekly else 1}: no usual week given: a default {runs}-run week is used "
        f"({why}): {shown}. Add `week:` to the profile to plan your real days."
    )
