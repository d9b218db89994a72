"""About: what each number and rule means, and how much to trust it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from legday import charts
from legday.flags import EVIDENCE as FLAG_EVIDENCE

RULES = [
    ("S1", "Two leg sessions a week while building strength (off-season)."),
    ("S2", "One session a week keeps strength in race season."),
    ("S3", "No leg session on a rest day."),
    ("S4", "No leg session the day after a hard or long run."),
    ("S5", "After a heavy session, no hard run, long run or race the next day."),
    ("S6", "Lift after an easy run, or later on the same day as a hard run (run first)."),
    ("S7", "Any leg session at least a day before a long run; the day before, light only."),
    (
        "S8",
        "Taper: from 14 days out one session a week, no heavy lifting in the last 10 "
        "days, nothing in the last 2.",
    ),
    (
        "S9",
        "An 8-week block: weeks 1-4 learn the form (2 then 3 sets), weeks 5-8 add load "
        "(up to 4 sets or a harder variation). Weeks count when they had a session.",
    ),
    ("S10", "Soreness that drags on or sluggish runs: back off (lighter, fewer sets)."),
    ("S11", "Single-leg work starts with the weaker side."),
    ("S12", "Off-season builds (heavy, twice); race season maintains (once, less)."),
    ("S13", "After leg day: protein, water, sleep, easy movement the next day."),
    ("M1", "Weekly distance up more than 30% over two weeks."),
    ("M2", "A single run more than 10% longer than the longest of the previous 30 days."),
    ("M3", "Acute:chronic ratio above 1.5 (descriptive, contested)."),
    ("D1", "The log has weekly totals only, so day-level checks cannot run."),
    ("P1", "The week after a race is recovery: one light session, no hard or long runs."),
    (
        "V1",
        "Next week's distance: the last 4 weeks' mean plus 10% (a convention, not a proven limit).",
    ),
    ("V2", "No planned run over 1.1 x the longest run of the last 30 days."),
    ("V3", "Taper, race week and recovery cut the distance (about 45% over two weeks)."),
    ("V4", "Something was flagged: the distance is held, not grown."),
    ("W1", "Where the usual week came from: the profile, the log, or a default week."),
    ("W2", "Weekly-totals logs: the days come from the profile's week or a default."),
]
#: Planner-only ids: their evidence is in docs/planner.md.
PLANNER_EVIDENCE = {
    "S2": "moderate: Ronnestad 2010 (1x a week kept the gains; small sample, cyclists)",
    "S6": "moderate: Robineau 2016 (smaller strength gains with 0 h than 6 h between)",
    "S7": "weak: source article (its sample week)",
    "S9": "weak: coaching convention; source article",
    "S11": "weak: coaching convention",
    "S12": "moderate: Ronnestad 2010 (small sample)",
    "S13": "weak: general recovery advice",
    "P1": "weak: coaching convention after a race",
    "V1": "weak: convention; Buist 2008 found the 10% rule did not prevent injuries",
    "V2": "moderate: Frandsen 2025, 5,205 runners",
    "V3": "moderate: Bosquet 2007 (taper: volume cut 41-60%, intensity kept)",
    "V4": "weak: Nielsen 2014 (HR 1.59, CI crossing 1)",
    "W1": "n/a: says where the data came from",
    "W2": "n/a: says where the data came from",
}

NUMBERS = """
**Weekly distance** is the sum of the week's runs (Monday to Sunday), in the units the
athlete logs (mi or km; nothing is converted).

**Leg sessions** count days with strength work: *light* is bodyweight and mobility,
*heavy* is loaded (squats, deadlifts, weighted split squats).

**Soreness** is the morning leg soreness on a 0-10 scale. There is no validated cut-off;
as a guide, 0-3 is fine, 4-5 acceptable, above 5 too much, and a rising trend matters
more than one day. Soreness after a new block is expected and fades within a week.

**Session load** is effort (RPE 0-10) times minutes, for runs and leg sessions alike.
When no effort is logged, distance stands in and the page says so.

**ACWR** (acute:chronic workload ratio) compares the last 7 days with the average week
of the last 28. It comes from team sports and is *contested*: the ratio is partly
coupled to itself, and in a large study of runners it did not behave as a risk signal.
legday shows it as a description with a shaded 0.8-1.3 band, never as a safe zone or an
injury predictor, and hides it until 28 days are logged.

**Fitness, fatigue and form** (CTL, ATL, TSB) are smoothed averages of daily load over
42 and 7 days and their difference. They are relative trends for one athlete, not
scores to compare between athletes.

**Monotony and strain**: how alike the days of a week were (mean / standard deviation
of daily load) and the week's load times that. Above 2 is a rule of thumb only.

**Block week (x/8)** counts consistent weeks of leg work in the current block, not
calendar weeks: a missed week holds the count, three missed weeks in a row restart it.
"""

EVIDENCE = """
- **Strength work and injuries**: across many trials (mostly not runners), strength
  training cut sports injuries to about a third. *Strong for athletes in general.*
- **Running economy**: heavy lifting improves it a little, more with heavy loads over
  10+ weeks. *Moderate.*
- **Twice a week to build, once to keep**: one small study (cyclists). *Moderate to weak.*
- **When to stop heavy lifting before a race**: no trial; 7-10 days is convention.
  *Weak.*
- **Single-run spikes** (a run much longer than your recent longest): a large study of
  5,205 runners linked them to more injuries. *Moderate*, the strongest running signal
  legday uses.
- **The 10% rule**: a trial found it did not prevent injuries; it is shown as convention.
- **ACWR**: *contested*, see above.
"""


def about_page() -> None:
    st.title("About legday")
    st.markdown(
        "legday plans leg strength work around a runner's training log: two sessions a "
        "week to build, one to keep, never where they would spoil a key run, and it says "
        "why for every day. The numbers below describe a log; none of them predicts "
        "injury."
    )
    st.subheader("What the numbers mean")
    st.markdown(NUMBERS)
    st.subheader("Rules and flags")
    rules = pd.DataFrame(
        [
            {
                "rule": rule,
                "meaning": text,
                "evidence": FLAG_EVIDENCE.get(rule)
                or PLANNER_EVIDENCE.get(rule)
                or FLAG_EVIDENCE.get(f"{rule}/S12", "coaching convention"),
            }
            for rule, text in RULES
        ]
    )
    st.table(rules.set_index("rule"), border="horizontal")
    st.caption(
        "Flag severities: 🔴 act (change something now), 🟠 watch (keep an eye on it), "
        "🔵 info (for context)."
    )
    st.subheader("How strong is the evidence?")
    st.markdown(EVIDENCE)
    st.subheader("Colours")
    st.caption("The same colour means the same thing in every chart and legend.")
    st.plotly_chart(
        charts.colour_key(), key="colour_key", width="stretch", config={"displayModeBar": False}
    )
    st.subheader("Your data")
    st.markdown(
        "On the public demo nothing you upload or edit is written anywhere: it stays in "
        "your browser tab's session and disappears when you close it. With a coach's data "
        "folder, saves replace the file atomically and keep the previous version in "
        "`.legday-backups/` beside it."
    )


about_page()
