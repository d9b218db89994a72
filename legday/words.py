"""Shared wording: the few words and phrases several modules write the same way."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``: a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
