"""legday's benchmark harness: six measurements, each against a baseline taken in the same run.

    python -m bench.run            # the full run: 200 athletes x 3 years (about 15 min)
    python -m bench.run --quick    # a smoke run: 40 athletes x 1 year, fewer repeats

Every figure is the median of several runs, printed with the ratio to its baseline,
and written with the machine, the git commit and the load average to
``bench/results/<time>-<commit>.json`` (git-ignored). docs/performance.md explains each
benchmark, its baseline and its target. Nothing here asserts a time: it reports.

1. load: ``legday.io.load_folder`` vs ``pandas.read_csv(engine="pyarrow")`` of the same CSVs
2. report: weekly tables, flags and the roster summary for every athlete, cold and warm
3. plan: ``legday.planner.plan_week`` for one athlete (50 ms target; weekly table alongside)
4. pages: time to ready in headless Chromium vs bench/floor_app.py served the same way
5. memory: the app server's peak RSS with the roster loaded
6. sessions: 20 browser sessions opening the roster and an athlete at once vs one session
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # ``python bench/run.py`` as well as ``python -m bench.run``
    sys.path.insert(0, str(REPO))

from bench.generate import write_roster  # noqa: E402
from legday import clock  # noqa: E402

RESULTS = REPO / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The athlete the single-athlete pages and the plan use (a 3-year daily CSV log).
ATHLETE = "athlete-0001"
#: App pages timed in the browser: name -> URL path (and query).
PAGES = {
    "roster": "/roster",
    "review": f"/review?athlete={ATHLETE}",
    "planner": f"/planner?athlete={ATHLETE}",
    "log": f"/log?athlete={ATHLETE}",
    "about": "/about",
}
TARGETS = {
    "load": ("ratio", 2.0, "within 2x of the raw pyarrow read"),
    "report_warm": ("abs_s", 1.0, "under 1 s"),
    "report_cold": ("ratio", 3.0, "within 3x of the load alone"),
    "plan": ("abs_s", 0.050, "under 50 ms"),
    "plan_weeks": ("ratio", 10.0, "16 weeks within 10x of one week"),
    "page": ("ratio", 1.15, "within 1.15x of the floor page"),
    "memory": ("abs_mb", 400.0, "under 400 MB"),
    "sessions": ("ratio", 2.0, "p95 within 2x of one session, no errors"),
}
#: Ready = connected, script not running, a title drawn, no skeletons, every plotly
#: chart drawn (and at least ``minCharts`` of them): docs/performance.md, "Ready".
READY_JS = """(minCharts) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  if (!document.querySelector("[data-test-script-state='notRunning']")) return false;
  if (!document.querySelector("h1")) return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
  if (charts.length < minCharts) return false;
  for (const c of charts) { if (!c.querySelector(".main-svg")) return false; }
  return true;
}"""
ERRORS_JS = """() => document.querySelectorAll(
  "[data-testid='stException'], [data-testid='stAlertContentError']").length"""
CHARTS_JS = """() => document.querySelectorAll("[data-testid='stPlotlyChart']").length"""
#: Main-thread time in long tasks (over 50 ms each): the browser's share of a page view.
LONGTASKS_INIT = """window.__longTasks = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks += entry.duration;
}).observe({type: "longtask", buffered: true});"""
READY_TIMEOUT_MS = 120_000


# ----------------------------------------------------------------------------- helpers


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank: the smallest value with 95% at or below it
    rank = -(-95 * len(ordered) // 100)
    return ordered[max(rank, 1) - 1]


def timed(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> dict:
    """Median wall and CPU seconds of ``repeat`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return {"median_s": _median(wall), "cpu_s": _median(cpu), "runs_s": wall}


def timed_pair(
    first: Callable[[], Any], second: Callable[[], Any], repeat: int
) -> tuple[dict, dict]:
    """``timed`` for two functions run by turns (first, second, first, ...), so that a
    machine busy for part of the run slows both alike."""
    first()  # warm-up, untimed
    second()
    runs: tuple[dict, dict] = ({"wall": [], "cpu": []}, {"wall": [], "cpu": []})
    for _ in range(repeat):
        for fn, out in zip((first, second), runs, strict=True):
            c0, w0 = time.process_time(), time.perf_counter()
            fn()
            out["wall"].append(time.perf_counter() - w0)
            out["cpu"].append(time.process_time() - c0)
    return tuple(  # type: ignore[return-value]
        {"median_s": _median(r["wall"]), "cpu_s": _median(r["cpu"]), "runs_s": r["wall"]}
        for r in runs
    )


def _loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    """What the figures were measured on (docs/performance.md copies it)."""
    import pandas as pd
    import pyarrow as pa
    import streamlit as st

    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_mb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_mb = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    return {
        "nproc": os.cpu_count(),
        "memory_mb": mem_mb,
        "cpu": cpu,
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "pyarrow": pa.__version__,
        "streamlit": st.__version__,
        "platform": platform.platform(),
    }


# ----------------------------------------------------------------- 1-3: in-process


def bench_load(root: Path, csv_files: list[str], repeat: int) -> dict:
    """load_folder (every format, validated) vs pandas' pyarrow read of the same CSV bytes,
    timed by turns."""
    import pandas as pd

    from legday.io import load_folder

    paths = [root / f for f in csv_files]

    def floor() -> None:
        for path in paths:
            pd.read_csv(io.BytesIO(path.read_bytes()), engine="pyarrow")

    def load() -> None:
        results = load_folder(root)
        assert all(r.ok for r in results), "the generated roster must load without errors"

    base, value = timed_pair(floor, load, repeat)
    return {
        "value_s": value["median_s"],
        "value_cpu_s": value["cpu_s"],
        "baseline_s": base["median_s"],
        "baseline_cpu_s": base["cpu_s"],
        "ratio": value["median_s"] / base["median_s"],
        "cpu_ratio": value["cpu_s"] / base["cpu_s"],
        "baseline": "pandas.read_csv(engine='pyarrow') of every CSV file in the roster",
        "runs_s": value["runs_s"],
        "baseline_runs_s": base["runs_s"],
    }


def _silence_streamlit() -> None:
    """Bare-mode st.cache_data warns on every call ('No runtime found'); not news here."""
    for name in (
        "streamlit",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.scriptrunner_utils.script_run_context",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)


def _against_load(timing: dict, load_s: float, what: str | None = None) -> dict:
    """A benchmark-2 figure: its median and CPU, and its ratio to the load (benchmark 1)."""
    out = {
        "value_s": timing["median_s"],
        "value_cpu_s": timing["cpu_s"],
        "baseline_s": load_s,
        "ratio": timing["median_s"] / load_s,
        "baseline": "benchmark 1: load_folder of the same roster",
        "runs_s": timing["runs_s"],
    }
    return out | ({"what": what} if what else {})


def bench_report(root: Path, repeat: int, load_s: float) -> dict:
    """The roster report for every athlete, cold (computed) and warm (the app's cache path).

    cold: ``metrics.weekly_table`` and ``flags.athlete_flags`` for each athlete, then
    ``roster.roster_summary`` over all of them: the three public calls, nothing cached
    (each athlete is reviewed twice: by athlete_flags and by roster_summary).
    command: what ``legday report FOLDER`` computes, one review per athlete and the
    roster from those reviews.
    app_cold: the app's roster page table (reviews, a plan per athlete, extras), uncached.
    warm: what the roster page does on a rerun once cached, through the app's own
    ``st.cache_data`` functions in app_pages/_cache.py (bare mode: Streamlit's memory
    cache, the same pickling as in the server): the folder signature (stat of every
    file), the cached roster (unpickled) and the cached roster table.
    """
    from legday import flags, metrics, roster
    from legday.io import load_folder

    athletes = [r.athlete for r in load_folder(root) if r.athlete is not None]

    def cold() -> None:
        for athlete in athletes:
            metrics.weekly_table(athlete)
            flags.athlete_flags(athlete)
        roster.roster_summary(athletes)

    def command() -> None:  # what `legday report FOLDER` computes: one review each
        roster.roster_from_reviews([flags.review(athlete) for athlete in athletes])

    out: dict[str, Any] = {
        "command": _against_load(
            timed(command, repeat),
            load_s,
            "flags.review of every athlete, then roster.roster_from_reviews",
        ),
        "cold": _against_load(timed(cold, repeat), load_s),
    }
    _silence_streamlit()
    try:
        from app_pages import _cache, _session
    except Exception as exc:  # the app is someone else's work in progress
        out["warm"] = {"error": f"app_pages._cache not importable: {exc!r}"}
        return out
    _silence_streamlit()
    fresh = [r.athlete for r in load_folder(root) if r.athlete is not None]
    out["app_cold"] = _against_load(
        timed(lambda: roster.roster_table(fresh), max(1, repeat // 2)),
        load_s,
        "legday.roster.roster_table (reviews + a plan position per athlete), uncached",
    )

    def warm() -> None:
        key = _session.source_key("folder", root)
        _cache.results(key)
        _cache.roster_table(key)

    warm()  # fills the caches (the load and the table: the cold path once)
    value = timed(warm, repeat * 2)
    parts = {}
    key = _session.source_key("folder", root)
    parts["signature_s"] = timed(lambda: _session.source_key("folder", root), repeat)["median_s"]
    parts["roster_from_cache_s"] = timed(lambda: _cache.results(key), repeat)["median_s"]
    parts["table_from_cache_s"] = timed(lambda: _cache.roster_table(key), repeat)["median_s"]
    out["warm"] = {
        "value_s": value["median_s"],
        "value_cpu_s": value["cpu_s"],
        "what": "one roster-page rerun's data path through the app's st.cache_data "
        "(source_key + results + roster_table), caches already filled",
        "parts": parts,
        "runs_s": value["runs_s"],
    }
    return out


def bench_report_cli(root: Path, repeat: int, app_dir: Path = REPO) -> dict:
    """``legday report FOLDER --format json`` against ``legday validate FOLDER`` (the load
    alone), each a new process, timed by turns: cold (an empty replay cache, a new
    ``LEGDAY_CACHE_DIR`` each run) and warm (the cache the first run filled)."""
    python = [sys.executable, "-m", "legday"]

    def command(args: list[str], cache: str) -> Callable[[], None]:
        env = {**os.environ, "LEGDAY_CACHE_DIR": cache, "PYTHONPATH": str(app_dir)}
        return lambda: subprocess.run(
            python + args, cwd=app_dir, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, check=False,
        )  # fmt: skip

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="legday-cache-") as caches:
        warm_cache = str(Path(caches) / "warm")
        runs = iter(range(10_000))
        validate = command(["validate", str(root)], warm_cache)
        report = command(["report", str(root), "--format", "json"], warm_cache)

        def cold() -> None:
            command(["report", str(root), "--format", "json"], f"{caches}/cold-{next(runs)}")()

        for name, fn in (("cli_cold", cold), ("cli_warm", report)):
            base, value = timed_pair(validate, fn, repeat)
            out[name] = {
                "value_s": value["median_s"],
                "baseline_s": base["median_s"],
                "ratio": value["median_s"] / base["median_s"],
                "baseline": "legday validate FOLDER (a new process: the load alone)",
                "runs_s": value["runs_s"],
            }
    return out


def bench_plan(root: Path, repeat: int) -> dict:
    """One plan for one athlete; the weekly table of the same athlete alongside."""
    from legday import metrics, planner
    from legday.io import load_folder

    athletes = {r.athlete.id: r.athlete for r in load_folder(root) if r.athlete is not None}
    athlete = athletes[ATHLETE]
    value = timed(lambda: planner.plan_week(athlete), repeat * 10, warmup=2)
    base = timed(lambda: metrics.weekly_table(athlete), repeat * 10, warmup=2)
    every = timed(lambda: [planner.plan_week(a) for a in athletes.values()], 1, warmup=0)
    out: dict[str, Any] = {}
    if hasattr(planner, "plan_weeks"):  # an older checkout (--app-dir) plans one week only
        weeks = timed(
            lambda: planner.plan_weeks(athlete, weeks=planner.MAX_WEEKS), repeat, warmup=1
        )
        out = {
            "weeks_s": weeks["median_s"],
            "weeks": planner.MAX_WEEKS,
            "weeks_ratio": weeks["median_s"] / value["median_s"],
        }
    return {
        **out,
        "value_s": value["median_s"],
        "value_cpu_s": value["cpu_s"],
        "baseline_s": base["median_s"],
        "ratio": value["median_s"] / base["median_s"],
        "baseline": f"metrics.weekly_table of {ATHLETE} ({len(athlete.days)} rows)",
        "all_athletes_s": every["median_s"],
        "runs_s": value["runs_s"],
    }


# ------------------------------------------------------------------ 4-6: a real browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run SCRIPT`` headless, as the browser tests serve it, its memory readable."""

    def __init__(self, script: str, env: dict[str, str], log: Path, cwd: Path = REPO) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r,
            ):
                if r.read().strip() == b"ok":
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not start for {script}; see {log}")

    def memory_mb(self) -> dict[str, float]:
        """VmRSS (now) and VmHWM (peak so far) of the server process."""
        out = {}
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, value = line.split(":", 1)
                    out[name] = int(value.split()[0]) / 1024
        return {"rss_mb": out.get("VmRSS", float("nan")), "peak_mb": out.get("VmHWM", float("nan"))}

    def cpu_s(self) -> float:
        """CPU seconds (user + system, all threads) the server has used so far."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


async def _close(context) -> None:
    """Close a browser context without letting a wedged page hang the whole run."""
    with contextlib.suppress(Exception):
        await asyncio.wait_for(context.close(), 30)


async def _bounded(coro, seconds: float) -> dict:
    """A session that has not finished in ``seconds`` is an error, not a hang."""
    try:
        return await asyncio.wait_for(coro, seconds)
    except TimeoutError:
        return {"times": {}, "errors": [f"session did not finish in {seconds:.0f} s"]}


async def _visit(browser, server: Server, path: str, min_charts: int) -> dict:
    """Open ``path`` in a fresh browser context (a new session) and time it to ready,
    with the server CPU seconds the visit cost (sequential visits only)."""
    url = server.url + path
    cpu0 = server.cpu_s()
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)[:200]))
    received = [0]  # websocket bytes from the server: the page's elements and data

    def count(payload: str | bytes) -> None:
        received[0] += len(payload)

    page.on("websocket", lambda ws: ws.on("framereceived", count))
    await page.add_init_script(LONGTASKS_INIT)
    t0 = time.perf_counter()

    async def load() -> tuple[float, int, int, float]:
        await page.goto(url, wait_until="commit")
        await page.wait_for_function(
            READY_JS, arg=min_charts, polling="raf", timeout=READY_TIMEOUT_MS
        )
        ready = time.perf_counter() - t0
        shown = await page.evaluate(ERRORS_JS)
        charts = await page.evaluate(CHARTS_JS)
        busy = await page.evaluate("() => window.__longTasks / 1000")
        return ready, shown, charts, busy

    try:
        ready, shown, charts, busy = await asyncio.wait_for(load(), READY_TIMEOUT_MS / 1000 + 60)
    except Exception as exc:  # a timeout or a crash is a result, not a harness failure
        ready, shown, charts, busy = float("nan"), 0, 0, float("nan")
        errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await _close(context)
    return {
        "ready_s": ready,
        "server_cpu_s": server.cpu_s() - cpu0,
        "ws_bytes": received[0],
        "browser_busy_s": busy,
        "app_errors": shown,
        "charts": charts,
        "errors": errors,
    }


def _app_steps(athlete: str) -> list[tuple[str, str, str]]:
    """One visitor of the app: the roster page, then an athlete's review page.

    Athletes draw different numbers of charts (weekly-totals logs have no day grid), so
    the review step waits for every chart present to be drawn, not for a count."""
    return [("roster", "/roster", "roster"), ("review", f"/review?athlete={athlete}", "any")]


#: The same visit shape on the floor page: two page loads.
FLOOR_STEPS = [("roster", "/", "floor"), ("review", "/", "floor")]


async def _session(
    browser, base: str, steps: list[tuple[str, str, str]], min_charts: dict[str, int]
) -> dict:
    """One visitor: each step a page load (a new session), timed to ready."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)[:200]))
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        for name, path, kind in steps:
            t = time.perf_counter()
            await page.goto(base + path, wait_until="commit")
            await page.wait_for_function(
                READY_JS, arg=min_charts.get(kind, 0), polling="raf", timeout=READY_TIMEOUT_MS
            )
            times[name] = time.perf_counter() - t
            if await page.evaluate(ERRORS_JS):
                errors.append(f"{name}: an error box or exception on the page")
        times["total"] = time.perf_counter() - t0
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await _close(context)
    return {"times": times, "errors": errors}


async def _page_views(
    browser, apps: dict[str, Server], floor: Server, repeat: int, out: dict
) -> dict[str, int]:
    """Benchmark 4: every page of every app (the app, then each variant) against the
    floor page, interleaved so that noise hits every page alike. Returns the charts each
    page draws (the untimed warm-up counts them)."""
    min_charts: dict[str, int] = {}
    warm = await _visit(browser, floor, "/", 1)
    min_charts["floor"] = max(1, warm["charts"])
    views = [(f"{page}@{name}" if name else page, server, path)
             for name, server in apps.items() for page, path in PAGES.items()]  # fmt: skip
    for label, server, path in views:  # fills the caches, counts the charts
        visit = await _visit(browser, server, path, 0)
        await asyncio.sleep(0.5)
        min_charts[label] = visit["charts"]
        out.setdefault("warmup", {})[label] = visit
    out["min_charts"] = min_charts
    runs: dict[str, list[dict]] = {label: [] for label in ("floor", *(v[0] for v in views))}
    every = [("floor", floor, "/"), *views]
    for number in range(repeat):
        # a new order each round (seeded: the same run gives the same order), so that no
        # page always comes first or right after another
        for label, server, path in random.Random(number).sample(every, len(every)):
            runs[label].append(await _visit(browser, server, path, min_charts[label]))
    floor_s = _median([r["ready_s"] for r in runs["floor"]])
    floor_runs = [r["ready_s"] for r in runs["floor"]]
    pages = {}
    for label, visits in runs.items():
        ready = [r["ready_s"] for r in visits]
        pages[label] = {
            "value_s": _median(ready),
            "ratio": _median(ready) / floor_s,
            # each round's view against that round's floor view: steadier on a busy machine
            "paired_ratio": _median([v / f for v, f in zip(ready, floor_runs, strict=True)]),
            "server_cpu_s": _median([r["server_cpu_s"] for r in visits]),
            "ws_kb": _median([r["ws_bytes"] for r in visits]) / 1024,
            "browser_busy_s": _median([r["browser_busy_s"] for r in visits]),
            "runs_s": ready,
            "errors": [e for r in visits for e in r["errors"]],
            "app_errors": sum(r["app_errors"] for r in visits),
            "charts": min_charts.get(label, 0),
        }
    out["pages"] = pages
    out["floor_s"] = floor_s
    return min_charts


async def _crowd(
    browser, app: Server, floor: Server, repeat: int, sessions: int, min_charts: dict, out: dict
) -> None:
    """Benchmark 6: one session alone, then ``sessions`` at once, each a different
    athlete; the same crowd on the floor page for reference."""
    single = [
        await _session(browser, app.url, _app_steps(f"athlete-{i + 2:04d}"), min_charts)
        for i in range(max(3, repeat // 2))
    ]
    ids = [f"athlete-{10 + i:04d}" for i in range(sessions)]
    t0, cpu0 = time.perf_counter(), app.cpu_s()
    limit = 2.5 * READY_TIMEOUT_MS / 1000
    crowd = await asyncio.gather(
        *(_bounded(_session(browser, app.url, _app_steps(a), min_charts), limit) for a in ids)
    )
    wall, crowd_cpu = time.perf_counter() - t0, app.cpu_s() - cpu0
    floor_single = [
        await _session(browser, floor.url, FLOOR_STEPS, min_charts)
        for _ in range(max(3, repeat // 2))
    ]
    floor_crowd = await asyncio.gather(
        *(_bounded(_session(browser, floor.url, FLOOR_STEPS, min_charts), limit) for _ in ids)
    )

    def stats(items: list[dict], part: str) -> dict:
        values = [s["times"][part] for s in items if part in s["times"]]
        return {"p50_s": _median(values), "p95_s": _p95(values), "n": len(values)}

    one = {part: stats(single, part) for part in ("roster", "review", "total")}
    many = {part: stats(crowd, part) for part in ("roster", "review", "total")}
    out["sessions"] = {
        "n": sessions,
        "single": one,
        "concurrent": many,
        "ratio_p95": many["total"]["p95_s"] / one["total"]["p50_s"],
        "ratio_p50": many["total"]["p50_s"] / one["total"]["p50_s"],
        "wall_s": wall,
        "server_cpu_s": crowd_cpu,
        "errors": [e for s in crowd for e in s["errors"]],
        "single_errors": [e for s in single for e in s["errors"]],
    }
    floor_one = stats(floor_single, "total")
    floor_many = stats(floor_crowd, "total")
    out["floor_sessions"] = {
        "single": floor_one,
        "concurrent": floor_many,
        "ratio_p95": floor_many["p95_s"] / floor_one["p50_s"],
        "ratio_p50": floor_many["p50_s"] / floor_one["p50_s"],
        "errors": [e for s in floor_crowd for e in s["errors"]],
    }


async def _browser_benchmarks(
    root: Path,
    repeat: int,
    sessions: int,
    logs: Path,
    app_dir: Path = REPO,
    variants: dict[str, Path] | None = None,
) -> dict:
    """Benchmarks 4-6. ``variants``: name -> another checkout of the app, served beside
    it and timed page by page in the same run (``page@name``); ``sessions`` 0 skips 6."""
    from playwright.async_api import async_playwright

    out: dict[str, Any] = {}
    env = {"LEGDAY_DATA_DIR": str(root), "PYTHONPATH": str(app_dir)}
    app = Server("app.py", env, logs / "app-server.log", app_dir)
    floor = Server(str(REPO / "bench" / "floor_app.py"), env, logs / "floor-server.log")
    apps = {"": app}
    try:
        for name, where in (variants or {}).items():
            apps[name] = Server(
                "app.py", {**env, "PYTHONPATH": str(where)}, logs / f"app-{name}.log", where
            )
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            out["memory_idle"] = {"app": app.memory_mb(), "floor": floor.memory_mb()}
            # first visit ever: the server loads and reviews the whole roster
            out["first_visit"] = await _visit(browser, app, "/roster", 0)
            out["memory_loaded"] = {"app": app.memory_mb()}
            for server in list(apps.values())[1:]:
                await _visit(browser, server, "/roster", 0)
            min_charts = await _page_views(browser, apps, floor, repeat, out)
            out["memory_after_pages"] = {"app": app.memory_mb(), "floor": floor.memory_mb()}
            if sessions > 0:
                await _crowd(browser, app, floor, repeat, sessions, min_charts, out)
            out["memory_final"] = {"app": app.memory_mb(), "floor": floor.memory_mb()}
            await browser.close()
    finally:
        for server in [*apps.values(), floor]:
            server.stop()
    return out


# ---------------------------------------------------------------------------- report


def _fmt_s(value: float) -> str:
    if value != value:
        return "n/a"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def summary_rows(results: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(benchmark, value, baseline, ratio, target, met) for the printed table and the docs."""
    rows = []

    def add(name, value, base, ratio, target, met):
        rows.append(
            (name, value, base, ratio, target, "-" if met is None else "yes" if met else "NO")
        )

    if "load" in results:
        r = results["load"]
        add(
            "1 load + validate",
            _fmt_s(r["value_s"]),
            f"{_fmt_s(r['baseline_s'])} pyarrow read",
            f"{r['ratio']:.2f}x (cpu {r['cpu_ratio']:.2f}x)",
            TARGETS["load"][2],
            r["ratio"] <= TARGETS["load"][1],
        )
    if "report" in results:
        r = results["report"]
        parts = (
            ("cold", "2 report cold"),
            ("command", "2 report cold, the command's path"),
            ("app_cold", "2 roster page table cold"),
            ("cli_cold", "2 legday report, empty replay cache"),
            ("cli_warm", "2 legday report, replays kept"),
        )
        for key, label in parts:
            if key in r:
                part = r[key]
                against = "legday validate" if key.startswith("cli") else "load"
                add(
                    label,
                    _fmt_s(part["value_s"]),
                    f"{_fmt_s(part['baseline_s'])} {against}",
                    f"{part['ratio']:.2f}x",
                    TARGETS["report_cold"][2],
                    part["ratio"] <= TARGETS["report_cold"][1],
                )
        warm = r.get("warm", {})
        if "value_s" in warm:
            add(
                "2 report warm (app cache)",
                _fmt_s(warm["value_s"]),
                "-",
                "-",
                TARGETS["report_warm"][2],
                warm["value_s"] < TARGETS["report_warm"][1],
            )
    if "plan" in results:
        r = results["plan"]
        add(
            "3 one plan",
            _fmt_s(r["value_s"]),
            f"{_fmt_s(r['baseline_s'])} weekly table",
            f"{r['ratio']:.1f}x",
            TARGETS["plan"][2],
            r["value_s"] < TARGETS["plan"][1],
        )
        if "weeks_s" in r:
            add(
                f"3 plan of {r['weeks']} weeks",
                _fmt_s(r["weeks_s"]),
                f"{_fmt_s(r['value_s'])} one week",
                f"{r['weeks_ratio']:.1f}x",
                TARGETS["plan_weeks"][2],
                r["weeks_ratio"] <= TARGETS["plan_weeks"][1],
            )
    browser = results.get("browser", {})
    if "pages" in browser:
        floor_s = browser["floor_s"]
        for name, page in browser["pages"].items():
            if name == "floor":
                continue
            ok = page["ratio"] <= TARGETS["page"][1] and not page["errors"]
            add(
                f"4 page {name}",
                _fmt_s(page["value_s"]),
                f"{_fmt_s(floor_s)} floor",
                f"{page['ratio']:.2f}x",
                TARGETS["page"][2],
                ok,
            )
    if "memory_final" in browser:
        app = browser["memory_final"]["app"]
        floor = browser["memory_final"]["floor"]
        add(
            "5 server peak RSS",
            f"{app['peak_mb']:.0f} MB",
            f"{floor['peak_mb']:.0f} MB floor server",
            f"{app['peak_mb'] / floor['peak_mb']:.1f}x",
            TARGETS["memory"][2],
            app["peak_mb"] < TARGETS["memory"][1],
        )
    if "sessions" in browser:
        s = browser["sessions"]
        one = s["single"]["total"]
        many = s["concurrent"]["total"]
        add(
            f"6 {s['n']} sessions p50 / p95",
            f"{_fmt_s(many['p50_s'])} / {_fmt_s(many['p95_s'])}",
            f"{_fmt_s(one['p50_s'])} one session",
            f"{s['ratio_p50']:.1f}x / {s['ratio_p95']:.1f}x",
            TARGETS["sessions"][2],
            s["ratio_p95"] <= TARGETS["sessions"][1] and not s["errors"],
        )
    if "floor_sessions" in browser:
        f = browser["floor_sessions"]
        add(
            "6 same crowd, floor page",
            f"{_fmt_s(f['concurrent']['p50_s'])} / {_fmt_s(f['concurrent']['p95_s'])}",
            f"{_fmt_s(f['single']['p50_s'])} one session",
            f"{f['ratio_p50']:.1f}x / {f['ratio_p95']:.1f}x",
            "reference: the machine and Streamlit alone",
            None,
        )
    return rows


def details(results: dict) -> list[str]:
    """The figures behind the table: server CPU per page, sessions by step, memory by stage."""
    out = []
    browser = results.get("browser", {})
    if "pages" in browser:
        out.append("pages (median ready, median server CPU per visit, charts):")
        for name, page in browser["pages"].items():
            out.append(
                f"  {name:8s} {_fmt_s(page['value_s']):>10s}  paired "
                f"{page.get('paired_ratio', float('nan')):.2f}x  server cpu "
                f"{_fmt_s(page['server_cpu_s']):>10s}  browser long tasks "
                f"{_fmt_s(page.get('browser_busy_s', float('nan'))):>10s}"
                f"  websocket {page.get('ws_kb', 0):4.0f} KB"
                f"  charts {page['charts']}"
                + (f"  errors {page['errors'][:2]}" if page["errors"] else "")
            )
        first = browser.get("first_visit", {})
        nan = float("nan")
        out.append(
            f"  first visit (cold server, roster page): {_fmt_s(first.get('ready_s', nan))}"
            f", server cpu {_fmt_s(first.get('server_cpu_s', nan))}"
        )
    if "sessions" in browser:
        s = browser["sessions"]
        for label in ("single", "concurrent"):
            parts = ", ".join(
                f"{part} p50 {_fmt_s(v['p50_s'])} p95 {_fmt_s(v['p95_s'])}"
                for part, v in s[label].items()
            )
            out.append(f"sessions {label}: {parts}")
        out.append(
            f"sessions: {s['n']} at once took {_fmt_s(s['wall_s'])}, server cpu "
            f"{_fmt_s(s['server_cpu_s'])}, errors {len(s['errors'])}"
        )
    if "floor_sessions" in browser:
        f = browser["floor_sessions"]
        out.append(
            f"floor page, same crowd (two loads each): one {_fmt_s(f['single']['p50_s'])}, "
            f"{browser['sessions']['n']} at once p50 {_fmt_s(f['concurrent']['p50_s'])} "
            f"p95 {_fmt_s(f['concurrent']['p95_s'])} ({f['ratio_p50']:.1f}x / "
            f"{f['ratio_p95']:.1f}x), errors {len(f['errors'])}"
        )
    for stage in ("memory_idle", "memory_loaded", "memory_after_pages", "memory_final"):
        if stage in browser:
            app = browser[stage]["app"]
            out.append(f"{stage}: app rss {app['rss_mb']:.0f} MB, peak {app['peak_mb']:.0f} MB")
    if "report" in results:
        warm = results["report"].get("warm", {})
        for part, value in warm.get("parts", {}).items():
            out.append(f"report warm part {part}: {_fmt_s(value)}")
    if "plan" in results:
        out.append(f"plans for every athlete: {_fmt_s(results['plan']['all_athletes_s'])}")
    return out


def markdown(results: dict, rows: list[tuple]) -> str:
    """The table for docs/performance.md, and its one-line history row."""
    header = ("benchmark", "median", "baseline", "ratio", "target", "met")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    cells = {r[0]: r for r in rows}

    def cell(name: str, column: int = 3) -> str:
        return str(cells[name][column]) if name in cells else "-"

    pages = [r for r in rows if r[0].startswith("4 page")]
    worst = max(pages, key=lambda r: float(r[3].rstrip("x")), default=None)
    history = [
        results["started"][:16].replace("T", " "),
        results["commit"] + ("+" if results.get("dirty_tree") else ""),
        str(results["loadavg_start"][:1]).strip("[]"),
        cell("1 load + validate").split(" (")[0],
        cell("2 report cold"),
        cell("2 report warm (app cache)", 1),
        cell("3 one plan", 1),
        f"{worst[0].removeprefix('4 page ')} {worst[3]}" if worst else "-",
        cell("5 server peak RSS", 1),
        cell(next((r[0] for r in rows if r[0].startswith("6 ")), "-")),
        results.get("label", ""),
    ]
    return "\n".join(lines) + "\n\nhistory row:\n| " + " | ".join(history) + " |"


def print_table(rows: list[tuple]) -> None:
    header = ("benchmark", "median", "baseline", "ratio", "target", "met")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="legday benchmarks (docs/performance.md)")
    parser.add_argument("--quick", action="store_true", help="40 athletes x 1 year, fewer runs")
    parser.add_argument("--roster", type=Path, help="use this roster folder (default: generate)")
    parser.add_argument("--athletes", type=int, help="athletes to generate (default 200)")
    parser.add_argument("--years", type=float, help="years of logs to generate (default 3)")
    parser.add_argument("--repeat", type=int, help="timed runs per benchmark (default 7)")
    parser.add_argument(
        "--sessions", type=int, help="concurrent browser sessions (default 20; 0 skips them)"
    )
    parser.add_argument(
        "--only",
        default="load,report,plan,browser",
        help="comma-separated subset of load,report,plan,browser",
    )
    parser.add_argument(
        "--pages", default=",".join(PAGES), help=f"app pages to time (default {','.join(PAGES)})"
    )
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the tables for docs/performance.md"
    )
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=REPO,
        help="serve app.py from this checkout (A/B a change before committing it)",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="also serve the app from DIR and time its pages in the same run, as "
        "PAGE@NAME (repeatable: measure options side by side)",
    )
    parser.add_argument("--show", type=Path, help="print the tables of a saved results JSON")
    args = parser.parse_args(argv)
    if args.show:
        saved = json.loads(args.show.read_text())
        rows = summary_rows(saved)
        print_table(rows)
        print("\n".join(details(saved)))
        if args.markdown:
            print("\n" + markdown(saved, rows))
        return 0
    athletes = args.athletes or (40 if args.quick else 200)
    years = args.years or (1 if args.quick else 3)
    repeat = args.repeat or (3 if args.quick else 7)
    sessions = args.sessions if args.sessions is not None else (5 if args.quick else 20)
    variants = {}
    for item in args.variant:
        name, _, where = item.partition("=")
        if not name or not where or not (Path(where) / "app.py").is_file():
            parser.error(f"--variant {item!r}: NAME=DIR with DIR/app.py")
        variants[name] = Path(where).resolve()
    only = set(args.only.split(","))
    for name in set(PAGES) - set(args.pages.split(",")):
        del PAGES[name]
    if args.app_dir.resolve() != REPO:  # in-process benchmarks import legday from there too
        sys.path.insert(0, str(args.app_dir.resolve()))
        # legday is already imported from this checkout (for its clock): forget it, so
        # that the benchmarks' own imports find the other tree's legday first.
        for module in [m for m in sys.modules if m == "legday" or m.startswith("legday.")]:
            del sys.modules[module]

    started = clock.now()
    started_s = time.perf_counter()
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "commit": commit,
        "dirty_tree": dirty,
        "label": args.label,
        "app_dir": str(args.app_dir),
        "machine": machine(),
        "loadavg_start": _loadavg(),
        "settings": {"athletes": athletes, "years": years, "repeat": repeat, "sessions": sessions},
        "variants": {name: str(where) for name, where in variants.items()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"{started:%Y%m%d-%H%M%S}-{commit or 'nogit'}{'-quick' if args.quick else ''}.json"

    def save() -> None:  # after every benchmark: a crash late in the run keeps the rest
        (RESULTS / name).write_text(json.dumps(results, indent=2, default=str))

    with tempfile.TemporaryDirectory(prefix="legday-bench-") as tmp:
        if args.roster:
            root = args.roster
            csv_files = [str(p.relative_to(root)) for p in sorted(root.rglob("*.csv"))]
            results["roster"] = {"folder": str(root), "csv_files": len(csv_files)}
        else:
            root = Path(tmp) / "roster"
            summary = write_roster(root, athletes, years)
            csv_files = summary.pop("csv_files")
            results["roster"] = {**summary, "csv_files": len(csv_files)}
        print(
            f"roster: {athletes} athletes x {years} years -> {root} "
            f"(load average {results['loadavg_start']})",
            flush=True,
        )
        if only & {"load", "report"}:
            print("1. load ...", flush=True)
            results["load"] = bench_load(root, csv_files, repeat)
            save()
        if "report" in only:
            print("2. report ...", flush=True)
            results["report"] = bench_report(root, repeat, results["load"]["value_s"])
            save()
            print("2. report, the command ...", flush=True)
            results["report"] |= bench_report_cli(root, max(3, repeat // 2), args.app_dir)
            save()
        if "plan" in only:
            print("3. plan ...", flush=True)
            results["plan"] = bench_plan(root, repeat)
            save()
        if "browser" in only:
            print("4-6. browser (pages, memory, sessions) ...", flush=True)
            logs = RESULTS / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            results["browser"] = asyncio.run(
                _browser_benchmarks(root, repeat, sessions, logs, args.app_dir.resolve(), variants)
            )
    results["loadavg_end"] = _loadavg()
    results["elapsed_s"] = round(time.perf_counter() - started_s, 1)
    rows = summary_rows(results)
    results["summary"] = [
        dict(zip(("benchmark", "median", "baseline", "ratio", "target", "met"), r, strict=True))
        for r in rows
    ]
    save()
    print()
    print(
        f"commit {commit}{' (+ uncommitted changes)' if dirty else ''}, "
        f"{athletes} athletes x {years} years, load average "
        f"{results['loadavg_start']} -> {results['loadavg_end']}"
    )
    print_table(rows)
    print()
    print("\n".join(details(results)))
    if args.markdown:
        print()
        print(markdown(results, rows))
    print(f"\nresults: {RESULTS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
