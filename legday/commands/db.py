"""The database: create or migrate it, load a data folder into it, dump it back to files.

``db init`` creates the tables or migrates them to the newest (Alembic, alembic/);
``db load FOLDER`` reads every athlete as ``validate`` does (profile, log, sets log),
their saved plans and the access file (checked as the app reads it), prints every
problem as ``path:line: ...`` and loads nothing from a file with an error (each athlete
in one transaction, with their summary: the Roster page's row); ``db dump FOLDER``
writes the files back (the dump validates, and loads again to the same athletes). The
database is ``--db URL`` or
LEGDAY_DATABASE_URL. Exit 0 fine, 1 a file had errors (the rest is loaded), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from alembic import command
from legday import access, clock, roster, summary
from legday.commands.common import add_jobs_argument, forked_map
from legday.compliance import PlannedWeek
from legday.io import LoadResult, load_folder, plans
from legday.model import Athlete, Problem
from legday.store import ENV_DATABASE_URL, database_url, schema
from legday.store.folder import ACCESS_FILE, inside_folder
from legday.store.sql import (
    SqlStore,
    count_rows,
    keep_summary,
    load_athlete,
    make_engine,
    read_plans,
    refresh_in,
)

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"
ACTIONS = ("init", "load", "dump")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=ACTIONS, help="init, load FOLDER or dump FOLDER")
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="the data folder")
    parser.add_argument("--db", metavar="URL", help=f"the database (default ${ENV_DATABASE_URL})")
    parser.add_argument("--force", action="store_true", help="dump: write into a folder in use")
    parser.add_argument(
        "--who", default="legday db", help="who the audit names (default: legday db)"
    )
    add_jobs_argument(parser, "summarize the athletes (init, load)")


def run(args: argparse.Namespace) -> int:
    url = database_url(args.db)
    if url is None:
        return _usage(f"no database: pass --db URL or set {ENV_DATABASE_URL}")
    if args.action != "init" and not args.folder:
        return _usage(f"db {args.action} needs a FOLDER")
    try:
        if args.action == "init":
            return init(url, max(1, args.jobs))
        if args.action == "load":
            return load(url, Path(args.folder), args.who, max(1, args.jobs))
        return dump(url, Path(args.folder), args.force)
    except SQLAlchemyError as exc:
        print(f"legday db: error: the database said: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1


def _usage(message: str) -> int:
    print(f"legday db: usage error: {message}", file=sys.stderr)
    return 2


def init(url: str, jobs: int = 1) -> int:
    """Create the tables, or migrate them to the newest version (``alembic upgrade head``),
    then make again the summaries this version of legday makes differently (``jobs``
    processes), so the first Roster page after an upgrade reads them all kept."""
    config = Config(str(ALEMBIC_INI))
    engine = make_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    engine.dispose()
    made = refresh_summaries(url, jobs)
    print(f"legday db: {url.split('://')[0]} database ready (migrated to the newest"
          f"{f'; {made} summaries made again' if made else ''})", file=sys.stderr)  # fmt: skip
    return 0


def refresh_summaries(url: str, jobs: int = 1) -> int:
    """Make again every stale summary (``SqlStore.stale_summaries``), each kept with the
    version its athlete was read at; how many were made."""
    store = SqlStore(url)
    ready = []
    for athlete_id, version in store.stale_summaries():
        found = store.athlete(athlete_id)
        if found is None or found.athlete is None:
            continue  # files that do not read: the roster's next read drops their row
        saved, _ = store.saved_plans(athlete_id, roster.compliance_weeks(found.athlete))
        ready.append((version, found.athlete, saved))
    today = clock.today()
    made = _summaries([(athlete, saved) for _, athlete, saved in ready], jobs)
    for (version, athlete, _), row in zip(ready, made, strict=True):
        with store.engine.begin() as db:
            if row is None:
                refresh_in(db, athlete.id, version, today, athlete)
            else:
                keep_summary(db, athlete.id, version, today, row)
    store.dispose()
    return len(ready)


def load(url: str, folder: Path, who: str, jobs: int = 1) -> int:
    """Every athlete of ``folder`` that reads without an error, with their saved plans
    and summary, one transaction per athlete (a failure keeps the athletes before it),
    then the access file; problems printed as ``validate`` does. ``jobs`` processes
    make the summaries (the most of the time for a big roster)."""
    if not folder.is_dir():
        return _usage(f"{folder}: no such folder")
    access_path = (folder / ACCESS_FILE).resolve()
    results = [r for r in load_folder(folder) if Path(r.path).resolve() != access_path]
    errors, ready = 0, []
    for result in results:
        for problem in result.problems:
            print(problem)
        if not result.ok or result.athlete is None:
            errors += 1
            continue
        week_plans, bad = _plans_of(folder, result.athlete.id)
        for problem in bad:
            print(problem)
        errors += len(bad)
        ready.append((result, week_plans))
    access, bad = _access_of(folder)
    for problem in bad:
        print(problem)
    errors += any(p.is_error for p in bad)
    store = SqlStore(url)
    made = _summaries([(r.athlete, _compared(r.athlete, p)) for r, p in ready], jobs)
    for (result, week_plans), row in zip(ready, made, strict=True):
        with store.engine.begin() as db:
            files = dict(_files_of(folder, result))
            load_athlete(db, result.athlete, files, week_plans, who, row)
    with store.engine.begin() as db:
        if access is not None:
            db.execute(schema.access.delete())
            db.execute(schema.access.insert().values(name=access[0], data=access[1]))
        rows = count_rows(db)
    store.dispose()
    print(
        f"legday db: loaded {len(ready)} athlete(s), {sum(len(p) for _, p in ready)} saved "
        f"plan(s){', the access file' if access else ''}; {errors} file(s) with errors not "
        f"loaded; the database holds {rows['athletes']} athlete(s)",
        file=sys.stderr,
    )
    return 1 if errors else 0


Saved = dict[dt.date, PlannedWeek]


def _compared(athlete: Athlete, week_plans: dict[dt.date, bytes]) -> Saved:
    """The saved plans of the weeks an athlete's summary compares (read)."""
    weeks = set(roster.compliance_weeks(athlete))
    return read_plans(athlete.id, [(w, d) for w, d in week_plans.items() if w in weeks])[0]


def _summaries(loaded: list[tuple[Athlete, Saved]], jobs: int) -> Iterator[dict[str, Any] | None]:
    """Each athlete's summary in order, made by ``jobs`` forked processes that inherit
    the athletes read (``forked_map``); one job: made in each athlete's transaction
    instead (None), with the database's replayed plans."""
    if jobs <= 1 or len(loaded) < 2 * jobs:
        yield from (None for _ in loaded)
        return
    yield from forked_map(_summarize, loaded, jobs, chunksize=8)


def _summarize(loaded: tuple[Athlete, Saved]) -> dict[str, Any]:
    athlete, saved = loaded
    return summary.summarize(athlete, clock.today(), saved)


def _files_of(folder: Path, result: LoadResult) -> Iterator[tuple[str, tuple[str, bytes]]]:
    """(relative name, (role, bytes)) of each file an athlete was read from."""
    base = folder.resolve()
    first = Path(result.path).resolve()
    role = "profile" if first.suffix.lower() in (".yaml", ".yml") else "log"
    yield first.relative_to(base).as_posix(), (role, first.read_bytes())
    for path, kind in ((result.log_path, "log"), (result.sets_path, "sets")):
        if path is not None:
            yield Path(path).resolve().relative_to(base).as_posix(), (kind, Path(path).read_bytes())


def _plans_of(folder: Path, athlete_id: str) -> tuple[dict, list[Problem]]:
    """The saved plans that read cleanly (week -> bytes), and the problems of the rest."""
    found, problems = {}, []
    for week in plans.saved_weeks(folder, athlete_id):
        path = plans.plan_path(folder, athlete_id, week)
        days, wrong = plans.read_plan(path, week)
        problems += wrong
        if days is not None:
            found[week] = path.read_bytes()
    return found, problems


def _access_of(folder: Path) -> tuple[tuple[str, bytes] | None, list[Problem]]:
    """The access file to load, checked as the app reads it (legday.access): with an
    error it is not loaded (the database keeps the one it had), its problems said with
    their lines either way."""
    path = folder / ACCESS_FILE
    if not path.is_file():
        return None, []
    data = path.read_bytes()
    parsed = access.parse_access_bytes(data, str(path))
    return (None if not parsed.ok else (ACCESS_FILE, data)), list(parsed.problems)


def dump(url: str, folder: Path, force: bool) -> int:
    """Every file the database holds, written under ``folder`` as a data folder."""
    if folder.exists() and any(folder.iterdir()) and not force:
        return _usage(f"{folder} is not empty; pass --force to write into it")
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    written = 0
    with engine.connect() as db:
        files = db.execute(select(schema.files.c.name, schema.files.c.data)).all()
        saved = db.execute(select(schema.plans.c.athlete_id, schema.plans.c.week_of,
                                  schema.plans.c.data)).all()  # fmt: skip
        access = db.execute(select(schema.access.c.name, schema.access.c.data)).all()
    engine.dispose()
    targets = [(name, data) for name, data in [*files, *access]]
    targets += [
        (plans.plan_path(".", athlete_id, week).as_posix(), data)
        for athlete_id, week, data in saved
    ]
    for name, data in targets:
        target = inside_folder(folder, name)
        if target is None:
            print(f"legday db: {name}: not a name inside the folder; skipped", file=sys.stderr)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(data))  # as stored: any encoding the readers accept
        written += 1
    print(f"legday db: wrote {written} file(s) to {folder}", file=sys.stderr)
    return 0
