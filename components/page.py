"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, dcc, html
from dash.exceptions import PreventUpdate

from components import auth, header, highlight, ids, indicators, missions, share, table
from components.common import cached_chart, graph_config
from components.data import panel as data_tab
from components.services import dataset
from components.view import FROM_PAGE
from components.view import payload as view_payload
from eaeu.charts import CHART_IDS
from eaeu.i18n import t
from eaeu.view import MAX_QUERY, ResolvedView, ViewState


def shell() -> html.Div:
    """Static frame; the view store and everything that depends on the view go into PAGE."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.ROUTE),
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.CONTROLS),
            dcc.Store(id=ids.WIDTH),
            # Written by the data tab after each new version; the view store follows it.
            dcc.Store(id=ids.DATA_VERSION),
            html.Div(id=ids.PAGE),
        ]
    )


def page(view: ResolvedView, compact: bool = False) -> list:
    """The whole page for a view, with the shown tab's charts drawn (compact on a phone): no
    callback is needed before the first chart; the other tabs are drawn when opened."""
    ds = dataset()
    lang = view.lang
    panels = [
        ("indicators", t("tab_indicators", lang), indicators.layout),
        ("missions", t("tab_missions", lang), missions.layout),
        ("table", t("tab_table", lang), table.layout),
    ]
    editor = auth.editor_name()
    if editor:  # anonymous visitors get no upload controls at all, not merely hidden ones
        panels.append(
            ("data", t("tab_data", lang), lambda ds, view, *_: data_tab.layout(ds, view, editor))
        )
    active = view.tab if any(name == view.tab for name, _, _ in panels) else "indicators"
    tabs = tab_set(
        active,
        [(name, text, build(ds, view, name == active, compact)) for name, text, build in panels],
    )
    return [
        header.layout(view_payload(view)),
        dbc.Container(
            dbc.Row(
                [
                    dbc.Col(html.Main([share.layout(lang), tabs], id="main"), lg=9),
                    dbc.Col(highlight.aside(ds, view), lg=3),
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


def embed_page(chart_id: str, view: ResolvedView) -> html.Div:
    """Chart only, for iframes: the figure carries its own title and source line."""
    chart = cached_chart(dataset(), chart_id, view)
    link = html.A(
        t("open_full", view.lang), href="/" + view.to_query(), target="_blank", rel="noopener"
    )
    return html.Div(
        [
            dcc.Graph(
                id=ids.EMBED_GRAPH,
                figure=chart.figure,
                config=graph_config(chart_id, view, dataset()),
                style={"height": "calc(100vh - 2rem)"},
            ),
            html.Div(link, className="small text-end pe-2"),
        ],
        className="embed",
        **{"data-chart": chart_id},
    )


@callback(
    Output(ids.PAGE, "children"),
    Output(ids.VIEW, "data"),
    Input(ids.ROUTE, "data"),
    prevent_initial_call=True,
)
def render(route):
    """Render the view an address names (the page's own changes never come here)."""
    if not route:
        raise PreventUpdate
    ds = dataset()
    pathname, search = route.get("pathname") or "/", route.get("search") or ""
    view = ViewState.from_query(search).resolve(ds)
    if len(search) > MAX_QUERY:
        search = ""  # an address this long is nobody's: its view is read, it is not echoed
    parts = pathname.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "embed":
        chart_id = parts[1] if parts[1] in CHART_IDS else "growth"
        path = f"/embed/{chart_id}"
        return embed_page(chart_id, view), view_payload(view, FROM_PAGE, path, pathname + search)
    if view.tab == "data" and auth.editor_name() is None:
        view = replace(view, tab="indicators")  # the data tab exists for editors only
    compact = route.get("compact") is True  # the reader's screen (assets/app.js)
    return page(view, compact), view_payload(view, FROM_PAGE, "/", pathname + search)


# Tab switching is pure UI: done in the browser, then charts in the shown panel re-measure.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data"),
    [Input(ids.tab_button(name), "n_clicks") for name in PUBLIC_TABS],
    prevent_initial_call=True,
)
