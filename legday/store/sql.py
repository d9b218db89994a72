"""The SQL store: the same athletes in a database several app servers share.

``LEGDAY_DATABASE_URL`` (or ``--db``) names it: ``sqlite:///PATH`` on one machine
(write-ahead logging: readers never wait for a writer; writers take turns),
``postgresql+psycopg://USER@HOST/DB`` for a club. SQLAlchemy loads the driver named in
the URL only, so the folder store never needs one.

Every write is one transaction that names the version it read: a log or plan saved over
someone else's write is refused with the folder store's message; a check-in locks the
athlete's row, applies itself to the newest log and appends its audit rows, so check-ins
from many sessions at once all land. A writer killed half-way leaves the old version
(the database rolls back what was not committed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.engine import Connection

from legday import clock
from legday.compliance import PlannedWeek, ReplayCache
from legday.io import LoadResult
from legday.io.load import load_files
from legday.io.plans import read_plan_bytes
from legday.io.save import SaveResult
from legday.model import Problem
from legday.store import schema
from legday.store.base import Checkin, LogText, Store, stale_message

#: Keys per SELECT of replayed plans.
_CHUNK = 500


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets write-ahead logging, a wait for the lock instead
    of an error, and transactions that take the write lock when they begin."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy says BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=30000", "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class SqlStore(Store):
    kind = "sql"

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._replays = SqlReplays(self.engine)

    @property
    def label(self) -> str:
        return f"Database {self.engine.url.render_as_string(hide_password=True)}"

    # ----------------------------------------------------------------------- reading

    def athletes(self) -> list[LoadResult]:
        with self.engine.connect() as db:
            rows = db.execute(select(schema.files.c.name, schema.files.c.data)).all()
        return load_files({name: bytes(data) for name, data in rows})

    def athlete(self, athlete_id: str) -> LoadResult | None:
        with self.engine.connect() as db:
            files = _files_of(db, athlete_id)
        found = [r for r in load_files(files) if r.athlete is not None]
        return next((r for r in found if r.athlete.id == athlete_id), None)

    def versions(self) -> dict[str, int]:
        """Each athlete's version: what changed since a roster was read."""
        with self.engine.connect() as db:
            rows = db.execute(select(schema.athletes.c.id, schema.athletes.c.version)).all()
        return dict(rows)

    def log(self, athlete_id: str) -> LogText | None:
        with self.engine.connect() as db:
            version = _version(db, athlete_id)
            row = db.execute(
                select(schema.files.c.name, schema.files.c.data).where(
                    schema.files.c.athlete_id == athlete_id, schema.files.c.role == "log"
                )
            ).first()
        if version is None or row is None:
            return None
        return LogText(athlete_id, row.name.rsplit("/", 1)[-1], bytes(row.data), version)

    # ----------------------------------------------------------------------- writing

    def save_log(self, athlete_id: str, text: str, version: object, who: str = "") -> SaveResult:
        with self.engine.begin() as db:
            name = _log_name(db, athlete_id)
            if name is None:
                return SaveResult(False, "This athlete has no CSV log of their own to save.")
            new = _bump(db, athlete_id, version, who)
            shown = name.rsplit("/", 1)[-1]
            if new is None:
                return SaveResult(False, stale_message(shown))
            _write_file(db, name, text.encode())
            _audit(db, athlete_id, "log", shown, new, who)
        return SaveResult(True, f"Saved {shown} (version {new}).")

    def add_checkin(self, athlete_id: str, entry: Checkin, who: str = "") -> SaveResult:
        with self.engine.begin() as db:
            version = _version(db, athlete_id, lock=True)  # others wait here, then see ours
            name = _log_name(db, athlete_id)
            if version is None or name is None:
                return SaveResult(False, "This athlete has no CSV log to check in to.")
            found = [r for r in load_files(_files_of(db, athlete_id)) if r.athlete is not None]
            if not found:
                return SaveResult(False, "The log has errors now; fix them first.")
            text = entry.applied(found[0].athlete)
            new = _bump(db, athlete_id, version, who)
            _write_file(db, name, text.encode())
            at = clock.now()
            db.execute(
                insert(schema.checkins).values(
                    athlete_id=athlete_id, day=entry.day, soreness=float(entry.soreness),
                    feel=entry.feel, rpe=entry.rpe, who=who, at=at,
                )
            )  # fmt: skip
            _audit(db, athlete_id, "checkin", entry.day.isoformat(), new, who)
        return SaveResult(True, f"Check-in saved (version {new}).")

    def plan_version(self, athlete_id: str, week_of: dt.date) -> object:
        with self.engine.connect() as db:
            return db.execute(
                select(schema.plans.c.version).where(
                    schema.plans.c.athlete_id == athlete_id, schema.plans.c.week_of == week_of
                )
            ).scalar()

    def save_plan(
        self, athlete_id: str, week_of: dt.date, text: str, version: object, who: str = ""
    ) -> SaveResult:
        name = f"{week_of.isoformat()}.csv"
        table = schema.plans
        where = (table.c.athlete_id == athlete_id) & (table.c.week_of == week_of)
        with self.engine.begin() as db:
            if _version(db, athlete_id, lock=True) is None:
                return SaveResult(False, "No such athlete in the database.")
            current = db.execute(select(table.c.version).where(where)).scalar()
            if current != version:
                return SaveResult(False, stale_message(name, deleted=current is None))
            new = 1 if current is None else current + 1
            if current is None:
                db.execute(insert(table).values(athlete_id=athlete_id, week_of=week_of,
                                                data=text.encode(), version=new))  # fmt: skip
            else:
                db.execute(update(table).where(where).values(data=text.encode(), version=new))
            _audit(db, athlete_id, "plan", name, new, who)
        return SaveResult(True, f"Saved the plan of the week of {week_of.isoformat()}.")

    def saved_plans(
        self, athlete_id: str, weeks: Sequence[dt.date]
    ) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
        table = schema.plans
        with self.engine.connect() as db:
            rows = db.execute(
                select(table.c.week_of, table.c.data).where(
                    table.c.athlete_id == athlete_id, table.c.week_of.in_(list(weeks))
                )
            ).all()
        found: dict[dt.date, PlannedWeek] = {}
        problems: list[Problem] = []
        for week_of, data in rows:
            shown = f"plans/{athlete_id}/{week_of.isoformat()}.csv"
            days, wrong = read_plan_bytes(bytes(data), shown, week_of)
            problems += wrong
            if days is not None:
                found[week_of] = PlannedWeek.from_frame(week_of, "saved", days)
        return found, problems

    def access_file(self) -> tuple[str, bytes] | None:
        with self.engine.connect() as db:
            row = db.execute(select(schema.access.c.name, schema.access.c.data)).first()
        return (row.name, bytes(row.data)) if row is not None else None

    @property
    def replays(self) -> ReplayCache:
        return self._replays

    def dispose(self) -> None:
        self.engine.dispose()


class SqlReplays:
    """Replayed plans in the ``replays`` table, shared by every server of the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        table = schema.replays
        found: dict[str, str] = {}
        with self.engine.connect() as db:
            for at in range(0, len(keys), _CHUNK):
                chunk = list(keys[at : at + _CHUNK])
                found.update(db.execute(select(table.c.key, table.c.plan).where(
                    table.c.key.in_(chunk))).all())  # fmt: skip
        return found

    def put_many(self, entries: Mapping[str, str]) -> None:
        if not entries:
            return
        table = schema.replays
        with self.engine.begin() as db:
            known = set(
                db.execute(select(table.c.key).where(table.c.key.in_(list(entries)))).scalars()
            )
            rows = [{"key": k, "plan": v} for k, v in entries.items() if k not in known]
            if rows:
                db.execute(insert(table), rows)


# ------------------------------------------------------------------ statements


def _version(db: Connection, athlete_id: str, lock: bool = False) -> int | None:
    query = select(schema.athletes.c.version).where(schema.athletes.c.id == athlete_id)
    if lock and db.dialect.name != "sqlite":  # SQLite's BEGIN IMMEDIATE already holds it
        query = query.with_for_update()
    return db.execute(query).scalar()


def _bump(db: Connection, athlete_id: str, version: object, who: str) -> int | None:
    """The athlete's version moved on by one if it is still ``version``; None if not."""
    table = schema.athletes
    done = db.execute(
        update(table)
        .where(table.c.id == athlete_id, table.c.version == version)
        .values(version=table.c.version + 1, updated_at=clock.now(), updated_by=who)
    )
    return None if done.rowcount != 1 else int(version) + 1  # type: ignore[arg-type]


def _files_of(db: Connection, athlete_id: str) -> dict[str, bytes]:
    rows = db.execute(
        select(schema.files.c.name, schema.files.c.data).where(
            schema.files.c.athlete_id == athlete_id
        )
    ).all()
    return {name: bytes(data) for name, data in rows}


def _log_name(db: Connection, athlete_id: str) -> str | None:
    return db.execute(
        select(schema.files.c.name).where(
            schema.files.c.athlete_id == athlete_id, schema.files.c.role == "log"
        )
    ).scalar()


def _write_file(db: Connection, name: str, data: bytes) -> None:
    db.execute(update(schema.files).where(schema.files.c.name == name).values(data=data))


def _audit(
    db: Connection, athlete_id: str, action: str, detail: str, version: int | None, who: str
) -> None:
    db.execute(
        insert(schema.audit).values(athlete_id=athlete_id, action=action, detail=detail,
                                    version=version, who=who, at=clock.now())
    )  # fmt: skip


def replace_athletes(
    db: Connection, athletes: Iterable[tuple[str, Mapping[str, tuple[str, bytes]]]], who: str
) -> int:
    """Put each (id, {name: (role, data)}) in the database in place of what it held
    (``db load``); returns how many. The version moves on from the one it had."""
    count = 0
    for athlete_id, files in athletes:
        old = _version(db, athlete_id) or 0
        db.execute(schema.files.delete().where(schema.files.c.athlete_id == athlete_id))
        if old:
            db.execute(update(schema.athletes).where(schema.athletes.c.id == athlete_id).values(
                version=old + 1, updated_at=clock.now(), updated_by=who))  # fmt: skip
        else:
            db.execute(insert(schema.athletes).values(
                id=athlete_id, version=1, updated_at=clock.now(), updated_by=who))  # fmt: skip
        db.execute(insert(schema.files), [
            {"name": name, "athlete_id": athlete_id, "role": role, "data": data}
            for name, (role, data) in files.items()
        ])  # fmt: skip
        _audit(db, athlete_id, "load", ", ".join(sorted(files)), old + 1, who)
        count += 1
    return count


def replace_plans(db: Connection, athlete_id: str, saved: Mapping[dt.date, bytes]) -> None:
    """The athlete's saved plans as ``saved`` (``db load``); each plan's version moves on."""
    table = schema.plans
    old = dict(db.execute(select(table.c.week_of, table.c.version).where(
        table.c.athlete_id == athlete_id)).all())  # fmt: skip
    db.execute(table.delete().where(table.c.athlete_id == athlete_id))
    if saved:
        db.execute(insert(table), [
            {"athlete_id": athlete_id, "week_of": week, "data": data,
             "version": old.get(week, 0) + 1}
            for week, data in saved.items()
        ])  # fmt: skip


def count_rows(db: Connection) -> dict[str, int]:
    """Rows per table, for ``db load``'s summary."""
    return {
        table.name: db.execute(select(func.count()).select_from(table)).scalar() or 0
        for table in schema.metadata.sorted_tables
    }
