"""`python -m legday validate`: messages, exit codes, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from legday.cli import main

HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"


def test_clean_file_exits_0(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.csv").write_text(HEADER + "2026-03-02,easy,4,40,3,,,,2,\n")
    assert main(["validate", str(tmp_path / "a.csv")]) == 0
    assert "1 ok, 0 error(s)" in capsys.readouterr().err


def test_errors_exit_1_with_path_line_severity(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "b.csv"
    bad.write_text(HEADER + "2026-03-02,eazy,4,40,3,,,,2,\n")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2: error: run 'eazy'" in out


def test_warnings_alone_exit_0_and_quiet_hides_them(tmp_path: Path, capsys) -> None:
    (tmp_path / "c.csv").write_text(HEADER + "2099-03-02,easy,4,40,3,,,,2,\n")
    assert main(["validate", str(tmp_path / "c.csv")]) == 0
    assert "warning: date 2099-03-02 is in the future" in capsys.readouterr().out
    assert main(["validate", "--quiet", str(tmp_path / "c.csv")]) == 0
    assert "warning" not in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for argv in (["validate", str(tmp_path / "missing.csv")], ["validate"], ["frobnicate"]):
        proc = subprocess.run(
            [sys.executable, "-m", "legday", *argv], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2, argv
        assert "usage error" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_bundled_demo_roster_is_valid() -> None:
    data = Path(__file__).resolve().parents[2] / "data"
    proc = subprocess.run(
        [sys.executable, "-m", "legday", "validate", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s)" in proc.stderr


def test_a_folders_access_file_is_checked_too(tmp_path: Path, capsys) -> None:
    (tmp_path / "ana.csv").write_text(HEADER + "2026-03-02,easy,4,40,3,,,,2,\n")
    access = tmp_path / "access.yaml"
    access.write_text("coaches:\n  - email: head@club.example\n    athletes: [ana, bob]\n")
    assert main(["validate", str(tmp_path)]) == 0  # bob is not there yet: a warning
    assert (
        f"{access}:2: warning: athlete 'bob' is not in the data folder" in capsys.readouterr().out
    )
    access.write_text("coaches:\n  - email: head\n    athletes: all\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{access}:2: error: email: 'head' is not an email address" in out
