"""The sentences that explain each planned day, rule id first.

Every reason is written from what the day holds: a day's blocked session names the
checks that blocked it (from the rule book), a light session names the rule that kept
it light, and advice for the day after leg work fits that day's run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legday import rules
from legday.words import DAY_NAMES, S8_NO_HEAVY, S8_NOTHING, S8_ONE_A_WEEK, plural


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
            return f"S8: {days_before(days, name)}: {S8_NOTHING}."
        if heavy_only and days <= rules.NO_HEAVY_DAYS:
            return f"S8: {days_before(days, name)}: {S8_NO_HEAVY}."
        return f"S8: taper before {name}: {S8_ONE_A_WEEK}; {near.other_session()}."
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
    after_race: bool = False,
) -> str:
    """Why a session is light: the rule that won, in this order."""
    if backoff:
        return f"S10: light (bodyweight) because {backoff}."
    if stale:
        return "L1: light (bodyweight) until the log is current again: it stopped weeks ago."
    if phase == "race-week" and after_race:
        return "R2: after this week's race: light work only while the legs repair."
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
    if run == "rest":
        return base + "; rest, or a walk if you like."
    if run == "cross":
        return base + "; easy cross-training suits it."
    if run == "easy":
        return base + "; an easy run suits it."
    return base + f"; warm up well before the {_run_word(run)}."


# ------------------------------------------------------------------ what they claim


@dataclass(frozen=True)
class Claim:
    """What a reason template says about its day: the day's run (one of ``runs``, or
    the ``run`` group of the pattern), its leg session (one of ``legs``), a double."""

    pattern: str
    runs: frozenset[str] | None = None
    legs: frozenset[str] | None = None
    double: bool | None = None


_NONE, _LIFT = frozenset({"none"}), frozenset({"light", "heavy"})
_LIGHT, _HEAVY, _NOT_HEAVY = (
    frozenset({"light"}),
    frozenset({"heavy"}),
    frozenset({"none", "light"}),
)
_EASY = frozenset({"easy"})
_RUNNING = frozenset({"easy", "moderate", "hard", "long", "race"})
_AFTER = "S13: the day after leg work: protein, water, sleep; foam roll [^;]*; "

#: Every reason template of a planned day and its claim, first match wins; a property
#: test (tests/planner/test_season_properties.py) holds each day to its reasons' claims.
CLAIMS: tuple[Claim, ...] = (
    Claim(r"S3: rest day: it stays rest, no leg work\.", frozenset({"rest"}), _NONE),
    Claim(r"W1: usual week: cross-training\.", frozenset({"cross"})),
    Claim(r"W1: usual week: (?P<run>\w+) run\."),
    Claim(r"W6: a double: a second run, easy, of (?P<double>[\d.]+) ", _RUNNING, double=True),
    Claim(r"V2: capped at (?P<distance>[\d.]+), ", _RUNNING),
    Claim(r"S4: the day after .*: recovery, no leg work\.", legs=_NONE),
    Claim(r"S6: (?P<run>\w+) day: the run is the day's work, no lifting\.", legs=_NONE),
    Claim(r"S5(/S7)?: no heavy lifting: .* is less than 48 h away\.", legs=_NOT_HEAVY),
    Claim(rf"S8: .*: {re.escape(S8_NOTHING)}\.", legs=_NONE),
    Claim(rf"S8: .*: {re.escape(S8_NO_HEAVY)}\.", legs=_NOT_HEAVY),
    Claim(rf"S8: taper before .*: {re.escape(S8_ONE_A_WEEK)}; ", legs=_NONE),
    Claim(r"R3: .* \(a [BC] race\): no heavy legs in the last", legs=_NOT_HEAVY),
    Claim(r"R2: the week after a half marathon or longer: no heavy", legs=_NOT_HEAVY),
    Claim(r"S1: this week already holds two leg sessions\.", legs=_NONE),
    Claim(r"W5: not one of your strength days", legs=_NONE),
    Claim(r"\w+: no leg session: the week's (one session is|\d+ sessions are) on ", legs=_NONE),
    Claim(r"\w+: no session here\.", legs=_NONE),
    Claim(r"\w+: leg session \d+ of \d+ \(", legs=_LIFT),
    Claim(r"S6: stacked on the hard day", frozenset({"hard"}), _LIFT),
    Claim(r"S6: after the easy run", _EASY, _LIFT),
    Claim(r"S6: after the moderate run", frozenset({"moderate"}), _LIFT),
    Claim(r"S6: with cross-training", frozenset({"cross"}), _LIFT),
    Claim(r"S6: run first, then lift\.", legs=_LIFT),
    Claim(r"S2/S12: race season: one loaded session", legs=_HEAVY),
    Claim(r"S12: building strength: a loaded \(heavy\) session\.", legs=_HEAVY),
    Claim(r"(S10|L1): light \(bodyweight\)", legs=_LIGHT),
    Claim(r"R2: after this week's race: light work", legs=_LIGHT),
    Claim(r"S8: race week: light mobility at most\.", legs=_LIGHT),
    Claim(r"S8: taper: bodyweight and mobility only", legs=_LIGHT),
    Claim(r"P1: recovery after the race: light work", legs=_LIGHT),
    Claim(r"S14: a first block starts with bodyweight", legs=_LIGHT),
    Claim(r"S12: light: the placement score", legs=_LIGHT),
    Claim(_AFTER + r"rest, or a walk if you like\.", frozenset({"rest"}), _NONE),
    Claim(_AFTER + r"easy cross-training suits it\.", frozenset({"cross"}), _NONE),
    Claim(_AFTER + r"an easy run suits it\.", _EASY, _NONE),
    Claim(_AFTER + r"warm up well before the (?P<run>\w+)( run)?\.", legs=_NONE),
    Claim(r"S11: ", legs=_LIFT),
    Claim(r"R1: .*: a short shakeout, under \d+ minutes", _EASY),
    Claim(r"R1: .*: an easy run instead of the \w+ one\.", _EASY),
    Claim(r"R2: the day after .*: rest or cross-training, no run\.", frozenset({"rest"})),
    Claim(r"R2: the day after .*: rest, cross-training or an easy run, not the", _EASY),
    Claim(r"R2: .*, inside its recovery days: an easy run instead of the", _EASY),
    Claim(r"V3: race week: the long run shrinks to a moderate one", frozenset({"moderate"})),
    Claim(r"V3: race week: one short session at race pace", frozenset({"hard"})),
    Claim(r"V3: race week: the race-pace session is its one hard run", _EASY),
    Claim(r"V3: race week: an easy run instead of the moderate one", _EASY),
    Claim(r"S5: last Sunday's heavy session is less than 48 h before: an easy run", _EASY),
    Claim(r"R3: .* is a C race, trained through: the long run moves here", frozenset({"long"})),
    Claim(r"(S8|R3): race day: |R1: race day \(logged as a race\)", frozenset({"race"})),
    Claim(r"H1: pain at .*: an easy run instead of the \w+ one", _EASY),
    Claim(r"H1: nothing that loads ", legs=_LIFT),
    Claim(r"H2: soreness keeps coming back after your sessions", legs=_LIFT),
)


def claim_of(reason: str) -> tuple[Claim, re.Match] | None:
    """The claim of the template a reason was written from, with the match."""
    for claim in CLAIMS:
        hit = re.match(claim.pattern, reason)
        if hit:
            return claim, hit
    return None
