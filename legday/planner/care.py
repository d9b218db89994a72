"""What pain (H1) and a soreness pattern (H2) change in a planned week.

Pain is not soreness: a localised pain at 3 or more on two days, or 5 once, takes the
load off the painful site for the week after it (no hard or long run, no leg exercise
that loads the site: legday.exercises says which sites each loads) and says to see a
physiotherapist if it lasts; the weeks after it assume it settled and say so once. A
soreness that keeps coming back after most leg sessions changes what every session
prescribes (a set fewer, the base variations, no plyometrics) for the whole plan, not
one week's load.
"""

from __future__ import annotations

from dataclasses import replace

from legday import rules
from legday.body import Pain
from legday.exercises import PLYOMETRICS, Exercise, within_budget, without_sites
from legday.model import PAIN_SITES
from legday.planner.runs import WeekRuns

PHYSIO = "see a physiotherapist if it lasts"


def where(pain: Pain) -> str:
    """The painful site in words."""
    return f"the {pain.site}" if pain.site and pain.site != "other" else "the painful site"


def ease_runs(runs: WeekRuns, pain: Pain | None) -> None:
    """H1: the week's hard and long runs become easy ones (race days stay)."""
    if pain is None:
        return
    for i, kind in enumerate(runs.kinds):
        if kind in ("hard", "long"):
            runs.kinds[i] = "easy"
            runs.notes[i] = (
                f"H1: pain at {where(pain)} (up to {pain.top:g}/10): an easy run instead of "
                f"the {kind} one until it settles; pain is not soreness."
            )


def adapt_session(
    exercises: tuple[Exercise, ...], pain: Pain | None, pattern: tuple[int, int] | None
) -> tuple[tuple[Exercise, ...], list[str]]:
    """The session with the painful site spared (H1) and the pattern's changes (H2), and
    a reason for each change."""
    why = []
    if pattern is not None:
        exercises = tuple(
            replace(e, sets=max(2, e.sets - 1)) if e.time is None else e
            for e in exercises
            if not e.name.startswith(PLYOMETRICS)
        )
        why.append(
            "H2: soreness keeps coming back after your sessions: a set fewer, no "
            "plyometrics, the base variations (a change of dose, not one week's back-off)."
        )
    if pain is not None and pain.site in PAIN_SITES and pain.site != "other":
        exercises, changes = without_sites(exercises, frozenset({pain.site}))
        if changes:
            done = "; ".join(f"{old} -> {new or 'left out'}" for old, new in changes)
            why.append(f"H1: nothing that loads {where(pain)}: {done}.")
    if why:  # the warm-up says the session's set count again
        exercises = within_budget(list(exercises))
    return exercises, why


def care_notes(
    pain: Pain | None, before: Pain | None, pattern: tuple[int, int] | None
) -> list[str]:
    """The week's H1 and H2 notes."""
    out = []
    if pain is not None:
        scores = ", ".join(f"{s:g}" for s in pain.scores)
        out.append(
            f"H1: pain {scores} (0-10) at {where(pain)} in the last {rules.PAIN_WINDOW} days, "
            f"to {pain.last:%a %Y-%m-%d}: pain is not soreness. This week has no hard or long "
            f"run and no leg exercise that loads {where(pain)}; {PHYSIO} (Silbernagel 2007: "
            f"pain up to {rules.PAIN_HIGH:g}/10 is acceptable only if it settles by the next "
            "morning and does not rise from week to week)."
        )
    elif before is not None:
        out.append(
            f"H1: planned as if the pain at {where(before)} has settled; if it has not, keep "
            f"to easy runs, leave out what loads {where(before)} and {PHYSIO}."
        )
    if pattern is not None:
        sore, sessions = pattern
        out.append(
            f"H2: soreness of {rules.PATTERN_SORENESS:g} or more after {sore} of your last "
            f"{sessions} leg sessions: a pattern, not one hard week. Every session here has a "
            "set fewer, no plyometrics and the base variations until it stops; if it does "
            "not, change the exercises with a coach or physiotherapist."
        )
    return out
