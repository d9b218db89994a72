"""Strength in numbers: the sets a runner logs, what they add up to, what comes next.

- ``names``: exercise names -> the lift legday knows, its movement, leg or not;
- ``days``: the day's leg session (level, minutes, effort) from its sets;
- ``load``: hard leg sets and leg volume load, per set, day and week;
- ``lifts``: estimated 1RM (Epley) per main lift;
- ``prescribe``: the next weight of each planned lift, by double progression;
- ``thresholds``: every number the strength work uses, once.

The block that the weights follow is ``legday.progression``.
"""
