"""One clock: legday.clock is the only reader of the real date, and its override works."""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legday import clock

REPO = Path(__file__).resolve().parents[1]
#: Every Python file of the product, its tools, benchmarks and tests.
SOURCES = [
    REPO / "app.py",
    *sorted(
        p
        for folder in ("legday", "app_pages", "bench", "tools", "tests")
        for p in (REPO / folder).rglob("*.py")
        if "corpus" not in p.parts
    ),
]
#: Calls that read the real date or time of day (durations, like perf_counter, are fine).
CLOCK_METHODS = {"today", "now", "utcnow", "fromtimestamp", "utcfromtimestamp"}
CLOCK_OWNERS = {"date", "datetime", "Timestamp"}
TIME_CALLS = {"time", "localtime", "gmtime", "ctime", "asctime"}
NOW_STRINGS = {"now", "today"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _real_clock_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        parts = name.split(".")
        date_call = len(parts) >= 2 and parts[-1] in CLOCK_METHODS and parts[-2] in CLOCK_OWNERS
        time_call = len(parts) == 2 and parts[0] == "time" and parts[1] in TIME_CALLS
        if date_call or time_call:
            found.append((node.lineno, name))
        elif parts[-1] in {"Timestamp", "to_datetime", "datetime64"} and any(
            isinstance(a, ast.Constant) and str(a.value).strip().lower() in NOW_STRINGS
            for a in node.args
        ):
            found.append((node.lineno, f"{name}('now')"))
    return found


def test_nothing_but_the_clock_reads_the_real_date() -> None:
    offenders = []
    for path in SOURCES:
        if path == REPO / "legday" / "clock.py":
            continue
        for line, call in _real_clock_calls(ast.parse(path.read_text(), str(path))):
            offenders.append(f"{path.relative_to(REPO)}:{line}: {call}()")
    assert offenders == [], "use legday.clock.today() / now() instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\ndt.date.today()",
        "from datetime import datetime\ndatetime.now()",
        "import pandas as pd\npd.Timestamp('today')",
        "import pandas as pd\npd.Timestamp.now()",
        "import time\ntime.time()",
        "import numpy as np\nnp.datetime64('now')",
    ],
)
def test_the_check_finds_each_way_of_reading_the_date(source: str) -> None:
    assert _real_clock_calls(ast.parse(source))


def test_the_suite_runs_on_its_fixed_day() -> None:
    # tests/conftest.py freezes the clock on LEGDAY_TEST_TODAY (default 2026-12-02)
    assert clock.today() == clock.now().date()
    first = clock.now()
    time.sleep(0.01)
    assert clock.now() == first  # frozen


def test_any_day_sets_the_clock(any_day: dt.date) -> None:
    assert clock.today() == any_day
    assert clock.today(dt.UTC) in {any_day, any_day - dt.timedelta(days=1)} | {
        any_day + dt.timedelta(days=1)
    }


def test_a_running_clock_crosses_midnight() -> None:
    clock.set_clock(dt.datetime(2026, 12, 6, 23, 59, 59, 990_000), running=True)
    assert clock.today() == dt.date(2026, 12, 6)
    time.sleep(0.05)
    assert clock.today() == dt.date(2026, 12, 7)  # Sunday into Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2028-02-29", dt.datetime(2028, 2, 29, 12, 0)),
        ("2026-12-06T23:59:30", dt.datetime(2026, 12, 6, 23, 59, 30)),
        (" 2031-07-16 ", dt.datetime(2031, 7, 16, 12, 0)),
    ],
)
def test_the_override_reads_a_date_or_a_time(text: str, expected: dt.datetime) -> None:
    assert clock.parse(text) == expected


@pytest.mark.parametrize("text", ["2027-02-29", "tomorrow", "2026-13-01", "12/06/2026"])
def test_a_bad_override_is_refused_with_its_name(text: str) -> None:
    with pytest.raises(ValueError, match="LEGDAY_TODAY"):
        clock.parse(text)


def test_a_bad_environment_value_warns_and_uses_the_real_date() -> None:
    env = {**os.environ, clock.ENV_VAR: "not-a-date"}
    done = subprocess.run(
        [sys.executable, "-m", "legday", "validate", str(REPO / "data")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0
    assert "warning: LEGDAY_TODAY='not-a-date' is not a date" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_cli_runs_on_the_overridden_day(tmp_path) -> None:
    log = tmp_path / "me.csv"
    log.write_text("date,run,distance\n2031-07-20,easy,5\n")
    env = {**os.environ, clock.ENV_VAR: "2031-07-16"}
    done = subprocess.run(
        [sys.executable, "-m", "legday", "validate", str(log)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0  # a future day is a warning, not an error
    assert "in the future (today is 2031-07-16)" in done.stdout + done.stderr
