"""The folder store: today's files, read and written as they always were.

Athletes are read by legday.io (``load_folder``); a save goes through legday.io.save
(refused when the file changed since it was read, the previous version kept in
``.legday-backups/``, written atomically); a plan goes to ``plans/<athlete>/<week>.csv``.
Who made each write is appended to ``.legday-audit.csv`` (a dot-file: never an athlete).

The athletes' summaries (the Roster page's rows) are kept in the user's cache folder
(``replays.user_summaries``), under a digest of the files they were made from, their
saved plans, today and legday's code: a server that has just started reads the whole
roster's summaries as one entry while no file changed, and after an edit summarizes
only the athletes whose files changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from legday import clock, compliance, logstore, summary
from legday.appstate import folder_signature, inside_folder
from legday.compliance import PlannedWeek, ReplayCache
from legday.io import LoadResult, load_athlete, load_folder, plans
from legday.io.load import ACCESS_FILE
from legday.io.save import SaveResult, file_signature, save_log
from legday.model import Problem
from legday.store.base import CHECKIN_TRIES, Checkin, LogText, Store
from legday.store.replays import user_replays, user_summaries

AUDIT_FILE = ".legday-audit.csv"


_locks: dict[Path, threading.Lock] = {}
_locks_lock = threading.Lock()


def _folder_lock(folder: Path) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(folder.resolve(), threading.Lock())


def _key(*parts: object) -> str:
    return hashlib.blake2b("\x00".join(map(str, parts)).encode(), digest_size=20).hexdigest()


class FolderStore(Store):
    kind = "folder"

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    @property
    def label(self) -> str:
        return f"Folder {self.folder.name or self.folder}"

    def athletes(self) -> list[LoadResult]:
        return load_folder(self.folder)

    def summaries(self) -> list[dict[str, Any]]:
        today = clock.today()
        cache = user_summaries()
        whole = _key("roster", str(self.folder.resolve()), repr(folder_signature(self.folder)),
                     logstore.plans_signature(self.folder), today, summary.code())  # fmt: skip
        hit = cache.get_many([whole]).get(whole)
        if hit is not None:
            return summary.loads(hit)
        results = [r for r in self.athletes() if r.athlete is not None]
        keys = [self._summary_key(r, today) for r in results]
        found = cache.get_many(keys)
        rows = [
            summary.loads(found[key]) if key in found else self.summarize(r.athlete, today)
            for r, key in zip(results, keys, strict=True)
        ]
        new = {key: summary.dumps(row) for key, row in zip(keys, rows, strict=True)}
        cache.put_many(new | {whole: orjson.dumps(rows).decode()})
        return rows

    def _summary_key(self, result: LoadResult, today: dt.date) -> str:
        """What one athlete's summary depends on: their files' (path, mtime, size), their
        saved plans, today and legday's code."""
        files = []
        for path in (result.path, result.log_path, result.sets_path):
            if path is not None:
                stat = os.stat(path)
                files.append((str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size))
        plans_of = logstore.plans_signature(self.folder, result.athlete.id)
        return _key("athlete", repr(files), plans_of, today, summary.code())

    def _log_path(self, athlete_id: str) -> tuple[LoadResult | None, Path | None]:
        result = self.athlete(athlete_id)
        if result is None:
            return None, None
        named = result.log_path or (Path(result.path) if result.path.endswith(".csv") else None)
        return result, inside_folder(self.folder, named) if named is not None else None

    def log(self, athlete_id: str) -> LogText | None:
        _, path = self._log_path(athlete_id)
        if path is None:
            return None
        version = file_signature(path)  # first: a write after it fails the save
        try:
            return LogText(athlete_id, path.name, path.read_bytes(), version)
        except OSError:
            return None

    def save_log(self, athlete_id: str, text: str, version: object, who: str = "") -> SaveResult:
        _, path = self._log_path(athlete_id)
        if path is None:
            return SaveResult(False, "This athlete has no CSV log of their own to save.")
        result = save_log(path, text, version)  # type: ignore[arg-type]
        if result.saved:
            self._audit(athlete_id, "log", path.name, who)
        return result

    def add_checkin(self, athlete_id: str, entry: Checkin, who: str = "") -> SaveResult:
        """Check-ins of this server take turns (one lock per folder); one that finds the
        file changed by another program reads it again, up to CHECKIN_TRIES times."""
        with _folder_lock(self.folder):
            return self._checkin(athlete_id, entry, who)

    def _checkin(self, athlete_id: str, entry: Checkin, who: str) -> SaveResult:
        result = SaveResult(False, "This athlete has no CSV log to check in to.")
        for _ in range(CHECKIN_TRIES):
            found, path = self._log_path(athlete_id)
            if found is None or path is None:
                return result
            version = file_signature(path)
            fresh = load_athlete(found.path)  # read after the signature: no lost write
            if fresh.athlete is None:
                return SaveResult(False, "The log has errors now; fix them first.")
            result = save_log(path, entry.applied(fresh.athlete), version)
            if result.saved:
                self._audit(athlete_id, "checkin", entry.day.isoformat(), who)
                return result
        return result

    def plan_version(self, athlete_id: str, week_of: dt.date) -> object:
        path = inside_folder(self.folder, plans.plan_path(self.folder, athlete_id, week_of))
        return file_signature(path) if path is not None else None

    def save_plan(
        self, athlete_id: str, week_of: dt.date, text: str, version: object, who: str = ""
    ) -> SaveResult:
        where = logstore.plan_destination("folder", self.folder, athlete_id, week_of)
        if where.path is None:
            return SaveResult(False, where.why)
        result = logstore.save_plan(where.path, text, version)  # type: ignore[arg-type]
        if result.saved:
            self._audit(athlete_id, "plan", week_of.isoformat(), who)
        return result

    def saved_plans(
        self, athlete_id: str, weeks: Sequence[dt.date]
    ) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
        return compliance.saved_plans(self.folder, athlete_id, weeks)

    def access_file(self) -> tuple[str, bytes] | None:
        path = self.folder / ACCESS_FILE
        try:
            return str(path), path.read_bytes()
        except OSError:
            return None

    @property
    def replays(self) -> ReplayCache:
        return user_replays()

    def _audit(self, athlete_id: str, what: str, detail: str, who: str) -> None:
        """One line per write: when, who, which athlete, what (never fails the write)."""
        line = io.StringIO()
        stamp = clock.now().isoformat(timespec="seconds")
        csv.writer(line, lineterminator="\n").writerow([stamp, who, athlete_id, what, detail])
        try:
            with open(self.folder / AUDIT_FILE, "a", encoding="utf-8") as handle:
                handle.write(line.getvalue())
        except OSError:
            return
