"""Check athlete files and folders and print every problem found.

Output lines read ``path:line: error|warning: message``; exit 0 when no file has
errors, 1 when any has, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from legday.commands.common import load_paths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="athlete files or folders")
    parser.add_argument("--quiet", action="store_true", help="print errors only, not warnings")


def run(args: argparse.Namespace) -> int:
    results = load_paths(args.paths)
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
