"""Plan next week's runs and leg sessions for one athlete file or a whole folder.

PATH is an athlete file (YAML profile or CSV log) or a folder of them. Each plan covers
the week starting the Monday after the athlete's last logged day, unless --as-of or
--week-of says otherwise. A folder gives one plan per athlete: JSON as {"plans": [...]},
text and Markdown one plan after another (a rule between them), CSV as one table with an
athlete column, ics as one calendar. Files with errors are reported on stderr and the
other athletes are still planned; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from legday.commands.common import for_each_athlete, load_paths
from legday.export import plan_to_text, plans_to_csv, plans_to_ics, plans_to_markdown
from legday.planner import Plan, plan_week

FORMATS = ("text", "json", "ics", "csv", "md")
TEXT_SEPARATOR = "\n\n" + "=" * 72 + "\n\n"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="an athlete file or a folder of them")
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--as-of", type=_date, metavar="DATE", help="plan the week after DATE (YYYY-MM-DD)"
    )
    when.add_argument(
        "--week-of", type=_date, metavar="DATE", help="plan the week holding DATE (YYYY-MM-DD)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")


def render(plans: list[Plan], fmt: str, folder: bool) -> str | bytes:
    """The output text (bytes for ics) for ``--format``; see the module docstring."""
    if fmt == "json":
        if folder:
            return json.dumps({"plans": [p.to_dict() for p in plans]}, indent=2) + "\n"
        return json.dumps(plans[0].to_dict(), indent=2) + "\n"
    if fmt == "ics":
        return plans_to_ics(plans)
    if fmt == "csv":
        return plans_to_csv(plans)
    if fmt == "md":
        return plans_to_markdown(plans) + "\n"
    return TEXT_SEPARATOR.join(plan_to_text(p) for p in plans) + "\n"


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        print(f"legday: usage error: {args.path}: no such file or folder", file=sys.stderr)
        return 2
    folder = path.is_dir()
    results = load_paths([args.path]) or []
    plans, failed = for_each_athlete(
        results, lambda a: plan_week(a, as_of=args.as_of, week_of=args.week_of), "plan"
    )
    if plans or folder:
        output = render(plans, args.format, folder)
        if isinstance(output, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(output)
    if folder:
        print(f"{len(plans)} plan(s), {failed} athlete file(s) not planned", file=sys.stderr)
    return 1 if failed else 0
