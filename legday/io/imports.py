"""Strava and Garmin activity exports -> a legday daily log, with every guess marked.

The exports know sports, distances and times but not what legday plans around: run
kinds (easy, hard, long) and leg-session levels (light, heavy). Those are inferred
here, honestly and visibly: ``ImportResult.inferred`` marks each guessed cell and the
row's note says why, so the runner can correct it in the log.

Readers (``legday.io.strava``, ``legday.io.garmin``) turn a file into *activities*
(one row per activity, columns ``ACTIVITY_COLUMNS``); this module turns activities
into day rows (``legday.model.DAY_COLUMNS``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import struct
import zipfile
import zlib
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from legday import clock
from legday.io.save import days_to_csv
from legday.model import DAY_COLUMNS, MAX_DAY_DISTANCE, UNITS, Problem, empty_days
from legday.safe_text import spreadsheet_safe

#: A plain activities CSV, or the activities.csv inside a zip, is refused above this.
MAX_CSV_BYTES = 50 * 1024 * 1024
#: A zip with more members than this is refused before its directory is read.
#: (A decade of Strava with photos is a few tens of thousands of files.)
MAX_ZIP_MEMBERS = 100_000
#: The zip's central directory (the list of names) is refused above this size.
MAX_ZIP_DIRECTORY_BYTES = 16 * 1024 * 1024

#: Start of the message for a bug met while importing (a file legday should have handled).
INTERNAL_ERROR = "legday could not import this file (a bug in legday, not your file)"

METRES_PER: dict[str, float] = {"mi": 1609.344, "km": 1000.0}

#: Long run: the week's longest run, at least this much longer than the median of the
#: week's other runs, and at least LONG_MIN_METRES.
LONG_RATIO = 1.5
LONG_MIN_METRES = 8000.0
#: A run logged without distance counts as this many metres a minute (10 km/h) when
#: looking for the week's longest run.
METRES_PER_MINUTE_GUESS = 1000.0 / 6.0
#: Effort (RPE 0-10) from which a run counts as hard.
HARD_EFFORT = 7.0
#: A leg session is heavy from this effort, or from HEAVY_MINUTES.
HEAVY_EFFORT = 6.0
HEAVY_MINUTES = 40.0

#: Words in an activity name (any case) that make a run hard. English first, then
#: common French, German, Spanish, Italian, Dutch, Scandinavian and Polish words.
#: Not "carrera" or "course": Strava's Spanish and French default names for any run.
HARD_WORDS: tuple[str, ...] = (
    r"intervals?",
    r"tempo",
    r"races?",
    r"racing",
    r"fartlek",
    r"threshold",
    r"track",
    r"vo2\s*max",
    r"vo2",
    r"repeats",
    r"reps",
    r"speed\s*work",
    r"hill\s+repeats",
    r"\d+\s*[x×]\s*\d+\s*(?:m|k|km|mi|s|min|')?",  # 6x400, 5 x 1km
    r"intervalles?",
    r"fractionn[ée]e?s?",
    r"seuil",
    r"intervall?e?",
    r"intervalltraining",
    r"tempolauf",
    r"schwelle",
    r"wettkampf",
    r"intervalos?",
    r"series",
    r"umbral",
    r"competici[óo]n",
    r"ripetute",
    r"soglia",
    r"gara",
    r"intervaller",
    r"interwa[łl]y",
    r"drempel",
    r"wedstrijd",
)
#: Words that make a run long (when not hard).
LONG_WORDS: tuple[str, ...] = (
    r"long\s+run",
    r"long",
    r"lsd",
    r"sortie\s+longue",
    r"langer\s+lauf",
    r"tirada\s+larga",
    r"rodaje\s+largo",
    r"lungo",
    r"lunghissimo",
    r"duurloop",
    r"långpass",
    r"langtur",
)


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


HARD_PATTERN = _word_pattern(HARD_WORDS)
LONG_PATTERN = _word_pattern(LONG_WORDS)

#: What a reader hands over: one row per activity.
ACTIVITY_COLUMNS: dict[str, str] = {
    "line": "int64",  # line in the source file (for messages)
    "start": "datetime64[ns]",  # local start time, naive
    "category": "str",  # run | strength | cross
    "type": "str",  # the export's activity type, as written
    "name": "str",
    "distance_m": "float64",  # NaN when unknown
    "minutes": "float64",
    "effort": "float64",  # RPE 0-10 when the export has one
    "race": "bool",  # the export itself marks it a race (Strava "Competition")
    "long": "bool",  # the export itself marks it a long run (Strava "Long Run")
    "skip": "str",  # "" to keep, else the reason it is skipped
}


@dataclass(frozen=True)
class Activities:
    """A reader's output: activities plus what it had to say about the file."""

    source: str  # "Strava" | "Garmin"
    frame: pd.DataFrame  # ACTIVITY_COLUMNS
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once in the summary


@dataclass(frozen=True)
class ImportSummary:
    """What an import found, kept and skipped, for the user to read before saving."""

    source: str  # "Strava", "Garmin" or "" when the file was not recognised
    found: int  # activity rows in the file
    kept: int  # activities that became day rows (a run and a lift may share a row)
    skipped: dict[str, int]  # reason -> how many activities
    first_date: dt.date | None
    last_date: dt.date | None
    runs: int
    strength_sessions: int
    cross: int
    inferred_kinds: dict[str, int]  # run kind -> how many were inferred
    inferred_levels: dict[str, int]  # strength level -> how many were inferred
    units: str
    tz: str
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary as short sentences (the CLI prints them, the app shows them)."""
        if not self.source:
            return ["nothing imported"]
        out = [
            f"found {self.found} {self.source} activities; kept {self.kept} "
            f"({self.runs} runs, {self.strength_sessions} leg sessions, "
            f"{self.cross} cross-training)"
        ]
        skipped = sum(self.skipped.values())
        if skipped:
            why = "; ".join(f"{n} {reason}" for reason, n in self.skipped.items())
            out.append(f"skipped {skipped}: {why}")
        if self.first_date:
            out.append(f"dates {self.first_date.isoformat()} to {self.last_date.isoformat()}")
        kinds = sum(self.inferred_kinds.values())
        levels = sum(self.inferred_levels.values())
        if kinds or levels:
            out.append(
                f"inferred {kinds} run kinds ({_counts(self.inferred_kinds)}) and "
                f"{levels} leg-session levels ({_counts(self.inferred_levels)}): "
                "check them and correct any that are wrong"
            )
        out.append(f"distances in {self.units}")
        out.extend(self.notes)
        return out


@dataclass(frozen=True)
class ImportResult:
    """Day rows ready to save as a legday CSV log, and what was guessed to make them.

    ``inferred`` has the index of ``days`` and two bool columns: ``run`` (the run
    kind was inferred) and ``strength`` (the leg-session level was inferred).
    """

    days: pd.DataFrame
    inferred: pd.DataFrame
    summary: ImportSummary
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems) and not self.days.empty


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "none"


# --------------------------------------------------------------------------- options


def check_time_zone(tz: str) -> str | None:
    """None when ``tz`` is an IANA zone name (Europe/Berlin, UTC), else a message."""
    if isinstance(tz, str) and tz in zoneinfo.available_timezones():
        return None
    return f"unknown time zone '{tz}': use an IANA name such as Europe/Berlin or America/New_York"


def available_time_zones() -> list[str]:
    """Every zone name ``tz`` accepts, sorted, for a picker."""
    return sorted(zoneinfo.available_timezones())


def _check_options(tz: str, units: str, source_units: str | None) -> None:
    message = check_time_zone(tz)
    if message:
        raise ValueError(message)
    for value in (units, source_units or units):
        if value not in UNITS:
            raise ValueError(f"units must be one of {', '.join(UNITS)}, not '{value}'")


# --------------------------------------------------------------------------- entry point


def import_file(
    source: str | os.PathLike | bytes,
    name: str | None = None,
    tz: str = "UTC",
    units: str = "mi",
    *,
    source_units: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a Strava activities.csv, a Strava export .zip or a Garmin Activities.csv.

    ``tz`` turns Strava's UTC times into local dates (Garmin's are local already).
    ``units`` are the log's units. ``source_units`` is the unit Garmin Connect
    shows distances in (the file does not say); default: ``units``. ``today``
    (default: today in ``tz``) is the last date an activity may have.
    Raises ValueError only for a bad ``tz`` or units; bad files give problems.
    """
    _check_options(tz, units, source_units)
    if isinstance(source, (bytes, bytearray, memoryview)):
        shown = name or "upload"
        opened = _open_bytes(bytes(source), shown)
    else:
        shown = name or str(source)
        opened = _open_path(Path(source), shown)
    if isinstance(opened, Problem):
        return _failed(shown, [opened], tz, units)
    text, problems = _decode(opened, shown)
    if text is None:
        return _failed(shown, problems, tz, units)
    reader = _sniff(text, shown)
    if isinstance(reader, Problem):
        return _failed(shown, [*problems, reader], tz, units)
    if today is None:
        today = clock.today(zoneinfo.ZoneInfo(tz))
    try:
        activities = reader(text, shown, tz, source_units or units)
        activities.problems[:0] = problems
        return build_result(activities, shown, units, tz, today)
    except Exception as exc:  # never a traceback for a user's file; tests check it stays unused
        message = f"{INTERNAL_ERROR} ({type(exc).__name__}: {str(exc)[:120]}); please report it"
        return _failed(shown, [*problems, Problem(shown, None, "error", message)], tz, units)


def _failed(shown: str, problems: list[Problem], tz: str, units: str) -> ImportResult:
    summary = ImportSummary("", 0, 0, {}, None, None, 0, 0, 0, {}, {}, units, tz)
    empty = empty_days()
    return ImportResult(empty, _no_inferred(empty.index), summary, problems)


def _no_inferred(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame({"run": False, "strength": False}, index=index, dtype=bool)


# --------------------------------------------------------------------------- bytes in


def _open_path(path: Path, shown: str) -> bytes | Problem:
    """The CSV's bytes from a path; a zip is read member by member, never whole."""
    try:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            return Problem(shown, None, "error", f"{what}; give an activities CSV or export .zip")
        with path.open("rb") as fh:
            if fh.read(4) in (b"PK\x03\x04", b"PK\x05\x06"):
                fh.seek(0)
                return _csv_from_zip(fh, shown)
            size = path.stat().st_size
            if size > MAX_CSV_BYTES:
                return _too_big(shown, size, "file")
            fh.seek(0)
            return fh.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        return Problem(shown, None, "error", f"cannot read the file ({exc.strerror or exc})")


def _open_bytes(data: bytes, shown: str) -> bytes | Problem:
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _csv_from_zip(io.BytesIO(data), shown)
    if len(data) > MAX_CSV_BYTES:
        return _too_big(shown, len(data), "file")
    return data


def _too_big(shown: str, size: int, what: str) -> Problem:
    return Problem(
        shown,
        None,
        "error",
        f"{what} is {size / 1024 / 1024:.1f} MB; legday reads activity CSVs up to "
        f"{MAX_CSV_BYTES // 1024 // 1024} MB",
    )


def _csv_from_zip(fh, shown: str) -> bytes | Problem:
    """activities.csv from a Strava (or any) export zip, read into memory only.

    Guards: the member count and directory size are checked from the zip's end
    record before ``zipfile`` parses the directory; the member is read with a hard
    byte cap whatever its header claims; member names are only compared, never used
    as paths.
    """
    refusal = _zip_directory_refusal(fh, shown)
    if refusal:
        return refusal
    try:
        with zipfile.ZipFile(fh) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return Problem(shown, None, "error", _too_many(len(members)))
            candidates = [
                m
                for m in members
                if not m.is_dir()
                and m.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == "activities.csv"
            ]
            if not candidates:
                return Problem(
                    shown,
                    None,
                    "error",
                    "the zip has no activities.csv (Strava's 'Download your data' "
                    "archive has one at its top level)",
                )
            member = min(candidates, key=lambda m: (m.filename.count("/"), m.filename))
            where = f"{shown}/{member.filename.replace(chr(92), '/')[-80:]}"
            if member.flag_bits & 0x1:
                return Problem(where, None, "error", "activities.csv is encrypted in the zip")
            if member.file_size > MAX_CSV_BYTES:
                return _too_big(where, member.file_size, "activities.csv (unpacked)")
            with archive.open(member) as inner:
                data = inner.read(MAX_CSV_BYTES + 1)
            if len(data) > MAX_CSV_BYTES:
                return _too_big(where, len(data), "activities.csv (unpacked)")
            return data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        return Problem(shown, None, "error", f"not a readable zip archive ({exc})")
    except (OSError, RuntimeError, ValueError, zlib.error, struct.error) as exc:
        return Problem(shown, None, "error", f"the zip is damaged ({exc})")


def _too_many(count: int) -> str:
    return f"the zip holds {count:,} files; legday opens exports of up to {MAX_ZIP_MEMBERS:,}"


def _zip_directory_refusal(fh, shown: str) -> Problem | None:
    """Read the zip's end record (and zip64 record) without trusting anything else."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 65535 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return Problem(shown, None, "error", "not a readable zip archive (no end record)")
    entries, dir_size = struct.unpack("<10xHI", tail[at + 4 : at + 20])[0:2]
    locator = tail.rfind(b"PK\x06\x07", 0, at)
    if locator >= 0 and at - locator == 20:  # zip64: the real counts are further back
        (record_offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        if 0 <= record_offset < size:
            fh.seek(record_offset)
            record = fh.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) == 56:
                entries, dir_size = struct.unpack("<QQ", record[32:48])
    fh.seek(0)
    if entries > MAX_ZIP_MEMBERS:
        return Problem(shown, None, "error", _too_many(entries))
    if dir_size > MAX_ZIP_DIRECTORY_BYTES:
        return Problem(
            shown, None, "error", f"the zip's file list is {dir_size / 1024 / 1024:.0f} MB; refused"
        )
    return None


def _decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    if not data.strip():
        return None, [Problem(shown, None, "error", "file is empty")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a spreadsheet's "Unicode text"
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeError:
            return None, [Problem(shown, None, "error", "file claims UTF-16 but is not")]
    head = data[:8192]
    if b"\x00" in head or not _looks_textual(head):
        return None, [
            Problem(shown, None, "error", "binary data, not a CSV text file (wrong file?)")
        ]
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
        problems: list[Problem] = []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        problems = [
            Problem(shown, line, "warning", "not UTF-8; read as Windows-1252 (check accents)")
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def _looks_textual(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls <= len(head) // 100


# --------------------------------------------------------------------------- sniffing

Reader = Callable[[str, str, str, str], Activities]


def _sniff(text: str, shown: str) -> Reader | Problem:
    """Strava or Garmin by the header's column names."""
    first = text.split("\n", 1)[0]
    columns = {c.strip().strip('"').strip().lower() for c in first.split(",")}
    if {"activity date", "activity type"} <= columns:
        from legday.io.strava import read_strava

        return read_strava
    if {"activity type", "date", "title"} <= columns:
        from legday.io.garmin import read_garmin

        return read_garmin
    names = [c.strip().strip('"').strip().lower() for c in first.split(",")]
    if {"date", "run"} <= columns or {"week_of", "distance"} <= columns:
        message = "this is already a legday log: open it directly, no import needed"
    elif len(names) >= 30 and len(names) - len(set(names)) >= 2:  # Strava's repeated columns
        message = (
            "this looks like a Strava export in another language: set Strava's language "
            "to English, request the archive again, and import that"
        )
    else:
        seen = ", ".join(sorted(c for c in columns if c)[:6]) or "nothing"
        message = (
            "not a Strava activities.csv (needs 'Activity Date', 'Activity Type') or a "
            f"Garmin Activities.csv (needs 'Activity Type', 'Date', 'Title'); header has {seen}"
        )
    return Problem(shown, 1, "error", message)


# --------------------------------------------------------------------------- shared parsing


def read_csv_text(text: str, shown: str) -> tuple[pd.DataFrame | None, np.ndarray, list[Problem]]:
    """All cells as text, duplicate names as ``Distance``, ``Distance.1``; and each row's
    line number. A last row cut short (a truncated download) is dropped with a warning."""
    problems: list[Problem] = []
    if not text.endswith("\n"):
        cut = _cut_partial_last_row(text)
        if cut is not None:
            text = cut
            problems.append(
                Problem(
                    shown,
                    text.count("\n") + 1,
                    "warning",
                    "the file ends in the middle of a row (download cut short?); "
                    "that last row was skipped",
                )
            )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        reason = str(exc).replace("\n", " ").removeprefix("Error tokenizing data. C error: ")
        return (
            None,
            np.array([], dtype=int),
            [
                *problems,
                Problem(shown, None, "error", f"cannot read as CSV: {reason[:160]}"),
            ],
        )
    frame.columns = _unique_names(frame.columns)
    # Each record's first line: header is line 1; quoted newlines push later rows down.
    breaks = sum(
        (frame.iloc[:, i].str.count("\n") for i in range(frame.shape[1])),
        pd.Series(0, frame.index),
    )
    lines = 2 + np.arange(len(frame)) + np.concatenate([[0], np.cumsum(breaks.to_numpy())[:-1]])
    blank = (frame == "").all(axis=1).to_numpy()
    return frame.loc[~blank].reset_index(drop=True), lines[~blank].astype(int), problems


def _unique_names(columns: pd.Index) -> list[str]:
    """Stripped names, a repeat getting ``.1``, ``.2`` as pandas does for exact repeats."""
    names: list[str] = []
    for column in columns:
        name = base = str(column).strip()
        n = 0
        while name in names:
            n += 1
            name = f"{base}.{n}"
        names.append(name)
    return names


def _cut_partial_last_row(text: str) -> str | None:
    """Text without its last record when that record is cut short: an unterminated
    quote (cut from the line it opened on) or fewer fields than the header."""
    quote_open = _last_unbalanced_line(text)
    if quote_open is not None:
        return text[:quote_open]
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return None
    if len(rows) < 2 or len(rows[-1]) >= len(rows[0]):
        return None  # complete, just no final newline
    return text[: text.rfind("\n") + 1]


def _last_unbalanced_line(text: str) -> int | None:
    """Offset of the line starting the record whose quote never closes, if any."""
    if text.count('"') % 2 == 0:
        return None
    last_quote = text.rfind('"')
    return text.rfind("\n", 0, last_quote) + 1


def parse_numbers(cells: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """'1,234.5' -> 1234.5 ('1.234,5' with decimal commas); '--' and blanks -> NaN."""
    text = cells.fillna("").str.strip().str.strip('"')
    if decimal_comma:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    values = pd.to_numeric(text.where(~text.isin(["", "--", "-"])), errors="coerce")
    values = values.astype("float64")
    return values.where(np.isfinite(values.to_numpy()))


def parse_durations(cells: pd.Series) -> pd.Series:
    """Minutes from '01:02:03', '1:02:03.4', '31:40' (m:s) or plain seconds ('3723')."""
    text = cells.fillna("").str.strip()
    parts = text.str.extract(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
    clock = (
        pd.to_numeric(parts[0], errors="coerce").fillna(0) * 60
        + pd.to_numeric(parts[1], errors="coerce")
        + pd.to_numeric(parts[2], errors="coerce") / 60
    )
    seconds = parse_numbers(text.where(parts[1].isna(), "")) / 60
    return clock.where(parts[1].notna(), seconds).astype("float64")


def categorise(types: pd.Series, runs: set[str], strength: set[str]) -> pd.Series:
    """run / strength / cross from an export's activity type (case-insensitive)."""
    key = types.fillna("").str.strip().str.lower()
    out = pd.Series("cross", index=types.index, dtype="str")
    out = out.where(~key.isin(strength), "strength")
    return out.where(~key.isin(runs), "run")


def activities_frame(**columns) -> pd.DataFrame:
    """Assemble a reader's activities with the documented dtypes."""
    frame = pd.DataFrame(columns)
    return frame[list(ACTIVITY_COLUMNS)].astype(ACTIVITY_COLUMNS)


# --------------------------------------------------------------------------- activities -> days


def build_result(
    activities: Activities, shown: str, units: str, tz: str, today: dt.date
) -> ImportResult:
    """Skip what cannot be used, infer kinds and levels, and lay out day rows."""
    acts = activities.frame.copy()
    problems = list(activities.problems)
    found = len(acts)
    acts = _skip_impossible(acts, units, today)
    problems.extend(_skip_problems(acts, shown))
    skipped = acts.loc[acts["skip"] != "", "skip"].value_counts().to_dict()
    acts = acts[acts["skip"] == ""].sort_values("start", kind="stable").reset_index(drop=True)
    days, inferred = _to_days(acts, activities.source, units)
    if found == 0:
        problems.append(Problem(shown, None, "error", "the file has a header but no activities"))
    elif days.empty:
        problems.append(
            Problem(shown, None, "error", f"none of the {found} activities could be imported")
        )
    run_rows = days["run"].isin(["easy", "moderate", "hard", "long", "race"])
    summary = ImportSummary(
        source=activities.source,
        found=found,
        kept=len(acts),
        skipped={str(k): int(v) for k, v in skipped.items()},
        first_date=days["date"].min().date() if len(days) else None,
        last_date=days["date"].max().date() if len(days) else None,
        runs=int(run_rows.sum()),
        strength_sessions=int((days["strength"] != "none").sum()),
        cross=int((days["run"] == "cross").sum()),
        inferred_kinds=days.loc[inferred["run"], "run"].value_counts().to_dict(),
        inferred_levels=days.loc[inferred["strength"], "strength"].value_counts().to_dict(),
        units=units,
        tz=tz,
        notes=tuple(activities.notes),
    )
    return ImportResult(days, inferred, summary, problems)


def _skip_impossible(acts: pd.DataFrame, units: str, today: dt.date) -> pd.DataFrame:
    keep = acts["skip"] == ""
    reasons = [
        (acts["start"].dt.normalize() > pd.Timestamp(today), "dated in the future"),
        (
            (acts["category"] == "run")
            & (acts["distance_m"] > MAX_DAY_DISTANCE[units] * METRES_PER[units]),
            f"runs over {MAX_DAY_DISTANCE[units]:g} {units} (GPS glitch?)",
        ),
        (acts["minutes"] > 24 * 60, "over 24 hours long"),
        (
            (acts["category"] == "run") & acts["distance_m"].isna() & acts["minutes"].isna(),
            "runs with neither distance nor time",
        ),
    ]
    skip = acts["skip"].copy()
    for mask, reason in reasons:
        hit = keep & mask.fillna(False)
        skip = skip.where(~hit, reason)
        keep &= ~hit
    return acts.assign(skip=skip)


def _skip_problems(acts: pd.DataFrame, shown: str) -> list[Problem]:
    """One warning per reason, naming the first lines."""
    problems = []
    skipped = acts[acts["skip"] != ""]
    for reason, group in skipped.groupby("skip", sort=False):
        lines = group["line"].tolist()
        listed = ", ".join(str(n) for n in lines[:5])
        more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
        problems.append(
            Problem(
                shown,
                int(lines[0]),
                "warning",
                f"skipped {len(lines)} {'activity' if len(lines) == 1 else 'activities'} "
                f"({reason}): lines {listed}{more}",
            )
        )
    return problems


def _to_days(acts: pd.DataFrame, source: str, units: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if acts.empty:
        days = empty_days()
        return days, _no_inferred(days.index)
    date = acts["start"].dt.normalize()
    is_run, is_lift = (acts["category"] == c for c in ("run", "strength"))
    kind, run_why = infer_run_kinds(acts)
    level, lift_why = infer_strength_levels(acts)
    distance = (acts["distance_m"] / METRES_PER[units]).round(2)
    distance = distance.where(distance > 0)
    minutes = acts["minutes"].round(1)
    name = acts["name"].fillna("").str.replace(r"\s+", " ", regex=True).str.strip().str[:120]
    name = name.where(name != "", acts["type"])
    run_note = f"imported from {source}: " + name + "; " + run_why
    lift_note = f"imported from {source}: " + name + "; " + lift_why
    cross_note = f"imported from {source}: " + name + " (" + acts["type"] + ")"
    rows = pd.DataFrame(
        {
            "date": date,
            "run": kind.where(is_run, "cross").where(~is_lift, "rest"),
            "distance": distance.where(is_run),
            "minutes": minutes.where(~is_lift),
            "rpe": acts["effort"].where(~is_lift),
            "strength": level.where(is_lift, "none"),
            "strength_minutes": minutes.where(is_lift),
            "strength_rpe": acts["effort"].where(is_lift),
            "soreness": np.nan,
            "notes": run_note.where(is_run, lift_note.where(is_lift, cross_note)),
        }
    )
    inferred = pd.DataFrame(
        {"run": is_run & (run_why.str.startswith("kind inferred")), "strength": is_lift}
    )
    rows, inferred = _merge_lift_after_run(rows, inferred, is_run, is_lift)
    rows = rows.astype(DAY_COLUMNS)
    return rows.reset_index(drop=True), inferred.reset_index(drop=True).astype(bool)


def _merge_lift_after_run(
    rows: pd.DataFrame,
    inferred: pd.DataFrame,
    is_run: pd.Series,
    is_lift: pd.Series,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A leg session later on the same day as a run joins that run's row, the way a
    legday log writes "easy run, then heavy legs" (rules S4-S6 read it so). A session
    before the day's first run keeps its own, earlier row: lifting came first."""
    position = pd.Series(np.arange(len(rows)), index=rows.index)
    last_run = position.where(is_run).groupby(rows["date"]).ffill()
    target = last_run.where(is_lift).dropna().astype(int)
    target = target[~target.duplicated()]  # one session per run row
    if target.empty:
        return rows, inferred
    rows = rows.copy()
    runs_at = rows.index[target.to_numpy()]
    for column in ("strength", "strength_minutes", "strength_rpe"):
        rows.loc[runs_at, column] = rows.loc[target.index, column].to_numpy()
    lift_notes = rows.loc[target.index, "notes"].str.replace(
        r"^imported from \w+: ", "", regex=True
    )
    rows.loc[runs_at, "notes"] = rows.loc[runs_at, "notes"] + " | then " + lift_notes.to_numpy()
    inferred = inferred.copy()
    inferred.loc[runs_at, "strength"] = True
    keep = ~rows.index.isin(target.index)
    return rows[keep], inferred[keep]


def infer_run_kinds(acts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each run's kind and why, first match wins:

    1. the export marks it a race -> race; marks it a long run -> long (not inferred);
    2. the name says intervals, tempo, race, fartlek, threshold, track, VO2, 6x400 ... -> hard;
    3. the name says long run (or sortie longue, langer Lauf ...) -> long;
    4. the week's longest run, >= 1.5x the median of that week's other runs and
       >= 8 km -> long;
    5. effort (RPE) >= 7 -> hard;
    6. otherwise easy.
    Weeks run Monday to Sunday on the local date.
    """
    text = acts["name"].fillna("") + " | " + acts["type"].fillna("")
    hard_word = text.str.extract(HARD_PATTERN, expand=False)
    long_word = acts["name"].fillna("").str.extract(LONG_PATTERN, expand=False)
    longest = _longest_of_week(acts)
    effort = acts["effort"]
    kind = pd.Series("easy", index=acts.index, dtype="str")
    why = pd.Series(
        "kind inferred (easy: nothing says otherwise)",
        index=acts.index,
        dtype="str",
    )
    rules = [
        (effort >= HARD_EFFORT, "hard", "kind inferred (effort " + effort.map("{:g}".format) + ")"),
        (longest, "long", pd.Series("kind inferred (longest run of its week)", index=acts.index)),
        (long_word.notna(), "long", "kind inferred (name says " + long_word.fillna("") + ")"),
        (
            hard_word.notna(),
            "hard",
            "kind inferred (name says " + hard_word.fillna("").str.lower() + ")",
        ),
        (acts["long"], "long", pd.Series("marked as a long run in the export", index=acts.index)),
        (acts["race"], "race", pd.Series("marked as a race in the export", index=acts.index)),
    ]
    for mask, value, reason in rules:  # lowest priority first: later rules overwrite
        mask = mask.fillna(False).astype(bool)
        kind = kind.where(~mask, value)
        why = why.where(~mask, reason)
    return kind, why


def _longest_of_week(acts: pd.DataFrame) -> pd.Series:
    is_run = acts["category"] == "run"
    length = acts["distance_m"].where(acts["distance_m"] > 0)
    length = length.fillna(acts["minutes"] * METRES_PER_MINUTE_GUESS).where(is_run)
    week = acts["start"].dt.to_period("W-SUN")
    runs = pd.DataFrame({"week": week, "length": length, "pos": np.arange(len(acts))})[
        is_run & length.notna()
    ]
    if runs.empty:
        return pd.Series(False, index=acts.index)
    runs = runs.sort_values(["week", "length", "pos"], ascending=[True, False, True])
    top = ~runs["week"].duplicated()
    others = runs[~top].groupby("week")["length"].median()
    best = runs[top].set_index("week")
    best["others"] = others
    is_long = (best["length"] >= LONG_RATIO * best["others"]) & (best["length"] >= LONG_MIN_METRES)
    out = pd.Series(False, index=acts.index)
    out.iloc[best.loc[is_long.fillna(False), "pos"].to_numpy()] = True
    return out


def infer_strength_levels(acts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """heavy when effort >= 6 or the session lasted >= 40 min; light otherwise."""
    effort, minutes = acts["effort"], acts["minutes"]
    by_effort = effort >= HEAVY_EFFORT
    by_time = minutes >= HEAVY_MINUTES
    level = pd.Series("light", index=acts.index, dtype="str").where(~(by_effort | by_time), "heavy")
    why = pd.Series(
        "level inferred (light: short, no high effort logged)", index=acts.index, dtype="str"
    )
    why = why.where(~by_time, "level inferred (" + minutes.round().map("{:g}".format) + " min)")
    why = why.where(~by_effort, "level inferred (effort " + effort.map("{:g}".format) + ")")
    return level, why


# --------------------------------------------------------------------------- writing


def to_log_csv(days: pd.DataFrame) -> str:
    """A legday daily CSV log (header ``date,run,...,notes``), safe to open in Excel:
    text cells starting with = + - @ tab or CR get a leading ``'`` (OWASP CSV
    injection; ``legday.safe_text.spreadsheet_safe``), line breaks become spaces so one
    row is one line, and numbers are rounded to what a watch really measures."""
    out = days.reindex(columns=list(DAY_COLUMNS)).copy()
    for column, digits in (("distance", 2), ("minutes", 1), ("strength_minutes", 1)):
        out[column] = pd.to_numeric(out[column]).round(digits)
    for column in ("run", "strength", "notes"):
        out[column] = spreadsheet_safe(out[column].fillna("").astype(str))
    return days_to_csv(out)
