"""The stores the store tests run on: the folder, SQLite and a real PostgreSQL (the
suite's one server: ``postgres_url`` in tests/conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from legday.commands import db as db_command
from legday.store import FolderStore, SqlStore, Store

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "athletes"


def reset_postgres(url: str) -> None:
    store = SqlStore(url)
    with store.engine.begin() as db:
        db.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.dispose()


@pytest.fixture(params=["folder", "sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    """The demo roster in each store: a copy of the folder, or a database loaded from it."""
    folder = tmp_path / "athletes"
    shutil.copytree(DEMO, folder)
    if request.param == "folder":
        yield FolderStore(folder)
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'legday.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        reset_postgres(url)
    assert db_command.init(url) == 0
    assert db_command.load(url, folder, "test") == 0
    sql = SqlStore(url)
    yield sql
    sql.dispose()
