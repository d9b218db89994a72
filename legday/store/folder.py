"""The folder store: today's files, read and written as they always were.

Athletes are read by legday.io (``load_folder``); a save goes through legday.io.save
(refused when the file changed since it was read, the previous version kept in
``.legday-backups/``, written atomically); a plan goes to ``plans/<athlete>/<week>.csv``.
Who made each write is appended to ``.legday-audit.csv`` (a dot-file: never an athlete):
time, who, athlete, what (log, checkin, plan, import, new), the file and its backup.
A name from a page becomes a path only through ``inside_folder``: never outside the folder.

The athletes' summaries (the Roster page's rows) are kept in the user's cache folder
(``replays.user_summaries``), under a digest of the files they were made from, their
saved plans and legday's code, with the day they were made on: a server that has just
started reads the whole roster's summaries as one entry while no file changed and the
day is the same, and otherwise reads the folder and summarizes only the athletes whose
files changed, or whose summary a new day changes (``summary.still_true``).
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

from legday import clock, compliance, summary
from legday.compliance import PlannedWeek, ReplayCache
from legday.io import LoadResult, find_athlete_files, into, load_athlete, load_folder, plans
from legday.io.load import ACCESS_FILE
from legday.io.save import SaveResult, file_signature, is_writable_folder, save_log
from legday.model import Problem
from legday.store.base import CHECKIN_TRIES, Checkin, Listing, LogText, Store
from legday.store.replays import user_replays, user_summaries

AUDIT_FILE = ".legday-audit.csv"


_locks: dict[Path, threading.Lock] = {}
_locks_lock = threading.Lock()


def _folder_lock(folder: Path) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(folder.resolve(), threading.Lock())


def _key(*parts: object) -> str:
    return hashlib.blake2b("\x00".join(map(str, parts)).encode(), digest_size=20).hexdigest()


def inside_folder(folder: str | os.PathLike, candidate: str | os.PathLike) -> Path | None:
    """``candidate`` resolved, if it lies inside ``folder`` (symlinks followed); else None.

    The only way a name becomes a path the store writes: a target outside the data
    folder is refused.
    """
    try:
        base = Path(folder).resolve()
        target = Path(candidate)
        target = (target if target.is_absolute() else base / target).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return target if target.is_relative_to(base) and target != base else None


def folder_signature(folder: str | os.PathLike) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime_ns, size) of every athlete file: a cheap cache key that changes
    whenever a file is edited, added or removed (stat only, no reading)."""
    signature = []
    for file in find_athlete_files(folder):
        try:
            stat = file.stat()
        except OSError:
            continue
        signature.append((str(file), stat.st_mtime_ns, stat.st_size))
    # a profile's log: may sit in a dot-free subfolder already walked; logs named from
    # elsewhere are refused by the loader, so the walk covers everything it reads.
    return tuple(signature)


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
    return _digest(sorted(entries))


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def _subfolders(root: Path) -> list[Path]:
    try:
        with os.scandir(root) as found:
            return [Path(e.path) for e in found if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


class FolderStore(Store):
    kind = "folder"

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    @property
    def label(self) -> str:
        return f"Folder {self.folder.name or self.folder}"

    @property
    def writable(self) -> bool:
        return is_writable_folder(self.folder)

    def changes(self) -> str:
        """A digest of every athlete file's (path, mtime, size): stat only, no reading."""
        return _digest(folder_signature(self.folder))

    def plans_changes(self, athlete_id: str | None = None) -> str:
        return plans_signature(self.folder, athlete_id)

    def athletes(self) -> list[LoadResult]:
        return load_folder(self.folder)

    def listing(self) -> Listing:
        entry = self._index()
        return Listing(entry["names"], entry["broken"])

    def athlete(self, athlete_id: str) -> LoadResult | None:
        """One athlete read from their own file (the kept index says which), never the
        whole folder; the whole folder when the index has them elsewhere."""
        path = self._index()["paths"].get(athlete_id)
        if path is None:
            return None
        inside = inside_folder(self.folder, path)
        found = load_athlete(inside) if inside is not None else None
        if found is not None and found.athlete is not None and found.athlete.id == athlete_id:
            return found
        return super().athlete(athlete_id)

    def _index(self) -> dict[str, Any]:
        """Each athlete's name and file, and how many files did not load, kept in the
        user's cache under the folder's signature (stat only): a new server lists the
        athletes without reading a log, and reads one athlete from one file."""
        key = _key("listing", str(self.folder.resolve()), repr(folder_signature(self.folder)),
                   summary.code())  # fmt: skip
        cache = user_summaries()
        hit = cache.get_many([key]).get(key)
        if hit is not None:
            return orjson.loads(hit)
        results = self.athletes()
        listed = Listing.of(results)
        entry = {
            "names": listed.names,
            "broken": listed.broken,
            "paths": {
                r.athlete.id: str(Path(r.path).resolve()) for r in results if r.athlete is not None
            },
        }
        cache.put_many({key: orjson.dumps(entry).decode()})
        return entry

    def summaries(self) -> list[dict[str, Any]]:
        today = clock.today()
        cache = user_summaries()
        whole = _key("roster", str(self.folder.resolve()), repr(folder_signature(self.folder)),
                     plans_signature(self.folder), today, summary.code())  # fmt: skip
        hit = cache.get_many([whole]).get(whole)
        if hit is not None:
            return summary.loads(hit)
        results = [r for r in self.athletes() if r.athlete is not None]
        keys = [self._summary_key(r) for r in results]
        found = {key: orjson.loads(text) for key, text in cache.get_many(keys).items()}
        rows, new = [], {}
        for result, key in zip(results, keys, strict=True):
            kept = found.get(key)
            if kept and summary.still_true(kept["row"], dt.date.fromisoformat(kept["day"]), today):
                rows.append(kept["row"])
                continue
            rows.append(self.summarize(result.athlete, today))
            new[key] = orjson.dumps({"day": today.isoformat(), "row": rows[-1]}).decode()
        cache.put_many(new | {whole: orjson.dumps(rows).decode()})
        return rows

    def _summary_key(self, result: LoadResult) -> str:
        """What one athlete's summary depends on, but the day (``summary.still_true``):
        their files' (path, mtime, size), their saved plans and legday's code."""
        files = []
        for path in (result.path, result.log_path, result.sets_path):
            if path is not None:
                stat = os.stat(path)
                files.append((str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size))
        plans_of = plans_signature(self.folder, result.athlete.id)
        return _key("athlete", repr(files), plans_of, summary.code())

    def _log_path(
        self, athlete_id: str, loaded: LoadResult | None = None
    ) -> tuple[LoadResult | None, Path | None]:
        result = loaded if loaded is not None else self.athlete(athlete_id)
        if result is None:
            return None, None
        named = result.log_path or (Path(result.path) if result.path.endswith(".csv") else None)
        return result, inside_folder(self.folder, named) if named is not None else None

    def log(self, athlete_id: str, loaded: LoadResult | None = None) -> LogText | None:
        _, path = self._log_path(athlete_id, loaded)
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
            self._audit(athlete_id, "log", path, who, result.backup)
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
                self._audit(athlete_id, "checkin", path, who, result.backup)
                return result
        return result

    def new_athlete(self, athlete_id: str, text: str, who: str = "") -> SaveResult:
        """``<id>.csv`` at the top of the folder: never outside it, never over a file
        (refused if one appears there before the rename)."""
        target = inside_folder(self.folder, f"{athlete_id}.csv")
        if target is None:
            return SaveResult(False, "That name does not stay inside the data folder.")
        if target.exists() or self.athlete(athlete_id) is not None:
            return SaveResult(
                False, f"{target.name} already exists: pick another id, or merge by hand."
            )
        result = save_log(target, text, None)
        if result.saved:
            self._audit(athlete_id, "new", target, who)
        return result

    def plan_import(
        self, athlete_id: str, data: bytes, name: str, tz: str, loaded: LoadResult | None = None
    ) -> tuple[into.IntoPlan, object]:
        """legday.io.into's plan on the athlete's files; the plan holds each file's
        signature as read (its version)."""
        found = loaded if loaded is not None else self.athlete(athlete_id)
        if found is None:
            return into.IntoPlan([], [Problem(athlete_id, None, "error", "no such athlete")]), None
        return into.plan_into(data, name, found, tz), None

    def apply_import(
        self, athlete_id: str, plan: into.IntoPlan, version: object, who: str = ""
    ) -> SaveResult:
        """Write an import planned into the athlete's files (legday.io.into: refused
        when a file changed since the plan read it)."""
        del version  # the plan holds each file's signature
        result = into.apply(plan)
        if result.saved and plan.target is not None:
            self._audit(athlete_id, "import", plan.target, who, result.backup)
        return result

    def _plan_path(self, athlete_id: str, week_of: dt.date) -> Path | None:
        return inside_folder(self.folder, plans.plan_path(self.folder, athlete_id, week_of))

    def plan_version(self, athlete_id: str, week_of: dt.date) -> object:
        path = self._plan_path(athlete_id, week_of)
        return file_signature(path) if path is not None else None

    def save_plan(
        self, athlete_id: str, week_of: dt.date, text: str, version: object, who: str = ""
    ) -> SaveResult:
        """``plans/<athlete>/<week_of>.csv`` (its folder made first), refused when the
        file changed since ``version`` was read: legday.io.save's backup, atomic write."""
        path = self._plan_path(athlete_id, week_of)
        if path is None:
            return SaveResult(False, "That path does not stay inside the data folder.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return SaveResult(False, f"The plans folder could not be made ({exc.strerror}).")
        result = save_log(path, text, version)  # type: ignore[arg-type]
        if result.saved:
            self._audit(athlete_id, "plan", path, who, result.backup)
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

    def _audit(
        self, athlete_id: str, what: str, path: Path, who: str, backup: Path | None = None
    ) -> None:
        """One line per write: when, who, which athlete, what, the file and its backup.
        One ``write`` of one short row in append mode: rows from two saves never
        interleave; the csv writer quotes whatever a cell holds. Never fails the write."""
        detail = self._relative(path)
        if backup is not None:
            detail += f" backup {self._relative(backup)}"
        line = io.StringIO()
        stamp = clock.now().isoformat(timespec="seconds")
        csv.writer(line, lineterminator="\n").writerow([stamp, who, athlete_id, what, detail])
        try:
            with open(self.folder / AUDIT_FILE, "a", encoding="utf-8") as handle:
                handle.write(line.getvalue())
        except OSError:
            return

    def _relative(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return Path(path).name
