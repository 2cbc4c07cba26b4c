"""Table tab: the data behind any chart, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import re

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from components import ids
from components.common import cached_chart, choice_group, unchanged
from components.indicators import (
    indicator_field,
    period_field,
    period_options,
    span_field,
    span_options,
)
from components.view import for_panel, is_compact, with_view
from eaeu.charts import chart_key
from eaeu.dataset import Dataset
from eaeu.grid_locale import grid_locale
from eaeu.i18n import t
from eaeu.view import TABLE_CHARTS, ResolvedView

NUMERIC_FIELDS = {"value", "published", "lat", "lon", "reporting"}
PERIOD_FIELD = re.compile(r"p\d+")  # a period column of the countries x periods table
# Which of the view's choices each table reads, so only those controls are offered.
TABLE_CONTROLS = {
    "growth": ("indicator", "period"),
    "trend": ("indicator", "span"),
    "matrix": ("indicator", "span"),
    "missions": (),
}


# On a phone the column a row is read for stays in view while the rest scrolls beside it:
# the value at the right edge; the country of a countries x periods table, and the city of
# a missions table, at the left.
PINNED = {"value": "right", "name": "left", "city": "left"}
PINNED_WIDTH = 112  # px


def column_defs(columns: list[tuple[str, str]], lang: str, compact: bool = False) -> list[dict]:
    locale = "ru-RU" if lang == "ru" else "en-GB"
    # The first of these the table has: a country's name pins only where it has no value.
    pinned = next((name for name in PINNED if name in dict(columns)), None)
    defs = []
    for field_name, header in columns:
        column = {"field": field_name, "headerName": header}
        if field_name == "period_label":
            # Sorted by the period's end (chronologically), shown and filtered by its label.
            column = {
                "field": "period_end",
                "headerName": header,
                "valueFormatter": {"function": "params.data.period_label"},
                "filterValueGetter": {"function": "params.data.period_label"},
            }
        if field_name in NUMERIC_FIELDS or PERIOD_FIELD.fullmatch(field_name):
            digits = 4 if field_name in ("lat", "lon") else 1
            column["filter"] = "agNumberColumnFilter"
            column["type"] = "numericColumn"
            column["valueFormatter"] = {
                "function": (
                    f"params.value == null ? '—' : Number(params.value).toLocaleString('{locale}', "
                    f"{{minimumFractionDigits: {digits}, maximumFractionDigits: {digits}}})"
                )
            }
        if compact and field_name == pinned:
            # Narrow, so the scrolling columns keep most of a phone's width.
            column.update(pinned=PINNED[field_name], maxWidth=PINNED_WIDTH)
        defs.append(column)
    return defs


def layout(ds: Dataset, view: ResolvedView, compact: bool = False) -> html.Div:
    """The tab, with its rows filled (a column pinned when `compact`)."""
    lang = view.lang
    drawn, (defs, rows, sources) = keys(view, compact), table_values(ds, view, compact)
    return html.Div(
        [
            dcc.Store(id=ids.TABLE_DRAWN, data=drawn),
            choice_group(
                t("table_of", lang),
                dbc.RadioItems(
                    id=ids.TABLE_SELECT,
                    options=[
                        {"label": t(f"table_{name}", lang), "value": name} for name in TABLE_CHARTS
                    ],
                    value=view.table,
                    inline=True,
                ),
                class_name="",
            ),
            controls(ds, view),
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
                dashGridOptions={
                    "animateRows": False,
                    "enableCellTextSelection": True,
                    "localeText": grid_locale(lang),
                },
                style={"height": "520px"},
            ),
            html.P(sources, id=ids.TABLE_SOURCES, className="small text-secondary mt-2"),
        ]
    )


def controls(ds: Dataset, view: ResolvedView) -> dbc.Row:
    """Indicator, period and period length for the table; a table that does not read one
    hides it (the controls stay in the page so the view's choices keep flowing)."""
    wanted = TABLE_CONTROLS[view.table]
    made = {
        "indicator": indicator_field(ds, view, ids.TABLE_INDICATOR),
        "period": period_field(ds, view, ids.TABLE_PERIOD),
        "span": span_field(ds, view, ids.TABLE_SPAN),
    }
    return dbc.Row(
        [
            dbc.Col(control, md=4, id=f"{ids.TABLE_CONTROLS}-{name}", style=_shown(name in wanted))
            for name, control in made.items()
        ],
        className="mt-2",
    )


def _shown(shown: bool) -> dict:
    return {} if shown else {"display": "none"}


def keys(view: ResolvedView, compact: bool) -> dict[str, str]:
    return {
        "table": chart_key(view.table, view, compact),
        "controls": f"{view.data_version}|{view.lang}|{view.indicator}|{view.table}",
    }


def table_values(ds: Dataset, view: ResolvedView, compact: bool = False) -> tuple:
    """Column definitions, rows and the source line of the chart the table shows."""
    chart = cached_chart(ds, view.table, view)
    fields = [f for f, _ in chart.columns]
    if "period_label" in fields:
        fields.append("period_end")
    rows = chart.data.reindex(columns=fields)
    if "period_end" in fields and not rows.empty:
        rows["period_end"] = [d.isoformat() for d in rows["period_end"]]
    rows = rows.astype(object).where(rows.notna(), None)
    return (
        column_defs(chart.columns, view.lang, compact),
        rows.to_dict("records"),
        chart.text.source.replace("\n", " "),
    )


@callback(
    Output(ids.GRID, "columnDefs"),
    Output(ids.GRID, "rowData"),
    Output(ids.TABLE_SOURCES, "children"),
    Output(ids.TABLE_SELECT, "value"),
    Output(ids.TABLE_INDICATOR, "value"),
    Output(ids.TABLE_PERIOD, "options"),
    Output(ids.TABLE_PERIOD, "value"),
    Output(ids.TABLE_SPAN, "options"),
    Output(ids.TABLE_SPAN, "value"),
    *(Output(f"{ids.TABLE_CONTROLS}-{name}", "style") for name in ("indicator", "period", "span")),
    Output(ids.TABLE_DRAWN, "data"),
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.TABLE_VIEW, "data"),
    State(ids.TABLE_DRAWN, "data"),
    prevent_initial_call=True,
)
def fill_table(request, drawn):
    """The rows behind the chosen chart, refilled only while the tab is shown; the table's
    controls follow the view, which is written too."""
    ds, view, update = for_panel(request, "table")
    compact = is_compact(request)
    drawn = drawn or {}
    now = keys(view, compact)
    if now == drawn:
        return with_view(unchanged(13), update)  # at most the tab changed
    values = table_values(ds, view, compact) if now["table"] != drawn.get("table") else unchanged(3)
    wanted = TABLE_CONTROLS[view.table]
    shown = [_shown(name in wanted) for name in ("indicator", "period", "span")]
    return (
        *values,
        view.table,
        view.indicator,
        period_options(ds, view.indicator, view.lang),
        view.period,
        span_options(ds, view.indicator, view.lang),
        view.span,
        *shown,
        now,
        update,
    )
