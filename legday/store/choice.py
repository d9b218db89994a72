"""Which store the app reads and writes, and whether a page's write may go there.

The configured source: a path after ``--`` (``streamlit run app.py -- PATH``) wins,
then LEGDAY_DATABASE_URL (a ``SqlStore``), then LEGDAY_DATA_DIR (a ``FolderStore``);
without any, the bundled demo. The demo and an uploaded file have no store: their
edits are kept in the browser session (legday.session_logs), nothing is written.

Every write of a page goes through the ``Store`` with the version it was read at and
who made it; the decisions here only say whether a write may be tried at all and, if
not, why (the page shows that sentence).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from legday.io.load import ATHLETE_ID
from legday.store import ENV_DATABASE_URL, Store, open_store

ENV_DATA_DIR = "LEGDAY_DATA_DIR"
#: The sources a store holds (the others live in the browser session).
STORED = ("folder", "database")

SourceKind = Literal["demo", "folder", "database"]


@dataclass(frozen=True)
class DataSource:
    """Where the roster comes from; ``message`` explains a configured folder that failed."""

    kind: SourceKind
    folder: Path | None = None
    origin: str = "demo"  # "demo", "env" (LEGDAY_DATA_DIR or LEGDAY_DATABASE_URL), "argv"
    message: str | None = None
    url: str | None = None  # the database, for kind "database"

    @property
    def where(self) -> str | None:
        """What ``open_store`` opens: the database URL or the folder; None for the demo."""
        if self.kind == "database":
            return self.url
        return str(self.folder) if self.folder is not None else None

    @property
    def label(self) -> str:
        if self.kind == "database" and self.url:
            return "Database"
        if self.kind == "demo" or self.folder is None:
            return "Demo roster"
        return f"Folder {self.folder.name or self.folder}"

    def open(self) -> Store | None:
        """The store this source reads and writes; None for the demo."""
        return open_store(self.where) if self.kind in STORED and self.where else None


def _first_path_arg(argv: Sequence[str]) -> str | None:
    """The first argument that is not an option (``streamlit run app.py -- PATH``)."""
    for arg in argv:
        if arg and not arg.startswith("-"):
            return arg
    return None


def resolve_source(env: Mapping[str, str], argv: Sequence[str]) -> DataSource:
    """A path after ``--`` wins over LEGDAY_DATABASE_URL, which wins over
    LEGDAY_DATA_DIR; without any, the bundled demo.

    A folder must exist: a typo falls back to the demo with a message, rather than an
    empty roster that looks like a bug. A database URL is opened as given.
    """
    raw, origin = _first_path_arg(argv), "argv"
    if raw is None:
        url = env.get(ENV_DATABASE_URL, "").strip()
        if url:
            return DataSource("database", origin="env", url=url)
        raw, origin = env.get(ENV_DATA_DIR, "").strip() or None, "env"
    if raw is None:
        return DataSource("demo")
    where = "the path after --" if origin == "argv" else ENV_DATA_DIR
    if "\x00" in raw or len(raw) > 4096:
        return DataSource("demo", message=f"{where} is not a usable path; showing the demo")
    try:
        folder = Path(raw).expanduser()  # RuntimeError for an unknown ~user
        usable = folder.is_dir()
    except (RuntimeError, OSError):
        return DataSource("demo", message=f"{where} is not a usable path; showing the demo")
    if not usable:
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        return DataSource(
            "demo", message=f"{where} ({raw[:200]}) {what}; showing the demo roster instead"
        )
    return DataSource("folder", folder.resolve(), origin)


# ------------------------------------------------------------------ may a write go


@dataclass(frozen=True)
class Destination:
    """Whether a write goes to the store (``saves``); if not, ``why`` says why (the
    edit is then kept in the browser session, or refused)."""

    saves: bool
    why: str = ""


def stored(source: str) -> bool:
    """Whether ``source`` is held by a store (a data folder or a database)."""
    return source in STORED


def can_save(source: str, store: Store | None) -> bool:
    """Writes go to a store only from a stored source the store lets this server write."""
    return stored(source) and store is not None and store.writable


def _not_written(source: str) -> str:
    if source == "database":
        return "the database cannot be written from here"
    return "the data folder is read-only"


def destination(source: str, store: Store | None, has_log: bool) -> Destination:
    """An edit of a log: to the store when it can be written, else kept in the session:
    the demo and uploads are never written, a log inside a YAML profile is edited in a
    text editor, and a read-only store cannot be written."""
    if has_log and can_save(source, store):
        return Destination(True)
    if not stored(source):
        why = "nothing is written to disk here"
    elif not has_log:
        why = "this athlete's log is inside the YAML profile: add it there to keep it"
    else:
        why = _not_written(source)
    return Destination(False, why)


def plan_destination(source: str, store: Store | None, athlete_id: str) -> Destination:
    """Whether "Save this plan" writes: only to a writable store (the demo and uploads
    never write), and only for an id that can name a plan's folder."""
    if not can_save(source, store):
        if stored(source):
            return Destination(False, f"{_not_written(source)}: download the plan instead")
        return Destination(
            False, "plans are saved from a data folder only: nothing is written here"
        )
    if not ATHLETE_ID.fullmatch(athlete_id):
        return Destination(False, "This athlete's id cannot name a folder: the plan is not saved.")
    return Destination(True)


def new_athlete(athlete_id: str) -> Destination:
    """Whether an imported log may become a new athlete ``athlete_id`` (the store then
    refuses an id it holds already)."""
    if not ATHLETE_ID.fullmatch(athlete_id):
        return Destination(
            False, "That is not an athlete id: use lower-case letters, digits and '-'."
        )
    return Destination(True)
