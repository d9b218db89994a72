"""Every malformed file in tests/corpus gets its own clear message, at the right line."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legday.io import load_athlete

CORPUS = Path(__file__).parent.parent / "corpus"
TODAY = dt.date(2026, 11, 26)

# file -> (line or None, severity, words the message must contain)
EXPECTED: dict[str, tuple[int | None, str, str]] = {
    "empty.csv": (None, "error", "file is empty"),
    "blank-lines-only.csv": (None, "error", "file is empty"),
    "header-only.csv": (2, "warning", "header but no rows"),
    "misspelled-column.csv": (1, "error", "did you mean 'distance'"),
    "missing-date-column.csv": (1, "error", "missing required column 'date'"),
    "semicolon-european.csv": (1, "warning", "semicolons"),
    "day-month-year.csv": (2, "error", "YYYY-MM-DD"),
    "february-30.csv": (3, "error", "not a real calendar day"),
    "future-date.csv": (3, "warning", "in the future"),
    "unknown-run-kind.csv": (2, "error", "did you mean 'easy'"),
    "unknown-strength.csv": (2, "error", "did you mean 'heavy'"),
    "negative-distance.csv": (2, "error", "distance -4 is negative"),
    "impossible-distance.csv": (2, "error", "over 150 mi in a day"),
    "rpe-out-of-range.csv": (2, "error", "RPE is 0-10"),
    "soreness-out-of-range.csv": (2, "error", "soreness is 0-10"),
    "nan-and-inf.csv": (2, "error", "distance 'nan' is not a number"),
    "huge-numbers.csv": (2, "error", "minutes '1e999' is not a number"),
    "binary.csv": (3, "error", "binary data"),
    "latin1-encoding.csv": (2, "warning", "Windows-1252"),
    "utf16-excel.csv": (None, "warning", "UTF-16"),
    "ragged-row.csv": (3, "error", "12 fields but the header has 10"),
    "unterminated-quote.csv": (3, "error", "cannot read this CSV row"),
    "no-header.csv": (1, "error", "looks like data, not a header"),
    "strava-export-dropped-in.csv": (1, "error", "legday import"),
    "double-day-too-long.csv": (2, "error", "adds up to 160 mi"),
    "truncated.csv": (3, "error", "'2026-03-0' is not a date"),
    "excel-serial-dates.csv": (2, "error", "YYYY-MM-DD"),
    "duplicate-column.csv": (1, "error", "'distance' appears twice"),
    "words-in-numbers.csv": (2, "error", "distance 'four' is not a number"),
    "weekly-not-monday.csv": (2, "error", "is a Wednesday, not a Monday"),
    "weekly-duplicate-week.csv": (4, "error", "appears twice (first on line 2)"),
    "weekly-long-run-over-total.csv": (2, "error", "longer than the week's distance"),
    "weekly-and-daily-header.csv": (1, "error", "both 'date' and 'week_of'"),
    "yaml-syntax-error.yaml": (3, "error", "YAML syntax error"),
    "yaml-list-not-mapping.yaml": (1, "error", "must be a YAML mapping"),
    "yaml-plain-text.yaml": (1, "error", "must be a YAML mapping"),
    "yaml-python-object.yaml": (1, "error", "unsupported YAML tag"),
    "yaml-alias-bomb.yaml": (None, "error", "aliases"),
    "yaml-no-name.yaml": (1, "error", "name: is required"),
    "yaml-bad-units.yaml": (2, "error", "did you mean 'mi'"),
    "yaml-week-typo.yaml": (4, "error", "did you mean 'easy'"),
    "yaml-race-in-week.yaml": (2, "error", "race is not a weekly habit"),
    "yaml-race-bad-date.yaml": (4, "error", "YYYY-MM-DD"),
    "yaml-log-missing.yaml": (2, "error", "does not exist"),
    "yaml-log-outside.yaml": (2, "error", "points outside the athlete's folder"),
    "yaml-log-and-days.yaml": (4, "error", "one way only"),
    "yaml-days-mapping-not-list.yaml": (3, "error", "days: must be a list"),
    "yaml-weeks-not-monday.yaml": (3, "error", "not a Monday"),
    "yaml-weeks-duplicate.yaml": (5, "error", "appears twice (first on line 3)"),
    "yaml-unknown-key.yaml": (2, "error", "did you mean 'races'"),
    "yaml-races-mapping.yaml": (2, "error", "races: must be a list"),
    "yaml-empty.yaml": (None, "error", "file is empty"),
    "yaml-day-list-value.yaml": (5, "error", "must be a single value"),
    "yaml-tab-indent.yaml": (3, "error", "YAML syntax error"),
    "yaml-day-bad-rpe.yaml": (4, "error", "rpe 15 is impossible"),
    "yaml-race-bad-priority.yaml": (3, "error", "race priority: 'D' is not one of A, B, C"),
    "yaml-strength-bad-days.yaml": (3, "error", "'thursday' is not one of mon, tue, wed, thu"),
    "yaml-strength-duplicate-days.yaml": (3, "error", "strength days: 'mon' is listed twice"),
    "yaml-strength-bad-equipment.yaml": (4, "error", "not one of gym, home, none (did you mean"),
    "yaml-strength-bad-after-block.yaml": (3, "error", "not one of maintain, new (did you mean"),
    "yaml-deep-nesting.yaml": (None, "error", "the YAML nests more than 200 levels deep"),
}
#: Files that are odd but readable: they load, with the warning above.
LOADS_WITH_WARNING = {
    "header-only.csv",
    "semicolon-european.csv",
    "future-date.csv",
    "latin1-encoding.csv",
    "utf16-excel.csv",
}


def test_every_corpus_file_has_an_expectation() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix != ".md"}
    assert on_disk == set(EXPECTED) | {"utf8-bom.csv"}
    assert len(on_disk) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_message(name: str) -> None:
    line, severity, words = EXPECTED[name]
    result = load_athlete(CORPUS / name, today=TODAY)
    matching = [p for p in result.problems if words in p.message]
    assert matching, f"{name}: no message with {words!r} in {[str(p) for p in result.problems]}"
    problem = matching[0]
    assert (problem.line, problem.severity) == (line, severity)
    assert str(problem).startswith(str(CORPUS / name))
    if name in LOADS_WITH_WARNING:
        assert result.ok
    else:
        assert result.athlete is None
    assert not any("internal" in p.message for p in result.problems)


def test_utf8_bom_is_read_silently() -> None:
    result = load_athlete(CORPUS / "utf8-bom.csv", today=TODAY)
    assert result.ok
    assert not result.problems
    assert result.athlete.days["date"].iloc[0] == dt.datetime(2026, 3, 2)


def test_semicolon_file_reads_decimal_commas() -> None:
    result = load_athlete(CORPUS / "semicolon-european.csv", today=TODAY)
    # "5,5" in a semicolon file is five and a half
    assert result.athlete.days["distance"].tolist() == [5.5]


def test_all_problems_in_a_file_are_reported_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "many.csv"
    bad.write_text(
        "date,run,distnace,rpe\n"
        "05/01/2026,tempo,5,11\n"  # line 2: date form, run kind, rpe range
        "2026-02-30,eassy,abc,3\n"  # line 3: no such day, run kind
    )
    lines = sorted((p.line, p.message.split()[0]) for p in load_athlete(bad, TODAY).problems)
    assert lines == [(1, "unknown"), (2, "date"), (2, "rpe"), (2, "run"), (3, "date"), (3, "run")]


def test_repeated_problems_are_summarised(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,run\n" + "2026-01-01,zzz\n" * 100)
    problems = load_athlete(bad, TODAY).problems
    # 20 shown one by one, then one line for the other 80
    assert len(problems) == 21
    assert "80 more" in problems[-1].message


def test_huge_inputs_are_refused_quickly(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(10_000)) + "\n" + "1," * 9_999 + "1\n")
    long_line = tmp_path / "long-line.csv"
    long_line.write_text("date,run,notes\n2026-01-01,easy," + "x" * 5_000_000 + "\n")
    oversized = tmp_path / "big.csv"
    oversized.write_bytes(b"date,run\n" + b"2026-01-01,easy\n" * 1_400_000)  # 22 MB
    deep = tmp_path / "deep.yaml"
    deep.write_text("name: " + "[" * 50_000 + "]" * 50_000 + "\n")
    for path, words in [
        (wide, "missing required column 'date'"),
        (long_line, "characters"),
        (oversized, "up to 20 MB"),
        (deep, "YAML"),
    ]:
        start = time.perf_counter()
        result = load_athlete(path, TODAY)
        elapsed = time.perf_counter() - start
        assert result.athlete is None
        assert any(words in p.message for p in result.problems), result.problems[:3]
        assert elapsed < 10, f"{path.name} took {elapsed:.1f} s"  # a hang guard, not a benchmark


def test_validate_cli_on_the_corpus_never_shows_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "legday", "validate", str(CORPUS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in EXPECTED:
        assert name in proc.stdout
