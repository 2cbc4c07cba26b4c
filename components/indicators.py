"""Indicators panel: growth by country for one period (bars) and over periods (lines)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from components import export_panel, ids
from components.common import chart_outputs, chart_values, choice_group, field, graph
from components.services import dataset
from eaeu import queries, transforms
from eaeu.charts import build_chart
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.view import ViewState


def period_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    return [{"label": p.label(lang), "value": p.key} for p in queries.periods(ds, indicator)]


def country_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    names = queries.geo_names(ds, lang)
    return [{"label": names[c], "value": c} for c in queries.indicator_geos(ds, indicator)]


def transform_options(ds: Dataset, indicator: str, lang: str) -> list[dict[str, str]]:
    kind = queries.indicator_row(ds, indicator)["kind"]
    return [
        {"label": transforms.transform_label(name, lang), "value": name}
        for name in transforms.available(kind)
    ]


def layout(ds: Dataset, view: ViewState) -> html.Div:
    lang = view.lang
    controls = dbc.Row(
        [
            dbc.Col(
                field(
                    t("indicator", lang),
                    dbc.Select(
                        id=ids.INDICATOR,
                        options=queries.indicator_options(ds, lang),
                        value=view.indicator,
                    ),
                    ids.INDICATOR,
                ),
                md=6,
            ),
            dbc.Col(
                field(
                    t("period", lang),
                    dbc.Select(
                        id=ids.PERIOD,
                        options=period_options(ds, view.indicator, lang),
                        value=view.period,
                    ),
                    ids.PERIOD,
                ),
                md=6,
            ),
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
            controls,
            transform,
            graph(ids.GROWTH_GRAPH, "growth"),
            export_panel.layout("growth", lang),
            html.Hr(),
            countries,
            graph(ids.TREND_GRAPH, "trend", height=500),
            export_panel.layout("trend", lang),
        ]
    )


@callback(
    Output(ids.PERIOD, "options"),
    Output(ids.PERIOD, "value"),
    Output(ids.COUNTRIES, "options"),
    Output(ids.COUNTRIES, "value"),
    Output(ids.TRANSFORM, "options"),
    Output(ids.TRANSFORM, "value"),
    Input(ids.INDICATOR, "value"),
    State(ids.PERIOD, "value"),
    State(ids.COUNTRIES, "value"),
    State(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def follow_indicator(indicator, period, countries, transform, lang):
    """A new indicator keeps the period and countries where it has them, else its defaults."""
    ds = dataset()
    requested = ViewState(
        lang=lang,
        indicator=indicator,
        period=period or "",
        countries=tuple(countries) if countries else None,
        transform=transform or "value",
    )
    view = requested.resolve(ds)
    return (
        period_options(ds, view.indicator, lang),
        view.period,
        country_options(ds, view.indicator, lang),
        list(view.countries),
        transform_options(ds, view.indicator, lang),
        view.transform,
    )


@callback(
    *chart_outputs(ids.GROWTH_GRAPH),
    Input(ids.INDICATOR, "value"),
    Input(ids.PERIOD, "value"),
    Input(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
)
def draw_growth(indicator, period, transform, lang):
    ds = dataset()
    view = ViewState(lang=lang, indicator=indicator, period=period or "", transform=transform)
    view = view.resolve(ds)
    return chart_values(build_chart(ds, "growth", view), view, ds)


@callback(
    *chart_outputs(ids.TREND_GRAPH),
    Input(ids.INDICATOR, "value"),
    Input(ids.COUNTRIES, "value"),
    Input(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
)
def draw_trend(indicator, countries, transform, lang):
    ds = dataset()
    view = ViewState(
        lang=lang, indicator=indicator, countries=tuple(countries or ()), transform=transform
    ).resolve(ds)
    return chart_values(build_chart(ds, "trend", view), view, ds)
