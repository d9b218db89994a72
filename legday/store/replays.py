"""Replayed plans kept between runs: the key -> plan table behind
``legday.compliance.replayed``.

A replayed plan depends on legday's code, the profile and the log up to the day before
its week, and its key is a digest of exactly those; so one table serves every data
folder, and an entry is never stale (a changed log or profile asks for another key).
The folder store keeps the table in a SQLite file in the user's cache folder
(``LEGDAY_CACHE_DIR``, else ``$XDG_CACHE_HOME/legday``, else ``~/.cache/legday``), never
in the data folder, which a sync client may be copying. A cache that cannot be opened,
read or written is an empty one: planned against done is then computed, as without it.

The folder store keeps its athletes' summaries (legday.summary) the same way, in
another file of the same folder (``user_summaries``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_CACHE_DIR = "LEGDAY_CACHE_DIR"
CACHE_FILE = "replays.sqlite3"
SUMMARY_FILE = "summaries.sqlite3"
#: Summaries a cache keeps (one per athlete and day, and one per folder state).
SUMMARY_ENTRIES = 20_000
#: Entries a cache keeps; the oldest go first (200 athletes x 4 weeks is 800).
MAX_ENTRIES = 100_000
#: Keys per SELECT (SQLite's bound on parameters is 32,766; fewer is plenty).
_CHUNK = 500


class MemoryReplays:
    """Replayed plans kept in this process only (bounded, the oldest go first)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        with self._lock:
            return {key: self._entries[key] for key in keys if key in self._entries}

    def put_many(self, entries: Mapping[str, str]) -> None:
        with self._lock:
            self._entries.update(entries)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)


class FileReplays:
    """Replayed plans in a SQLite file (Python's own sqlite3), shared by every process
    of this user: write-ahead logging lets one write while others read."""

    def __init__(self, path: str | os.PathLike, max_entries: int = MAX_ENTRIES) -> None:
        self.path = Path(path)
        self._max = max_entries
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5, isolation_level=None,
                                     check_same_thread=False)  # fmt: skip
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS replays (key TEXT PRIMARY KEY, plan TEXT)")
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self._lock:
            db = self._connection()
            if db is None:
                return found
            try:
                for at in range(0, len(keys), _CHUNK):
                    chunk = list(keys[at : at + _CHUNK])
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, plan FROM replays WHERE key IN ({marks})"
                    found.update(db.execute(query, chunk).fetchall())
            except sqlite3.Error:
                return {}
        return found

    def put_many(self, entries: Mapping[str, str]) -> None:
        with self._lock:
            db = self._connection()
            if db is None or not entries:
                return
            try:
                with db:
                    db.execute("BEGIN")
                    db.executemany(
                        "INSERT OR REPLACE INTO replays (key, plan) VALUES (?, ?)", entries.items()
                    )
                    db.execute(
                        "DELETE FROM replays WHERE rowid <= (SELECT max(rowid) FROM replays) - ?",
                        (self._max,),
                    )
            except sqlite3.Error:
                return

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def cache_folder(env: Mapping[str, str] | None = None) -> Path:
    """Where this user's legday caches go (module doc)."""
    env = os.environ if env is None else env
    if env.get(ENV_CACHE_DIR):
        return Path(env[ENV_CACHE_DIR]).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "legday"


_shared: dict[Path, FileReplays] = {}
_shared_lock = threading.Lock()


def user_replays(env: Mapping[str, str] | None = None) -> FileReplays:
    """The replay cache of this user, one per process and cache folder."""
    return _shared_file(cache_folder(env) / CACHE_FILE, MAX_ENTRIES)


def user_summaries(env: Mapping[str, str] | None = None) -> FileReplays:
    """The folder store's summaries of this user (key -> JSON), one per process."""
    return _shared_file(cache_folder(env) / SUMMARY_FILE, SUMMARY_ENTRIES)


def _shared_file(path: Path, max_entries: int) -> FileReplays:
    with _shared_lock:
        if path not in _shared:
            _shared[path] = FileReplays(path, max_entries)
        return _shared[path]
