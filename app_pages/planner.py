"""Planner: the season to the next A race, the picked week as seven days, the strength
block at a glance, and the plan to take away (or save, in a data folder)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages._session import Selection, selection
from app_pages._widgets import allowed, athlete_header, md, no_athlete, plural
from legday import charts, export, rules, season
from legday.store import Store, choice
from legday.words import S8_NOTHING, S8_ONE_A_WEEK

PICKED = "plan_week"  # the week whose days are shown (a Monday)
SAVE_RESULT = "_plan_save_result"  # the last "Save this plan" outcome, shown once
PHASE_TEXT = {
    "build": "Build: two leg sessions a week to gain strength (S1, S12).",
    "maintain": "Maintain: race season keeps strength with one session a week (S2, S12).",
    "taper": f"Taper: an A race within {rules.TAPER_DAYS} days; {S8_ONE_A_WEEK}, light (S8).",
    "race-week": f"Race week: mobility at most, {S8_NOTHING} (S8).",
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


# ----------------------------------------------------------------------------- season


def _season(sel: Selection, plans: list) -> dt.date:
    """The strip of weeks ahead and the week picker; returns the picked Monday."""
    first = plans[0]
    race = season.next_a_race(sel.athlete.profile, first.week_of)
    if race is None or season.weeks_to(race, first.week_of) > len(plans):
        st.subheader(f"The season: the next {plural(len(plans), 'week')}")
    else:
        st.subheader(
            f"The season: {plural(len(plans), 'week')}, through {md(race.name)} and its recovery"
        )
    options = [p.week_of for p in plans]
    if st.session_state.get(PICKED) not in options:
        st.session_state[PICKED] = options[0]
    picked = st.session_state[PICKED]
    st.plotly_chart(
        sel.planner_figures(picked)["season"],
        key="season_strip",
        width="stretch",
        config=charts.NO_TOOLBAR,
    )
    if race is None:
        about = "No A race ahead in the profile: the strip shows the next 8 weeks."
    else:
        about = f"{md(race.name)} (A race) is on {race.date:%a %d %b %Y}"
        away = season.weeks_to(race, first.week_of)
        about += "." if away <= len(plans) else f", {away} weeks away: past the strip's end."
    st.caption(
        f"Bars: each week's planned distance ({first.units}), the sum of its days, coloured "
        "and named by the season's week (build, cutback, taper, race week, recovery, "
        "rebuild; a paler bar is a cutback or a rebuild). Triangles: leg sessions (filled "
        f"heavy, open light); the number under them: the strength block week. {about} "
        "Each week is planned as if the weeks before it were done as planned."
    )
    if len(options) > 1:
        st.select_slider(
            "Show the days of the week of",
            options=options,
            format_func=lambda d: f"{d:%d %b}",
            key=PICKED,
        )
    return st.session_state[PICKED]


# ---------------------------------------------------------------------------- the week


def _countdown(plan) -> None:
    cols = st.columns(3)
    cols[0].metric("Phase", plan.phase)
    race = plan.next_race
    if race is None:
        cols[1].metric("Next race", "none set")
        cols[1].caption("Add races: to the profile to get a taper and a countdown.")
    else:
        cols[1].metric("Days to race", f"{race.days_to_go}")
        cols[1].caption(f"{md(race.name)} on {race.date:%a %d %b %Y}")
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
        line = f"- {md(e.name)}"
        if dose:
            line += f": {e.sets} × {md(dose)}"
        if e.weight is not None:
            line += f" **{md(e.weight_text())}**"
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
            if day.double is not None:  # W6: a second run that day
                run += f" + {day.double.run} {day.double.distance:g} {plan.units} (double)"
            st.markdown(run)
        with middle:
            if day.strength == "none":
                st.caption("No leg session")
            else:
                st.markdown(f"**{day.strength.capitalize()} leg session**")
                st.markdown("\n".join(_exercise_lines(day.exercises)))
                cues = list(dict.fromkeys(e.load for e in day.exercises if e.load))
                for cue in cues[:2]:
                    st.caption(md(cue))
        with right:
            for reason in day.why:
                st.caption(md(reason))


def _week(sel: Selection, plan, number: int) -> None:
    """The picked week: headline, the days and equipment it was planned for, its flags,
    the glance grid and the seven day cards."""
    when = "next week" if number == 0 else f"in {plural(number + 1, 'week')}"
    st.subheader(f"Week of {plan.week_of:%a %d %b %Y} ({when})")
    st.caption(
        f"Planned from the log up to {sel.as_of}"
        + ("." if number == 0 else ", as if the weeks before it were done as planned.")
    )
    _countdown(plan)
    st.markdown(md(season.strength_setup(plan)))
    for note in plan.flags:
        if not note.startswith("W5:"):  # the days and equipment: said just above
            st.info(md(note), icon=":material/info:")
    st.table(sel.planner_figures(plan.week_of)["glance"].styled(), border="horizontal")
    st.caption(f"Planned distances in {plan.units}; ▲ a heavy and △ a light leg session.")
    for index, day in enumerate(plan.days):
        _day_card(plan, day, index)


# ------------------------------------------------------------------- save and download


def _save_plan(
    store: Store, athlete_id: str, week_of: dt.date, text: str, drawn: object, who: str
) -> None:
    """The button's callback: save with the version read when the page drew the plan."""
    result = store.save_plan(athlete_id, week_of, text, drawn, who)
    st.session_state[SAVE_RESULT] = ((athlete_id, week_of), result.saved, result.message)


def _save(sel: Selection, plan) -> None:
    """ "Save this plan" in a writable store; elsewhere, why not."""
    where = choice.plan_destination(sel.source, sel.store, plan.athlete)
    if not where.saves or sel.store is None:
        st.caption(f"Save this plan: {md(where.why)}.")
        return
    text = export.plan_to_csv(plan)
    drawn = sel.store.plan_version(plan.athlete, plan.week_of)
    shown = f"plans/{plan.athlete}/{plan.week_of.isoformat()}.csv"
    into = "the database" if sel.source == "database" else "the data folder"
    st.button(
        "Save this plan",
        key="save_plan",
        icon=":material/save:",
        on_click=_save_plan,
        args=(sel.store, plan.athlete, plan.week_of, text, drawn, sel.who),
        help=f"Writes {shown} in {into}: the Review page then compares this week "
        "with this plan instead of legday's replay.",
    )
    result = st.session_state.pop(SAVE_RESULT, None)
    if result is not None and result[0] == (plan.athlete, plan.week_of):
        if result[1]:
            st.success(md(result[2]), icon=":material/check:")
        else:
            st.error(md(result[2]))
            st.download_button(
                "Download this plan (.csv)",
                text,
                file_name=f"legday-{plan.athlete}-{plan.week_of.isoformat()}.mine.csv",
                mime="text/csv",
                key="download_plan_refused",
                on_click="ignore",
            )
    elif drawn is not None:
        st.caption(
            f"A plan for this week is saved ({md(shown)}): it is the one the Review page "
            "compares with the log. Saving again replaces it"
            + (
                "."
                if sel.source == "database"
                else "; the previous one is kept in .legday-backups."
            )
        )


def _downloads(plan) -> None:
    stem = f"legday-{plan.athlete}-{plan.week_of.isoformat()}"
    cols = st.columns(3)
    files = (
        ("Calendar (.ics)", export.plan_to_ics, "ics", "text/calendar", "event"),
        ("Spreadsheet (.csv)", export.plan_to_csv, "csv", "text/csv", "table"),
        ("Printable (.md)", export.plan_to_markdown, "md", "text/markdown", "description"),
    )
    for col, (label, write, ext, mime, icon) in zip(cols, files, strict=True):
        col.download_button(
            label,
            write(plan),
            file_name=f"{stem}.{ext}",
            mime=mime,
            key=f"download_{ext}",
            icon=f":material/{icon}:",
            on_click="ignore",
        )


# --------------------------------------------------------------------------- the block


def _block(sel: Selection, plans: list) -> None:
    prog = plans[0].progression
    st.subheader("The strength block")
    grid = sel.planner_figures(st.session_state[PICKED])["block"]
    if grid is None:
        st.caption("No block yet: the first leg session starts one.")
    else:
        with st.container(key="progression_strip"):  # the block's key, kept for tests
            st.table(grid.styled(), border="horizontal")
    st.caption(
        "One column per week of the current block: the prescription (focus, sets), the leg "
        "sessions done (▲ heavy, △ light, ✗ a logged week without one: it holds the count) "
        "and the week's average soreness (0-10). Next week is the column named now."
    )
    st.markdown(
        f"**Now:** {md(prog.note)} Next week: {plural(prog.sets, 'set')}, {prog.focus} focus (S9)."
    )
    st.caption(season.after_block_text(sel.athlete.profile.after_block))


def planner_page() -> None:
    sel = selection()
    if not allowed(sel, "planner"):
        return
    if sel.athlete is None:
        st.title("Planner")
        no_athlete(sel)
        return
    athlete_header(sel, "Planner")
    plans = sel.season()
    picked = _season(sel, plans)
    number = next((i for i, p in enumerate(plans) if p.week_of == picked), 0)
    plan = plans[number]
    _week(sel, plan, number)
    st.subheader("Take it with you")
    _save(sel, plan)
    _downloads(plan)
    _block(sel, plans)


planner_page()
