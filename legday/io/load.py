"""One way in: any athlete file (or a folder of them) becomes an Athlete plus problems."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from legday import clock, rules
from legday.io.csv_log import read_csv_log
from legday.io.plans import PLANS_DIR
from legday.io.profile_yaml import ProfileDoc, read_profile
from legday.model import (
    MAX_FILE_BYTES,
    WEEKDAYS,
    Athlete,
    Problem,
    Profile,
    empty_days,
    weekday_of,
)
from legday.strength import days as strength_days
from legday.strength import load as strength_load
from legday.strength import names

#: An athlete id (docs/data-format.md); ``\Z``, not ``$``, which also matches before a
#: final newline. Use ``fullmatch``.
ATHLETE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")
#: Who may see which athlete (legday.access), at the top of a data folder: not an athlete.
ACCESS_FILE = "access.yaml"
PROFILE_SUFFIXES = (".yaml", ".yml")
LOG_SUFFIXES = (".csv",)
#: Weeks of log the usual week is inferred from when a profile gives none.
INFER_WEEKS = 4
#: The daily frame of an athlete with no days, copied for each (building one is slow).
_NO_DAYS = empty_days()


@dataclass
class LoadResult:
    """An athlete (None when the file has errors) and everything said about the file."""

    path: str
    athlete: Athlete | None
    problems: list[Problem] = field(default_factory=list)
    log_path: Path | None = None  # the CSV a profile's log: named, if any
    sets_path: Path | None = None  # the CSV a profile's strength_log: named, if any

    @property
    def ok(self) -> bool:
        return self.athlete is not None and not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def athlete_id_from_name(stem: str) -> str:
    """A safe id from a file name: lower-case letters, digits and '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:64].strip("-")
    return slug or "athlete"


def load_athlete(path: str | os.PathLike, today: dt.date | None = None) -> LoadResult:
    """Load a profile YAML (with its log) or a lone CSV log from disk."""
    file = Path(path)
    shown = str(path)
    today = today or clock.today()
    data, problem = _read_file(file, shown)
    if data is None:
        return LoadResult(shown, None, [problem] if problem else [])
    if file.suffix.lower() in PROFILE_SUFFIXES:
        return _load_profile(data, shown, file.stem, file.parent, today)
    return _load_csv_only(data, shown, file.stem, today)


def load_upload(name: str, data: bytes, today: dt.date | None = None) -> LoadResult:
    """Load a file uploaded in the browser: never touches the disk.

    The name is only used for messages and the id (its last path part, slugged);
    a profile may not point at other files.
    """
    base = re.split(r"[\\/]", name or "upload")[-1][:120] or "upload"
    stem, _, suffix = base.rpartition(".")
    stem, suffix = (stem, suffix.lower()) if stem else (base, "")
    today = today or clock.today()
    if f".{suffix}" in PROFILE_SUFFIXES:
        return _load_profile(data, base, stem, None, today)
    if f".{suffix}" in LOG_SUFFIXES:
        return _load_csv_only(data, base, stem, today)
    message = "upload a .csv log or a .yaml profile (for Strava or Garmin exports use Import)"
    return LoadResult(base, None, [Problem(base, None, "error", message)])


def _read_file(file: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            mb = size / 1024 / 1024
            return None, Problem(
                shown, None, "error", f"file is {mb:.1f} MB; legday reads up to 20 MB"
            )
        return file.read_bytes(), None
    except FileNotFoundError:
        return None, Problem(shown, None, "error", "no such file")
    except IsADirectoryError:
        return None, Problem(shown, None, "error", "is a folder, not a file")
    except OSError as exc:
        return None, Problem(shown, None, "error", f"cannot be read ({exc.strerror or exc})")


def _checked_id(stem: str, shown: str, problems: list[Problem]) -> str:
    if ATHLETE_ID.fullmatch(stem):
        return stem
    slug = athlete_id_from_name(stem)
    problems.append(
        Problem(
            shown,
            None,
            "warning",
            f"file name '{stem[:40]}' is not an athlete id (lower-case letters, digits, '-'); "
            f"using '{slug}'",
        )
    )
    return slug


def _load_csv_only(data: bytes, shown: str, stem: str, today: dt.date) -> LoadResult:
    problems: list[Problem] = []
    athlete_id = _checked_id(stem, shown, problems)
    log = read_csv_log(data, shown, "mi", today)
    problems.extend(log.problems)
    if log.kind == "sets" and log.frame is not None:
        message = (
            "this is a sets log: it belongs to an athlete's profile (strength_log: "
            f"{Path(shown).name}), not on its own"
        )
        return LoadResult(shown, None, [*problems, Problem(shown, None, "error", message)])
    if log.frame is None:
        return LoadResult(shown, None, problems)
    note = (
        f"no profile: the name comes from the file name and distances are read as miles; "
        f"add {athlete_id}.yaml beside the log to set name, units, usual week and races"
    )
    profile = Profile(id=athlete_id, name=_name_from_id(athlete_id), path=shown, units_assumed=True)
    return LoadResult(shown, _athlete(profile, log.kind, log.frame, [note]), problems)


def _name_from_id(athlete_id: str) -> str:
    return " ".join(part.capitalize() for part in athlete_id.split("-") if part) or athlete_id


def _load_profile(
    data: bytes, shown: str, stem: str, folder: Path | Files | None, today: dt.date
) -> LoadResult:
    problems: list[Problem] = []
    athlete_id = _checked_id(stem, shown, problems)
    doc, found = read_profile(data, shown, today)
    problems.extend(found)
    kind, frame, log_path = "days", doc.days, None
    if doc.log is not None:
        named = _read_named_csv("log", doc.log, doc.log_line, doc, folder, shown, today)
        kind, frame, log_path = named.kind, named.frame, named.path
        problems.extend(named.problems)
    sets, sets_path = doc.sets, None
    if doc.strength_log is not None:
        named = _read_named_csv(
            "strength_log", doc.strength_log, doc.strength_log_line, doc, folder, shown, today
        )
        sets, sets_path = named.frame, named.path
        problems.extend(named.problems)
    if any(p.is_error for p in problems):
        return LoadResult(shown, None, problems, log_path, sets_path)
    notes = []
    if frame is None and sets is None:
        notes.append("no log yet: add log:, days: or weeks: to the profile to see your weeks")
        problems.append(
            Problem(shown, None, "warning", "the profile has no log (log:, days: or weeks:)")
        )
    frame = _NO_DAYS.copy() if frame is None else frame
    profile = _profile_from_doc(doc, athlete_id, shown)
    athlete = _athlete(profile, kind, frame, notes)
    if sets is not None:
        sets_shown = _shown_log(shown, doc.strength_log) if doc.strength_log else shown
        athlete, found = with_sets(athlete, sets, sets_shown)
        problems.extend(found)
    return LoadResult(shown, athlete, problems, log_path, sets_path)


@dataclass(frozen=True)
class _Named:
    """A CSV a profile names (``log:`` or ``strength_log:``) as read."""

    kind: str
    frame: pd.DataFrame | None
    path: Path | None  # claimed once resolved, so a folder scan does not list it again
    problems: list[Problem]


#: What each profile key names, the log kinds it accepts, and what to write instead.
_NAMES = {
    "log": (("days", "weeks"), "a sets log: name it with strength_log: instead"),
    "strength_log": (("sets",), "not a sets log (date, exercise, set, reps, weight, rir)"),
}


@dataclass(frozen=True)
class Files:
    """A data folder held in memory (a database's copy of one): relative POSIX names ->
    bytes; ``base`` is the folder of the profile being read, inside it."""

    files: Mapping[str, bytes]
    base: str = ""

    def named(
        self, key: str, text: str, line: int | None, shown: str
    ) -> tuple[str, Problem | None]:
        """The name a profile's ``key: text`` points at, checked like ``_resolve_log``."""
        name = posixpath.normpath(posixpath.join(self.base, text.replace("\\", "/")))
        if text.startswith(("/", "\\")) or name == ".." or name.startswith("../"):
            why = (f"{key}: '{text}' points outside the athlete's folder; keep the log beside "
                   "the profile or in a subfolder")  # fmt: skip
            return name, Problem(shown, line, "error", why)
        if name not in self.files:
            return name, Problem(shown, line, "error", f"{key}: '{text}' does not exist")
        if not name.lower().endswith(LOG_SUFFIXES):
            return name, Problem(shown, line, "error", f"{key}: '{text}' is not a .csv file")
        return name, None


def load_files(files: Mapping[str, bytes], today: dt.date | None = None) -> list[LoadResult]:
    """Every athlete in an in-memory folder, as ``load_folder`` reads a folder on disk:
    profiles first, then the CSV logs no profile names, an id seen twice refused."""
    today = today or clock.today()
    names = sorted(files)
    results = [
        _load_profile(files[name], name, posixpath.basename(name).rsplit(".", 1)[0],
                      Files(files, posixpath.dirname(name)), today)
        for name in names
        if name.lower().endswith(PROFILE_SUFFIXES)
    ]  # fmt: skip
    claimed = {str(path) for r in results for path in (r.log_path, r.sets_path) if path}
    results += [
        _load_csv_only(files[name], name, posixpath.basename(name).rsplit(".", 1)[0], today)
        for name in names
        if name.lower().endswith(LOG_SUFFIXES) and name not in claimed
    ]
    return _flag_duplicate_ids(results)


def _read_named_csv(
    key: str,
    text: str,
    line: int | None,
    doc: ProfileDoc,
    folder: Path | Files | None,
    shown: str,
    today: dt.date,
) -> _Named:
    """The CSV a profile's ``log:`` or ``strength_log:`` names, read and checked."""
    if isinstance(folder, Files):
        name, problem = folder.named(key, text, line, shown)
        if problem:
            return _Named("days", None, None, [problem])
        data = folder.files[name]
        return _read_csv_bytes(key, text, line, doc, data, shown, name, Path(name), today)
    if folder is None:
        message = (
            f"an uploaded profile cannot refer to another file ({key}:); put it inline "
            "(days:, weeks: or sets:), or upload the CSV log itself"
        )
        return _Named("days", None, None, [Problem(shown, line, "error", message)])
    target, log_problem = _resolve_log(key, text, line, folder, shown)
    if log_problem:
        return _Named("days", None, None, [log_problem])
    shown_log = _shown_log(shown, text)
    data, read_problem = _read_file(target, shown_log)
    if read_problem:
        return _Named("days", None, target, [read_problem])
    return _read_csv_bytes(key, text, line, doc, data, shown, shown_log, target, today)


def _read_csv_bytes(
    key: str,
    text: str,
    line: int | None,
    doc: ProfileDoc,
    data: bytes,
    shown: str,
    shown_log: str,
    target: Path,
    today: dt.date,
) -> _Named:
    """A named CSV's bytes read as the kind of log ``key`` asks for (``shown``: the
    profile that names it)."""
    log = read_csv_log(data, shown_log, doc.units, today, doc.weight_unit)
    kinds, instead = _NAMES[key]
    if log.frame is not None and log.kind not in kinds:
        wrong = Problem(shown, line, "error", f"{key}: '{text}' is {instead}")
        return _Named(log.kind, None, target, [*log.problems, wrong])
    return _Named(log.kind, log.frame, target, log.problems)


def _shown_log(profile_shown: str, log_text: str) -> str:
    return str(Path(profile_shown).parent / log_text)


def _resolve_log(
    key: str, text: str, line: int | None, folder: Path, shown: str
) -> tuple[Path, Problem | None]:
    """A named log must be a file inside the profile's own folder (symlinks resolved)."""
    raw = Path(text)
    target = (folder / raw).resolve()
    base = folder.resolve()
    if raw.is_absolute() or not target.is_relative_to(base):
        return target, Problem(
            shown,
            line,
            "error",
            f"{key}: '{text}' points outside the athlete's folder; keep the log beside the "
            "profile or in a subfolder",
        )
    if not target.is_file():
        return target, Problem(shown, line, "error", f"{key}: '{text}' does not exist")
    if target.suffix.lower() not in LOG_SUFFIXES:
        return target, Problem(shown, line, "error", f"{key}: '{text}' is not a .csv file")
    return target, None


def with_sets(athlete: Athlete, sets: pd.DataFrame, shown: str) -> tuple[Athlete, list[Problem]]:
    """``athlete`` with a checked sets frame: names resolved, the days' blank leg sessions
    filled in from the sets (a weekly-totals log has no days to fill), and what was
    decided on the way as warnings of the sets log."""
    resolved = strength_load.with_load(names.resolve(sets))
    problems = []
    unknown = names.unknown_names_message(resolved)
    if unknown:
        problems.append(Problem(shown, None, "warning", unknown))
    written = athlete.written_days
    days = written
    if athlete.week_totals is None:
        days, disagree = strength_days.fill_days(written, resolved)
        problems += [Problem(shown, None, "warning", sentence) for sentence in disagree]
    return replace(athlete, days=days, sets=resolved, log_days=written), problems


def _profile_from_doc(doc: ProfileDoc, athlete_id: str, shown: str) -> Profile:
    return Profile(
        id=athlete_id,
        name=doc.name,
        units=doc.units,
        units_assumed=doc.units_assumed,
        week=doc.week,
        week_source="profile" if doc.week else "missing",
        season=doc.season,
        races=tuple(doc.races),
        block_start=doc.block_start,
        weaker_side=doc.weaker_side,
        weight_unit=doc.weight_unit,
        path=shown,
        strength_days=doc.strength_days,
        equipment=doc.equipment,
        after_block=doc.after_block,
    )


def _athlete(profile: Profile, kind: str, frame: pd.DataFrame, notes: list[str]) -> Athlete:
    if kind == "weeks":
        if profile.week is None:
            notes.append("weekly totals only: day-by-day checks need a daily log")
        return Athlete(profile, _NO_DAYS.copy(), frame, tuple(notes))
    if profile.week is None and not frame.empty:
        week = infer_usual_week(frame)
        listed = ", ".join(f"{d} {k}" for d, k in week.items())
        notes.append(f"usual week inferred from the last {INFER_WEEKS} weeks of the log: {listed}")
        profile = replace(profile, week=week, week_source="inferred")
    return Athlete(profile, frame, None, tuple(notes))


#: A day's kind ranked by how hard it is (the rule book's ranking): a double day counts
#: as its hardest run, a race as a hard day. ``_RANKED[rank]`` is the kind a rank stands
#: for.
_RANK = {**rules.KIND, "race": rules.KIND["hard"]}
_RANKED = tuple(k for k in rules.KIND_ORDER if k != "race")


def infer_usual_week(days: pd.DataFrame, weeks: int = INFER_WEEKS) -> dict[str, str]:
    """The most common run kind per weekday over the last ``weeks`` weeks.

    A race is read as a hard day; days with no row count as rest. Ties go to the
    more common kind across the whole window, then to the kind seen first on
    that weekday. Counted with numpy over (weekday, kind) codes: it runs on every
    load of an athlete whose profile gives no week.
    """
    dates = days["date"].to_numpy().astype("datetime64[D]")
    span = max(7 * weeks, 0)
    end = dates.max()
    start = end - np.timedelta64(span - 1, "D")
    recent = dates >= start
    kinds, codes = np.unique(days["run"].to_numpy()[recent], return_inverse=True)
    ranks = np.array([_RANK[str(kind)] for kind in kinds], dtype=np.intp)[codes.ravel()]
    per_day = np.zeros(span, dtype=np.intp)  # rest where no row
    np.maximum.at(per_day, (dates[recent] - start).astype(np.intp), ranks)
    position = np.arange(span)
    weekday = weekday_of(start.astype(np.int64) + position)
    counts = np.bincount(weekday * 6 + per_day, minlength=42).reshape(7, 6)
    overall = counts.sum(axis=0)
    first = np.full((7, 6), span, dtype=np.intp)  # first position of each kind per weekday
    np.minimum.at(first, (weekday, per_day), position)
    week: dict[str, str] = {}
    for number, day in enumerate(WEEKDAYS):
        count = counts[number]
        if not count.any():
            week[day] = "rest"
            continue
        tied = np.flatnonzero(count == count.max())
        best = max(tied, key=lambda k: (overall[k], -first[number, k]))
        week[day] = _RANKED[best]
    return week


def find_athlete_files(root: str | os.PathLike) -> list[Path]:
    """Profiles and CSV logs in a folder and its subfolders; dot-folders, the saved
    plans (``plans/`` at the top, legday.io.plans) and the access file (``access.yaml``
    at the top, legday.access) are not athletes."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        top = Path(folder) == Path(root)
        subfolders[:] = sorted(
            d for d in subfolders if not d.startswith((".", "_")) and not (top and d == PLANS_DIR)
        )
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(PROFILE_SUFFIXES + LOG_SUFFIXES):
                continue
            if top and name == ACCESS_FILE:
                continue
            found.append(Path(folder) / name)
    return found


def load_folder(root: str | os.PathLike, today: dt.date | None = None) -> list[LoadResult]:
    """Every athlete in a folder: profiles first, then CSVs no profile claims as its log.

    Files that resolve outside the folder (symlinks) are refused; an id seen twice
    is an error on the second file.
    """
    base = Path(root)
    if not base.is_dir():
        return [LoadResult(str(root), None, [Problem(str(root), None, "error", "no such folder")])]
    resolved_base = base.resolve()
    files = {file: file.resolve() for file in find_athlete_files(base)}
    profiles = [f for f in files if f.suffix.lower() in PROFILE_SUFFIXES]
    logs = [f for f in files if f.suffix.lower() in LOG_SUFFIXES]

    def load_one(file: Path) -> LoadResult:
        if not files[file].is_relative_to(resolved_base):
            message = "is a link to a file outside the data folder; skipped"
            return LoadResult(str(file), None, [Problem(str(file), None, "error", message)])
        return load_athlete(file, today)

    results = [load_one(file) for file in profiles]
    claimed = {path for r in results for path in (r.log_path, r.sets_path) if path is not None}
    results += [load_one(file) for file in logs if files[file] not in claimed]
    return _flag_duplicate_ids(results)


def _flag_duplicate_ids(results: list[LoadResult]) -> list[LoadResult]:
    first: dict[str, str] = {}
    for result in results:
        if result.athlete is None:
            continue
        athlete_id = result.athlete.id
        if athlete_id in first:
            result.problems.append(
                Problem(
                    result.path,
                    None,
                    "error",
                    f"athlete id '{athlete_id}' is already used by {first[athlete_id]}; "
                    "rename one of the files",
                )
            )
            result.athlete = None
        else:
            first[athlete_id] = result.path
    return results
