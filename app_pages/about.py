"""About: what each number and rule means, and how much to trust it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from legday import charts, rules

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


def rules_table() -> pd.DataFrame:
    """Every rule of the rule book (legday.rules.RULES) with its evidence."""
    frame = pd.DataFrame(
        [{"rule": r.id, "meaning": r.summary, "evidence": r.evidence} for r in rules.RULES.values()]
    )
    return frame.set_index("rule")


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
    st.table(rules_table(), border="horizontal")
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
        "`.legday-backups/` beside it. With a database, each save is one transaction, "
        "refused when someone else saved since you opened the log."
    )


about_page()
