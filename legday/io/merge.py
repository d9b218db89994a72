"""One merge for every import: an export's rows into a log the athlete already has.

The log is never overwritten: a day it already holds is kept as it is, and the
import's rows for that day are left out. Days the log does not hold are added. So
importing the same export twice adds nothing (idempotent), a newer export adds only
its new days, and a day the runner typed by hand is never replaced; when the import
says something else about such a day, the summary names it.

Days are compared as sets of rows (``compare`` columns, order-free, by row hashes), so
a 50,000-row export is merged without a loop over its days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: The columns that say whether two days hold the same thing, per log kind.
SET_COMPARE = ("exercise", "set", "reps", "weight", "rir", "side", "type")
DAY_COMPARE = (
    "run", "distance", "minutes", "rpe", "strength", "strength_minutes", "strength_rpe",
)  # fmt: skip
IMPORTED_NOTE = "imported from "


@dataclass(frozen=True)
class Merged:
    """The merged log and what the merge did, day by day."""

    frame: pd.DataFrame  # the log's rows, then the added ones, sorted by date (stable)
    added_days: int
    added_rows: int
    same_days: int  # days the log already holds, the same as the import has them
    kept_by_hand: tuple[dt.date, ...]  # days typed by hand that the import differs on
    kept_imported: tuple[dt.date, ...]  # days from an earlier import that it differs on

    def lines(self, rows: str, target: str) -> list[str]:
        """The merge in short sentences: ``rows`` names them (sets, day rows)."""
        out = [
            f"adds {self.added_days} day{_s(self.added_days)} ({self.added_rows} {rows}) "
            f"to {target}"
        ]
        if self.same_days:
            out.append(f"already there: {self.same_days} day{_s(self.same_days)}, the same")
        for days, who in (
            (self.kept_by_hand, "typed by hand"),
            (self.kept_imported, "from an earlier import"),
        ):
            if days:
                listed = ", ".join(d.isoformat() for d in days[:8])
                more = f" and {len(days) - 8} more" if len(days) > 8 else ""
                out.append(
                    f"kept as the log has them: {len(days)} day{_s(len(days))} {who} that "
                    f"the import has otherwise ({listed}{more}); the import's rows for "
                    "them are left out"
                )
        return out


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _day_digests(frame: pd.DataFrame, compare: tuple[str, ...]) -> pd.DataFrame:
    """Per day: rows and the sum of the row hashes (the same rows in any order match)."""
    hashes = pd.util.hash_pandas_object(frame[list(compare)], index=False).to_numpy()
    table = pd.DataFrame({"date": frame["date"].to_numpy(), "hash": hashes, "rows": 1})
    return table.groupby("date").agg(rows=("rows", "sum"), hash=("hash", _wrapping_sum))


def _wrapping_sum(values: pd.Series) -> np.uint64:
    return np.add.reduce(values.to_numpy(np.uint64), dtype=np.uint64)


def merge_by_day(
    existing: pd.DataFrame | None,
    incoming: pd.DataFrame,
    compare: tuple[str, ...],
    by_hand: Callable[[pd.DataFrame], pd.Series],
    bare: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> Merged:
    """``incoming`` merged into ``existing`` day by day (see the module's docstring).

    ``by_hand`` says which of the log's rows were typed by hand, not imported; ``bare``
    which hold nothing the import could (a check-in's soreness): they neither hold a
    day nor count when days are compared, and they stay.
    """
    held = existing
    if existing is not None and bare is not None:
        held = existing[~bare(existing).to_numpy()]
    if held is None or held.empty:
        parts = [incoming] if existing is None else [existing, incoming]
        frame = pd.concat(parts, ignore_index=True).sort_values("date", kind="stable")
        days = int(incoming["date"].nunique())
        return Merged(frame.reset_index(drop=True), days, len(incoming), 0, (), ())
    old = _day_digests(held, compare)
    new = _day_digests(incoming, compare)
    overlap = new.index.intersection(old.index)
    same = (new.loc[overlap, "rows"] == old.loc[overlap, "rows"]) & (
        new.loc[overlap, "hash"] == old.loc[overlap, "hash"]
    )
    differ = overlap[~same.to_numpy()]
    hand_days = set(held.loc[by_hand(held).to_numpy(), "date"])
    added = incoming[~incoming["date"].isin(old.index)]
    frame = pd.concat([existing, added], ignore_index=True)
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    kept = [(day, day in hand_days) for day in sorted(differ)]
    return Merged(
        frame,
        int(added["date"].nunique()),
        len(added),
        int(same.sum()),
        tuple(day.date() for day, hand in kept if hand),
        tuple(day.date() for day, hand in kept if not hand),
    )


def merge_sets(existing: pd.DataFrame | None, incoming: pd.DataFrame) -> Merged:
    """Sets into a sets log: a set with no ``source`` was typed by hand."""
    return merge_by_day(existing, incoming, SET_COMPARE, lambda f: f["source"].fillna("") == "")


def merge_days(existing: pd.DataFrame | None, incoming: pd.DataFrame) -> Merged:
    """Day rows into a daily log: a row whose note does not start "imported from" was
    typed by hand; a row with no run, distance, minutes or session (a check-in's
    soreness) holds no day: the import's rows go beside it."""
    return merge_by_day(
        existing,
        incoming,
        DAY_COMPARE,
        lambda f: ~f["notes"].fillna("").str.startswith(IMPORTED_NOTE),
        _bare_day_rows,
    )


def _bare_day_rows(days: pd.DataFrame) -> pd.Series:
    return (
        (days["run"] == "rest")
        & (days["strength"] == "none")
        & days[["distance", "minutes", "strength_minutes"]].isna().all(axis=1)
    )
