"""Saving an edited log: atomic, refused when the file changed, previous version kept."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

from legday.io import load_athlete
from legday.io import save as save_mod
from legday.io.save import (
    BACKUP_DIR,
    days_to_csv,
    file_signature,
    frame_to_csv,
    is_writable_folder,
    save_log,
)
from legday.model import days_from_records

OLD = "date,run,distance\n2026-03-02,easy,5\n"
NEW = "date,run,distance\n2026-03-02,easy,5\n2026-03-03,hard,6\n"
NOW = dt.datetime(2026, 11, 26, 7, 30, 5)


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "ana.csv"
    path.write_text(OLD)
    return path


def test_signature_is_mtime_size_and_sha256(log: Path) -> None:
    mtime_ns, size, digest = file_signature(log)
    assert size == len(OLD.encode())
    assert mtime_ns == log.stat().st_mtime_ns
    assert len(digest) == 64
    assert file_signature(log.parent / "missing.csv") is None


def test_save_writes_the_new_text_and_keeps_a_dated_backup(log: Path) -> None:
    result = save_log(log, NEW, file_signature(log), now=NOW)
    assert result.saved, result.message
    assert log.read_text() == NEW
    assert result.backup == log.parent / BACKUP_DIR / "ana.20261126-073005.csv"
    assert result.backup.read_text() == OLD
    assert result.signature == file_signature(log)
    assert f"{BACKUP_DIR}/ana.20261126-073005.csv" in result.message
    # no temporary files left beside the log
    assert sorted(p.name for p in log.parent.iterdir()) == [BACKUP_DIR, "ana.csv"]


def test_two_saves_in_one_second_keep_both_backups(log: Path) -> None:
    first = save_log(log, NEW, file_signature(log), now=NOW)
    second = save_log(log, OLD, first.signature, now=NOW)
    assert second.saved
    assert first.backup.read_text() == OLD
    assert second.backup.name == "ana.20261126-073005-1.csv"
    assert second.backup.read_text() == NEW


def test_save_is_refused_when_the_file_changed_since_it_was_loaded(log: Path) -> None:
    """Another editor saved in between: nothing is written, no backup is made."""
    loaded = file_signature(log)
    log.write_text(OLD + "2026-03-04,rest,\n")  # the other editor's version
    theirs = log.read_text()
    result = save_log(log, NEW, loaded, now=NOW)
    assert not result.saved
    assert "changed on disk" in result.message and "Download your version" in result.message
    assert log.read_text() == theirs
    assert not (log.parent / BACKUP_DIR).exists()


def test_same_size_same_mtime_edit_is_still_caught_by_the_hash(log: Path) -> None:
    """An edit that keeps size and mtime (coarse clocks, touch -r) differs in sha256."""
    loaded = file_signature(log)
    log.write_text(OLD.replace("easy", "hard"))  # same length
    os.utime(log, ns=(loaded[0], loaded[0]))
    assert file_signature(log)[:2] == loaded[:2]
    assert not save_log(log, NEW, loaded).saved


def test_save_is_refused_when_the_file_was_deleted(log: Path) -> None:
    loaded = file_signature(log)
    log.unlink()
    result = save_log(log, NEW, loaded)
    assert not result.saved and "was deleted" in result.message
    assert not log.exists()


def test_a_new_log_is_written_when_none_existed(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    result = save_log(target, NEW, None)
    assert result.saved and result.backup is None
    assert target.read_text() == NEW


def test_a_new_log_is_refused_if_a_file_appeared_meanwhile(log: Path) -> None:
    assert not save_log(log, NEW, None).saved
    assert log.read_text() == OLD


def test_a_crash_mid_write_leaves_the_old_file_intact(log: Path, monkeypatch) -> None:
    """The writer fails after half the bytes: the log is untouched, no temp file is left."""

    def broken_write(handle, text: str) -> None:
        data = text.encode()
        handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save_mod, "_write_text", broken_write)
    with pytest.raises(OSError, match="No space left"):
        save_log(log, NEW, file_signature(log), now=NOW)
    assert log.read_text() == OLD
    leftovers = [p.name for p in log.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_write_by_someone_else_during_the_save_wins_and_is_reported(
    log: Path, monkeypatch
) -> None:
    """Another program writes the log while our text goes to the temp file: theirs stays."""
    theirs = OLD + "2026-03-09,easy,5,,,,,,,theirs\n"
    real_write = save_mod._write_text

    def write_while_they_save(handle, text: str) -> None:
        log.write_text(theirs)
        real_write(handle, text)

    monkeypatch.setattr(save_mod, "_write_text", write_while_they_save)
    result = save_log(log, NEW, file_signature(log), now=NOW)
    assert not result.saved and "changed on disk" in result.message
    assert log.read_text() == theirs
    assert result.backup is not None and result.backup.read_text() == OLD
    assert not [p for p in log.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_crash_at_the_rename_leaves_the_old_file_intact(log: Path, monkeypatch) -> None:
    def failing_replace(src, dst) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(save_mod.os, "replace", failing_replace)
    with pytest.raises(OSError):
        save_log(log, NEW, file_signature(log), now=NOW)
    assert log.read_text() == OLD
    assert not [p for p in log.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_frame_is_saved_as_plain_csv_that_round_trips() -> None:
    """Cells starting with '-' or '=' stay as they are (no spreadsheet quote)."""
    frame = pd.DataFrame(
        {"date": ["2026-03-02"], "run": ["easy"], "notes": ["-5 min cut; =felt ok"]}
    )
    text = frame_to_csv(frame)
    assert text == "date,run,notes\n2026-03-02,easy,-5 min cut; =felt ok\n"


def test_days_to_csv_reads_back_as_the_same_days(tmp_path: Path) -> None:
    days = days_from_records(
        [
            {"date": "2026-03-02", "run": "easy", "distance": 5.25, "minutes": 40, "rpe": 4},
            {"date": "2026-03-03", "strength": "heavy", "strength_minutes": 30, "soreness": 3},
            {"date": "2026-03-03", "run": "hard", "distance": 6, "notes": "-2 reps, =ok"},
        ]
    )
    path = tmp_path / "t.csv"
    path.write_text(days_to_csv(days))
    loaded = load_athlete(path, today=dt.date(2026, 11, 26))
    assert loaded.ok, [str(p) for p in loaded.problems]
    pd.testing.assert_frame_equal(loaded.athlete.days, days)


def test_writable_folder(tmp_path: Path) -> None:
    assert is_writable_folder(tmp_path)
    assert not is_writable_folder(tmp_path / "missing")
