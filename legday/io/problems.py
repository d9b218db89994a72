"""Problems with one file, collected and summarised, and the helpers that word them."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from legday.model import Problem, Severity

#: Messages per kind of problem before the rest are summarised in one line.
MAX_REPEATS = 20
#: A problem's line, or a function that finds it: a YAML profile's lines come from a
#: node tree composed only when a message is actually written (a clean file never pays).
LineRef = int | None | Callable[[], int | None]


class RowLines(Protocol):
    """The line each row of a table starts on, looked up only for rows with a message."""

    def __getitem__(self, position: int) -> int | None: ...


def suggest(value: str, choices: Sequence[str], synonyms: Mapping[str, str] | None = None) -> str:
    """' (did you mean 'x'?)' for the nearest choice, or '' when nothing is close.

    Choices are compared case-insensitively and suggested as written (``B``, ``mon``).
    """
    key = value.strip().lower()
    if synonyms and key in synonyms:
        return f" (did you mean '{synonyms[key]}'?)"
    by_key = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    return f" (did you mean '{by_key[close[0]]}'?)" if close else ""


def clip(value: str, width: int = 40) -> str:
    """Shorten a quoted value for a message: a 5 MB cell must not become a 5 MB line."""
    return value if len(value) <= width else value[: width - 3] + "..."


class ProblemSink:
    """Collects problems for one file, summarising long runs of the same complaint."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, line: LineRef, severity: Severity, message: str, group: str = "") -> None:
        key = (severity, group or message)
        seen = self._counts.get(key, 0)
        self._counts[key] = seen + 1
        if seen < MAX_REPEATS:
            if callable(line):
                line = line()
            self.problems.append(Problem(self.path, line, severity, message))

    def add_rows(
        self,
        positions: Iterable[int],
        lines: RowLines,
        severity: Severity,
        group: str,
        word: Callable[[int], str],
    ) -> None:
        """One problem per row position; only the first MAX_REPEATS of a group are worded."""
        key = (severity, group)
        rows = list(positions)
        seen = self._counts.get(key, 0)
        self._counts[key] = seen + len(rows)
        for position in rows[: max(MAX_REPEATS - seen, 0)]:
            self.problems.append(Problem(self.path, lines[position], severity, word(position)))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Problems found before this sink existed (the decoder's), kept as they are."""
        self.problems.extend(problems)

    def finish(self) -> list[Problem]:
        self.problems.sort(key=lambda p: p.line or 0)
        for (severity, group), count in self._counts.items():
            if count > MAX_REPEATS:
                more = count - MAX_REPEATS
                self.problems.append(
                    Problem(self.path, None, severity, f"... and {more} more like: {group}")  # type: ignore[arg-type]
                )
        return self.problems

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)
