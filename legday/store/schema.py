"""The database's tables (SQLAlchemy Core): the files of a data folder, kept as they
are read, with a version per athlete, the saved plans, the check-ins and the audit.

A row of ``files`` is one file of the folder under its relative name (the profile, its
CSV log, its sets log, or a bare CSV log), so the database reads an athlete with the
same readers as the folder (legday.io.load_files) and ``db dump`` writes the same files
back. ``athletes.version`` counts the writes to an athlete: a save names the version it
was read at and is refused when it moved. ``summaries`` keeps each athlete's roster row
(legday.summary), made again in the transaction of every write to the athlete.
alembic/versions/ holds the migrations made from these tables (``python -m legday db init``).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

athletes = Table(
    "athletes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(320), nullable=False),
)

files = Table(
    "files",
    metadata,
    Column("name", String(400), primary_key=True),  # relative POSIX path in the folder
    Column(
        "athlete_id",
        String(64),
        ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("role", String(16), nullable=False),  # profile, log or sets
    Column("data", LargeBinary, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column(
        "athlete_id", String(64), ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("week_of", Date, primary_key=True),
    Column("data", LargeBinary, nullable=False),  # the plan's CSV export
    Column("version", Integer, nullable=False),
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "athlete_id",
        String(64),
        ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("day", Date, nullable=False),
    Column("soreness", Float, nullable=False),
    Column("feel", Text, nullable=False),
    Column("rpe", Float),
    Column("pain", Float),  # 0-10, None: not asked (legday.checkin)
    Column("pain_site", Text, nullable=False, server_default=""),
    Column("who", String(320), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("athlete_id", String(64), index=True),
    Column("action", String(32), nullable=False),  # load, log, checkin, plan
    Column("detail", Text, nullable=False),
    Column("version", Integer),
    Column("who", String(320), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

access = Table(
    "access",
    metadata,
    Column("name", String(400), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

replays = Table(
    "replays",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("plan", Text, nullable=False),
)

summaries = Table(
    "summaries",
    metadata,
    Column(
        "athlete_id", String(64), ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("version", Integer, nullable=False),  # the athlete's version it was made from
    Column("day", Date, nullable=False),  # the clock's today it was made on
    Column("code", String(32), nullable=False),  # legday's code digest (summary.code)
    Column("row", Text, nullable=False),  # legday.summary's JSON
)
