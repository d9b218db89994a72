"""Saving an edited log without ever losing one.

Three guards, in order:

1. **Refuse a stale save.** The editor remembers the file's signature (mtime_ns, size,
   sha256) from when it loaded it. If the file on disk no longer matches, someone else
   (another browser tab, a coach's text editor, a sync client) changed it: the save is
   refused and nothing is written. The caller offers the user's version as a download.
2. **Keep the previous version.** Before replacing the file, its current bytes are
   copied to ``.legday-backups/<name>.<YYYYmmdd-HHMMSS>.<ext>`` beside it (a dot-folder,
   so ``load_folder`` never lists backups as athletes).
3. **Replace atomically.** The new text goes to a temporary file in the same folder,
   is flushed and fsynced, then ``os.replace`` swaps it in: a crash at any point leaves
   either the old file or the new one, never half of each.

Why plain CSV and not ``spreadsheet_safe``: the saved log is legday's own input and
must read back exactly as written; prefixing cells that start with ``-`` or ``=`` would
change the data (a note "-5 min" would gain a quote). Escaping is for downloads meant
for a spreadsheet (legday.export), not for the data folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from legday import clock
from legday.model import DAY_COLUMNS, OPTIONAL_DAY_COLUMNS, SET_COLUMNS, WEEK_TOTAL_COLUMNS, Athlete

BACKUP_DIR = ".legday-backups"

#: (mtime_ns, size, sha256 hex) of a file as it was loaded.
Signature = tuple[int, int, str]


@dataclass(frozen=True)
class SaveResult:
    """``saved`` False means nothing was written; ``message`` says why, for the user."""

    saved: bool
    message: str
    backup: Path | None = None
    #: what the next save names: the new file's signature, or a database row's version
    signature: Signature | int | None = None


def file_signature(path: str | os.PathLike) -> Signature | None:
    """The file's (mtime_ns, size, sha256), or None when it does not exist."""
    file = Path(path)
    try:
        stat = file.stat()
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_size, digest)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """A log table as plain CSV text: blanks stay blank, no index, ``\\n`` line ends."""
    return frame.to_csv(index=False, lineterminator="\n", na_rep="")


def days_to_csv(days: pd.DataFrame) -> str:
    """A typed daily frame (DAY_COLUMNS) as a legday CSV log, plain (not escaped).

    Dates as YYYY-MM-DD, numbers without trailing zeros, blanks for missing values,
    so the loader reads back the same frame.
    """
    out = days.reindex(columns=list(DAY_COLUMNS)).copy()
    for column in ("run", "strength", "notes", "pain_site"):
        out[column] = out[column].fillna("").astype(str).str.replace(r"[\r\n]+", " ", regex=True)
    unused = [c for c in OPTIONAL_DAY_COLUMNS if (out[c].isna() | (out[c] == "")).all()]
    out = out.drop(columns=unused)  # optional columns are written once they are used
    return _dated_csv(out, "date")


def weeks_to_csv(weeks: pd.DataFrame) -> str:
    """A typed weekly-totals frame (WEEK_TOTAL_COLUMNS) as a legday weekly CSV log."""
    return _dated_csv(weeks.reindex(columns=list(WEEK_TOTAL_COLUMNS)).copy(), "week_of")


def sets_to_csv(sets: pd.DataFrame) -> str:
    """A sets frame (SET_COLUMNS; extra columns dropped) as a legday sets log, plain."""
    out = sets.reindex(columns=list(SET_COLUMNS)).copy()
    for column in ("exercise", "side", "type", "source"):
        out[column] = out[column].fillna("").astype(str).str.replace(r"[\r\n]+", " ", regex=True)
    out["type"] = out["type"].where(out["type"] != "normal", "")
    return _dated_csv(out, "date")


def log_to_csv(athlete: Athlete) -> str:
    """The athlete's log as legday CSV text, as written (weekly totals or days; the
    sessions a sets log fills in stay in the sets log)."""
    if athlete.week_totals is not None:
        return weeks_to_csv(athlete.week_totals)
    return days_to_csv(athlete.written_days)


def _dated_csv(frame: pd.DataFrame, date_column: str) -> str:
    frame[date_column] = pd.to_datetime(frame[date_column]).dt.strftime("%Y-%m-%d")
    return frame.to_csv(index=False, lineterminator="\n", na_rep="", float_format="%.10g")


def _write_text(handle, text: str) -> None:
    """The one write call (tests replace it to simulate a crash mid-write)."""
    handle.write(text.encode("utf-8"))


def save_log(
    path: str | os.PathLike,
    frame_or_text: pd.DataFrame | str,
    expected_signature: Signature | None,
    now: dt.datetime | None = None,
) -> SaveResult:
    """Write ``frame_or_text`` to ``path`` if the file is still what the editor loaded.

    ``expected_signature`` None means "the file did not exist when loaded" (a new log).
    """
    target = Path(path)
    text = frame_or_text if isinstance(frame_or_text, str) else frame_to_csv(frame_or_text)
    current = file_signature(target)
    if current != expected_signature:
        what = "was deleted" if current is None else "changed on disk"
        return SaveResult(
            False,
            f"{target.name} {what} since you opened it, so it was not saved (your edits "
            "would overwrite someone else's). Download your version and merge by hand, "
            "or reload the page to edit the newest file.",
        )
    backup = _backup(target, now or clock.now()) if current is not None else None
    if not write_atomic(target, text, unchanged=lambda: file_signature(target) == current):
        return SaveResult(
            False,
            f"{target.name} changed on disk while saving, so it was not saved (your edits "
            "would overwrite someone else's). Download your version and merge by hand, "
            "or reload the page to edit the newest file.",
            backup,
        )
    where = f" (previous version kept in {BACKUP_DIR}/{backup.name})" if backup else ""
    return SaveResult(True, f"Saved {target.name}{where}.", backup, file_signature(target))


def write_atomic(
    path: str | os.PathLike, text: str, unchanged: Callable[[], bool] | None = None
) -> bool:
    """Write ``text`` (UTF-8) beside ``path``, fsync, then rename over it.

    A crash at any point leaves the old file or the new one, never half of each. The
    one way legday writes a user's file (the Log page's save, ``legday import --out``).
    ``unchanged`` is asked again just before the rename (the file may have changed
    while the text was written); False leaves the target untouched and returns False.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_text(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged is not None and not unchanged():
            Path(temp_name).unlink(missing_ok=True)
            return False
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    return True


def _backup(target: Path, now: dt.datetime) -> Path:
    folder = target.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    backup = folder / f"{target.stem}.{stamp}{target.suffix}"
    number = 1
    while backup.exists():  # two saves in one second keep both
        backup = folder / f"{target.stem}.{stamp}-{number}{target.suffix}"
        number += 1
    backup.write_bytes(target.read_bytes())
    return backup


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders can't be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_writable_folder(folder: str | os.PathLike) -> bool:
    """Whether saves can work here at all (the Log page offers a download otherwise)."""
    return os.access(folder, os.W_OK | os.X_OK)
