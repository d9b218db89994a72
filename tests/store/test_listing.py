"""Who is in a store without reading their logs (``Store.listing``) and one athlete read
alone (``Store.athlete``): what the pages' frame asks on every run. Each store lists
the athletes it reads, by name; the folder keeps its listing across servers, so a new
server lists the folder and reads one athlete without reading every file."""

from __future__ import annotations

import datetime as dt
import shutil

from legday.store import Checkin, FolderStore

from .conftest import DEMO
from .test_stores import DAN, SAM, same_athletes


def test_the_listing_names_every_athlete_the_store_reads(store) -> None:
    results = store.athletes()
    listing = store.listing()
    read = {r.athlete.id: r.athlete.name for r in results if r.athlete is not None}
    assert listing.names == read
    assert listing.broken == sum(1 for r in results if r.athlete is None)
    assert listing.names[DAN] == "Dan Reyes"  # data/athletes/dan-marathon.yaml
    for athlete_id in listing.names:
        same_athletes([store.athlete(athlete_id)], [r for r in results if r.athlete
                      and r.athlete.id == athlete_id])  # fmt: skip


def test_a_write_shows_in_the_athlete_read_alone(store) -> None:
    day = store.athlete(SAM).athlete.last_date + dt.timedelta(days=1)
    assert store.add_checkin(SAM, Checkin(day, 7, ""), who="coach").saved
    assert store.athlete(SAM).athlete.last_date == day
    assert SAM in store.listing().names


class Reading(FolderStore):
    """A folder store that counts how often it reads every file."""

    def __init__(self, folder) -> None:
        super().__init__(folder)
        self.whole_reads = 0

    def athletes(self):
        self.whole_reads += 1
        return super().athletes()


def copy_demo(tmp_path):
    folder = tmp_path / "athletes"
    shutil.copytree(DEMO, folder)
    return folder


def test_a_new_server_lists_the_folder_and_reads_one_athlete_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGDAY_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_demo(tmp_path)
    first = Reading(folder)
    names = first.listing().names
    assert first.whole_reads == 1
    again = Reading(folder)  # a server that has just started
    assert again.listing().names == names
    assert again.athlete(DAN).athlete.name == "Dan Reyes"
    assert again.athlete("nobody") is None
    assert again.whole_reads == 0
    (folder / "late.csv").write_text("date,run,distance\n2026-11-02,easy,5\n")
    third = Reading(folder)
    assert "late" in third.listing().names and third.whole_reads == 1


def test_a_broken_file_is_counted_and_an_id_that_moved_is_found(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGDAY_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_demo(tmp_path)
    (folder / "broken.yaml").write_text("name: [unclosed\n")
    listing = FolderStore(folder).listing()
    assert listing.broken == 1 and DAN in listing.names
    profile = folder / "dan-marathon.yaml"
    text = profile.read_text()
    assert "id:" not in text  # the id is the file's name
    profile.rename(folder / "dan-road.yaml")  # a new signature: listed again
    moved = FolderStore(folder)
    assert DAN not in moved.listing().names
    assert moved.athlete("dan-road").athlete.name == "Dan Reyes"
