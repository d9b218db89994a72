"""What the dashboard decides before it draws: where the data comes from, which
athlete and date a link asks for, and the As of inside the athlete's log.

No streamlit here, so every decision is unit-tested (tests/test_appstate.py). Values
from the URL or the command line are untrusted: they are checked against a pattern
and the loaded roster, and never joined into a path unchecked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from legday.io import LoadResult, find_athlete_files
from legday.io.load import ATHLETE_ID
from legday.model import Athlete

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The earliest "as of" a link may ask for; anything before is a typo, not a log.
EARLIEST_AS_OF = dt.date(1990, 1, 1)
#: How far past today a link's "as of" may go (a planned week ahead, not a decade).
FUTURE_DAYS = 366
ENV_DATA_DIR = "LEGDAY_DATA_DIR"

SourceKind = Literal["demo", "folder"]


@dataclass(frozen=True)
class DataSource:
    """Where the roster comes from; ``message`` explains a configured folder that failed."""

    kind: SourceKind
    folder: Path | None = None
    origin: str = "demo"  # "demo", "env" (LEGDAY_DATA_DIR) or "argv" (after --)
    message: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "demo" or self.folder is None:
            return "Demo roster"
        return f"Folder {self.folder.name or self.folder}"


@dataclass(frozen=True)
class ParamCheck:
    """A checked query-parameter value: ``value`` when usable, else a ``message`` to show."""

    value: Any = None
    message: str | None = None


def _first_path_arg(argv: Sequence[str]) -> str | None:
    """The first argument that is not an option (``streamlit run app.py -- PATH``)."""
    for arg in argv:
        if arg and not arg.startswith("-"):
            return arg
    return None


def resolve_source(env: Mapping[str, str], argv: Sequence[str]) -> DataSource:
    """A path after ``--`` wins over LEGDAY_DATA_DIR; without either, the bundled demo.

    The folder must exist: a typo falls back to the demo with a message, rather than
    an empty roster that looks like a bug.
    """
    raw, origin = _first_path_arg(argv), "argv"
    if raw is None:
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


def inside_folder(folder: str | os.PathLike, candidate: str | os.PathLike) -> Path | None:
    """``candidate`` resolved, if it lies inside ``folder`` (symlinks followed); else None.

    The only way the app turns a name into a path it writes: a save target outside
    the data folder is refused.
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


def check_athlete_param(value: str | None, ids: Iterable[str]) -> ParamCheck:
    """``?athlete=`` from a shared link: a well-formed id that this roster holds."""
    if value is None or value == "":
        return ParamCheck()
    shown = value[:40] + ("..." if len(value) > 40 else "")
    if not ATHLETE_ID.fullmatch(value):
        return ParamCheck(
            message=f"The link asks for athlete '{shown}', which is not a valid athlete id "
            "(lower-case letters, digits and '-'). Showing the roster's first athlete."
        )
    if value not in set(ids):
        return ParamCheck(
            message=f"The link asks for athlete '{shown}', who is not in this roster. "
            "Pick an athlete in the sidebar."
        )
    return ParamCheck(value)


def check_as_of_param(
    value: str | None,
    today: dt.date,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> ParamCheck:
    """``?as_of=YYYY-MM-DD``: a real date, not absurdly early or late, inside the log.

    ``first``/``last`` are the athlete's logged range; a date outside it is refused
    with a message because a review of days that were never logged says nothing.
    """
    if value is None or value == "":
        return ParamCheck()
    shown = value[:20]
    if not _ISO_DATE.match(value):
        return ParamCheck(message=f"as_of '{shown}' is not a date like 2026-03-01; ignored.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return ParamCheck(message=f"as_of '{shown}' is not a real calendar date; ignored.")
    if not EARLIEST_AS_OF <= day <= today + dt.timedelta(days=FUTURE_DAYS):
        return ParamCheck(message=f"as_of {day.isoformat()} is out of range; ignored.")
    if first is not None and day < first:
        return ParamCheck(
            message=f"as_of {day.isoformat()} is before this athlete's log starts "
            f"({first.isoformat()}); showing the latest logged day."
        )
    if last is not None and day > last:
        return ParamCheck(
            message=f"as_of {day.isoformat()} is after this athlete's last logged day "
            f"({last.isoformat()}); showing the latest logged day."
        )
    return ParamCheck(day)


def log_range(athlete: Athlete) -> tuple[dt.date | None, dt.date | None]:
    """First and last day the athlete's log covers (weekly logs: Monday to Sunday)."""
    return athlete.first_date, athlete.last_date


def athletes_of(results: Iterable[LoadResult]) -> list[Athlete]:
    """The athletes that loaded, in roster order."""
    return [r.athlete for r in results if r.athlete is not None]


def problems_frame(results: Iterable[LoadResult]) -> pd.DataFrame:
    """Every problem of every file as (file, line, severity, message) rows."""
    rows = [
        {"file": p.path, "line": p.line, "severity": p.severity, "message": p.message}
        for r in results
        for p in r.problems
    ]
    frame = pd.DataFrame.from_records(rows, columns=["file", "line", "severity", "message"])
    frame["line"] = frame["line"].astype("Int64")
    return frame


def default_as_of(athlete: Athlete | None, today: dt.date) -> dt.date:
    """The athlete's last logged day, else today (an empty log still gets a plan)."""
    if athlete is not None and athlete.last_date is not None:
        return athlete.last_date
    return today


def settle_as_of(
    value: object,
    athlete: Athlete | None,
    today: dt.date,
    previous_default: dt.date | None = None,
) -> dt.date:
    """The As of to use on this run, always inside the athlete's log range.

    A session's As of outlives the log it was picked on (an edit kept in the session,
    a check-in, a save, an upload, a new day): a value that was the latest logged day
    (``previous_default``) follows the latest day, any other value is clamped into the
    log's current range, and anything that is not a date becomes the default.
    """
    default = default_as_of(athlete, today)
    if not isinstance(value, dt.date) or value == previous_default:
        return default
    if isinstance(value, dt.datetime):
        value = value.date()
    first, last = log_range(athlete) if athlete is not None else (None, None)
    return min(max(value, first or default), last or default)
