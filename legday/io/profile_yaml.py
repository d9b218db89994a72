"""Athlete profiles in YAML, with the log as a CSV path, inline ``days:`` or ``weeks:``.

Values come from ``yaml_text.safe_load`` (safe constructors only). Line numbers for
messages come from the node tree, composed only when a message needs one. The keys
are a public contract, documented in docs/data-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from legday.io.inline_log import read_days, read_sets, read_weeks
from legday.io.problems import LineRef, ProblemSink, clip, suggest
from legday.io.text import decode_text
from legday.io.yaml_text import FAILED, Lines, check_keys, safe_load
from legday.model import (
    AFTER_BLOCK,
    EQUIPMENT,
    PRIORITIES,
    SEASONS,
    SIDES,
    UNITS,
    WEEK_RUN_KINDS,
    WEEKDAYS,
    WEIGHT_UNITS,
    Problem,
    Race,
)

PROFILE_KEYS = (
    "name",
    "units",
    "week",
    "season",
    "races",
    "strength",
    "log",
    "days",
    "weeks",
    "weights",
    "strength_log",
    "sets",
)
RACE_KEYS = ("name", "date", "distance", "priority")
STRENGTH_KEYS = ("block_start", "weaker_side", "days", "equipment", "after_block")
#: Named race distances, in miles and kilometres.
NAMED_DISTANCES = {
    "marathon": (26.2, 42.195),
    "half": (13.1, 21.1),
    "half marathon": (13.1, 21.1),
    "half-marathon": (13.1, 21.1),
    "10k": (6.2, 10.0),
    "5k": (3.1, 5.0),
}
#: Suggestions for common spellings of choice values (never applied silently).
CHOICE_SYNONYMS = {
    "miles": "mi",
    "mile": "mi",
    "kilometres": "km",
    "kilometers": "km",
    "kms": "km",
    "offseason": "off-season",
    "off": "off-season",
    "base": "off-season",
    "race": "race-season",
    "racing": "race-season",
    "in-season": "race-season",
    "a-race": "A",
    "b-race": "B",
    "c-race": "C",
    "goal": "A",
    "tune-up": "B",
    "tuneup": "B",
    "training": "C",
    "barbell": "gym",
    "machines": "gym",
    "dumbbells": "home",
    "dumbells": "home",
    "bands": "home",
    "bodyweight": "none",
    "body weight": "none",
    "no": "none",
    "keep": "maintain",
    "maintenance": "maintain",
    "hold": "maintain",
    "repeat": "new",
    "restart": "new",
    "next": "new",
    "kgs": "kg",
    "kilos": "kg",
    "kilograms": "kg",
    "lbs": "lb",
    "pounds": "lb",
    "pound": "lb",
}
WEEKDAY_SYNONYMS = {
    "monday": "mon",
    "tues": "tue",
    "tuesday": "tue",
    "weds": "wed",
    "wednesday": "wed",
    "thur": "thu",
    "thurs": "thu",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


@dataclass
class ProfileDoc:
    """What a profile file says, checked; the log itself is read by the caller."""

    name: str = ""
    units: str = "mi"
    units_assumed: bool = False  # D2: the profile has no units: key
    week: dict[str, str] | None = None
    season: str | None = None
    races: list[Race] = field(default_factory=list)
    block_start: dt.date | None = None
    weaker_side: str = "none"
    strength_days: tuple[str, ...] | None = None
    equipment: str = "gym"
    after_block: str = "new"
    log: str | None = None  # path text as written, relative to the profile
    days: pd.DataFrame | None = None  # from days: or weeks:
    weight_unit: str = "kg"  # weights:
    strength_log: str | None = None  # the sets log's path text, relative to the profile
    sets: pd.DataFrame | None = None  # from sets:
    ok: bool = False
    lines: Lines | None = field(default=None, repr=False, compare=False)

    @property
    def log_line(self) -> int | None:
        """The line of ``log:``, found only when a message about the log needs it."""
        return self.lines.of("log") if self.lines is not None and self.log is not None else None

    @property
    def strength_log_line(self) -> int | None:
        """The line of ``strength_log:``, found only when a message needs it."""
        known = self.lines is not None and self.strength_log is not None
        return self.lines.of("strength_log") if known else None


def read_profile(data: bytes, path: str, today: dt.date | None) -> tuple[ProfileDoc, list[Problem]]:
    """Parse and check a profile. ``doc.ok`` is False when it has errors."""
    doc = ProfileDoc()
    text, problems = decode_text(data, path)
    sink = ProblemSink(path)
    sink.extend(problems)
    if text is None:
        return doc, sink.finish()
    content = safe_load(text, sink)
    if content is FAILED:
        return doc, sink.finish()
    lines = Lines(text)
    if not isinstance(content, dict):
        kind = "empty" if content is None else f"a {_yaml_type(content)}"
        sink.add(
            1,
            "error",
            f"a profile must be a YAML mapping of keys (name:, units:, week:, ...), not {kind}",
        )
        return doc, sink.finish()
    check_keys(content, PROFILE_KEYS, lines, (), sink, "profile")
    doc.name = _read_name(content, lines, sink)
    doc.units = _read_choice(content, "units", UNITS, "mi", lines.at("units"), sink)
    doc.units_assumed = "units" not in content
    doc.week = _read_week(content, lines, sink)
    if content.get("season"):
        doc.season = _read_choice(content, "season", SEASONS, None, lines.at("season"), sink)
    doc.races = _read_races(content, doc.units, lines, sink)
    _read_strength(content, doc, lines, sink)
    _read_log(content, doc, lines, sink, today)
    doc.weight_unit = _read_choice(
        content, "weights", WEIGHT_UNITS, "kg", lines.at("weights"), sink
    )
    _read_sets(content, doc, lines, sink, today)
    doc.ok = not sink.has_errors
    return doc, sink.finish()


def _read_log(
    content: dict, doc: ProfileDoc, lines: Lines, sink: ProblemSink, today: dt.date | None
) -> None:
    """``log:`` (a path, read by the caller), ``days:`` or ``weeks:``: one of them."""
    sources = [k for k in ("log", "days", "weeks") if content.get(k) is not None]
    if len(sources) > 1:
        sink.add(
            lines.of(sources[1]),
            "error",
            f"the profile has {' and '.join(sources)}; give the log one way only",
        )
    elif sources == ["log"]:
        if isinstance(content["log"], str) and content["log"].strip():
            doc.log, doc.lines = content["log"].strip(), lines
        else:
            sink.add(lines.of("log"), "error", "log: must be a path to a CSV file")
    elif sources == ["days"]:
        doc.days = read_days(content["days"], doc.units, lines, sink, today)
    elif sources == ["weeks"]:
        doc.days = read_weeks(content["weeks"], doc.units, lines, sink, today)


def _read_sets(
    content: dict, doc: ProfileDoc, lines: Lines, sink: ProblemSink, today: dt.date | None
) -> None:
    """``strength_log:`` (a sets log's path, read by the caller) or ``sets:``: one of them."""
    sources = [k for k in ("strength_log", "sets") if content.get(k) is not None]
    if len(sources) > 1:
        message = "the profile has strength_log and sets; give the sets one way only"
        sink.add(lines.of("sets"), "error", message)
    elif sources == ["strength_log"]:
        if isinstance(content["strength_log"], str) and content["strength_log"].strip():
            doc.strength_log, doc.lines = content["strength_log"].strip(), lines
        else:
            sink.add(
                lines.of("strength_log"), "error", "strength_log: must be a path to a CSV file"
            )
    elif sources == ["sets"]:
        doc.sets = read_sets(content["sets"], doc.weight_unit, lines, sink, today)


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__


def _read_name(content: dict, lines: Lines, sink: ProblemSink) -> str:
    name = content.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        sink.add(lines.of("name") or 1, "error", "name: is required (the athlete's name)")
        return ""
    if isinstance(name, (dict, list)):
        sink.add(lines.of("name"), "error", "name: must be text")
        return ""
    return clip(str(name).strip(), 120)


def _read_choice(
    mapping: Mapping,
    key: str,
    choices: tuple[str, ...],
    default: str | None,
    line: LineRef,
    sink: ProblemSink,
    label: str = "",
) -> Any:
    """One of ``choices`` in any case, written as the choice is; else the default."""
    value = mapping.get(key)
    if value is None:
        return default
    text = str(value).strip().lower()
    canonical = {choice.lower(): choice for choice in choices}
    if text not in canonical:
        sink.add(
            line,
            "error",
            f"{label}{key}: '{clip(str(value))}' is not one of {', '.join(choices)}"
            + suggest(text, choices, CHOICE_SYNONYMS),
        )
        return default
    return canonical[text]


def _read_week(content: dict, lines: Lines, sink: ProblemSink) -> dict[str, str] | None:
    week = content.get("week")
    if week is None:
        return None
    if not isinstance(week, dict):
        sink.add(lines.of("week"), "error", "week: must map mon .. sun to a run kind")
        return None
    result: dict[str, str] = {}
    for key, kind in week.items():
        day = str(key).strip().lower()[:3]
        line = lines.at("week", str(key))
        if day not in WEEKDAYS or not str(key).strip().lower().startswith(day):
            sink.add(line, "error", f"week: '{clip(str(key))}' is not a weekday (mon .. sun)")
            continue
        text = str(kind).strip().lower() if kind is not None else "rest"
        if text == "race":
            sink.add(line, "error", "week: race is not a weekly habit; list races under races:")
        elif text not in WEEK_RUN_KINDS:
            sink.add(
                line,
                "error",
                f"week: {day} '{clip(str(kind))}' is not one of {', '.join(WEEK_RUN_KINDS)}"
                + suggest(text, WEEK_RUN_KINDS),
            )
        else:
            result[day] = text
    given = {str(key).strip().lower()[:3] for key in week}
    missing = [d for d in WEEKDAYS if d not in given]
    if missing:
        sink.add(
            lines.of("week"), "warning", f"week: {', '.join(missing)} not given; taken as rest"
        )
    return {d: result.get(d, "rest") for d in WEEKDAYS}


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _read_date(value: Any, label: str, line: LineRef, sink: ProblemSink) -> dt.date | None:
    day = _as_date(value)
    if day is None:
        sink.add(
            line,
            "error",
            f"{label} '{clip(str(value))}' is not a date in YYYY-MM-DD form "
            "(for 5 March 2026 write 2026-03-05)",
        )
    return day


def _read_races(content: dict, units: str, lines: Lines, sink: ProblemSink) -> list[Race]:
    races = content.get("races")
    if races is None:
        return []
    if not isinstance(races, list):
        message = "races: must be a list of {name, date, distance, priority}"
        sink.add(lines.of("races"), "error", message)
        return []
    result = []
    for i, race in enumerate(races):
        line = lines.at("races", i)
        if not isinstance(race, dict):
            sink.add(line, "error", "each race must be a mapping {name, date, distance, priority}")
            continue
        check_keys(race, RACE_KEYS, lines, ("races", i), sink, "race")
        name = str(race.get("name") or "").strip() or "Race"
        if race.get("date") is None:
            sink.add(line, "error", f"race '{clip(name)}' has no date")
            continue
        day = _read_date(race["date"], "race date", lines.at("races", i, "date"), sink)
        distance = _race_distance(
            race.get("distance"), units, lines.at("races", i, "distance"), sink
        )
        at = lines.at("races", i, "priority")
        priority = _read_choice(race, "priority", PRIORITIES, "A", at, sink, "race ")
        if day is not None:
            result.append(Race(clip(name, 120), day, distance, priority))
    return sorted(result, key=lambda r: r.date)


def _race_distance(value: Any, units: str, line: LineRef, sink: ProblemSink) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        sink.add(line, "error", "race distance must be a number or a name like marathon, half, 10k")
        return None
    if isinstance(value, (int, float)):
        if not np.isfinite(value) or value <= 0 or value > 1000:
            sink.add(line, "error", f"race distance {value} is not a possible distance")
            return None
        return float(value)
    named = NAMED_DISTANCES.get(str(value).strip().lower())
    if named is None:
        sink.add(
            line,
            "error",
            f"race distance '{clip(str(value))}' is not a number or one of "
            f"{', '.join(NAMED_DISTANCES)}",
        )
        return None
    return named[0] if units == "mi" else named[1]


def _read_strength(content: dict, doc: ProfileDoc, lines: Lines, sink: ProblemSink) -> None:
    """``strength:``: the block's start, the weaker side, days, equipment, what comes next."""
    strength = content.get("strength")
    if strength is None:
        return
    if not isinstance(strength, dict):
        message = "strength: must be a mapping {block_start, weaker_side, days, equipment, ...}"
        sink.add(lines.of("strength"), "error", message)
        return
    check_keys(strength, STRENGTH_KEYS, lines, ("strength",), sink, "strength")
    if strength.get("block_start") is not None:
        doc.block_start = _read_date(
            strength["block_start"],
            "strength block_start",
            lines.at("strength", "block_start"),
            sink,
        )

    def choice(key: str, choices: tuple[str, ...], default: str) -> str:
        at = lines.at("strength", key)
        return _read_choice(strength, key, choices, default, at, sink, "strength ")

    doc.weaker_side = choice("weaker_side", SIDES, "none")
    doc.equipment = choice("equipment", EQUIPMENT, "gym")
    doc.after_block = choice("after_block", AFTER_BLOCK, "new")
    doc.strength_days = _read_strength_days(strength.get("days"), lines, sink)


def _read_strength_days(value: Any, lines: Lines, sink: ProblemSink) -> tuple[str, ...] | None:
    """The only weekdays leg sessions may go on, in week order; None (any day) when not given."""
    if value is None:
        return None
    example = "a list of weekdays such as [mon, thu]"
    if not isinstance(value, list):
        sink.add(lines.at("strength", "days"), "error", f"strength days: must be {example}")
        return None
    if not value:
        message = "strength days: name at least one weekday (or leave days: out for any day)"
        sink.add(lines.at("strength", "days"), "error", message)
        return None
    chosen: list[str] = []
    errors = False
    for i, item in enumerate(value):
        text = str(item).strip().lower() if item is not None else ""
        line = lines.at("strength", "days", i)
        if text not in WEEKDAYS:
            sink.add(
                line,
                "error",
                f"strength days: '{clip(str(item))}' is not one of {', '.join(WEEKDAYS)}"
                + suggest(text, WEEKDAYS, WEEKDAY_SYNONYMS),
            )
            errors = True
        elif text in chosen:
            sink.add(line, "error", f"strength days: '{text}' is listed twice")
            errors = True
        else:
            chosen.append(text)
    return None if errors else tuple(day for day in WEEKDAYS if day in chosen)
