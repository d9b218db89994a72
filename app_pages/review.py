"""Athlete review: the weeks, the days, planned against done, the load trends and the
flags for one athlete."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._cache import REVIEW_GRID_WEEKS as GRID_WEEKS
from app_pages._session import Selection, selection
from app_pages._widgets import (
    DAY_STATUS,
    NOT_LOGGED,
    WEEK_STATUS,
    allowed,
    athlete_header,
    athlete_notes,
    md,
    no_athlete,
    plural,
    severity_marks,
)
from legday import charts
from legday.compliance import GREEN_BAND, YELLOW_BAND, days_text
from legday.flags import flags_frame, worst_first
from legday.strength.lifts import e1rm_trend
from legday.strength.thresholds import EPLEY_MAX_REPS, HARD_SET_RIR
from legday.words import rule_ids

TABLES = "review_tables"  # the toggle that draws the flags and weekly tables
DAY_BY_DAY = "compliance_week"  # the week whose days are compared (a Monday)
#: The load trends chart is a second figure: drawn when asked for, so that the first
#: view draws one (docs/performance.md, benchmark 4).
LOAD_TRENDS = "load_trends"
LIFT_TRENDS = "lift_trends"  # the estimated 1RM per main lift, drawn when asked for


def _headline(weekly: pd.DataFrame, daily: pd.DataFrame, flags: list, units: str, as_of) -> None:
    last = weekly.iloc[-1] if not weekly.empty else None
    previous = weekly.iloc[-2] if len(weekly) > 1 else None
    cols = st.columns(4)
    if last is not None:
        delta = None
        if previous is not None and pd.notna(previous["distance"]):
            delta = f"{last['distance'] - previous['distance']:+.1f} {units}"
        cols[0].metric(
            "This week's distance",
            f"{last['distance']:.1f} {units}",
            delta,
            delta_color="off",
        )
        cols[1].metric("Leg sessions this week", f"{last['strength_sessions']:.0f}")
    sore = daily["soreness"].dropna() if "soreness" in daily else pd.Series(dtype=float)
    if sore.empty and last is not None and pd.notna(last["soreness_avg"]):
        sore = pd.Series([last["soreness_avg"]])
    cols[2].metric(
        "Latest soreness",
        f"{sore.iloc[-1]:.0f} / 10" if not sore.empty else "none logged",
        chart_data=sore.tail(14).tolist() if len(sore) > 1 else None,
        help="Morning leg soreness, 0-10; the line is the last 14 logged mornings.",
    )
    recent = [f for f in flags if as_of is not None and 0 <= (as_of - f.date).days < 14]
    act = sum(1 for f in recent if f.severity == "act")
    watch = sum(1 for f in recent if f.severity == "watch")
    cols[3].metric(
        "Flags, 14 days (act / watch)",
        f"{act} / {watch}",
        help=f"All time: {plural(len(flags), 'flag')}, listed below.",
    )


def _week_line(week, units: str) -> str:
    """One week of planned against done in words: status, distance, leg sessions, key
    runs and whose plan it was."""
    status = WEEK_STATUS[week.status] if week.logged else NOT_LOGGED
    planned = "-" if week.planned_distance is None else f"{week.planned_distance:.1f}"
    parts = [
        f"**{status}** · week of {week.week_of:%a %d %b}",
        f"{week.done_distance:.1f} of {planned} {units}",
        f"leg sessions {week.done_sessions} of {week.planned_sessions}",
    ]
    if week.done_heavy is not None and week.planned_heavy:
        parts[-1] += f" (heavy {week.done_heavy} of {week.planned_heavy})"
    if week.key_runs_done is not None:
        parts.append(f"key runs {week.key_runs_done} of {week.key_runs_planned}")
    parts.append("the saved plan" if week.source == "saved" else "legday's plan, replayed")
    return "- " + " · ".join(parts)


def _day_by_day(weeks: list, units: str) -> None:
    """One week's days, planned next to done, the week picked above the table."""
    options = [w.week_of for w in weeks]
    if st.session_state.get(DAY_BY_DAY) not in options:
        st.session_state[DAY_BY_DAY] = options[-1]
    picked = st.segmented_control(
        "Day by day, the week of",
        options,
        format_func=lambda d: f"{d:%d %b}",
        key=DAY_BY_DAY,
    )
    week = next((w for w in weeks if w.week_of == picked), weeks[-1])
    table = days_text(week.days, units)
    shown = pd.DataFrame(
        {
            "Planned": table["planned"].to_numpy(),
            "Done": table["done"].to_numpy(),
            "": table["status"].map(DAY_STATUS).to_numpy(),
        },
        index=pd.Index(table["date"].dt.strftime("%a %d %b"), name="Day"),
    )
    st.table(shown, border="horizontal")


def _planned_against_done(sel: Selection, units: str) -> None:
    """The recent weeks' status, newest first, then one week day by day."""
    weeks, problems = sel.compliance()
    st.subheader("Planned against done")
    for problem in problems:
        st.warning(f"A saved plan was left out: {md(problem)}", icon=":material/warning:")
    if not weeks:
        st.caption("No whole week logged yet: nothing to compare.")
        return
    st.markdown("\n".join(_week_line(w, units) for w in reversed(weeks)))
    if sel.athlete.granularity == "weeks":
        st.caption("A weekly-totals log has no days to compare: the weeks' totals are above.")
    else:
        _day_by_day(weeks, units)
    st.caption(
        "The plan is the one saved in the data folder (or database), else legday's own plan "
        "replayed as of the Sunday before the week. On plan: the distance within "
        f"{GREEN_BAND:.0%} and every planned leg session done; partly: within "
        f"{YELLOW_BAND:.0%} or some sessions; "
        "off plan: further, no planned session done, two sessions more than planned, or "
        "nothing logged. A day: as planned, changed (another run, a distance 20-50% off, "
        "another session) or off plan (a planned run or session not done)."
    )


def _tables_toggle(flags: list) -> bool:
    """The two long tables (every flag, every week) are below the fold and cost the
    browser more than the rest of the page: drawn when asked for (docs/performance.md)."""
    label = (
        f"Show the tables: all {plural(len(flags), 'flag')}, week by week"
        if flags
        else "Show the week-by-week table"
    )
    return st.toggle(
        label,
        key=TABLES,
        help="Every flag with its rule id, message and evidence, and every week's numbers.",
    )


def _flags_table(flags: list, as_of) -> bool:
    """The last 14 days' flags to act on or watch as a list, then the tables toggle;
    every flag as a table when it is on. Returns the toggle's value."""
    st.subheader("Flags")
    if not flags:
        st.success("No flags: nothing in this log breaks a rule or stands out.")
        return _tables_toggle(flags)
    ordered = worst_first(flags)
    recent = [f for f in ordered if f.severity != "info" and (as_of - f.date).days < 14]
    if recent:
        st.markdown(
            "\n".join(
                f"- **{f.rule} · {f.severity}** · {f.date:%a %d %b}: {md(f.message)}"
                for f in recent[:5]
            )
        )
        if len(recent) > 5:
            st.caption(f"... and {len(recent) - 5} more in the last 14 days (in the table).")
    else:
        st.caption("Nothing to act on or watch in the last 14 days.")
    if not _tables_toggle(flags):
        return False
    frame = flags_frame(ordered)
    frame["severity"] = severity_marks(frame["severity"])
    st.dataframe(
        frame,
        key="flags_table",
        hide_index=True,
        column_order=["severity", "date", "rule", "message", "evidence"],
        column_config={
            "severity": st.column_config.TextColumn("Severity", width=90),
            "date": st.column_config.DateColumn("Date", format="ddd YYYY-MM-DD"),
            "rule": st.column_config.TextColumn("Rule", width="small"),
            "message": st.column_config.TextColumn("What happened", width="large"),
            "evidence": st.column_config.TextColumn("Evidence", width="medium"),
        },
    )
    st.caption(f"Rule ids ({rule_ids()}) are explained on the About page.")
    return True


def _weekly_table(weekly: pd.DataFrame, units: str, basis: str) -> None:
    st.subheader("Week by week")
    load = "RPE x min" if basis == "srpe" else units
    frame = weekly.sort_values("week_of", ascending=False)
    frame = frame.loc[:, frame.notna().any()]  # a weekly-totals log leaves many columns empty
    frame.attrs = {}  # metadata for legday, not for the browser
    st.dataframe(
        frame,
        key="weekly_table",
        hide_index=True,
        placeholder="",
        column_config={
            "week_of": st.column_config.DateColumn("Week of", format="YYYY-MM-DD"),
            "distance": st.column_config.NumberColumn(f"Distance ({units})", format="%.1f"),
            "runs": st.column_config.NumberColumn("Runs", format="%d"),
            "long_run": st.column_config.NumberColumn(f"Longest ({units})", format="%.1f"),
            "minutes": st.column_config.NumberColumn("Minutes", format="%.0f"),
            "run_load": st.column_config.NumberColumn("Run load (RPE x min)", format="%.0f"),
            "strength_sessions": st.column_config.NumberColumn("Leg sessions", format="%d"),
            "heavy_sessions": st.column_config.NumberColumn("Heavy", format="%d"),
            "strength_load": st.column_config.NumberColumn("Leg load (RPE x min)", format="%.0f"),
            "soreness_avg": st.column_config.NumberColumn("Soreness avg", format="%.1f"),
            "soreness_max": st.column_config.NumberColumn("Soreness max", format="%.0f"),
            "ramp_pct": st.column_config.NumberColumn("Ramp (%)", format="%+.0f%%"),
            "acwr": st.column_config.NumberColumn("ACWR", format="%.2f"),
            "acwr_ewma": st.column_config.NumberColumn("ACWR EWMA", format="%.2f"),
            "monotony": st.column_config.NumberColumn("Monotony", format="%.2f"),
            "strain": st.column_config.NumberColumn(f"Strain ({load})", format="%.0f"),
            "ctl": st.column_config.NumberColumn("Fitness CTL", format="%.1f"),
            "atl": st.column_config.NumberColumn("Fatigue ATL", format="%.1f"),
            "tsb": st.column_config.NumberColumn("Form TSB", format="%+.1f"),
            "leg_sets": st.column_config.NumberColumn("Hard leg sets", format="%d"),
            "leg_volume_load": st.column_config.NumberColumn(
                f"Leg volume ({weekly.attrs.get('weight_unit', 'kg')})", format="%.0f"
            ),
        },
    )


def _lifts(sel: Selection) -> None:
    """The sets log in numbers: the weekly chart's volume line explained, and each main
    lift's estimated 1RM a toggle away."""
    athlete = sel.athlete
    unit = athlete.profile.weight_unit
    st.caption(
        f"From the sets log: leg volume load is reps x weight of the working leg sets "
        f"({unit}; warm-ups and upper body count for nothing), hard leg sets those at "
        f"{HARD_SET_RIR:g} reps in reserve or fewer."
    )
    if st.toggle("Show the lifts: estimated 1RM (Epley)", key=LIFT_TRENDS):
        trend = e1rm_trend(athlete.sets, sel.as_of)
        st.plotly_chart(charts.lifts_chart(trend, unit), key="lifts_chart", width="stretch")
        st.caption(
            "Epley: weight x (1 + reps / 30), from each session's heaviest working set of "
            f"1-{EPLEY_MAX_REPS} reps. Each lift follows the exercise you log most for it."
        )


def review_page() -> None:
    sel = selection()
    if not allowed(sel, "review"):
        return
    if sel.athlete is None:
        st.title("Athlete review")
        no_athlete(sel)
        return
    athlete = sel.athlete
    athlete_header(sel, "Review")
    athlete_notes(athlete)
    weekly = sel.weekly()
    daily = sel.daily()
    flags = sel.flags()
    units = athlete.units
    if weekly.empty:
        st.info(
            "Nothing logged up to this date yet. Add days to the log (Log page) or pick a "
            "later 'as of' date in the sidebar."
        )
        return
    _headline(weekly, daily, flags, units, sel.as_of)
    figures = sel.review_figures()

    st.subheader("Weeks: distance, leg sessions and soreness")
    st.plotly_chart(figures["core"], key="core_chart", width="stretch")
    if athlete.sets is not None:
        _lifts(sel)

    st.subheader(f"Days: the last {GRID_WEEKS} weeks")
    if athlete.granularity == "weeks":
        st.info(
            "This athlete logs weekly totals only, so there is no day-by-day view. "
            "A daily log (CSV with one row per day) unlocks it and the day-level checks."
        )
    else:
        st.table(figures["grid"].styled(), border="horizontal")
        st.caption(
            f"Each day: the run and its distance ({units}), ▲ a heavy and △ a light leg "
            "session, and after the dot that morning's soreness (0-10)."
        )

    _planned_against_done(sel, units)

    st.subheader("Load trends")
    basis = weekly.attrs.get("load_basis", "distance")
    if st.toggle("Show the load trends", key=LOAD_TRENDS):
        st.plotly_chart(figures["load"], key="load_chart", width="stretch")
    basis_text = (
        "session RPE x minutes, runs and leg sessions together"
        if basis == "srpe"
        else f"distance ({units}), because no effort (RPE and minutes) was logged"
    )
    st.caption(
        f"Load is {basis_text}. ACWR compares the last 7 days with the last 28; the shaded "
        "band only describes where most weeks sit. It is a contested measure, not an "
        "injury predictor. Fitness, fatigue and form are relative trends (Banister model)."
    )
    if _flags_table(flags, sel.as_of):
        _weekly_table(weekly, units, basis)


review_page()
