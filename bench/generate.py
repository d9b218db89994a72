"""A deterministic synthetic roster for the benchmarks: N athletes x Y years of logs.

The files use the real formats (docs/data-format.md) in the proportions a coach's
folder might hold: most athletes have a profile YAML with a ``log:`` CSV, some log
weekly totals only, a few keep their days inline (``days:`` or ``weeks:``) and a few
drop in a bare CSV without a profile. The days vary like real training: a usual week
with growth and cutback weeks, races with a taper, leg sessions (some badly placed,
some gaps), soreness after heavy days, the odd double day, notes with commas.

The same seed always writes the same bytes: ``end`` (the last logged day) is a fixed
date, never "today", so reruns on another day compare like with like.

    python -m bench.generate OUT_DIR [--athletes 200] [--years 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: The last logged day of every athlete (fixed: the output must not depend on the clock).
DEFAULT_END = dt.date(2026, 11, 22)  # a Sunday
DEFAULT_ATHLETES = 200
DEFAULT_YEARS = 3
DEFAULT_SEED = 7
#: Weeks of history kept by athletes who write their log inline in the YAML.
INLINE_WEEKS = 26

DAY_HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes"
WEEK_HEADER = "week_of,distance,long_run,runs,strength_sessions,soreness"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Usual weeks by runs per week (Monday first).
TEMPLATES = (
    ("rest", "easy", "rest", "hard", "rest", "long", "rest"),
    ("rest", "easy", "easy", "hard", "rest", "long", "rest"),
    ("rest", "easy", "moderate", "hard", "easy", "long", "rest"),
    ("rest", "hard", "easy", "moderate", "easy", "easy", "long"),
    ("easy", "easy", "moderate", "hard", "easy", "long", "rest"),
    ("rest", "easy", "hard", "easy", "cross", "easy", "long"),
    ("easy", "hard", "easy", "moderate", "easy", "long", "easy"),
)
#: Share of the week's distance by run kind.
SHARE = {"easy": 1.0, "moderate": 1.3, "hard": 1.1, "long": 2.3}
FIRST = ("Ana", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea")
LAST = ("Okafor", "Reyes", "Brandt", "Haddad", "Costa", "Ng", "Silva", "Moreau", "Berg", "Ito")
NOTES = (
    "felt good",
    "windy",
    "hills",
    "6 x 800 m",
    "tempo 20 min",
    "squats, lunges, step-ups",
    'bad sleep, "heavy" legs',
    "treadmill",
    "with the club",
    "calf tight",
)
RACES = (("5K", 3.1, 5.0), ("10K", 6.2, 10.0), ("Half", 13.1, 21.1), ("Marathon", 26.2, 42.195))


@dataclass(frozen=True)
class Spec:
    """What kind of file an athlete gets."""

    form: str  # "csv" (profile + log:), "weekly", "days", "weeks", "bare" (CSV only)
    units: str


def forms(n: int) -> list[str]:
    """The file form of each athlete: 88% profile + CSV, 5% weekly totals, 3% inline
    days, 2% inline weeks, 2% a bare CSV (each kind at least once when n >= 5)."""
    counts = {
        "weekly": max(1, round(n * 0.05)),
        "days": max(1, round(n * 0.03)),
        "weeks": max(1, round(n * 0.02)),
        "bare": max(1, round(n * 0.02)),
    }
    if n < 5:  # a tiny roster still shows the common forms
        return ["csv", "weekly", "days", "weeks"][:n]
    out = ["csv"] * (n - sum(counts.values()))
    for kind, count in counts.items():
        out.extend([kind] * count)
    # spread the rare kinds through the roster (deterministic interleave)
    order = np.random.default_rng(0).permutation(n)
    return [out[i] for i in order]


def _days(rng: np.random.Generator, start: dt.date, end: dt.date, units: str):
    """Per-day arrays for one athlete from ``start`` to ``end`` (both inclusive)."""
    n = (end - start).days + 1
    dates = np.arange(np.datetime64(start), np.datetime64(end) + np.timedelta64(1, "D"))
    weekday = (dates.astype(np.int64) + 3) % 7  # Monday = 0
    week_no = (np.arange(n) + weekday[0]) // 7
    template = TEMPLATES[rng.integers(len(TEMPLATES))]
    kinds = np.array(template, dtype=object)[weekday]

    # weekly distance: a base, slow growth, a cutback every 4th week, noise
    km = units == "km"
    base = rng.uniform(10, 45) * (1.6 if km else 1.0)
    n_weeks = int(week_no[-1]) + 1
    # growth of 0-3% per 4-week block, and every 4th week a cutback to 80% of the trend
    # (a cumulative cutback shrank the volume of most athletes to nothing over 3 years)
    trend = rng.uniform(1.0, 1.03) ** (np.arange(n_weeks) / 4)
    growth = trend * np.where(np.arange(n_weeks) % 4 == 3, 0.8, 1.0)
    growth = np.minimum(growth / growth.max() * rng.uniform(1.3, 2.0), 2.0)
    weekly = base * growth * rng.normal(1.0, 0.07, n_weeks).clip(0.7, 1.3)
    share = np.array([SHARE.get(k, 0.0) for k in template])
    per_share = weekly / max(share.sum(), 1.0)
    dist = per_share[week_no] * share[weekday] * rng.normal(1.0, 0.08, n).clip(0.6, 1.5)

    # a break (illness, holiday) of 1-3 weeks once a year or so: nothing logged as run
    for _ in range(max(1, n // 365)):
        if rng.random() < 0.7:
            s = int(rng.integers(0, max(n - 21, 1)))
            length = int(rng.integers(7, 22))
            kinds[s : s + length] = "rest"
            dist[s : s + length] = 0.0

    # races: about 2 a year, the last sometimes after ``end`` (in the profile only)
    races: list[tuple[str, dt.date, float]] = []
    for year_start in range(0, n + 120, 180):
        if rng.random() < 0.75:
            name, mi, kmd = RACES[rng.integers(len(RACES))]
            day = year_start + int(rng.integers(30, 170))
            when = start + dt.timedelta(days=day)
            races.append((name, when, kmd if km else mi))
            if day < n:
                kinds[day] = "race"
                dist[day] = kmd if km else mi
                lo = max(day - 7, 0)
                dist[lo:day] *= 0.6  # taper week

    # leg sessions: a habit of 0-4 a week, mostly after easy runs, some before key runs
    habit = rng.choice([0, 1, 1, 2, 2, 2, 3, 4])
    easy_days = [i for i, k in enumerate(template) if k in ("easy", "hard", "moderate")]
    rng.shuffle(easy_days)
    lift_days = set(easy_days[: min(habit, len(easy_days))])
    if habit >= 3:  # the over-eager: one on a rest day too
        rest = [i for i, k in enumerate(template) if k == "rest"]
        if rest:
            lift_days.add(rest[0])
    lift = np.isin(weekday, sorted(lift_days)) & (rng.random(n) < 0.85)
    lift &= kinds != "race"
    gap_start = int(rng.integers(0, n))
    lift[gap_start : gap_start + int(rng.integers(0, 25))] = False  # a gap in lifting
    heavy = lift & (rng.random(n) < rng.uniform(0.3, 0.8))

    run = kinds != "rest"
    # a run day has a distance: at least 1 mi (or 1 km), shown as 1.0 or more
    dist = np.where(run & (kinds != "cross"), np.maximum(dist, 1.0), 0.0)
    pace = rng.uniform(8.0, 11.5) / (1.609 if km else 1.0)
    minutes = np.where(
        kinds == "cross", rng.integers(30, 60, n), np.round(dist * pace * rng.normal(1, 0.05, n))
    )
    rpe = np.select(
        [kinds == "hard", kinds == "race", kinds == "long", kinds == "moderate"], [8, 9, 6, 5], 3
    ) + rng.integers(-1, 2, n)
    s_minutes = np.where(heavy, rng.integers(30, 50, n), rng.integers(15, 30, n))
    s_rpe = np.where(heavy, rng.integers(6, 9, n), rng.integers(3, 6, n))

    # soreness: a baseline, up the day after a heavy session, an occasional bad spell
    sore = rng.integers(0, 3, n).astype(float)
    sore[1:] += np.where(heavy[:-1], rng.integers(2, 5, n - 1), 0)
    if rng.random() < 0.3:
        s = int(rng.integers(0, max(n - 5, 1)))
        sore[s : s + 4] = rng.integers(6, 9, min(4, n - s))
    sore = sore.clip(0, 10)
    return {
        "dates": dates,
        "kinds": kinds,
        "dist": dist,
        "minutes": minutes,
        "rpe": rpe.clip(0, 10),
        "lift": lift,
        "heavy": heavy,
        "s_minutes": s_minutes,
        "s_rpe": s_rpe,
        "sore": sore,
        "template": template,
        "races": races,
    }


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def _day_rows(rng: np.random.Generator, d: dict, style: dict) -> list[dict[str, str]]:
    """One dict of cell texts per logged row (a double day writes two rows)."""
    rows = []
    n = len(d["dates"])
    notes_at = rng.random(n) < 0.05
    doubles = rng.random(n) < style["double_rate"]
    note_pick = rng.integers(len(NOTES), size=n)
    sore_logged = style["soreness"] and True
    for i in range(n):
        kind = d["kinds"][i]
        ran = kind not in ("rest", "cross")
        row = {
            "date": str(d["dates"][i]),
            "run": "" if (kind == "rest" and style["blank_rest"]) else kind,
            "distance": _fmt(d["dist"][i]) if ran else "",
            "minutes": _fmt(d["minutes"][i], 0) if (kind != "rest" and style["effort"]) else "",
            "rpe": str(int(d["rpe"][i])) if (kind != "rest" and style["effort"]) else "",
            "strength": ("heavy" if d["heavy"][i] else "light") if d["lift"][i] else "none",
            "strength_minutes": str(int(d["s_minutes"][i])) if d["lift"][i] else "",
            "strength_rpe": str(int(d["s_rpe"][i])) if d["lift"][i] and style["effort"] else "",
            "soreness": _fmt(d["sore"][i], 0) if sore_logged else "",
            "notes": NOTES[note_pick[i]] if notes_at[i] else "",
        }
        if row["strength"] == "none" and style["blank_rest"]:
            row["strength"] = ""
        rows.append(row)
        if doubles[i] and ran:
            rows.append(
                {
                    "date": row["date"],
                    "run": "easy",
                    "distance": "3.0",
                    "minutes": "28" if style["effort"] else "",
                    "rpe": "3" if style["effort"] else "",
                    "strength": "none",
                    "strength_minutes": "",
                    "strength_rpe": "",
                    "soreness": "",
                    "notes": "double, PM shakeout",
                }
            )
    return rows


def _quote(cell: str) -> str:
    """A CSV cell as a spreadsheet writes it: quoted when it holds a comma or a quote."""
    if "," in cell or '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _csv(rows: list[dict[str, str]]) -> str:
    columns = DAY_HEADER.split(",")
    lines = [DAY_HEADER]
    lines.extend(",".join(_quote(row[c]) for c in columns) for row in rows)
    return "\n".join(lines) + "\n"


def _weekly_csv(d: dict) -> str:
    dates = d["dates"]
    weekday = (dates.astype(np.int64) + 3) % 7
    mondays = np.flatnonzero(weekday == 0)
    lines = [WEEK_HEADER]
    for m in mondays:
        if m + 7 > len(dates):
            break
        sl = slice(m, m + 7)
        ran = ~np.isin(d["kinds"][sl], ("rest", "cross"))
        sore = d["sore"][sl]
        lines.append(
            f"{dates[m]},{_fmt(d['dist'][sl].sum())},{_fmt(d['dist'][sl].max())},"
            f"{int(ran.sum())},{int(d['lift'][sl].sum())},{_fmt(sore.mean())}"
        )
    return "\n".join(lines) + "\n"


def _yaml_cell(value: str) -> str:
    return f"'{value}'" if any(ch in value for ch in ",:#'\"") else value


def _inline_day(row: dict[str, str], with_date: bool) -> str:
    keys = ["date"] if with_date else []
    keys += ["run", "distance", "minutes", "rpe", "strength", "strength_minutes"]
    keys += ["strength_rpe", "soreness", "notes"]
    parts = []
    for key in keys:
        value = row[key].replace('"', "").replace("'", "")
        if value == "" or (key == "strength" and value == "none"):
            continue
        parts.append(f"{key}: {_yaml_cell(value)}")
    return "{" + ", ".join(parts) + "}"


def _profile(
    athlete_id: str, name: str, units: str, d: dict, rng: np.random.Generator, end: dt.date
) -> list[str]:
    lines = [f"# {athlete_id}: synthetic athlete written by bench/generate.py", f"name: {name}"]
    lines.append(f"units: {units}")
    if rng.random() < 0.9:  # the rest get their usual week inferred from the log
        week = ", ".join(f"{w}: {k}" for w, k in zip(WEEKDAYS, d["template"], strict=True))
        lines.append(f"week: {{{week}}}")
    if rng.random() < 0.2:
        lines.append(f"season: {'race-season' if rng.random() < 0.5 else 'off-season'}")
    if d["races"]:
        lines.append("races:")
        for i, (race, when, distance) in enumerate(d["races"]):
            lines.append(
                f"- {{name: {race} {when.year} {i + 1}, date: {when}, distance: {distance}}}"
            )
    else:
        lines.append("races: []")
    block = end - dt.timedelta(days=int(rng.integers(0, 56)))
    side = ("none", "none", "left", "right")[rng.integers(4)]
    lines.append(f"strength: {{block_start: {block}, weaker_side: {side}}}")
    return lines


def write_roster(
    out: str | Path,
    athletes: int = DEFAULT_ATHLETES,
    years: float = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    end: dt.date = DEFAULT_END,
) -> dict:
    """Write the roster under ``out`` (created) and return a summary of what was written."""
    root = Path(out)
    (root / "logs").mkdir(parents=True, exist_ok=True)
    summary = {"athletes": athletes, "years": years, "seed": seed, "end": end.isoformat()}
    counts: dict[str, int] = {}
    day_rows = week_rows = 0
    csv_files: list[str] = []
    for i, form in enumerate(forms(athletes)):
        rng = np.random.default_rng([seed, i])
        athlete_id = f"athlete-{i + 1:04d}"
        units = "km" if rng.random() < 0.2 else "mi"
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i + 1}"
        history = INLINE_WEEKS * 7 if form in ("days", "weeks") else round(years * 365.25)
        start = end - dt.timedelta(days=history - 1)
        d = _days(rng, start, end, units if form != "bare" else "mi")
        style = {
            "blank_rest": rng.random() < 0.3,
            "effort": rng.random() < 0.85,
            "soreness": rng.random() < 0.75,
            "double_rate": 0.02 if rng.random() < 0.3 else 0.0,
        }
        counts[form] = counts.get(form, 0) + 1
        if form == "bare":
            rows = _day_rows(rng, d, style)
            (root / f"{athlete_id}.csv").write_text(_csv(rows))
            csv_files.append(f"{athlete_id}.csv")
            day_rows += len(rows)
            continue
        profile = _profile(athlete_id, name, units, d, rng, end)
        if form == "csv":
            rows = _day_rows(rng, d, style)
            (root / "logs" / f"{athlete_id}.csv").write_text(_csv(rows))
            csv_files.append(f"logs/{athlete_id}.csv")
            profile.append(f"log: logs/{athlete_id}.csv")
            day_rows += len(rows)
        elif form == "weekly":
            text = _weekly_csv(d)
            (root / "logs" / f"{athlete_id}.csv").write_text(text)
            csv_files.append(f"logs/{athlete_id}.csv")
            profile.append(f"log: logs/{athlete_id}.csv")
            week_rows += text.count("\n") - 1
        elif form == "days":
            rows = _day_rows(rng, d, style)
            profile.append("days:")
            profile.extend(f"- {_inline_day(row, True)}" for row in rows)
            day_rows += len(rows)
        else:  # weeks: one mapping per Monday
            rows = _day_rows(rng, {**d}, {**style, "double_rate": 0.0})
            profile.append("weeks:")
            for w in range((7 - start.weekday()) % 7, len(rows) - 6, 7):
                week = rows[w : w + 7]
                profile.append(f"- week_of: {week[0]['date']}")
                for wd, row in zip(WEEKDAYS, week, strict=True):
                    profile.append(f"  {wd}: {_inline_day(row, False)}")
                day_rows += 7
        (root / f"{athlete_id}.yaml").write_text("\n".join(profile) + "\n")
    summary.update(forms=counts, day_rows=day_rows, week_rows=week_rows, csv_files=csv_files)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="folder to write (default: a new temp folder)")
    parser.add_argument("--athletes", type=int, default=DEFAULT_ATHLETES)
    parser.add_argument("--years", type=float, default=DEFAULT_YEARS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = args.out or tempfile.mkdtemp(prefix="legday-roster-")
    summary = write_roster(out, args.athletes, args.years, args.seed)
    print(
        f"{out}: {summary['athletes']} athletes, {summary['day_rows']:,} day rows, "
        f"{summary['week_rows']:,} weekly rows ({summary['forms']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
