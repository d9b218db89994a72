"""Untrusted input that names things: query parameters, upload names, paths in files.

A shared link's ``?athlete=`` and ``as_of``, an uploaded file's name and a profile's
``log:`` line all come from strangers on the public demo. Each hostile value is
refused with a message, never used as a path, and never raises. The loaders' byte-level
robustness (the corpus, the fuzzing) is in tests/io/test_corpus.py and test_fuzz.py;
the checks here are about *names*. Every hostile file is generated in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from legday import links
from legday.io import load_athlete, load_folder, load_upload
from legday.io.load import ATHLETE_ID
from legday.store import choice
from legday.store.folder import inside_folder

TODAY = dt.date(2026, 11, 26)
IDS = ["ana-hills", "dan-marathon"]
LOG = b"date,run,distance\n2026-11-02,easy,5\n2026-11-03,rest,\n"
SECRET = b"date,run,distance\n2026-11-02,easy,5\n"  # outside the data folder


# ------------------------------------------------------------------- ?athlete= links

HOSTILE_IDS = [
    "../../etc/passwd",
    "..",
    ".",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "ana-hills/../dan-marathon",
    "ana-hills\x00",
    "ana-hills\n",
    " ana-hills",
    "ana-hills ",
    "%2e%2e%2f",
    "ANA-HILLS",
    "ana_hills",
    "ana-hills.yaml",
    "-ana",
    "аna-hills",  # Cyrillic a: a lookalike, not the same id
    "ana-hills\u202e",  # right-to-left override
    "<img src=x onerror=alert(1)>",
    "a" * 65,  # one over the 64-character id limit
    "a" * 100_000,
]


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=range(len(HOSTILE_IDS)))
def test_hostile_athlete_param_is_refused_with_a_short_message(value: str) -> None:
    check = links.check_athlete_param(value, IDS)
    assert check.value is None
    assert check.message and (
        "not a valid athlete id" in check.message or "not in this roster" in check.message
    )
    # the message quotes at most 40 characters of the value (no 100 kB warning box)
    assert len(check.message) < 300


def test_a_well_formed_id_from_another_roster_is_not_found() -> None:
    check = links.check_athlete_param("zz-hostile", IDS)
    assert check.value is None and "not in this roster" in check.message


def test_the_id_pattern_never_lets_a_path_separator_or_dot_through() -> None:
    # the id becomes part of file names only through this pattern
    for value in HOSTILE_IDS:
        if ATHLETE_ID.fullmatch(value):
            pytest.fail(f"{value!r} matched the id pattern")
    assert ATHLETE_ID.fullmatch("a" * 64)


def test_a_trailing_newline_is_not_a_valid_id() -> None:
    assert not ATHLETE_ID.match("ana-hills\n")
    result = load_upload("ana\n.csv", LOG, today=TODAY)
    assert result.athlete is not None and "\n" not in result.athlete.id


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "2026-13-01",
        "0001-01-01",
        "9999-12-31",
        "2026-11-26T00:00",
        "2026-11-26\x00",
        "../2026-11-26",
        "20261126",
        "2026-11-26 ",
        "'; DROP TABLE logs; --",
        "x" * 10_000,
    ],
)
def test_hostile_as_of_is_ignored_with_a_message(value: str) -> None:
    check = links.check_as_of_param(value, TODAY)
    assert check.value is None
    assert check.message and len(check.message) < 200


# ------------------------------------------------------------------------ upload names

HOSTILE_NAMES = {
    "dotdot": "../../etc/passwd.csv",
    "absolute": "/etc/passwd.csv",
    "windows": "C:\\Users\\coach\\secret.csv",
    "nul": "ana\x00.csv",
    "long": "a" * 5000 + ".csv",
    "unicode": "Lena Brändt 🏃.csv",
    "rtl": "ana\u202evsc.csv",
    "dotfile": ".csv",
    "html": "<img src=x onerror=alert(1)>.csv",
    "empty": "",
}


@pytest.mark.parametrize("name", list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_upload_name_is_only_a_label_and_never_a_path(name: str, tmp_path: Path) -> None:
    """load_upload reads the bytes it is given: the name can't make it open a file."""
    before = sorted(tmp_path.iterdir())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = load_upload(name, LOG, today=TODAY)
    finally:
        os.chdir(cwd)
    assert sorted(tmp_path.iterdir()) == before  # nothing written
    # the shown name is the last path part, capped; the id is a safe slug
    assert "/" not in result.path and "\\" not in result.path
    assert len(result.path) <= 120
    if result.athlete is not None:
        assert ATHLETE_ID.fullmatch(result.athlete.id), result.athlete.id
        assert result.athlete.days["distance"].sum() == 5.0  # the bytes given, not a file
    else:
        assert result.problems and all(p.message for p in result.problems)


def test_uploaded_profile_cannot_pull_in_a_log_from_disk(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_bytes(SECRET)
    for target in (str(secret), "../secret.csv", "secret.csv", "/etc/passwd"):
        profile = f"name: Eve\nunits: km\nlog: {target}\n".encode()
        result = load_upload("eve.yaml", profile, today=TODAY)
        assert result.athlete is None
        assert any(p.severity == "error" for p in result.problems)


def test_python_object_tag_in_an_upload_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\nunits: km\n"
    result = load_upload("eve.yaml", text.encode(), today=TODAY)
    assert not marker.exists()
    assert result.athlete is None and result.problems


def test_alias_bomb_and_oversized_uploads_are_refused_quickly() -> None:
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n"
    for i in range(1, 12):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    huge = b"date,run,distance\n" + b"2026-11-02,easy,5\n" * (21 * 1024 * 1024 // 18)
    started = time.perf_counter()
    bomb_result = load_upload("bomb.yaml", bomb.encode(), today=TODAY)
    huge_result = load_upload("huge.csv", huge, today=TODAY)
    elapsed = time.perf_counter() - started
    assert bomb_result.athlete is None and "alias" in bomb_result.problems[0].message
    assert huge_result.athlete is None and "MB" in huge_result.problems[0].message
    # refused before parsing: far below a second each even on a busy 2-core machine
    assert elapsed < 5.0


# ------------------------------------------------------------------ folders and symlinks


def test_folder_refuses_a_symlinked_file_and_folder_pointing_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(SECRET)
    data = tmp_path / "data"
    data.mkdir()
    (data / "ana.csv").write_bytes(LOG)
    (data / "leak.csv").symlink_to(outside / "secret.csv")
    (data / "linked").symlink_to(outside, target_is_directory=True)
    results = load_folder(data, today=TODAY)
    loaded = sorted(r.athlete.id for r in results if r.athlete is not None)
    assert loaded == ["ana"]
    refused = [p.message for r in results for p in r.problems if p.severity == "error"]
    assert any("outside" in m for m in refused), refused


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_profile_log_line_may_not_leave_the_folder(tmp_path: Path, how: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.csv"
    secret.write_bytes(SECRET)
    data = tmp_path / "data"
    data.mkdir()
    target = {"dotdot": "../outside/secret.csv", "absolute": str(secret), "symlink": "in.csv"}
    if how == "symlink":
        (data / "in.csv").symlink_to(secret)
    (data / "eve.yaml").write_text(f"name: Eve\nunits: km\nlog: {target[how]}\n")
    result = load_athlete(data / "eve.yaml", today=TODAY)
    assert result.athlete is None
    assert any(p.severity == "error" for p in result.problems)


@pytest.mark.parametrize(
    "candidate",
    ["../outside/secret.csv", "/etc/passwd", "sub/../../outside/secret.csv", "link.csv", "."],
)
def test_a_save_target_outside_the_folder_is_refused(tmp_path: Path, candidate: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(SECRET)
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "link.csv").symlink_to(outside / "secret.csv")
    assert inside_folder(data, candidate) is None
    assert inside_folder(data, "sub/ana.csv") == (data / "sub" / "ana.csv").resolve()


@pytest.mark.parametrize(
    "raw",
    [
        "/no/such/folder",
        "\x00",
        "x" * 5000,
        "app.py",
        "~nosuchuser/data",
    ],
)
def test_configured_data_folder_that_is_unusable_falls_back_to_the_demo(raw: str) -> None:
    source = choice.resolve_source({choice.ENV_DATA_DIR: raw}, [])
    assert source.kind == "demo"
    assert source.message and len(source.message) < 400
