"""Bytes -> text, refusing what no athlete file can be before any parser sees it."""

from __future__ import annotations

from legday.model import MAX_FILE_BYTES, Problem

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode an athlete file, or say precisely why it cannot be read.

    UTF-8 (with or without BOM) is the format; UTF-16 with a BOM (Excel's
    "Unicode text") and Windows-1252 are read with a warning so a coach's old
    spreadsheet still opens.
    """
    if len(data) > MAX_FILE_BYTES:
        size_mb = len(data) / 1024 / 1024
        return None, [
            Problem(
                path, None, "error", f"file is {size_mb:.1f} MB; legday reads files up to 20 MB"
            )
        ]
    if not data.strip():
        return None, [Problem(path, None, "error", "file is empty")]
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [Problem(path, None, "error", "file claims UTF-16 but is not")]
        warning = Problem(path, None, "warning", "file is UTF-16 text; read it, but UTF-8 is safer")
        return _normalise_newlines(text), [warning]
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, [
            Problem(path, line, "error", "binary data (NUL bytes), not a CSV or YAML text file")
        ]
    data = data.removeprefix(_UTF8_BOM)
    try:
        return _normalise_newlines(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None, [
                Problem(
                    path,
                    line,
                    "error",
                    f"byte 0x{data[exc.start]:02X} is not UTF-8 text; save the file as UTF-8",
                )
            ]
        warning = Problem(
            path,
            line,
            "warning",
            f"byte 0x{data[exc.start]:02X} is not UTF-8; read the file as Windows-1252: "
            "check accented letters, and save as UTF-8 next time",
        )
        return _normalise_newlines(text), [warning]


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
