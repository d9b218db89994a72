"""Check athlete files and folders and print every problem found.

With no PATH, the athletes of the database of --db or LEGDAY_DATABASE_URL are checked.
Output lines read ``path:line: error|warning: message`` (and ``path: note: ...`` for
what legday assumed, such as a log's units); exit 0 when no file has
errors, 1 when any has, 2 for a usage error. A folder's access file (``access.yaml``
at its top, legday.access) is checked too, with the athlete ids it names that the
folder does not hold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legday import access
from legday.commands.common import add_db_argument, load_paths, open_source
from legday.io import LoadResult
from legday.io.load import ACCESS_FILE
from legday.model import Problem
from legday.words import units_note


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="athlete files or folders")
    add_db_argument(parser)
    parser.add_argument("--quiet", action="store_true", help="print errors only, not warnings")


def run(args: argparse.Namespace) -> int:
    if args.paths and not args.db:
        results = load_paths(args.paths)
    else:
        source = open_source(None if not args.paths else args.paths[0], args.db)
        results = source[1] if source is not None else None
    if results is None:
        return 2
    folders = args.paths if args.paths and not args.db else []
    problems = [p for r in results for p in r.problems] + access_problems(folders, results)
    for result in results:  # D2: what legday assumed, and how to change it
        note = units_note(result.athlete.profile) if result.athlete else None
        if note and not args.quiet:
            print(f"{result.path}: note: {note}")
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += 1
        else:
            warnings += 1
            if args.quiet:
                continue
        print(problem)
    loaded = sum(1 for r in results if r.ok)
    print(
        f"{len(results)} athlete file(s): {loaded} ok, {errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    return 1 if errors else 0


def access_problems(paths: list[str], results: list[LoadResult]) -> list[Problem]:
    """The problems of the access file at the top of each folder in ``paths``, and the
    ids it names that the loaded athletes do not include."""
    ids = [r.athlete.id for r in results if r.athlete is not None]
    found: list[Problem] = []
    for path in paths:
        file = Path(path) / ACCESS_FILE
        if Path(path).is_dir() and file.is_file():
            checked = access.read_access(file)
            found += [*checked.problems, *access.roster_problems(checked, ids)]
    return found
