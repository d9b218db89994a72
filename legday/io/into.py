"""An export into an athlete who already has files: which file, merged how, saved safely.

``plan_into`` reads the export once, tells the apps apart (``legday.io.sniff``), reads
it in the athlete's own units (a Hevy or Strong export in the profile's ``weights``,
a Strava or Garmin export in its distance ``units``) and merges it (``legday.io.merge``)
into the log it belongs to: the sets log (``strength_log:``) or the daily log
(``log:``). Nothing is written until ``apply``: a dry run shows the plan and stops.

Where a log does not exist yet, it is created beside the daily log (or the profile)
as ``<id>-sets.csv`` (``<id>.csv`` for days) and named in the profile with one line
added at its end. A log written inline in the profile (``sets:``, ``days:``) is not
rewritten: the plan says so and writes nothing.

``apply`` writes through ``legday.io.save``: refused when a file changed since it was
read, the previous version kept, each file replaced atomically. When the profile's new
line cannot be written, a log file the import had just created is removed again, so a
failed import leaves the athlete's files as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from legday import clock
from legday.io.archive import read_source
from legday.io.csv_log import read_csv_log
from legday.io.imports import import_file
from legday.io.load import PROFILE_SUFFIXES, LoadResult
from legday.io.merge import Merged, merge_days, merge_sets
from legday.io.save import (
    SaveResult,
    Signature,
    days_to_csv,
    file_signature,
    save_log,
    sets_to_csv,
)
from legday.io.sniff import ACTIVITY_EXPORTS, SET_EXPORTS, export_kind
from legday.io.text import decode_text
from legday.io.workouts import import_workouts
from legday.model import Problem
from legday.strength.days import FROM_SETS


@dataclass(frozen=True)
class IntoPlan:
    """What an import into an athlete would write, and what it found on the way."""

    lines: list[str]  # the summary: found, skipped, added, kept
    problems: list[Problem]
    target: Path | None = None  # the log the rows go into
    text: str = ""  # the log's new text
    signature: Signature | None = None  # the log's signature as read (None: a new file)
    profile: Path | None = None  # the profile, when it gains a line
    profile_text: str = ""
    profile_signature: Signature | None = None
    merged: Merged | None = None
    kind: str = ""  # "sets" or "days"
    frame: pd.DataFrame | None = field(default=None, repr=False)  # the merged log

    @property
    def ok(self) -> bool:
        return self.target is not None and not any(p.is_error for p in self.problems)

    @property
    def adds(self) -> bool:
        """Whether applying it would change a file (an import of nothing new does not)."""
        return self.ok and self.merged is not None and self.merged.added_rows > 0


def plan_into(
    source: str | os.PathLike | bytes,
    name: str,
    loaded: LoadResult,
    tz: str = "UTC",
    garmin_units: str | None = None,
    today: dt.date | None = None,
) -> IntoPlan:
    """The plan for importing ``source`` into the athlete ``loaded`` (a profile or a lone
    daily log, loaded without errors)."""
    athlete = loaded.athlete
    if athlete is None or not loaded.ok:
        message = "the athlete's files have errors: fix them first (legday validate)"
        return IntoPlan([], [*loaded.errors, Problem(loaded.path, None, "error", message)])
    opened = read_source(source, name)
    if isinstance(opened, Problem):
        return IntoPlan([], [opened])
    text, problems = decode_text(opened, name, max_bytes=None)
    kind = export_kind(text) if text is not None else None
    today = today or clock.today()
    if kind in SET_EXPORTS:
        found = import_workouts(opened, name, athlete.profile.weight_unit, today)
        if not found.ok:
            return IntoPlan(found.lines(), found.problems)
        return _sets_plan(loaded, found.sets, found.lines(), found.problems)
    if kind in ACTIVITY_EXPORTS:
        found = import_file(opened, name, tz, athlete.units, source_units=garmin_units)
        if not found.ok:
            return IntoPlan(found.summary.lines(), found.problems)
        return _days_plan(loaded, found.days, found.summary.lines(), found.problems)
    message = (
        "not an export legday imports: Hevy or Strong workouts (into the sets log), "
        "Strava or Garmin activities (into the daily log)"
    )
    return IntoPlan([], [*problems, Problem(name, 1, "error", message)])


def _sets_plan(
    loaded: LoadResult, sets: pd.DataFrame, lines: list[str], problems: list[Problem]
) -> IntoPlan:
    athlete = loaded.athlete
    profile = Path(loaded.path)
    if profile.suffix.lower() not in PROFILE_SUFFIXES:
        message = "sets go into an athlete's profile (.yaml), which names the sets log"
        return IntoPlan(lines, [*problems, Problem(loaded.path, None, "error", message)])
    if loaded.sets_path is None and athlete.sets is not None:
        message = (
            "this profile keeps its sets inline (sets:), which an import does not rewrite: "
            "move them to a CSV named by strength_log:, then import"
        )
        return IntoPlan(lines, [*problems, Problem(loaded.path, None, "error", message)])
    folder = (loaded.log_path or profile).parent
    return _plan(loaded, "sets", "strength_log", sets, loaded.sets_path,
                 folder / f"{athlete.id}-sets.csv", lines, problems)  # fmt: skip


def _days_plan(
    loaded: LoadResult, days: pd.DataFrame, lines: list[str], problems: list[Problem]
) -> IntoPlan:
    athlete = loaded.athlete
    path = Path(loaded.path)
    lone_csv = path.suffix.lower() not in PROFILE_SUFFIXES
    if athlete.granularity == "weeks":
        message = "this athlete logs weekly totals: day rows cannot merge into them"
        return IntoPlan(lines, [*problems, Problem(loaded.path, None, "error", message)])
    if not lone_csv and loaded.log_path is None and not _no_days(athlete):
        message = (
            "this profile keeps its log inline (days: or weeks:), which an import does not "
            "rewrite: move it to a CSV named by log:, then import"
        )
        return IntoPlan(lines, [*problems, Problem(loaded.path, None, "error", message)])
    current = path if lone_csv else loaded.log_path
    return _plan(loaded, "days", "log", days, current,
                 path.parent / f"{athlete.id}.csv", lines, problems)  # fmt: skip


def _no_days(athlete) -> bool:
    """No daily log of its own (the days there are, the sets made)."""
    return athlete.days.empty or bool((athlete.days["notes"] == FROM_SETS).all())


def _plan(
    loaded: LoadResult,
    kind: str,
    key: str,
    rows: pd.DataFrame,
    current: Path | None,
    new: Path,
    lines: list[str],
    problems: list[Problem],
) -> IntoPlan:
    """Merge ``rows`` into the log at ``current`` (or a new one at ``new``, named in the
    profile by ``key``)."""
    target = current or new
    profile_text, profile_signature, profile, relative = "", None, None, ""
    existing = None
    if current is not None:
        data = current.read_bytes()
        log = read_csv_log(data, str(current), loaded.athlete.units, None,
                           loaded.athlete.profile.weight_unit)  # fmt: skip
        if log.frame is None:
            return IntoPlan(lines, [*problems, *log.problems])
        existing = log.frame
    else:
        if new.exists():
            message = (
                f"{new.name} exists but the profile does not name it: add {key}: "
                f"{new.name} to the profile, or move the file, then import"
            )
            return IntoPlan(lines, [*problems, Problem(loaded.path, None, "error", message)])
        profile = Path(loaded.path)
        relative = new.relative_to(profile.parent).as_posix()
        profile_signature = file_signature(profile)
        text = decode_text(profile.read_bytes(), loaded.path)[0] or ""
        profile_text = text + ("" if text.endswith("\n") else "\n") + f"{key}: {relative}\n"
    merged = merge_sets(existing, rows) if kind == "sets" else merge_days(existing, rows)
    write = sets_to_csv if kind == "sets" else days_to_csv
    shown = target.name if current is not None else f"{target.name} (a new file)"
    summary = [*lines, *merged.lines("sets" if kind == "sets" else "day rows", shown)]
    if profile is not None:
        summary.append(f"names it in {profile.name}: {key}: {relative}")
    return IntoPlan(
        summary, problems, target, write(merged.frame),
        file_signature(target) if current is not None else None,
        profile, profile_text, profile_signature, merged, kind, merged.frame,
    )  # fmt: skip


def apply(plan: IntoPlan) -> SaveResult:
    """Write the plan: the log, then the profile's new line (see the module docstring)."""
    if not plan.ok:
        return SaveResult(False, "nothing was written: the import has errors")
    if not plan.adds:
        return SaveResult(True, "nothing new to add: the log already holds every day")
    saved = save_log(plan.target, plan.text, plan.signature)
    if not saved.saved or plan.profile is None:
        return saved
    named = save_log(plan.profile, plan.profile_text, plan.profile_signature)
    if not named.saved:
        plan.target.unlink(missing_ok=True)  # the log was new: the athlete is as before
        return SaveResult(False, f"{named.message} The new {plan.target.name} was removed.")
    return SaveResult(True, f"{saved.message} {named.message}", saved.backup, saved.signature)
