"""The notes above a plan's days: where the week came from and what shaped it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from legday import rules
from legday.model import WEEKDAYS
from legday.planner import placement
from legday.planner.history import History
from legday.planner.reasons import blocked_reason
from legday.words import DAY_NAMES, equipment_words, plural, units_note

if TYPE_CHECKING:
    from legday.planner.distances import Volume
    from legday.planner.week import Week


def week_notes(
    week: Week, history: History, usual_note: str | None, volume_note: str, volume: Volume
) -> list[str]:
    notes = [usual_note] if usual_note else []
    assumed = units_note(week.athlete.profile)
    if assumed:  # D2: the distances below are in units legday assumed
        notes.append(assumed)
    strength_days = week.athlete.profile.strength_days
    if strength_days or week.athlete.profile.equipment != "gym":
        notes.append(_availability(strength_days, week.athlete.profile.equipment))
    if week.backoff:
        prog = week.progression
        new = prog.status in ("starting", "new-block", "restarted") or prog.week <= 2
        notes.append(
            f"S10: {week.backoff}: this week backs off: no heavy session, one set fewer."
            + (" Some soreness after a new block is normal and fades." if new else "")
        )
    last = history.last_week(week.week_of)
    if last is not None and last["sessions"] > rules.MAX_SESSIONS_PER_WEEK:
        notes.append(
            f"S1: {int(last['sessions'])} leg sessions last week; the plan keeps to "
            f"{plural(week.target, 'session')} (more leave the legs tired for key runs)."
        )
    if week.runs.notes[0] and week.runs.notes[0].startswith("S5"):
        notes.append(week.runs.notes[0])
    elif week.previous_level == 2 and week.runs.kinds[0] == "race":
        notes.append(
            "S5: last Sunday's heavy session comes the day before Monday's race: less than "
            "48 h; warm up long and start conservatively."
        )
    prog = week.progression
    if prog.status in ("restarted", "resumed") or prog.light_only:
        notes.append(f"S9: {prog.note}")
    notes.append(volume_note)
    own = _own_distances(history, week.athlete.units)
    if own and volume.target is not None:
        notes.append(own)
    if week.choice.reach < week.target:
        notes.append(shortfall(week))
    if week.max_level == 2:
        notes.extend(_light_notes(week))
    notes.extend(_run_pattern_notes(week))
    return notes


def _availability(days: tuple[str, ...] | None, equipment: str) -> str:
    """W5: the days and equipment the week was planned for."""
    where = f"on {', '.join(days)} only" if days else "on any day"
    return f"W5: leg sessions planned {where}, with {equipment_words(equipment)}."


def _own_distances(history: History, units: str) -> str | None:
    own = history.own_distances()
    if not own:
        return None
    shown = ", ".join(f"{k} {round(v, 1):g}" for k, v in own.items())
    return (
        f"V6: each run starts from your own median of the last 6 weeks ({shown} {units}), "
        "then the week is scaled to its distance."
    )


def shortfall(week: Week) -> str:
    """Which rule blocked each day (each strength day, when the profile lists them), and
    (build, maintain) which change would make room."""
    days = week.athlete.profile.strength_days
    blocked = []
    for i in range(7):
        if week.choice.placement[i] or (days and WEEKDAYS[i] not in days):
            continue
        ids = [r for r in placement.blockers(week.ctx, week.choice, i, 1) if r != "W5"]
        if ids:
            blocked.append(f"{DAY_NAMES[i]} ({ids[0]})")
    where = (
        f" on your strength days ({', '.join(days)})"
        if days else ""
    )  # fmt: skip
    text = (
        f"{week.phase.target_rule}: room for {week.choice.reach} of "
        f"{plural(week.target, 'leg session')} this week{where}: blocked "
        f"{', '.join(blocked) if blocked else 'by the session limits'}."
    )
    if week.phase.name in ("build", "maintain"):
        ideas = suggest(week)
        if ideas:
            text += " To fit it: " + " or ".join(ideas) + "."
    return text


def suggest(week: Week) -> list[str]:
    """Single changes to the usual week that would let the target fit."""
    runs = week.runs.kinds
    fits = []
    for rank, text, changed in _tries(runs):
        kinds = week.ctx.facts.kind.copy()
        kinds[placement.WEEK] = [rules.KIND[k] for k in changed]
        ctx = replace(week.ctx, facts=replace(week.ctx.facts, kind=kinds))
        if placement.choose(ctx, changed, week.target, week.max_level).reach >= week.target:
            fits.append((rank, text))
    fits.sort(key=lambda t: t[0])
    seen: set[str] = set()
    ideas = []
    for _, text in fits:  # one idea per day, two in all: easy before cross, rest before swaps
        day = next(name for name in DAY_NAMES if name in text)
        if day not in seen:
            seen.add(day)
            ideas.append(text)
    return ideas[:2]


def _tries(runs: list[str]) -> list[tuple[int, str, list[str]]]:
    tries = []
    for i, kind in enumerate(runs):
        if kind == "race":
            continue
        if kind == "rest":
            for new, text in (("easy", "run easy"), ("cross", "cross-train")):
                tries.append((0, f"{text} on {DAY_NAMES[i]} instead of resting",
                              [*runs[:i], new, *runs[i + 1 :]]))  # fmt: skip
        for j in range(i + 1, 7):
            if runs[j] not in (kind, "race"):
                changed = list(runs)
                changed[i], changed[j] = runs[j], kind
                tries.append((1, f"swap {DAY_NAMES[i]} ({kind}) and {DAY_NAMES[j]} ({runs[j]})",
                              changed))  # fmt: skip
        if kind in ("hard", "long", "moderate"):
            tries.append((2, f"make {DAY_NAMES[i]}'s {kind} run an easy one",
                          [*runs[:i], "easy", *runs[i + 1 :]]))  # fmt: skip
    return tries


def _light_notes(week: Week) -> list[str]:
    """A session that had to be light because a key run follows (S5, S7 for a long run)."""
    out = []
    for i in week.lifted:
        if week.choice.placement[i] != 1:
            continue
        ids = placement.blockers(week.ctx, week.choice, i, 2)
        if ids and ids[0] == "S5":
            day, following = week.neighbours(i).after()
            rule = "S5/S7" if following == "long" else "S5"
            out.append(
                f"{rule}: no day fits this session as heavy without lifting the day before "
                f"{day}'s {following} run: {DAY_NAMES[i]}'s session is light."
            )
        elif ids:
            out.append(blocked_reason(ids[0], week.neighbours(i), heavy_only=True))
    return out


def _run_pattern_notes(week: Week) -> list[str]:
    """W3 (no rest in 7 days or more) and W4 (back-to-back key runs) in the planned days."""
    facts = week.ctx.facts
    out = []
    streak = rules.run_length(facts.kind >= rules.KIND["easy"])[placement.WEEK]
    if (rules.w3_no_rest(facts)[placement.WEEK]).any():
        out.append(
            f"W3: {plural(int(streak.max()), 'day')} in a row without a rest or cross-training "
            "day by the end of this week: add one to the usual week."
        )
    for i in np.flatnonzero(rules.w4_back_to_back(facts)[placement.WEEK]).tolist():
        day, before = week.neighbours(i).before()
        out.append(
            f"W4: {DAY_NAMES[i]}'s {week.runs.kinds[i]} run comes the day after {day} "
            f"{before} run: two key runs back to back; keep one of them easy if you can."
        )
    return out
