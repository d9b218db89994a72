"""Flags as values: one thing for the coach, with its rule, urgency and evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from legday import rules
from legday.metrics import DayArrays
from legday.model import Athlete
from legday.words import DAY_ABBR
from legday.words import plural as plural  # re-exported: legday.flags names it

FlagSeverity = Literal["info", "watch", "act"]
#: Sort order: worst first means highest rank first.
SEVERITY_RANK: dict[str, int] = {"info": 0, "watch": 1, "act": 2}
ABBR = DAY_ABBR


@dataclass(frozen=True)
class Flag:
    """One thing for the coach: when, which rule, how urgent, why, and how sure we are."""

    date: dt.date
    rule: str
    severity: FlagSeverity
    message: str
    evidence: str

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def to_dict(self) -> dict:
        """The JSON shape (``legday report``): the fields, the date as YYYY-MM-DD
        (written out: ``dataclasses.asdict`` deep-copies, 40,000 flags a roster)."""
        return {
            "date": self.date.isoformat(),
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Review:
    """Everything the report, roster and app pages need about one athlete, computed once."""

    athlete: Athlete
    as_of: dt.date | None
    weekly: pd.DataFrame
    flags: list[Flag]
    arrays: DayArrays | None = None  # the days up to as_of (None for weekly totals)


def flag(day: dt.date, rule_id: str, severity: FlagSeverity, message: str) -> Flag:
    return Flag(day, rule_id, severity, message, rules.evidence(rule_id))


def number(x: float) -> str:
    """12 -> "12", 12.345 -> "12.3": numbers a coach reads in a sentence."""
    v = float(x)
    return f"{v:.1f}".removesuffix(".0") if v == v else "?"


def day_label(day: dt.date) -> str:
    return f"{ABBR[day.weekday()]} {day.isoformat()}"
