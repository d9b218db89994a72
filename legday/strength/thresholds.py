"""Every number the strength work uses, once (the rule book's habit, for sets and kilos).

Sentences that state one of these build it from the constant. Sources are in
docs/metrics.md and docs/planner.md (the coaching reference, section 5).
"""

from __future__ import annotations

#: A set and its rest, in minutes: a session's minutes when only its sets are logged.
SET_MINUTES = 3.0
#: The RIR-based RPE scale: RPE = RPE_TOP - RIR (Zourdos 2016, Helms 2016).
RPE_TOP = 10.0
#: A hard set has at most this many reps in reserve (Zourdos 2016, Helms 2016).
HARD_SET_RIR = 3.0
#: Epley's estimate is read from sets of at most this many reps.
EPLEY_MAX_REPS = 10

#: The block and breaks (coaching reference, section 5; Bosquet 2013: strength is largely
#: kept for about 3 weeks without training): logged weeks in a row without a heavy
#: session after which the block resumes BLOCK_RESUME_BACK_WEEKS lower, or restarts.
BLOCK_RESUME_AFTER_WEEKS = 3
BLOCK_RESUME_BACK_WEEKS = 2
BLOCK_RESTART_AFTER_WEEKS = 6
#: A runner's leg session holds at most this many sets (warm-up and mobility aside):
#: 3-5 exercises of 2-4 sets, "roughly 8-16 hard sets a session" (coaching reference,
#: section 5), because the running is the main work.
SESSION_SET_BUDGET = 16

#: Double progression (a convention; coaching reference, section 5): the weight rises
#: once every set reaches the top of the rep range with at least PROGRESS_RIR in reserve.
PROGRESS_RIR = 2.0
#: The smallest load step per kit and weight unit (plates, dumbbell pairs, a stack).
LOAD_STEPS: dict[str, dict[str, float]] = {
    "barbell": {"kg": 2.5, "lb": 5.0},
    "dumbbell": {"kg": 2.0, "lb": 5.0},
    "machine": {"kg": 5.0, "lb": 10.0},
}
#: After a break from a lift: BREAK_WEEKS or more weeks, BREAK_DROP lighter; LONG_BREAK_WEEKS
#: or more, LONG_BREAK_DROP lighter ("come back 5-10% lighter").
BREAK_WEEKS = 3
BREAK_DROP = 0.05
LONG_BREAK_WEEKS = 6
LONG_BREAK_DROP = 0.10
