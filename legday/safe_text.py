"""User text made inert for where it goes: a spreadsheet cell or a Markdown line.

Both the importer (``legday.io``) and the exports (``legday.export``) write text that
other programs read, so the escaping lives here, below both of them.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

import pandas as pd

#: A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")

_LINE_BREAKS = re.compile(r"[\r\n]+")
#: Characters that make inline Markdown: emphasis, code, links ([...]), tables, strikeout.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
#: A block marker at the start of the text (heading, quote, list, setext underline).
_MD_LINE_START = re.compile(r"^(\s*)(\d+)?([#>+\-=.)])")


def _safe_cell(value: Any) -> Any:
    # A CR or LF inside a cell starts a new row in some spreadsheets (an unquoted CR
    # does in Excel), and that row's first cell is then read as a formula: one space.
    if not isinstance(value, str):
        return value
    value = _LINE_BREAKS.sub(" ", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def spreadsheet_safe(frame_or_value: T) -> T:
    """Neutralise text cells a spreadsheet would run as a formula: prefix them with ``'``.

    Takes a DataFrame, a Series or a single value; numbers are left alone (a negative
    number is a number, not a formula). Line breaks inside text become spaces, so one
    row is one line. Returns a new object, never edits the input.
    """
    if isinstance(frame_or_value, pd.DataFrame):
        frame = frame_or_value.copy()
        for column in frame.columns:
            frame[column] = spreadsheet_safe(frame[column])
        frame.columns = [_safe_cell(str(c)) for c in frame.columns]
        return frame  # type: ignore[return-value]
    if isinstance(frame_or_value, pd.Series):
        series = frame_or_value
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            return series.map(_safe_cell, na_action="ignore")  # type: ignore[return-value]
        return series.copy()  # type: ignore[return-value]
    return _safe_cell(frame_or_value)


def md_escape(text: str) -> str:
    """Text (names, race names, reasons) shown literally in Markdown: no links, no HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    start = _MD_LINE_START.match(text)
    if start and (start.group(2) is None or start.group(3) in ".)"):
        cut = start.end() - 1
        text = text[:cut] + "\\" + text[cut:]
    return text
