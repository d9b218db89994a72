"""Shared test setup: one clock for the whole suite, and bounded hypothesis profiles.

The clock: no test reads the real date. ``LEGDAY_TODAY`` is set before legday is
imported, so every process the tests start (CLI runs, the served app) inherits the
same day, and the ``_frozen_clock`` fixture freezes legday's clock on it for each
test. ``LEGDAY_TEST_TODAY=YYYY-MM-DD`` runs the whole suite on another day.

Date-sensitive tests take the ``any_day`` fixture and run once per day in ANY_DAYS:
the day after the demo's last logged day, a weekday, a Sunday, five weeks later, a
leap day and a day years later.

PostgreSQL (``postgres_url``): Debian's (``.ci/run`` installs it where it is missing),
``initdb`` and ``pg_ctl`` into a temporary folder, one server for the whole run (the
store tests and the browser tests share it), listening on a Unix socket in that folder
only. The tests run as root here and PostgreSQL refuses to run as root, so the server
runs as the ``postgres`` system user (``runuser``); without the binaries or that user
the PostgreSQL cases are skipped, with the reason.
"""

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

#: The day the suite runs on unless a test asks for another (a Wednesday).
DEFAULT_TODAY = dt.date.fromisoformat(os.environ.get("LEGDAY_TEST_TODAY", "2026-12-02"))
os.environ["LEGDAY_TODAY"] = DEFAULT_TODAY.isoformat()
#: Replayed plans are kept in a cache folder of this run's own (legday/store/replays.py),
#: never in the user's: every process the tests start inherits it.
CACHE_DIR = tempfile.mkdtemp(prefix="legday-test-cache-")
os.environ["LEGDAY_CACHE_DIR"] = CACHE_DIR
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
#: A developer's database never reaches the suite: a test that wants one sets it.
os.environ.pop("LEGDAY_DATABASE_URL", None)

from bench.postgres import PG_BIN, throwaway_postgres  # noqa: E402
from legday import clock, demo  # noqa: E402  (after LEGDAY_TODAY is set)

#: The demo files' own last logged day (a Sunday), before any shift.
DEMO_LAST_DAY = demo.last_logged(demo.load_raw())
#: Every "today" the date-sensitive tests run at.
ANY_DAYS: dict[str, dt.date] = {
    "day-after-demo": DEMO_LAST_DAY + dt.timedelta(days=1),
    "weekday": dt.date(2026, 12, 2),
    "sunday": dt.date(2026, 12, 6),
    "five-weeks-later": DEMO_LAST_DAY + dt.timedelta(days=1 + 35),
    "leap-day": dt.date(2028, 2, 29),
    "years-later": dt.date(2031, 7, 16),
}
#: A session that starts on a Sunday night and runs into Monday.
SUNDAY_NIGHT = dt.datetime(2026, 12, 6, 23, 59, 0)

# CI draws the same examples on every run (a red run is the change's, never the dice's);
# dev and deep draw new ones, to find what CI does not try.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Every test starts on DEFAULT_TODAY, frozen; nothing leaks into the next test."""
    clock.set_clock(DEFAULT_TODAY)
    yield
    clock.set_clock(DEFAULT_TODAY)


@pytest.fixture(params=list(ANY_DAYS.values()), ids=list(ANY_DAYS))
def any_day(request: pytest.FixtureRequest) -> dt.date:
    """Run the test once per day in ANY_DAYS, with legday's clock set to it."""
    clock.set_clock(request.param)
    return request.param


@pytest.fixture(scope="session")
def anydays() -> dict[str, dt.date]:
    """ANY_DAYS and SUNDAY_NIGHT for tests that need them by name (test files never
    import conftest)."""
    return {**ANY_DAYS, "sunday-night": SUNDAY_NIGHT}


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for this run; its URL (an empty database ``legday``)."""
    if PG_BIN is None or not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({PG_BIN}): .ci/run installs it")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: PostgreSQL cannot be started")
    options = "-c fsync=off -c max_connections=60"
    with throwaway_postgres(["legday"], options, stop="immediate") as urls:
        yield urls["legday"]
