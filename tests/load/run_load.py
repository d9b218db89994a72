"""A bounded load test of the demo on loopback: N browser sessions for T seconds.

Run it alone (it starts its own server and keeps both cores busy):

    python tests/load/run_load.py                       # 20 sessions, 120 s
    python tests/load/run_load.py --sessions 5 --seconds 30 --json out.json

Each session is a separate Playwright browser context (its own cookies and websocket,
so its own Streamlit session) in one of ``--browsers`` headless Debian Chromiums. A
session starts ``--ramp`` / N seconds after the previous one (20 visitors do not click
in the same millisecond), opens a shared link to an athlete, then loops until time is
up: open a random page from the sidebar, and on the review and planner pages switch to
a random athlete. Every step
is timed from the click to "ready" (the same test as the e2e suite: connected, script
not running, no skeleton, every plotly chart drawn) and checked for error elements.
Two times per step: ``script_done`` (click to the script state ``notRunning``: the
server's part) and ``timings`` (click to drawn: charts and tables rendered, which on a
small machine is mostly the browsers' own CPU). The server's resident memory (VmRSS)
is sampled every second, and its CPU time is read at the start and the end. The
browsers run at a lower CPU priority (``--nice``, default 10) than the server: on a
2-core machine 20 Chromium sessions would otherwise take the CPU the server needs, and
the figures would describe the load generator rather than the app.

Exit 0 when there were no errors and memory grew less than ``--max-growth-mb`` from
the first sample after a warm-up visit (which fills the roster cache and imports the
chart libraries) to the last; 1 otherwise. Loopback only: the server listens on
127.0.0.1 and nothing else is contacted. Not part of pytest (too long); the e2e smoke
test tests/e2e/test_load_smoke.py runs 3 sessions for 15 s with the same code.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _e2e_helpers():
    """The e2e suite's server and readiness helpers (tests/e2e/conftest.py), loaded by
    path under a name of its own (tests/ has another conftest.py)."""
    name = "legday_e2e_helpers"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "e2e" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


e2e = _e2e_helpers()

ATHLETES = {
    "ana-hills": "Ana Ferreira",
    "dan-marathon": "Dan Reyes",
    "kenji-weekly": "Kenji Watanabe",
    "lena-overeager": "Lena Brandt",
    "maya-newcomer": "Maya Okafor",
    "omar-raceseason": "Omar Haddad",
    "sam-csv-only": "Sam Csv Only",
}
#: sidebar link text -> what the page's h1 starts with
PAGES = {
    "Roster": "Roster",
    "Athlete review": "Review",
    "Planner": "Planner",
    "Log": "Log",
    "About": "About",
}
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


@dataclass
class Stats:
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    actions: int = 0
    warm_at: float | None = None  # time.monotonic() when the warm-up ended
    #: per kind: from the click to the script state notRunning (charts maybe not drawn)
    server_done: dict[str, list[float]] = field(default_factory=dict)

    def add(self, kind: str, seconds: float) -> None:
        self.timings.setdefault(kind, []).append(seconds)
        self.actions += 1


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process from /proc (psutil when installed)."""
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process(pid).memory_info().rss / 1024 / 1024
    except ImportError:
        pass
    except Exception:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    def __init__(self, pid: int, every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float]] = []  # (time.monotonic(), MB)
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            value = rss_mb(self.pid)
            if value is not None:
                self.samples.append((time.monotonic(), value))
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


_SCRIPT_DONE_JS = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && document.querySelector("[data-test-script-state='notRunning']") !== null;
}
"""


async def ready(
    page, timeout_ms: float, stats: Stats | None = None, kind: str = "", started: float = 0.0
) -> None:
    """Wait for the script run to end (recorded from ``started`` under ``kind`` in
    ``stats.server_done``), then for the page to be drawn. Stable for 0 ms: each step
    first waits for its own sign of change (the h1 text), so a finished previous run
    can't count."""
    await page.wait_for_function(_SCRIPT_DONE_JS, timeout=timeout_ms, polling=100)
    if stats is not None:
        stats.server_done.setdefault(kind, []).append(time.monotonic() - started)
    await page.wait_for_function(e2e._READY_JS, arg=0, timeout=timeout_ms, polling=100)


async def check_errors(page, where: str, stats: Stats) -> None:
    boxes = page.locator(ERRORS)
    if await boxes.count():
        text = " | ".join(await boxes.all_inner_texts())
        stats.errors.append(f"{where}: error element: {text[:300]}")


async def first_load(page, url: str, athlete: str, stats: Stats, number: int, timeout_ms):
    """Open a shared link to an athlete's review; one retry after a timeout (counted)."""
    for attempt in (1, 2):
        started = time.monotonic()
        try:
            await page.goto(f"{url}/review?athlete={athlete}", wait_until="domcontentloaded")
            await page.locator("h1", has_text=ATHLETES[athlete]).wait_for()
            await ready(page, timeout_ms, stats, "first load", started)
        except Exception as exc:
            stats.errors.append(f"session {number} first load {attempt}: {exc}"[:300])
            continue
        stats.add("first load", time.monotonic() - started)
        await check_errors(page, f"session {number} first load", stats)
        return True
    return False


async def session(
    browser,
    url: str,
    start_at: float,
    deadline: float,
    stats: Stats,
    number: int,
    timeout_ms,
    min_steps: int = 0,
):
    rng = random.Random(number)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))  # the ramp-up
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(timeout_ms)
    page = await context.new_page()
    page.on("dialog", lambda d: stats.errors.append(f"session {number}: dialog {d.message}"))
    try:
        first = rng.choice(list(ATHLETES))
        if not await first_load(page, url, first, stats, number, timeout_ms):
            return
        steps = 0
        while time.monotonic() < deadline or steps < min_steps:  # a busy machine: steps still
            steps += 1
            link = rng.choice(list(PAGES))
            started = time.monotonic()
            try:
                await page.locator("[data-testid='stSidebarNavLink']", has_text=link).click()
                await page.locator("h1", has_text=PAGES[link]).first.wait_for()
                await ready(page, timeout_ms, stats, "open page", started)
                stats.add("open page", time.monotonic() - started)
                await check_errors(page, f"session {number} {link}", stats)
                if link in ("Athlete review", "Planner") and time.monotonic() < deadline:
                    athlete = rng.choice(list(ATHLETES))
                    name = ATHLETES[athlete]
                    started = time.monotonic()
                    await page.locator(
                        "[data-testid='stSidebar'] [data-testid='stSelectbox']"
                    ).click()
                    await page.get_by_role("option", name=name, exact=True).click()
                    await page.locator("h1", has_text=name).wait_for()
                    await ready(page, timeout_ms, stats, "switch athlete", started)
                    stats.add("switch athlete", time.monotonic() - started)
                    await check_errors(page, f"session {number} {link} {athlete}", stats)
            except Exception as exc:  # a timeout or a broken page is an error, not a crash
                stats.errors.append(f"session {number} {link}: {type(exc).__name__}: {exc}"[:400])
                await page.goto(f"{url}/roster", wait_until="domcontentloaded")
                await ready(page, timeout_ms)
    except Exception as exc:
        stats.errors.append(f"session {number}: {type(exc).__name__}: {exc}"[:400])
    finally:
        await context.close()


async def drive(
    url: str,
    sessions: int,
    seconds: float,
    browsers: int,
    timeout_ms: float,
    ramp: float,
    min_steps: int = 0,
):
    from playwright.async_api import async_playwright

    stats = Stats()
    async with async_playwright() as pw:
        instances = [
            await pw.chromium.launch(executable_path=e2e.chromium_path(), args=e2e.CHROMIUM_ARGS)
            for _ in range(max(1, min(browsers, sessions)))
        ]
        # warm-up (not timed): the first run imports plotly and fills the roster cache
        warm = await instances[0].new_context()
        page = await warm.new_page()
        await page.goto(f"{url}/review", wait_until="domcontentloaded", timeout=timeout_ms)
        await ready(page, timeout_ms)
        await warm.close()
        stats.warm_at = time.monotonic()
        deadline = stats.warm_at + seconds
        step = ramp / sessions if sessions else 0.0
        await asyncio.gather(
            *(
                session(
                    instances[i % len(instances)],
                    url,
                    stats.warm_at + i * step,
                    deadline,
                    stats,
                    i,
                    timeout_ms,
                    min_steps,
                )
                for i in range(sessions)
            )
        )
        for instance in instances:
            await instance.close()
    return stats


def run_load(
    url: str,
    pid: int,
    sessions: int = 20,
    seconds: float = 120.0,
    browsers: int = 2,
    timeout_ms: float = 60_000,
    ramp: float = 0.0,
    min_steps: int = 0,
) -> dict:
    """Drive ``sessions`` browser sessions against ``url`` and sample ``pid``'s memory.

    Runs its own event loop in a thread, so it can be called from a pytest process that
    already drives a sync Playwright browser.
    """
    sampler = RssSampler(pid)
    sampler.start()
    result: dict = {}

    def target() -> None:
        result["stats"] = asyncio.run(
            drive(url, sessions, seconds, browsers, timeout_ms, ramp, min_steps)
        )

    cpu_before = cpu_seconds(pid)
    started = time.monotonic()
    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    wall = time.monotonic() - started
    cpu_after = cpu_seconds(pid)
    sampler.stop()
    stats: Stats = result["stats"]
    rss = [value for _, value in sampler.samples]
    warm_at = stats.warm_at or 0.0
    warm = [value for at, value in sampler.samples if at >= warm_at] or rss
    summary = {
        "sessions": sessions,
        "seconds": seconds,
        "ramp_seconds": ramp,
        "wall_seconds": round(wall, 1),
        "browsers": browsers,
        "actions": stats.actions,
        "errors": len(stats.errors),
        "error_samples": stats.errors[:10],
        "timings": {
            kind: {
                "count": len(values),
                "p50_s": round(percentile(values, 50), 2),
                "p95_s": round(percentile(values, 95), 2),
                "max_s": round(max(values), 2),
            }
            for kind, values in stats.timings.items()
        },
        "rss_mb": {
            "idle": round(rss[0], 1) if rss else None,
            "start": round(warm[0], 1) if warm else None,  # after the warm-up visit
            "peak": round(max(rss), 1) if rss else None,
            "end": round(rss[-1], 1) if rss else None,
            "samples": len(rss),
        },
        "machine": {"nproc": os.cpu_count(), "mem_total_gb": _mem_total_gb()},
    }
    if cpu_before is not None and cpu_after is not None:
        used = cpu_after - cpu_before
        # the browsers run on the same cores: this is the server's share of them
        summary["server_cpu"] = {"seconds": round(used, 1), "mean_cores": round(used / wall, 2)}
    summary["script_done"] = {
        kind: {
            "count": len(values),
            "p50_s": round(percentile(values, 50), 2),
            "p95_s": round(percentile(values, 95), 2),
        }
        for kind, values in stats.server_done.items()
    }
    all_steps = [v for values in stats.timings.values() for v in values]
    summary["time_to_ready_all"] = {
        "p50_s": round(percentile(all_steps, 50), 2) if all_steps else None,
        "p95_s": round(percentile(all_steps, 95), 2) if all_steps else None,
    }
    return summary


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (all its threads) from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)


def _mem_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--browsers", type=int, default=2, help="Chromium processes")
    parser.add_argument(
        "--ramp", type=float, default=20.0, help="seconds over which the sessions start"
    )
    parser.add_argument("--max-growth-mb", type=float, default=300.0)
    parser.add_argument(
        "--nice",
        type=int,
        default=10,
        help="lower the browsers' CPU priority by this much (the server keeps its own), "
        "so on a small machine the client does not starve the server it measures",
    )
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if e2e.chromium_path() is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"legday-load-{os.getpid()}.log"
    server = e2e.start_server(log)
    if args.nice > 0:
        os.nice(args.nice)  # this process and the browsers it starts from now on
    try:
        summary = run_load(
            server.url,
            server.proc.pid,
            args.sessions,
            args.seconds,
            args.browsers,
            ramp=args.ramp,
        )
    finally:
        e2e.stop_server(server)
    summary["server_tracebacks"] = len(e2e.server_tracebacks(server))
    summary["client_nice"] = args.nice
    rss = summary["rss_mb"]
    growth = (rss["end"] - rss["start"]) if rss["start"] is not None else 0.0
    summary["rss_mb"]["growth"] = round(growth, 1)
    summary["max_growth_mb"] = args.max_growth_mb
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    ok = summary["errors"] == 0 and summary["server_tracebacks"] == 0
    return 0 if ok and growth < args.max_growth_mb else 1


if __name__ == "__main__":
    raise SystemExit(main())
