"""Shared wording: the words and phrases several modules write, each in one place.

Weekday names, plurals, the equipment a session may use, the rule book's ids in a
line, and the sentences that state a rule's thresholds (S8's taper, S10's soreness),
each built from the rule book's constants so a number is written once.
"""

from __future__ import annotations

from legday import rules
from legday.model import WEEKDAYS

#: Monday .. Sunday, in full and short (``WEEKDAYS`` are the keys: mon .. sun).
DAY_NAMES: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
DAY_ABBR: tuple[str, ...] = tuple(name[:3] for name in DAY_NAMES)
DAY_NAME = dict(zip(WEEKDAYS, DAY_NAMES, strict=True))
DAY_SHORT = dict(zip(WEEKDAYS, DAY_ABBR, strict=True))

#: The profile's ``strength: equipment`` in words: what a session may use.
EQUIPMENT: dict[str, str] = {
    "gym": "barbell and machines",
    "home": "dumbbells, bands and a step",
    "none": "bodyweight only",
}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``: a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def equipment_words(equipment: str) -> str:
    """'home equipment (dumbbells, bands and a step)', 'no equipment (bodyweight only)'."""
    kit = equipment if equipment in EQUIPMENT else "gym"
    return f"{'no' if kit == 'none' else kit} equipment ({EQUIPMENT[kit]})"


def rule_ids() -> str:
    """Every id of the rule book, grouped: 'S1-S14, H1-H2, R1-R3, P1, ...'."""
    groups: dict[str, list[int]] = {}
    for rule_id in rules.RULES:
        groups.setdefault(rule_id[0], []).append(int(rule_id[1:]))
    return ", ".join(
        f"{p}{min(n)}-{p}{max(n)}" if len(n) > 1 else f"{p}{n[0]}" for p, n in groups.items()
    )


# S8: the taper before an A race, as every sentence about it says it
S8_NOTHING = f"no leg work in the last {rules.NOTHING_DAYS} days"
S8_NO_HEAVY = f"no heavy lifting in the last {rules.NO_HEAVY_DAYS} days"
S8_ONE_A_WEEK = f"one leg session a week at most from {rules.TAPER_DAYS} days out"

#: S10: the back-off signals of the rule book's one soreness definition, in words.
SORENESS_SIGNALS: dict[str, str] = {
    "severe": f"a day at {rules.SORENESS_SEVERE:g} or more in the last {rules.SEVERE_WINDOW} days",
    "high": f"{rules.HIGH_DAYS} days at {rules.SORENESS_HIGH:g} or more in the last "
    f"{rules.HIGH_WINDOW}",
    "rising": f"rising {rules.RISING_DAYS} days in a row to above "
    f"{rules.SORENESS_ACCEPTABLE_MAX:g}",
    "heavy legs": "heavy legs with a run harder than usual",
}
#: The days each S10 signal looks back over (its scores are listed with it).
SORENESS_WINDOWS = {
    "severe": rules.SEVERE_WINDOW, "high": rules.HIGH_WINDOW, "rising": rules.RISING_DAYS,
}  # fmt: skip


def units_note(profile) -> str | None:
    """D2: that the log's units were assumed, and how to change them; None when given."""
    if not getattr(profile, "units_assumed", False):
        return None
    other = "km" if profile.units == "mi" else "mi"
    named = "kilometres" if other == "km" else "miles"
    read = "miles" if profile.units == "mi" else "kilometres"
    if profile.path.endswith(".csv") or not profile.path:
        fix = f"add {profile.id}.yaml beside the log with `units: {other}` if they are {named}"
        why = "the log has no profile"
    else:
        fix = f"add `units: {other}` to the profile if they are {named}"
        why = "the profile does not say `units:`"
    return f"D2: distances are read as {read} because {why}: {fix}."
