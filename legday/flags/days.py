"""Day-level flags: one small function per rule, over a daily log.

Each asks the rule book's check (legday.rules) which days break its rule and words a
sentence for each; ``DAY_FLAGS`` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from legday import body, rules
from legday.flags.values import ABBR, Flag, day_label, flag, number, plural
from legday.metrics import DayArrays
from legday.model import WEEKDAYS, Athlete
from legday.words import S8_NO_HEAVY, S8_NOTHING, S8_ONE_A_WEEK, SORENESS_SIGNALS


@dataclass(frozen=True)
class LogView:
    """A daily log as the flag functions read it: the days, their facts, the weeks."""

    athlete: Athlete
    arr: DayArrays
    facts: rules.DayFacts
    weekly: pd.DataFrame

    @property
    def n(self) -> int:
        return self.arr.n

    @property
    def levels(self) -> np.ndarray:
        return self.arr.level[None, :]

    def date(self, i: int) -> dt.date:
        return dt.date.fromordinal(self.facts.first + int(i))

    def label(self, i: int) -> str:
        return day_label(self.date(i))

    def kind(self, i: int) -> str:
        return rules.KIND_ORDER[int(self.arr.kind[i])]

    def run(self, i: int) -> str:
        """'hard run (6 mi)', 'race': the day's run as a sentence says it."""
        kind = self.kind(i)
        what = "race" if kind == "race" else f"{kind} run"
        dist = self.arr.distance[i]
        return f"{what} ({number(dist)} {self.athlete.units})" if dist > 0 else what

    def session(self, i: int) -> str:
        return "Heavy" if self.arr.level[i] == 2 else "Light"

    def days(self, mask: np.ndarray) -> list[int]:
        return np.flatnonzero(np.atleast_2d(mask)[0]).tolist()


def stretch_end(mask: np.ndarray, i: int) -> int:
    """The last position of the run of True in ``mask`` that holds position ``i``."""
    ends = np.flatnonzero(mask & ~np.r_[mask[1:], False])
    return int(ends[np.searchsorted(ends, i)])


# ------------------------------------------------------------------ placement rules


def s5_heavy_before_key_run(v: LogView) -> list[Flag]:
    out = []
    for i in v.days(rules.s5_heavy_before_key_run(v.levels, v.facts)):
        if i + 1 >= v.n:
            continue
        out.append(
            flag(v.date(i), "S5", "act",
                 f"Heavy leg session on {v.label(i)}, the day before a {v.run(i + 1)} on "
                 f"{v.label(i + 1)}: keep 48 h between heavy lifting and a key run.")
        )  # fmt: skip
    return out


def s4_after_key_run(v: LogView) -> list[Flag]:
    return [
        flag(v.date(i), "S4", "watch",
             f"{v.session(i)} leg session on {v.label(i)}, the day after a {v.run(i - 1)}: "
             "that day is for recovery.")
        for i in v.days(rules.s4_after_key_run(v.levels, v.facts))
        if i > 0
    ]  # fmt: skip


def s3_rest_day(v: LogView) -> list[Flag]:
    profile = v.athlete.profile
    usual = profile.week if profile.week_source == "profile" else None
    out = []
    for i in v.days(rules.s3_rest_day(v.levels, v.facts)):
        also = usual is not None and usual.get(WEEKDAYS[v.date(i).weekday()]) == "rest"
        note = " (a rest day in the usual week too)" if also else ""
        out.append(
            flag(v.date(i), "S3", "watch",
                 f"{v.session(i)} leg session on {v.label(i)}, a day the log calls rest{note}: "
                 "rest days stay rest; move it after an easy run.")
        )  # fmt: skip
    return out


def s6_long_or_race_day(v: LogView) -> list[Flag]:
    return [
        flag(v.date(i), "S6", "watch",
             f"{v.session(i)} leg session on {v.label(i)}, the day of a {v.run(i)}: the run "
             "is that day's work; lift after an easy run instead.")
        for i in v.days(rules.s6_long_or_race_day(v.levels, v.facts))
    ]  # fmt: skip


def _race_after(v: LogView, i: int, priority: str) -> str:
    days = int(v.facts.to_race[priority][i])
    return f"{plural(days, 'day')} before the race on {day_label(v.date(i) + dt.timedelta(days))}"


def s8_taper(v: LogView) -> list[Flag]:
    out = []
    to_a = v.facts.to_race["A"]
    for i in v.days(rules.s8_taper(v.levels, v.facts)):
        if to_a[i] <= rules.NOTHING_DAYS:
            severity, limit = "act", S8_NOTHING
        elif v.arr.level[i] == 2 and to_a[i] <= rules.NO_HEAVY_DAYS:
            severity, limit = "act", S8_NO_HEAVY
        else:
            severity, limit = "watch", S8_ONE_A_WEEK
        out.append(
            flag(v.date(i), "S8", severity,
                 f"{v.session(i)} leg session on {v.label(i)}, {_race_after(v, i, 'A')}: "
                 f"taper rule, {limit}.")
        )  # fmt: skip
    return out


def r3_b_and_c_races(v: LogView) -> list[Flag]:
    out = []
    for i in v.days(rules.r3_b_and_c_races(v.levels, v.facts)):
        priority = "B" if v.facts.to_race["B"][i] <= rules.B_NO_HEAVY_DAYS else "C"
        rule_text = (
            "a B race gets a mini-taper: no heavy legs in the 5 days before, nothing in the 2"
            if priority == "B"
            else "a C race is trained through, but no heavy legs in the 2 days before and "
            "nothing the day before"
        )
        out.append(
            flag(v.date(i), "R3", "watch",
                 f"{v.session(i)} leg session on {v.label(i)}, {_race_after(v, i, priority)}: "
                 f"{rule_text}.")
        )  # fmt: skip
    return out


def r2_heavy_after_long_race(v: LogView) -> list[Flag]:
    return [
        flag(v.date(i), "R2", "watch",
             f"Heavy leg session on {v.label(i)}, in the week after a half marathon or "
             "longer: the legs are still repairing; keep leg work light that week.")
        for i in v.days(rules.r2_heavy_after_long_race(v.levels, v.facts))
    ]  # fmt: skip


def s1_more_than_two(v: LogView) -> list[Flag]:
    out = []
    mask = rules.s1_more_than_two(v.levels, v.facts)[0]
    week = v.facts.week - v.facts.week[0]
    sessions = np.bincount(week, weights=(v.arr.level > 0).astype(float))
    last_day = np.maximum.reduceat(np.arange(v.n), np.flatnonzero(np.r_[True, np.diff(week) != 0]))
    for w in np.unique(week[mask]).tolist():
        count = int(sessions[w])
        end = v.date(last_day[w])
        monday = end - dt.timedelta(days=end.weekday())
        out.append(
            flag(end, "S1", "act" if count >= 4 else "watch",
                 f"{count} leg sessions in the week of {day_label(monday)}: two a week is the "
                 "most a building block needs.")
        )  # fmt: skip
    return out


# ------------------------------------------------------------------------ run rules


def r1_key_run_before_race(v: LogView) -> list[Flag]:
    out = []
    close = rules.r1_key_run_before_race(v.facts)
    shakeout = rules.r1_day_before_a_race(v.facts) & ~close
    for i in v.days(close | shakeout):
        what = (
            "no hard or long run in the 2 days before a race"
            if close[i]
            else "the day before an A race is rest or a short shakeout"
        )
        out.append(
            flag(v.date(i), "R1", "watch",
                 f"{v.run(i).capitalize()} on {v.label(i)}, "
                 f"{_race_after(v, i, 'any')}: {what}.")
        )  # fmt: skip
    return out


def r2_run_after_race(v: LogView) -> list[Flag]:
    return [
        flag(v.date(i), "R2", "watch",
             f"{v.run(i).capitalize()} on {v.label(i)}, {_recovery_after(v, i)}.")
        for i in v.days(rules.r2_too_soon_after_race(v.facts))
    ]  # fmt: skip


def _recovery_after(v: LogView, i: int) -> str:
    """Which race the day recovers from and what its recovery asks (rules.recovery_days,
    the rest day and easy week after a half or longer: the masks of the R2 check)."""
    day = v.facts.first + i
    race = max((r for r in v.facts.races if r.day < day), key=lambda r: r.day, default=None)
    if race is None:
        return "inside a race's recovery days"
    when = day_label(dt.date.fromordinal(race.day))
    km = race.distance_km
    size = "no distance: counted as a half" if km is None else f"{number(km)} km"
    if v.facts.rest_after_long_race[i]:
        need = "the day after a half or longer is rest or cross-training"
    elif v.facts.recovering[i]:
        need = f"about {plural(rules.recovery_days(km), 'day')} without a hard or long run"
    else:
        need = "the week after a half or longer is easy running only"
    return f"{plural(day - race.day, 'day')} after the race on {when} ({size}): {need}"


def w3_no_rest(v: LogView) -> list[Flag]:
    streak = rules.run_length(v.facts.kind >= rules.KIND["easy"])
    out = []
    for i in np.flatnonzero(streak == rules.NO_REST_DAYS).tolist():
        end = stretch_end(streak > 0, i)
        out.append(
            flag(v.date(end), "W3", "watch",
                 f"{plural(int(streak[end]), 'day')} in a row without a rest or cross-training "
                 f"day ({v.label(end - int(streak[end]) + 1)} to {v.label(end)}).")
        )  # fmt: skip
    return out


def w4_back_to_back(v: LogView) -> list[Flag]:
    return [
        flag(v.date(i), "W4", "watch",
             f"{v.run(i).capitalize()} on {v.label(i)}, the day after a {v.run(i - 1)}: two "
             "key runs back to back leave no easy day between them.")
        for i in v.days(rules.w4_back_to_back(v.facts))
        if i > 0
    ]  # fmt: skip


def m2_spike(v: LogView) -> list[Flag]:
    window = rules.SPIKE_WINDOW
    dist = v.arr.distance
    if v.n <= window:
        return []
    prev_max = sliding_window_view(dist[:-1], window).max(axis=1)
    today = dist[window:]
    with np.errstate(over="ignore"):
        spike = (prev_max > 0) & (today > rules.SPIKE_RATIO * prev_max)
    spike &= v.arr.kind[window:] != rules.KIND["race"]  # a race is meant to be long
    out = []
    units = v.athlete.units
    for j in np.flatnonzero(spike).tolist():
        with np.errstate(over="ignore"):
            ratio = float(today[j] / prev_max[j])
        out.append(
            flag(v.date(j + window), "M2", "act" if ratio > rules.SPIKE_ACT_RATIO else "watch",
                 f"Run of {number(today[j])} {units} on {v.label(j + window)} is "
                 f"{(ratio - 1) * 100:.0f}% longer than the longest run of the previous "
                 f"30 days ({number(prev_max[j])} {units}).")
        )  # fmt: skip
    return out


# ------------------------------------------------------------- gaps and soreness


def _logged_weeks_mask(v: LogView) -> np.ndarray:
    """Per day: its calendar week has at least one logged day (L1)."""
    week = v.facts.week - v.facts.week[0]
    logged = np.bincount(week, weights=v.arr.logged.astype(float)) > 0
    return logged[week]


def s1_gap(v: LogView) -> list[Flag]:
    """S1/S12: 14 days or more without a leg session, outside a taper or recovery, and
    inside logged weeks (a week with no log is not a week without lifting)."""
    leg = v.arr.level > 0
    to_race = v.facts.to_race["any"]
    calm = (to_race > rules.TAPER_DAYS) & (v.facts.since_race > rules.RECOVERY_WEEK_DAYS)
    usable = _logged_weeks_mask(v)
    gap = rules.run_length(~leg & usable)
    starts = np.flatnonzero((gap == rules.GAP_DAYS) & calm)
    out = []
    for i in starts.tolist():
        end = stretch_end(gap > 0, i)
        begin = i - rules.GAP_DAYS + 1
        since = "since the log began" if not leg[:begin].any() else f"since {v.label(begin - 1)}"
        out.append(
            flag(v.date(i), "S1/S12", "watch",
                 f"No leg session for {int(gap[end])} days ({since}, to {v.label(end)}): "
                 "one session a week keeps strength, two build it.")
        )  # fmt: skip
    return out


SIGNAL_TEXT = {
    name: ("act" if name in ("severe", "high") else "watch", words)
    for name, words in SORENESS_SIGNALS.items()
}


def s10_soreness(v: LogView) -> list[Flag]:
    """One flag per stretch of days with a back-off signal, dated at its first day, as
    urgent as the worst signal in it and naming each signal that showed."""
    signals = body.soreness_signals(v.arr.soreness, v.arr.heavy_legs)
    any_signal = np.any(list(signals.values()), axis=0)
    out = []
    for first in np.flatnonzero(any_signal & ~np.r_[False, any_signal[:-1]]).tolist():
        last = stretch_end(any_signal, first)
        span = {k: signals[k][first : last + 1] for k in SIGNAL_TEXT}
        names = sorted((k for k in span if span[k].any()), key=lambda k: span[k].argmax())
        severity = "act" if any(SIGNAL_TEXT[k][0] == "act" for k in names) else "watch"
        lo = max(0, first - rules.HIGH_WINDOW + 1)
        end = min(last, first + rules.HIGH_WINDOW - 1)
        seen = [
            f"{number(s)} {ABBR[v.date(j).weekday()]}"
            for j, s in enumerate(v.arr.soreness[lo : end + 1], start=lo)
            if s == s
        ]
        what = ", then ".join(SIGNAL_TEXT[k][1] for k in names)
        out.append(
            flag(v.date(first), "S10", severity,
                 f"Leg soreness: {what} ({v.label(first)}; {', '.join(seen[-5:]) or 'no scores'}): "
                 "back off leg work (lighter, fewer sets, or bodyweight only) until it settles.")
        )  # fmt: skip
    return out


def h1_pain(v: LogView) -> list[Flag]:
    """H1: one flag per stretch of days with pain (apart from soreness), dated at its
    first day, naming the scores and the site."""
    signal = body.pain_signals(v.arr.pain)
    out = []
    for first in np.flatnonzero(signal & ~np.r_[False, signal[:-1]]).tolist():
        pain = body.pain_on(v.athlete.days, v.date(first))
        if pain is None:
            continue
        site = f"the {pain.site}" if pain.site and pain.site != "other" else "the painful site"
        scores = ", ".join(number(s) for s in pain.scores)
        out.append(
            flag(v.date(first), "H1", "act",
                 f"Pain {scores} (0-10) by {v.label(first)}, at {site}: pain is not soreness. "
                 f"Take the load off {site} (no hard or long run, no leg exercise that loads "
                 "it) until it settles, and see a physiotherapist if it lasts.")
        )  # fmt: skip
    return out


def h2_soreness_pattern(v: LogView) -> list[Flag]:
    """H2: soreness that comes back after most leg sessions, once per stretch."""
    sessions, sore, pattern = body.soreness_pattern(v.arr.level, v.arr.soreness)
    out = []
    for k in np.flatnonzero(pattern & ~np.r_[False, pattern[:-1]]).tolist():
        day = int(sessions[k]) + rules.PATTERN_DAYS
        recent = sore[max(0, k - rules.PATTERN_SESSIONS + 1) : k + 1]
        out.append(
            flag(v.date(day), "H2", "watch",
                 f"Soreness of {rules.PATTERN_SORENESS:g} or more after {int(recent.sum())} of "
                 f"the last {plural(recent.size, 'leg session')} (to {v.label(day)}): a "
                 "pattern, not one hard week. Change the sessions (the exercises, the sets) "
                 "instead of backing off one week.")
        )  # fmt: skip
    return out


def l1_not_logged(v: LogView) -> list[Flag]:
    """L1: stretches of whole weeks with no logged day."""
    week = v.facts.week - v.facts.week[0]
    logged = np.bincount(week, weights=v.arr.logged.astype(float)) > 0
    out = []
    for w in np.flatnonzero(~logged & np.concatenate(([True], logged[:-1]))).tolist():
        end = stretch_end(~logged, w)
        first = int(np.flatnonzero(week == w)[0])
        last = int(np.flatnonzero(week == end)[-1])
        count = end - w + 1
        out.append(
            flag(v.date(first), "L1", "info",
                 f"{plural(count, 'week')} with no logged day ({v.label(first)} to "
                 f"{v.label(last)}): counted as not logged, not as rest.")
        )  # fmt: skip
    return out


FlagRule = Callable[[LogView], list[Flag]]

#: Every day-level flag, one function per rule.
DAY_FLAGS: tuple[FlagRule, ...] = (
    s5_heavy_before_key_run,
    s4_after_key_run,
    s3_rest_day,
    s6_long_or_race_day,
    s8_taper,
    r3_b_and_c_races,
    r2_heavy_after_long_race,
    s1_more_than_two,
    r1_key_run_before_race,
    r2_run_after_race,
    w3_no_rest,
    w4_back_to_back,
    m2_spike,
    s1_gap,
    s10_soreness,
    h1_pain,
    h2_soreness_pattern,
    l1_not_logged,
)
