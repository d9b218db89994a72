"""Where an edit goes: the file it is made on, save or keep in the session, kept logs
scoped by source, the editor's base, and the spreadsheet download."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from legday import logstore
from legday.demo import DEMO_DIR, load_demo
from legday.io import load_folder
from legday.io.save import days_to_csv, frame_to_csv, log_to_csv
from legday.logstore import Destination, EditorBase, LogFile, Upload

TODAY = dt.date(2026, 12, 2)
LOG = (
    "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
    "2026-11-02,easy,4,40,3,none,,,2,\n"
    "2026-11-03,long,9,90,5,none,,,3,-5 min\n"
    "2026-11-04,rest,,,,light,20,4,4,=1+1\n"
)
WEEKS = "week_of,distance,long_run,runs,strength_sessions,soreness\n2026-11-02,30,10,4,1,3\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the demo's athlete files."""
    return shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")


def _athlete(results, athlete_id: str):
    return next(r.athlete for r in results if r.athlete and r.athlete.id == athlete_id)


# ---------------------------------------------------------------------------- uploads


def test_an_upload_is_one_record_of_what_was_read() -> None:
    upload = Upload.read("f1", "folder/my-log.csv", LOG.encode())
    assert (upload.file_id, upload.name, upload.size) == ("f1", "my-log.csv", len(LOG))
    assert upload.usable and upload.result.athlete.id == "my-log"


def test_a_broken_upload_is_no_data_source() -> None:
    upload = Upload.read("f2", "broken.csv", b"date,run,distance\n2026-02-30,easy,5\n")
    assert not upload.usable
    assert upload.result.problems


# ------------------------------------------------------------------------- kept logs


def test_kept_logs_belong_to_their_source_and_upload() -> None:
    """The demo's Dan is not the folder's Dan, and a new upload starts clean."""
    dan = _athlete(load_demo(TODAY), "dan-marathon")
    first, second = Upload.read("a", "x.csv", LOG.encode()), Upload.read("b", "x.csv", LOG.encode())
    store = logstore.keep_log(None, "demo", None, dan)
    store = logstore.keep_log(store, "upload", first, first.result.athlete)
    assert logstore.kept_logs(store, "demo", None) == {"dan-marathon": dan}
    assert logstore.kept_logs(store, "folder", None) == {}
    assert set(logstore.kept_logs(store, "upload", first)) == {"x"}
    assert logstore.kept_logs(store, "upload", second) == {}
    assert logstore.kept_logs(None, "demo", None) == {}


def test_keeping_a_log_leaves_the_old_store_as_it_was() -> None:
    dan = _athlete(load_demo(TODAY), "dan-marathon")
    before = {"folder": {}}
    after = logstore.keep_log(before, "demo", None, dan)
    assert before == {"folder": {}}
    assert after == {"folder": {}, "demo": {"dan-marathon": dan}}


def test_a_kept_log_replaces_only_its_athlete() -> None:
    results = load_demo(TODAY)
    dan = _athlete(results, "dan-marathon")
    edited = logstore.edited_athlete(dan, LOG, TODAY)
    merged = logstore.with_kept(results, {"dan-marathon": edited})
    assert [r.path for r in merged] == [r.path for r in results]
    for old, new in zip(results, merged, strict=True):
        if old.athlete is dan:
            assert new.athlete is edited and new.log_path == old.log_path
        else:
            assert new is old


def test_an_edited_log_replaces_the_days_or_the_weekly_totals() -> None:
    results = load_demo(TODAY)
    dan, kenji = _athlete(results, "dan-marathon"), _athlete(results, "kenji-weekly")
    days = logstore.edited_athlete(dan, LOG, TODAY)
    assert days.profile == dan.profile and days.week_totals is None
    assert days.days["date"].dt.date.tolist() == [dt.date(2026, 11, d) for d in (2, 3, 4)]
    weeks = logstore.edited_athlete(kenji, WEEKS, TODAY)
    assert weeks.week_totals["distance"].tolist() == [30.0]
    assert logstore.edited_athlete(dan, "date,run\n2026-02-30,easy\n", TODAY) is None


# --------------------------------------------------------------------- the file to edit


def test_a_folder_log_is_read_from_disk_inside_the_folder(folder: Path) -> None:
    results = load_folder(folder, TODAY)
    dan = _athlete(results, "dan-marathon")
    file = logstore.log_file("folder", dan, results, folder)
    on_disk = folder / "logs" / "dan-marathon.csv"
    assert file == LogFile("dan-marathon.csv", on_disk.read_bytes(), on_disk.resolve())
    assert logstore.log_file("folder", dan, results, folder / "logs" / "elsewhere") is None


def test_a_log_inside_a_yaml_profile_has_no_file_to_edit(folder: Path) -> None:
    results = load_folder(folder, TODAY)
    ana = _athlete(results, "ana-hills")
    assert logstore.log_file("folder", ana, results, folder) is None
    demo = load_demo(TODAY)
    assert logstore.log_file("demo", _athlete(demo, "ana-hills"), demo) is None


def test_the_demo_log_opens_with_its_dates_moved() -> None:
    results = load_demo(TODAY)
    dan = _athlete(results, "dan-marathon")
    file = logstore.log_file("demo", dan, results)
    assert file == LogFile("dan-marathon.csv", log_to_csv(dan).encode())
    shown = logstore.editor_table(file.data)
    assert pd.Timestamp(shown["date"].iloc[-1]).date() == dan.last_date


def test_an_upload_opens_as_uploaded_until_an_edit_is_kept() -> None:
    upload = Upload.read("u", "mine.csv", LOG.encode())
    assert logstore.log_file("upload", upload.result.athlete, [upload.result], upload=upload) == (
        LogFile("mine.csv", LOG.encode())
    )
    kept = logstore.edited_athlete(upload.result.athlete, LOG.replace("=1+1", "fine"), TODAY)
    results = logstore.with_kept([upload.result], {kept.id: kept})
    file = logstore.log_file("upload", kept, results, upload=upload)
    assert file == LogFile("mine.csv", log_to_csv(kept).encode())
    profile = Upload.read("p", "me.yaml", b"name: Me\ndays:\n  - {date: 2026-11-02, run: easy}\n")
    assert (
        logstore.log_file("upload", profile.result.athlete, [profile.result], upload=profile)
        is None
    )


# ----------------------------------------------------------------------- editor base


def test_the_editor_keeps_its_base_while_the_log_is_the_same() -> None:
    base = logstore.editor_base(None, LogFile("dan.csv", b"a"))
    assert base == EditorBase("dan.csv", b"a", None, 0)
    assert logstore.editor_base(base, LogFile("dan.csv", b"a")) is base
    assert logstore.editor_base(base, LogFile("other.csv", b"a")).version == 1


def test_a_session_log_that_changed_under_the_editor_reopens_it() -> None:
    """An edit kept or a check-in changes the session's log: the editor starts anew."""
    base = logstore.editor_base(None, LogFile("dan.csv", b"a"))
    again = logstore.editor_base(base, LogFile("dan.csv", b"a plus a check-in"))
    assert (again.data, again.version) == (b"a plus a check-in", 1)


def test_a_folder_editor_keeps_its_base_so_a_stale_save_is_refused(folder: Path) -> None:
    log = folder / "logs" / "dan-marathon.csv"
    base = logstore.editor_base(None, LogFile(log.name, log.read_bytes(), log))
    log.write_text(log.read_text() + "2026-11-23,rest,,,,none,,,2,someone else\n")
    theirs = log.read_bytes()
    same = logstore.editor_base(base, LogFile(log.name, theirs, log))
    assert same is base
    result = logstore.save(log, LOG, same)
    assert not result.saved and "changed on disk since you opened it" in result.message
    assert log.read_bytes() == theirs


def test_a_save_moves_the_editor_to_the_new_file(folder: Path) -> None:
    log = folder / "logs" / "dan-marathon.csv"
    base = logstore.editor_base(None, LogFile(log.name, log.read_bytes(), log))
    result = logstore.save(log, LOG, base)
    assert result.saved and log.read_text() == LOG
    after = logstore.after_save(base, LOG, result)
    assert (after.data, after.signature, after.version) == (LOG.encode(), result.signature, 1)
    assert logstore.save(log, LOG + LOG.splitlines()[-1], after).saved


def test_a_save_without_an_open_editor_takes_the_file_as_it_is(folder: Path) -> None:
    log = folder / "logs" / "dan-marathon.csv"
    assert logstore.save(log, LOG, None).saved


# ---------------------------------------------------------------------- save or keep


def test_a_writable_folder_log_is_saved(folder: Path) -> None:
    file = LogFile("dan.csv", b"", folder / "dan.csv")
    assert logstore.destination("folder", folder, file) == Destination(folder / "dan.csv")
    assert logstore.can_save("folder", folder)


@pytest.mark.parametrize(
    ("source", "has_file", "why"),
    [
        ("demo", True, "nothing is written to disk here"),
        ("upload", True, "nothing is written to disk here"),
        ("demo", False, "nothing is written to disk here"),
        ("folder", False, "inside the YAML profile"),
    ],
)
def test_other_edits_stay_in_the_session(folder: Path, source, has_file, why) -> None:
    file = LogFile("dan.csv", b"", None if source != "folder" else folder / "dan.csv")
    where = logstore.destination(source, folder, file if has_file else None)
    assert where.path is None and why in where.why
    assert logstore.can_save(source, folder) is (source == "folder")


def test_a_read_only_folder_keeps_edits_in_the_session(folder: Path, monkeypatch) -> None:
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    where = logstore.destination("folder", folder, LogFile("dan.csv", b"", folder / "dan.csv"))
    assert where == Destination(None, "the data folder is read-only")
    assert not logstore.can_save("folder", folder)


@pytest.mark.parametrize(
    ("athlete_id", "why"),
    [
        ("Bad Id", "not an athlete id"),
        ("../x", "not an athlete id"),
        ("sam-csv-only", "sam-csv-only.csv already exists"),
    ],
)
def test_an_import_is_never_saved_over_a_file_or_outside(folder: Path, athlete_id, why) -> None:
    where = logstore.new_log(folder, athlete_id)
    assert where.path is None and why in where.why


def test_an_import_is_saved_as_a_new_athlete(folder: Path) -> None:
    assert logstore.new_log(folder, "new-runner") == Destination(folder / "new-runner.csv")


# ------------------------------------------------------------------ the editor's table


def test_the_editor_table_holds_the_text_as_typed() -> None:
    table = logstore.editor_table(("\ufeff" + LOG).encode())
    assert table["notes"].tolist() == ["", "-5 min", "=1+1"]
    assert table["distance"].tolist() == ["4", "9", ""]
    assert frame_to_csv(table) == LOG


def test_the_download_neutralises_formulas_and_keeps_numbers() -> None:
    table = logstore.editor_table(LOG.replace(",2,\n", ",-2,\n", 1).encode())
    lines = logstore.download_csv(table).splitlines()
    assert lines[1].endswith(",-2,")  # a number, even a negative one, stays as typed
    assert lines[2].endswith(",'-5 min") and lines[3].endswith(",'=1+1")


def test_a_check_in_text_reads_back_as_the_same_days() -> None:
    dan = _athlete(load_demo(TODAY), "dan-marathon")
    again = logstore.edited_athlete(dan, days_to_csv(dan.days), TODAY)
    pd.testing.assert_frame_equal(again.days, dan.days)


# ------------------------------------------------------------------------ saved plans

WEEK = dt.date(2026, 11, 30)


def test_a_plan_is_saved_under_plans_only_from_a_writable_folder(folder: Path) -> None:
    where = logstore.plan_destination("folder", folder, "dan-marathon", WEEK)
    assert where.path == (folder / "plans" / "dan-marathon" / "2026-11-30.csv").resolve()
    for source in ("demo", "upload"):
        refused = logstore.plan_destination(source, None, "dan-marathon", WEEK)
        assert refused.path is None and "nothing is written" in refused.why


def test_a_read_only_folder_saves_no_plan(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(logstore, "is_writable_folder", lambda _: False)
    where = logstore.plan_destination("folder", folder, "dan-marathon", WEEK)
    assert where.path is None and "read-only" in where.why


@pytest.mark.parametrize("athlete_id", ["../dan", "Dan", "", "a/b"])
def test_a_plan_path_never_comes_from_a_bad_id(folder: Path, athlete_id: str) -> None:
    assert logstore.plan_destination("folder", folder, athlete_id, WEEK).path is None


def test_a_new_plan_is_saved_once_and_a_changed_one_is_refused(folder: Path) -> None:
    path = logstore.plan_destination("folder", folder, "dan-marathon", WEEK).path
    assert logstore.plan_signature(path) is None and logstore.plan_signature(None) is None
    first = logstore.save_plan(path, "date,run,distance,strength\n", None)
    assert first.saved and path.read_text() == "date,run,distance,strength\n"
    drawn = logstore.plan_signature(path)
    path.write_text("someone else's plan\n")  # changed after the page drew it
    again = logstore.save_plan(path, "mine\n", drawn)
    assert not again.saved and "changed on disk" in again.message
    assert path.read_text() == "someone else's plan\n"
    # a page that drew "no file yet" is refused once a file is there
    assert not logstore.save_plan(path, "mine\n", None).saved


def test_a_saved_plan_replaced_keeps_a_backup(folder: Path) -> None:
    path = logstore.plan_destination("folder", folder, "dan-marathon", WEEK).path
    logstore.save_plan(path, "one\n", None)
    result = logstore.save_plan(path, "two\n", logstore.plan_signature(path))
    assert result.saved and result.backup is not None and result.backup.read_text() == "one\n"


def test_the_plans_signature_moves_with_every_saved_plan(folder: Path) -> None:
    empty = logstore.plans_signature(folder)
    assert logstore.plans_signature(None) == ""
    path = logstore.plan_destination("folder", folder, "dan-marathon", WEEK).path
    logstore.save_plan(path, "one\n", None)
    dan = logstore.plans_signature(folder, "dan-marathon")
    every = logstore.plans_signature(folder)
    assert every != empty and dan != logstore.plans_signature(folder, "ana-hills")
    os.utime(path, ns=(1, 1))
    assert logstore.plans_signature(folder, "dan-marathon") != dan
    assert logstore.plans_signature(folder) != every


# ---------------------------------------------------------------------- who saved it


def test_a_signed_in_save_appends_one_audit_row_and_a_refused_one_none(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "maya.csv"
    log.parent.mkdir()
    log.write_text("date,run,distance\n2026-11-30,easy,5\n", encoding="utf-8")
    author = logstore.Author(tmp_path, "coach@club.example", "maya")
    base = logstore.editor_base(None, LogFile("maya.csv", log.read_bytes(), log))
    saved = logstore.save(log, "date,run,distance\n2026-11-30,easy,6\n", base, author)
    assert saved.saved
    refused = logstore.save(log, "date,run,distance\n2026-11-30,easy,7\n", base, author)
    assert not refused.saved  # the base is stale now: nothing written, nothing recorded
    plan = tmp_path / "plans" / "maya" / "2026-12-07.csv"
    assert logstore.save_plan(plan, "date,run\n2026-12-07,rest\n", None, author).saved
    with (tmp_path / logstore.AUDIT_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    # the suite's clock: 2026-12-02 at noon (tests/conftest.py, LEGDAY_TODAY); the
    # folder store's columns: time, who, athlete, what, detail
    backup = f"logs/.legday-backups/{saved.backup.name}"
    assert rows == [
        [
            "2026-12-02T12:00:00",
            "coach@club.example",
            "maya",
            "log",
            f"logs/maya.csv backup {backup}",
        ],
        ["2026-12-02T12:00:00", "coach@club.example", "maya", "plan", "plans/maya/2026-12-07.csv"],
    ]


def test_without_an_author_nothing_is_recorded(tmp_path: Path) -> None:
    new = tmp_path / "new-athlete.csv"
    assert logstore.save_new(new, "date,run,distance\n2026-11-30,easy,5\n").saved
    assert not (tmp_path / logstore.AUDIT_FILE).exists()
    assert [r.path for r in load_folder(tmp_path)] == [str(new)]  # the audit log is no athlete
