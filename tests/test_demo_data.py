"""The bundled demo roster: reproducible, well-formed, and telling the stories data/README.md
promises (each athlete is there to make some page, chart or flag show something real)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from legday.model import (
    DAY_COLUMNS,
    MAX_DAY_DISTANCE,
    OPTIONAL_DAY_COLUMNS,
    RUN_KINDS,
    SIDES,
    STRENGTH_LEVELS,
    UNITS,
    WEEK_RUN_KINDS,
    WEEK_TOTAL_COLUMNS,
    WEEKDAYS,
    days_from_records,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ATHLETES = DATA / "athletes"
ANCHOR = dt.date(2026, 11, 22)  # the Sunday every daily demo log ends on
PROFILE_KEYS = {
    "name", "units", "week", "season", "races", "strength", "log", "days", "weeks", "weights",
    "strength_log",
}  # fmt: skip
EXPECTED_IDS = {
    "maya-newcomer",
    "dan-marathon",
    "lena-overeager",
    "omar-raceseason",
    "kenji-weekly",
    "ana-hills",
    "sam-csv-only",
}


def _make_demo():
    """tools/ is not a package: load the generator from its file."""
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "tools" / "make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _profile(athlete_id: str) -> dict:
    return yaml.safe_load((ATHLETES / f"{athlete_id}.yaml").read_text(encoding="utf-8"))


def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _records(athlete_id: str) -> list[dict]:
    """Day rows of one daily athlete, read straight from its file in whatever form it uses."""
    if athlete_id == "sam-csv-only":
        return _csv_rows(ATHLETES / "sam-csv-only.csv")[1]
    profile = _profile(athlete_id)
    if "log" in profile:
        return _csv_rows(ATHLETES / profile["log"])[1]
    if "days" in profile:
        return [dict(row) for row in profile["days"]]
    records = []
    for week in profile["weeks"]:
        for offset, name in enumerate(WEEKDAYS):
            if name not in week:
                continue
            day = week[name]
            day = {"run": day} if isinstance(day, str) else dict(day)
            day["date"] = week["week_of"] + dt.timedelta(days=offset)
            records.append(day)
    return records


def _days(athlete_id: str) -> pd.DataFrame:
    records = [
        {k: (None if v == "" else v) for k, v in r.items() if k in DAY_COLUMNS}
        for r in _records(athlete_id)
    ]
    return days_from_records(records)


DAILY = ["maya-newcomer", "dan-marathon", "lena-overeager", "omar-raceseason", "ana-hills"]
DAILY_ALL = [*DAILY, "sam-csv-only"]


def _weekly(days: pd.DataFrame) -> pd.DataFrame:
    week_of = days["date"] - pd.to_timedelta(days["date"].dt.day_of_week, unit="D")
    lifted = days["strength"] != "none"
    return (
        days.assign(week_of=week_of, lifted=lifted)
        .groupby("week_of")
        .agg(distance=("distance", "sum"), longest=("distance", "max"), legs=("lifted", "sum"))
    )


def _rule_breaks(days: pd.DataFrame) -> dict[str, int]:
    """Days that break the placement rules S3, S4, S5, S7 (coaching-reference.md)."""
    by_day = (
        days.assign(
            key=days["run"].isin(["hard", "long", "race"]),
            long=days["run"].isin(["long", "race"]),
            ran=days["run"] != "rest",
            lift=days["strength"] != "none",
            heavy=days["strength"] == "heavy",
        )
        .groupby("date")[["key", "long", "ran", "lift", "heavy"]]
        .any()
    )
    full = pd.date_range(by_day.index.min(), by_day.index.max(), freq="D")
    by_day = by_day.reindex(full, fill_value=False)
    return {
        "S3": int((by_day["lift"] & ~by_day["ran"]).sum()),
        "S4": int((by_day["lift"] & by_day["key"].shift(1, fill_value=False)).sum()),
        "S5": int((by_day["heavy"] & by_day["key"].shift(-1, fill_value=False)).sum()),
        "S7": int((by_day["lift"] & by_day["long"].shift(-1, fill_value=False)).sum()),
    }


def _single_run_spikes(days: pd.DataFrame) -> int:
    """Runs longer than 1.1 x the longest run of the 30 days before them."""
    runs = days.dropna(subset=["distance"]).groupby("date")["distance"].max()
    runs = runs.asfreq("D")
    prior_max = runs.shift(1).rolling(30, min_periods=1).max()
    return int((runs > 1.1 * prior_max).sum())


# ----------------------------------------------------------------- generator and files


def test_generator_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    make_demo = _make_demo()
    make_demo.write_demo(tmp_path / "one")
    make_demo.write_demo(tmp_path / "two")
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one == two
    committed = {
        f"athletes/{path}": data for path, data in _tree(ATHLETES).items()
    }  # data/README.md is written by hand, not generated
    assert sorted(one) == sorted(committed), "rerun: python tools/make_demo.py"
    for path, data in one.items():
        assert data == committed[path], f"{path} differs from the generator: rerun it"


def test_every_athlete_is_there_under_a_valid_id() -> None:
    ids = {p.stem for p in ATHLETES.glob("*.yaml")} | {p.stem for p in ATHLETES.glob("*.csv")}
    assert ids == EXPECTED_IDS
    assert all(set(i) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for i in ids)


def test_csv_files_have_the_documented_headers() -> None:
    for path in ATHLETES.rglob("*.csv"):
        header, rows = _csv_rows(path)
        expected = WEEK_TOTAL_COLUMNS if path.stem == "kenji-weekly" else DAY_COLUMNS
        if path.stem.endswith("-sets"):  # Ana's sets log: the documented sets columns
            expected = ("date", "exercise", "set", "reps", "weight", "rpe", "side", "type")
        # the optional columns (pain) are there only when the log holds them
        assert header == [c for c in expected if c not in OPTIONAL_DAY_COLUMNS or c in header]
        assert rows, path
        assert path.read_bytes()[:3] != b"\xef\xbb\xbf", f"{path} starts with a BOM"


def test_profiles_are_safe_yaml_mappings_with_one_log_form() -> None:
    forms = {}
    for path in sorted(ATHLETES.glob("*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(profile, dict), path
        assert set(profile) <= PROFILE_KEYS, path
        assert profile["name"]
        assert profile["units"] in UNITS
        assert set(profile.get("week", {}).values()) <= set(WEEK_RUN_KINDS)
        assert set(profile.get("week", {})) in (set(), set(WEEKDAYS))
        assert profile.get("strength", {}).get("weaker_side", "none") in SIDES
        (form,) = [k for k in ("log", "days", "weeks") if k in profile]
        forms[path.stem] = form
        if form == "log":
            log = (path.parent / profile["log"]).resolve()
            assert log.is_file() and ATHLETES in log.parents
        for race in profile.get("races", []):
            assert isinstance(race["date"], dt.date) and race["name"]
    assert forms == {
        "maya-newcomer": "log",
        "dan-marathon": "log",
        "lena-overeager": "log",
        "kenji-weekly": "log",
        "omar-raceseason": "days",
        "ana-hills": "weeks",
    }


@pytest.mark.parametrize("athlete_id", DAILY_ALL)
def test_daily_logs_hold_valid_numbers_and_end_on_the_anchor(athlete_id: str) -> None:
    raw = _records(athlete_id)
    assert {r.get("run") or "rest" for r in raw} <= set(RUN_KINDS)
    assert {r.get("strength") or "none" for r in raw} <= set(STRENGTH_LEVELS)
    days = _days(athlete_id)
    units = "mi" if athlete_id == "sam-csv-only" else _profile(athlete_id)["units"]
    assert days["date"].max().date() == ANCHOR  # a Sunday: the demo shifts by whole weeks
    assert days.groupby("date")["distance"].sum().max() <= MAX_DAY_DISTANCE[units]
    for column in ("rpe", "soreness", "strength_rpe"):
        assert days[column].dropna().between(0, 10).all(), column
    assert (days["distance"].dropna() > 0).all()
    # Soreness on most days, but not all (a real log has blanks).
    assert 0.75 < days["soreness"].notna().mean() < 1.0
    legs = days[days["strength"] != "none"]
    assert legs["strength_minutes"].between(20, 50).all()
    assert legs["strength_rpe"].between(4, 8).all()
    # Minutes fit distance: 4.5-12.5 min per mile (2.8-7.8 min per km), whatever the kind.
    runs = days.dropna(subset=["distance"])
    per_mile = runs["minutes"] / runs["distance"] * (1.609344 if units == "km" else 1.0)
    assert per_mile.between(4.5, 12.5).all()


def test_weekly_totals_are_valid_mondays_without_duplicates() -> None:
    header, rows = _csv_rows(ATHLETES / "logs" / "kenji-weekly.csv")
    weeks = pd.DataFrame(rows).astype({c: "float64" for c in header[1:]})
    week_of = pd.to_datetime(weeks["week_of"], format="%Y-%m-%d")
    assert (week_of.dt.day_of_week == 0).all()
    assert not week_of.duplicated().any()
    assert week_of.max().date() == ANCHOR - dt.timedelta(days=6)  # Monday 2026-11-16
    assert 30 <= len(weeks) <= 52
    assert weeks["distance"].between(40, 70).all()
    assert weeks["strength_sessions"].between(1, 2).all()
    assert weeks["soreness"].between(0, 10).all()
    assert (weeks["long_run"] < weeks["distance"]).all()


def test_notes_include_a_comma_and_non_ascii_text() -> None:
    notes = pd.concat([_days(a)["notes"] for a in DAILY_ALL])
    assert notes.str.contains(",").any()
    assert notes.str.contains("Müllerthal trail").any()


# ----------------------------------------------------------------- the stories


def test_marathoners_race_is_twelve_days_after_the_last_logged_day() -> None:
    races = _profile("dan-marathon")["races"]
    marathon = max(races, key=lambda r: r["date"])
    assert marathon["date"] == dt.date(2026, 12, 4)
    assert (marathon["date"] - _days("dan-marathon")["date"].max().date()).days == 12


def test_marathoner_builds_then_tapers_with_a_double_day() -> None:
    days = _days("dan-marathon")
    weeks = _weekly(days)
    assert 20 <= len(weeks) <= 30
    assert weeks["distance"].max() >= 54 and weeks["longest"].max() == 20
    # The taper: each of the last two weeks below the one before, the last ~1/3 under peak.
    last = weeks["distance"].to_numpy()
    assert last[-1] < last[-2] < last[-3] and last[-1] < 0.7 * last.max()
    assert days["date"].duplicated().any()  # a double day
    assert weeks["legs"].between(1, 2).all()
    # S8: nothing heavy in the 14 days before the race (race 12 days after the anchor).
    taper = days[days["date"] >= pd.Timestamp(ANCHOR - dt.timedelta(days=2))]
    assert (taper["strength"] != "heavy").all()


def test_newcomer_stalls_near_12_then_climbs_towards_30_with_two_sessions() -> None:
    days = _days("maya-newcomer")
    weeks = _weekly(days)
    assert len(weeks) == 52
    stall, lifting = weeks.iloc[:14], weeks.iloc[14:]
    assert (stall["legs"] == 0).all() and stall["distance"].between(10, 14).all()
    assert (lifting["legs"] == 2).mean() > 0.9
    assert lifting["distance"].iloc[-4:].mean() > 27
    # Light sessions first, heavy ones later in the blocks.
    first_lift = days[days["strength"] != "none"]
    assert (first_lift.iloc[:16]["strength"] == "light").all()
    assert (first_lift.iloc[-8:]["strength"] == "heavy").mean() >= 0.5
    # Repeated-bout effect: sorer in the first two lifting weeks than in the last eight.
    start = lifting.index[0]
    sore = days.set_index("date")["soreness"]
    early = sore[start : start + pd.Timedelta(days=13)].mean()
    late = sore[lifting.index[-8] :].mean()
    assert early > late + 1.0


def test_overeager_lifter_breaks_the_placement_rules_and_stays_sore() -> None:
    days = _days("lena-overeager")
    weeks = _weekly(days)
    assert 12 <= len(weeks) <= 16
    assert weeks["legs"].median() >= 3 and weeks["legs"].max() >= 4
    breaks = _rule_breaks(days)
    assert all(count >= 3 for count in breaks.values()), breaks
    assert (weeks["distance"].pct_change() > 0.30).sum() >= 2
    assert _single_run_spikes(days) >= 2
    # Soreness 6 or more on runs of at least three days in a row, several times.
    sore = days.groupby("date")["soreness"].max().asfreq("D") >= 6
    streak_ends = sore & sore.shift(1, fill_value=False) & sore.shift(2, fill_value=False)
    assert streak_ends.sum() >= 5


@pytest.mark.parametrize(
    "athlete_id", ["maya-newcomer", "dan-marathon", "omar-raceseason", "ana-hills", "sam-csv-only"]
)
def test_well_behaved_athletes_place_their_sessions_by_the_rules(athlete_id: str) -> None:
    assert _rule_breaks(_days(athlete_id)) == {"S3": 0, "S4": 0, "S5": 0, "S7": 0}
    weeks = _weekly(_days(athlete_id))
    # No ramp over 30% in one week or over two (Nielsen 2014's threshold).
    assert (weeks["distance"].pct_change().dropna() <= 0.30).all()
    assert (weeks["distance"].pct_change(2).dropna() <= 0.30).all()


def test_race_season_athlete_keeps_one_session_a_week() -> None:
    profile = _profile("omar-raceseason")
    assert profile["season"] == "race-season" and set(profile["week"]) == set(WEEKDAYS)
    weeks = _weekly(_days("omar-raceseason"))
    assert 12 <= len(weeks) <= 14
    assert (weeks["legs"] == 1).all()
    assert weeks["distance"].between(30, 35.5).all()
    ten_k = max(profile["races"], key=lambda r: r["date"])
    assert 30 <= (ten_k["date"] - ANCHOR).days <= 38  # about five weeks out


def test_hilly_athlete_has_a_weaker_left_side_and_a_half_nine_weeks_out() -> None:
    profile = _profile("ana-hills")
    assert profile["units"] == "km" and profile["strength"]["weaker_side"] == "left"
    (race,) = profile["races"]
    assert race["name"] == "Hilly Half" and race["date"] - ANCHOR == dt.timedelta(weeks=9)
    assert all(w["week_of"].weekday() == 0 for w in profile["weeks"])
    days_given = [d for w in profile["weeks"] for k, d in w.items() if k != "week_of"]
    assert any(isinstance(d, str) for d in days_given)  # `mon: rest` shorthand
    assert any(isinstance(d, dict) for d in days_given)
    assert 12 <= len(profile["weeks"]) <= 16


# ----------------------------------------------------------------- through legday's loader


def test_loader_reads_the_whole_roster_without_errors() -> None:
    from legday.io import load_folder

    results = load_folder(DATA)
    assert {r.athlete.id for r in results if r.athlete} == EXPECTED_IDS
    assert [str(p) for r in results for p in r.problems if p.is_error] == []
    by_id = {r.athlete.id: r.athlete for r in results}
    assert by_id["kenji-weekly"].granularity == "weeks"
    assert all(a.last_date == ANCHOR for a in by_id.values())  # a weekly log ends on Sunday
    dan = by_id["dan-marathon"]
    assert (dan.profile.next_race(ANCHOR).date - ANCHOR).days == 12


def test_validate_command_accepts_the_demo_folder() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legday", "validate", "data/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_demo_opened_a_year_later_still_shows_twelve_days_to_the_marathon() -> None:
    from legday.demo import load_demo

    today = dt.date(2027, 11, 30)  # a Tuesday, 53 weeks + 2 days after the anchor
    athletes = {r.athlete.id: r.athlete for r in load_demo(today)}
    dan = athletes["dan-marathon"]
    # The latest Sunday before 2027-11-30 is 2027-11-28 = anchor + 53 weeks (371 days).
    assert dan.last_date == ANCHOR + dt.timedelta(weeks=53)
    assert (dan.profile.next_race(dan.last_date).date - dan.last_date).days == 12
    ana = athletes["ana-hills"]
    assert (ana.profile.next_race(ana.last_date).date - ana.last_date).days == 63  # 9 weeks
