"""Plan next week's runs and leg sessions (or the next N weeks) for one athlete file or a folder.

PATH is an athlete file (YAML profile or CSV log) or a folder of them; without PATH, the
database of --db or LEGDAY_DATABASE_URL. The plan starts
with the week after the athlete's last logged day (after today when the log stopped more
than a week ago), unless --as-of or --week-of says otherwise; --weeks N plans N weeks in
a row, each as if the weeks before it were done as planned. JSON: one week's plan, or
{"athlete", "name", "units", "weeks": [...]} for N > 1; a folder gives {"plans": [...]},
one entry per athlete. Text and Markdown show the weeks one after another, CSV one table
(athlete and week_of columns), ics one calendar. Files with errors are reported on
stderr and the other athletes are still planned; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from legday.commands.common import add_db_argument, for_each_athlete, open_source
from legday.export import plan_to_text, plans_to_csv, plans_to_ics, plans_to_markdown
from legday.planner import MAX_WEEKS, Plan, plan_weeks

FORMATS = ("text", "json", "ics", "csv", "md")
TEXT_SEPARATOR = "\n\n" + "=" * 72 + "\n\n"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="an athlete file or a folder of them"
    )
    add_db_argument(parser)
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--as-of", type=_date, metavar="DATE", help="plan the week after DATE (YYYY-MM-DD)"
    )
    when.add_argument(
        "--week-of", type=_date, metavar="DATE", help="plan the week holding DATE (YYYY-MM-DD)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--weeks",
        type=_weeks,
        default=1,
        metavar="N",
        help=f"plan N weeks in a row (1-{MAX_WEEKS}, default 1)",
    )


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of weeks from 1 to {MAX_WEEKS}")
    return int(text)


def plan_json(plans: list[Plan]) -> dict:
    """One athlete's JSON: the plan itself for one week, else its weeks under "weeks"."""
    if len(plans) == 1:
        return plans[0].to_dict()
    first = plans[0]
    return {
        "athlete": first.athlete,
        "name": first.name,
        "units": first.units,
        "weeks": [p.to_dict() for p in plans],
    }


def render(per_athlete: list[list[Plan]], fmt: str, folder: bool) -> str | bytes:
    """The output text (bytes for ics) for ``--format``; see the module docstring."""
    if fmt == "json":
        if folder:
            return json.dumps({"plans": [plan_json(p) for p in per_athlete]}, indent=2) + "\n"
        return json.dumps(plan_json(per_athlete[0]), indent=2) + "\n"
    plans = [plan for weeks in per_athlete for plan in weeks]
    if fmt == "ics":
        return plans_to_ics(plans)
    if fmt == "csv":
        return plans_to_csv(plans)
    if fmt == "md":
        return plans_to_markdown(plans) + "\n"
    return TEXT_SEPARATOR.join(plan_to_text(p) for p in plans) + "\n"


def run(args: argparse.Namespace) -> int:
    source = open_source(args.path, args.db)
    if source is None:
        return 2
    _, results, folder = source
    plans, failed = for_each_athlete(
        results,
        lambda a: plan_weeks(a, as_of=args.as_of, week_of=args.week_of, weeks=args.weeks),
        "plan",
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
