"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from components import header, highlight, ids, indicators, missions, table
from components.common import dataset
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
                    dbc.Col(html.Main(tabs, id="main"), lg=9),
                    dbc.Col(html.Aside(highlight.layout(ds, lang)), lg=3),
                ]
            ),
            fluid="lg",
        ),
        html.Footer(
            dbc.Container(t("footer_sources", lang), className="small text-secondary py-3"),
        ),
    ]


@callback(Output(ids.PAGE, "children"), Input(ids.URL, "search"))
def render(search):
    return page(ViewState.from_query(search).resolve(dataset()))


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
