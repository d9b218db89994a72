"""The st.cache_* wrappers around legday: one shared roster per source, and one
athlete's tables, flags, plans, planned-against-done and figures on one day.

Streamlit reruns the script on every interaction, so these are cached across reruns
and sessions, keyed on the source key (``_session.source_key``: the demo's date
shift, or a store's kind, address and ``Store.changes()``: a folder's file signature,
a database's newest audit row, so another server's write shows on the next run), the
athlete id and the As of. What reads the saved plans (planned against done) is keyed
on ``Store.plans_changes`` too, which a folder's signature leaves out. An upload or a
log kept in a session never comes here: it belongs to one browser session and is
computed afresh (``_session.Selection``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from legday import charts, compliance, demo, flags, metrics, planner, roster, season
from legday.io import LoadResult
from legday.model import Athlete
from legday.session_view import athletes_of
from legday.store import Listing, Store, open_store
from legday.store.replays import user_replays

#: The review page's day grid: the last 8 calendar weeks.
REVIEW_GRID_WEEKS = 8
#: Weeks of planned against done on the review page.
REVIEW_COMPLIANCE_WEEKS = 4


# The roster is a shared resource, not data: st.cache_data would hand every call a
# fresh copy (unpickling every day row of every athlete, on every rerun, in every
# session). The demo and a coach's folder are the same for every session of this
# server, and nothing mutates a loaded Athlete (a kept edit is a new one), so one
# shared copy is safe.
@st.cache_resource(show_spinner="Reading the demo roster...")
def demo_files() -> list[LoadResult]:
    return demo.load_raw()


@st.cache_resource(show_spinner=False, max_entries=4)
def _demo(shift_days: int) -> list[LoadResult]:
    return demo.shifted(demo_files(), shift_days)


@st.cache_resource(show_spinner=False, max_entries=4)
def store(where: str) -> Store:
    """One store per folder or database for the whole server (a database's engine and
    its connection pool are shared by every session)."""
    return open_store(where)


@st.cache_resource(show_spinner="Reading the athletes...", max_entries=2)  # per write
def _stored(where: str, changes: str) -> list[LoadResult]:
    del changes  # part of the cache key only
    return store(where).athletes()


@st.cache_resource(show_spinner=False, max_entries=4)  # per write
def _listing(where: str, changes: str) -> Listing:
    del changes  # part of the cache key only
    return store(where).listing()


@st.cache_resource(show_spinner=False, max_entries=64)
def _stored_athlete(where: str, changes: str, athlete_id: str) -> LoadResult | None:
    del changes  # part of the cache key only
    return store(where).athlete(athlete_id)


def stored_key(key: tuple | None) -> bool:
    """Whether a source key is a store's (a folder or a database), not the demo's."""
    return key is not None and key[0] in ("folder", "database")


def results(key: tuple) -> list[LoadResult]:
    """Every file of a source key as read; for a store, every athlete's log is read (the
    Log page's problems): the pages' frame asks ``listing`` and ``result_of`` instead."""
    if stored_key(key):
        return _stored(key[1], key[2])
    return _demo(key[1])


def listing(key: tuple) -> Listing:
    """Who is in the source: a store's kept listing, without reading a log."""
    if stored_key(key):
        return _listing(key[1], key[2])
    return Listing.of(_demo(key[1]))


def result_of(key: tuple, athlete_id: str) -> LoadResult | None:
    """One athlete's files as read: a store reads only theirs."""
    if stored_key(key):
        return _stored_athlete(key[1], key[2], athlete_id)
    found = (r for r in _demo(key[1]) if r.athlete is not None and r.athlete.id == athlete_id)
    return next(found, None)


def store_of(key: tuple | None) -> Store | None:
    """The store behind a source key; None for the demo and an upload."""
    return store(key[1]) if stored_key(key) else None


def _athlete_in(key: tuple, athlete_id: str) -> Athlete | None:
    found = result_of(key, athlete_id)
    return found.athlete if found is not None else None


@st.cache_data(show_spinner=False, max_entries=256)
def weekly(key: tuple, athlete_id: str, as_of: dt.date | None) -> pd.DataFrame:
    athlete = _athlete_in(key, athlete_id)
    return metrics.weekly_table(athlete, as_of) if athlete else metrics.empty_weeks()


@st.cache_data(show_spinner=False, max_entries=256)
def daily(key: tuple, athlete_id: str, as_of: dt.date | None) -> pd.DataFrame:
    athlete = _athlete_in(key, athlete_id)
    return metrics.daily_frame(athlete, as_of) if athlete else pd.DataFrame()


@st.cache_data(show_spinner=False, max_entries=256)
def athlete_flags(key: tuple, athlete_id: str, as_of: dt.date | None) -> list:
    athlete = _athlete_in(key, athlete_id)
    return flags.athlete_flags(athlete, as_of) if athlete else []


@st.cache_data(show_spinner=False, max_entries=256)
def plan(key: tuple, athlete_id: str, as_of: dt.date | None) -> Any:
    athlete = _athlete_in(key, athlete_id)
    return planner.plan_week(athlete, as_of) if athlete else None


def build_season(athlete: Athlete, as_of: dt.date | None) -> list[planner.Plan]:
    """The weeks to the next A race (or the next 8), planned in a row; the first is next
    week's plan."""
    week_of = planner.resolve_dates(athlete, as_of)[1]
    return planner.plan_weeks(athlete, as_of, weeks=season.season_weeks(athlete.profile, week_of))


@st.cache_data(show_spinner=False, max_entries=128)
def season_plans(key: tuple, athlete_id: str, as_of: dt.date | None) -> list[planner.Plan]:
    athlete = _athlete_in(key, athlete_id)
    return build_season(athlete, as_of) if athlete else []


def build_planner_figures(
    athlete: Athlete,
    as_of: dt.date | None,
    picked: dt.date,
    plans: list[planner.Plan] | None = None,
    weekly_table: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The planner page's figures for the picked week: ``season`` (the strip, the week
    outlined), ``glance`` (its seven days) and ``block`` (next week's strength block)."""
    plans = plans if plans is not None else build_season(athlete, as_of)
    plan = next((p for p in plans if p.week_of == picked), plans[0])
    first = plans[0]
    if weekly_table is None:
        weekly_table = metrics.weekly_table(athlete, first.as_of)
    table = season.season_table(plans, athlete.profile.races)
    block = season.block_table(weekly_table, first, athlete.profile.block_start)
    return {
        "season": charts.season_strip(table, athlete.units, pd.Timestamp(plan.week_of)),
        "glance": charts.day_table(_planned_days(plan), weeks=1),
        "block": charts.block_grid(block),
    }


def _planned_days(plan: planner.Plan) -> pd.DataFrame:
    """A plan's days as the day grid reads a log (planned distances, no soreness)."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime([d.date for d in plan.days]),
            "run": [d.run for d in plan.days],
            "distance": [d.distance if d.distance is not None else np.nan for d in plan.days],
            "strength": [d.strength for d in plan.days],
            "soreness": np.nan,
        }
    )


@st.cache_data(show_spinner=False, max_entries=64)
def planner_figures(
    key: tuple, athlete_id: str, as_of: dt.date | None, picked: dt.date
) -> dict[str, Any]:
    athlete = _athlete_in(key, athlete_id)
    if athlete is None:
        return {}
    plans = season_plans(key, athlete_id, as_of)
    weekly_table = weekly(key, athlete_id, plans[0].as_of) if plans else None
    return build_planner_figures(athlete, as_of, picked, plans, weekly_table)


def replays_of(where: Store | None) -> compliance.ReplayCache:
    """Where replayed plans are kept: the store's (a database shares them), else this
    user's cache folder."""
    return where.replays if where is not None else user_replays()


def build_compliance(
    athlete: Athlete, as_of: dt.date | None, where: Store | None
) -> tuple[list[compliance.WeekCompliance], list]:
    """Planned against done for the review's recent weeks, with the plans saved in the
    store, and the problems of saved plans that could not be read."""
    as_of = as_of or athlete.last_date
    if as_of is None:
        return [], []
    weeks = compliance.recent_weeks(athlete, as_of, REVIEW_COMPLIANCE_WEEKS)
    saved, problems = where.saved_plans(athlete.id, weeks) if where is not None else ({}, [])
    found = compliance.compliance(athlete, as_of, REVIEW_COMPLIANCE_WEEKS, saved, replays_of(where))
    return found, problems


@st.cache_data(show_spinner=False, max_entries=128)
def athlete_compliance(
    key: tuple, athlete_id: str, as_of: dt.date | None, plans: str
) -> tuple[list[compliance.WeekCompliance], list]:
    del plans  # the saved plans' signature: part of the cache key only
    athlete = _athlete_in(key, athlete_id)
    if athlete is None:
        return [], []
    return build_compliance(athlete, as_of, store_of(key))


def build_review_figures(
    athlete: Athlete,
    as_of: dt.date | None,
    weekly_table: pd.DataFrame | None = None,
    daily_frame: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The review page's three legday.charts figures, uncached: ``core``, ``grid``
    (None for a weekly-totals log, which has no days) and ``load``."""
    if weekly_table is None:
        weekly_table = metrics.weekly_table(athlete, as_of)
    grid = None
    if athlete.granularity != "weeks":
        if daily_frame is None:
            daily_frame = metrics.daily_frame(athlete, as_of)
        grid = charts.day_table(daily_frame, REVIEW_GRID_WEEKS)
    basis = weekly_table.attrs.get("load_basis", "distance")
    return {
        "core": charts.core_chart(weekly_table, athlete.units),
        "grid": grid,
        "load": charts.load_chart(weekly_table, basis, athlete.units),
    }


# Figures are data here, not a resource: st.cache_resource would hand every session
# the same mutable Figure.
@st.cache_data(show_spinner=False, max_entries=64)
def review_figures(key: tuple, athlete_id: str, as_of: dt.date | None) -> dict[str, Any]:
    athlete = _athlete_in(key, athlete_id)
    if athlete is None:
        return {}
    return build_review_figures(
        athlete,
        as_of,
        weekly(key, athlete_id, as_of),
        daily(key, athlete_id, as_of) if athlete.granularity != "weeks" else None,
    )


@st.cache_data(show_spinner="Reviewing every athlete...", max_entries=16)
def roster_table(key: tuple) -> pd.DataFrame:
    return roster.roster_table(athletes_of(results(key)))


@st.cache_data(show_spinner="Reading the roster...", max_entries=16)
def stored_roster(key: tuple, plans: str) -> pd.DataFrame:
    """The roster with last week's planned against done, from the store's summaries
    (legday.summary): kept by the store, so no athlete is reviewed here."""
    del plans  # the saved plans' signature: part of the cache key only
    return store(key[1]).roster_table()


@st.cache_data(show_spinner="Comparing last week's plans with the logs...", max_entries=16)
def roster_compliance(key: tuple, plans: str) -> pd.DataFrame:
    del plans  # the saved plans' signature: part of the cache key only
    where = store_of(key)
    return roster.compliance_table(athletes_of(results(key)), where, replays_of(where))
