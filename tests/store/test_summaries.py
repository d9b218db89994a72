"""The Roster page's table from each store's summaries is the roster computed afresh from
the athletes (legday.roster, the page's old path), after a load, a check-in, a saved
plan and a new day; a database keeps each summary in the write's own transaction."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from legday import clock, roster, summary
from legday.commands import db as db_command
from legday.store import Checkin, FolderStore, SqlStore, Store, schema
from legday.words import units_note

from .conftest import DEMO

DAN = "dan-marathon"
SAM = "sam-csv-only"


def fresh_table(store: Store) -> pd.DataFrame:
    """The roster and last week's planned against done, each athlete reviewed now."""
    athletes = [r.athlete for r in store.athletes() if r.athlete is not None]
    rows = []
    for athlete in athletes:
        saved, _ = store.saved_plans(athlete.id, roster.compliance_weeks(athlete))
        rows.append(roster.compliance_row(athlete, saved, None))
    notes = [units_note(a.profile) or "" for a in athletes]
    return summary.with_compliance(
        roster.roster_table(athletes), roster.compliance_frame(rows), notes
    )


def kept(store: SqlStore, athlete_id: str) -> tuple[int, dt.date, dict]:
    """The summary row the database holds: (version it was made from, day, row)."""
    table = schema.summaries
    with store.engine.connect() as db:
        row = db.execute(select(table.c.version, table.c.day, table.c.row).where(
            table.c.athlete_id == athlete_id)).one()  # fmt: skip
    return row.version, row.day, summary.loads(row.row)


def row_of(table: pd.DataFrame, athlete_id: str) -> pd.Series:
    return table.set_index("id").loc[athlete_id]


def test_the_roster_from_summaries_is_the_roster_computed_afresh(store) -> None:
    table = store.roster_table()
    assert len(table) == 7  # data/athletes: seven athletes
    pd.testing.assert_frame_equal(table, fresh_table(store))
    if isinstance(store, SqlStore):  # db load made every summary, at the athlete's version
        assert all(kept(store, a)[0] == store.versions()[a] for a in store.versions())


def test_a_check_in_changes_the_summary_in_its_own_write(store) -> None:
    last = store.athlete(SAM).athlete.last_date
    before = row_of(store.roster_table(), SAM)
    day = last + dt.timedelta(days=1)
    clock.set_clock(day)
    assert store.add_checkin(SAM, Checkin(day, 9, "stiff"), who="coach").saved
    if isinstance(store, SqlStore):  # kept by the check-in's transaction, not on reading
        version, made_on, row = kept(store, SAM)
        assert version == store.versions()[SAM] and made_on == day
        assert row["latest_soreness"] == 9.0 and row["as_of"] == day.isoformat()
    after = row_of(store.roster_table(), SAM)
    assert after["latest_soreness"] == 9.0 != before["latest_soreness"]
    assert after["as_of"] == pd.Timestamp(day)
    pd.testing.assert_frame_equal(store.roster_table(), fresh_table(store))


def test_a_saved_plan_changes_last_weeks_planned_against_done(store) -> None:
    athlete = store.athlete(DAN).athlete
    (week,) = roster.compliance_weeks(athlete)
    assert row_of(store.roster_table(), DAN)["plan_source"] == "replayed"
    days = [week + dt.timedelta(days=i) for i in range(7)]
    text = "date,run,distance,strength\n" + "".join(f"{d},easy,5,none\n" for d in days)
    assert store.save_plan(DAN, week, text, store.plan_version(DAN, week), who="coach").saved
    assert row_of(store.roster_table(), DAN)["plan_source"] == "saved"
    pd.testing.assert_frame_equal(store.roster_table(), fresh_table(store))


def test_a_new_day_makes_the_summaries_again(store) -> None:
    """Two dates: on the second, Sam's log stopped more than a week before today, so the
    roster flags it (L1) though no file changed."""
    last = store.athlete(SAM).athlete.last_date
    clock.set_clock(last + dt.timedelta(days=1))
    first = row_of(store.roster_table(), SAM)
    assert "L1" not in first["worst"]
    later = last + dt.timedelta(days=30)
    clock.set_clock(later)
    second = store.roster_table()
    assert row_of(second, SAM)["act"] + row_of(second, SAM)["watch"] >= 1
    assert (second["worst_rule"] == "L1").any()
    pd.testing.assert_frame_equal(second, fresh_table(store))
    if isinstance(store, SqlStore):
        assert {kept(store, a)[1] for a in store.versions()} == {later}


def test_the_folder_store_keeps_its_summaries_across_servers(tmp_path, monkeypatch) -> None:
    """A second FolderStore (a server that has just started) finds the summaries the
    first one made, keyed on the folder's files: it reviews nobody; an edited log is
    summarized again."""
    monkeypatch.setenv("LEGDAY_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "athletes"
    folder.mkdir()
    for file in DEMO.rglob("*"):
        if file.is_file():
            target = folder / file.relative_to(DEMO)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
    first = Counting(folder)
    pd.testing.assert_frame_equal(first.roster_table(), fresh_table(first))
    assert len(first.reviewed) == 7
    again = Counting(folder)
    pd.testing.assert_frame_equal(again.roster_table(), first.roster_table())
    assert again.reviewed == []
    day = again.athlete(SAM).athlete.last_date + dt.timedelta(days=1)
    assert again.add_checkin(SAM, Checkin(day, 8, ""), who="coach").saved
    third = Counting(folder)
    assert row_of(third.roster_table(), SAM)["latest_soreness"] == 8.0
    assert third.reviewed == [SAM]
    pd.testing.assert_frame_equal(third.roster_table(), fresh_table(third))


class Counting(FolderStore):
    """A folder store that notes whom it summarizes (reviews)."""

    def __init__(self, folder) -> None:
        super().__init__(folder)
        self.reviewed: list[str] = []

    def summarize(self, athlete, today):
        self.reviewed.append(athlete.id)
        return super().summarize(athlete, today)


def test_db_load_in_two_processes_keeps_the_same_summaries(tmp_path) -> None:
    """``db load --jobs 2`` summarizes in forked processes: the kept rows are the ones a
    load in one process keeps (made in each athlete's transaction)."""
    rows = []
    for jobs in (1, 2):
        url = f"sqlite:///{tmp_path / f'jobs{jobs}.db'}"
        assert db_command.init(url) == 0
        assert db_command.load(url, DEMO, "test", jobs=jobs) == 0
        store = SqlStore(url)
        rows.append({a: kept(store, a) for a in store.versions()})
        assert {day for _, day, _ in rows[-1].values()} == {clock.today()}
        pd.testing.assert_frame_equal(store.roster_table(), fresh_table(store))
        store.dispose()
    assert rows[0] == rows[1] and len(rows[0]) == 7


def test_a_new_day_makes_again_only_the_summaries_it_changes(store) -> None:
    """Sam checks in five days after the demo's last day; three days later Sam's log is
    current and keeps the summary of the check-in's day, while the others, stopped eight
    days ago, get theirs made again (L1 counts the days)."""
    athletes = [r.athlete for r in store.athletes() if r.athlete is not None]
    last = max(a.last_date for a in athletes)
    first = last + dt.timedelta(days=5)
    clock.set_clock(first)
    assert store.add_checkin(SAM, Checkin(first, 3, ""), who="coach").saved
    store.roster_table()
    clock.set_clock(last + dt.timedelta(days=8))
    table = store.roster_table()
    pd.testing.assert_frame_equal(table, fresh_table(store))
    assert row_of(table, SAM)["worst_rule"] != "L1" and row_of(table, DAN)["worst_rule"] == "L1"
    if isinstance(store, SqlStore):
        made_on = {a.id: kept(store, a.id)[1] for a in athletes}
        assert made_on.pop(SAM) == first
        assert set(made_on.values()) == {clock.today()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_db_init_after_an_upgrade_makes_the_summaries_again(tmp_path, jobs) -> None:
    """Summaries made by another version of legday (another code digest) are made again
    by ``db init`` (what an upgrade runs), in ``jobs`` processes, so the first Roster
    page reads them all kept; a second ``db init`` makes none."""
    url = f"sqlite:///{tmp_path / 'legday.db'}"
    assert db_command.init(url) == 0
    assert db_command.load(url, DEMO, "test", jobs=1) == 0
    store = SqlStore(url)
    before = {a: kept(store, a)[2] for a in store.versions()}
    with store.engine.begin() as db:
        db.execute(schema.summaries.update().values(code="an older legday"))
    assert len(store.stale_summaries()) == 7
    assert db_command.init(url, jobs) == 0
    assert store.stale_summaries() == []
    assert {a: kept(store, a)[2] for a in store.versions()} == before
    pd.testing.assert_frame_equal(store.roster_table(), fresh_table(store))
    assert db_command.refresh_summaries(url, jobs) == 0
    store.dispose()
