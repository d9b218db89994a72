"""Bytes in: an activities CSV from a path, from uploaded bytes or from an export zip.

A zip is read member by member, never whole, and never unpacked to disk: the member
count and directory size are checked from the zip's end record before ``zipfile``
parses the directory; the member is read with a hard byte cap whatever its header
claims; member names are only compared, never used as paths.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from legday.model import Problem

#: A plain activities CSV, or the activities.csv inside a zip, is refused above this.
MAX_CSV_BYTES = 50 * 1024 * 1024
#: A zip with more members than this is refused before its directory is read.
#: (A decade of Strava with photos is a few tens of thousands of files.)
MAX_ZIP_MEMBERS = 100_000
#: The zip's central directory (the list of names) is refused above this size.
MAX_ZIP_DIRECTORY_BYTES = 16 * 1024 * 1024
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")


def read_source(source: str | os.PathLike | bytes, shown: str) -> bytes | Problem:
    """The activities CSV's bytes, or why they cannot be had."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _open_bytes(bytes(source), shown)
    return _open_path(Path(source), shown)


def _open_path(path: Path, shown: str) -> bytes | Problem:
    """The CSV's bytes from a path; a zip is read member by member, never whole."""
    try:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            return Problem(shown, None, "error", f"{what}; give an activities CSV or export .zip")
        with path.open("rb") as fh:
            if fh.read(4) in _ZIP_STARTS:
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
    if data[:4] in _ZIP_STARTS:
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


def _csv_from_zip(fh: BinaryIO, shown: str) -> bytes | Problem:
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


def _zip_directory_refusal(fh: BinaryIO, shown: str) -> Problem | None:
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
