"""One suite, every store: the folder, SQLite and PostgreSQL read the same athletes,
refuse a stale save with the same words, land every one of many check-ins at once and
say who made each write; a database loads, dumps and loads again to the same athletes;
a writer killed between two statements leaves the old version, never half."""

from __future__ import annotations

import dataclasses
import datetime as dt
import signal
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from sqlalchemy import select

from legday import clock
from legday.commands import db as db_command
from legday.io import load_folder
from legday.store import Checkin, FolderStore, SqlStore, schema, stale_message

from .conftest import DEMO, REPO, reset_postgres

DAN = "dan-marathon"  # a profile with a CSV log
SAM = "sam-csv-only"  # a bare CSV log


def same_athletes(left, right) -> None:
    a = {r.athlete.id: r.athlete for r in left if r.athlete}
    b = {r.athlete.id: r.athlete for r in right if r.athlete}
    assert sorted(a) == sorted(b)
    for key in a:
        assert dataclasses.replace(a[key].profile, path="") == dataclasses.replace(
            b[key].profile, path=""
        )
        pd.testing.assert_frame_equal(a[key].days, b[key].days)
        assert (a[key].week_totals is None) == (b[key].week_totals is None)
        assert a[key].notes == b[key].notes


def test_every_store_reads_the_demo_roster_as_the_folder_does(store) -> None:
    same_athletes(store.athletes(), load_folder(DEMO))
    assert store.athlete(DAN).athlete.name == "Dan Reyes"  # data/athletes/dan-marathon.yaml
    assert store.athlete("nobody") is None


def test_a_save_names_the_version_it_read_and_a_stale_one_is_refused(store) -> None:
    first = store.log(DAN)
    text = first.data.decode() + ""
    edited = text.replace(",hard,", ",moderate,", 1)
    saved = store.save_log(DAN, edited, first.version, who="coach@club.example")
    assert saved.saved, saved.message
    again = store.save_log(DAN, text, first.version, who="assistant@club.example")
    assert not again.saved
    assert again.message == stale_message("dan-marathon.csv")  # the folder's words, everywhere
    assert store.log(DAN).data.decode() == edited


def test_check_ins_from_many_sessions_at_once_all_land(store) -> None:
    """Ten sessions check Sam in at once, each for another day: all ten are in the log
    (soreness 1..10 on ten new days), each write says who made it."""
    clock.set_clock(dt.date(2026, 12, 2))
    last = store.athlete(SAM).athlete.last_date
    days = [last + dt.timedelta(days=i) for i in range(1, 11)]

    def check_in(number: int):
        return store.add_checkin(SAM, Checkin(days[number], number + 1, "fresh"), who=f"s{number}")

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(check_in, range(10)))
    assert all(r.saved for r in results), [r.message for r in results if not r.saved]
    log = store.athlete(SAM).athlete.days.set_index("date")["soreness"]
    assert [log[pd.Timestamp(d)] for d in days] == [float(n) for n in range(1, 11)]
    assert sorted(_writers(store, SAM, "checkin")) == sorted(f"s{n}" for n in range(10))


def _writers(store, athlete_id: str, action: str) -> list[str]:
    if isinstance(store, FolderStore):
        lines = (store.folder / ".legday-audit.csv").read_text().splitlines()
        return [line.split(",")[1] for line in lines if f",{athlete_id},{action}," in line]
    with store.engine.connect() as db:
        table = schema.audit
        return list(db.execute(select(table.c.who).where(
            table.c.athlete_id == athlete_id, table.c.action == action)).scalars())  # fmt: skip


def test_a_plan_is_saved_once_then_refused_over_another_save(store) -> None:
    week = dt.date(2026, 12, 7)
    days = [week + dt.timedelta(days=i) for i in range(7)]
    text = "date,run,distance,strength\n" + "".join(f"{d},easy,5,none\n" for d in days)
    assert store.plan_version(DAN, week) is None
    assert store.save_plan(DAN, week, text, None, who="coach").saved
    refused = store.save_plan(DAN, week, text, None, who="coach")
    assert not refused.saved and "since you opened it" in refused.message
    saved, problems = store.saved_plans(DAN, [week])
    assert problems == [] and saved[week].distance == 35.0  # 7 x 5
    assert store.save_plan(DAN, week, text, store.plan_version(DAN, week), who="coach").saved


def test_replayed_plans_are_kept_by_the_store(store) -> None:
    store.replays.put_many({"k1": "[1]", "k2": "[2]"})
    assert store.replays.get_many(["k1", "k2", "k3"]) == {"k1": "[1]", "k2": "[2]"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_load_dump_load_gives_the_same_athletes(kind, tmp_path, request) -> None:
    folder = tmp_path / "in"
    (folder).mkdir()
    for path in DEMO.rglob("*"):
        if path.is_file():
            (folder / path.relative_to(DEMO)).parent.mkdir(parents=True, exist_ok=True)
            (folder / path.relative_to(DEMO)).write_bytes(path.read_bytes())
    (folder / "access.yaml").write_text(
        "coaches:\n  - email: head@club.example\n    athletes: all\n"
    )
    (folder / "broken.csv").write_text("date,run\n2026-02-30,easy\n")  # no such day: not loaded
    url = _url(kind, tmp_path, request)
    assert db_command.init(url) == 0
    assert db_command.load(url, folder, "test") == 1  # one file with an error
    store = SqlStore(url)
    assert "broken" not in {r.athlete.id for r in store.athletes() if r.athlete}
    assert store.access_file() == ("access.yaml", (folder / "access.yaml").read_bytes())
    assert db_command.dump(url, tmp_path / "out", force=False) == 0
    (folder / "broken.csv").unlink()
    assert (tmp_path / "out" / "access.yaml").read_bytes() == (folder / "access.yaml").read_bytes()
    same_athletes(load_folder(tmp_path / "out"), load_folder(folder))
    assert db_command.load(url, tmp_path / "out", "again") == 0
    same_athletes(store.athletes(), load_folder(folder))
    store.dispose()


def _url(kind: str, tmp_path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'legday.db'}"
    url = request.getfixturevalue("postgres_url")
    reset_postgres(url)
    return url


KILLED_WRITER = """
import sys, time
from sqlalchemy import event
from legday.store import SqlStore
store = SqlStore(sys.argv[1])
seen = []
def pause(conn, cursor, statement, *rest):
    seen.append(statement)
    if statement.lstrip().upper().startswith("UPDATE FILES"):
        print("between statements", flush=True)
        time.sleep(60)
event.listen(store.engine, "after_cursor_execute", pause)
log = store.log("dan-marathon")
store.save_log("dan-marathon", "date,run\\n2026-01-05,easy\\n", log.version, who="killed")
"""


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_writer_killed_between_statements_leaves_the_old_version(kind, tmp_path, request):
    url = _url(kind, tmp_path, request)
    assert db_command.init(url) == 0
    assert db_command.load(url, DEMO, "test") == 0
    store = SqlStore(url)
    before = store.log(DAN)
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(KILLED_WRITER), url],
                              cwd=REPO, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "between statements"  # the version bumped
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
    after = store.log(DAN)
    assert (after.version, after.data) == (before.version, before.data)  # all of the old
    assert store.save_log(DAN, before.data.decode(), before.version, who="next").saved
    store.dispose()
