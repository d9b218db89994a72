"""The logs a session holds: uploads, kept logs scoped by source, the file an edit is
made on (a stored log read through its store, with its version), the editor's base,
and the spreadsheet download."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from legday import session_logs
from legday.demo import DEMO_DIR, load_demo
from legday.io import load_folder
from legday.io.save import days_to_csv, frame_to_csv, log_to_csv
from legday.session_logs import EditorBase, LogFile, Upload
from legday.store import FolderStore

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
    store = session_logs.keep_log(None, "demo", None, dan)
    store = session_logs.keep_log(store, "upload", first, first.result.athlete)
    assert session_logs.kept_logs(store, "demo", None) == {"dan-marathon": dan}
    assert session_logs.kept_logs(store, "folder", None) == {}
    assert set(session_logs.kept_logs(store, "upload", first)) == {"x"}
    assert session_logs.kept_logs(store, "upload", second) == {}
    assert session_logs.kept_logs(None, "demo", None) == {}


def test_keeping_a_log_leaves_the_old_store_as_it_was() -> None:
    dan = _athlete(load_demo(TODAY), "dan-marathon")
    before = {"folder": {}}
    after = session_logs.keep_log(before, "demo", None, dan)
    assert before == {"folder": {}}
    assert after == {"folder": {}, "demo": {"dan-marathon": dan}}


def test_a_kept_log_replaces_only_its_athlete() -> None:
    results = load_demo(TODAY)
    dan = _athlete(results, "dan-marathon")
    edited = session_logs.edited_athlete(dan, LOG, TODAY)
    merged = session_logs.with_kept(results, {"dan-marathon": edited})
    assert [r.path for r in merged] == [r.path for r in results]
    for old, new in zip(results, merged, strict=True):
        if old.athlete is dan:
            assert new.athlete is edited and new.log_path == old.log_path
        else:
            assert new is old


def test_an_edited_log_replaces_the_days_or_the_weekly_totals() -> None:
    results = load_demo(TODAY)
    dan, kenji = _athlete(results, "dan-marathon"), _athlete(results, "kenji-weekly")
    days = session_logs.edited_athlete(dan, LOG, TODAY)
    assert days.profile == dan.profile and days.week_totals is None
    assert days.days["date"].dt.date.tolist() == [dt.date(2026, 11, d) for d in (2, 3, 4)]
    weeks = session_logs.edited_athlete(kenji, WEEKS, TODAY)
    assert weeks.week_totals["distance"].tolist() == [30.0]
    assert session_logs.edited_athlete(dan, "date,run\n2026-02-30,easy\n", TODAY) is None


# --------------------------------------------------------------------- the file to edit


def test_a_stored_log_is_read_through_its_store_with_its_version(folder: Path) -> None:
    results = load_folder(folder, TODAY)
    dan = _athlete(results, "dan-marathon")
    store = FolderStore(folder)
    file = session_logs.log_file("folder", dan, results, store)
    on_disk = folder / "logs" / "dan-marathon.csv"
    text = store.log("dan-marathon")
    assert file == LogFile("dan-marathon.csv", on_disk.read_bytes(), True, text.version)
    assert session_logs.log_file("folder", dan, results, FolderStore(folder / "logs" / "x")) is None


def test_a_log_inside_a_yaml_profile_has_no_file_to_edit(folder: Path) -> None:
    results = load_folder(folder, TODAY)
    ana = _athlete(results, "ana-hills")
    assert session_logs.log_file("folder", ana, results, FolderStore(folder)) is None
    demo = load_demo(TODAY)
    assert session_logs.log_file("demo", _athlete(demo, "ana-hills"), demo) is None


def test_the_demo_log_opens_with_its_dates_moved() -> None:
    results = load_demo(TODAY)
    dan = _athlete(results, "dan-marathon")
    file = session_logs.log_file("demo", dan, results)
    assert file == LogFile("dan-marathon.csv", log_to_csv(dan).encode())
    shown = session_logs.editor_table(file.data)
    assert pd.Timestamp(shown["date"].iloc[-1]).date() == dan.last_date


def test_an_upload_opens_as_uploaded_until_an_edit_is_kept() -> None:
    upload = Upload.read("u", "mine.csv", LOG.encode())
    file = session_logs.log_file("upload", upload.result.athlete, [upload.result], upload=upload)
    assert file == LogFile("mine.csv", LOG.encode())
    kept = session_logs.edited_athlete(upload.result.athlete, LOG.replace("=1+1", "fine"), TODAY)
    results = session_logs.with_kept([upload.result], {kept.id: kept})
    file = session_logs.log_file("upload", kept, results, upload=upload)
    assert file == LogFile("mine.csv", log_to_csv(kept).encode())
    profile = Upload.read("p", "me.yaml", b"name: Me\ndays:\n  - {date: 2026-11-02, run: easy}\n")
    assert (
        session_logs.log_file("upload", profile.result.athlete, [profile.result], upload=profile)
        is None
    )


# ----------------------------------------------------------------------- editor base


def test_the_editor_keeps_its_base_while_the_log_is_the_same() -> None:
    base = session_logs.editor_base(None, LogFile("dan.csv", b"a"))
    assert base == EditorBase("dan.csv", b"a", None, 0)
    assert session_logs.editor_base(base, LogFile("dan.csv", b"a")) is base
    assert session_logs.editor_base(base, LogFile("other.csv", b"a")).generation == 1


def test_a_session_log_that_changed_under_the_editor_reopens_it() -> None:
    """An edit kept or a check-in changes the session's log: the editor starts anew."""
    base = session_logs.editor_base(None, LogFile("dan.csv", b"a"))
    again = session_logs.editor_base(base, LogFile("dan.csv", b"a plus a check-in"))
    assert (again.data, again.generation) == (b"a plus a check-in", 1)


def _opened(store: FolderStore, athlete_id: str) -> EditorBase:
    text = store.log(athlete_id)
    return session_logs.editor_base(None, LogFile(text.name, text.data, True, text.version))


def test_a_stored_editor_keeps_its_base_so_a_stale_save_is_refused(folder: Path) -> None:
    store = FolderStore(folder)
    log = folder / "logs" / "dan-marathon.csv"
    base = _opened(store, "dan-marathon")
    log.write_text(log.read_text() + "2026-11-23,rest,,,,none,,,2,someone else\n")
    theirs = log.read_bytes()
    newest = store.log("dan-marathon")
    same = session_logs.editor_base(base, LogFile(log.name, theirs, True, newest.version))
    assert same is base
    result = store.save_log("dan-marathon", LOG, same.read_at)
    assert not result.saved and "changed on disk since you opened it" in result.message
    assert log.read_bytes() == theirs


def test_a_save_moves_the_editor_to_the_new_version(folder: Path) -> None:
    store = FolderStore(folder)
    log = folder / "logs" / "dan-marathon.csv"
    base = _opened(store, "dan-marathon")
    result = store.save_log("dan-marathon", LOG, base.read_at)
    assert result.saved and log.read_text() == LOG
    after = session_logs.after_save(base, LOG, result)
    assert (after.data, after.read_at, after.generation) == (LOG.encode(), result.signature, 1)
    assert store.save_log("dan-marathon", LOG + LOG.splitlines()[-1], after.read_at).saved


# ------------------------------------------------------------------ the editor's table


def test_the_editor_table_holds_the_text_as_typed() -> None:
    table = session_logs.editor_table(("\ufeff" + LOG).encode())
    assert table["notes"].tolist() == ["", "-5 min", "=1+1"]
    assert table["distance"].tolist() == ["4", "9", ""]
    assert frame_to_csv(table) == LOG


def test_the_download_neutralises_formulas_and_keeps_numbers() -> None:
    table = session_logs.editor_table(LOG.replace(",2,\n", ",-2,\n", 1).encode())
    lines = session_logs.download_csv(table).splitlines()
    assert lines[1].endswith(",-2,")  # a number, even a negative one, stays as typed
    assert lines[2].endswith(",'-5 min") and lines[3].endswith(",'=1+1")


def test_a_check_in_text_reads_back_as_the_same_days() -> None:
    dan = _athlete(load_demo(TODAY), "dan-marathon")
    again = session_logs.edited_athlete(dan, days_to_csv(dan.days), TODAY)
    pd.testing.assert_frame_equal(again.days, dan.days)
