"""Plotly figures from legday's tables: one look, one colour per run kind, everywhere.

Why these choices:
- One colour map (``RUN_COLORS``, ``STRENGTH_COLORS``, ``PHASE_COLORS``...) used by every
  chart and legend, from the Okabe-Ito colour-blind-safe palette, so "hard" is the same
  orange on every page.
- Transparent backgrounds and no hard-coded text colour: the dashboard's theme (light
  or dark) supplies the font colour, so text stays readable in both.
- Every axis names its unit; an empty table gives a figure with a sentence saying
  what to log, never a blank frame.
- Figures carry only the points they draw (the weekly rows, or the last weeks of days).

One module per figure family: ``weeks`` (the weekly chart), ``load`` (load trends),
``lifts`` (each main lift's estimated 1RM),
``season`` (the weeks ahead), ``colours`` (the colour maps, the contrast helpers and
the About page's key), ``base`` (the shared look). The small grids are coloured
tables, not figures (``tables``): ``days`` (the day grid) and ``block`` (the strength
block week by week); a browser draws a table for a fraction of a figure's cost.

No streamlit import: tests build every figure from hand-made frames.
"""

from legday.charts.base import (
    NO_TOOLBAR,
    empty_figure,
    figure_colours,
    is_empty,
    point_count,
)
from legday.charts.block import block_grid
from legday.charts.colours import (
    DARK_TEXT,
    FOCUS_COLORS,
    LIGHT_TEXT,
    LOAD_COLORS,
    PHASE_COLORS,
    RUN_COLORS,
    SEVERITY_COLORS,
    SORENESS_COLOR,
    STATUS_COLORS,
    STRENGTH_COLORS,
    STRENGTH_MARK,
    colour_key,
    colour_legend,
    contrast,
    text_colour_on,
    tint,
)
from legday.charts.days import day_table
from legday.charts.lifts import lifts_chart
from legday.charts.load import ACWR_BAND, ACWR_BAND_LABEL, ACWR_CAVEAT, load_chart
from legday.charts.season import season_strip
from legday.charts.weeks import core_chart

__all__ = [
    "ACWR_BAND",
    "ACWR_BAND_LABEL",
    "ACWR_CAVEAT",
    "DARK_TEXT",
    "FOCUS_COLORS",
    "LIGHT_TEXT",
    "LOAD_COLORS",
    "NO_TOOLBAR",
    "PHASE_COLORS",
    "RUN_COLORS",
    "SEVERITY_COLORS",
    "SORENESS_COLOR",
    "STATUS_COLORS",
    "STRENGTH_COLORS",
    "STRENGTH_MARK",
    "block_grid",
    "colour_key",
    "colour_legend",
    "contrast",
    "core_chart",
    "day_table",
    "empty_figure",
    "figure_colours",
    "is_empty",
    "lifts_chart",
    "load_chart",
    "point_count",
    "season_strip",
    "text_colour_on",
    "tint",
]
