"""On SQLite a reader never waits for a writer: the app's every run reads the store
(``changes()``, the roster, a log) while check-ins and saves write."""

from __future__ import annotations

import shutil
import threading

from sqlalchemy import update

from legday.commands import db as db_command
from legday.store import SqlStore, schema

from .conftest import DEMO

SAM = "sam-csv-only"


def test_a_read_finishes_while_a_write_holds_the_lock(tmp_path) -> None:
    folder = shutil.copytree(DEMO, tmp_path / "athletes")
    url = f"sqlite:///{tmp_path / 'legday.db'}"
    assert db_command.init(url) == 0 and db_command.load(url, folder, "test") == 0
    store = SqlStore(url)
    before = store.log(SAM)
    begun, read_done = threading.Event(), threading.Event()
    held = []

    def writer() -> None:
        with store.engine.begin() as db:  # takes SQLite's write lock at BEGIN
            db.execute(update(schema.athletes).values(updated_by="writer"))
            begun.set()
            held.append(read_done.wait(30))  # the lock is held until the read is done

    thread = threading.Thread(target=writer)
    thread.start()
    assert begun.wait(30)
    during = store.log(SAM)  # blocked here until the writer commits, were it not deferred
    changes = store.changes()
    read_done.set()
    thread.join()
    assert held == [True]  # the read finished while the writer still held the lock
    assert during == before and changes == store.changes()
    store.dispose()
