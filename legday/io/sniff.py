"""Which export is this: the one place an export is told apart by its header.

Strava's and Garmin's activity exports become a daily log (``legday.io.imports``);
Hevy's and Strong's workout exports become sets (``legday.io.workouts``). The header's
column names decide, never the file name.
"""

from __future__ import annotations

from typing import Literal

ExportKind = Literal["strava", "garmin", "hevy", "strong", "legday"]
#: The apps whose exports become sets, as the user reads their names.
SET_EXPORTS = {"hevy": "Hevy", "strong": "Strong"}
ACTIVITY_EXPORTS = {"strava": "Strava", "garmin": "Garmin"}


def header_names(text: str) -> tuple[list[str], str]:
    """The first line's column names (lower case, quotes and spaces trimmed) and the
    delimiter it uses (a semicolon when it has more of them than commas)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [c.strip().strip('"').strip().lower() for c in first.split(delimiter)], delimiter


def export_kind(text: str) -> ExportKind | None:
    """The export a text's header says it is, or None."""
    names, _ = header_names(text)
    columns = set(names)
    if {"activity date", "activity type"} <= columns:
        return "strava"
    if {"activity type", "date", "title"} <= columns:
        return "garmin"
    if {"start_time", "set_index"} <= columns or {"exercise_title", "set_type"} <= columns:
        return "hevy"
    if {"workout name", "set order"} <= columns or {"exercise name", "set order"} <= columns:
        return "strong"
    if {"date", "run"} <= columns or {"week_of", "distance"} <= columns:
        return "legday"
    if {"date", "exercise"} <= columns:
        return "legday"
    return None


def export_kind_of(data: bytes) -> ExportKind | None:
    """``export_kind`` of a file's bytes, from its first line only (a zip: Strava's)."""
    if data[:4] == b"PK\x03\x04":
        return "strava"
    head = data[:65536].decode("utf-8-sig", errors="replace").replace("\r", "\n")
    return export_kind(head)
