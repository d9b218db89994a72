"""Turn an export into a legday log, or merge it into an athlete's files.

FILE is Strava's activities.csv, Strava's whole export .zip, Garmin Connect's
Activities.csv, or (with --into) a Hevy or Strong workout export. The summary (found,
kept, skipped and why, dates, what was inferred, what the merge adds and keeps) goes
to stderr. Without --into the log goes to --out, or to stdout; with --into PROFILE the
rows merge into that athlete's sets log or daily log (--dry-run: show, write nothing).
Exit 0 when done, 1 when the file could not be imported, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legday.io import athlete_id_from_name, load_athlete
from legday.io.imports import check_time_zone, import_file, to_log_csv
from legday.io.into import apply, plan_into
from legday.io.save import write_atomic
from legday.model import UNITS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="activities.csv, export .zip or Activities.csv"
    )
    parser.add_argument(
        "--tz",
        default="UTC",
        metavar="ZONE",
        help="IANA time zone for Strava's UTC times, e.g. Europe/Berlin (default UTC)",
    )
    parser.add_argument("--out", metavar="PATH", help="write the log here (default: stdout)")
    parser.add_argument(
        "--into",
        metavar="PROFILE",
        help="merge into this athlete's files (a profile .yaml, or a daily log .csv)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="with --into: show what it adds, write nothing"
    )
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    parser.add_argument(
        "--units", choices=UNITS, default=None, help="distance units of the log (default mi)"
    )
    parser.add_argument(
        "--garmin-units",
        choices=UNITS,
        default=None,
        help="unit Garmin Connect shows distances in (default: --units)",
    )


def _usage(message: str) -> int:
    print(f"legday import: usage error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    problem = check_time_zone(args.tz)
    if problem:
        return _usage(problem)
    if args.into:
        return run_into(args)
    if args.dry_run:
        return _usage("--dry-run goes with --into PROFILE")
    args.units = args.units or "mi"
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        print(
            f"legday import: usage error: {out} already exists; pass --force to overwrite it",
            file=sys.stderr,
        )
        return 2
    result = import_file(
        args.file, args.file, tz=args.tz, units=args.units, source_units=args.garmin_units
    )
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok:
        errors = [p for p in result.problems if p.is_error]
        if not errors:  # defensive: never exit 1 silently
            print(f"{args.file}: error: nothing to import", file=sys.stderr)
        return 1
    for line in result.summary.lines():
        print(f"legday import: {line}", file=sys.stderr)
    text = to_log_csv(result.days)
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(out, text)
    except OSError as exc:
        print(f"{out}: error: cannot write the log ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"legday import: wrote {len(result.days)} day rows to {out}", file=sys.stderr)
    if args.units != "mi":
        _write_profile(out, args.units)
    return 0


def _write_profile(log: Path, units: str) -> None:
    """A CSV alone is read as miles: a km log needs a profile saying so beside it."""
    profile = log.with_suffix(".yaml")
    if profile.exists():
        print(
            f"legday import: {profile} exists: make sure it says units: {units} "
            f"and log: {log.name}",
            file=sys.stderr,
        )
        return
    name = " ".join(part.capitalize() for part in athlete_id_from_name(log.stem).split("-"))
    text = f"name: {name}\nunits: {units}\nlog: {log.name}\n"
    try:
        write_atomic(profile, text)
    except OSError as exc:
        print(
            f"{profile}: error: cannot write the profile ({exc.strerror or exc})", file=sys.stderr
        )
        return
    print(f"legday import: wrote {profile} (units: {units}, log: {log.name})", file=sys.stderr)


def run_into(args: argparse.Namespace) -> int:
    """Merge FILE into the athlete ``--into`` names; the athlete's own units decide."""
    clash = [name for name, given in (("--out", args.out), ("--units", args.units)) if given]
    if clash:
        return _usage(f"{' and '.join(clash)} cannot go with --into (the athlete's files decide)")
    if not Path(args.into).is_file():
        return _usage(f"{args.into}: no such athlete file")
    if not Path(args.file).exists():
        return _usage(f"{args.file}: no such file")
    loaded = load_athlete(args.into)
    plan = plan_into(args.file, args.file, loaded, args.tz, args.garmin_units)
    for problem in plan.problems:
        print(problem, file=sys.stderr)
    for line in plan.lines:
        print(f"legday import: {line}", file=sys.stderr)
    if not plan.ok:
        if not any(p.is_error for p in plan.problems):  # defensive: never exit 1 silently
            print(f"{args.file}: error: nothing to import", file=sys.stderr)
        return 1
    if args.dry_run:
        print("legday import: dry run: nothing written", file=sys.stderr)
        return 0
    try:
        result = apply(plan)
    except OSError as exc:
        print(f"{plan.target}: error: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"legday import: {result.message}", file=sys.stderr)
    return 0 if result.saved else 1
