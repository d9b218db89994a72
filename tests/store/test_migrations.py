"""The Alembic migrations make exactly the tables legday/store/schema.py declares, on
SQLite and PostgreSQL, and an upgrade keeps the rows a database already holds; a
check-in keeps its pain score and site in the ``checkins`` table."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import select

from alembic import command
from legday import clock
from legday.commands import db as db_command
from legday.store import Checkin, SqlStore, schema

from .conftest import DEMO, reset_postgres

SAM = "sam-csv-only"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'legday.db'}"
    found = request.getfixturevalue("postgres_url")
    reset_postgres(found)
    return found


def _upgrade(url: str, revision: str) -> None:
    config = Config(str(db_command.ALEMBIC_INI))
    store = SqlStore(url)
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    store.dispose()


def test_the_migrations_make_the_declared_tables(url) -> None:
    assert db_command.init(url) == 0
    store = SqlStore(url)
    with store.engine.connect() as db:
        differences = compare_metadata(MigrationContext.configure(db), schema.metadata)
    store.dispose()
    assert differences == []


def test_an_upgrade_keeps_the_check_ins_and_a_new_one_keeps_its_pain(url) -> None:
    _upgrade(url, "0002")
    assert db_command.load(url, DEMO, "test", jobs=1) == 0
    store = SqlStore(url)
    day = store.athlete(SAM).athlete.last_date + dt.timedelta(days=1)
    clock.set_clock(day)
    with store.engine.begin() as db:  # a check-in as the tables of 0002 hold it
        db.exec_driver_sql(
            "INSERT INTO checkins (athlete_id, day, soreness, feel, rpe, who, at) "
            f"VALUES ('{SAM}', '{day.isoformat()}', 4, 'old', NULL, 'coach', "
            "'2026-12-01 07:00:00+00')"
        )
    assert db_command.init(url) == 0  # migrates to the newest
    entry = Checkin(day + dt.timedelta(days=1), 5, "sore knee", pain=3, pain_site="knee")
    clock.set_clock(entry.day)
    assert store.add_checkin(SAM, entry, who="maya").saved
    table = schema.checkins
    with store.engine.connect() as db:
        rows = db.execute(select(table.c.feel, table.c.pain, table.c.pain_site)
                          .order_by(table.c.id)).all()  # fmt: skip
    store.dispose()
    assert [tuple(r) for r in rows] == [("old", None, ""), ("sore knee", 3.0, "knee")]
