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

Each write makes the athlete's summary again in its own transaction (legday.summary:
the roster row the Roster page reads), so the roster never lags a write; a summary made
on an older day, from an older version or by other code is made again when read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row

from legday import clock, roster, summary
from legday.compliance import PlannedWeek, ReplayCache
from legday.io import LoadResult
from legday.io.into import IntoPlan
from legday.io.load import load_files
from legday.io.plans import read_plan_bytes
from legday.io.save import SaveResult
from legday.model import Athlete, Problem
from legday.store import schema, sql_imports
from legday.store.base import Checkin, Listing, LogText, Store, stale_message

#: Keys per SELECT of replayed plans.
_CHUNK = 500
#: The execution option that marks a reader's connection (``reader``).
READ_ONLY = "legday_read_only"


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
        # a reader (``reader``) begins deferred: WAL gives it a snapshot, no lock to wait for
        read = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


def reader(engine: Engine) -> Engine:
    """The engine for reads only: on SQLite its transactions take no write lock, so a
    reader never waits for a writer (the same engine elsewhere)."""
    return engine.execution_options(**{READ_ONLY: True})


class SqlStore(Store):
    kind = "sql"

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.reads = reader(self.engine)
        self._replays = SqlReplays(self.engine)

    @property
    def label(self) -> str:
        return f"Database {self.engine.url.render_as_string(hide_password=True)}"

    # ----------------------------------------------------------------------- reading

    def athletes(self) -> list[LoadResult]:
        with self.reads.connect() as db:
            rows = db.execute(select(schema.files.c.name, schema.files.c.data)).all()
        return load_files({name: bytes(data) for name, data in rows})

    def athlete(self, athlete_id: str) -> LoadResult | None:
        with self.reads.connect() as db:
            files = _files_of(db, athlete_id)
        found = [r for r in load_files(files) if r.athlete is not None]
        return next((r for r in found if r.athlete.id == athlete_id), None)

    def listing(self) -> Listing:
        """Ids and names from the kept summaries (one query, in id order; a summary made
        by other code still names its athlete); an athlete without one is summarized now
        (``refresh``), and counts as a file that did not load when their files do not read."""
        rows = self._summary_rows()
        names: dict[str, str] = {}
        for row in rows:
            made = summary.loads(row.row) if row.row is not None else self.refresh(row.id)
            if made is not None:
                names[row.id] = str(made.get("name") or row.id)
        return Listing(names, len(rows) - len(names))

    def changes(self) -> str:
        """The newest audit row and the athlete count: every write appends an audit row
        in its own transaction (``db load`` too), so another server's write shows here.
        One indexed query."""
        audit, athletes = schema.audit, schema.athletes
        with self.reads.connect() as db:
            row = db.execute(
                select(
                    select(func.max(audit.c.id)).scalar_subquery(),
                    select(func.count()).select_from(athletes).scalar_subquery(),
                )
            ).one()
        return f"{row[0] or 0}:{row[1]}"

    def versions(self) -> dict[str, int]:
        """Each athlete's version: what changed since a roster was read."""
        with self.reads.connect() as db:
            rows = db.execute(select(schema.athletes.c.id, schema.athletes.c.version)).all()
        return dict(rows)

    def summaries(self) -> list[dict[str, Any]]:
        """The kept summaries, the stale ones made again first (each in a transaction):
        made from another version or by other code, or on a day before a new day that
        changes them (``summary.still_true``)."""
        today = clock.today()
        found = []
        for row in self._summary_rows():
            made = _fresh(row, today)
            if made is None:
                made = self.refresh(row.id, today)
            if made is not None:
                found.append(made)
        return found

    def stale_summaries(self, today: dt.date | None = None) -> list[tuple[str, int]]:
        """(id, version) of each athlete whose summary must be made again (``summaries``
        would make them on its next read): what ``db init`` makes after an upgrade."""
        today = today or clock.today()
        return [(r.id, r.version) for r in self._summary_rows() if _fresh(r, today) is None]

    def _summary_rows(self) -> list[Row]:
        """Every athlete's id and version with their kept summary's version (``made_from``),
        day, code and JSON row (None where there is none), in id order: one query."""
        kept, athletes = schema.summaries, schema.athletes
        with self.reads.connect() as db:
            return list(db.execute(
                select(athletes.c.id, athletes.c.version, kept.c.version.label("made_from"),
                       kept.c.day, kept.c.code, kept.c.row)
                .select_from(athletes.outerjoin(kept, kept.c.athlete_id == athletes.c.id))
                .order_by(athletes.c.id)
            ).all())  # fmt: skip

    def refresh(self, athlete_id: str, today: dt.date | None = None) -> dict[str, Any] | None:
        """Make one athlete's summary again (None: no such athlete, or their files do not
        read now)."""
        with self.engine.begin() as db:
            version = _version(db, athlete_id)
            if version is None:
                return None
            return refresh_in(db, athlete_id, version, today or clock.today())

    def log(self, athlete_id: str, loaded: LoadResult | None = None) -> LogText | None:
        del loaded  # one query finds the log and its version
        with self.reads.connect() as db:
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
            refresh_in(db, athlete_id, new, clock.today())
        return SaveResult(True, f"Saved {shown} (version {new}).", signature=new)

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
                    feel=entry.feel, rpe=entry.rpe, pain=entry.pain,
                    pain_site=entry.pain_site, who=who, at=at,
                )
            )  # fmt: skip
            shown = name.rsplit("/", 1)[-1]
            _audit(db, athlete_id, "checkin", f"{shown} {entry.day.isoformat()}", new, who)
            refresh_in(db, athlete_id, new, clock.today())
        return SaveResult(True, f"Saved {shown} (version {new}).", signature=new)

    def new_athlete(self, athlete_id: str, text: str, who: str = "") -> SaveResult:
        name = f"{athlete_id}.csv"
        with self.engine.begin() as db:
            taken = (
                _version(db, athlete_id, lock=True) is not None
                or db.execute(
                    select(schema.files.c.name).where(schema.files.c.name == name)
                ).first()
                is not None
            )
            if taken:
                return SaveResult(
                    False, f"{name} already exists: pick another id, or merge by hand."
                )
            db.execute(insert(schema.athletes).values(
                id=athlete_id, version=1, updated_at=clock.now(), updated_by=who))  # fmt: skip
            db.execute(insert(schema.files).values(
                name=name, athlete_id=athlete_id, role="log", data=text.encode()))  # fmt: skip
            _audit(db, athlete_id, "new", name, 1, who)
            refresh_in(db, athlete_id, 1, clock.today())
        return SaveResult(True, f"Saved {name} (version 1).", signature=1)

    def plan_import(
        self, athlete_id: str, data: bytes, name: str, tz: str, loaded: LoadResult | None = None
    ) -> tuple[IntoPlan, object]:
        del loaded  # planned on the files as the database holds them now
        return sql_imports.plan(self.reads, athlete_id, data, name, tz)

    def apply_import(
        self, athlete_id: str, plan: IntoPlan, version: object, who: str = ""
    ) -> SaveResult:
        files = sql_imports.files_to_write(plan)
        if isinstance(files, SaveResult):
            return files
        shown = files[0][0].rsplit("/", 1)[-1]
        with self.engine.begin() as db:
            new = _bump(db, athlete_id, version, who)
            if new is None:
                return SaveResult(False, stale_message(shown))
            for name, role, data in files:
                sql_imports.put(db, athlete_id, name, role, data)
            _audit(db, athlete_id, "import", files[0][0], new, who)
            refresh_in(db, athlete_id, new, clock.today())
        return SaveResult(True, f"Saved {shown} (version {new}).", signature=new)

    def plan_version(self, athlete_id: str, week_of: dt.date) -> object:
        with self.reads.connect() as db:
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
            athlete_version = _version(db, athlete_id, lock=True)
            if athlete_version is None:
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
            refresh_in(db, athlete_id, athlete_version, clock.today())
        return SaveResult(
            True,
            f"Saved {name} (version {new}), the plan of the week of {week_of.isoformat()}.",
            signature=new,
        )

    def saved_plans(
        self, athlete_id: str, weeks: Sequence[dt.date]
    ) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
        with self.reads.connect() as db:
            return _saved_plans(db, athlete_id, weeks)

    def access_file(self) -> tuple[str, bytes] | None:
        with self.reads.connect() as db:
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
        self.reads = reader(engine)

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        with self.reads.connect() as db:
            return _get_replays(db, keys)

    def put_many(self, entries: Mapping[str, str]) -> None:
        if entries:
            with self.engine.begin() as db:
                _put_replays(db, entries)


class _InTransaction:
    """The replays table inside a write's own transaction (SQLite has one writer: another
    connection would wait for this one)."""

    def __init__(self, db: Connection) -> None:
        self.db = db

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        return _get_replays(self.db, keys)

    def put_many(self, entries: Mapping[str, str]) -> None:
        _put_replays(self.db, entries)


def _get_replays(db: Connection, keys: Sequence[str]) -> dict[str, str]:
    table = schema.replays
    found: dict[str, str] = {}
    for at in range(0, len(keys), _CHUNK):
        chunk = list(keys[at : at + _CHUNK])
        found.update(db.execute(select(table.c.key, table.c.plan).where(
            table.c.key.in_(chunk))).all())  # fmt: skip
    return found


def _put_replays(db: Connection, entries: Mapping[str, str]) -> None:
    """New replayed plans; a key another server wrote meanwhile is left as it is."""
    if entries:
        rows = [{"key": k, "plan": v} for k, v in entries.items()]
        db.execute(_upsert(db, schema.replays).on_conflict_do_nothing(), rows)


def _upsert(db: Connection, table: Table) -> Any:
    """INSERT with the dialect's ON CONFLICT clauses (SQLite and PostgreSQL both have them)."""
    return (postgresql if db.dialect.name == "postgresql" else sqlite).insert(table)


def _saved_plans(
    db: Connection, athlete_id: str, weeks: Sequence[dt.date]
) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
    table = schema.plans
    rows = db.execute(
        select(table.c.week_of, table.c.data).where(
            table.c.athlete_id == athlete_id, table.c.week_of.in_(list(weeks))
        )
    ).all()
    return read_plans(athlete_id, rows)


def read_plans(
    athlete_id: str, rows: Iterable[tuple[dt.date, bytes]]
) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
    """Saved plans as (week, CSV bytes), read as the folder's ``plans/`` files are."""
    found: dict[dt.date, PlannedWeek] = {}
    problems: list[Problem] = []
    for week_of, data in rows:
        shown = f"plans/{athlete_id}/{week_of.isoformat()}.csv"
        days, wrong = read_plan_bytes(bytes(data), shown, week_of)
        problems += wrong
        if days is not None:
            found[week_of] = PlannedWeek.from_frame(week_of, "saved", days)
    return found, problems


def _fresh(row: Row, today: dt.date) -> dict[str, Any] | None:
    """A kept summary (a ``_summary_rows`` row) if it is still true today: made from the
    athlete's version, by this code, on a day that ``summary.still_true`` accepts."""
    if row.row is None or row.made_from != row.version or row.code != summary.code():
        return None
    kept_row = summary.loads(row.row)
    return kept_row if summary.still_true(kept_row, row.day, today) else None


def refresh_in(
    db: Connection, athlete_id: str, version: int, today: dt.date, athlete: Athlete | None = None
) -> dict[str, Any] | None:
    """Make the athlete's summary from what this transaction sees (``athlete``: already
    read from these files) and keep it."""
    if athlete is None:
        read = [r.athlete for r in load_files(_files_of(db, athlete_id)) if r.athlete is not None]
        athlete = next((a for a in read if a.id == athlete_id), None)
    if athlete is None:  # the files do not read now: no row on the roster, as before
        db.execute(schema.summaries.delete().where(schema.summaries.c.athlete_id == athlete_id))
        return None
    saved, _ = _saved_plans(db, athlete_id, roster.compliance_weeks(athlete))
    made = summary.summarize(athlete, today, saved, _InTransaction(db))
    keep_summary(db, athlete_id, version, today, made)
    return made


def keep_summary(
    db: Connection, athlete_id: str, version: int, today: dt.date, made: Mapping[str, Any]
) -> None:
    """Keep a summary made from the athlete's ``version`` on ``today``; one made from a
    newer version is left alone (a write may commit while a reader summarizes)."""
    kept = schema.summaries
    values = {"athlete_id": athlete_id, "version": version, "day": today,
              "code": summary.code(), "row": summary.dumps(made)}  # fmt: skip
    statement = _upsert(db, kept).values(**values)
    db.execute(statement.on_conflict_do_update(
        index_elements=[kept.c.athlete_id],
        set_={name: statement.excluded[name] for name in values if name != "athlete_id"},
        where=kept.c.version <= statement.excluded.version,
    ))  # fmt: skip


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


def load_athlete(
    db: Connection,
    athlete: Athlete,
    files: Mapping[str, tuple[str, bytes]],
    saved: Mapping[dt.date, bytes],
    who: str,
    made: Mapping[str, Any] | None = None,
) -> int:
    """Put one athlete's files ({name: (role, data)}), read as ``athlete``, and saved
    plans in place of what the database held, with their summary (``made``, when it was
    made elsewhere from the same files; ``db load``, one transaction each); the version
    moves on from the one it had. Returns it."""
    athlete_id = athlete.id
    old = _version(db, athlete_id, lock=True) or 0
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
    replace_plans(db, athlete_id, saved)
    if made is None:
        refresh_in(db, athlete_id, old + 1, clock.today(), athlete)
    else:
        keep_summary(db, athlete_id, old + 1, clock.today(), made)
    return old + 1


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
