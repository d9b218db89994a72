"""Replayed plans kept between runs: a plan is computed once, found again under the same
key, and planned anew when the log before its week, the profile or legday changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from legday import clock, compliance
from legday.compliance import PlannedWeek, recent_weeks, replay_keys
from legday.model import WEEKDAYS, Athlete, Profile, days_from_records
from legday.store.replays import FileReplays, MemoryReplays, cache_folder, user_replays

SAMPLE = ("rest", "easy", "moderate", "hard", "easy", "long", "rest")
FIRST = dt.date(2026, 10, 5)  # a Monday: 8 weeks to Sunday 2026-11-29


def athlete(weeks: int = 8) -> Athlete:
    records = [
        {"date": FIRST + dt.timedelta(days=i), "run": SAMPLE[i % 7],
         "distance": 5.0 if SAMPLE[i % 7] != "rest" else None,
         "strength": "heavy" if i % 7 == 1 else "none"}
        for i in range(7 * weeks)
    ]  # fmt: skip
    week = dict(zip(WEEKDAYS, SAMPLE, strict=True))
    profile = Profile(id="cam", name="Cam", week=week, week_source="profile", season="off-season")
    return Athlete(profile, days_from_records(records))


class Counting(MemoryReplays):
    """A memory cache that counts what it was asked for and given."""

    def __init__(self) -> None:
        super().__init__()
        self.puts = 0

    def put_many(self, entries) -> None:
        self.puts += len(entries)
        super().put_many(entries)


def test_a_replayed_week_is_planned_once_and_found_again() -> None:
    clock.set_clock(dt.date(2026, 12, 2))
    cam, cache = athlete(), Counting()
    first = compliance.compliance(cam, weeks=4, replays=cache)
    again = compliance.compliance(cam, weeks=4, replays=cache)
    assert cache.puts == 4  # the four weeks, once: the second call planned nothing
    assert [w.to_dict() for w in again] == [w.to_dict() for w in first]
    assert [w.to_dict() for w in compliance.compliance(cam, weeks=4)] == [
        w.to_dict() for w in first
    ]


def test_a_change_before_the_week_asks_for_a_new_plan_and_a_change_after_does_not() -> None:
    cam = athlete()
    mondays = recent_weeks(cam, cam.last_date, 4)  # Nov 2, 9, 16, 23
    keys = replay_keys(cam, mondays)
    days = cam.days.copy()
    days.loc[days["date"] == pd.Timestamp("2026-11-10"), "distance"] = 9.0  # in the week of Nov 9
    changed = replay_keys(dataclasses.replace(cam, days=days), mondays)
    # plans made as of Nov 1 and Nov 8 do not see Nov 10; those of Nov 15 and 22 do
    assert [a == b for a, b in zip(keys, changed, strict=True)] == [True, True, False, False]
    renamed = dataclasses.replace(cam, profile=dataclasses.replace(cam.profile, path="x.yaml"))
    assert replay_keys(renamed, mondays) == keys  # where the file is does not matter
    racing = dataclasses.replace(cam, profile=dataclasses.replace(cam.profile, season=None))
    assert not set(replay_keys(racing, mondays)) & set(keys)  # the profile does


def test_a_week_reads_back_as_it_was_kept() -> None:
    week = PlannedWeek(
        dt.date(2026, 11, 23), "replayed",
        tuple(dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(7)),
        SAMPLE, (None, 5.0, 7.5, 6.0, 5.0, 12.25, None), ("none", "heavy") + ("none",) * 5,
    )  # fmt: skip
    assert PlannedWeek.from_text(week.week_of, week.to_text()) == week
    assert week.distance == 35.75  # 5 + 7.5 + 6 + 5 + 12.25


def test_the_file_cache_keeps_entries_across_processes(tmp_path) -> None:
    path = tmp_path / "cache" / "replays.sqlite3"
    FileReplays(path).put_many({"a": "1", "b": "2"})
    other = FileReplays(path)  # another process opens the same file
    assert other.get_many(["a", "b", "c"]) == {"a": "1", "b": "2"}
    small = FileReplays(path, max_entries=2)
    small.put_many({"c": "3"})
    assert small.get_many(["a", "b", "c"]) == {"b": "2", "c": "3"}  # the oldest went


def test_a_cache_that_cannot_be_written_is_an_empty_one(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = FileReplays(blocker / "replays.sqlite3")
    cache.put_many({"a": "1"})
    assert cache.get_many(["a"]) == {}
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    assert FileReplays(garbage).get_many(["a"]) == {}


def test_the_cache_folder_is_the_users_never_the_data_folders(tmp_path) -> None:
    assert cache_folder({"LEGDAY_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "legday"
    env = {"LEGDAY_CACHE_DIR": str(tmp_path / "mine")}
    assert user_replays(env) is user_replays(env)  # one per process
