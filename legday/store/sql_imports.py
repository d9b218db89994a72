"""An export merged into an athlete held in a database (the Log page's Import tab).

legday.io.into plans an import on an athlete's files on disk; here those files are
written to a temporary folder exactly as the database holds them (under their relative
names), planned there, and the plan's files are named back by those relative names.
Applying it is one transaction that names the athlete's version the plan was made at:
refused, with the folder store's words, when someone wrote to the athlete since.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from legday.io import into, load_folder
from legday.io.save import SaveResult
from legday.model import Problem
from legday.store import schema


def plan(
    engine: Engine, athlete_id: str, data: bytes, name: str, tz: str
) -> tuple[into.IntoPlan, object]:
    """The import's plan (its files named as the database names them) and the athlete's
    version it was made at (None: no such athlete)."""
    with engine.connect() as db:
        version = db.execute(
            select(schema.athletes.c.version).where(schema.athletes.c.id == athlete_id)
        ).scalar()
        rows = db.execute(
            select(schema.files.c.name, schema.files.c.data).where(
                schema.files.c.athlete_id == athlete_id
            )
        ).all()
    if version is None:
        return into.IntoPlan([], [Problem(athlete_id, None, "error", "no such athlete")]), None
    with tempfile.TemporaryDirectory(prefix="legday-import-") as tmp:
        root = Path(tmp).resolve()
        for file_name, content in rows:
            path = root / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes(content))
        found = next(
            (r for r in load_folder(root) if r.athlete is not None and r.athlete.id == athlete_id),
            None,
        )
        if found is None:
            message = "the athlete's files have errors: fix them first (legday validate)"
            return into.IntoPlan([], [Problem(athlete_id, None, "error", message)]), version
        planned = into.plan_into(data, name, found, tz)
        return _named(planned, root), version


def _named(planned: into.IntoPlan, root: Path) -> into.IntoPlan:
    """The plan with each path as the database's relative name (the folder is gone)."""

    def relative(path: Path | str | None) -> Path | None:
        if path is None:
            return None
        try:
            return Path(Path(path).resolve().relative_to(root).as_posix())
        except ValueError:
            return Path(Path(path).name)

    problems = [
        dataclasses.replace(p, path=str(relative(p.path))) if str(root) in str(p.path) else p
        for p in planned.problems
    ]
    return dataclasses.replace(
        planned, problems=problems, target=relative(planned.target),
        profile=relative(planned.profile),
    )  # fmt: skip


def files_to_write(planned: into.IntoPlan) -> list[tuple[str, str, bytes]] | SaveResult:
    """(name, role, bytes) of each file the plan writes, the log first; a SaveResult
    instead when there is nothing to write (errors, or nothing new)."""
    if not planned.ok or planned.target is None:
        return SaveResult(False, "nothing was written: the import has errors")
    if not planned.adds:
        return SaveResult(True, "nothing new to add: the log already holds every day")
    role = "sets" if planned.kind == "sets" else "log"
    files = [(planned.target.as_posix(), role, planned.text.encode())]
    if planned.profile is not None:
        files.append((planned.profile.as_posix(), "profile", planned.profile_text.encode()))
    return files


def put(db: Connection, athlete_id: str, name: str, role: str, data: bytes) -> None:
    files = schema.files
    there = db.execute(select(files.c.name).where(files.c.name == name)).first()
    if there is None:
        db.execute(insert(files).values(name=name, athlete_id=athlete_id, role=role, data=data))
    else:
        db.execute(update(files).where(files.c.name == name).values(data=data))
