"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    dcc,
    html,
    no_update,
)

from components import auth, header, highlight, ids, indicators, missions, share, table
from components.common import graph_config
from components.data import panel as data_tab
from components.services import dataset
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
    panels = [
        ("indicators", t("tab_indicators", lang), indicators.layout(ds, view)),
        ("missions", t("tab_missions", lang), missions.layout(ds, view)),
        ("table", t("tab_table", lang), table.layout(view)),
    ]
    editor = auth.editor_name()
    if editor:  # anonymous visitors get no upload controls at all, not merely hidden ones
        panels.append(("data", t("tab_data", lang), data_tab.layout(ds, view, editor)))
    active = view.tab if any(name == view.tab for name, _, _ in panels) else "indicators"
    tabs = tab_set(active, panels)
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


# Tabs every reader has; the editors' data tab is wired by components/data/panel.py.
PUBLIC_TABS = ("indicators", "missions", "table")


def tab_set(active: str, tabs: list[tuple[str, str, object]]) -> html.Div:
    """WAI-ARIA tabs: buttons in a tablist, each controlling a labelled tabpanel."""
    buttons = [
        html.Button(
            label,
            id=ids.tab_button(name),
            role="tab",
            type="button",
            n_clicks=0,
            className="nav-link" + (" active" if name == active else ""),
            **{"aria-selected": str(name == active).lower(), "aria-controls": ids.tab_panel(name)},
        )
        for name, label, _ in tabs
    ]
    panels = [
        html.Section(
            content,
            id=ids.tab_panel(name),
            role="tabpanel",
            hidden=name != active,
            **{"aria-labelledby": ids.tab_button(name)},
        )
        for name, _, content in tabs
    ]
    return html.Div(
        [
            dcc.Store(id=ids.TABS, data=active),
            html.Div(buttons, role="tablist", className="nav nav-tabs mb-3"),
            *panels,
        ]
    )


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


@callback(
    Output(ids.PAGE, "children"),
    Input(ids.URL, "pathname"),
    Input(ids.URL, "search"),
    State(ids.URL_SYNC, "data"),
)
def render(pathname, search, synced):
    """Render the view the address names, unless the page's own controls just wrote that
    address (they are already showing it)."""
    if search is not None and search == synced:
        return no_update
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
    Output(ids.URL, "search"),
    Output(ids.URL, "href"),
    Input(ids.TABS, "data"),
    Input(ids.INDICATOR, "value"),
    Input(ids.PERIOD, "value"),
    Input(ids.COUNTRIES, "value"),
    Input(ids.SNAPSHOT, "value"),
    Input(ids.TABLE_SELECT, "value"),
    Input(ids.TRANSFORM, "value"),
    State(ids.LANG_STORE, "data"),
    State(ids.URL_SYNC, "data"),
)

clientside_callback(
    "function(lang) { document.documentElement.lang = lang || 'ru'; return window.dash_clientside.no_update; }",
    Output(ids.HTML_LANG, "data"),
    Input(ids.LANG_STORE, "data"),
)


# Tab switching is pure UI: done in the browser, then charts in the shown panel re-measure.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data"),
    [Input(ids.tab_button(name), "n_clicks") for name in PUBLIC_TABS],
    prevent_initial_call=True,
)
