"""Small coloured tables: the light form of a heatmap grid.

A static HTML table (a pandas Styler, drawn by ``st.table``) costs a browser far less
than a plotly figure; a page that shows one figure and its small grids as tables
opens about as fast as a page with one chart (docs/performance.md, benchmark 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from legday.charts.colours import text_colour_on

#: A leg session's mark in a cell: filled heavy, open light (the day grid, the block).
SESSION_MARKS = {"heavy": "▲", "light": "△"}
#: Cells keep their words on one line where the page allows and centre them.
_CELL = "text-align: center; white-space: nowrap; font-size: 0.85rem;"


@dataclass(frozen=True)
class ColouredTable:
    """A grid's words and each cell's fill (a hex colour, or "" for a blank cell).

    Plain data, so that a page's cache can pickle it; ``styled`` makes the Styler
    when the page draws it."""

    words: pd.DataFrame
    fills: pd.DataFrame

    def styled(self) -> Styler:
        """Dark or white text, whichever reads on the cell's fill."""
        css = np.full(self.words.shape, _CELL, dtype=object)
        for (r, c), fill in np.ndenumerate(self.fills.to_numpy()):
            if fill:
                css[r, c] = f"{_CELL} background-color: {fill}; color: {text_colour_on(fill)};"
        styles = pd.DataFrame(css, self.words.index, self.words.columns)
        return self.words.style.apply(lambda _: styles, axis=None)


def coloured_table(words: pd.DataFrame, fills: np.ndarray) -> ColouredTable:
    return ColouredTable(words, pd.DataFrame(fills, words.index, words.columns))
