"""Roster: every athlete in one table, the ones that need attention first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._session import PENDING_ATHLETE, selection
from app_pages._widgets import (
    PAGES,
    PLAN_NOT_LOGGED,
    PLAN_STATUS,
    allowed,
    md,
    no_athlete,
    note,
    plural,
    severity_marks,
)

COLUMN_ORDER = [
    "status",
    "name",
    "plan",
    "worst",
    "distance_trend",
    "distance",
    "leg_sessions_14d",
    "latest_soreness",
    "phase",
    "block_week",
    "days_to_race",
    "act",
    "watch",
    "units",
    "as_of",
]
COLUMNS = {
    "status": st.column_config.TextColumn(
        "Status", width=90, help="act, watch or ok: the worst flag of the last 14 days"
    ),
    "name": st.column_config.TextColumn("Athlete"),
    "plan": st.column_config.TextColumn(
        "Last week vs plan",
        width=120,
        help="The last whole week, planned against done: on plan, partly or off plan "
        "(the plan saved in the data folder or database, else legday's own plan replayed). "
        "The athlete's review shows it day by day.",
    ),
    "worst": st.column_config.TextColumn(
        "Worst flag (14 days)",
        width="large",
        help="The worst flag of the last 14 days, in short: the list above and the "
        "athlete's review page give it in full.",
    ),
    "act": st.column_config.NumberColumn("Act", help="flags to act on, 14 days"),
    "watch": st.column_config.NumberColumn("Watch", help="flags to watch, 14 days"),
    "phase": st.column_config.TextColumn("Phase", help="the planned week's phase"),
    "block_week": st.column_config.TextColumn(
        "Block week", help="progression week of the 8-week strength block (S9)"
    ),
    "days_to_race": st.column_config.NumberColumn("Days to race", format="%d"),
    "distance_trend": st.column_config.BarChartColumn(
        "Distance, 8 weeks", help="weekly distance, oldest to newest", y_min=0
    ),
    "distance": st.column_config.NumberColumn("This week", format="%.1f"),
    "units": st.column_config.TextColumn("Units", width="small"),
    "leg_sessions_14d": st.column_config.NumberColumn("Leg sessions, 14 d", format="%d"),
    "latest_soreness": st.column_config.NumberColumn(
        "Soreness (0-10)", format="%.0f", help="latest logged morning soreness"
    ),
    "as_of": st.column_config.DateColumn("Last logged", format="YYYY-MM-DD"),
}


def short_flag(worst: pd.Series) -> pd.Series:
    """``S1: 4 leg sessions in the week of ...: two a week is ...`` -> up to the second
    colon (the rule id and what happened), so the cell fits a table column."""
    text = worst.astype(str)
    return text.str.extract(r"^([^:]*:[^:]*)", expand=False).fillna(text).str.strip()


def plan_column(table: pd.DataFrame, compliance: pd.DataFrame) -> pd.Series:
    """The compliance table's status as a marked word, in the roster's row order."""
    found = compliance.set_index("id")
    status = table["id"].map(found["plan_status"]).fillna("")
    logged = table["id"].map(found["plan_logged"]).fillna(False).astype(bool)
    words = status.map(PLAN_STATUS).fillna("")
    return words.where(logged | (status == ""), PLAN_NOT_LOGGED)


def roster_page() -> None:
    sel = selection()
    if not allowed(sel, "roster"):
        return
    st.title("Roster")
    if not sel.names:
        no_athlete(sel)
        return
    table = sel.roster_table()  # the cache shows a spinner when it computes
    st.caption(
        f"{plural(len(table), 'athlete')}, each as of their last logged day. "
        "Flags count the last 14 days; worst first. Click a row to open that athlete."
    )
    for name, assumed in sel.units_notes(table):  # D2: logs whose units legday assumed
        st.caption(f"{md(name)}: {note(assumed)}")
    urgent = table[table["status"].astype(str).isin(["act", "watch"])].head(5)
    if not urgent.empty:
        st.markdown(
            "\n".join(
                f"- **{md(row.name)}** ({row.status}): {md(row.worst)}"
                for row in urgent.itertuples()
            )
        )
    shown = table.assign(
        status=severity_marks(table["status"]),
        worst=short_flag(table["worst"]),
        plan=plan_column(table, sel.roster_compliance()),
    )
    event = st.dataframe(
        shown,
        key="roster_table",
        hide_index=True,
        height=min(35 * (len(table) + 1) + 3, 740),  # the whole team, scrolling past ~20
        on_select="rerun",
        selection_mode="single-row",
        column_order=COLUMN_ORDER,
        placeholder="—",
        column_config=COLUMNS,
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        athlete_id = str(table.iloc[rows[0]]["id"])
        st.session_state[PENDING_ATHLETE] = athlete_id
        st.switch_page(PAGES["review"], query_params={"athlete": athlete_id})
    if sel.broken:
        st.warning(
            f"{plural(sel.broken, 'file')} could not be loaded; the Log page lists their problems."
        )


roster_page()
