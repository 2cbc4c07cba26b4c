"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from components import header, highlight, ids, indicators, missions, share, table
from components.common import dataset, graph_config
from eaeu.charts import CHART_IDS, build_chart
from eaeu.i18n import t
from eaeu.view import ViewState


def shell() -> html.Div:
    """Static frame; everything that depends on language or view is rendered into PAGE."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.URL_SYNC),
            dcc.Store(id=ids.HTML_LANG),
            html.Div(id=ids.PAGE),
        ]
    )


def page(view: ViewState) -> list:
    ds = dataset()
    lang = view.lang
    tabs = dbc.Tabs(
        [
            dbc.Tab(
                indicators.layout(ds, view), label=t("tab_indicators", lang), tab_id="indicators"
            ),
            dbc.Tab(missions.layout(ds, view), label=t("tab_missions", lang), tab_id="missions"),
            dbc.Tab(table.layout(view), label=t("tab_table", lang), tab_id="table"),
        ],
        id=ids.TABS,
        active_tab=view.tab,
        className="mb-3",
    )
    return [
        dcc.Store(id=ids.LANG_STORE, data=lang),
        header.layout(lang),
        dbc.Container(
            dbc.Row(
                [
                    dbc.Col(html.Main([share.layout(lang), tabs], id="main"), lg=9),
                    dbc.Col(html.Aside(highlight.layout(ds, lang)), lg=3),
                ]
            ),
            fluid="lg",
        ),
        html.Footer(
            dbc.Container(t("footer_sources", lang), className="small text-secondary py-3"),
        ),
    ]


def embed_page(chart_id: str, view: ViewState) -> html.Div:
    """Chart only, for iframes: the figure carries its own title and source line."""
    chart = build_chart(dataset(), chart_id, view)
    link = html.A(
        t("open_full", view.lang), href="/" + view.to_query(), target="_blank", rel="noopener"
    )
    return html.Div(
        [
            dcc.Store(id=ids.LANG_STORE, data=view.lang),
            dcc.Graph(
                id=ids.EMBED_GRAPH,
                figure=chart.figure,
                config=graph_config(chart_id),
                style={"height": "calc(100vh - 2rem)"},
            ),
            html.Div(link, className="small text-end pe-2"),
        ],
        className="embed",
        **{"data-chart": chart_id},
    )


@callback(Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))
def render(pathname, search):
    view = ViewState.from_query(search).resolve(dataset())
    parts = (pathname or "/").strip("/").split("/")
    if len(parts) == 2 and parts[0] == "embed":
        chart_id = parts[1] if parts[1] in CHART_IDS else "growth"
        return embed_page(chart_id, view)
    return page(view)


# The address bar always holds the current view, so a copied link restores it exactly.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="syncUrl"),
    Output(ids.URL_SYNC, "data"),
    Input(ids.TABS, "active_tab"),
    Input(ids.INDICATOR, "value"),
    Input(ids.PERIOD, "value"),
    Input(ids.COUNTRIES, "value"),
    Input(ids.SNAPSHOT, "value"),
    Input(ids.TABLE_SELECT, "value"),
    Input(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
)

clientside_callback(
    "function(lang) { document.documentElement.lang = lang || 'ru'; return window.dash_clientside.no_update; }",
    Output(ids.HTML_LANG, "data"),
    Input(ids.LANG_STORE, "data"),
)
