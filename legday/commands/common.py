"""What the subcommands share: paths to athletes, and one athlete's failure never
stopping a roster."""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from legday.io import LoadResult, load_athlete, load_folder
from legday.model import Athlete
from legday.store import ENV_DATABASE_URL, FolderStore, SqlStore, Store, database_url

T = TypeVar("T")
A = TypeVar("A")


def load_paths(paths: list[str]) -> list[LoadResult] | None:
    """Files and folders to LoadResults; None (after a message) if a path does not exist."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for path in missing:
            print(f"legday: usage error: {path}: no such file or folder", file=sys.stderr)
        return None
    results: list[LoadResult] = []
    for path in paths:
        results.extend(load_folder(path) if Path(path).is_dir() else [load_athlete(path)])
    return results


def for_each_athlete(
    results: list[LoadResult],
    work: Callable[[Athlete], T],
    what: str,
    jobs: int = 1,
    before_fork: Callable[[], None] | None = None,
) -> tuple[list[T], int]:
    """``work`` on every athlete that loaded, in order; each file's problems go to stderr.

    Returns the outputs and how many athlete files failed (did not load, or ``work``
    raised: a surprise in one athlete is reported as ``could not <what> this athlete``
    and the roster goes on). With ``jobs`` > 1 and a roster of at least
    ``PARALLEL_FROM`` athletes, ``jobs`` forked processes share the work (each inherits
    the athletes read; ``work`` runs there and its output comes back pickled), after
    ``before_fork`` (close what a child must not share: a database's connections).
    """
    ready: list[tuple[LoadResult, Athlete]] = []
    failed = 0
    for result in results:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if not result.ok or result.athlete is None:
            failed += 1
        else:
            ready.append((result, result.athlete))
    athletes = [athlete for _, athlete in ready]
    attempt = functools.partial(_attempt, work)
    if jobs > 1 and len(athletes) >= PARALLEL_FROM:
        if before_fork is not None:
            before_fork()
        done = forked_map(attempt, athletes, jobs)
    else:
        done = map(attempt, athletes)
    outputs: list[T] = []
    for (result, _), (ok, output) in zip(ready, done, strict=True):
        if ok:
            outputs.append(output)
        else:
            print(f"{result.path}: error: could not {what} this athlete: {output}", file=sys.stderr)
            failed += 1
    return outputs, failed


#: The smallest roster shared between processes (a smaller one is done before the
#: processes would have started).
PARALLEL_FROM = 32

_shared: list = []  # a forked worker's (work, items)


def _attempt(work: Callable[[Athlete], T], athlete: Athlete) -> tuple[bool, T | str]:
    try:
        return True, work(athlete)
    except Exception as exc:  # one athlete's surprise must not stop the roster
        return False, str(exc)


def forked_map(
    work: Callable[[A], T], items: Sequence[A], jobs: int, chunksize: int = 4
) -> Iterator[T]:
    """``work`` on each item in ``jobs`` forked processes, the outputs in order: each
    process inherits ``work`` and ``items`` (nothing is pickled to it but an index, so
    ``work`` may be a closure); only the outputs come back pickled."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, context, initializer=_share, initargs=(work, items)) as pool:
        yield from pool.map(_work_on, range(len(items)), chunksize=chunksize)


def _share(work: Callable, items: Sequence) -> None:
    _shared[:] = [work, items]


def _work_on(index: int) -> object:
    work, items = _shared
    return work(items[index])


def add_jobs_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
        help=f"processes that {what} (default: one per core)",
    )  # fmt: skip


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"read the athletes from this database instead of PATH (default ${ENV_DATABASE_URL} "
        "when no PATH is given)",
    )


def open_source(path: str | None, db: str | None) -> tuple[Store, list[LoadResult], bool] | None:
    """The store a command reads (PATH's folder, else the database of ``--db`` or
    LEGDAY_DATABASE_URL), its athletes, and whether it is a roster (a folder or a
    database) rather than one file; None (after a message) for a usage error."""
    if path is not None and db:
        print("legday: usage error: give PATH or --db, not both", file=sys.stderr)
        return None
    if path is None:
        url = database_url(db)
        if url is None:
            print(f"legday: usage error: give PATH, --db URL or {ENV_DATABASE_URL}",
                  file=sys.stderr)  # fmt: skip
            return None
        store = SqlStore(url)
        return store, store.athletes(), True
    results = load_paths([path])
    if results is None:
        return None
    where = Path(path)
    return FolderStore(where if where.is_dir() else where.parent), results, where.is_dir()
