"""What the subcommands share: paths to athletes, and one athlete's failure never
stopping a roster."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from legday.io import LoadResult, load_athlete, load_folder
from legday.model import Athlete

T = TypeVar("T")


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
    results: list[LoadResult], work: Callable[[Athlete], T], what: str
) -> tuple[list[T], int]:
    """``work`` on every athlete that loaded; problems go to stderr as they come.

    Returns the outputs and how many athlete files failed (did not load, or ``work``
    raised: a surprise in one athlete is reported as ``could not <what> this athlete``
    and the roster goes on).
    """
    outputs: list[T] = []
    failed = 0
    for result in results:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if not result.ok or result.athlete is None:
            failed += 1
            continue
        try:
            outputs.append(work(result.athlete))
        except Exception as exc:  # one athlete's surprise must not stop the roster
            print(f"{result.path}: error: could not {what} this athlete: {exc}", file=sys.stderr)
            failed += 1
    return outputs, failed
