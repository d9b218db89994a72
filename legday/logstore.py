"""Where an edited log goes, and the records the Log page keeps between runs.

An edit (the Edit tab's table, a daily check-in, an imported log) is either saved to
the coach's data folder through legday.io.save, or kept in this browser session in
place of the loaded log. Nothing else is ever written:

- Only a writable data folder is saved to, and only a CSV log inside it. The demo, an
  upload and a log written inside a YAML profile are kept in the session.
- A kept log belongs to one source and one uploaded file: the demo's Dan is not the
  data folder's Dan, and a new upload starts without the last one's edits.
- The editor opens the log as the session sees it: the demo with its dates moved and
  any kept edit or check-in in it. A session-held log that changes under the editor
  reopens it; a data folder's editor keeps the file's signature from when it opened,
  so a save over a file someone changed since is refused.
- A plan is saved the same way ("Save this plan" on the Planner page), only from a
  writable data folder, to ``<folder>/plans/<athlete>/<week_of>.csv``; the page keeps
  the file's signature from when it drew the plan (None: there was no file).
- With sign-in on, every save names who made it: one row in ``.legday-audit.csv`` at
  the top of the data folder (time, email, athlete, log or plan, the file and its
  backup), the folder store's audit file and columns (legday.store.folder), a dot-file
  the folder loader never reads as an athlete.

No streamlit here: the page keeps these values in ``st.session_state`` and draws them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from legday import clock
from legday.appstate import ATHLETE_ID, inside_folder
from legday.io import LoadResult, load_upload, plans, with_sets
from legday.io.csv_log import read_csv_log
from legday.io.save import (
    SaveResult,
    file_signature,
    is_writable_folder,
    log_to_csv,
    save_log,
)

# Signature, days_to_csv and frame_to_csv are re-exported: the pages write a log or a
# plan through this module, never through legday.io.save.
from legday.io.save import Signature as Signature
from legday.io.save import days_to_csv as days_to_csv
from legday.io.save import frame_to_csv as frame_to_csv
from legday.model import SET_COLUMNS, Athlete
from legday.safe_text import spreadsheet_safe

#: Kept logs in a session: scope (see ``scope``) -> athlete id -> the edited athlete.
KeptLogs = Mapping[str, Mapping[str, Athlete]]
#: One row per save made by a signed-in person, at the top of the data folder: the
#: folder store's file (legday.store.folder writes the same columns).
AUDIT_FILE = ".legday-audit.csv"


@dataclass(frozen=True)
class Author:
    """Who a save is made by (a signed-in email), for which athlete, and the data folder
    it is recorded in."""

    folder: Path
    email: str
    athlete: str = ""


@dataclass(frozen=True)
class Upload:
    """A file uploaded (or imported) in this browser session and what loading it gave."""

    file_id: str  # the upload widget's id for the file: a new file, a new id
    name: str  # the name shown (the loader's, without folders)
    data: bytes
    result: LoadResult

    @classmethod
    def read(cls, file_id: str, name: str, data: bytes) -> Upload:
        result = load_upload(name, data)
        return cls(file_id, result.path, data, result)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def usable(self) -> bool:
        """Whether it loaded as an athlete: a file that did not is no data source."""
        return self.result.athlete is not None


# -------------------------------------------------------------------------- kept logs


def scope(source: str, upload: Upload | None) -> str:
    """The scope a kept log belongs to: the source, and for an upload the file too."""
    if source == "upload":
        return f"upload:{upload.file_id if upload else ''}"
    return source


def kept_logs(store: KeptLogs | None, source: str, upload: Upload | None) -> dict[str, Athlete]:
    """The logs kept for ``source`` (and this upload), by athlete id."""
    return dict((store or {}).get(scope(source, upload), {}))


def keep_log(
    store: KeptLogs | None, source: str, upload: Upload | None, athlete: Athlete
) -> dict[str, dict[str, Athlete]]:
    """A new store with ``athlete`` kept for ``source``; other scopes as they were."""
    kept = {name: dict(logs) for name, logs in (store or {}).items()}
    kept.setdefault(scope(source, upload), {})[athlete.id] = athlete
    return kept


def with_kept(results: Sequence[LoadResult], kept: Mapping[str, Athlete]) -> list[LoadResult]:
    """The loaded roster with each kept log in place of the loaded athlete."""
    return [
        replace(r, athlete=kept[r.athlete.id])
        if r.athlete is not None and r.athlete.id in kept
        else r
        for r in results
    ]


def edited_athlete(athlete: Athlete, text: str, today: dt.date) -> Athlete | None:
    """``athlete`` with the CSV log ``text`` as their log; None when it has errors."""
    log = read_csv_log(text.encode(), "edited log", athlete.units, today)
    if log.frame is None:
        return None
    if log.kind == "weeks":
        return replace(athlete, week_totals=log.frame)
    edited = replace(athlete, days=log.frame, week_totals=None, log_days=None)
    if athlete.sets is not None:  # the sets still fill the days the edit leaves blank
        edited = with_sets(edited, athlete.sets[list(SET_COLUMNS)], athlete.profile.path)[0]
    return edited


# ----------------------------------------------------------------- the file an edit is on


@dataclass(frozen=True)
class LogFile:
    """The CSV log an edit is made on: its name, its text as the editor opens it and
    the file a save replaces (None: the log lives in this browser session)."""

    name: str
    data: bytes
    path: Path | None = None


def log_file(
    source: str,
    athlete: Athlete,
    results: Sequence[LoadResult],
    folder: Path | None = None,
    upload: Upload | None = None,
) -> LogFile | None:
    """The CSV log of ``athlete`` (one of ``results``), or None when there is none to
    edit here: a log inside a YAML profile, or a file outside the data folder.

    A data folder's log is read from disk, since a save goes back there. The demo is
    edited as the session sees it (dates moved, kept edits in), so keeping an edit
    never moves the athlete back to the files' own dates. An upload opens as uploaded
    until an edit of it is kept.
    """
    result = next((r for r in results if r.athlete is athlete), None)
    if result is None:
        return None
    log = result.log_path or (Path(result.path) if result.path.lower().endswith(".csv") else None)
    if log is None:
        return None
    if source == "folder":
        safe = inside_folder(folder, log) if folder is not None else None
        try:
            return LogFile(safe.name, safe.read_bytes(), safe) if safe is not None else None
        except OSError:
            return None
    if source == "upload" and upload is not None and athlete is upload.result.athlete:
        return LogFile(Path(log).name, upload.data)
    return LogFile(Path(log).name, log_to_csv(athlete).encode())


@dataclass(frozen=True)
class EditorBase:
    """What the editor opened: the table's first text, the file's signature then (a
    save is refused when the file no longer matches it) and a version that names the
    editor widget anew whenever the base is replaced."""

    name: str
    data: bytes
    signature: Signature | None = None
    version: int = 0


def editor_base(previous: EditorBase | None, file: LogFile) -> EditorBase:
    """The editor's base on this run: ``previous`` while it still holds.

    A new file opens afresh, and so does a session-held log that changed under the
    editor (an edit kept, a check-in). A data folder's editor keeps its base even when
    the file changed on disk, so that a stale save is caught rather than overwritten.
    """
    moved = previous is not None and file.path is None and previous.data != file.data
    if previous is not None and previous.name == file.name and not moved:
        return previous
    return EditorBase(
        file.name,
        file.data,
        file_signature(file.path) if file.path is not None else None,
        previous.version + 1 if previous is not None else 0,
    )


def after_save(base: EditorBase, text: str, result: SaveResult) -> EditorBase:
    """The base once ``text`` is saved: the new file, under a new editor."""
    return replace(base, data=text.encode(), signature=result.signature, version=base.version + 1)


# --------------------------------------------------------------------- save or keep


@dataclass(frozen=True)
class Destination:
    """Where an edit goes: ``path`` is the file a save writes; None keeps the edit in
    the browser session (or, for a new file, refuses it), and ``why`` says why."""

    path: Path | None
    why: str = ""


def can_save(source: str, folder: Path | None) -> bool:
    """Saves go to disk only from a coach's writable data folder."""
    return source == "folder" and folder is not None and is_writable_folder(folder)


def destination(source: str, folder: Path | None, file: LogFile | None) -> Destination:
    """Save to the log's file when the data folder can be written, else keep in the
    session: the demo and uploads never touch the disk, a log inside a YAML profile is
    edited in a text editor, and a read-only folder cannot be written."""
    if file is not None and file.path is not None and can_save(source, folder):
        return Destination(file.path)
    if source != "folder":
        why = "nothing is written to disk here"
    elif file is None:
        why = "this athlete's log is inside the YAML profile: add it there to keep it"
    else:
        why = "the data folder is read-only"
    return Destination(None, why)


def new_log(folder: Path, athlete_id: str) -> Destination:
    """The file a new athlete's imported log is saved as, ``<id>.csv`` in ``folder``:
    never outside it, never over a file that is there."""
    if not ATHLETE_ID.fullmatch(athlete_id):
        return Destination(
            None, "That is not an athlete id: use lower-case letters, digits and '-'."
        )
    target = inside_folder(folder, f"{athlete_id}.csv")
    if target is None:
        return Destination(None, "That name does not stay inside the data folder.")
    if target.exists():
        return Destination(
            None, f"{target.name} already exists: pick another id, or merge by hand."
        )
    return Destination(target)


def save(
    path: Path, text: str, base: EditorBase | None, author: Author | None = None
) -> SaveResult:
    """Write ``text`` over ``path`` unless the file changed since the editor opened it
    (``base``); with no editor open, unless it changes while saving."""
    expected = base.signature if base is not None else file_signature(path)
    return recorded(save_log(path, text, expected), path, author)


def save_new(path: Path, text: str, author: Author | None = None) -> SaveResult:
    """Write a new file at ``path``: refused if one appears there before the rename."""
    return recorded(save_log(path, text, None), path, author)


def recorded(result: SaveResult, path: Path, author: Author | None) -> SaveResult:
    """``result``, with an audit line for a save that was made by a signed-in author."""
    if result.saved and author is not None:
        audit(author, path, result.backup)
    return result


def audit(author: Author, path: Path, backup: Path | None, now: dt.datetime | None = None) -> None:
    """Append ``time,email,athlete,log|plan,FILE [backup BACKUP]`` to the folder's audit
    file. One ``write`` of one short row in append mode: rows from two saves never
    interleave; the csv writer quotes whatever a cell holds."""
    when = (now or clock.now()).isoformat(timespec="seconds")
    where = _relative(author.folder, path)
    what = "plan" if where.startswith(f"{plans.PLANS_DIR}/") else "log"
    detail = where if backup is None else f"{where} backup {_relative(author.folder, backup)}"
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow(
        [when, author.email, author.athlete, what, detail]
    )
    with open(Path(author.folder) / AUDIT_FILE, "a", encoding="utf-8") as handle:
        handle.write(row.getvalue())


def _relative(folder: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        return Path(path).name


# ------------------------------------------------------------------------ saved plans


def plan_destination(
    source: str, folder: Path | None, athlete_id: str, week_of: dt.date
) -> Destination:
    """Where "Save this plan" writes: ``<folder>/plans/<athlete>/<week_of>.csv``, only
    from a writable data folder (the demo and uploads never write), never outside it."""
    if not can_save(source, folder):
        if source == "folder":
            return Destination(None, "the data folder is read-only: download the plan instead")
        return Destination(None, "plans are saved from a data folder only: nothing is written here")
    if not ATHLETE_ID.fullmatch(athlete_id):
        return Destination(None, "This athlete's id cannot name a folder: the plan is not saved.")
    target = inside_folder(folder, plans.plan_path(folder, athlete_id, week_of))
    if target is None:
        return Destination(None, "That path does not stay inside the data folder.")
    return Destination(target)


def plan_signature(path: Path | None) -> Signature | None:
    """The saved plan's signature as the page draws it; None when there is no file yet
    (a save is then refused if one appears before it)."""
    return file_signature(path) if path is not None else None


def save_plan(
    path: Path, text: str, expected: Signature | None, author: Author | None = None
) -> SaveResult:
    """Write the plan's CSV at ``path`` (its folder made first) unless the file changed
    since the page drew it: legday.io.save's refusal, backup and atomic write."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return SaveResult(False, f"The plans folder could not be made ({exc.strerror}).")
    return recorded(save_log(path, text, expected), path, author)


def plans_signature(folder: Path | None, athlete_id: str | None = None) -> str:
    """A short digest of the saved plans' (name, mtime_ns, size), for a cache key: the
    roster's folder signature leaves ``plans/`` out. One athlete's plans, or all of them;
    "" without a folder."""
    if folder is None:
        return ""
    root = Path(folder) / plans.PLANS_DIR
    folders = [root / athlete_id] if athlete_id else _subfolders(root)
    entries = []
    for where in folders:
        try:
            with os.scandir(where) as found:
                for entry in found:
                    if entry.name.endswith(".csv") and entry.is_file(follow_symlinks=False):
                        stat = entry.stat(follow_symlinks=False)
                        entries.append((where.name, entry.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return hashlib.blake2b(repr(sorted(entries)).encode(), digest_size=12).hexdigest()


def _subfolders(root: Path) -> list[Path]:
    try:
        with os.scandir(root) as found:
            return [Path(e.path) for e in found if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


# -------------------------------------------------------------------- the editor's table


def editor_table(data: bytes) -> pd.DataFrame:
    """A CSV log's cells as the text typed in them, for the editor to show and return."""
    text = data.decode("utf-8-sig", errors="replace")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def download_csv(table: pd.DataFrame) -> str:
    """The editor's table as CSV for a spreadsheet: text cells a spreadsheet would run
    as formulas are neutralised (legday.safe_text.spreadsheet_safe), cells that read as
    numbers stay as typed (``-5`` is a number, not a formula).

    Saves to the data folder stay plain: legday/io/save.py says why.
    """
    numeric = table.apply(lambda column: pd.to_numeric(column, errors="coerce")).notna()
    safe = spreadsheet_safe(table)
    mixed = np.where(numeric.to_numpy(), table.to_numpy(), safe.to_numpy())
    return frame_to_csv(pd.DataFrame(mixed, columns=safe.columns))
