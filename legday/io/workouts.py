"""Hevy and Strong workout exports -> sets for an athlete's sets log.

``import_workouts`` takes a path or bytes: ``archive`` reads it (size-capped), ``text``
decodes it, ``sniff`` says which app wrote it, the reader (``hevy``, ``strong``) gives
raw sets, and this module checks them with the sets log's own spec
(``legday.io.set_checks``), so every bad value is named with the export's line. What
is not a set (rest timers, cardio and timed rows without reps) and repeated rows are
skipped and counted; weights are converted to the profile's unit and said so.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from legday import clock
from legday.io.archive import read_source
from legday.io.checks import check_table
from legday.io.hevy import read_hevy
from legday.io.problems import ProblemSink, clip
from legday.io.set_checks import SET_LOG, finish_sets
from legday.io.sniff import ACTIVITY_EXPORTS, SET_EXPORTS, export_kind, header_names
from legday.io.strong import read_strong
from legday.io.text import decode_text
from legday.io.workout_sets import RawSets, near_midnight
from legday.model import SET_COLUMNS, Problem
from legday.strength import names

KG_PER_LB = 0.45359237
#: Minutes from midnight within which a workout's start is noted (dated by its start).
MIDNIGHT_MINUTES = 60


@dataclass(frozen=True)
class WorkoutImport:
    """Sets ready to merge into a sets log, and what the import found and skipped."""

    source: str  # "Hevy", "Strong" or "" when the file was not recognised
    sets: pd.DataFrame  # SET_COLUMNS in ``weight_unit``; empty when the import failed
    problems: list[Problem]
    weight_unit: str
    found: int = 0  # rows in the file
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems) and not self.sets.empty

    def lines(self) -> list[str]:
        """The summary as short sentences (the CLI prints them, the app shows them)."""
        if not self.source or self.sets.empty:
            return ["nothing imported"]
        sets = self.sets
        leg = int(names.resolve(sets)["leg"].sum()) if len(sets) else 0
        out = [
            f"found {self.found} {self.source} rows: {len(sets)} sets ({leg} leg, "
            f"{len(sets) - leg} other) on {sets['date'].nunique()} days"
        ]
        skipped = sum(self.skipped.values())
        if skipped:
            why = "; ".join(f"{n} {reason}" for reason, n in self.skipped.items())
            out.append(f"skipped {skipped} rows: {why}")
        if len(sets):
            first, last = sets["date"].min(), sets["date"].max()
            out.append(f"dates {first:%Y-%m-%d} to {last:%Y-%m-%d}; weights in {self.weight_unit}")
        return out + list(self.notes)


def import_workouts(
    source: str | os.PathLike | bytes,
    name: str | None = None,
    weight_unit: str = "kg",
    today: dt.date | None = None,
) -> WorkoutImport:
    """Read a Hevy or Strong workout export into sets in ``weight_unit`` (kg or lb)."""
    is_bytes = isinstance(source, (bytes, bytearray, memoryview))
    shown = name or ("upload" if is_bytes else str(source))
    opened = read_source(source, shown)
    if isinstance(opened, Problem):
        return _failed(shown, [opened], weight_unit)
    text, problems = decode_text(opened, shown, max_bytes=None)  # the archive capped it
    if text is None:
        return _failed(shown, problems, weight_unit)
    kind = export_kind(text)
    if kind not in SET_EXPORTS:
        return _failed(shown, [*problems, _not_a_workout_export(kind, shown)], weight_unit)
    _, delimiter = header_names(text)
    raw = read_hevy(text, shown) if kind == "hevy" else read_strong(text, shown, delimiter)
    raw.problems[:0] = problems
    return build_import(raw, shown, weight_unit, today or clock.today())


def _not_a_workout_export(kind: str | None, shown: str) -> Problem:
    if kind in ACTIVITY_EXPORTS:
        message = (
            f"this is a {ACTIVITY_EXPORTS[kind]} activity export: it goes into the daily "
            "log, not the sets log"
        )
    elif kind == "legday":
        message = "this is already a legday log: name it in the profile, no import needed"
    else:
        message = (
            "not a Hevy workout export (needs 'start_time', 'exercise_title', 'set_index') "
            "or a Strong export (needs 'Date', 'Exercise Name', 'Set Order')"
        )
    return Problem(shown, 1, "error", message)


def _failed(shown: str, problems: list[Problem], weight_unit: str) -> WorkoutImport:
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in SET_COLUMNS.items()})
    return WorkoutImport("", empty, problems, weight_unit)


def build_import(raw: RawSets, shown: str, weight_unit: str, today: dt.date) -> WorkoutImport:
    """Skip what is not a set, check the rest as a sets log, convert the weights."""
    rows = raw.frame
    sink = ProblemSink(shown)
    sink.extend(raw.problems)
    skip = _skips(rows)
    _skip_warnings(rows, skip, sink)
    unread = (skip == "") & rows["start"].isna()
    sink.add_rows(
        np.flatnonzero(unread.to_numpy()),
        rows["line"].to_numpy(),
        "error",
        "unreadable start time",
        lambda i: (
            f"start time '{clip(str(rows['time_text'].iat[i]))}' is not in "
            f"{raw.source}'s '{raw.time_shape}' form"
        ),
    )
    kept = rows[(skip == "") & ~unread].sort_values(["start", "line"], kind="stable")
    notes = list(raw.notes)
    check_unit, kept, unit_notes = _units(kept, raw.source, weight_unit)
    notes += unit_notes
    sets = _checked(kept, raw.source, check_unit, sink, today)
    if sets is not None and check_unit != weight_unit:
        factor = KG_PER_LB if weight_unit == "kg" else 1 / KG_PER_LB
        sets["weight"] = (sets["weight"] * factor).round(2)
    late = near_midnight(kept["start"], MIDNIGHT_MINUTES)
    if late:
        notes.append(
            f"{late} workout{'s' if late != 1 else ''} started within {MIDNIGHT_MINUTES} "
            f"minutes of midnight: each is dated by its start, on the phone's clock as "
            f"{raw.source} writes it (the export has no time zone)"
        )
    problems = sink.finish()
    if not rows.empty and (sets is None or sets.empty) and not any(p.is_error for p in problems):
        problems.append(Problem(shown, None, "error", f"none of the {len(rows)} rows is a set"))
    if rows.empty and not any(p.is_error for p in problems):
        problems.append(Problem(shown, None, "error", "the file has a header but no sets"))
    skipped = {str(k): int(v) for k, v in skip[skip != ""].value_counts().items()}
    empty = _failed(shown, [], weight_unit).sets
    ok_sets = sets if sets is not None and not any(p.is_error for p in problems) else empty
    return WorkoutImport(
        raw.source, ok_sets, problems, weight_unit, len(rows), skipped, tuple(notes)
    )


_NOT_A_SET = "rows that are not sets (rest timers, notes)"
_NO_REPS = "sets without reps (cardio, timed holds)"
_REPEATED = "repeated rows (the same workout, exercise and set twice)"


def _skips(rows: pd.DataFrame) -> pd.Series:
    """Why each row is skipped ("" to keep), the first reason that applies."""
    reps = rows["reps"].fillna("").str.strip()
    no_reps = reps.isin(["", "0", "0.0"])
    numbered = rows["order"].notna()
    key = rows[["time_text", "order", "type", "reps", "weight", "rpe"]].assign(
        exercise=rows["exercise"].str.lower()
    )  # a row repeated whole: the same set written twice
    repeated = numbered & key.duplicated()
    skip = pd.Series("", index=rows.index, dtype="str")
    for mask, reason in (
        (repeated, _REPEATED),
        (no_reps, _NO_REPS),
        (rows["type"] == "", _NOT_A_SET),
    ):
        skip = skip.where(~mask.to_numpy(), reason)
    return skip


def _skip_warnings(rows: pd.DataFrame, skip: pd.Series, sink: ProblemSink) -> None:
    """One warning per reason, naming the first lines (a repeat always warns)."""
    for reason in (_REPEATED, _NOT_A_SET):
        lines = rows.loc[skip == reason, "line"].tolist()
        if lines:
            listed = ", ".join(str(n) for n in lines[:5])
            more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
            sink.add(
                int(lines[0]), "warning", f"skipped {len(lines)} {reason}: lines {listed}{more}"
            )


def _units(
    kept: pd.DataFrame, source: str, weight_unit: str
) -> tuple[str, pd.DataFrame, list[str]]:
    """The unit the weights are checked in (the export's own when it has one), the rows
    (mixed units converted to ``weight_unit`` first) and the notes that say so."""
    units = set(kept["unit"].unique().tolist()) - {""}
    if not units and len(kept):
        return (
            weight_unit,
            kept,
            [
                f"{source}'s export does not say its weight unit: read as {weight_unit}, the "
                f"profile's weights (set weights: {'lb' if weight_unit == 'kg' else 'kg'} in "
                f"the profile if {source} shows {'pounds' if weight_unit == 'kg' else 'kilograms'})"
            ],
        )
    notes = []
    unit = units.pop() if len(units) == 1 else weight_unit
    if len(units) > 0:  # several units in one export: every weight in the profile's
        kept = kept.copy()
        numbers = pd.to_numeric(kept["weight"], errors="coerce")
        factor = KG_PER_LB if weight_unit == "kg" else 1 / KG_PER_LB
        other = (kept["unit"] != weight_unit) & (kept["unit"] != "")
        kept.loc[other, "weight"] = (numbers[other] * factor).round(2).map("{:g}".format)
    if unit != weight_unit or len(units) > 0:
        word = "pounds" if weight_unit == "kg" else "kilograms"
        notes.append(
            f"weights converted to {weight_unit}, the profile's unit (the export is in "
            f"{'lb' if weight_unit == 'kg' else 'kg'}; 1 lb = {KG_PER_LB} kg): to keep "
            f"{word}, set weights: {'lb' if weight_unit == 'kg' else 'kg'} in the profile"
        )
    return unit, kept, notes


def _checked(
    kept: pd.DataFrame, source: str, unit: str, sink: ProblemSink, today: dt.date
) -> pd.DataFrame | None:
    """The kept rows as sets-log cells, checked by the sets log's spec with their lines."""

    def cells(values: pd.Series) -> pa.Array:
        text = values.fillna("").astype(str).to_numpy(dtype=object)
        return pa.array(np.where(text != "", text, None), pa.string())

    table = {
        "date": cells(kept["start"].dt.strftime("%Y-%m-%d")),
        "exercise": cells(kept["exercise"]),
        "reps": cells(kept["reps"]),
        "weight": cells(kept["weight"]),
        "rpe": cells(kept["rpe"]),
        "type": cells(kept["type"]),
        "source": cells(pd.Series(source.lower(), index=kept.index)),
    }
    lines = kept["line"].to_numpy()
    checked = check_table(table, len(kept), lines, SET_LOG, sink, unit, today)
    return None if checked.frame is None else finish_sets(checked.frame)
