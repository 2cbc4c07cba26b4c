"""Table tab: the data behind any chart, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.exceptions import PreventUpdate

from components import ids
from components.common import cached_chart, choice_group, unchanged
from components.view import for_tab
from eaeu.charts import chart_key
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.view import ResolvedView

NUMERIC_FIELDS = {"value", "published", "lat", "lon"}


def column_defs(columns: list[tuple[str, str]], lang: str) -> list[dict]:
    locale = "ru-RU" if lang == "ru" else "en-GB"
    defs = []
    for field_name, header in columns:
        column = {"field": field_name, "headerName": header}
        if field_name in NUMERIC_FIELDS:
            digits = 4 if field_name in ("lat", "lon") else 1
            column["filter"] = "agNumberColumnFilter"
            column["type"] = "numericColumn"
            column["valueFormatter"] = {
                "function": (
                    f"params.value == null ? '—' : Number(params.value).toLocaleString('{locale}', "
                    f"{{minimumFractionDigits: {digits}, maximumFractionDigits: {digits}}})"
                )
            }
        defs.append(column)
    return defs


def layout(ds: Dataset, view: ResolvedView, shown: bool) -> html.Div:
    """The tab; when `shown`, with its rows filled."""
    lang = view.lang
    drawn, (defs, rows, sources) = {}, ([], [], None)
    if shown:
        drawn, (defs, rows, sources) = keys(view), table_values(ds, view)
    return html.Div(
        [
            dcc.Store(id=ids.TABLE_DRAWN, data=drawn),
            dcc.Store(id=ids.TABLE_VIEW),
            choice_group(
                t("table_of", lang),
                dbc.RadioItems(
                    id=ids.TABLE_SELECT,
                    options=[
                        {"label": t("table_growth", lang), "value": "growth"},
                        {"label": t("table_trend", lang), "value": "trend"},
                        {"label": t("table_missions", lang), "value": "missions"},
                    ],
                    value=view.table,
                    inline=True,
                ),
                class_name="",
            ),
            dag.AgGrid(
                id=ids.GRID,
                columnDefs=defs,
                rowData=rows,
                defaultColDef={
                    "sortable": True,
                    "filter": True,
                    "resizable": True,
                    "floatingFilter": True,
                    "minWidth": 110,
                },
                columnSize="autoSize",
                dashGridOptions={"animateRows": False, "enableCellTextSelection": True},
                style={"height": "520px"},
            ),
            html.P(sources, id=ids.TABLE_SOURCES, className="small text-secondary mt-2"),
        ]
    )


def keys(view: ResolvedView) -> dict[str, str]:
    return {"table": chart_key(view.table, view)}


def table_values(ds: Dataset, view: ResolvedView) -> tuple:
    """Column definitions, rows and the source line of the chart the table shows."""
    chart = cached_chart(ds, view.table, view)
    fields = [f for f, _ in chart.columns]
    rows = chart.data.reindex(columns=fields)
    rows = rows.astype(object).where(rows.notna(), None)
    return (
        column_defs(chart.columns, view.lang),
        rows.to_dict("records"),
        chart.text.source.replace("<br>", " "),
    )


@callback(
    Output(ids.GRID, "columnDefs"),
    Output(ids.GRID, "rowData"),
    Output(ids.TABLE_SOURCES, "children"),
    Output(ids.TABLE_SELECT, "value"),
    Output(ids.TABLE_DRAWN, "data"),
    Input(ids.TABLE_VIEW, "data"),
    State(ids.TABLE_SELECT, "value"),
    State(ids.TABLE_DRAWN, "data"),
    prevent_initial_call=True,
)
def fill_table(view_data, table, drawn):
    """The rows behind the chosen chart, refilled only while the tab is shown."""
    ds, view = for_tab(view_data, "table")
    now = keys(view)
    if now == (drawn or {}) and table == view.table:
        raise PreventUpdate
    values = table_values(ds, view) if now != drawn else unchanged(3)
    return (*values, view.table if table != view.table else no_update, now)
