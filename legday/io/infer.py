"""Activities -> day rows, with every guessed run kind and session level marked.

The exports know sports, distances and times but not what legday plans around: run
kinds (easy, hard, long) and leg-session levels (light, heavy). Those are inferred
here, honestly and visibly: each guessed cell is marked and the row's note says why,
so the runner can correct it in the log.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from legday.io.activities import METRES_PER
from legday.model import DAY_COLUMNS, empty_days

#: Long run: the week's longest run, at least this much longer than the median of the
#: week's other runs, and at least LONG_MIN_METRES.
LONG_RATIO = 1.5
LONG_MIN_METRES = 8000.0
#: A run logged without distance counts as this many metres a minute (10 km/h) when
#: looking for the week's longest run.
METRES_PER_MINUTE_GUESS = 1000.0 / 6.0
#: Effort (RPE 0-10) from which a run counts as hard.
HARD_EFFORT = 7.0
#: A leg session is heavy from this effort, or from HEAVY_MINUTES.
HEAVY_EFFORT = 6.0
HEAVY_MINUTES = 40.0

#: Words in an activity name (any case) that make a run hard. English first, then
#: common French, German, Spanish, Italian, Dutch, Scandinavian and Polish words.
#: Not "carrera" or "course": Strava's Spanish and French default names for any run.
HARD_WORDS: tuple[str, ...] = (
    r"intervals?",
    r"tempo",
    r"races?",
    r"racing",
    r"fartlek",
    r"threshold",
    r"track",
    r"vo2\s*max",
    r"vo2",
    r"repeats",
    r"reps",
    r"speed\s*work",
    r"hill\s+repeats",
    r"\d+\s*[x×]\s*\d+\s*(?:m|k|km|mi|s|min|')?",  # 6x400, 5 x 1km
    r"intervalles?",
    r"fractionn[ée]e?s?",
    r"seuil",
    r"intervall?e?",
    r"intervalltraining",
    r"tempolauf",
    r"schwelle",
    r"wettkampf",
    r"intervalos?",
    r"series",
    r"umbral",
    r"competici[óo]n",
    r"ripetute",
    r"soglia",
    r"gara",
    r"intervaller",
    r"interwa[łl]y",
    r"drempel",
    r"wedstrijd",
)
#: Words that make a run long (when not hard).
LONG_WORDS: tuple[str, ...] = (
    r"long\s+run",
    r"long",
    r"lsd",
    r"sortie\s+longue",
    r"langer\s+lauf",
    r"tirada\s+larga",
    r"rodaje\s+largo",
    r"lungo",
    r"lunghissimo",
    r"duurloop",
    r"långpass",
    r"langtur",
)


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


HARD_PATTERN = _word_pattern(HARD_WORDS)
LONG_PATTERN = _word_pattern(LONG_WORDS)


def to_days(acts: pd.DataFrame, source: str, units: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Day rows (DAY_COLUMNS) and, on the same index, which run kinds and levels were
    inferred (bool columns ``run`` and ``strength``)."""
    if acts.empty:
        days = empty_days()
        return days, no_inferred(days.index)
    date = acts["start"].dt.normalize()
    is_run, is_lift = (acts["category"] == c for c in ("run", "strength"))
    kind, run_why = infer_run_kinds(acts)
    level, lift_why = infer_strength_levels(acts)
    distance = (acts["distance_m"] / METRES_PER[units]).round(2)
    distance = distance.where(distance > 0)
    minutes = acts["minutes"].round(1)
    name = acts["name"].fillna("").str.replace(r"\s+", " ", regex=True).str.strip().str[:120]
    name = name.where(name != "", acts["type"])
    run_note = f"imported from {source}: " + name + "; " + run_why
    lift_note = f"imported from {source}: " + name + "; " + lift_why
    cross_note = f"imported from {source}: " + name + " (" + acts["type"] + ")"
    rows = pd.DataFrame(
        {
            "date": date,
            "run": kind.where(is_run, "cross").where(~is_lift, "rest"),
            "distance": distance.where(is_run),
            "minutes": minutes.where(~is_lift),
            "rpe": acts["effort"].where(~is_lift),
            "strength": level.where(is_lift, "none"),
            "strength_minutes": minutes.where(is_lift),
            "strength_rpe": acts["effort"].where(is_lift),
            "soreness": np.nan,
            "notes": run_note.where(is_run, lift_note.where(is_lift, cross_note)),
            "pain": np.nan,
            "pain_site": "",
        }
    )
    inferred = pd.DataFrame(
        {"run": is_run & (run_why.str.startswith("kind inferred")), "strength": is_lift}
    )
    rows, inferred = _merge_lift_after_run(rows, inferred, is_run, is_lift)
    rows = rows.astype(DAY_COLUMNS)
    return rows.reset_index(drop=True), inferred.reset_index(drop=True).astype(bool)


def _merge_lift_after_run(
    rows: pd.DataFrame,
    inferred: pd.DataFrame,
    is_run: pd.Series,
    is_lift: pd.Series,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A leg session later on the same day as a run joins that run's row, the way a
    legday log writes "easy run, then heavy legs" (rules S4-S6 read it so). A session
    before the day's first run keeps its own, earlier row: lifting came first."""
    position = pd.Series(np.arange(len(rows)), index=rows.index)
    last_run = position.where(is_run).groupby(rows["date"]).ffill()
    target = last_run.where(is_lift).dropna().astype(int)
    target = target[~target.duplicated()]  # one session per run row
    if target.empty:
        return rows, inferred
    rows = rows.copy()
    runs_at = rows.index[target.to_numpy()]
    for column in ("strength", "strength_minutes", "strength_rpe"):
        rows.loc[runs_at, column] = rows.loc[target.index, column].to_numpy()
    lift_notes = rows.loc[target.index, "notes"].str.replace(
        r"^imported from \w+: ", "", regex=True
    )
    rows.loc[runs_at, "notes"] = rows.loc[runs_at, "notes"] + " | then " + lift_notes.to_numpy()
    inferred = inferred.copy()
    inferred.loc[runs_at, "strength"] = True
    keep = ~rows.index.isin(target.index)
    return rows[keep], inferred[keep]


def infer_run_kinds(acts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each run's kind and why, first match wins:

    1. the export marks it a race -> race; marks it a long run -> long (not inferred);
    2. the name says intervals, tempo, race, fartlek, threshold, track, VO2, 6x400 ... -> hard;
    3. the name says long run (or sortie longue, langer Lauf ...) -> long;
    4. the week's longest run, >= 1.5x the median of that week's other runs and
       >= 8 km -> long;
    5. effort (RPE) >= 7 -> hard;
    6. otherwise easy.
    Weeks run Monday to Sunday on the local date.
    """
    text = acts["name"].fillna("") + " | " + acts["type"].fillna("")
    hard_word = text.str.extract(HARD_PATTERN, expand=False)
    long_word = acts["name"].fillna("").str.extract(LONG_PATTERN, expand=False)
    longest = _longest_of_week(acts)
    effort = acts["effort"]
    kind = pd.Series("easy", index=acts.index, dtype="str")
    why = pd.Series(
        "kind inferred (easy: nothing says otherwise)",
        index=acts.index,
        dtype="str",
    )
    rules = [
        (effort >= HARD_EFFORT, "hard", "kind inferred (effort " + effort.map("{:g}".format) + ")"),
        (longest, "long", pd.Series("kind inferred (longest run of its week)", index=acts.index)),
        (long_word.notna(), "long", "kind inferred (name says " + long_word.fillna("") + ")"),
        (
            hard_word.notna(),
            "hard",
            "kind inferred (name says " + hard_word.fillna("").str.lower() + ")",
        ),
        (acts["long"], "long", pd.Series("marked as a long run in the export", index=acts.index)),
        (acts["race"], "race", pd.Series("marked as a race in the export", index=acts.index)),
    ]
    for mask, value, reason in rules:  # lowest priority first: later rules overwrite
        mask = mask.fillna(False).astype(bool)
        kind = kind.where(~mask, value)
        why = why.where(~mask, reason)
    return kind, why


def _longest_of_week(acts: pd.DataFrame) -> pd.Series:
    is_run = acts["category"] == "run"
    length = acts["distance_m"].where(acts["distance_m"] > 0)
    length = length.fillna(acts["minutes"] * METRES_PER_MINUTE_GUESS).where(is_run)
    week = acts["start"].dt.to_period("W-SUN")
    runs = pd.DataFrame({"week": week, "length": length, "pos": np.arange(len(acts))})[
        is_run & length.notna()
    ]
    if runs.empty:
        return pd.Series(False, index=acts.index)
    runs = runs.sort_values(["week", "length", "pos"], ascending=[True, False, True])
    top = ~runs["week"].duplicated()
    others = runs[~top].groupby("week")["length"].median()
    best = runs[top].set_index("week")
    best["others"] = others
    is_long = (best["length"] >= LONG_RATIO * best["others"]) & (best["length"] >= LONG_MIN_METRES)
    out = pd.Series(False, index=acts.index)
    out.iloc[best.loc[is_long.fillna(False), "pos"].to_numpy()] = True
    return out


def infer_strength_levels(acts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """heavy when effort >= 6 or the session lasted >= 40 min; light otherwise."""
    effort, minutes = acts["effort"], acts["minutes"]
    by_effort = effort >= HEAVY_EFFORT
    by_time = minutes >= HEAVY_MINUTES
    level = pd.Series("light", index=acts.index, dtype="str").where(~(by_effort | by_time), "heavy")
    why = pd.Series(
        "level inferred (light: short, no high effort logged)", index=acts.index, dtype="str"
    )
    why = why.where(~by_time, "level inferred (" + minutes.round().map("{:g}".format) + " min)")
    why = why.where(~by_effort, "level inferred (effort " + effort.map("{:g}".format) + ")")
    return level, why


def no_inferred(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame({"run": False, "strength": False}, index=index, dtype=bool)
