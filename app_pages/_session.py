"""What this session sees: who is signed in and what the access file grants them
(legday.access), the roster filtered to that, one athlete in it and the day they look
from, and the session state behind it (the demo's date shift, the uploaded file, the
logs kept in the session).

The grant is decided on every run from ``st.user`` and the access file, never from a
widget or a link: the shared caches hold the whole roster (``_cache``), and what this
session may see is filtered after them, here. Without ``[auth]`` in the secrets
nobody is asked and the grant is ``access.OPEN`` (the demo, a runner's own laptop).

The frame (app.py with app_pages/_sidebar.py) builds a Selection on every run and
hands it to the page. A page run without the frame (``AppTest.switch_page``, or
AppTest on a page file) gets the defaults: the configured roster as the grant allows,
its first athlete, the last logged day.

Uploads and kept logs live in ``st.session_state``, which belongs to one browser
session: they never reach a shared cache or a module variable.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _cache
from legday import access, clock, demo, flags, metrics, planner, roster, session_logs, summary
from legday.io import LoadResult
from legday.model import Athlete
from legday.session_view import athletes_of, settle_as_of
from legday.store import Listing, Store, choice
from legday.words import units_note

# Session-state keys (widgets use them as their keys, so tests and links can address them).
SOURCE = "source"
ATHLETE = "athlete"
AS_OF = "as_of"
UPLOAD = "upload"  # a legday.session_logs.Upload
SELECTION = "_selection"  # the frame's Selection for this run only
PENDING_ATHLETE = "_pending_athlete"
PENDING_SOURCE = "_pending_source"
EDITS = "_session_logs"  # logs kept in this session: {scope: {athlete id: Athlete}}
AS_OF_DEFAULT = "_as_of_default"  # the latest logged day when As of was last drawn
DEMO_SHIFT = "_demo_shift"  # the session's demo date shift, fixed when it first loads

LOG = logging.getLogger("legday.access")


@dataclass
class Loaded:
    """The chosen source as this session may see it, before an athlete and a day are
    picked: who is in it (``names``) and how to read one of them.

    A store's athletes are listed without reading their logs (``Store.listing``), and
    one athlete is read when picked (``result``); the demo and an upload are read whole.
    """

    source: str  # demo | folder | database | upload
    key: tuple | None  # the roster's cache key; None for an upload (never cached)
    names: dict[str, str]  # id -> name of the athletes granted, in roster order
    store: Store | None  # where writes go: None for the demo and an upload
    messages: list[str]  # source warnings
    kept_logs: dict[str, Athlete] = field(default_factory=dict)  # logs kept in this session
    grant: access.Grant = access.OPEN
    broken: int = 0  # files that did not load (counted for someone who sees everyone)
    read: list[LoadResult] | None = None  # the demo's or the upload's files, read whole

    @property
    def kept(self) -> frozenset[str]:
        """The athletes whose log is kept in this session."""
        return frozenset(self.kept_logs)

    def result(self, athlete_id: str | None) -> LoadResult | None:
        """One granted athlete's files as read, a log kept in this session in place."""
        if athlete_id is None or athlete_id not in self.names:
            return None
        if self.read is not None:
            found = (r for r in self.read if r.athlete is not None and r.athlete.id == athlete_id)
            return next(found, None)
        found = _cache.result_of(self.key, athlete_id)
        if found is not None and athlete_id in self.kept_logs:
            return session_logs.with_kept([found], self.kept_logs)[0]
        return found

    def results(self) -> list[LoadResult]:
        """Every file this session may see, as read: a store reads every log here (the
        Log page's problems); the frame and the other pages need only ``result``."""
        if self.read is not None:
            return self.read
        kept = session_logs.with_kept(_cache.results(self.key), self.kept_logs)
        return granted(kept, self.grant)


@dataclass
class Selection:
    """What the pages draw: a roster, one athlete in it and the day they look from.

    Its tables, flags, plan and figures come from the shared cache, except for an
    upload and a kept log, which are computed for this session alone.
    """

    roster: Loaded
    athlete: Athlete | None
    as_of: dt.date | None
    messages: list[str] = field(default_factory=list)  # link or source warnings

    @property
    def source(self) -> str:
        return self.roster.source

    @property
    def key(self) -> tuple | None:
        return self.roster.key

    @property
    def store(self) -> Store | None:
        return self.roster.store

    @property
    def kept(self) -> frozenset[str]:
        return self.roster.kept

    @property
    def grant(self) -> access.Grant:
        """What the signed-in person may see (everything: access.OPEN)."""
        return self.roster.grant

    @property
    def names(self) -> dict[str, str]:
        """The athletes this session may see, id -> name, in roster order."""
        return self.roster.names

    @property
    def broken(self) -> int:
        """Files that did not load, for someone who may see them."""
        return self.roster.broken if self.grant.sees_everyone else 0

    @property
    def results(self) -> list[LoadResult]:
        """Every file this session may see, as read (a store's: every log is read)."""
        return self.roster.results()

    @property
    def result(self) -> LoadResult | None:
        """The picked athlete's files as read."""
        return self.roster.result(self.athlete.id) if self.athlete is not None else None

    @property
    def athletes(self) -> list[Athlete]:
        """Every athlete this session may see (a store's: every log is read)."""
        return athletes_of(self.results)

    @property
    def writable(self) -> bool:
        """Writes go to a coach's store only, never from the demo or an upload."""
        return choice.can_save(self.source, self.store)

    @property
    def who(self) -> str:
        """Who a write is recorded as (the store's audit): the signed-in email, or ""."""
        return (self.grant.email or "") if self.grant.signed_in else ""

    def _mine(self, table: pd.DataFrame) -> pd.DataFrame:
        """A whole-roster table (from the shared cache) cut to the athletes granted."""
        if self.grant.sees_everyone:
            return table
        return table[table["id"].isin(self.grant.visible(table["id"]))].reset_index(drop=True)

    def _cached_or_computed(self, cached: Callable, compute: Callable, *extra: Any) -> Any:
        athlete = self.athlete
        if athlete is None:
            return None
        if self.key is None or athlete.id in self.kept:
            return compute(athlete, self.as_of, *extra)
        return cached(self.key, athlete.id, self.as_of, *extra)

    def weekly(self) -> pd.DataFrame:
        return self._cached_or_computed(_cache.weekly, metrics.weekly_table)

    def daily(self) -> pd.DataFrame:
        return self._cached_or_computed(_cache.daily, metrics.daily_frame)

    def flags(self) -> list:
        return self._cached_or_computed(_cache.athlete_flags, flags.athlete_flags) or []

    def plan(self) -> Any:
        return self._cached_or_computed(_cache.plan, planner.plan_week)

    def season(self) -> list[planner.Plan]:
        """The weeks to the next A race (or the next 8), planned in a row; [0] is next week."""
        return self._cached_or_computed(_cache.season_plans, _cache.build_season) or []

    def planner_figures(self, picked: dt.date) -> dict[str, Any]:
        """The planner page's figures: ``season``, ``glance`` (the picked week), ``block``."""
        return (
            self._cached_or_computed(_cache.planner_figures, _cache.build_planner_figures, picked)
            or {}
        )

    def compliance(self) -> tuple[list, list]:
        """Planned against done for the recent weeks (saved plans win over replayed ones),
        and the problems of saved plans that could not be read."""
        athlete = self.athlete
        if athlete is None:
            return [], []
        if self.key is None or athlete.id in self.kept:
            return _cache.build_compliance(athlete, self.as_of, self.store)
        plans = self.store.plans_changes(athlete.id) if self.store is not None else ""
        return _cache.athlete_compliance(self.key, athlete.id, self.as_of, plans)

    def roster_compliance(self) -> pd.DataFrame:
        """Each athlete's last whole week, planned against done (roster.compliance_table)."""
        if self.key is None or self.kept:
            return roster.compliance_table(self.athletes, self.store, _cache.replays_of(self.store))
        if self.store is not None:
            return self._stored_roster()
        return self._mine(_cache.roster_compliance(self.key, ""))

    def review_figures(self) -> dict[str, Any]:
        """The review page's figures: ``core``, ``grid`` (None for weekly totals), ``load``."""
        return self._cached_or_computed(_cache.review_figures, _cache.build_review_figures) or {}

    def roster_table(self) -> pd.DataFrame:
        """One row per athlete, each at their own last logged day, worst first."""
        if self.key is None or self.kept:
            return roster.roster_table(self.athletes)
        if self.store is not None:
            return self._stored_roster()
        return self._mine(_cache.roster_table(self.key))

    def units_notes(self, table: pd.DataFrame) -> list[tuple[str, str]]:
        """(name, D2 note) of each athlete in ``table`` whose units legday assumed: from
        a store's summaries (``summary.NOTE``), else from the athletes' profiles."""
        if summary.NOTE in table:
            shown = table[table[summary.NOTE] != ""]
            return list(zip(shown["name"], shown[summary.NOTE], strict=True))
        notes = ((a.name, units_note(a.profile)) for a in self.athletes)
        return [(name, note) for name, note in notes if note]

    def _stored_roster(self) -> pd.DataFrame:
        """A store's roster from its summaries (with the compliance columns): one table
        read, every athlete's review kept by the store."""
        return self._mine(_cache.stored_roster(self.key, self.store.plans_changes()))


def selection() -> Selection:
    """The frame's selection for this run, or the defaults when a page runs on its own."""
    sel = st.session_state.get(SELECTION)
    if isinstance(sel, Selection):
        return sel
    return build_selection(configured_source())


def configured_source() -> choice.DataSource:
    return choice.resolve_source(os.environ, sys.argv[1:])


def sign_in_configured() -> bool:
    """Whether ``[auth]`` is in the secrets (Streamlit's st.login set-up, docs/deploy.md)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


@st.cache_data(show_spinner=False, max_entries=8)
def _access_file(path: str, signature: tuple | None) -> access.AccessFile:
    """The access file, read again whenever it changes; its problems go to the server
    log once per version (a visitor sees no emails, a coach reads them there)."""
    del signature  # part of the cache key only
    found = access.read_access(Path(path))
    for problem in found.problems:
        LOG.warning("%s", problem)
    return found


@st.cache_data(show_spinner=False, max_entries=8)
def _stored_access(where: str, changes: str) -> access.AccessFile | None:
    """A database's access file (``db load`` puts it there), read again whenever the
    database changes; its problems go to the server log once per version."""
    del changes  # part of the cache key only
    found = _cache.store(where).access_file()
    if found is None:
        return None
    parsed = access.parse_access_bytes(found[1], found[0])
    for problem in parsed.problems:
        LOG.warning("%s", problem)
    return parsed


def access_file(configured: choice.DataSource) -> access.AccessFile | None:
    """LEGDAY_ACCESS when set, else the store's access file (a folder's access.yaml, a
    database's access row); None when there is none."""
    path = access.access_path(os.environ, configured.folder)
    if path is not None:
        return _access_file(str(path), access.signature(path))
    if configured.kind == "database" and configured.where is not None:
        where = configured.where
        return _stored_access(where, _cache.store(where).changes())
    return None


def grant(configured: choice.DataSource | None = None) -> access.Grant:
    """What this session may see, decided on this run from ``st.user`` and the access file."""
    if not sign_in_configured():
        return access.OPEN
    configured = configured or configured_source()
    identity = access.identity_from_claims(st.user.to_dict())
    return access.grant_for(identity, access_file(configured), sign_in=True)


def served_beyond_loopback() -> bool:
    """Whether this page reaches anyone but this machine: the server listens on another
    address, the visitor connects from one, or the page was asked for by another name
    (a reverse proxy on this machine passes the public host name)."""
    address = st.get_option("server.address")
    if address and not access.is_loopback(address):
        return True
    visitor = st.context.ip_address  # None for a loopback visitor
    if isinstance(visitor, str) and not access.is_loopback(visitor):
        return True
    host = st.context.headers.get("host")
    return bool(host) and not access.is_loopback(host)


def granted(results: list[LoadResult], who: access.Grant) -> list[LoadResult]:
    """The files this person may see: their athletes', and files that did not load only
    for someone who sees every athlete (a broken file's problems can quote its data)."""
    if who.sees_everyone:
        return results
    return [r for r in results if r.athlete is not None and who.sees(r.athlete.id)]


def demo_shift() -> int:
    """The demo's date shift for this session: fixed on its first run, so a session that
    crosses midnight (or a Sunday into a Monday) keeps one consistent demo world, and
    edits and check-ins kept in the session stay on the dates they were made on."""
    if DEMO_SHIFT not in st.session_state:
        st.session_state[DEMO_SHIFT] = demo.shift_for(_cache.demo_files(), clock.today())
    return int(st.session_state[DEMO_SHIFT])


def source_key(source: str, where: str | None) -> tuple:
    """The roster's cache key: a store's kind, address and ``changes()`` (a folder's file
    signature, a database's newest write: one cheap query a run), or the demo's shift."""
    if choice.stored(source) and where is not None:
        return (source, where, _cache.store(where).changes())
    return ("demo", demo_shift())


def upload() -> session_logs.Upload | None:
    """The file uploaded in this session, if any."""
    return st.session_state.get(UPLOAD)


def session_edits(source: str) -> dict[str, Athlete]:
    """Logs kept in this browser session for ``source``, by athlete id."""
    return session_logs.kept_logs(st.session_state.get(EDITS), source, upload())


def keep_edit(source: str, athlete: Athlete) -> None:
    """Keep ``athlete`` (an edited log) in this session in place of the loaded one."""
    st.session_state[EDITS] = session_logs.keep_log(
        st.session_state.get(EDITS), source, upload(), athlete
    )


def load_source(configured: choice.DataSource) -> Loaded:
    """The roster of the source picked in the sidebar (demo when nothing else fits), cut
    to what this session's grant allows. Signed in, only the configured source counts."""
    who = grant(configured)
    home = configured.kind if choice.stored(configured.kind) else "demo"
    source = st.session_state.get(SOURCE) or home
    if who.signed_in:
        source = configured.kind
    uploaded = upload()
    messages = [configured.message] if configured.message else []
    if source == "upload" and uploaded is not None:
        key, read = None, [uploaded.result]
    else:
        if source not in ("demo", configured.kind):
            source = home
        key = source_key(source, configured.where if source == configured.kind else None)
        read = None if _cache.stored_key(key) else _cache.results(key)
    kept = {k: v for k, v in session_edits(source).items() if who.sees(k)}
    if read is not None:
        read = granted(session_logs.with_kept(read, kept), who)
        listed = Listing.of(read)
    else:
        listed = _cache.listing(key)
    names = {i: kept[i].name if i in kept else n for i, n in listed.names.items() if who.sees(i)}
    return Loaded(
        source, key, names, _cache.store_of(key), messages, kept, who, listed.broken, read
    )


def build_selection(configured: choice.DataSource, loaded: Loaded | None = None) -> Selection:
    """The data source, athlete and as-of from session state, with safe defaults."""
    loaded = loaded or load_source(configured)
    chosen = st.session_state.get(ATHLETE)
    if chosen not in loaded.names:
        chosen = next(iter(loaded.names), None)
    found = loaded.result(chosen)
    athlete = found.athlete if found is not None else None
    as_of = settle_as_of(
        st.session_state.get(AS_OF), athlete, clock.today(), st.session_state.get(AS_OF_DEFAULT)
    )
    return Selection(loaded, athlete, as_of, list(loaded.messages))
