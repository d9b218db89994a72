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
