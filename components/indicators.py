"""Indicators panel: growth by country for one period (bars) and over periods (lines)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from components import export_panel, ids
from components.common import (
    CHART_OUTPUTS,
    chart_outputs,
    chart_values,
    choice_group,
    field,
    graph,
    unchanged,
)
from components.view import for_panel, is_compact, with_view
from eaeu import queries, transforms
from eaeu.charts import chart_key
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.view import ResolvedView


def period_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    return [{"label": p.label(lang), "value": p.key} for p in queries.periods(ds, indicator)]


def country_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    names = queries.geo_names(ds, lang)
    return [{"label": names[c], "value": c} for c in queries.indicator_geos(ds, indicator)]


def span_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    return [{"label": s.label(lang), "value": s.key} for s in queries.spans(ds, indicator)]


def indicator_field(ds: Dataset, view: ResolvedView, control_id: str) -> html.Div:
    return field(
        t("indicator", view.lang),
        dbc.Select(
            id=control_id, options=queries.indicator_options(ds, view.lang), value=view.indicator
        ),
        control_id,
    )


def period_field(ds: Dataset, view: ResolvedView, control_id: str) -> html.Div:
    return field(
        t("period", view.lang),
        dbc.Select(
            id=control_id,
            options=period_options(ds, view.indicator, view.lang),
            value=view.period,
        ),
        control_id,
    )


def span_field(ds: Dataset, view: ResolvedView, control_id: str) -> html.Div:
    return field(
        t("span", view.lang),
        dbc.Select(
            id=control_id, options=span_options(ds, view.indicator, view.lang), value=view.span
        ),
        control_id,
    )


def transform_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    kind = queries.indicator_row(ds, indicator)["kind"]
    return [
        {"label": transforms.transform_label(name, lang), "value": name}
        for name in transforms.available(kind)
    ]


def layout(ds: Dataset, view: ResolvedView, compact: bool = False) -> html.Div:
    """The panel, with its charts drawn (no callback before the first chart), for a
    phone-width screen when `compact`."""
    lang = view.lang
    drawn = keys(view, compact)
    growth = chart_values(ds, "growth", view, compact)
    trend = chart_values(ds, "trend", view, compact)
    controls = dbc.Row(
        [
            dbc.Col(indicator_field(ds, view, ids.INDICATOR), md=6),
            dbc.Col(period_field(ds, view, ids.PERIOD), md=6),
        ]
    )
    transform = choice_group(
        t("transform", lang),
        dbc.RadioItems(
            id=ids.TRANSFORM,
            options=transform_options(ds, view.indicator, lang),
            value=view.transform,
            inline=True,
        ),
    )
    countries = choice_group(
        t("countries", lang),
        dbc.Checklist(
            id=ids.COUNTRIES,
            options=country_options(ds, view.indicator, lang),
            value=list(view.countries),
            inline=True,
        ),
    )
    return html.Div(
        [
            dcc.Store(id=ids.INDICATORS_DRAWN, data=drawn),
            controls,
            transform,
            graph(ids.GROWTH_GRAPH, "growth", drawn=growth),
            export_panel.layout("growth", lang),
            html.Hr(),
            dbc.Row([dbc.Col(countries, md=8), dbc.Col(span_field(ds, view, ids.SPAN), md=4)]),
            graph(ids.TREND_GRAPH, "trend", height=500, drawn=trend),
            export_panel.layout("trend", lang),
        ]
    )


def keys(view: ResolvedView, compact: bool) -> dict[str, str]:
    """What the panel shows: its controls' choices and each chart."""
    return {
        "controls": f"{view.data_version}|{view.lang}|{view.indicator}",
        "growth": chart_key("growth", view, compact),
        "trend": chart_key("trend", view, compact),
    }


@callback(
    Output(ids.INDICATOR, "options"),
    Output(ids.INDICATOR, "value"),
    Output(ids.PERIOD, "options"),
    Output(ids.PERIOD, "value"),
    Output(ids.COUNTRIES, "options"),
    Output(ids.COUNTRIES, "value"),
    Output(ids.TRANSFORM, "options"),
    Output(ids.TRANSFORM, "value"),
    Output(ids.SPAN, "options"),
    Output(ids.SPAN, "value"),
    *chart_outputs(ids.GROWTH_GRAPH),
    *chart_outputs(ids.TREND_GRAPH),
    Output(ids.INDICATORS_DRAWN, "data"),
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.INDICATORS_VIEW, "data"),
    State(ids.INDICATOR, "value"),
    State(ids.PERIOD, "value"),
    State(ids.COUNTRIES, "value"),
    State(ids.TRANSFORM, "value"),
    State(ids.SPAN, "value"),
    State(ids.INDICATORS_DRAWN, "data"),
    prevent_initial_call=True,
)
def draw(request, indicator, period, countries, transform, span, drawn):
    """Redraw what the reader's change altered and write the view; controls follow the view
    (a new indicator keeps the period and countries where it has them, else its defaults)."""
    ds, view, update = for_panel(request, "indicators")
    compact = is_compact(request)
    drawn = drawn or {}
    now = keys(view, compact)
    shown = (indicator, period, countries, transform, span)
    wanted = (view.indicator, view.period, list(view.countries), view.transform, view.span)
    if now == drawn and shown == wanted:
        # The controls, both charts and the drawn keys stay: at most the tab changed.
        return with_view(unchanged(2 * len(wanted) + 2 * len(CHART_OUTPUTS) + 1), update)
    options: tuple = unchanged(len(wanted))
    if now["controls"] != drawn.get("controls"):
        options = (
            queries.indicator_options(ds, view.lang),
            period_options(ds, view.indicator, view.lang),
            country_options(ds, view.indicator, view.lang),
            transform_options(ds, view.indicator, view.lang),
            span_options(ds, view.indicator, view.lang),
        )
    controls = []
    for option, value, current_value in zip(options, wanted, shown, strict=True):
        controls += [option, value if value != current_value else no_update]
    charts = []
    for chart_id in ("growth", "trend"):
        if now[chart_id] == drawn.get(chart_id):
            charts += unchanged(len(CHART_OUTPUTS))
        else:
            charts += chart_values(ds, chart_id, view, compact)
    return (*controls, *charts, now, update)
