"""legday at a club's scale: a big roster in PostgreSQL, and the first page a server that
has just started draws, each against a baseline measured in the same run.

    python -m bench.scale                      # 2,000 athletes x 3 years, and 200 (about 15 min)
    python -m bench.scale --athletes 400 --rounds 2    # a smoke run

1. ``db load``: ``python -m legday db init`` and ``db load`` of the generated roster into
   a PostgreSQL made for the run (``initdb``/``pg_ctl``, Debian's, default settings, fsync
   on), wall seconds; the target is absolute (2,000 athletes under 2 minutes).
2. pages on the big roster: each round starts a new app server on the database and a
   new floor server (bench/floor_app.py), then times in headless Chromium the floor's
   first page, the app's Roster page as the server's first page, then the Review of
   one athlete (the same server), and the Review as the first page of another new
   server. Ratios are to the floor's first page of the same round (median of rounds).
3. the first page (the Roster) of a new server on 200 athletes: the database, a data
   folder whose summaries the user's cache holds (an earlier server made them), and the
   same folder with an empty cache (what a folder cost before the summaries).

Writes ``bench/results/scale-<time>-<commit>.json`` and prints the table that
docs/performance.md shows. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import write_roster  # noqa: E402
from bench.postgres import PG_BIN, throwaway_postgres  # noqa: E402
from bench.run import CHROMIUM, CHROMIUM_ARGS, RESULTS, Server, _git, _loadavg, _visit  # noqa: E402

ATHLETE = "athlete-0001"
TARGETS = {"load_s": 120.0, "roster": 1.5, "review": 1.3, "first_page": 1.5}


@contextmanager
def postgres(databases: list[str]) -> Iterator[dict[str, str]]:
    """A PostgreSQL server for this run (default settings), on a Unix socket only;
    {name: URL} of empty databases."""
    if PG_BIN is None:
        raise SystemExit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)")
    settings = "-c max_connections=100"
    with throwaway_postgres(databases, settings, "fast", "legday-scale-pg-") as urls:
        yield urls


def _legday(*args: str, env: dict[str, str] | None = None) -> float:
    """Wall seconds of ``python -m legday ARGS`` (it must succeed)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "legday", *args], cwd=REPO, check=True,
                   env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def _summarize_folder(folder: Path, cache: Path) -> None:
    """Fill ``cache`` with the folder's summaries and listing as an earlier server would
    have."""
    code = ("import sys; from legday.store import FolderStore; "
            "store = FolderStore(sys.argv[1]); store.summaries(); store.listing()")  # fmt: skip
    subprocess.run([sys.executable, "-c", code, str(folder)], cwd=REPO, check=True,
                   env={**os.environ, "LEGDAY_CACHE_DIR": str(cache)})  # fmt: skip


def bench_load(roster: Path, url: str) -> dict:
    """``db init`` then ``db load`` of the whole roster, wall seconds each, with
    ``legday validate`` of the same folder before and after (reading every file alone:
    what a busy machine does to the load shows in it too)."""
    init_s = _legday("db", "init", "--db", url)
    before = _legday("validate", str(roster))
    load_s = _legday("db", "load", str(roster), "--db", url)
    after = _legday("validate", str(roster))
    validate_s = (before + after) / 2
    return {"init_s": init_s, "load_s": load_s, "validate_s": validate_s,
            "ratio": load_s / validate_s}  # fmt: skip


async def _first(browser, server: Server, path: str) -> dict:
    visit = await _visit(browser, server, path, 0)
    return {key: visit[key] for key in ("ready_s", "server_cpu_s", "errors", "app_errors")}


async def _round(browser, env: dict[str, str], logs: Path, steps: list[list[str]]) -> dict:
    """One round: a new floor server's first page, then for each step list a new app
    server visiting those paths in order (the first is the server's first page)."""
    found: dict[str, dict] = {}
    floor = Server(str(REPO / "bench" / "floor_app.py"), env, logs / "floor.log")
    try:
        found["floor"] = await _first(browser, floor, "/")
    finally:
        floor.stop()
    for number, paths in enumerate(steps):
        app = Server("app.py", env, logs / f"app-{number}.log")
        try:
            for label in paths:
                found[label] = await _first(browser, app, _PATHS[label])
        finally:
            app.stop()
    return found


_PATHS = {
    "roster": "/roster",
    "review after roster": f"/review?athlete={ATHLETE}",
    "review": f"/review?athlete={ATHLETE}",
}


async def _rounds(setups: dict[str, tuple[dict, list[list[str]], Callable | None]], rounds: int,
                  logs: Path) -> dict:  # fmt: skip
    """Every setup's rounds, by turns (setup A, B, ..., A, B, ...)."""
    from playwright.async_api import async_playwright

    found: dict[str, list[dict]] = {name: [] for name in setups}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(rounds):
            for name, (env, steps, before) in setups.items():
                if before is not None:
                    before()
                found[name].append(await _round(browser, env, logs, steps))
        await browser.close()
    return {name: _ratios(runs) for name, runs in found.items()}


def _ratios(runs: list[dict]) -> dict:
    """Each page's median seconds and its median ratio to the same round's floor page."""
    out = {}
    for label in runs[0]:
        ready = [r[label]["ready_s"] for r in runs]
        paired = [r[label]["ready_s"] / r["floor"]["ready_s"] for r in runs]
        out[label] = {
            "median_s": statistics.median(ready),
            "ratio": statistics.median(paired),
            "server_cpu_s": statistics.median(r[label]["server_cpu_s"] for r in runs),
            "runs_s": ready,
            "errors": [e for r in runs for e in r[label]["errors"]],
            "app_errors": sum(r[label]["app_errors"] for r in runs),
        }
    return out


def _empty_cache(folder: Path) -> Callable[[], None]:
    def empty() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    return empty


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=2000)
    parser.add_argument("--years", type=float, default=3)
    parser.add_argument("--small", type=int, default=200, help="athletes of part 3")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--roster", type=Path, help="reuse a generated big roster")
    parser.add_argument("--small-roster", type=Path, help="reuse a generated small roster")
    parser.add_argument("--only", default="load,pages,first", help="parts to run")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="legday-scale-"))
    logs = work / "logs"
    logs.mkdir()
    results: dict = {
        "commit": _git("rev-parse", "--short", "HEAD"),
        "load_start": _loadavg(),
        "athletes": args.athletes,
        "small": args.small,
        "rounds": args.rounds,
    }
    big, small = args.roster or work / "big", args.small_roster or work / "small"
    if args.roster is None:
        results["roster"] = write_roster(big, args.athletes, args.years)
    if args.small_roster is None:
        write_roster(small, args.small, args.years)
    with postgres(["big", "small"]) as urls:
        results["load"] = bench_load(big, urls["big"])
        print(f"db load, {args.athletes} athletes: {results['load']['load_s']:.1f} s", flush=True)
        bench_load(small, urls["small"])
        cache = work / "cache"
        setups: dict = {}
        if "pages" in parts:
            env = {"LEGDAY_DATABASE_URL": urls["big"], "LEGDAY_CACHE_DIR": str(cache)}
            setups["big database"] = (env, [["roster", "review after roster"], ["review"]], None)
        if "first" in parts:
            warm, cold = work / "cache-warm", work / "cache-cold"
            _summarize_folder(small, warm)
            setups |= {
                "small database": ({"LEGDAY_DATABASE_URL": urls["small"],
                                    "LEGDAY_CACHE_DIR": str(cache)}, [["roster"]], None),
                "small folder, summaries and listing kept": ({"LEGDAY_DATA_DIR": str(small),
                                                  "LEGDAY_CACHE_DIR": str(warm)}, [["roster"]],
                                                 None),
                "small folder, empty cache": ({"LEGDAY_DATA_DIR": str(small),
                                               "LEGDAY_CACHE_DIR": str(cold)}, [["roster"]],
                                              _empty_cache(cold)),
            }  # fmt: skip
        if setups:
            results["pages"] = asyncio.run(_rounds(setups, args.rounds, logs))
    results["load_end"] = _loadavg()
    for generated in (work / "big", work / "small"):
        shutil.rmtree(generated, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{time.strftime('%Y%m%d-%H%M%S')}-{results['commit']}.json"
    out.write_text(json.dumps(results, indent=2))
    print(markdown(results))
    print(f"\nresults: {out}; logs: {logs}")
    return 0


def markdown(results: dict) -> str:
    """The table for docs/performance.md."""
    lines = [
        "| setup | page | median | ratio to the baseline | target | errors |",
        "|---|---|---|---|---|---|",
    ]
    load = results.get("load", {})
    if load:
        lines.append(
            f"| {results['athletes']} athletes, PostgreSQL | `db load` | "
            f"{load['load_s']:.1f} s | {load['ratio']:.1f}x `validate` "
            f"({load['validate_s']:.1f} s) | under {TARGETS['load_s']:.0f} s | - |"
        )
    for setup, pages in results.get("pages", {}).items():
        for label, page in pages.items():
            target = TARGETS.get("roster" if label == "roster" else label.split()[0])
            if setup.startswith("small") and label == "roster":
                target = TARGETS["first_page"]
            shown = f"within {target}x" if target and label != "floor" else "-"
            errors = len(page["errors"]) + page["app_errors"]
            lines.append(f"| {setup} | {label} | {page['median_s']:.2f} s | {page['ratio']:.2f}x "
                         f"| {shown} | {errors} |")  # fmt: skip
    lines.append(f"\nload average {results['load_start'][0]:.1f} at the start, "
                 f"{results.get('load_end', [float('nan')])[0]:.1f} at the end")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
