"""The sentences that explain each planned day, rule id first.

Every reason is written from what the day holds: a day's blocked session names the
checks that blocked it (from the rule book), a light session names the rule that kept
it light, and advice for the day after leg work fits that day's run.
"""

from __future__ import annotations

from dataclasses import dataclass

from legday import rules

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``: a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def days_after(days: int, race: str) -> str:
    return f"the day after {race}" if days == 1 else f"{plural(days, 'day')} after {race}"


def days_before(days: int, race: str) -> str:
    return f"the day before {race}" if days == 1 else f"{plural(days, 'day')} before {race}"


def double_reason(distance: float, units: str) -> str:
    """W6 on a day with a double."""
    return (
        f"W6: a double: a second run, easy, of {distance:g} {units}, as you have been running "
        f"twice a day in the last {rules.DOUBLE_WEEKS} weeks (each run counts apart)."
    )


def run_reason(kind: str, note: str | None) -> str:
    if note:
        return note
    if kind == "rest":
        return "S3: rest day: it stays rest, no leg work."
    if kind == "cross":
        return "W1: usual week: cross-training."
    return f"W1: usual week: {kind} run."


@dataclass(frozen=True)
class Neighbours:
    """What a reason may mention about the days around day i."""

    day: int
    runs: list[str]  # the week's runs
    previous_run: str  # the Sunday before the week
    next_run: str  # the Monday after the week
    races: dict[int, dict[str, tuple]]  # day -> priority -> (race name, days to it)
    strength_days: tuple[str, ...] | None
    sessions: tuple[int, ...] = ()  # the week's days with a leg session

    def other_session(self) -> str:
        """The session that already fills this taper week, in words."""
        others = [j for j in self.sessions if j != self.day and abs(j - self.day) < 7]
        if others:
            return f"this week's is on {DAY_NAMES[min(others, key=lambda j: abs(j - self.day))]}"
        return "last week's came less than 7 days before"

    def before(self) -> tuple[str, str]:
        i = self.day
        if i == 0:
            return "last Sunday's", self.previous_run
        return f"{DAY_NAMES[i - 1]}'s", self.runs[i - 1]

    def after(self) -> tuple[str, str]:
        i = self.day
        return (DAY_NAMES[i + 1], self.runs[i + 1]) if i < 6 else ("next Monday", self.next_run)


def _run_word(kind: str) -> str:
    return "race" if kind == "race" else f"{kind} run"


def blocked_reason(rule_id: str, near: Neighbours, heavy_only: bool = False) -> str:
    """Why a session (a heavy one, with ``heavy_only``) cannot sit on this day."""
    races = near.races.get(near.day, {})
    if rule_id == "S3":
        return "S3: rest day: it stays rest, no leg work."
    if rule_id == "S4":
        day, kind = near.before()
        return f"S4: the day after {day} {_run_word(kind)}: recovery, no leg work."
    if rule_id == "S6":
        return f"S6: {near.runs[near.day]} day: the run is the day's work, no lifting."
    if rule_id == "S5":
        day, kind = near.after()
        rule = "S5/S7" if kind == "long" else "S5"
        return f"{rule}: no heavy lifting: {day}'s {_run_word(kind)} is less than 48 h away."
    if rule_id == "S8" and "A" in races:
        name, days = races["A"]
        if days <= rules.NOTHING_DAYS:
            return f"S8: {days_before(days, name)}: no leg work in the last 2 days."
        if heavy_only and days <= rules.NO_HEAVY_DAYS:
            return f"S8: {days_before(days, name)}: no heavy lifting in the last 10 days."
        return f"S8: taper before {name}: one leg session a week at most; {near.other_session()}."
    if rule_id == "R3" and ("B" in races or "C" in races):
        priority = "B" if "B" in races and races["B"][1] <= rules.B_NO_HEAVY_DAYS else "C"
        name, days = races.get(priority, races.get("B"))
        if priority == "B":
            return (
                f"R3: {days_before(days, name)} (a B race): no heavy legs in the last 5 days, "
                "nothing in the last 2."
            )
        return (
            f"R3: {days_before(days, name)} (a C race): no heavy legs in the last 2 days, "
            "nothing the day before."
        )
    if rule_id == "R2":
        return "R2: the week after a half marathon or longer: no heavy leg session."
    if rule_id == "S1":
        return "S1: this week already holds two leg sessions."
    if rule_id == "W5":
        days = ", ".join(near.strength_days or ())
        return f"W5: not one of your strength days ({days})."
    return f"{rule_id}: no session here."


def session_reason(rule: str, number: int, reach: int, phase: str, target: int) -> str:
    return f"{rule}: leg session {number} of {reach} ({phase}: {plural(target, 'session')} a week)."


def placement_reason(run: str) -> str:
    if run == "hard":
        return (
            "S6: stacked on the hard day: run first, lift later, 6 h or more apart "
            "(Robineau 2016); hard days hard, easy days easy."
        )
    if run == "easy":
        return "S6: after the easy run (run first, then lift)."
    if run == "moderate":
        return "S6: after the moderate run, a lighter day (run first, then lift)."
    if run == "cross":
        return "S6: with cross-training, a day without a key run."
    return "S6: run first, then lift."


def heavy_reason(phase: str, maintain: bool) -> str:
    if maintain:
        return (
            "S2/S12: race season: one loaded session keeps strength: the same intensity, "
            "fewer sets and exercises."
        )
    return "S12: building strength: a loaded (heavy) session."


def light_reason(
    phase: str,
    backoff: str | None,
    first_block: bool,
    heavy_blocked: str | None,
    stale: bool = False,
) -> str:
    """Why a session is light: the rule that won, in this order."""
    if backoff:
        return f"S10: light (bodyweight) because {backoff}."
    if stale:
        return "L1: light (bodyweight) until the log is current again: it stopped weeks ago."
    if phase == "race-week":
        return "S8: race week: light mobility at most."
    if phase == "taper":
        return "S8: taper: bodyweight and mobility only, no weights."
    if phase == "recovery":
        return "P1: recovery after the race: light work only while the legs repair."
    if first_block:
        return "S14: a first block starts with bodyweight sessions; weights from week 3."
    if heavy_blocked:
        return heavy_blocked
    return "S12: light: the placement score preferred it here (docs/planner.md)."


def after_lifting_reason(run: str) -> str:
    """S13 on the day after a session, fitting that day's run."""
    base = (
        "S13: the day after leg work: protein, water, sleep; foam roll quads, hamstrings and calves"
    )
    if run in ("rest", "cross", "easy"):
        return base + "; an easy run, a swim or a walk suits the day."
    return base + f"; warm up well before the {_run_word(run)}."
