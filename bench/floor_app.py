"""The floor page: the least a Streamlit page with one plotly chart and a table can cost.

bench/run.py serves this file exactly like app.py (same server flags, same browser)
and compares every legday page with it. Data are fixed (no randomness, no files):
156 weekly points for the chart (3 years) and a 200-row table (a roster's size).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor page")

weeks = pd.date_range(dt.date(2023, 11, 27), periods=156, freq="7D")
distance = 20 + 10 * np.sin(np.arange(156) / 8.0)
figure = go.Figure(go.Bar(x=weeks, y=distance, name="distance"))
figure.update_layout(height=360, margin={"l": 40, "r": 10, "t": 30, "b": 30})
st.plotly_chart(figure, key="floor_chart", width="stretch")

rows = np.arange(200)
table = pd.DataFrame(
    {
        "name": [f"Athlete {i + 1}" for i in rows],
        "status": np.where(rows % 7 == 0, "act", np.where(rows % 3 == 0, "watch", "ok")),
        "distance": (rows * 37 % 50).astype(float),
        "act": rows % 4,
        "watch": rows % 5,
        "as_of": pd.Timestamp(2026, 11, 22),
    }
)
st.dataframe(table, key="floor_table", hide_index=True)
