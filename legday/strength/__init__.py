"""Strength in numbers: the sets a runner logs, what they add up to, what comes next.

- ``names``: exercise names -> the lift legday knows, its movement, leg or not;
- ``days``: the day's leg session (level, minutes, effort) from its sets;
- ``thresholds``: every number the strength work uses, once.
"""
