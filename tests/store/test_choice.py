"""Which store the app uses and whether a page's write may go there (legday.store.choice),
and the folder store's own writes a page makes: plans under ``plans/``, a new athlete
from an import, the audit row of each write."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from legday import clock
from legday.demo import DEMO_DIR
from legday.io import load_folder
from legday.store import FolderStore, SqlStore, choice
from legday.store.folder import AUDIT_FILE, plans_signature

WEEK = dt.date(2026, 11, 30)
LOG = "date,run,distance\n2026-11-30,easy,5\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the demo's athlete files."""
    return shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")


def _read_only(monkeypatch, folder: Path) -> None:
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))


# ------------------------------------------------------------------------ the source


def test_a_database_url_picks_the_sql_store_over_the_data_folder(tmp_path: Path) -> None:
    env = {"LEGDAY_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite", "LEGDAY_DATA_DIR": "/x"}
    source = choice.resolve_source(env, [])
    assert (source.kind, source.url, source.origin) == (
        "database",
        env["LEGDAY_DATABASE_URL"],
        "env",
    )
    assert source.where == env["LEGDAY_DATABASE_URL"] and source.label == "Database"
    assert isinstance(source.open(), SqlStore)


def test_a_path_after_dashes_beats_the_database(tmp_path: Path) -> None:
    env = {"LEGDAY_DATABASE_URL": "sqlite:///nowhere.db"}
    source = choice.resolve_source(env, [str(tmp_path)])
    assert (source.kind, source.folder) == ("folder", tmp_path.resolve())
    assert isinstance(source.open(), FolderStore)
    assert choice.resolve_source({}, []).open() is None  # the demo has no store


# ---------------------------------------------------------------------- save or keep


def test_a_writable_store_takes_a_log_edit(folder: Path) -> None:
    store = FolderStore(folder)
    assert choice.destination("folder", store, True) == choice.Destination(True)
    assert choice.can_save("folder", store) and choice.can_save("database", store)


@pytest.mark.parametrize(
    ("source", "has_log", "why"),
    [
        ("demo", True, "nothing is written to disk here"),
        ("upload", True, "nothing is written to disk here"),
        ("demo", False, "nothing is written to disk here"),
        ("folder", False, "inside the YAML profile"),
        ("database", False, "inside the YAML profile"),
    ],
)
def test_other_edits_stay_in_the_session(folder: Path, source, has_log, why) -> None:
    store = FolderStore(folder) if source in choice.STORED else None
    where = choice.destination(source, store, has_log)
    assert not where.saves and why in where.why
    assert choice.can_save(source, store) is (source in choice.STORED)


def test_a_read_only_folder_keeps_edits_in_the_session(folder: Path, monkeypatch) -> None:
    _read_only(monkeypatch, folder)
    store = FolderStore(folder)
    assert choice.destination("folder", store, True) == choice.Destination(
        False, "the data folder is read-only"
    )
    assert not choice.can_save("folder", store)
    refused = choice.plan_destination("folder", store, "dan-marathon")
    assert not refused.saves and "read-only" in refused.why


def test_a_plan_is_saved_only_to_a_store(folder: Path) -> None:
    assert choice.plan_destination("folder", FolderStore(folder), "dan-marathon").saves
    for source in ("demo", "upload"):
        refused = choice.plan_destination(source, None, "dan-marathon")
        assert not refused.saves and "nothing is written" in refused.why


@pytest.mark.parametrize("athlete_id", ["../dan", "Dan", "", "a/b"])
def test_a_plan_never_comes_from_a_bad_id(folder: Path, athlete_id: str) -> None:
    assert not choice.plan_destination("folder", FolderStore(folder), athlete_id).saves


# ------------------------------------------------------------------ the folder's writes


def test_a_new_plan_is_saved_once_and_a_changed_one_is_refused(folder: Path) -> None:
    store = FolderStore(folder)
    path = folder / "plans" / "dan-marathon" / "2026-11-30.csv"
    assert store.plan_version("dan-marathon", WEEK) is None
    first = store.save_plan("dan-marathon", WEEK, "date,run,distance,strength\n", None)
    assert first.saved and path.read_text() == "date,run,distance,strength\n"
    drawn = store.plan_version("dan-marathon", WEEK)
    path.write_text("someone else's plan\n")  # changed after the page drew it
    again = store.save_plan("dan-marathon", WEEK, "mine\n", drawn)
    assert not again.saved and "changed on disk" in again.message
    assert path.read_text() == "someone else's plan\n"
    # a page that drew "no file yet" is refused once a file is there
    assert not store.save_plan("dan-marathon", WEEK, "mine\n", None).saved


def test_a_saved_plan_replaced_keeps_a_backup(folder: Path) -> None:
    store = FolderStore(folder)
    store.save_plan("dan-marathon", WEEK, "one\n", None)
    result = store.save_plan(
        "dan-marathon", WEEK, "two\n", store.plan_version("dan-marathon", WEEK)
    )
    assert result.saved and result.backup is not None and result.backup.read_text() == "one\n"


def test_the_plans_signature_moves_with_every_saved_plan(folder: Path) -> None:
    store = FolderStore(folder)
    empty = store.plans_changes()
    assert plans_signature(None) == ""
    store.save_plan("dan-marathon", WEEK, "one\n", None)
    dan = store.plans_changes("dan-marathon")
    every = store.plans_changes()
    assert every != empty and dan != store.plans_changes("ana-hills")
    os.utime(folder / "plans" / "dan-marathon" / "2026-11-30.csv", ns=(1, 1))
    assert store.plans_changes("dan-marathon") != dan
    assert store.plans_changes() != every


def test_the_folder_changes_with_every_athlete_file(folder: Path) -> None:
    store = FolderStore(folder)
    before = store.changes()
    assert store.changes() == before
    log = folder / "logs" / "dan-marathon.csv"
    log.write_text(log.read_text() + "2026-11-23,rest,,,,none,,,2,\n")
    assert store.changes() != before


@pytest.mark.parametrize(
    ("athlete_id", "why"),
    [
        ("Bad Id", "not an athlete id"),
        ("../x", "not an athlete id"),
    ],
)
def test_an_import_never_names_a_bad_id(athlete_id, why) -> None:
    where = choice.new_athlete(athlete_id)
    assert not where.saves and why in where.why


def test_an_import_is_never_saved_over_a_file(folder: Path) -> None:
    store = FolderStore(folder)
    before = (folder / "sam-csv-only.csv").read_bytes()
    refused = store.new_athlete("sam-csv-only", LOG)
    assert not refused.saved and "sam-csv-only.csv already exists" in refused.message
    assert (folder / "sam-csv-only.csv").read_bytes() == before
    assert not store.new_athlete("dan-marathon", LOG).saved  # a profile's id: no new file


def test_an_import_is_saved_as_a_new_athlete(folder: Path) -> None:
    store = FolderStore(folder)
    assert choice.new_athlete("new-runner").saves
    assert store.new_athlete("new-runner", LOG, who="coach@club.example").saved
    assert (folder / "new-runner.csv").read_text() == LOG
    assert store.athlete("new-runner") is not None


# ---------------------------------------------------------------------- who saved it


def test_every_write_appends_one_audit_row_and_a_refused_one_none(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "maya.csv"
    log.parent.mkdir()
    log.write_text(LOG, encoding="utf-8")
    (tmp_path / "maya.yaml").write_text("name: Maya\nlog: logs/maya.csv\n", encoding="utf-8")
    store = FolderStore(tmp_path)
    read = store.log("maya")
    saved = store.save_log("maya", LOG.replace(",5", ",6"), read.version, "coach@club.example")
    assert saved.saved
    refused = store.save_log("maya", LOG.replace(",5", ",7"), read.version, "coach@club.example")
    assert not refused.saved  # the version is stale now: nothing written, nothing recorded
    plan = "date,run\n2026-12-07,rest\n"
    assert store.save_plan("maya", dt.date(2026, 12, 7), plan, None, "coach@club.example").saved
    assert store.new_athlete("new-one", LOG).saved  # open: nobody signed in, who is ""
    with (tmp_path / AUDIT_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    # the suite's clock: its day at noon (tests/conftest.py, LEGDAY_TEST_TODAY); the
    # folder store's columns: time, who, athlete, what, detail
    backup = f"logs/.legday-backups/{saved.backup.name}"
    at = f"{clock.today().isoformat()}T12:00:00"
    assert rows == [
        [at, "coach@club.example", "maya", "log", f"logs/maya.csv backup {backup}"],
        [at, "coach@club.example", "maya", "plan", "plans/maya/2026-12-07.csv"],
        [at, "", "new-one", "new", "new-one.csv"],
    ]
    # the audit log is no athlete
    assert sorted(r.athlete.id for r in load_folder(tmp_path)) == ["maya", "new-one"]


# ------------------------------------------------------------- db load's access file


def test_db_load_checks_the_access_file_and_loads_none_with_an_error(
    folder: Path, tmp_path: Path, capsys
) -> None:
    from legday.commands import db as db_command

    url = f"sqlite:///{tmp_path / 'legday.db'}"
    assert db_command.init(url) == 0
    good = "coaches:\n  - email: head@club.example\n    athletes: all\n"
    (folder / "access.yaml").write_text(good)
    assert db_command.load(url, folder, "test") == 0
    bad = "coaches:\n  - email: head\n    athletes: all\n"
    (folder / "access.yaml").write_text(bad)
    assert db_command.load(url, folder, "test") == 1  # the athletes load, the access file not
    out = capsys.readouterr().out
    assert f"{folder / 'access.yaml'}:2: error: email: 'head' is not an email address" in out
    store = SqlStore(url)
    assert store.access_file() == ("access.yaml", good.encode())  # the one it had
    store.dispose()
