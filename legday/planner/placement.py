"""Where the leg sessions go: every placement of the week tried at once.

Placement is exhaustive, not greedy: each of the 3^7 ways to give the 7 days no session,
a light one or a heavy one is judged by the rule book's placement checks in one pass
(over the week plus the 7 days before it and the day after, so S4, S5 and the taper's
one-session-a-week hold across the week boundary). Whenever a placement reaches the
week's target without breaking a rule, the plan reaches it too; among those, the score
below (docs/planner.md) picks one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from legday import rules

#: Every placement of none/light/heavy over 7 days: (2187, 7), Monday most significant.
PLACEMENTS = np.array(list(itertools.product(range(3), repeat=7)), dtype=np.int8)
WEEK = slice(7, 14)  # the planned days inside the 15-day context

#: Score of a session on a day of this kind (S6: stacked on a hard day run-first keeps the
#: easy days easy; after an easy run next; cross-training and moderate days also work).
DAY_SCORE = {"hard": 3.5, "easy": 3, "cross": 2, "moderate": 1}
HEAVY_SCORE = 10  # prefer loaded sessions when the phase allows them (S12)
ADJACENT_PENALTY = 4  # two sessions on consecutive days leave no recovery between them
#: Two heavy days in a row: more than a heavy session is worth (a light one wins instead).
ADJACENT_HEAVY_PENALTY = 12
BEFORE_LONG_PENALTY = 2  # a light session the day before a long run is allowed (S7), not ideal
BEFORE_HARD_PENALTY = 1
FAR_FROM_RACE = 0.005  # a tie-break only: 2 x 30 days x 0.005 < the smallest other step


@dataclass(frozen=True)
class Context:
    """The 15 days the checks look at: 7 before the week, the week, the day after."""

    facts: rules.DayFacts
    before_levels: np.ndarray  # (7,) levels of the days before the week
    checks: tuple[tuple[str, rules.Check], ...]

    def broken(self, week_levels: np.ndarray) -> dict[str, np.ndarray]:
        """Rule id -> (k, 7) days of the week that break it, for k placements."""
        week_levels = np.atleast_2d(week_levels)
        k = week_levels.shape[0]
        full = np.concatenate(
            [np.broadcast_to(self.before_levels, (k, 7)), week_levels, np.zeros((k, 1), np.int8)],
            axis=1,
        )
        return {r: m[:, WEEK] for r, m in rules.broken(full, self.facts, self.checks).items()}


def context(
    facts: rules.DayFacts, before_levels: Sequence[int], allowed: np.ndarray | None
) -> Context:
    checks = rules.PLACEMENT_CHECKS
    if allowed is not None:
        everywhere = np.concatenate([np.ones(7, bool), allowed, np.ones(1, bool)])
        checks = (*checks, ("W5", rules.w5_not_a_strength_day(everywhere)))
    return Context(facts, np.asarray(before_levels, dtype=np.int8), checks)


@dataclass(frozen=True)
class Choice:
    placement: np.ndarray  # (7,) levels
    reach: int  # sessions placed (the target, or fewer when nothing valid holds more)
    valid: np.ndarray  # (2187,) placements that break no rule under the level cap
    broken: dict[str, np.ndarray]  # the chosen placement's check results (all False)


def choose(ctx: Context, runs: Sequence[str], target: int, max_level: int) -> Choice:
    """The best valid placement holding the most sessions up to ``target``."""
    broken = np.zeros(len(PLACEMENTS), dtype=bool)
    for mask in ctx.broken(PLACEMENTS).values():
        broken |= mask.any(1)
    valid = ~broken & (PLACEMENTS.max(1) <= max_level)
    count = (PLACEMENTS > 0).sum(1)
    reach = int(min(target, count[valid].max()))  # all-none is always valid
    candidates = np.flatnonzero(valid & (count == reach))
    best = PLACEMENTS[candidates[int(np.argmax(_score(candidates, ctx, runs, max_level)))]]
    return Choice(best, reach, valid, ctx.broken(best))


def _score(candidates: np.ndarray, ctx: Context, runs: Sequence[str], max_level: int) -> np.ndarray:
    sub = PLACEMENTS[candidates]
    lift, heavy = sub > 0, sub == 2
    day_score = np.array([DAY_SCORE.get(r, 0) for r in runs])
    next_long = np.append(np.array([r == "long" for r in runs[1:]]), False)
    next_hard = np.append(np.array([r == "hard" for r in runs[1:]]), False)
    to_race = np.minimum(ctx.facts.to_race["any"][WEEK], 30)
    return (
        (HEAVY_SCORE if max_level == 2 else 0) * (sub == 2).sum(1)
        + (lift * day_score).sum(1)
        - ADJACENT_PENALTY * (lift[:, 1:] & lift[:, :-1]).sum(1)
        - ADJACENT_PENALTY * (lift[:, 0] & (ctx.before_levels[-1] > 0))  # last Sunday's
        - ADJACENT_HEAVY_PENALTY * (heavy[:, 1:] & heavy[:, :-1]).sum(1)
        - ADJACENT_HEAVY_PENALTY * (heavy[:, 0] & (ctx.before_levels[-1] == 2))
        - BEFORE_LONG_PENALTY * (lift & next_long).sum(1)
        - BEFORE_HARD_PENALTY * (lift & next_hard).sum(1)
        + FAR_FROM_RACE * (lift * to_race).sum(1)  # ties: in a taper, far from the race
    )


def blockers(ctx: Context, choice: Choice, day: int, level: int) -> list[str]:
    """The rules a ``level`` session on ``day`` would break, the rest of the week as
    placed (a third session breaks S1 on every lifted day: any day counts)."""
    probe = choice.placement.copy()
    probe[day] = level
    before = choice.broken
    after = ctx.broken(probe)
    return [
        rule_id
        for rule_id, mask in after.items()
        if mask[0, day] or (mask[0] & ~before[rule_id][0]).any()
    ]


def violations_in(ctx: Context, placement: np.ndarray) -> list[str]:
    """The rule ids a placement breaks (a tripwire for the chosen one: never any)."""
    return [r for r, mask in ctx.broken(placement).items() if mask.any()]
