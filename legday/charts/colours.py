"""One colour per meaning, used by every chart and legend, and the contrast helpers.

The palette is Okabe-Ito (colour-blind safe), so "hard" is the same orange on every
page. Fills that carry text pick dark or white text by WCAG contrast, and pale fills
are solid tints (a transparent fill would turn dark on a dark theme).
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.colors import hex_to_rgb

from legday.charts.base import style

#: One colour per run kind (Okabe-Ito; rest is a neutral grey that works on dark too).
RUN_COLORS: dict[str, str] = {
    "rest": "#9aa0a6",
    "easy": "#56B4E9",
    "moderate": "#009E73",
    "hard": "#E69F00",
    "long": "#0072B2",
    "race": "#D55E00",
    "cross": "#CC79A7",
}
#: Leg sessions: light (bodyweight, mobility) and heavy (loaded).
STRENGTH_COLORS: dict[str, str] = {
    "light": "#B8A0D9",
    "heavy": "#6A3D9A",
    "unknown": "#8E8E8E",  # weekly-totals logs count sessions without a level
}
#: Leg-session marks drawn on the page itself (not on a coloured cell): a mid purple
#: that reads on a light and a dark theme.
STRENGTH_MARK = "#8A5CC2"
#: Soreness: a crimson that stands out over the distance bars in light and dark themes.
SORENESS_COLOR = "#E0245E"
LOAD_COLORS: dict[str, str] = {
    "acwr": "#56B4E9",
    "acwr_ewma": "#9aa0a6",
    "ctl": "#009E73",
    "atl": "#E69F00",
    "tsb": "#9aa0a6",
}
#: The main lifts' estimated 1RM lines.
LIFT_COLORS: dict[str, str] = {"squat": "#0072B2", "hinge": "#D55E00", "split squat": "#009E73"}
SEVERITY_COLORS: dict[str, str] = {"act": "#D55E00", "watch": "#E69F00", "info": "#56B4E9"}
#: The strength block's focus: form (weeks 1-4), load (5-7), deload (8), maintain (after).
FOCUS_COLORS: dict[str, str] = {
    "form": "#56B4E9",
    "load": "#0072B2",
    "deload": "#9aa0a6",
    "maintain": "#009E73",
}
#: The planned week's phase: building in blues and green, the race's weeks in warm tones.
PHASE_COLORS: dict[str, str] = {
    "build": "#0072B2",
    "maintain": "#009E73",
    "taper": "#E69F00",
    "race-week": "#B85000",  # the race vermillion, darkened: white text reads on it (5.0)
    "recovery": "#9aa0a6",
}
#: Planned against done: every status is also a word and a mark (STATUS_MARKS).
STATUS_COLORS: dict[str, str] = {"green": "#009E73", "yellow": "#E69F00", "red": "#D55E00"}

DARK_TEXT = "#1F2430"
LIGHT_TEXT = "#FFFFFF"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [c / 255 for c in hex_to_rgb(hex_colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21; 4.5 reads as body text)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Dark text on light fills, white on dark ones: whichever contrasts more."""
    return DARK_TEXT if contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) else LIGHT_TEXT


def tint(hex_colour: str, strength: float) -> str:
    """``hex_colour`` mixed with white (``strength`` 1 = the colour, 0 = white), as a
    solid colour: reads the same on a light and a dark page."""
    mixed = [round(255 - (255 - c) * strength) for c in hex_to_rgb(hex_colour)]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def colour_legend() -> list[tuple[str, str]]:
    """(label, colour) pairs for a page's key to the colours."""
    pairs = list(RUN_COLORS.items())
    pairs += [(f"{k} leg session", STRENGTH_COLORS[k]) for k in ("light", "heavy")]
    return pairs


def colour_key() -> go.Figure:
    """The colour map as a small figure (the About page's key)."""
    pairs = colour_legend()
    fig = go.Figure()
    for i, (label, colour) in enumerate(pairs):
        symbol = "square" if "session" not in label else "triangle-up"
        fig.add_trace(
            go.Scatter(
                x=[i % 3],
                y=[i // 3],
                mode="markers+text",
                marker={"symbol": symbol, "size": 18, "color": colour},
                text=[label],
                textposition="middle right",
                textfont={"size": 13},
                hoverinfo="skip",
                showlegend=False,
                name=label,
            )
        )
    rows = (len(pairs) + 2) // 3
    fig.update_xaxes(visible=False, range=[-0.2, 3.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[rows - 0.5, -0.5], fixedrange=True)
    fig = style(fig, 40 + 34 * rows)
    fig.update_layout(hovermode=False, margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return fig
