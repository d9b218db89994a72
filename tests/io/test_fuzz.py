"""Whatever the bytes, loaders return problems, never raise (hypothesis, bounded in CI)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from legday.io import load_upload

TODAY = dt.date(2026, 11, 26)
VALID_CSV = (
    b"date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
    b"2026-03-02,easy,4,40,3,light,20,4,2,\n"
    b'2026-03-03,hard,6,45,8,heavy,40,7,3,"6x800, hot"\n'
    b"2026-03-05,long,12,110,6,,,,4,\n"
)
VALID_WEEKLY = (
    b"week_of,distance,long_run,runs,strength_sessions,soreness\n"
    b"2026-03-02,30,10,4,2,3\n2026-03-09,33,11,5,2,2.5\n"
)
VALID_YAML = (
    b"name: Ana\nunits: km\n"
    b"week: {mon: rest, tue: easy, wed: moderate, thu: hard, fri: easy, sat: long, sun: rest}\n"
    b"races:\n  - {name: Hilly Half, date: 2027-01-24, distance: half}\n"
    b"strength: {block_start: 2026-09-07, weaker_side: left}\n"
    b"weeks:\n  - week_of: 2026-03-02\n    tue: easy\n"
    b"    thu: {run: hard, distance: 8, rpe: 8, strength: heavy, soreness: 3}\n"
)
SEEDS = [("log.csv", VALID_CSV), ("weekly.csv", VALID_WEEKLY), ("ana.yaml", VALID_YAML)]


def assert_well_behaved(name: str, data: bytes) -> None:
    result = load_upload(name, data, TODAY)
    if result.athlete is None:
        assert any(p.is_error for p in result.problems), "refused without saying why"
    for problem in result.problems:
        assert problem.message and problem.severity in ("error", "warning")
        assert problem.path == name


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name, seed = draw(st.sampled_from(SEEDS))
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif action == "insert":
            chunk = draw(
                st.sampled_from(
                    [
                        b",",
                        b"\n",
                        b'"',
                        b":",
                        b"-",
                        b"&a ",
                        b"*a",
                        b"[",
                        b"{",
                        b"9e999",
                        b"nan",
                        b"\x00",
                        b"\xff",
                        b"  ",
                        b"\t",
                    ]
                )
            )
            data[pos:pos] = chunk
        elif action == "delete":
            del data[pos : pos + draw(st.integers(1, 20))]
        elif data:
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 40))]
    return name, bytes(data)


@given(st.sampled_from(["x.csv", "x.yaml"]), st.binary(max_size=2000))
def test_random_bytes_never_raise(name: str, data: bytes) -> None:
    assert_well_behaved(name, data)


@given(mutated())
def test_mutations_of_valid_files_never_raise(case: tuple[str, bytes]) -> None:
    assert_well_behaved(*case)


@given(st.text(max_size=400))
def test_random_text_as_yaml_never_raises(text: str) -> None:
    assert_well_behaved("p.yaml", text.encode("utf-8", "surrogatepass")[:4000])


def test_seeds_are_valid() -> None:
    for name, data in SEEDS:
        assert load_upload(name, data, TODAY).ok, name


def test_a_header_cell_that_opens_a_quote_is_read_as_text() -> None:
    """Hypothesis found it: a quote opened in the header and closed two lines down left
    a column pyarrow typed as numbers, and putting the odd rows back raised."""
    data = VALID_CSV.replace(b"date", b"\x01ate", 1).replace(b",rpe", b',"rpe', 1)
    data = data.replace(b"\n2026-03-03", b'\n"2026-03-03', 1)
    assert_well_behaved("log.csv", data)
