"""Table tab: the data behind any chart, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from components import ids
from components.common import choice_group
from components.services import dataset
from eaeu.charts import build_chart
from eaeu.i18n import t
from eaeu.view import ViewState

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


def layout(view: ViewState) -> html.Div:
    lang = view.lang
    return html.Div(
        [
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
                columnDefs=[],
                rowData=[],
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
            html.P(id=ids.TABLE_SOURCES, className="small text-secondary mt-2"),
        ]
    )


@callback(
    Output(ids.GRID, "columnDefs"),
    Output(ids.GRID, "rowData"),
    Output(ids.TABLE_SOURCES, "children"),
    Input(ids.TABLE_SELECT, "value"),
    Input(ids.INDICATOR, "value"),
    Input(ids.PERIOD, "value"),
    Input(ids.COUNTRIES, "value"),
    Input(ids.SNAPSHOT, "value"),
    Input(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
)
def fill_table(table, indicator, period, countries, snapshot, transform, lang):
    view = ViewState(
        lang=lang,
        indicator=indicator,
        period=period or "",
        snapshot=snapshot or "",
        countries=tuple(countries or ()),
        transform=transform or "value",
    )
    chart = build_chart(dataset(), table or "growth", view)
    fields = [f for f, _ in chart.columns]
    rows = chart.data.reindex(columns=fields)
    rows = rows.astype(object).where(rows.notna(), None)
    return (
        column_defs(chart.columns, lang),
        rows.to_dict("records"),
        chart.text.source.replace("<br>", " "),
    )
