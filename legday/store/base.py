"""What every store offers the pages and the commands, whichever holds the data.

A store lists and reads athletes (``LoadResult``s, problems and all, as the readers in
legday.io give them), and writes only with the version a thing was read at: a save of
a log or a plan is refused when someone else wrote it since, with the message the
folder store has always given; a check-in is applied to the newest log, so check-ins
from many sessions at once all land. Every write says who made it.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from legday import checkin, clock, roster, summary
from legday.compliance import PlannedWeek, ReplayCache
from legday.io import LoadResult
from legday.io.into import IntoPlan
from legday.io.save import SaveResult, days_to_csv
from legday.model import Athlete, Problem

#: How often a check-in is tried again when the log changed under it.
CHECKIN_TRIES = 5


def stale_message(name: str, deleted: bool = False) -> str:
    """The refusal of a save over someone else's write (legday.io.save's words)."""
    what = "was deleted" if deleted else "changed on disk"
    return (
        f"{name} {what} since you opened it, so it was not saved (your edits would "
        "overwrite someone else's). Download your version and merge by hand, or reload "
        "the page to edit the newest file."
    )


@dataclass(frozen=True)
class LogText:
    """An athlete's CSV log as read: its file name, its bytes and the version a save
    must name (a folder file's signature, a database row's number)."""

    athlete_id: str
    name: str
    data: bytes
    version: object


@dataclass(frozen=True)
class Checkin:
    """This morning's check-in (legday.checkin.add_checkin's values)."""

    day: dt.date
    soreness: float
    feel: str = ""
    rpe: float | None = None
    pain: float | None = None
    pain_site: str = ""

    def applied(self, athlete: Athlete) -> str:
        """The athlete's daily log as written with the check-in, as CSV text (ValueError
        if it cannot be applied: a number out of range, an RPE on a day without a
        session). The sessions a sets log fills in stay the sets log's."""
        days = checkin.add_checkin(
            athlete.written_days, self.day, self.soreness, self.feel, self.rpe,
            self.pain, self.pain_site,
        )  # fmt: skip
        return days_to_csv(days)


@dataclass(frozen=True)
class Listing:
    """Who is in a store, without their logs: what the athlete picker needs on every run.

    ``names`` maps each athlete's id to their name, in roster order; ``broken`` counts
    the files that did not load (their problems come with ``Store.athletes``).
    """

    names: dict[str, str]
    broken: int = 0

    @classmethod
    def of(cls, results: Sequence[LoadResult]) -> Listing:
        names = {r.athlete.id: r.athlete.name for r in results if r.athlete is not None}
        return cls(names, sum(1 for r in results if r.athlete is None))


class Store(ABC):
    """The one door to data (cosmicpython's repository): ``FolderStore`` and
    ``SqlStore`` behind the same methods, so pages and commands never know which."""

    #: "folder" or "sql"
    kind: str

    @property
    @abstractmethod
    def label(self) -> str:
        """What the store is, for people: a folder's name, a database's address."""

    @property
    def writable(self) -> bool:
        """Whether this server may write here at all (a read-only folder may not)."""
        return True

    @abstractmethod
    def changes(self) -> str:
        """A cheap value that changes whenever a write lands (a shared cache's key)."""

    def plans_changes(self, athlete_id: str | None = None) -> str:
        """A cheap value that changes whenever a saved plan does, where ``changes``
        leaves the plans out ("": ``changes`` covers them)."""
        del athlete_id
        return ""

    @abstractmethod
    def athletes(self) -> list[LoadResult]:
        """Every athlete with the problems of their files, in roster order."""

    def listing(self) -> Listing:
        """Every athlete's id and name (``Listing``); read from every file here, kept
        by the stores that can, so a page need not read every log to list them."""
        return Listing.of(self.athletes())

    def athlete(self, athlete_id: str) -> LoadResult | None:
        """One athlete as ``athletes`` gives them; None when there is no such id."""
        return next(
            (r for r in self.athletes() if r.athlete is not None and r.athlete.id == athlete_id),
            None,
        )

    def summaries(self) -> list[dict[str, Any]]:
        """Every athlete's summary (legday.summary) as of ``clock.today()``; computed
        here from ``athletes``, kept by the stores that can."""
        today = clock.today()
        return [self.summarize(r.athlete, today) for r in self.athletes() if r.athlete is not None]

    def summarize(self, athlete: Athlete, today: dt.date) -> dict[str, Any]:
        """One athlete's summary with this store's saved plan of their last whole week."""
        saved, _ = self.saved_plans(athlete.id, roster.compliance_weeks(athlete))
        return summary.summarize(athlete, today, saved, self.replays)

    def roster_table(self) -> pd.DataFrame:
        """The Roster page's table (the roster, last week's planned against done and the
        units notes) from the summaries: no athlete is reviewed that is summarized."""
        return summary.roster_from_summaries(self.summaries())

    @abstractmethod
    def log(self, athlete_id: str, loaded: LoadResult | None = None) -> LogText | None:
        """The athlete's CSV log and its version; None when the log is not a CSV of its
        own (a log inside the profile is edited in a text editor). ``loaded`` is the
        athlete as already read, so a store need not find them again."""

    @abstractmethod
    def save_log(self, athlete_id: str, text: str, version: object, who: str = "") -> SaveResult:
        """Replace the log with ``text`` if it is still at ``version``; one transaction."""

    @abstractmethod
    def add_checkin(self, athlete_id: str, entry: Checkin, who: str = "") -> SaveResult:
        """Apply a check-in to the newest log (never refused as stale), with an audit line."""

    @abstractmethod
    def new_athlete(self, athlete_id: str, text: str, who: str = "") -> SaveResult:
        """A new athlete whose CSV log is ``text`` (an import); refused for an id or a
        file the store holds already."""

    @abstractmethod
    def plan_import(
        self, athlete_id: str, data: bytes, name: str, tz: str, loaded: LoadResult | None = None
    ) -> tuple[IntoPlan, object]:
        """What importing an export (``data``, named ``name``) into the athlete's own
        files would write (legday.io.into: nothing is written yet), and the version it
        was planned at."""

    @abstractmethod
    def apply_import(
        self, athlete_id: str, plan: IntoPlan, version: object, who: str = ""
    ) -> SaveResult:
        """Write a planned import, refused when the athlete's files changed since."""

    @abstractmethod
    def plan_version(self, athlete_id: str, week_of: dt.date) -> object:
        """The saved plan's version (None: there is none yet)."""

    @abstractmethod
    def save_plan(
        self, athlete_id: str, week_of: dt.date, text: str, version: object, who: str = ""
    ) -> SaveResult:
        """Save the week's plan (its CSV export) if it is still at ``version``."""

    @abstractmethod
    def saved_plans(
        self, athlete_id: str, weeks: Sequence[dt.date]
    ) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
        """The plans saved for these weeks, and what was wrong with any that did not read."""

    @abstractmethod
    def access_file(self) -> tuple[str, bytes] | None:
        """The access file (issue 21's sign-in: who sees which athlete) as (name, bytes);
        None when there is none. legday.access reads it."""

    @property
    @abstractmethod
    def replays(self) -> ReplayCache:
        """Where replayed plans are kept (legday.compliance.replayed)."""
