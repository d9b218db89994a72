"""The benchmark roster generator: same seed, same bytes; every file loads cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.generate import write_roster
from legday.io import load_folder

END = dt.date(2026, 11, 22)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_roster(tmp_path / "a", athletes=3, years=1, seed=11, end=END)
    second = write_roster(tmp_path / "b", athletes=3, years=1, seed=11, end=END)
    assert first == second
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    other = write_roster(tmp_path / "c", athletes=3, years=1, seed=12, end=END)
    assert _files(tmp_path / "c") != _files(tmp_path / "a")
    assert other["athletes"] == 3


def test_small_roster_loads_without_errors(tmp_path: Path) -> None:
    summary = write_roster(tmp_path, athletes=3, years=1, seed=11, end=END)
    # 3 athletes: a profile + CSV log, weekly totals, inline days (forms() for n < 5)
    assert summary["forms"] == {"csv": 1, "weekly": 1, "days": 1}
    results = load_folder(tmp_path, today=END + dt.timedelta(days=1))
    assert len(results) == 3
    assert [str(p) for r in results for p in r.problems if p.is_error] == []
    assert all(r.ok for r in results)
    athletes = {r.athlete.id: r.athlete for r in results}
    # one year of daily rows (365 or 366 days, plus double days) for the CSV athlete
    assert len(athletes["athlete-0001"].days) >= 365
    assert athletes["athlete-0002"].granularity == "weeks"
    assert athletes["athlete-0002"].week_totals["week_of"].dt.day_of_week.eq(0).all()
    # every athlete's log ends on the fixed end date (a Sunday), never "today"
    assert {a.last_date for a in athletes.values()} == {END}
    day_rows = sum(len(a.days) for a in athletes.values())
    assert day_rows == summary["day_rows"]


def test_every_form_loads(tmp_path: Path) -> None:
    summary = write_roster(tmp_path, athletes=6, years=1, seed=3, end=END)
    # 6 athletes: each rare form once (max(1, ...)), the other two profile + CSV
    assert summary["forms"] == {"csv": 2, "weekly": 1, "days": 1, "weeks": 1, "bare": 1}
    results = load_folder(tmp_path, today=END + dt.timedelta(days=1))
    assert len(results) == 6
    assert [str(p) for r in results for p in r.problems] == []
