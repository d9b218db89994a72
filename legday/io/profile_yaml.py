"""Athlete profiles in YAML, with the log as a CSV path, inline ``days:`` or ``weeks:``.

Values come from ``yaml.safe_load`` only. Line numbers for messages come from the
node tree of ``yaml.compose`` with the safe loader, which builds no objects.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import yaml

from legday.io.fast_days import fast_days
from legday.io.rows import LineRef, ProblemSink, build_days, clip, suggest
from legday.io.text import decode_text
from legday.model import (
    DAY_COLUMNS,
    SEASONS,
    SIDES,
    UNITS,
    WEEK_RUN_KINDS,
    WEEKDAYS,
    Race,
)

PROFILE_KEYS = ("name", "units", "week", "season", "races", "strength", "log", "days", "weeks")
RACE_KEYS = ("name", "date", "distance")
STRENGTH_KEYS = ("block_start", "weaker_side")
#: Aliases a plain profile never needs; more than this is refused before expansion.
MAX_ALIASES = 20
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
}
_ALIAS = re.compile(r"(?<![\w'\"])\*[^\s,\[\]{}]+")


@dataclass
class ProfileDoc:
    """What a profile file says, checked; the log itself is read by the caller."""

    name: str = ""
    units: str = "mi"
    week: dict[str, str] | None = None
    season: str | None = None
    races: list[Race] = field(default_factory=list)
    block_start: dt.date | None = None
    weaker_side: str = "none"
    log: str | None = None  # path text as written, relative to the profile
    days: pd.DataFrame | None = None  # from days: or weeks:
    ok: bool = False
    lines: _Lines | None = field(default=None, repr=False, compare=False)

    @property
    def log_line(self) -> int | None:
        """The line of ``log:``, found only when a message about the log needs it."""
        return self.lines.of("log") if self.lines is not None and self.log is not None else None


class _Lines:
    """Line numbers (1-based) of keys and list items, from the composed node tree.

    The tree is composed only when a message needs a line: a clean profile is
    parsed once, by ``yaml.safe_load``. Pass ``at(...)`` (not ``of(...)``) to
    ``ProblemSink.add`` wherever the message may not be written.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    @property
    def root(self) -> yaml.Node | None:
        if not self._composed:
            self._root, self._composed = _compose(self._text), True
        return self._root

    def at(self, *path: str | int) -> Callable[[], int | None]:
        """``of(*path)``, deferred until a message is written."""
        return partial(self.of, *path)

    def key(self, *path: str | int) -> int | None:
        """The line of the last key itself (where a typo in it is)."""
        parent = self.root
        for step in path[:-1]:
            parent = self._child(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(path[-1]):
                    return key.start_mark.line + 1
        return self.of(*path)

    def of(self, *path: str | int) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for step in path:
            node = self._child(node, step)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    @staticmethod
    def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == step:
                    return value if isinstance(value, yaml.Node) else key
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step >= 0:
            return node.value[step] if step < len(node.value) else None
        return None


def read_profile(data: bytes, path: str, today: dt.date | None) -> tuple[ProfileDoc, list]:
    """Parse and check a profile. ``doc.ok`` is False when it has errors."""
    doc = ProfileDoc()
    text, problems = decode_text(data, path)
    sink = ProblemSink(path)
    sink.problems.extend(problems)
    if text is None:
        return doc, sink.finish()
    content = _safe_load(text, sink)
    if content is _FAILED:
        return doc, sink.finish()
    lines = _Lines(text)
    if not isinstance(content, dict):
        kind = "empty" if content is None else f"a {_yaml_type(content)}"
        sink.add(
            1,
            "error",
            f"a profile must be a YAML mapping of keys (name:, units:, week:, ...), not {kind}",
        )
        return doc, sink.finish()
    _check_keys(content, PROFILE_KEYS, lines, (), sink, "profile")
    doc.name = _read_name(content, lines, sink)
    doc.units = _read_choice(content, "units", UNITS, "mi", lines, sink)
    doc.week = _read_week(content, lines, sink)
    season = content.get("season")
    doc.season = _read_choice(content, "season", SEASONS, None, lines, sink) if season else None
    doc.races = _read_races(content, doc.units, lines, sink)
    doc.block_start, doc.weaker_side = _read_strength(content, lines, sink)
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
        doc.days = _read_days(content["days"], doc.units, lines, sink, today)
    elif sources == ["weeks"]:
        doc.days = _read_weeks(content["weeks"], doc.units, lines, sink, today)
    doc.ok = not sink.has_errors
    return doc, sink.finish()


_FAILED = object()


def _safe_load(text: str, sink: ProblemSink) -> Any:
    aliases = len(_ALIAS.findall(text)) if "&" in text else 0
    if aliases > MAX_ALIASES:
        sink.add(
            None,
            "error",
            f"the YAML uses {aliases} aliases (*name); profiles need none, and more than "
            f"{MAX_ALIASES} is refused so that alias bombs cannot expand",
        )
        return _FAILED
    try:
        return yaml.safe_load(text)
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        tag = f" {exc.problem.split('tag ')[-1]}" if exc.problem and "tag" in exc.problem else ""
        sink.add(line, "error", f"unsupported YAML tag{tag}: legday reads plain YAML only")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "cannot be parsed"
        sink.add(line, "error", f"YAML syntax error: {what}")
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        sink.add(None, "error", f"YAML cannot be read: {type(exc).__name__}")
    return _FAILED


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__


def _check_keys(
    mapping: dict, known: tuple[str, ...], lines: _Lines, where: tuple, sink: ProblemSink, what: str
) -> None:
    for key in mapping:
        if key in known:
            continue
        text = str(key)
        close = difflib.get_close_matches(text.lower(), known, n=1, cutoff=0.7)
        line = lines.key(*where, text) if isinstance(key, str) else lines.of(*where)
        if close:
            sink.add(
                line, "error", f"unknown {what} key '{clip(text)}': did you mean '{close[0]}'?"
            )
        else:
            sink.add(
                line,
                "warning",
                f"unknown {what} key '{clip(text)}' is ignored (known: {', '.join(known)})",
                f"unknown {what} key",
            )


def _read_name(content: dict, lines: _Lines, sink: ProblemSink) -> str:
    name = content.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        sink.add(lines.of("name") or 1, "error", "name: is required (the athlete's name)")
        return ""
    if isinstance(name, (dict, list)):
        sink.add(lines.of("name"), "error", "name: must be text")
        return ""
    return clip(str(name).strip(), 120)


def _read_choice(
    content: dict,
    key: str,
    choices: tuple[str, ...],
    default: str | None,
    lines: _Lines,
    sink: ProblemSink,
) -> Any:
    value = content.get(key)
    if value is None:
        return default
    text = str(value).strip().lower()
    if text not in choices:
        sink.add(
            lines.of(key),
            "error",
            f"{key}: '{clip(str(value))}' is not one of {', '.join(choices)}"
            + suggest(text, choices, CHOICE_SYNONYMS),
        )
        return default
    return text


def _read_week(content: dict, lines: _Lines, sink: ProblemSink) -> dict[str, str] | None:
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


def _read_races(content: dict, units: str, lines: _Lines, sink: ProblemSink) -> list[Race]:
    races = content.get("races")
    if races is None:
        return []
    if not isinstance(races, list):
        sink.add(lines.of("races"), "error", "races: must be a list of {name, date, distance}")
        return []
    result = []
    for i, race in enumerate(races):
        line = lines.at("races", i)
        if not isinstance(race, dict):
            sink.add(line, "error", "each race must be a mapping {name, date, distance}")
            continue
        _check_keys(race, RACE_KEYS, lines, ("races", i), sink, "race")
        name = str(race.get("name") or "").strip() or "Race"
        if race.get("date") is None:
            sink.add(line, "error", f"race '{clip(name)}' has no date")
            continue
        day = _read_date(race["date"], "race date", lines.at("races", i, "date"), sink)
        distance = _race_distance(
            race.get("distance"), units, lines.at("races", i, "distance"), sink
        )
        if day is not None:
            result.append(Race(clip(name, 120), day, distance))
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


def _read_strength(content: dict, lines: _Lines, sink: ProblemSink) -> tuple[dt.date | None, str]:
    strength = content.get("strength")
    if strength is None:
        return None, "none"
    if not isinstance(strength, dict):
        sink.add(lines.of("strength"), "error", "strength: must be {block_start, weaker_side}")
        return None, "none"
    _check_keys(strength, STRENGTH_KEYS, lines, ("strength",), sink, "strength")
    block_start = None
    if strength.get("block_start") is not None:
        block_start = _read_date(
            strength["block_start"],
            "strength block_start",
            lines.at("strength", "block_start"),
            sink,
        )
    side = _read_choice(strength, "weaker_side", SIDES, "none", _Sub(lines, "strength"), sink)
    return block_start, side


class _Sub:
    """Line lookups relative to one top-level key."""

    def __init__(self, lines: _Lines, key: str) -> None:
        self.lines = lines
        self.key = key

    def of(self, *path: str | int) -> int | None:
        return self.lines.of(self.key, *path)


class _RowLines:
    """Each row's line, looked up only for the rows a message is about."""

    def __init__(self, lines: _Lines, paths: list[tuple]) -> None:
        self.lines = lines
        self.paths = paths

    def __getitem__(self, pos: int) -> int:
        return self.lines.of(*self.paths[pos]) or 0

    def __len__(self) -> int:
        return len(self.paths)


def _cell(value: Any) -> tuple[str, bool]:
    """A YAML scalar as the text a CSV cell would hold; False when it is not a scalar."""
    if value is None:
        return "", True
    if isinstance(value, (dict, list)):
        return "", False
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat(), True
    return str(value), True


def _rows_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(DAY_COLUMNS)).astype(object)
    return frame.where(frame.notna(), "").astype(str)


def _build_rows(
    rows: list[dict[str, str]],
    row_lines: _RowLines,
    sink: ProblemSink,
    units: str,
    today: dt.date | None,
) -> pd.DataFrame:
    """Inline rows through the CSV fast path when they are clean, else the exact path.

    The cells are written as CSV (quoted where needed) and typed by ``fast_days``,
    which accepts only what ``build_days`` would accept without a word and builds
    the same frame; anything else (or an earlier problem) takes ``build_days``.
    """
    data = _rows_csv(rows) if rows and not sink.problems else None
    frame = fast_days(data, list(DAY_COLUMNS), units, today) if data else None
    if frame is not None:
        return frame
    return build_days(_rows_frame(rows), row_lines, sink, units, today)


def _rows_csv(rows: list[dict[str, str]]) -> bytes | None:
    """The rows as CSV bytes, or None when a cell would not survive the round trip."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(DAY_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()
    if "\r" in text or "\x00" in text or text.count("\n") != len(rows) + 1:
        return None  # a line break or NUL in a cell: the exact path reads it as it is
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a YAML escape
        return None


def _read_days(
    items: Any, units: str, lines: _Lines, sink: ProblemSink, today: dt.date | None
) -> pd.DataFrame | None:
    if not isinstance(items, list):
        sink.add(lines.of("days"), "error", "days: must be a list of day rows ({date, run, ...})")
        return None
    rows, row_paths = [], []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            sink.add(
                lines.of("days", i),
                "error",
                "each entry of days: must be a mapping {date, run, ...}",
            )
            continue
        _check_keys(item, tuple(DAY_COLUMNS), lines, ("days", i), sink, "day")
        rows.append(_row_cells(item, lines, ("days", i), sink))
        row_paths.append(("days", i))
    return _build_rows(rows, _RowLines(lines, row_paths), sink, units, today)


def _row_cells(item: dict, lines: _Lines, where: tuple, sink: ProblemSink) -> dict[str, str]:
    row = {}
    for key in DAY_COLUMNS:
        if key not in item:
            continue
        text, scalar = _cell(item[key])
        if not scalar:
            sink.add(lines.of(*where, key), "error", f"{key}: must be a single value, not a list")
        row[key] = text
    return row


def _read_weeks(
    items: Any, units: str, lines: _Lines, sink: ProblemSink, today: dt.date | None
) -> pd.DataFrame | None:
    if not isinstance(items, list):
        sink.add(lines.of("weeks"), "error", "weeks: must be a list of {week_of, mon, ..., sun}")
        return None
    rows, row_paths = [], []
    first_seen: dict[dt.date, int] = {}  # Monday -> index of the week that had it first
    day_fields = tuple(c for c in DAY_COLUMNS if c != "date")
    for i, week in enumerate(items):
        if not isinstance(week, dict):
            sink.add(
                lines.of("weeks", i),
                "error",
                "each entry of weeks: must be a mapping {week_of, mon, ...}",
            )
            continue
        _check_keys(week, ("week_of", *WEEKDAYS), lines, ("weeks", i), sink, "week")
        if week.get("week_of") is None:
            sink.add(lines.of("weeks", i), "error", "week has no week_of (its Monday)")
            continue
        monday = _read_date(week["week_of"], "week_of", lines.at("weeks", i, "week_of"), sink)
        if monday is None:
            continue
        if monday.weekday() != 0:
            real = monday - dt.timedelta(days=monday.weekday())
            sink.add(
                lines.of("weeks", i, "week_of"),
                "error",
                f"week_of {monday.isoformat()} is a {monday:%A}, not a Monday "
                f"(that week's Monday is {real.isoformat()})",
            )
            continue
        if monday in first_seen:
            first = lines.of("weeks", first_seen[monday])
            sink.add(
                lines.of("weeks", i),
                "error",
                f"week_of {monday.isoformat()} appears twice (first on line {first})",
            )
            continue
        first_seen[monday] = i
        for offset, day in enumerate(WEEKDAYS):
            value = week.get(day)
            if value is None:
                continue
            date_text = (monday + dt.timedelta(days=offset)).isoformat()
            if isinstance(value, dict):
                _check_keys(value, day_fields, lines, ("weeks", i, day), sink, "day")
                row = _row_cells(value, lines, ("weeks", i, day), sink)
            elif isinstance(value, list):
                sink.add(
                    lines.of("weeks", i, day),
                    "error",
                    f"{day}: must be a run kind or a mapping, not a list",
                )
                continue
            else:
                row = {"run": _cell(value)[0]}
            row["date"] = date_text
            rows.append(row)
            row_paths.append(("weeks", i, day))
    return _build_rows(rows, _RowLines(lines, row_paths), sink, units, today)
