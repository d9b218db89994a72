"""Shared wording: each word once, each number from the rule book's constant."""

from __future__ import annotations

import re

from legday import rules, words


def test_rule_ids_name_every_rule_of_the_rule_book() -> None:
    text = words.rule_ids()  # e.g. "S1-S14, H1-H2, R1-R3, P1, ..."
    named = set()
    for part in text.split(", "):
        first, _, last = part.partition("-")
        prefix, low = first[0], int(first[1:])
        high = int(last[1:]) if last else low
        named |= {f"{prefix}{n}" for n in range(low, high + 1)}
    assert named == set(rules.RULES)  # the rule book's ids run without gaps


def test_s8_and_s10_words_carry_the_rule_books_numbers() -> None:
    assert f"last {rules.NOTHING_DAYS} days" in words.S8_NOTHING
    assert f"last {rules.NO_HEAVY_DAYS} days" in words.S8_NO_HEAVY
    assert str(rules.TAPER_DAYS) in words.S8_ONE_A_WEEK
    severe = words.SORENESS_SIGNALS["severe"]
    assert re.search(
        rf"\b{rules.SORENESS_SEVERE:g} or more in the last {rules.SEVERE_WINDOW}", severe
    )
    assert f"{rules.HIGH_DAYS} days at {rules.SORENESS_HIGH:g}" in words.SORENESS_SIGNALS["high"]


def test_one_set_of_day_names_and_equipment_words() -> None:
    assert words.DAY_ABBR == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert words.DAY_NAME["wed"] == "Wednesday"
    assert words.equipment_words("none") == "no equipment (bodyweight only)"
    assert words.equipment_words("home") == "home equipment (dumbbells, bands and a step)"
    assert words.plural(1, "week") == "1 week" and words.plural(2, "day") == "2 days"
