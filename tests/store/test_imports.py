"""An export merged into an athlete through every store (the Log page's Import tab):
the plan writes nothing, applying it adds the sets log and names it in the profile,
and an import planned before someone else's write is refused."""

from __future__ import annotations

import datetime as dt

from legday.store import Checkin, FolderStore, stale_message
from tests.samples.imports.make_strength_samples import LEGS, hevy_csv

MAYA = "maya-newcomer"  # a profile with a daily log in logs/ and no sets log yet


def _export(last: dt.date) -> bytes:
    day = dt.datetime.combine(last - dt.timedelta(days=1), dt.time(18, 0))
    return hevy_csv([(day, "Legs", LEGS, 50)]).encode()


def _sets(store) -> object:
    return store.athlete(MAYA).athlete.sets


def test_an_import_plans_then_lands_in_the_athletes_sets_log(store) -> None:
    last = store.athlete(MAYA).athlete.last_date
    plan, version = store.plan_import(MAYA, _export(last), "workouts.csv", "UTC")
    assert plan.ok and plan.adds, plan.problems
    assert _sets(store) is None  # a plan writes nothing
    assert plan.target.name == f"{MAYA}-sets.csv"
    result = store.apply_import(MAYA, plan, version, who="coach@club.example")
    assert result.saved, result.message
    assert result.message.startswith(f"Saved {MAYA}-sets.csv")
    sets = _sets(store)
    assert sets is not None and len(sets) == 10  # 4 + 2 + 2 + 2 sets of the legs workout
    again, version = store.plan_import(MAYA, _export(last), "workouts.csv", "UTC")
    assert again.ok and not again.adds  # every set is there already


def test_an_import_planned_before_another_write_is_refused(store) -> None:
    """A database refuses by the athlete's version (a check-in moved it); a folder by
    each file's signature (the profile the import adds a line to changed)."""
    last = store.athlete(MAYA).athlete.last_date
    plan, version = store.plan_import(MAYA, _export(last), "workouts.csv", "UTC")
    if isinstance(store, FolderStore):
        profile = store.folder / f"{MAYA}.yaml"
        profile.write_text(profile.read_text() + "# a note from someone else\n")
        expected = stale_message(profile.name)
    else:
        assert store.add_checkin(MAYA, Checkin(last, 2), who="athlete").saved
        expected = stale_message(f"{MAYA}-sets.csv")
    refused = store.apply_import(MAYA, plan, version, who="coach")
    assert not refused.saved and refused.message.startswith(expected)
    assert _sets(store) is None
