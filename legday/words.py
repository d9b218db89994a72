"""Shared wording: the few words and phrases several modules write the same way."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``: a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


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
