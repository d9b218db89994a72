"""Planner: next week as seven days, the strength block, the race countdown, downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages._selection import selection
from app_pages._widgets import athlete_header, no_athlete, plural
from legday import charts, export
from legday.safe_text import md_escape

PHASE_TEXT = {
    "build": "Build: two leg sessions a week to gain strength (S1, S12).",
    "maintain": "Maintain: race season keeps strength with one session a week (S2, S12).",
    "taper": "Taper: a race within 14 days; at most one light session (S8).",
    "race-week": "Race week: mobility at most, nothing in the last two days (S8).",
    "recovery": "Recovery: the week after a race; easy running, one light session.",
}
RUN_LABEL = {
    "rest": "Rest",
    "easy": "Easy run",
    "moderate": "Moderate run",
    "hard": "Hard run",
    "long": "Long run",
    "race": "Race",
    "cross": "Cross-training",
}


def _countdown(plan) -> None:
    cols = st.columns(3)
    cols[0].metric("Phase", plan.phase)
    race = plan.next_race
    if race is None:
        cols[1].metric("Next race", "none set")
        cols[1].caption("Add races: to the profile to get a taper and a countdown.")
    else:
        cols[1].metric("Days to race", f"{race.days_to_go}")
        cols[1].caption(f"{md_escape(race.name)} on {race.date:%a %d %b %Y}")
    prog = plan.progression
    cols[2].metric(
        "Strength block",
        f"week {prog.week} of 8",
        f"{prog.focus} focus",
        delta_color="off",
        delta_arrow="off",
    )
    st.caption(PHASE_TEXT.get(plan.phase, ""))


def _exercise_lines(exercises) -> list[str]:
    """Name, sets x reps (or time) and which side leads; the load cue is said once."""
    lines = []
    for e in exercises:
        dose = e.reps or e.time
        line = f"- {md_escape(e.name)}"
        if dose:
            line += f": {e.sets} × {md_escape(dose)}"
        if e.side_first in ("left", "right"):
            line += f", **{e.side_first} side first** (S11)"
        elif e.side_first == "either":
            line += ", alternate the leading side"
        lines.append(line)
    return lines


def _day_card(plan, day, index: int) -> None:
    with st.container(border=True, key=f"day_card_{index}"):
        left, middle, right = st.columns([1.1, 2.2, 2.7])
        with left:
            st.markdown(f"**{day.date:%a %d %b}**")
            run = RUN_LABEL.get(day.run, day.run)
            if day.distance is not None:
                run += f" · {day.distance:g} {plan.units}"
            st.markdown(run)
        with middle:
            if day.strength == "none":
                st.caption("No leg session")
            else:
                st.markdown(f"**{day.strength.capitalize()} leg session**")
                st.markdown("\n".join(_exercise_lines(day.exercises)))
                cues = list(dict.fromkeys(e.load for e in day.exercises if e.load))
                for cue in cues[:2]:
                    st.caption(md_escape(cue))
        with right:
            for reason in day.why:
                st.caption(md_escape(reason))


def _downloads(plan) -> None:
    stem = f"legday-{plan.athlete}-{plan.week_of.isoformat()}"
    cols = st.columns(3)
    cols[0].download_button(
        "Calendar (.ics)",
        export.plan_to_ics(plan),
        file_name=f"{stem}.ics",
        mime="text/calendar",
        key="download_ics",
        icon=":material/event:",
        on_click="ignore",
    )
    cols[1].download_button(
        "Spreadsheet (.csv)",
        export.plan_to_csv(plan),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="download_csv",
        icon=":material/table:",
        on_click="ignore",
    )
    cols[2].download_button(
        "Printable (.md)",
        export.plan_to_markdown(plan),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="download_md",
        icon=":material/description:",
        on_click="ignore",
    )


def planner_page() -> None:
    sel = selection()
    if sel.athlete is None:
        st.title("Planner")
        no_athlete(sel)
        return
    athlete_header(sel, "Next week")
    plan = sel.plan()
    st.caption(f"Week of {plan.week_of:%A %d %B %Y}, planned from the log up to {sel.as_of}.")
    _countdown(plan)
    for note in plan.flags:
        st.info(md_escape(note), icon=":material/info:")
    st.subheader("The seven days")
    glance = pd.DataFrame(
        {
            "date": pd.to_datetime([d.date for d in plan.days]),
            "run": [d.run for d in plan.days],
            "distance": [d.distance if d.distance is not None else np.nan for d in plan.days],
            "strength": [d.strength for d in plan.days],
            "soreness": np.nan,
        }
    )
    st.plotly_chart(
        charts.calendar_grid(glance, plan.units, weeks=1, cell_text="distance"),
        key="week_glance",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(f"Numbers are planned distances in {plan.units}; a triangle marks a leg session.")
    for index, day in enumerate(plan.days):
        _day_card(plan, day, index)
    st.subheader("The 8-week strength block")
    prog = plan.progression
    st.plotly_chart(
        charts.progression_strip(prog.week, prog.focus),
        key="progression_strip",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(
        f"{md_escape(prog.note)} This week: {plural(prog.sets, 'set')}, {prog.focus} focus (S9)."
    )
    st.subheader("Take it with you")
    _downloads(plan)


planner_page()
