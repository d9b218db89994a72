"""The fast pyarrow path and the exact path accept the same files and build the same frame."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday.io.csv_log import _read_rows_exactly
from legday.io.fast_days import fast_days
from legday.io.rows import ProblemSink, build_days
from legday.model import DAY_COLUMNS, RUN_KINDS, STRENGTH_LEVELS

TODAY = dt.date(2026, 11, 26)
HEADER = list(DAY_COLUMNS)

number = st.one_of(
    st.just(""),
    st.integers(0, 30).map(str),
    st.floats(0, 30, allow_nan=False).map(lambda x: f"{x:.2f}"),
)
score = st.one_of(st.just(""), st.integers(0, 10).map(str))
cell = {
    "date": st.dates(dt.date(2024, 1, 1), dt.date(2026, 11, 20)).map(str),
    "run": st.sampled_from(["", *RUN_KINDS, "Easy", "LONG"]),
    "distance": number,
    "minutes": number,
    "rpe": score,
    "strength": st.sampled_from(["", *STRENGTH_LEVELS, "Heavy"]),
    "strength_minutes": number,
    "strength_rpe": score,
    "soreness": score,
    "notes": st.sampled_from(["", "hills", "felt good", "Müllerthal trail"]),
}
row = st.fixed_dictionaries(cell)
# cells that must send the file to the exact path, where they get a message
poison = st.sampled_from(
    ["nan", "inf", "-1", "11", "eazy", "2026-02-30", "05/03/2026", "2099-01-01", " 4"]
)


def exact(data: bytes) -> tuple[pd.DataFrame, list]:
    text = data.decode()
    sink = ProblemSink("x.csv")
    raw, lines = _read_rows_exactly(text.rstrip("\n"), HEADER, ",", sink)
    frame = build_days(raw, lines, sink, "mi", TODAY)
    return frame, sink.finish()


def to_csv(rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(HEADER)] + [",".join(r[c] for c in HEADER) for r in rows]
    return ("\n".join(lines) + "\n").encode()


@given(st.lists(row, min_size=1, max_size=40))
def test_clean_files_give_identical_frames(rows: list[dict[str, str]]) -> None:
    data = to_csv(rows)
    slow, problems = exact(data)
    fast = fast_days(data, HEADER, "mi", TODAY)
    if any(p.is_error for p in problems):
        assert fast is None
        return
    if fast is None:  # allowed only when the exact path had something to say
        assert problems
        return
    pd.testing.assert_frame_equal(fast, slow)


@given(st.lists(row, min_size=1, max_size=20), st.data())
def test_a_bad_cell_always_reaches_the_exact_path(rows: list[dict[str, str]], data) -> None:
    target = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(["date", "run", "distance", "rpe", "soreness"]))
    value = data.draw(poison)
    rows[target] = {**rows[target], column: value}
    _, problems = exact(to_csv(rows))
    if problems:
        assert fast_days(to_csv(rows), HEADER, "mi", TODAY) is None


def test_fast_path_is_taken_for_a_plain_log() -> None:
    rows = [
        "2026-03-02,easy,4,40,3,light,20,4,2,",
        "2026-03-03,hard,6,45,8,heavy,40,7,3,hills",
    ]
    data = ("\n".join([",".join(HEADER), *rows]) + "\n").encode()
    frame = fast_days(data, HEADER, "mi", TODAY)
    assert frame is not None
    assert frame["distance"].tolist() == [4, 6]
    assert np.array_equal(frame["strength"].to_numpy(), np.array(["light", "heavy"], dtype=object))
