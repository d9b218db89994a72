"""Check athlete files and folders and print every problem found.

With no PATH, the athletes of the database of --db or LEGDAY_DATABASE_URL are checked.
Output lines read ``path:line: error|warning: message``; exit 0 when no file has
errors, 1 when any has, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from legday.commands.common import add_db_argument, load_paths, open_source


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
    errors = warnings = 0
    for result in results:
        for problem in result.problems:
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
