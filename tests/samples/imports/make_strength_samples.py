"""Rebuild the Hevy and Strong sample exports in this folder (run this file with python).

Every workout is invented (no real person's data). The layouts are the apps' own:

- Hevy's workout export: every field quoted, ``title, start_time, end_time,
  description, exercise_title, superset_id, exercise_notes, set_index, set_type,
  weight_kg | weight_lbs, reps, distance_km | distance_miles, duration_seconds, rpe``,
  dates like ``26 Jul 2025, 07:06``, ``set_index`` from 0, set types ``normal``,
  ``warmup``, ``failure`` and ``dropset``, bodyweight sets with a blank weight;
- Strong's export: the comma layout (``Date, Workout Name, Duration, Exercise Name,
  Set Order, Weight, Reps, Distance, Seconds, Notes, Workout Notes, RPE``, a 12-hour
  clock, ``W`` / ``D`` / ``F`` set orders for warm-up, drop and failure sets, no unit)
  and the older semicolon layout with ``Weight Unit`` and ``Distance Unit`` columns.

``hevy_csv(many_workouts(rows))`` makes the large exports the benchmark imports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).parent
LB_PER_KG = 2.20462262

HEVY_COLUMNS = (
    "title", "start_time", "end_time", "description", "exercise_title", "superset_id",
    "exercise_notes", "set_index", "set_type", "weight_{w}", "reps", "distance_{d}",
    "duration_seconds", "rpe",
)  # fmt: skip
STRONG_COLUMNS = (
    "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
    "Distance", "Seconds", "Notes", "Workout Notes", "RPE",
)  # fmt: skip
STRONG_OLD_COLUMNS = (
    "Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
    "RPE", "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes", "Workout Duration",
)  # fmt: skip

# A lower-body day and an upper-body day, as (exercise, [(type, kg, reps, rpe)]).
LEGS = (
    ("Squat (Barbell)", [("warmup", 40, 8, ""), ("normal", 60, 5, "8"), ("normal", 60, 5, "8"),
                         ("normal", 60, 5, "8.5")]),
    ("Romanian Deadlift (Dumbbell)", [("normal", 20, 8, "7"), ("normal", 20, 8, "7.5")]),
    ("Bulgarian Split Squat", [("normal", 12, 8, "8"), ("normal", 12, 8, "8")]),
    ("Single Leg Standing Calf Raise", [("normal", None, 12, ""), ("failure", None, 15, "10")]),
)  # fmt: skip
UPPER = (
    ("Bench Press (Barbell)", [("normal", 50, 8, "8"), ("dropset", 40, 10, "9")]),
    ("Pull Up", [("normal", None, 6, "8")]),
)
#: (start, title, day, minutes): the samples' workouts; the last starts near midnight.
WORKOUTS = (
    (dt.datetime(2025, 7, 22, 18, 5), "Lower - Strength", LEGS, 55),
    (dt.datetime(2025, 7, 24, 7, 6), "Upper", UPPER, 40),
    (dt.datetime(2025, 7, 26, 23, 50), "Late legs", LEGS, 48),
)


def _hevy_date(moment: dt.datetime) -> str:
    return moment.strftime("%d %b %Y, %H:%M")


def _weight(kg: float | None, unit: str) -> str:
    if kg is None:
        return ""
    value = kg if unit == "kg" else round(kg * LB_PER_KG / 5) * 5
    return f"{value:g}"


def hevy_rows(workouts, unit: str = "kg"):
    """Hevy's cells for ``workouts`` [(start, title, day, minutes)], one row per set."""
    for start, title, day, minutes in workouts:
        end = start + dt.timedelta(minutes=minutes)
        for exercise, sets in day:
            for index, (kind, kg, reps, rpe) in enumerate(sets):
                yield (
                    title, _hevy_date(start), _hevy_date(end), "", exercise, "", "", str(index),
                    kind, _weight(kg, unit), str(reps), "", "", rpe,
                )  # fmt: skip


def hevy_csv(workouts=WORKOUTS, unit: str = "kg") -> str:
    """A Hevy workout export (weights in ``unit``: kg or lb)."""
    w, d = ("kg", "km") if unit == "kg" else ("lbs", "miles")
    header = [name.format(w=w, d=d) for name in HEVY_COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(hevy_rows(workouts, unit))
    return buffer.getvalue()


def many_workouts(rows: int, end: dt.date = dt.date(2026, 11, 22)) -> list[tuple]:
    """Daily workouts ending on ``end`` that hold about ``rows`` sets (the benchmark's
    five years of Hevy): legs, upper body and legs again, the loads creeping up."""
    per_workout = 2 * sum(len(sets) for _, sets in LEGS) + sum(len(sets) for _, sets in UPPER)
    count = -(-rows // per_workout)
    out = []
    for number in range(count):
        day = end - dt.timedelta(days=count - 1 - number)
        add = 2.5 * (number // 21 % 8)
        legs, again = (
            tuple(
                (
                    name,
                    [
                        (k, kg + more if kg else None, r + bool(more % 2.5), p)
                        for k, kg, r, p in sets
                    ],
                )
                for name, sets in LEGS
            )
            for more in (add, add + 1.25)
        )
        moment = dt.datetime.combine(day, dt.time(18, 0))
        out.append((moment, "Full body", legs + UPPER + again, 90))
    return out


def _strong_order(kind: str, number: int) -> str:
    return {"warmup": "W", "dropset": "D", "failure": "F"}.get(kind, str(number))


def strong_csv() -> str:
    """Strong's comma export: a 12-hour clock, no weight unit (the app's, here kg)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(STRONG_COLUMNS)
    for start, title, day, minutes in WORKOUTS:
        when = start.strftime("%Y-%m-%d %I:%M:%S %p").replace(" 0", " ", 1)
        duration = f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"
        for exercise, sets in day:
            number = 0
            for kind, kg, reps, rpe in sets:
                number += kind != "warmup"
                writer.writerow(
                    (when, title, duration, exercise, _strong_order(kind, number),
                     _weight(kg, "kg") or "0", str(reps), "0", "0", "", "", rpe)
                )  # fmt: skip
    return buffer.getvalue()


def strong_semicolon_csv() -> str:
    """Strong's older semicolon layout, with ``Weight Unit`` (lbs here) and 24-hour dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(STRONG_OLD_COLUMNS)
    for start, title, day, minutes in WORKOUTS:
        for exercise, sets in day:
            number = 0
            for kind, kg, reps, rpe in sets:
                number += kind != "warmup"
                writer.writerow(
                    (start.strftime("%Y-%m-%d %H:%M:%S"), title, exercise,
                     _strong_order(kind, number), _weight(kg, "lb") or "0", "lbs", str(reps),
                     rpe, "", "", "0", "", "", f"{minutes}m")
                )  # fmt: skip
    return buffer.getvalue()


def main() -> None:
    (HERE / "hevy_workouts.csv").write_text(hevy_csv(unit="kg"), encoding="utf-8")
    (HERE / "hevy_workouts_lb.csv").write_text(hevy_csv(unit="lb"), encoding="utf-8")
    (HERE / "strong_workouts.csv").write_text(strong_csv(), encoding="utf-8")
    (HERE / "strong_workouts_semicolon.csv").write_text(strong_semicolon_csv(), encoding="utf-8")
    renamed = hevy_csv(unit="kg").replace('"exercise_title"', '"exercise"', 1)
    (HERE / "bad_hevy_renamed.csv").write_text(renamed, encoding="utf-8")


if __name__ == "__main__":
    main()
