"""Write legday's bundled demo roster (data/athletes/) from seeded randomness.

Why a generator and not hand-typed files: the roster has to tell seven coherent
training stories (a stalled newcomer, a tapering marathoner, an over-eager lifter...)
over months of days, and every number must stay consistent (minutes with distance,
soreness with the leg sessions before it). Rerunning this script must reproduce the
committed files byte for byte (tests/test_demo_data.py checks that), so: one
``random.Random`` per athlete with a fixed seed, no clock, no network.

Every daily athlete's last logged day is Sunday ANCHOR (2026-11-22); the weekly athlete's
last week starts on the Monday before it. legday's demo loader shifts the whole roster by
whole weeks so it never goes stale; races here are absolute dates relative to ANCHOR.

Usage: ``python tools/make_demo.py [DATA_FOLDER]`` (default: the repository's data/).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

#: The last logged day of every daily demo athlete (a Sunday).
ANCHOR = dt.date(2026, 11, 22)
#: The Monday of the anchor week (the weekly athlete's last ``week_of``).
ANCHOR_MONDAY = ANCHOR - dt.timedelta(days=6)

DAY_HEADER = [
    "date",
    "run",
    "distance",
    "minutes",
    "rpe",
    "strength",
    "strength_minutes",
    "strength_rpe",
    "soreness",
    "notes",
]
WEEK_HEADER = ["week_of", "distance", "long_run", "runs", "strength_sessions", "soreness"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KM_PER_MI = 1.609344

#: Pace in minutes per mile (low, high) and RPE (low, high) per run kind, before an
#: athlete's own pace offset. Cross-training has no distance: minutes are drawn instead.
PACE = {
    "easy": (9.0, 10.0),
    "moderate": (8.4, 9.0),
    "hard": (7.0, 8.0),
    "long": (9.3, 9.8),
    "race": (6.9, 7.4),
}
RPE = {"easy": (3, 4), "moderate": (5, 6), "hard": (7, 8), "long": (5, 6), "race": (9, 9)}

#: Delayed-onset soreness after a leg session: share of the session's amplitude felt on
#: the morning k days later (builds over day 1, peaks on day 2, fades by day 5-6).
LEG_KERNEL = {1: 0.75, 2: 1.0, 3: 0.6, 4: 0.3, 5: 0.1}
#: Leg soreness after key runs, felt the next mornings.
RUN_KERNEL = {1: 1.0, 2: 0.5, 3: 0.2}

Row = dict[str, object]


def monday(weeks_before_anchor: int) -> dt.date:
    """The Monday ``weeks_before_anchor`` weeks before the anchor week's Monday."""
    return ANCHOR_MONDAY - dt.timedelta(weeks=weeks_before_anchor)


# --------------------------------------------------------------------------- day rows


def run_row(
    rng: random.Random,
    date: dt.date,
    kind: str,
    distance: float | None = None,
    *,
    units: str = "mi",
    pace_offset: float = 0.0,
    notes: str = "",
) -> Row:
    """One logged run (or rest or cross day) with minutes and RPE that fit its distance."""
    row: Row = {"date": date, "run": kind, "strength": "none", "notes": notes}
    if kind == "rest":
        return row
    if kind == "cross":
        row["minutes"] = rng.choice((30, 35, 40, 45, 50))
        row["rpe"] = rng.randint(3, 5)
        return row
    assert distance is not None
    distance = float(round(distance, 1))
    low, high = PACE[kind]
    per_mile = rng.uniform(low, high) + pace_offset
    miles = distance / KM_PER_MI if units == "km" else distance
    row["distance"] = distance
    row["minutes"] = round(miles * per_mile)
    row["rpe"] = rng.randint(*RPE[kind])
    if kind == "long" and miles >= 17.5:
        row["rpe"] = rng.randint(6, 7)
    return row


def add_strength(rng: random.Random, row: Row, level: str, progress: float = 0.5) -> Row:
    """Put a leg session on a day: ``progress`` 0..1 moves minutes and RPE up the range."""
    if level == "light":
        row["strength_minutes"] = 20 + 5 * round(2 * progress + rng.uniform(0, 0.9))
        row["strength_rpe"] = 4 + round(progress + rng.uniform(0, 0.6))
    else:
        row["strength_minutes"] = 30 + 5 * round(3 * progress + rng.uniform(0, 0.9))
        row["strength_rpe"] = 6 + round(2 * progress + rng.uniform(-0.4, 0.4))
    row["strength"] = level
    return row


def add_soreness(
    rows: list[Row],
    rng: random.Random,
    *,
    base: float,
    leg_amp: dict[str, float],
    floor: float,
    run_amp: float,
    blank_rate: float,
    units: str = "mi",
) -> None:
    """Fill the morning soreness (0-10) from the leg sessions and key runs before it.

    A session's effect shrinks with the sessions of the same or heavier kind in the six
    weeks before it (the repeated-bout effect); ``floor`` is what is left when the legs
    are fully used to it. A lighter session counts half towards a heavier one.
    """
    first = min(r["date"] for r in rows)  # type: ignore[type-var]
    last = max(r["date"] for r in rows)  # type: ignore[type-var]
    span = (last - first).days + 8  # type: ignore[operator]
    load = [0.0] * span
    sessions: list[tuple[int, str]] = []
    for row in sorted(rows, key=lambda r: r["date"]):  # type: ignore[arg-type,return-value]
        t = (row["date"] - first).days  # type: ignore[operator]
        level = row.get("strength") or "none"
        if level != "none":
            recent = [lvl for (s, lvl) in sessions if t - 42 <= s < t]
            heavier_or_same = sum(1 for lvl in recent if lvl == "heavy" or lvl == level)
            lighter = len(recent) - heavier_or_same
            n = heavier_or_same + 0.5 * lighter
            novelty = floor + (1 - floor) * math.exp(-n / 4)
            for k, share in LEG_KERNEL.items():
                load[t + k] += leg_amp[str(level)] * novelty * share
            sessions.append((t, str(level)))
        distance = row.get("distance") or 0.0
        miles = float(distance) / KM_PER_MI if units == "km" else float(distance)  # type: ignore[arg-type]
        amp = {"long": miles / 10, "hard": 0.8, "race": 1.0 + miles / 8}.get(str(row["run"]), 0.0)
        for k, share in RUN_KERNEL.items():
            load[t + k] += run_amp * amp * share
    seen: set[dt.date] = set()
    for row in sorted(rows, key=lambda r: r["date"]):  # type: ignore[arg-type,return-value]
        date = row["date"]
        if date in seen:  # a double day's second row: soreness is a morning value
            continue
        seen.add(date)  # type: ignore[arg-type]
        if rng.random() < blank_rate:
            continue
        t = (date - first).days  # type: ignore[operator]
        value = base + load[t] + rng.uniform(-0.7, 0.7)
        row["soreness"] = max(0, min(10, round(value)))


def week_dates(start: dt.date) -> dict[str, dt.date]:
    return {name: start + dt.timedelta(days=i) for i, name in enumerate(WEEKDAYS)}


def split_week(
    rng: random.Random, total: float, long_run: float, shares: dict[str, float]
) -> dict[str, float]:
    """Spread the non-long part of a week over its other runs, with a little noise."""
    rest = max(total - long_run, 0.0)
    weights = {day: share * rng.uniform(0.9, 1.1) for day, share in shares.items()}
    scale = rest / sum(weights.values())
    return {day: round(w * scale, 1) for day, w in weights.items()}


# --------------------------------------------------------------------------- athletes


def maya_newcomer() -> tuple[dict, list[Row]]:
    """Stalled near 12 mi/week for 14 weeks, then two leg sessions a week and a climb to ~30."""
    rng = random.Random(101)
    weeks = 52
    stall = [12.0, 12.5, 11.0, 13.0, 12.0, 10.5, 12.0, 13.5, 12.0, 11.0, 12.5, 14.0, 11.5, 12.5]
    stall_notes = {
        1: "shins tight again",
        5: "cold, cut it short",
        7: "tried a 4th run this week",
        11: "knee ached after the long one",
        12: "back to 3 runs, same as always",
    }
    rows: list[Row] = []
    lift_weeks = weeks - len(stall)  # 38
    for w in range(weeks):
        start = monday(weeks - 1 - w)
        d = week_dates(start)
        extra_note = None
        if w < len(stall):
            total = stall[w]
            long_run = round(total * 0.38, 1)
            parts = split_week(rng, total, long_run, {"tue": 1.0, "thu": 1.0, "sun": 0.5})
            week = {"tue": "easy", "thu": "easy", "sat": "long", "sun": "easy"}
            lifting: dict[str, str] = {}
            note_day = ("sat", stall_notes[w]) if w in stall_notes else None
        else:
            lw = w - len(stall)  # lifting week 0..37
            block, wib = divmod(lw, 8)
            wib += 1
            total = 12.0 + 18.0 * lw / (lift_weeks - 1)
            if wib in (4, 8):
                total *= 0.9  # cutback week
            total *= rng.uniform(0.96, 1.04)
            long_run = round(total * (0.36 if total < 20 else 0.33), 1)
            if total < 16:
                week = {"tue": "easy", "wed": "cross", "thu": "easy", "sat": "long", "sun": "easy"}
                shares = {"tue": 1.0, "thu": 1.0, "sun": 0.6}
            elif total < 22:
                week = {"tue": "easy", "wed": "cross", "thu": "moderate", "sat": "long"}
                week["sun"] = "easy"
                shares = {"tue": 1.0, "thu": 1.1, "sun": 0.7}
            else:
                week = {"tue": "easy", "wed": "easy", "thu": "hard", "sat": "long", "sun": "easy"}
                shares = {"tue": 1.0, "wed": 0.8, "thu": 1.1, "sun": 0.7}
            parts = split_week(rng, total, long_run, shares)
            if block == 0:
                lifting = {"tue": "light", "thu": "light"}
            elif block == 1:
                lifting = {"tue": "heavy" if wib >= 5 else "light", "thu": "light"}
            else:
                lifting = {"tue": "heavy", "thu": "heavy" if wib >= 5 else "light"}
            if lw in (11, 23):  # a missed session now and then
                lifting.pop("thu")
            note_day = None
            if lw == 0:
                note_day = ("tue", "first leg day: bodyweight squats, glute bridges, calf raises")
                extra_note = ("fri", "stairs at work were hard today")
            elif lw == 1:
                note_day = ("mon", "still sore from last week's squats")
            elif lw == 11:
                note_day = ("thu", "skipped lifting, work trip")
            elif lw == 13:
                note_day = ("tue", "first loaded squats, goblet 12 kg")
            elif lw == 20:
                note_day = ("sat", "hot, humid, walked a bit")
            elif lw == 36 - 1:
                note_day = ("sun", "first 30-mile week is close")
        for name, date in d.items():
            kind = week.get(name, "rest")
            if w == 3 and name == "wed":
                continue  # a day she forgot to log
            if kind in ("rest", "cross"):
                row = run_row(rng, date, kind)
            else:
                dist = long_run if kind == "long" else parts[name]
                row = run_row(rng, date, kind, dist, pace_offset=0.8)
            if name in lifting:
                lw = w - len(stall)
                add_strength(rng, row, lifting[name], progress=((lw % 8) / 7))
            for when in (note_day, extra_note):
                if when and when[0] == name:
                    row["notes"] = when[1]
            rows.append(row)
    add_soreness(
        rows,
        rng,
        base=1.0,
        leg_amp={"light": 5.0, "heavy": 5.0},
        floor=0.3,
        run_amp=1.0,
        blank_rate=0.12,
    )
    profile = {
        "name": "Maya Okafor",
        "units": "mi",
        "week": {
            "mon": "rest",
            "tue": "easy",
            "wed": "easy",
            "thu": "hard",
            "fri": "rest",
            "sat": "long",
            "sun": "easy",
        },
        "season": "off-season",
        "races": [],
        "strength": {"block_start": monday(5), "weaker_side": "right"},
        "log": "logs/maya-newcomer.csv",
    }
    return profile, rows


DAN_WEEKS = [  # (total mi, long run mi, Friday session) for the 24 weeks to the anchor
    (40, 12, "light"),
    (42, 13, None),
    (44, 14, "light"),
    (37, 11, None),
    (45, 15, "light"),
    (47, 16, "light"),
    (48, 16, None),
    (40, 12, None),
    (48, 17, "light"),
    (50, 17, "light"),
    (51, 18, None),
    (43, 13, None),
    (51, 18, "light"),
    (52, 19, "heavy"),
    (53, 18, None),
    (45, 14, None),
    (54, 20, "light"),
    (55, 20, None),
    (44, 13.1, None),  # tune-up half marathon on Sunday 2026-10-18
    (47, 14, "light"),
    (55, 20, None),
    (54, 20, "light"),
    (46, 16, None),  # taper begins
    (37, 12, None),
]
DAN_HARD = [
    "6 x 1 km @ 10K pace",
    "tempo 5 mi",
    "8 x 800 m",
    "3 x 2 mi @ marathon pace",
    "track, 5 x 1 mi, windy",
    "hill repeats 10 x 60 s",
]


def dan_marathon() -> tuple[dict, list[Row]]:
    """A 24-week marathon build, one or two leg sessions a week, the taper started."""
    rng = random.Random(202)
    rows: list[Row] = []
    n = len(DAN_WEEKS)
    for w, (total, long_run, friday) in enumerate(DAN_WEEKS):
        d = week_dates(monday(n - 1 - w))
        parts = split_week(
            rng, total, long_run, {"tue": 1.1, "wed": 1.0, "thu": 1.3, "fri": 0.7, "sat": 0.9}
        )
        race_week = w == 18
        for name, date in d.items():
            if name == "mon":
                rows.append(run_row(rng, date, "rest"))
                continue
            if name == "sun":
                kind = "race" if race_week else "long"
                note = ""
                if race_week:
                    note = "Riverside Half tune-up, 1:29:40"
                elif long_run >= 18 and w % 2:
                    note = "last 4 at marathon pace"
                row = run_row(rng, date, kind, long_run, pace_offset=-0.3, notes=note)
                if race_week:
                    row["minutes"] = 90
                rows.append(row)
                continue
            kind = {"tue": "hard", "wed": "easy", "thu": "moderate", "fri": "easy"}.get(
                name, "easy"
            )
            dist = parts[name]
            double = (w, name) in ((9, "thu"), (14, "wed"))
            if double:  # two runs on one day: the PM one is a short easy jog
                pm = 3.0 if name == "thu" else 4.0
                dist = round(dist - pm, 1)
            note = DAN_HARD[w % len(DAN_HARD)] if kind == "hard" else ""
            row = run_row(rng, date, kind, dist, pace_offset=-0.3, notes=note)
            if name == "tue":
                # Leg session later on the hard day (S6); the Wednesday after stays easy.
                level = "light" if w in (3, 7, 11, 15, 18, 23) else "heavy"
                add_strength(rng, row, level, progress=min(w / 16, 1.0))
                if w == 23:
                    row["notes"] = "4 x 1 mi @ marathon pace, light mobility after: taper"
            if name == "fri" and friday and w < 22:
                add_strength(rng, row, friday, progress=0.4)
            rows.append(row)
            if double:
                rows.append(
                    run_row(rng, date, "easy", pm, pace_offset=-0.3, notes="double: easy PM jog")
                )
    add_soreness(
        rows,
        rng,
        base=0.8,
        leg_amp={"light": 1.5, "heavy": 3.5},
        floor=0.3,
        run_amp=1.0,
        blank_rate=0.1,
    )
    profile = {
        "name": "Dan Reyes",
        "units": "mi",
        "week": {
            "mon": "rest",
            "tue": "hard",
            "wed": "easy",
            "thu": "moderate",
            "fri": "easy",
            "sat": "easy",
            "sun": "long",
        },
        "races": [
            {"name": "Riverside Half", "date": dt.date(2026, 10, 18), "distance": 13.1},
            {
                "name": "Harbour City Marathon",
                "date": ANCHOR + dt.timedelta(days=12),  # 2026-12-04: the taper page
                "distance": 26.2,
            },
        ],
        "strength": {"block_start": monday(7), "weaker_side": "none"},
        "log": "logs/dan-marathon.csv",
    }
    return profile, rows


LENA_WEEKS = [  # (total mi, long run mi, Sunday heavy session too)
    (22, 6.5, False),
    (24, 7.0, False),
    (32, 7.5, True),  # +33%
    (31, 7.5, False),
    (26, 6.5, False),
    (35, 9.0, True),  # +35%, long run 20% over her 30-day longest
    (24, 8.0, False),
    (12, 5.0, False),  # calf niggle: cut the running, not the lifting
    (31, 8.5, False),  # +107%: straight back to full weeks
    (41, 11.0, True),  # +32%, long run 22% over her 30-day longest
    (36, 9.0, False),
    (30, 8.0, True),
    (26, 8.0, False),
    (35, 12.5, True),  # +35% in the last week, long run 14% over her 30-day longest
]


def lena_overeager() -> tuple[dict, list[Row]]:
    """Three or four heavy leg days a week, in all the wrong places, and sore legs."""
    rng = random.Random(303)
    rows: list[Row] = []
    n = len(LENA_WEEKS)
    notes = {
        (0, "mon"): "new program: legs 3x a week",
        (2, "sun"): "squat PR 80 kg x 5, day after the long run",
        (3, "tue"): "bailed on the tempo, legs dead",
        (5, "sat"): "longest run ever, legs like concrete",
        (6, "wed"): "sore walking downstairs",
        (7, "tue"): "calf niggle, jogged instead of the session",
        (7, "wed"): "calf sore, still did legs",
        (8, "fri"): "heavy deadlifts, long run tomorrow",
        (10, "tue"): "squats in the morning, intervals at night",
        (11, "thu"): "calves still sore from Monday",
        (13, "mon"): "rest day, but did legs anyway",
    }
    for w, (total, long_run, sunday_heavy) in enumerate(LENA_WEEKS):
        d = week_dates(monday(n - 1 - w))
        sunday_run = w % 3 == 1
        shares = {"tue": 1.1, "wed": 1.0, "thu": 1.2, "fri": 0.8} | (
            {"sun": 0.6} if sunday_run else {}
        )
        parts = split_week(rng, total, long_run, shares)
        for name, date in d.items():
            kind = {
                "mon": "rest",
                "tue": "hard",
                "wed": "easy",
                "thu": "moderate",
                "fri": "easy",
                "sat": "long",
            }.get(name, "rest")
            if (name == "sun" and sunday_run) or (w, name) == (7, "tue"):
                kind = "easy"
            if kind == "rest":
                row = run_row(rng, date, "rest")
            elif kind == "long":
                row = run_row(rng, date, kind, long_run)
            else:
                row = run_row(rng, date, kind, parts[name])
            progress = min(1.0, 0.5 + w / 14)
            # Monday on a rest day (S3), Wednesday after the hard run (S4),
            # Friday before the long run (S5, S7), some Sundays after it (S4).
            # And once, squats before a Tuesday's intervals (S6: run first, lift later).
            lifts = name in ("mon", "wed", "fri") or (name == "sun" and sunday_heavy)
            skipped = (w, name) in ((4, "mon"), (10, "mon"))
            if (lifts and not skipped) or (w, name) == (10, "tue"):
                add_strength(rng, row, "heavy", progress)
            if (w, name) in notes:
                row["notes"] = notes[(w, name)]
            rows.append(row)
    add_soreness(
        rows,
        rng,
        base=2.0,
        leg_amp={"light": 2.0, "heavy": 4.0},
        floor=0.75,
        run_amp=1.2,
        blank_rate=0.06,
    )
    for row in rows:  # sore legs make runs feel harder (S10: sluggish runs)
        if row["run"] in ("easy", "moderate", "long") and int(row.get("soreness", 0)) >= 6:  # type: ignore[call-overload]
            row["rpe"] = min(10, int(row["rpe"]) + 2)  # type: ignore[call-overload]
    profile = {
        "name": "Lena Brandt",
        "units": "mi",
        "season": "off-season",
        "races": [{"name": "Spring Half", "date": dt.date(2027, 4, 11), "distance": 13.1}],
        "strength": {"block_start": monday(n - 1), "weaker_side": "none"},
        "log": "logs/lena-overeager.csv",
    }
    return profile, rows


def omar_raceseason() -> tuple[dict, list[Row]]:
    """Race season: steady 30-35 mi, one leg session a week, a 10K in five weeks."""
    rng = random.Random(404)
    weeks = 13
    rows: list[Row] = []
    race_5k = dt.date(2026, 10, 10)  # a Saturday
    for w in range(weeks):
        d = week_dates(monday(weeks - 1 - w))
        total = rng.uniform(30.5, 35.0)
        long_run = round(rng.uniform(10.0, 11.5), 1)
        parts = split_week(rng, total, long_run, {"tue": 1.3, "wed": 1.0, "thu": 1.3, "sat": 0.9})
        for name, date in d.items():
            kind = {
                "tue": "hard",
                "wed": "easy",
                "thu": "moderate",
                "sat": "easy",
                "sun": "long",
            }.get(name, "rest")
            if date == race_5k:
                row = run_row(rng, date, "race", 3.1, notes="Harbour 5K, 19:58, a PR")
                row["minutes"] = 20
            elif kind == "rest":
                row = run_row(rng, date, "rest")
            elif kind == "long":
                row = run_row(rng, date, kind, long_run, pace_offset=-0.2)
            else:
                row = run_row(rng, date, kind, parts[name], pace_offset=-0.2)
            if name == "tue":
                # One short maintenance session after the morning workout (S2, S6).
                level = (
                    "light" if race_5k - date < dt.timedelta(days=7) and date < race_5k else "heavy"
                )
                add_strength(rng, row, level, progress=0.3)
                row["strength_minutes"] = min(int(row["strength_minutes"]), 35)  # type: ignore[call-overload]
                if w == 0:
                    row["notes"] = "intervals AM, squats + step-ups PM"
            if name == "thu" and w == 6:
                row["notes"] = "progression run, felt smooth"
            rows.append(row)
    add_soreness(
        rows,
        rng,
        base=1.0,
        leg_amp={"light": 1.0, "heavy": 2.5},
        floor=0.35,
        run_amp=1.0,
        blank_rate=0.1,
    )
    profile = {
        "name": "Omar Haddad",
        "units": "mi",
        "week": {
            "mon": "rest",
            "tue": "hard",
            "wed": "easy",
            "thu": "moderate",
            "fri": "rest",
            "sat": "easy",
            "sun": "long",
        },
        "season": "race-season",
        "races": [
            {"name": "Harbour 5K", "date": race_5k, "distance": 3.1},
            {"name": "Boxing Day 10K", "date": dt.date(2026, 12, 26), "distance": 6.2},
        ],
        "strength": {"block_start": dt.date(2026, 6, 1), "weaker_side": "none"},
    }
    return profile, rows


def kenji_weekly() -> tuple[dict, list[dict]]:
    """Weekly totals only, in km: a steady base from 40 to 70 km with cutback weeks."""
    rng = random.Random(505)
    weeks = 44
    rows: list[dict] = []
    for w in range(weeks):
        week_of = monday(weeks - 1 - w)
        total = 42.0 + 26.0 * w / (weeks - 1)
        if w % 4 == 3:
            total *= 0.86  # cutback week
        total = min(70.0, max(40.0, total * rng.uniform(0.96, 1.04)))
        long_run = total * rng.uniform(0.3, 0.36)
        runs = 4 if total < 50 else (5 if total < 62 else 6)
        sessions = 1 if w % 4 == 3 or rng.random() < 0.2 else 2
        soreness = 1.6 + 0.5 * sessions + rng.uniform(-0.5, 0.6) + (total - 40) / 40
        if w < 3:  # started lifting when the log starts: sorer at first
            soreness += 1.6 - 0.5 * w
        rows.append(
            {
                "week_of": week_of,
                "distance": round(total, 1),
                "long_run": round(long_run, 1),
                "runs": runs,
                "strength_sessions": sessions,
                "soreness": round(soreness, 1),
            }
        )
    profile = {
        "name": "Kenji Watanabe",
        "units": "km",
        "week": {
            "mon": "rest",
            "tue": "easy",
            "wed": "hard",
            "thu": "easy",
            "fri": "rest",
            "sat": "long",
            "sun": "easy",
        },
        "races": [{"name": "Spring 30K", "date": dt.date(2027, 3, 21), "distance": 30}],
        "strength": {"block_start": monday(3), "weaker_side": "none"},
        "log": "logs/kenji-weekly.csv",
    }
    return profile, rows


ANA_WEEKS = [  # (total km, long run km)
    (38, 14.0),
    (40, 15.0),
    (42, 16.0),
    (35, 13.0),
    (42, 16.5),
    (44, 17.5),
    (46, 18.0),
    (38, 14.0),
    (46, 18.5),
    (48, 19.0),
    (50, 20.0),
    (41, 15.0),
    (49, 20.0),
    (50, 21.0),
]


def ana_hills() -> tuple[dict, list[dict]]:
    """Hill work for a hilly half, single-leg strength with the weaker left side first."""
    rng = random.Random(606)
    n = len(ANA_WEEKS)
    rows: list[Row] = []
    notes = {
        (0, "tue"): "split squats, left side first",
        (2, "wed"): "hill repeats 8 x 90 s",
        (4, "sun"): "Müllerthal trail, 420 m climb",
        (5, "wed"): "hills, then 10 min easy",
        (7, "sun"): "downhills hit the quads",
        (9, "tue"): "left glute firing better on step-ups",
        (10, "sun"): "course recce: the two big climbs",
        (12, "wed"): "hill repeats 10 x 90 s, strong",
    }
    for w, (total, long_run) in enumerate(ANA_WEEKS):
        d = week_dates(monday(n - 1 - w))
        parts = split_week(rng, total, long_run, {"tue": 1.0, "wed": 1.3, "thu": 0.9, "sat": 0.8})
        for name, date in d.items():
            kind = {
                "tue": "easy",
                "wed": "hard",
                "thu": "easy",
                "fri": "cross" if w % 2 == 0 else "rest",
                "sat": "easy",
                "sun": "long",
            }.get(name, "rest")
            if kind in ("rest", "cross"):
                row = run_row(rng, date, kind)
            elif kind == "long":
                row = run_row(rng, date, kind, long_run, units="km", pace_offset=0.4)
            else:
                row = run_row(rng, date, kind, parts[name], units="km", pace_offset=0.2)
            progress = (w % 8) / 7
            if name == "tue":  # light single-leg work after an easy run: Wednesday is a key run
                add_strength(rng, row, "light", progress)
            if name == "wed" and w not in (3, 11):  # heavy later on the hill day (S6)
                add_strength(rng, row, "heavy", progress)
            if (w, name) in notes:
                row["notes"] = notes[(w, name)]
            rows.append(row)
    add_soreness(
        rows,
        rng,
        base=1.0,
        leg_amp={"light": 1.2, "heavy": 2.8},
        floor=0.35,
        run_amp=1.3,
        blank_rate=0.1,
        units="km",
    )
    weeks: list[dict] = []
    for w in range(n):
        start = monday(n - 1 - w)
        week: dict[str, object] = {"week_of": start}
        for name, date in week_dates(start).items():
            if (w, name) == (6, "fri"):
                continue  # not logged
            (row,) = [r for r in rows if r["date"] == date]
            day = {k: v for k, v in _compact(row).items() if k != "date"}
            if set(day) == {"run"} or (w, name) in ((1, "mon"), (4, "fri"), (9, "mon")):
                week[name] = day["run"]  # a bare kind: `mon: rest`, `fri: cross`
            else:
                week[name] = day
        weeks.append(week)
    profile = {
        "name": "Ana Ferreira",
        "units": "km",
        "week": {
            "mon": "rest",
            "tue": "easy",
            "wed": "hard",
            "thu": "easy",
            "fri": "cross",
            "sat": "easy",
            "sun": "long",
        },
        "races": [{"name": "Hilly Half", "date": ANCHOR + dt.timedelta(weeks=9), "distance": 21.1}],
        "strength": {"block_start": monday(4), "weaker_side": "left"},
    }
    return profile, weeks


SETS_HEADER = ("date", "exercise", "set", "reps", "weight", "rpe", "side", "type")


def ana_sets(weeks: list[dict]) -> str:
    """Ana's sets log (as a Hevy import would leave it, typed here): each heavy Wednesday
    a back squat, a Romanian deadlift and Bulgarian split squats, left side first, the
    loads creeping up by double progression (reps to 6, then 2.5 kg more)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SETS_HEADER)
    heavy = [
        week["week_of"] + dt.timedelta(days=2)
        for week in weeks
        if isinstance(week.get("wed"), dict) and week["wed"].get("strength") == "heavy"
    ]
    for k, day in enumerate(heavy):
        reps = 6 if k % 2 else 5  # a session at 5 reps, then every set at 6: step up
        bar = 50 + 2.5 * (k // 2)
        rows = [(day, "Squat (Barbell)", 1, 8, 40, "", "", "warmup")]
        rows += [(day, "Squat (Barbell)", n, reps, bar, 8, "", "") for n in (2, 3, 4)]
        rows += [(day, "Romanian Deadlift (Barbell)", n, reps, bar + 5, 7.5, "", "")
                 for n in (1, 2, 3)]  # fmt: skip
        dumbbell = 10 + 2 * (k // 3)
        rows += [(day, "Bulgarian Split Squat (Dumbbell)", n, 8, dumbbell, 8, side, "")
                 for n in (1, 2) for side in ("left", "right")]  # fmt: skip
        for row in rows:
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def sam_csv_only() -> list[Row]:
    """A bare CSV with no profile: rest days are blank run cells."""
    rng = random.Random(707)
    weeks = 12
    rows: list[Row] = []
    for w in range(weeks):
        d = week_dates(monday(weeks - 1 - w))
        total = rng.uniform(19.0, 25.0)
        long_run = round(total * 0.35, 1)
        parts = split_week(rng, total, long_run, {"tue": 1.0, "thu": 1.1, "sat": 0.8})
        for name, date in d.items():
            if (w, name) == (5, "wed"):
                continue  # forgot to log
            kind = {"tue": "easy", "thu": "moderate", "sat": "easy", "sun": "long"}.get(name)
            if kind is None:
                row = run_row(rng, date, "rest")
                row["run"] = ""
            elif kind == "long":
                row = run_row(rng, date, kind, long_run)
            else:
                row = run_row(rng, date, kind, parts[name])
            if name == "tue" and w % 3 != 2:
                add_strength(rng, row, "light" if w < 4 else "heavy", progress=w / 11)
            if (w, name) == (8, "sun"):
                row["notes"] = "long run with the club"
            if row["strength"] == "none":
                row["strength"] = ""  # blank means none
            rows.append(row)
    add_soreness(
        rows,
        rng,
        base=1.0,
        leg_amp={"light": 2.0, "heavy": 3.0},
        floor=0.35,
        run_amp=1.0,
        blank_rate=0.2,
    )
    return rows


# --------------------------------------------------------------------------- writers


def _compact(row: Row) -> dict:
    """A day as YAML writes it: columns in CSV order, blanks and ``strength: none`` left out."""
    return {
        k: row[k]
        for k in DAY_HEADER
        if k in row and row[k] not in ("", None) and not (k == "strength" and row[k] == "none")
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def days_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DAY_HEADER)
    for row in sorted(rows, key=lambda r: r["date"]):  # type: ignore[arg-type,return-value]
        writer.writerow([_cell(row.get(column, "")) for column in DAY_HEADER])
    return out.getvalue()


def weeks_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(WEEK_HEADER)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in WEEK_HEADER])
    return out.getvalue()


def _yaml(value: dict) -> str:
    return yaml.safe_dump(
        value, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10_000
    )


def profile_yaml(athlete_id: str, profile: dict, story: str) -> str:
    head = (
        f"# {athlete_id}: {story}\n"
        "# Generated by tools/make_demo.py: edit the generator, not this file.\n"
    )
    return head + _yaml(profile)


def inline_rows(rows: list[Row]) -> list[dict]:
    """Day rows for a YAML ``days:`` list, leaving out blank fields."""
    return [_compact(row) for row in sorted(rows, key=lambda r: r["date"])]  # type: ignore[arg-type,return-value]


def build_files() -> dict[str, str]:
    """Every demo file: path relative to the data folder -> text."""
    files: dict[str, str] = {}
    stories: list[tuple[str, str, Callable[[], tuple[dict, list]]]] = [
        ("maya-newcomer", "stalled near 12 mi/week, then 2 leg sessions/week", maya_newcomer),
        ("dan-marathon", "marathon 12 days after the last logged day", dan_marathon),
        ("lena-overeager", "3-4 heavy leg days a week, sore, badly placed", lena_overeager),
    ]
    for athlete_id, story, make in stories:
        profile, rows = make()
        files[f"athletes/logs/{athlete_id}.csv"] = days_csv(rows)
        files[f"athletes/{athlete_id}.yaml"] = profile_yaml(athlete_id, profile, story)
    profile, rows = omar_raceseason()
    profile["days"] = inline_rows(rows)
    files["athletes/omar-raceseason.yaml"] = profile_yaml(
        "omar-raceseason", profile, "race season, one leg session a week, whole log inline"
    )
    profile, week_rows = kenji_weekly()
    files["athletes/logs/kenji-weekly.csv"] = weeks_csv(week_rows)
    files["athletes/kenji-weekly.yaml"] = profile_yaml(
        "kenji-weekly", profile, "logs weekly totals only, in km"
    )
    profile, weeks = ana_hills()
    profile["weights"] = "kg"
    profile["strength_log"] = "logs/ana-hills-sets.csv"
    profile["weeks"] = weeks
    files["athletes/logs/ana-hills-sets.csv"] = ana_sets(weeks)
    files["athletes/ana-hills.yaml"] = profile_yaml(
        "ana-hills",
        profile,
        "weaker left side, Hilly Half in 9 weeks, `weeks:` form, a sets log",
    )
    files["athletes/sam-csv-only.csv"] = days_csv(sam_csv_only())
    return dict(sorted(files.items()))


def write_demo(folder: str | Path) -> list[Path]:
    """Write the roster under ``folder`` (the data folder: files go in athletes/)."""
    root = Path(folder)
    written: list[Path] = []
    for relative, text in build_files().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "data"
    parser.add_argument("folder", nargs="?", default=str(default), help="data folder to write")
    args = parser.parse_args(argv)
    for path in write_demo(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
