"""The sets log on the pages (AppTest): a Hevy export merged into a data folder's athlete,
then the Review's volume line and lift trends, and the Planner's weights."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from legday.demo import DEMO_DIR
from legday.io import load_athlete
from legday.io.into import apply, plan_into
from tests.app.apptest import APP
from tests.samples.imports.make_strength_samples import LEGS, hevy_csv

pytestmark = pytest.mark.apptest

ATHLETE = "dan-marathon"


@pytest.fixture(autouse=True)
def plain_argv(monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_DATA_DIR", raising=False)


def workouts(last: dt.date, weeks: int) -> list[tuple]:
    """Two leg workouts a week for ``weeks`` weeks up to ``last``, the loads of LEGS."""
    out = []
    for week in range(weeks):
        for back in (1, 4):
            day = last - dt.timedelta(days=7 * (weeks - 1 - week) + back)
            out.append((dt.datetime.combine(day, dt.time(18, 0)), "Legs", LEGS, 50))
    return sorted(out)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """The demo athletes in a data folder, Dan with six weeks of Hevy sets merged in."""
    target = tmp_path / "athletes"
    shutil.copytree(DEMO_DIR / "athletes", target)
    profile = target / f"{ATHLETE}.yaml"
    last = load_athlete(profile).athlete.last_date
    export = hevy_csv(workouts(last, 6)).encode()
    plan = plan_into(export, "workouts.csv", load_athlete(profile))
    assert plan.ok, plan.problems
    assert apply(plan).saved
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(target))
    return target


def _page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["athlete"] = ATHLETE
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_the_review_shows_leg_volume_and_the_lifts_a_toggle_away(folder: Path) -> None:
    at = _page("review")
    core = at.get("plotly_chart")
    assert len(core) == 1
    assert "leg volume load (kg)" in core[0].proto.spec
    assert any("hard leg sets those at 3 reps in reserve" in c.value for c in at.caption)
    at.toggle(key="lift_trends").set_value(True).run()
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    assert "squat: Back squat" in charts[1].proto.spec
    at.toggle(key="review_tables").set_value(True).run()
    weekly = next(t.value for t in at.get("dataframe") if "leg_sets" in t.value)
    # each leg workout: 3 + 2 + 2 + 2 = 9 hard sets, two a week
    assert weekly["leg_sets"].iloc[0] == 18


def test_the_planner_prescribes_weights_from_the_sets(folder: Path) -> None:
    profile = folder / "ana-hills.yaml"
    last = load_athlete(profile).athlete.last_date
    assert apply(plan_into(hevy_csv(workouts(last, 6)).encode(), "w.csv", load_athlete(profile)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["athlete"] = "ana-hills"
    at.query_params["as_of"] = last.isoformat()
    at.run()
    at.switch_page("app_pages/planner.py")
    at.run()
    assert not at.exception and not at.error
    lines = [line for m in at.markdown for line in m.value.split("\n")]
    squat = next(line for line in lines if line.startswith("- Back squat"))
    # the last session: 60 kg x 5, 5, 5 at RPE 8, 8, 8.5 (RIR down to 1.5): not every set
    # reached 6, so 60 kg holds (Ana is in race season: a 3-set maintenance session)
    day = last - dt.timedelta(days=1)
    assert squat == (
        f"- Back squat: 3 × 5-6 **@ 60 kg (last {day.day} {day:%b}: 60 kg x 5, 5, 5, RIR 1.5)**"
    )
    # the split squat: 12 kg x 8, 8 at RIR 2 reached the top of 5-6: + 2 kg a dumbbell
    assert any(line.startswith("- Rear-foot-elevated split squat") and "@ 14 kg" in line
               for line in lines)  # fmt: skip


def test_a_hevy_export_uploaded_on_the_log_page_merges_and_gives_weights(
    tmp_path, monkeypatch
) -> None:
    """The Log page's own uploader and merge button (not legday.io.into called by hand):
    six weeks of Hevy sets into Maya (a daily log, no sets log yet), then the Planner
    prescribes from them."""
    target = tmp_path / "athletes"
    shutil.copytree(DEMO_DIR / "athletes", target)
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(target))
    athlete = "maya-newcomer"
    profile = target / f"{athlete}.yaml"
    last = load_athlete(profile).athlete.last_date
    export = hevy_csv(workouts(last, 6)).encode()

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["athlete"] = athlete
    at.query_params["as_of"] = last.isoformat()
    at.run()
    at.switch_page("app_pages/log.py")
    at.run()
    at.get("file_uploader")  # the Log page draws its uploaders
    uploader = next(u for u in at.file_uploader if u.key == "import_file")
    uploader.set_value(("workouts.csv", export, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in (*at.exception, *at.error)]
    texts = " ".join(m.value for m in (*at.markdown, *at.caption))
    # 12 workouts of 4 + 2 + 2 + 2 sets (LEGS): 120 sets, all leg work, on 12 days
    assert "120 sets (120 leg, 0 other) on 12 days" in texts
    name = load_athlete(profile).athlete.name
    merge = next(b for b in at.button if b.label == f"Merge into {name}'s sets log")
    merge.click().run()
    assert not at.exception and not at.error
    assert profile.read_text().endswith(f"strength_log: logs/{athlete}-sets.csv\n")
    assert len((target / "logs" / f"{athlete}-sets.csv").read_text().splitlines()) == 121

    at.switch_page("app_pages/planner.py")
    at.run()
    assert not at.exception and not at.error
    lines = [line for m in at.markdown for line in m.value.split("\n")]
    # the last squat session: 60 kg x 5, 5, 5 at RIR down to 1.5: not every set at the
    # top of 5-6, so 60 kg holds
    assert any(line.startswith("- Back squat") and "@ 60 kg" in line for line in lines), lines
