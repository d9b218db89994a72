"""A plan as a calendar (ics), a spreadsheet (csv) or a printable page (Markdown).

Calendar events carry stable UIDs (``legday-<athlete>-<date>@legday``) so importing a
new plan for the same week updates the events instead of duplicating them. Every CSV
legday writes goes through ``spreadsheet_safe`` first (OWASP CSV injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

import pandas as pd
from icalendar import Calendar, Event

from legday import clock
from legday.planner import Plan, PlannedDay

# Re-exported (``as``): pages and scripts import them from here as well as from safe_text.
from legday.safe_text import FORMULA_START as FORMULA_START
from legday.safe_text import md_escape as md_escape
from legday.safe_text import spreadsheet_safe as spreadsheet_safe
from legday.words import DAY_NAME

CSV_COLUMNS = (
    "athlete",
    "name",
    "week_of",
    "phase",
    "date",
    "weekday",
    "run",
    "distance",
    "units",
    "strength",
    "exercises",
    "why",
    "double_run",  # W6: a day's second run (blank without one)
    "double_distance",
)
DAY_NAMES = DAY_NAME  # mon -> Monday
PRODID = "-//legday//leg day planner//EN"

# --------------------------------------------------------------------------- text helpers


def exercise_line(exercise: Any) -> str:
    dose = exercise.reps or exercise.time or ""
    line = f"{exercise.name}: {exercise.sets} x {dose}" if dose else exercise.name
    if getattr(exercise, "weight", None) is not None:
        line += f" {exercise.weight_text()}"
    if exercise.side_first in ("left", "right"):
        line += f", {exercise.side_first} side first"
    elif exercise.side_first == "either":
        line += ", alternate the leading side"
    return f"{line} ({exercise.load})"


def _run_text(day: PlannedDay, units: str) -> str:
    if day.run == "rest":
        return "rest"
    text = day.run if day.distance is None else f"{day.run} {day.distance:g} {units}"
    if day.double is not None:  # W6: the day's second run
        text += f" + {day.double.run} {day.double.distance:g} {units}"
    return text


def distance_line(plan: Plan) -> str | None:
    """The week's total as its days add up (races named apart), or None without one."""
    if not plan.distance:
        return None
    line = f"{plan.distance:g} {plan.units} planned"
    races = plan.distance - plan.training_distance
    if races:
        line += f" ({plan.training_distance:g} of running, {races:g} of racing)"
    return line


def _summary(plan: Plan, day: PlannedDay) -> str:
    parts = []
    if day.run != "rest":
        parts.append(_run_text(day, plan.units).capitalize())
    if day.strength != "none":
        parts.append(f"{day.strength} leg session")
    return " + ".join(parts) + f" ({plan.name})"


# --------------------------------------------------------------------------- ics


def uid(plan: Plan, day: PlannedDay) -> str:
    return f"legday-{plan.athlete}-{day.date.isoformat()}@legday"


def _events(plan: Plan, stamp: dt.datetime) -> Iterable[Event]:
    for day in plan.days:
        if day.run == "rest" and day.strength == "none":
            continue
        event = Event()
        event.add("uid", uid(plan, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
        event.add("summary", _summary(plan, day))
        lines = list(day.why)
        if day.exercises:
            lines.append("")
            lines.extend(exercise_line(e) for e in day.exercises)
        event.add("description", "\n".join(lines))
        event.add("categories", ["legday", plan.phase])
        event.add("transp", "TRANSPARENT")
        yield event


def plans_to_ics(plans: Iterable[Plan], stamp: dt.datetime | None = None) -> bytes:
    """One calendar holding every plan's events (a roster imports as one file)."""
    stamp = stamp or clock.now(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "legday plan")
    for plan in plans:
        for event in _events(plan, stamp):
            calendar.add_component(event)
    return calendar.to_ical()


def plan_to_ics(plan: Plan, stamp: dt.datetime | None = None) -> bytes:
    """All-day events for each day with a run or a leg session; the why in the description."""
    return plans_to_ics([plan], stamp)


# --------------------------------------------------------------------------- csv


def plan_frame(plan: Plan) -> pd.DataFrame:
    """One row per day with CSV_COLUMNS (exercises and reasons joined with ' | ')."""
    rows = [
        {
            "athlete": plan.athlete,
            "name": plan.name,
            "week_of": plan.week_of.isoformat(),
            "phase": plan.phase,
            "date": day.date.isoformat(),
            "weekday": day.weekday,
            "run": day.run,
            "distance": day.distance,
            "units": plan.units,
            "strength": day.strength,
            "exercises": " | ".join(exercise_line(e) for e in day.exercises),
            "why": " | ".join(day.why),
            "double_run": day.double.run if day.double else "",
            "double_distance": day.double.distance if day.double else None,
        }
        for day in plan.days
    ]
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def plans_to_csv(plans: Iterable[Plan]) -> str:
    """Every plan in one table (one header; the athlete column tells them apart)."""
    frames = [plan_frame(plan) for plan in plans]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CSV_COLUMNS)
    buffer = io.StringIO()
    spreadsheet_safe(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def plan_to_csv(plan: Plan) -> str:
    """The week as CSV, safe to open in a spreadsheet."""
    return plans_to_csv([plan])


# --------------------------------------------------------------------------- markdown


def plan_to_markdown(plan: Plan) -> str:
    """A printable week: the headline, then each day with its run, session and reasons."""
    lines = [f"# Leg day plan: {md_escape(plan.name)}", ""]
    lines.append(
        f"Week of {plan.week_of.isoformat()} · phase **{plan.phase}** · "
        f"strength block week {plan.progression.week} of 8 "
        f"({plan.progression.focus}, {plan.progression.sets} sets)"
        + (f" · {distance_line(plan)}" if distance_line(plan) else "")
    )
    if plan.next_race:
        race = plan.next_race
        lines.append("")
        lines.append(
            f"Next race: {md_escape(race.name)} on {race.date.isoformat()} "
            f"({race.days_to_go} days to go)"
        )
    lines += ["", "| Day | Run | Leg session |", "|---|---|---|"]
    for day in plan.days:
        lines.append(
            f"| {DAY_NAMES[day.weekday]} {day.date.isoformat()} | "
            f"{_run_text(day, plan.units)} | {day.strength} |"
        )
    for day in plan.days:
        lines += ["", f"## {DAY_NAMES[day.weekday]} {day.date.isoformat()}", ""]
        lines.append(f"**Run:** {_run_text(day, plan.units)} · **Legs:** {day.strength}")
        if day.exercises:
            lines.append("")
            lines.extend(f"- {md_escape(exercise_line(e))}" for e in day.exercises)
        lines.append("")
        lines.extend(f"> {md_escape(reason)}  " for reason in day.why)
    if plan.flags:
        lines += ["", "## Flags", ""]
        lines.extend(f"- {md_escape(flag)}" for flag in plan.flags)
    lines += ["", f"_{md_escape(plan.progression.note)}_", ""]
    return "\n".join(lines)


def plans_to_markdown(plans: Iterable[Plan]) -> str:
    """Several plans, one per printed page (a rule between them)."""
    return "\n\n---\n\n".join(plan_to_markdown(plan) for plan in plans)


def plan_to_text(plan: Plan) -> str:
    """The plain terminal view of ``legday plan``."""
    head = f"{plan.name} ({plan.athlete}) · week of {plan.week_of.isoformat()} · {plan.phase}"
    prog = plan.progression
    lines = [head, f"strength block week {prog.week}/8: {prog.focus}, {prog.sets} sets"]
    if distance_line(plan):
        lines.append(distance_line(plan))
    if plan.next_race:
        race = plan.next_race
        lines.append(f"next race: {race.name} {race.date.isoformat()} ({race.days_to_go} days)")
    for day in plan.days:
        lines.append("")
        lines.append(
            f"{DAY_NAMES[day.weekday][:3]} {day.date.isoformat()}  "
            f"{_run_text(day, plan.units):<18} legs: {day.strength}"
        )
        lines.extend(f"    - {exercise_line(e)}" for e in day.exercises)
        lines.extend(f"    why: {reason}" for reason in day.why)
    if plan.flags:
        lines.append("")
        lines.append("flags:")
        lines.extend(f"  - {flag}" for flag in plan.flags)
    return "\n".join(lines)
