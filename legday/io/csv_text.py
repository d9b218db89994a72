"""The one CSV reader: text -> one string column per header field, with each row's line.

Every CSV legday reads (daily logs, weekly totals, Strava and Garmin exports) goes
through ``read_table``: pyarrow parses the whole file once, every cell as text;
typing and checking the cells is the caller's job (``legday.io.checks`` for logs).

What pyarrow does not say, this module works out:

- the line each row starts on (a quoted cell may hold line breaks, blank lines are
  rows of nothing), found only when a message needs one;
- rows with fewer or more fields than the header: pyarrow hands them back as raw
  text, and they are parsed again by pyarrow, grouped by their width, then padded
  (or cut to the header's width) and put back in their place;
- a quote that opens and never closes (a file cut short inside a quoted cell):
  pyarrow reads the rest of the file into that cell, so it is looked for here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv


@dataclass(frozen=True)
class OddRow:
    """A row whose field count is not the header's (it is padded or cut in ``columns``)."""

    position: int  # index of the row in the table's columns
    fields: int
    extra_text: bool  # fields past the header's width hold text (not just empty cells)


@dataclass
class CsvTable:
    """A parsed CSV: the header's fields and one text column per field.

    Rows whose cells are all blank are left out. ``columns[i][r]`` is the cell of
    header field ``i`` in row ``r`` (null when empty); ``lines()[r]`` the line row
    ``r`` starts on.
    """

    header: list[str]
    columns: list[pa.Array]
    odd_rows: list[OddRow] = field(default_factory=list)
    open_quote_line: int | None = None  # a quote opened on this line never closes
    error: str | None = None  # why the text could not be parsed at all (no columns then)
    _records: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64), repr=False)
    _quoted: bool = field(default=False, repr=False)

    @property
    def rows(self) -> int:
        return len(self._records)

    def lines(self) -> np.ndarray:
        """Each row's first line (the header is line 1)."""
        return self._lines

    @cached_property
    def _lines(self) -> np.ndarray:
        if not self._quoted:
            return self._records.copy()
        breaks = _line_breaks(self.columns, self._records)
        before = np.concatenate(([0], np.cumsum(breaks)))  # by record number - 2
        return self._records + before[self._records - 2]


def read_table(text: str, delimiter: str = ",") -> CsvTable:
    """Parse CSV text (``\\n`` line ends) whose first row is the header."""
    width = _header_width(text, delimiter)
    odd: list[tuple[int, int, str]] = []  # (record number, fields, text) pyarrow set aside

    def set_aside(row: pacsv.InvalidRow) -> str:
        odd.append((row.number, row.actual_columns, row.text))
        return "skip"

    try:
        table = _parse(text.encode("utf-8"), delimiter, width, set_aside)
    except pa.ArrowInvalid as exc:  # a quote before any field closes, say
        reason = str(exc).removeprefix("CSV parse error: ")
        return CsvTable([], [], [], _open_quote_line(text, delimiter), reason[:160])
    header = [str(name or "") for name in table.slice(0, 1).to_pylist()[0].values()]
    width = len(header)
    columns = [_one_array(table.column(i)).slice(1) for i in range(width)]
    records = np.arange(2, len(table) + 1, dtype=np.int64)
    odd_rows: list[OddRow] = []
    if odd and width:
        columns, records, odd_rows = _put_back(columns, records, odd, delimiter, width)
    open_line = _open_quote_line(text, delimiter) if _last_row_spills(columns) else None
    result = CsvTable(header, columns, odd_rows, open_line)
    result._records = records
    result._quoted = '"' in text  # only a quoted cell can hold a line break
    return _without_blank_rows(result)


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _header_width(text: str, delimiter: str) -> int:
    """At least the header's field count (a quoted name may hold the delimiter)."""
    return text.split("\n", 1)[0].count(delimiter) + 1


def _parse(data: bytes, delimiter: str, width: int, handler) -> pa.Table:
    names = [f"f{i}" for i in range(width)]
    if not data.endswith(b"\n"):
        data += b"\n"  # pyarrow finds no row in a one-line file without a line end
    return pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(
            use_threads=False,
            autogenerate_column_names=True,
            block_size=max(1 << 20, len(data) + 1),  # a long cell never straddles blocks
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=handler,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            null_values=[""],  # only an empty cell: "nan" or "NULL" is text
            strings_can_be_null=True,  # an empty cell is null: typing it costs nothing
            quoted_strings_can_be_null=True,
        ),
    )


def _put_back(
    columns: list[pa.Array],
    records: np.ndarray,
    odd: list[tuple[int, int, str]],
    delimiter: str,
    width: int,
) -> tuple[list[pa.Array], np.ndarray, list[OddRow]]:
    """Rows pyarrow set aside, parsed again, padded or cut, and put back in file order."""
    numbers, cells, fields, extra = _odd_cells(odd, delimiter, width)
    is_odd = np.zeros(len(records) + len(odd) + 2, dtype=bool)
    is_odd[numbers] = True
    kept = np.flatnonzero(~is_odd[2:]) + 2  # the record numbers of the rows pyarrow kept
    all_numbers = np.concatenate((kept, numbers))
    order = np.argsort(all_numbers, kind="stable")
    merged = [
        # a column pyarrow typed itself (a header cell it did not name) is text too
        pa.concat_arrays([column.cast(pa.string()), pa.array(column_cells, pa.string())]).take(
            order
        )
        for column, column_cells in zip(columns, cells, strict=True)
    ]
    position = np.empty(len(all_numbers), dtype=np.int64)
    position[order] = np.arange(len(all_numbers))
    odd_rows = [
        OddRow(int(position[len(kept) + i]), fields[i], extra[i]) for i in range(len(numbers))
    ]
    return merged, all_numbers[order], sorted(odd_rows, key=lambda row: row.position)


def _odd_cells(
    odd: list[tuple[int, int, str]], delimiter: str, width: int
) -> tuple[np.ndarray, list[list[str]], list[int], list[bool]]:
    """The set-aside rows' record numbers, cells (``width`` columns), widths, extra text.

    Rows of one width are parsed together (a file of a million short rows is one
    parse per width, not a million).
    """
    groups: dict[int, list[tuple[int, str]]] = {}
    for number, fields, text in odd:
        groups.setdefault(fields, []).append((number, text))
    numbers: list[int] = []
    cells: list[list[str]] = [[] for _ in range(width)]
    widths: list[int] = []
    extra: list[bool] = []
    for fields, group in sorted(groups.items()):
        for part, parsed in _parse_rows(group, delimiter, fields):
            for i in range(width):
                column = parsed.column(i).to_pylist() if i < parsed.num_columns else None
                cells[i].extend(column or [None] * len(part))
            tail = [parsed.column(i) for i in range(width, parsed.num_columns)]
            extra.extend(_has_text(tail, len(part)))
            numbers.extend(number for number, _ in part)
            widths.extend([fields] * len(part))
    return np.array(numbers, dtype=np.int64), cells, widths, extra


def _parse_rows(
    group: list[tuple[int, str]], delimiter: str, fields: int
) -> list[tuple[list[tuple[int, str]], pa.Table]]:
    """Rows of one width parsed together; one by one if that fails (a quote that never
    closes runs to the end of the file), and a row pyarrow cannot parse alone becomes
    one cell holding its text, so that it still gets a message."""
    try:
        parsed = _parse("\n".join(text for _, text in group).encode(), delimiter, fields, None)
        if parsed.num_rows == len(group):
            return [(group, parsed)]
    except pa.ArrowInvalid:
        pass
    parts = []
    for row in group:
        try:
            parsed = _parse(row[1].encode(), delimiter, fields, None).slice(0, 1)
        except pa.ArrowInvalid:
            parsed = None
        if parsed is None or parsed.num_rows != 1:
            parsed = pa.table({"f0": pa.array([row[1]], pa.string())})
        parts.append(([row], parsed))
    return parts


def _has_text(tail: list[pa.ChunkedArray], rows: int) -> list[bool]:
    """Per row: does any cell past the header's width hold more than spaces?"""
    found = np.zeros(rows, dtype=bool)
    for column in tail:
        found |= ~_blank(column).to_numpy(zero_copy_only=False)
    return found.tolist()


def _line_breaks(columns: list[pa.Array], records: np.ndarray) -> np.ndarray:
    """Line breaks inside each record's cells (quoted cells), by record number - 2."""
    breaks = np.zeros(int(records.max(initial=1)) - 1, dtype=np.int64)
    for column in columns:
        found = pc.fill_null(pc.count_substring(column, "\n"), 0)
        breaks[records - 2] += found.to_numpy(zero_copy_only=False)
    return breaks


def _without_blank_rows(result: CsvTable) -> CsvTable:
    """Leave out rows whose every cell is blank (a blank line, or only delimiters)."""
    if not result.columns or not result.rows:
        return result
    first = result.columns[0]
    if not first.null_count and not pc.any(pc.utf8_is_space(first)).as_py():
        return result  # a blank row starts with a blank cell
    blank = _blank(first)
    for column in result.columns[1:]:
        blank = pc.and_(blank, _blank(column))
    keep = np.flatnonzero(~blank.to_numpy(zero_copy_only=False))
    if len(keep) == result.rows:
        return result
    lines = result.lines()[keep]
    position = np.full(result.rows, -1, dtype=np.int64)
    position[keep] = np.arange(len(keep))
    kept = CsvTable(
        result.header,
        [column.take(keep) for column in result.columns],
        [
            OddRow(int(position[row.position]), row.fields, row.extra_text)
            for row in result.odd_rows
            if position[row.position] >= 0
        ],
        result.open_quote_line,
    )
    kept._records = lines  # lines are final now: no more breaks to add
    return kept


def _blank(column: pa.Array) -> pa.Array:
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(column), ""), True)


def _last_row_spills(columns: list[pa.Array]) -> bool:
    """Whether a cell of the last row holds a line break: a quote that never closes
    runs to the end of the file and makes one, so without one the (slower) scan for
    it is not needed."""
    return any(
        len(column) and "\n" in (column[len(column) - 1].as_py() or "") for column in columns
    )


def _open_quote_line(text: str, delimiter: str) -> int | None:
    """The line where a quoted cell opens and never closes, if one does.

    A quote opens a quoted cell only at the start of a field (pyarrow reads a quote
    elsewhere as a character); inside, ``""`` is a quote and ``"`` closes the cell.
    """
    if '"' not in text:
        return None
    for match in _quoted_cell(delimiter).finditer(text):
        if not match.group(1):
            return text.count("\n", 0, match.start()) + 1
    return None


def _quoted_cell(delimiter: str) -> re.Pattern[str]:
    before = re.escape(delimiter)
    return re.compile(rf'"(?<![^{before}\n]")[^"]*(?:""[^"]*)*("?)')
