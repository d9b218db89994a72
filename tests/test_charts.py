"""Chart builders: the traces they draw, units on every axis, one colour per kind."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from legday import charts, metrics
from legday.model import Athlete, Profile, days_from_records


def _athlete(weeks: int = 10, units: str = "mi") -> Athlete:
    """A steady log from Mon 2026-01-05: easy Tue (+heavy legs), hard Thu, long Sun
    (+light legs on Sat), soreness every morning."""
    records = []
    start = dt.date(2026, 1, 5)
    for w in range(weeks):
        monday = start + dt.timedelta(days=7 * w)
        plan = {
            1: {"run": "easy", "distance": 5, "minutes": 45, "rpe": 3, "strength": "heavy"},
            3: {"run": "hard", "distance": 6, "minutes": 45, "rpe": 8},
            5: {"run": "easy", "distance": 4, "minutes": 36, "rpe": 3, "strength": "light"},
            6: {"run": "long", "distance": 10, "minutes": 95, "rpe": 5},
        }
        for offset in range(7):
            row = {"date": monday + dt.timedelta(days=offset), "soreness": 2 + offset % 3}
            row.update(plan.get(offset, {"run": "rest"}))
            records.append(row)
    return Athlete(Profile(id="t", name="T", units=units), days_from_records(records))


@pytest.fixture(scope="module")
def athlete() -> Athlete:
    return _athlete()


@pytest.fixture(scope="module")
def weekly(athlete) -> pd.DataFrame:
    return metrics.weekly_table(athlete)


@pytest.fixture(scope="module")
def daily(athlete) -> pd.DataFrame:
    return metrics.daily_frame(athlete)


def _names(fig) -> list[str]:
    return [t.name for t in fig.data]


def _axis_titles(fig) -> list[str]:
    return [
        fig.layout[key].title.text
        for key in fig.layout
        if key.startswith(("xaxis", "yaxis")) and fig.layout[key].title.text
    ]


# -------------------------------------------------------------------------- core chart


def test_core_chart_has_distance_soreness_and_heavy_and_light_apart(weekly) -> None:
    fig = charts.core_chart(weekly, "mi")
    assert _names(fig) == [
        "distance (mi)",
        "soreness (avg, 0-10)",
        "heavy leg sessions",
        "light leg sessions",
    ]
    heavy = next(t for t in fig.data if t.name == "heavy leg sessions")
    light = next(t for t in fig.data if t.name == "light leg sessions")
    # one heavy (Tue) and one light (Sat) session in each of the 10 weeks
    assert list(heavy.y) == [1.0] * 10 and list(light.y) == [1.0] * 10
    distance = next(t for t in fig.data if t.name == "distance (mi)")
    assert list(distance.y) == [25.0] * 10  # 5 + 6 + 4 + 10


def test_core_chart_axes_name_their_units_and_soreness_has_its_own_0_10_axis(weekly) -> None:
    fig = charts.core_chart(weekly, "km")
    titles = _axis_titles(fig)
    assert "distance (km/week)" in titles
    assert "soreness (0-10)" in titles
    assert "leg sessions / wk" in titles
    assert "week starting (Monday)" in titles
    sore = next(t for t in fig.data if t.name.startswith("soreness"))
    axis = fig.layout["yaxis" + sore.yaxis[1:]]
    assert tuple(axis.range) == (0, 10.5)
    assert all(t.xaxis == fig.data[0].xaxis for t in fig.data[:2])  # one time axis


def test_core_chart_has_range_buttons_but_no_slider(weekly) -> None:
    """The buttons set the range; no range slider (it sends a second copy of every trace)."""
    fig = charts.core_chart(weekly, "mi")
    sliders = [fig.layout[k].rangeslider.visible for k in fig.layout if k.startswith("xaxis")]
    selectors = [fig.layout[k].rangeselector.buttons for k in fig.layout if k.startswith("xaxis")]
    assert True not in sliders
    labels = [b.label for buttons in selectors if buttons for b in buttons]
    assert labels == ["3 mo", "6 mo", "all"]


def test_core_chart_opens_on_the_last_six_months_of_a_long_log() -> None:
    """40 weeks logged: the x range opens on the last 183 days (+4 days past the last
    Monday), while every week is still sent for the "all" button."""
    athlete = _athlete(weeks=40)
    weekly = metrics.weekly_table(athlete)
    fig = charts.core_chart(weekly, "mi")
    last = weekly["week_of"].iloc[-1]
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert high == last + pd.Timedelta(days=4)
    assert high - low == pd.Timedelta(days=183)
    assert charts.point_count(fig) == 4 * 40  # 4 traces x 40 weeks, no slider copies


def test_core_chart_without_soreness_says_what_to_log(athlete) -> None:
    days = athlete.days.assign(soreness=np.nan)
    weekly = metrics.weekly_table(Athlete(athlete.profile, days))
    fig = charts.core_chart(weekly, "mi")
    assert "soreness (avg, 0-10)" not in _names(fig)
    assert any("No soreness logged yet" in a.text for a in fig.layout.annotations)


def test_weekly_totals_show_sessions_without_a_level() -> None:
    weekly = pd.DataFrame(
        {
            "week_of": pd.date_range("2026-01-05", periods=3, freq="7D"),
            "distance": [20.0, 22.0, 24.0],
            "strength_sessions": [2.0, 1.0, 2.0],
            "heavy_sessions": [np.nan] * 3,
            "soreness_avg": [3.0, np.nan, 2.5],
        }
    )
    fig = charts.core_chart(weekly, "km")
    assert "leg sessions (level not logged)" in _names(fig)
    assert "heavy leg sessions" not in _names(fig)


# ---------------------------------------------------------------------- empty figures


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: charts.core_chart(metrics.empty_weeks(), "mi"), "No weeks logged yet"),
        (lambda: charts.load_chart(metrics.empty_weeks(), "srpe"), "No weeks logged yet"),
    ],
)
def test_empty_data_gives_an_explanatory_annotation_not_a_blank_chart(build, words) -> None:
    fig = build()
    assert charts.is_empty(fig)
    assert len(fig.data) == 0
    assert any(words in a.text for a in fig.layout.annotations)


def test_load_chart_before_28_days_explains_itself() -> None:
    """Three weeks of log: no ACWR yet (needs 28 days), so a sentence instead."""
    weekly = metrics.weekly_table(_athlete(weeks=3))
    weekly = weekly.assign(ctl=np.nan, atl=np.nan, tsb=np.nan)
    fig = charts.load_chart(weekly, "srpe")
    assert charts.is_empty(fig)
    assert "28 days" in fig.layout.annotations[0].text


# --------------------------------------------------------------------------- day grid


def test_the_day_table_holds_only_the_last_weeks(daily) -> None:
    """10 weeks logged, 4 shown: 4 rows (their Mondays) x 7 days, nothing older."""
    grid = charts.day_table(daily, weeks=4)
    assert grid.words.shape == (4, 7)
    assert list(grid.words.index) == ["16 Feb", "23 Feb", "02 Mar", "09 Mar"]
    assert list(grid.words.columns) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_each_day_says_its_run_distance_session_and_soreness(daily) -> None:
    """The fixture's week: Tue easy 5 + heavy legs, Thu hard 6, Sat easy 4 + light legs,
    Sun long 10; soreness 2 + weekday % 3 every morning."""
    week = charts.day_table(daily, weeks=1).words.iloc[0].tolist()
    assert week == [
        "rest · 2",
        "easy 5 ▲ · 3",
        "rest · 4",
        "hard 6 · 2",
        "rest · 3",
        "easy 4 △ · 4",
        "long 10 · 2",
    ]


def test_a_day_is_filled_with_its_run_kind_s_colour(daily) -> None:
    grid = charts.day_table(daily, weeks=2)
    cells = zip(grid.words.to_numpy().ravel(), grid.fills.to_numpy().ravel(), strict=True)
    for words, fill in cells:
        assert fill == charts.RUN_COLORS[words.split(" ")[0]]


def test_a_planned_week_without_soreness_shows_distances_only() -> None:
    plan = pd.DataFrame(
        {
            "date": pd.date_range("2026-12-07", periods=7),
            "run": ["rest", "easy", "rest", "hard", "easy", "rest", "long"],
            "distance": [0.0, 5.25, 0.0, 6.0, 4.0, 0.0, 12.5],
            "strength": ["none", "heavy", "none", "none", "light", "none", "none"],
        }
    )
    week = charts.day_table(plan, weeks=1).words.iloc[0].tolist()
    assert week == ["rest", "easy 5.2 ▲", "rest", "hard 6", "easy 4 △", "rest", "long 12.5"]


def test_an_unlogged_day_is_blank_and_without_a_log_there_is_no_table(daily) -> None:
    gap = daily.loc[daily["date"] != daily["date"].max()]
    grid = charts.day_table(gap, weeks=2)
    assert grid.words.iloc[-1, -1] == "" and grid.fills.iloc[-1, -1] == ""
    assert charts.day_table(pd.DataFrame()) is None


def test_the_table_text_reads_on_every_fill(daily) -> None:
    """Every cell's text colour has WCAG contrast >= 4.5 on its fill."""
    styled = charts.day_table(daily).styled().to_html()
    pairs = re.findall(r"background-color: (#[0-9A-Fa-f]{6});\s*color: (#[0-9A-Fa-f]{6})", styled)
    assert pairs
    for fill, text in pairs:
        assert charts.contrast(fill, text) >= 4.5, (fill, text)


# -------------------------------------------------------------------------- load chart


def test_load_chart_has_the_band_the_caveat_and_fitness_fatigue_form(weekly) -> None:
    fig = charts.load_chart(weekly, "srpe", "mi")
    names = _names(fig)
    assert "ACWR 7:28 d" in names
    assert {"fitness (CTL 42 d)", "fatigue (ATL 7 d)", "form (TSB)"} <= set(names)
    band = fig.layout.shapes[0]
    assert (band.y0, band.y1) == charts.ACWR_BAND
    caveats = [a for a in fig.layout.annotations if "contested" in a.text]
    assert caveats and "descriptive" in caveats[0].text
    assert "not an injury predictor" in caveats[0].hovertext  # the full caveat on hover
    titles = _axis_titles(fig)
    assert "ACWR (ratio)" in titles
    assert "load (RPE x min/day)" in titles


def test_load_chart_labels_fit_a_phone(weekly) -> None:
    """A phone's plot is about 300 px wide: the band's label stays under 45 characters
    (11 px text, about 6 px a character) and each y-axis title under 22, so the two
    stacked rows' titles (12 px, rotated) stay shorter than a row is tall."""
    fig = charts.load_chart(weekly, "srpe", "mi")
    band = next(a for a in fig.layout.annotations if "contested" in a.text)
    assert len(band.text) <= 45
    titles = [fig.layout[k].title.text for k in fig.layout if k.startswith("yaxis")]
    assert titles and all(len(t) <= 22 for t in titles if t)


def test_weekly_totals_get_the_ratio_alone_on_a_range_that_fits_the_weeks() -> None:
    """No daily log: one row (no empty fitness row), x range = the weeks +- 4 days."""
    weeks = pd.date_range("2026-01-05", periods=6, freq="7D")
    weekly = pd.DataFrame(
        {
            "week_of": weeks,
            "acwr": [np.nan] * 3 + [1.0, 1.1, 0.9],
            "acwr_ewma": [np.nan] * 6,
            "ctl": [np.nan] * 6,
            "atl": [np.nan] * 6,
            "tsb": [np.nan] * 6,
        }
    )
    fig = charts.load_chart(weekly, "distance", "km")
    assert _names(fig) == ["ACWR 7:28 d"]
    assert "xaxis2" not in fig.layout
    low, high = fig.layout.xaxis.range
    assert pd.Timestamp(low) == weeks[0] - pd.Timedelta(days=4)
    assert pd.Timestamp(high) == weeks[-1] + pd.Timedelta(days=4)
    assert any("need a daily log" in a.text for a in fig.layout.annotations)


def test_load_chart_on_distance_names_the_distance_unit(weekly) -> None:
    fig = charts.load_chart(weekly, "distance", "km")
    assert "load (km/day)" in _axis_titles(fig)


def test_contrast_and_tint_by_hand() -> None:
    # black on white is the maximum, (1 + 0.05) / (0 + 0.05) = 21
    assert charts.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    # tint halfway to white: 255 - (255 - 0) * 0.5 = 127.5 -> 128 = 0x80
    assert charts.tint("#000000", 0.5) == "#808080"
    assert charts.tint("#0072B2", 1.0) == "#0072B2"
    assert charts.text_colour_on("#0072B2") == charts.LIGHT_TEXT  # the dark load blue
    assert charts.text_colour_on("#56B4E9") == charts.DARK_TEXT  # the light form blue


# ------------------------------------------------------------------------ one colour map


def test_a_kind_has_the_same_colour_in_every_chart(weekly, daily) -> None:
    core = charts.figure_colours(charts.core_chart(weekly, "mi"))
    assert core["heavy leg sessions"] == charts.STRENGTH_COLORS["heavy"]
    assert core["light leg sessions"] == charts.STRENGTH_COLORS["light"]
    # the day grid fills each day with RUN_COLORS (test_a_day_is_filled_...)


def test_every_run_kind_has_a_distinct_colour() -> None:
    assert set(charts.RUN_COLORS) == {"rest", "easy", "moderate", "hard", "long", "race", "cross"}
    assert len(set(charts.RUN_COLORS.values())) == 7


def test_figures_are_transparent_so_the_theme_shows_through(weekly, daily) -> None:
    for fig in (
        charts.core_chart(weekly, "mi"),
        charts.load_chart(weekly),
        charts.empty_figure("nothing"),
    ):
        assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"
        assert fig.layout.plot_bgcolor == "rgba(0,0,0,0)"
        assert fig.layout.font.color is None  # the theme's font colour, not ours


def test_core_chart_sends_one_point_per_week(weekly) -> None:
    """10 weeks: 4 traces x 10 points, never the daily rows."""
    assert charts.point_count(charts.core_chart(weekly, "mi")) == 4 * 10


# ----------------------------------------------------------------- season strip, block


def _season_table() -> pd.DataFrame:
    """Four weeks: build, a build cutback, taper, race week."""
    return pd.DataFrame(
        {
            "week_of": pd.date_range("2026-11-30", periods=4, freq="7D"),
            "phase": ["build", "build", "taper", "race-week"],
            "distance": [40.0, 30.0, 26.0, 30.2],
            "cutback": [False, True, False, False],
            "sessions": [2, 2, 1, 1],
            "heavy": [1, 2, 0, 0],
            "light": [1, 0, 1, 1],
            "block_week": [3, 4, 5, 6],
            "focus": ["form", "form", "load", "load"],
            "sets": [3, 3, 3, 4],
            "race": ["", "", "", "Half"],
        }
    )


def test_the_season_strip_names_each_phase_and_marks_cutbacks() -> None:
    fig = charts.season_strip(_season_table(), "km", pd.Timestamp("2026-12-07"))
    bars = fig.data[0]
    assert list(bars.text) == ["build", "build · cutback", "taper", "race week"]
    fills = list(bars.marker.color)
    assert fills[0] == charts.PHASE_COLORS["build"]
    assert fills[1] == charts.tint(charts.PHASE_COLORS["build"], 0.55)  # paler cutback
    assert fills[3] == charts.PHASE_COLORS["race-week"]
    for fill, text in zip(fills, bars.insidetextfont.color, strict=True):
        assert charts.contrast(fill, text) >= 4.5, (fill, text)
    marks = {t.name: len(t.x) for t in fig.data if t.name and "leg session" in t.name}
    assert marks == {"heavy leg session": 3, "light leg session": 3}  # 1+2, 1+1+1
    blocks = next(t for t in fig.data if t.name == "block week")
    assert list(blocks.text) == ["wk 3", "4", "5", "6"]
    shape = fig.layout.shapes[0]  # the picked week (the second column) outlined
    assert (shape.x0, shape.x1) == (0.5, 1.5)
    assert "race: Half" in bars.customdata[3]
    assert list(fig.layout.xaxis.ticktext) == ["30 Nov", "07 Dec", "14 Dec", "21 Dec"]


def _block_table() -> pd.DataFrame:
    """Block weeks 1-2 done, a logged week without a session, week 3 done, now week 4,
    weeks 5-8 ahead."""
    when = ["done"] * 4 + ["now"] + ["ahead"] * 4
    return pd.DataFrame(
        {
            "week_of": pd.date_range("2026-10-26", periods=9, freq="7D"),
            "when": when,
            "block_week": pd.array([1, 2, None, 3, 4, 5, 6, 7, 8], dtype="Int64"),
            "logged": [True] * 4 + [False] * 5,
            "consistent": pd.array([True, True, False, True] + [None] * 5, dtype="boolean"),
            "sessions": [2.0, 1.0, 0.0, 2.0, 1.0] + [np.nan] * 4,
            "heavy": [1.0, 0.0, 0.0, 2.0, 1.0] + [np.nan] * 4,
            "light": [1.0, 1.0, 0.0, 0.0, 0.0] + [np.nan] * 4,
            "soreness": [2.0, 3.5, 1.0, 4.0] + [np.nan] * 5,
            "focus": ["form", "form", "", "form", "form", "load", "load", "load", "load"],
            "sets": [2, 2, 0, 3, 3, 3, 4, 4, 4],
        }
    )


def test_the_block_shows_the_prescription_the_sessions_and_soreness() -> None:
    grid = charts.block_grid(_block_table())
    text = grid.words.to_numpy().tolist()
    assert text[0] == ["form", "form", "", "form", "form", "load", "load", "load", "load"]
    assert text[1] == ["2", "2", "", "3", "3", "3", "4", "4", "4"]
    assert text[2] == ["▲△", "△", "✗", "▲▲", "▲", "", "", "", ""]  # now: planned
    assert text[3] == ["2.0", "3.5", "1.0", "4.0", "", "", "", "", ""]
    assert list(grid.words.columns) == ["wk 1 26 Oct", "wk 2 02 Nov", "– 09 Nov", "wk 3 16 Nov",
                                        "wk 4 now", "wk 5 30 Nov", "wk 6 07 Dec",
                                        "wk 7 14 Dec", "wk 8 21 Dec"]  # fmt: skip
    assert list(grid.words.index) == ["focus", "sets", "legs", "sore"]
    # the weeks ahead: their prescription on a pale fill, no sessions and no soreness yet
    fills = grid.fills.to_numpy()
    assert all(fills[2:, 5:].ravel() == "") and all(fills[:2, 5:].ravel() != "")


def test_a_weekly_log_s_sessions_have_no_level() -> None:
    table = _block_table().assign(heavy=np.nan, light=np.nan)
    assert charts.block_grid(table).words.iloc[2, :2].tolist() == ["●●", "●"]


def test_the_season_strip_says_why_it_is_empty_and_no_block_is_no_table() -> None:
    assert charts.is_empty(charts.season_strip(_season_table().iloc[:0], "km"))
    assert charts.block_grid(_block_table().iloc[:0]) is None
    fig = charts.season_strip(_season_table(), "km")
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"
    assert fig.layout.font.color is None


def test_core_chart_adds_leg_volume_load_only_from_a_sets_log(weekly) -> None:
    assert "leg volume load (kg)" not in _names(charts.core_chart(weekly, "mi"))
    with_sets = weekly.copy()
    with_sets["leg_volume_load"] = np.linspace(0, 3000, len(weekly))
    with_sets.attrs["weight_unit"] = "lb"
    fig = charts.core_chart(with_sets, "mi")
    assert "leg volume load (lb)" in _names(fig)
    assert "volume (lb)" in _axis_titles(fig)


def test_lifts_chart_draws_a_line_per_main_lift_and_explains_an_empty_one() -> None:
    trend = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-02"]),
            "movement": ["squat", "squat", "hinge"],
            "lift": ["Back squat", "Back squat", "Deadlift"],
            "e1rm": [70.0, 72.5, 110.0],
        }
    )
    fig = charts.lifts_chart(trend, "kg")
    assert _names(fig) == ["squat: Back squat", "hinge: Deadlift"]
    assert "estimated 1RM (kg)" in _axis_titles(fig)
    empty = charts.lifts_chart(trend.iloc[:0], "kg")
    assert "1-10 reps with a weight" in empty.layout.annotations[0].text
