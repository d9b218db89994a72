"""The logs a browser session holds: an uploaded file, edits kept in place of the
loaded log, and the Log page's editor between runs.

An edit (the Edit tab's table, a daily check-in, an imported log) is either written to
the store (legday.store: a data folder or a database, with the version the editor read)
or kept in this browser session in place of the loaded log. legday.store.choice says
which; this module holds what stays in the session:

- A kept log belongs to one source and one uploaded file: the demo's Dan is not the
  data folder's Dan, and a new upload starts without the last one's edits.
- The editor opens the log as the session sees it: the demo with its dates moved and
  any kept edit or check-in in it. A session-held log that changes under the editor
  reopens it; a stored log's editor keeps the version it was read at, so a save over
  someone else's write since is refused.

No streamlit here: the page keeps these values in ``st.session_state`` and draws them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from legday.io import LoadResult, load_upload, with_sets
from legday.io.csv_log import read_csv_log

# days_to_csv and frame_to_csv are re-exported: the pages write a log's text through
# this module, never through legday.io.save.
from legday.io.save import SaveResult, log_to_csv
from legday.io.save import days_to_csv as days_to_csv
from legday.io.save import frame_to_csv as frame_to_csv
from legday.model import SET_COLUMNS, Athlete
from legday.safe_text import spreadsheet_safe
from legday.store import Store

#: Kept logs in a session: scope (see ``scope``) -> athlete id -> the edited athlete.
KeptLogs = Mapping[str, Mapping[str, Athlete]]


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
    """The CSV log an edit is made on: its name, its text as the editor opens it, and
    for a stored log the version it was read at (``stored`` False: the log lives in
    this browser session)."""

    name: str
    data: bytes
    stored: bool = False
    version: object = None


def log_file(
    source: str,
    athlete: Athlete,
    results: Sequence[LoadResult],
    store: Store | None = None,
    upload: Upload | None = None,
) -> LogFile | None:
    """The CSV log of ``athlete`` (one of ``results``), or None when there is none to
    edit here: a log inside a YAML profile, or a file outside the data folder.

    A stored log is read from its store with its version, since a save goes back
    there. The demo is edited as the session sees it (dates moved, kept edits in), so
    keeping an edit never moves the athlete back to the files' own dates. An upload
    opens as uploaded until an edit of it is kept.
    """
    result = next((r for r in results if r.athlete is athlete), None)
    if result is None:
        return None
    if store is not None:
        text = store.log(athlete.id, result)
        return LogFile(text.name, text.data, True, text.version) if text is not None else None
    log = result.log_path or (Path(result.path) if result.path.lower().endswith(".csv") else None)
    if log is None:
        return None
    if source == "upload" and upload is not None and athlete is upload.result.athlete:
        return LogFile(Path(log).name, upload.data)
    return LogFile(Path(log).name, log_to_csv(athlete).encode())


@dataclass(frozen=True)
class EditorBase:
    """What the editor opened: the table's first text, the version it was read at (a
    save names it and is refused when the log moved on since) and a generation that
    names the editor widget anew whenever the base is replaced."""

    name: str
    data: bytes
    read_at: object = None
    generation: int = 0


def editor_base(previous: EditorBase | None, file: LogFile) -> EditorBase:
    """The editor's base on this run: ``previous`` while it still holds.

    A new file opens afresh, and so does a session-held log that changed under the
    editor (an edit kept, a check-in). A stored log's editor keeps its base even when
    the log changed in the store, so that a stale save is caught rather than overwritten.
    """
    moved = previous is not None and not file.stored and previous.data != file.data
    if previous is not None and previous.name == file.name and not moved:
        return previous
    return EditorBase(
        file.name,
        file.data,
        file.version if file.stored else None,
        previous.generation + 1 if previous is not None else 0,
    )


def after_save(base: EditorBase, text: str, result: SaveResult) -> EditorBase:
    """The base once ``text`` is saved: the new version, under a new editor."""
    return replace(
        base, data=text.encode(), read_at=result.signature, generation=base.generation + 1
    )


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
