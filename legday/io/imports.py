"""Strava and Garmin activity exports -> a legday daily log, with every guess marked.

``import_file`` takes a path or bytes: ``archive`` finds the activities CSV (in a zip
too), ``text`` decodes it, the header says which reader it is (``strava``,
``garmin``), the reader gives activities, and ``infer`` lays them out as day rows
with each guessed run kind and session level marked (``ImportResult.inferred``).
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from legday import clock
from legday.io.activities import METRES_PER, Activities
from legday.io.archive import read_source
from legday.io.garmin import read_garmin
from legday.io.infer import no_inferred, to_days
from legday.io.save import days_to_csv
from legday.io.sniff import SET_EXPORTS, export_kind, header_names
from legday.io.strava import read_strava
from legday.io.text import decode_text
from legday.model import DAY_COLUMNS, MAX_DAY_DISTANCE, UNITS, Problem, empty_days
from legday.safe_text import spreadsheet_safe

#: Start of the message for a bug met while importing (a file legday should have handled).
INTERNAL_ERROR = "legday could not import this file (a bug in legday, not your file)"

Reader = Callable[[str, str, str, str], Activities]


@dataclass(frozen=True)
class ImportSummary:
    """What an import found, kept and skipped, for the user to read before saving."""

    source: str  # "Strava", "Garmin" or "" when the file was not recognised
    found: int  # activity rows in the file
    kept: int  # activities that became day rows (a run and a lift may share a row)
    skipped: dict[str, int]  # reason -> how many activities
    first_date: dt.date | None
    last_date: dt.date | None
    runs: int
    strength_sessions: int
    cross: int
    inferred_kinds: dict[str, int]  # run kind -> how many were inferred
    inferred_levels: dict[str, int]  # strength level -> how many were inferred
    units: str
    tz: str
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary as short sentences (the CLI prints them, the app shows them)."""
        if not self.source:
            return ["nothing imported"]
        out = [
            f"found {self.found} {self.source} activities; kept {self.kept} "
            f"({self.runs} runs, {self.strength_sessions} leg sessions, "
            f"{self.cross} cross-training)"
        ]
        skipped = sum(self.skipped.values())
        if skipped:
            why = "; ".join(f"{n} {reason}" for reason, n in self.skipped.items())
            out.append(f"skipped {skipped}: {why}")
        if self.first_date:
            out.append(f"dates {self.first_date.isoformat()} to {self.last_date.isoformat()}")
        kinds = sum(self.inferred_kinds.values())
        levels = sum(self.inferred_levels.values())
        if kinds or levels:
            out.append(
                f"inferred {kinds} run kinds ({_counts(self.inferred_kinds)}) and "
                f"{levels} leg-session levels ({_counts(self.inferred_levels)}): "
                "check them and correct any that are wrong"
            )
        out.append(f"distances in {self.units}")
        out.extend(self.notes)
        return out


@dataclass(frozen=True)
class ImportResult:
    """Day rows ready to save as a legday CSV log, and what was guessed to make them.

    ``inferred`` has the index of ``days`` and two bool columns: ``run`` (the run
    kind was inferred) and ``strength`` (the leg-session level was inferred).
    """

    days: pd.DataFrame
    inferred: pd.DataFrame
    summary: ImportSummary
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems) and not self.days.empty


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "none"


def check_time_zone(tz: str) -> str | None:
    """None when ``tz`` is an IANA zone name (Europe/Berlin, UTC), else a message."""
    if isinstance(tz, str) and tz in zoneinfo.available_timezones():
        return None
    return f"unknown time zone '{tz}': use an IANA name such as Europe/Berlin or America/New_York"


def available_time_zones() -> list[str]:
    """Every zone name ``tz`` accepts, sorted, for a picker."""
    return sorted(zoneinfo.available_timezones())


def _check_options(tz: str, units: str, source_units: str | None) -> None:
    message = check_time_zone(tz)
    if message:
        raise ValueError(message)
    for value in (units, source_units or units):
        if value not in UNITS:
            raise ValueError(f"units must be one of {', '.join(UNITS)}, not '{value}'")


def import_file(
    source: str | os.PathLike | bytes,
    name: str | None = None,
    tz: str = "UTC",
    units: str = "mi",
    *,
    source_units: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a Strava activities.csv, a Strava export .zip or a Garmin Activities.csv.

    ``tz`` turns Strava's UTC times into local dates (Garmin's are local already).
    ``units`` are the log's units. ``source_units`` is the unit Garmin Connect
    shows distances in (the file does not say); default: ``units``. ``today``
    (default: today in ``tz``) is the last date an activity may have.
    Raises ValueError only for a bad ``tz`` or units; bad files give problems.
    """
    _check_options(tz, units, source_units)
    is_bytes = isinstance(source, (bytes, bytearray, memoryview))
    shown = name or ("upload" if is_bytes else str(source))
    opened = read_source(source, shown)
    if isinstance(opened, Problem):
        return _failed(shown, [opened], tz, units)
    text, problems = decode_text(opened, shown, max_bytes=None)  # the archive capped it
    if text is None:
        return _failed(shown, problems, tz, units)
    reader = _sniff(text, shown)
    if isinstance(reader, Problem):
        return _failed(shown, [*problems, reader], tz, units)
    if today is None:
        today = clock.today(zoneinfo.ZoneInfo(tz))
    try:
        activities = reader(text, shown, tz, source_units or units)
        activities.problems[:0] = problems
        return build_result(activities, shown, units, tz, today)
    except Exception as exc:  # never a traceback for a user's file; tests check it stays unused
        message = f"{INTERNAL_ERROR} ({type(exc).__name__}: {str(exc)[:120]}); please report it"
        return _failed(shown, [*problems, Problem(shown, None, "error", message)], tz, units)


def _failed(shown: str, problems: list[Problem], tz: str, units: str) -> ImportResult:
    summary = ImportSummary("", 0, 0, {}, None, None, 0, 0, 0, {}, {}, units, tz)
    empty = empty_days()
    return ImportResult(empty, no_inferred(empty.index), summary, problems)


def _sniff(text: str, shown: str) -> Reader | Problem:
    """Strava or Garmin by the header's column names (legday.io.sniff)."""
    kind = export_kind(text)
    if kind == "strava":
        return read_strava
    if kind == "garmin":
        return read_garmin
    names, _ = header_names(text)
    if kind in SET_EXPORTS:
        message = (
            f"this is a {SET_EXPORTS[kind]} workout export: its sets go into an athlete "
            "(`python -m legday import FILE --into PROFILE`)"
        )
    elif kind == "legday":
        message = "this is already a legday log: open it directly, no import needed"
    elif len(names) >= 30 and len(names) - len(set(names)) >= 2:  # Strava's repeated columns
        message = (
            "this looks like a Strava export in another language: set Strava's language "
            "to English, request the archive again, and import that"
        )
    else:
        seen = ", ".join(sorted(c for c in set(names) if c)[:6]) or "nothing"
        message = (
            "not a Strava activities.csv (needs 'Activity Date', 'Activity Type') or a "
            f"Garmin Activities.csv (needs 'Activity Type', 'Date', 'Title'); header has {seen}"
        )
    return Problem(shown, 1, "error", message)


def build_result(
    activities: Activities, shown: str, units: str, tz: str, today: dt.date
) -> ImportResult:
    """Skip what cannot be used, infer kinds and levels, and lay out day rows."""
    acts = activities.frame.copy()
    problems = list(activities.problems)
    found = len(acts)
    acts = _skip_impossible(acts, units, today)
    problems.extend(_skip_problems(acts, shown))
    skipped = acts.loc[acts["skip"] != "", "skip"].value_counts().to_dict()
    acts = acts[acts["skip"] == ""].sort_values("start", kind="stable").reset_index(drop=True)
    days, inferred = to_days(acts, activities.source, units)
    if found == 0:
        problems.append(Problem(shown, None, "error", "the file has a header but no activities"))
    elif days.empty:
        problems.append(
            Problem(shown, None, "error", f"none of the {found} activities could be imported")
        )
    run_rows = days["run"].isin(["easy", "moderate", "hard", "long", "race"])
    summary = ImportSummary(
        source=activities.source,
        found=found,
        kept=len(acts),
        skipped={str(k): int(v) for k, v in skipped.items()},
        first_date=days["date"].min().date() if len(days) else None,
        last_date=days["date"].max().date() if len(days) else None,
        runs=int(run_rows.sum()),
        strength_sessions=int((days["strength"] != "none").sum()),
        cross=int((days["run"] == "cross").sum()),
        inferred_kinds=days.loc[inferred["run"], "run"].value_counts().to_dict(),
        inferred_levels=days.loc[inferred["strength"], "strength"].value_counts().to_dict(),
        units=units,
        tz=tz,
        notes=tuple(activities.notes),
    )
    return ImportResult(days, inferred, summary, problems)


def _skip_impossible(acts: pd.DataFrame, units: str, today: dt.date) -> pd.DataFrame:
    keep = acts["skip"] == ""
    reasons = [
        (acts["start"].dt.normalize() > pd.Timestamp(today), "dated in the future"),
        (
            (acts["category"] == "run")
            & (acts["distance_m"] > MAX_DAY_DISTANCE[units] * METRES_PER[units]),
            f"runs over {MAX_DAY_DISTANCE[units]:g} {units} (GPS glitch?)",
        ),
        (acts["minutes"] > 24 * 60, "over 24 hours long"),
        (
            (acts["category"] == "run") & acts["distance_m"].isna() & acts["minutes"].isna(),
            "runs with neither distance nor time",
        ),
    ]
    skip = acts["skip"].copy()
    for mask, reason in reasons:
        hit = keep & mask.fillna(False)
        skip = skip.where(~hit, reason)
        keep &= ~hit
    return acts.assign(skip=skip)


def _skip_problems(acts: pd.DataFrame, shown: str) -> list[Problem]:
    """One warning per reason, naming the first lines."""
    problems = []
    skipped = acts[acts["skip"] != ""]
    for reason, group in skipped.groupby("skip", sort=False):
        lines = group["line"].tolist()
        listed = ", ".join(str(n) for n in lines[:5])
        more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
        problems.append(
            Problem(
                shown,
                int(lines[0]),
                "warning",
                f"skipped {len(lines)} {'activity' if len(lines) == 1 else 'activities'} "
                f"({reason}): lines {listed}{more}",
            )
        )
    return problems


def to_log_csv(days: pd.DataFrame) -> str:
    """A legday daily CSV log (header ``date,run,...,notes``), safe to open in Excel:
    text cells starting with = + - @ tab or CR get a leading ``'`` (OWASP CSV
    injection; ``legday.safe_text.spreadsheet_safe``), line breaks become spaces so one
    row is one line, and numbers are rounded to what a watch really measures."""
    out = days.reindex(columns=list(DAY_COLUMNS)).copy()
    for column, digits in (("distance", 2), ("minutes", 1), ("strength_minutes", 1)):
        out[column] = pd.to_numeric(out[column]).round(digits)
    for column in ("run", "strength", "notes"):
        out[column] = spreadsheet_safe(out[column].fillna("").astype(str))
    return days_to_csv(out)
