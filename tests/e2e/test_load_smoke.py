"""The load test's short form: 3 browser sessions, 15 s or two steps each, no errors.

Timings are not asserted (a shared CI machine varies too much); tests/load/run_load.py
is the full run (20 sessions, 2 minutes) whose figures go in docs/performance.md.
"""

from __future__ import annotations

import importlib.util
import sys


def load_module(ui):
    path = ui.REPO / "tests" / "load" / "run_load.py"
    spec = importlib.util.spec_from_file_location("legday_run_load", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_three_sessions_switching_pages_and_athletes_see_no_error(ui, demo_server) -> None:
    run_load = load_module(ui)
    summary = run_load.run_load(
        demo_server.url, demo_server.proc.pid, sessions=3, seconds=15, browsers=1, min_steps=2
    )
    assert summary["errors"] == 0, summary["error_samples"]
    # every session loaded and then took at least its two steps, however busy the machine
    assert summary["timings"]["first load"]["count"] == 3
    assert summary["timings"]["open page"]["count"] >= 6
    assert summary["rss_mb"]["samples"] >= 5  # the sampler read the server's memory
    assert ui.server_tracebacks(demo_server) == []
