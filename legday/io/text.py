"""Bytes -> text, refusing what no text file can be before any parser sees it.

The one decoder for every file legday reads: athlete profiles and logs, and the
Strava and Garmin exports the importer reads.
"""

from __future__ import annotations

from legday.model import MAX_FILE_BYTES, Problem

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Bytes looked at for control characters, and the share of them that means binary.
_SNIFF_BYTES = 8192
_CONTROL_SHARE = 0.01
_CONTROLS = bytes(byte for byte in range(32) if byte not in b"\t\n\r")


def decode_text(
    data: bytes, path: str, max_bytes: int | None = MAX_FILE_BYTES
) -> tuple[str | None, list[Problem]]:
    """Decode a text file with ``\\n`` line ends, or say precisely why it cannot be read.

    UTF-8 (with or without BOM) is the format; UTF-16 with a BOM (Excel's "Unicode
    text") and Windows-1252 are read with a warning so a coach's old spreadsheet
    still opens. ``max_bytes`` None leaves the size to the caller.
    """
    if max_bytes is not None and len(data) > max_bytes:
        size_mb, cap_mb = len(data) / 1024 / 1024, max_bytes // 1024 // 1024
        message = f"file is {size_mb:.1f} MB; legday reads files up to {cap_mb} MB"
        return None, [Problem(path, None, "error", message)]
    if not data or data.isspace():
        return None, [Problem(path, None, "error", "file is empty")]
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [Problem(path, None, "error", "file claims UTF-16 but is not")]
        warning = Problem(path, None, "warning", "file is UTF-16 text; read it, but UTF-8 is safer")
        return _normalise_newlines(text), [warning]
    binary = _binary_problem(data, path)
    if binary is not None:
        return None, [binary]
    data = data.removeprefix(_UTF8_BOM)
    try:
        return _normalise_newlines(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        return _windows_1252(data, path, exc.start)


def _binary_problem(data: bytes, path: str) -> Problem | None:
    """NUL bytes anywhere, or many control characters near the start: not text."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return Problem(path, line, "error", "binary data (NUL bytes), not a CSV or YAML text file")
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if controls > len(head) * _CONTROL_SHARE:
        message = "binary data (control characters), not a CSV or YAML text file"
        return Problem(path, None, "error", message)
    return None


def _windows_1252(data: bytes, path: str, bad: int) -> tuple[str | None, list[Problem]]:
    line = data.count(b"\n", 0, bad) + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        message = f"byte 0x{data[bad]:02X} is not UTF-8 text; save the file as UTF-8"
        return None, [Problem(path, line, "error", message)]
    warning = Problem(
        path,
        line,
        "warning",
        f"byte 0x{data[bad]:02X} is not UTF-8; read the file as Windows-1252: "
        "check accented letters, and save as UTF-8 next time",
    )
    return _normalise_newlines(text), [warning]


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
