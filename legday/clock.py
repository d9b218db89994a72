"""Today, in one place.

Every "today" legday uses (the demo's date shift, the default As of, future-date
checks in validation, check-in dates, imports, shared-link checks, export stamps)
comes from ``now()`` or ``today()`` here, so one setting moves the whole product to
another date. Nothing else in legday, the app or the tests reads the real clock
(tests/test_clock.py checks the source tree for it).

The override, for tests and for replaying a day:

- ``LEGDAY_TODAY=2028-02-29`` (or ``2026-12-06T23:59:30``) in the environment of the
  app or the command line. A date alone starts at noon. The clock then runs forward
  in real time from that moment, so a session can cross midnight on purpose.
- ``set_clock(...)`` in tests (a frozen clock unless ``running=True``), ``reset()``
  to go back to the environment's setting.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass

ENV_VAR = "LEGDAY_TODAY"
_NOON = dt.time(12, 0)


@dataclass(frozen=True)
class _Override:
    start: dt.datetime  # naive local wall time the clock showed at ``since``
    since: float  # time.monotonic() when the override was set
    running: bool

    def now(self) -> dt.datetime:
        if not self.running:
            return self.start
        return self.start + dt.timedelta(seconds=time.monotonic() - self.since)


def parse(text: str) -> dt.datetime:
    """``YYYY-MM-DD`` (noon) or ``YYYY-MM-DDTHH:MM[:SS]`` as a naive local datetime.

    Raises ValueError with a message that names the variable and the expected form.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), _NOON)
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{ENV_VAR}={value[:40]!r} is not a date like 2028-02-29 or a time like "
            "2026-12-06T23:59:30"
        ) from None
    return stamp.replace(tzinfo=None) if stamp.tzinfo is None else _local(stamp)


def _local(stamp: dt.datetime) -> dt.datetime:
    return stamp.astimezone().replace(tzinfo=None)


def _from_env() -> tuple[_Override | None, str | None]:
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return None, None
    try:
        return _Override(parse(raw), time.monotonic(), running=True), None
    except ValueError as exc:
        return None, f"{exc}; using the real date"


_override, problem = _from_env()
#: What was wrong with LEGDAY_TODAY, if anything (the CLI and the app show it).
PROBLEM: str | None = problem


def now(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The current time: naive local time, or aware in ``tz`` when one is given."""
    if _override is None:
        return dt.datetime.now(tz)
    wall = _override.now()
    return wall if tz is None else wall.astimezone(tz)


def today(tz: dt.tzinfo | None = None) -> dt.date:
    """Today's date (in ``tz`` when given, else the machine's local date)."""
    return now(tz).date()


def set_clock(value: dt.date | dt.datetime | str, *, running: bool = False) -> None:
    """Pretend it is ``value`` (a date means noon); frozen unless ``running``."""
    global _override
    if isinstance(value, str):
        start = parse(value)
    elif isinstance(value, dt.datetime):
        start = value if value.tzinfo is None else _local(value)
    else:
        start = dt.datetime.combine(value, _NOON)
    _override = _Override(start, time.monotonic(), running)


def reset() -> None:
    """Back to the environment's setting (or the real clock when there is none)."""
    global _override
    _override, _ = _from_env()
