"""bench.compare's table: each side's median and ratio, a dash where a side lacks it."""

from __future__ import annotations

from bench.compare import table


def _run(load_s: float, ratio: float, weeks: bool) -> dict:
    plan = {"value_s": 0.02, "ratio": 10.0, "all_athletes_s": 3.0}
    if weeks:
        plan |= {"weeks_s": 0.15, "weeks_ratio": 7.5}
    return {"load": {"value_s": load_s, "ratio": ratio}, "plan": plan}


def test_the_table_puts_before_and_after_side_by_side() -> None:
    before = [_run(3.0, 4.0, weeks=False), _run(4.0, 5.0, weeks=False)]
    after = [_run(1.0, 1.5, weeks=True)]
    lines = table(before, after).splitlines()
    assert lines[0] == "| benchmark | before | after |"
    assert "| 1 load + validate | 3.50 s (4.50x) | 1.00 s (1.50x) |" in lines
    assert "| 3 plan of 16 weeks | - | 150.0 ms (7.50x) |" in lines
    assert "| 2 report cold | - | - |" in lines
