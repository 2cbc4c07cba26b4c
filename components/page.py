"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, dcc, html
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from components import (
    auth,
    changes,
    header,
    highlight,
    ids,
    indicators,
    missions,
    share,
    table,
    vintage,
)
from components.common import cached_chart, graph_config
from components.data import panel as data_tab
from components.services import dataset, services
from components.view import FROM_PAGE
from components.view import payload as view_payload
from eaeu.charts import CHART_IDS
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.view import MAX_QUERY, ResolvedView


def shell() -> html.Div:
    """The layout Dash serves at `/_dash-layout`: the page of the address that asked for it,
    drawn on the server (the browser's fetch names its page in the Referer), so the first
    chart needs no callback. The view store holds that view; `route` (assets/app.js) sees
    the address already on screen and sends nothing. Without a usable Referer the frame is
    served empty and `route` asks for the page, as before."""
    rendered = _addressed_page()
    content, view = rendered if rendered else (None, None)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.ROUTE),
            dcc.Store(id=ids.VIEW, data=view),
            dcc.Store(id=ids.CONTROLS),
            dcc.Store(id=ids.VIEW_REQUEST),
            # Written by the data tab after each new version; the view store follows it.
            dcc.Store(id=ids.DATA_VERSION),
            html.Div(content, id=ids.PAGE),
        ]
    )


def _addressed_page() -> tuple[list | html.Div, dict] | None:
    """The page and view payload for the address in the Referer of this request, or None."""
    if not has_request_context() or not request.referrer:
        return None
    address = urlsplit(request.referrer)
    if address.netloc != request.host:
        return None
    return route_page(address.path or "/", f"?{address.query}" if address.query else "")


def page(ds: Dataset, view: ResolvedView) -> list:
    """The whole page for a view of `ds` (the current data or a past version's), with the
    shown tab's charts drawn: no callback is needed before the first chart; the other tabs are
    drawn when they are opened."""
    lang = view.lang
    panels = [
        ("indicators", t("tab_indicators", lang), indicators.layout),
        ("missions", t("tab_missions", lang), missions.layout),
        ("table", t("tab_table", lang), table.layout),
        ("changes", t("tab_changes", lang), lambda _, view, shown: changes.layout(view, shown)),
    ]
    editor = auth.editor_name()
    if editor:  # anonymous visitors get no upload controls at all, not merely hidden ones
        panels.append(("data", t("tab_data", lang), lambda _, view, __: editors_tab(view, editor)))
    active = view.tab if any(name == view.tab for name, _, _ in panels) else "indicators"
    tabs = tab_set(
        active, [(name, text, build(ds, view, name == active)) for name, text, build in panels]
    )
    payload = view_payload(view)
    main = [*vintage.banner(view, payload["vintage"]), share.layout(lang), tabs]
    return [
        header.layout(payload),
        dbc.Container(
            dbc.Row(
                [
                    dbc.Col(html.Main(main, id="main"), lg=9),
                    dbc.Col(highlight.aside(ds, view), lg=3),
                ]
            ),
            fluid="lg",
        ),
        html.Footer(
            dbc.Container(t("footer_sources", lang), className="small text-secondary py-3"),
        ),
    ]


def editors_tab(view: ResolvedView, editor: str) -> html.Div:
    """The data tab works on the current data, whatever version the other tabs show."""
    return html.Div([*vintage.data_tab_note(view), data_tab.layout(dataset(), view, editor)])


# Tabs every reader has; the editors' data tab is wired by components/data/panel.py.
PUBLIC_TABS = ("indicators", "missions", "table", "changes")


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


def embed_page(ds: Dataset, chart_id: str, view: ResolvedView) -> html.Div:
    """Chart only, for iframes: the figure carries its own title and source line (and a past
    version says so under it)."""
    chart = cached_chart(ds, chart_id, view)
    link = html.A(
        t("open_full", view.lang), href="/" + view.to_query(), target="_blank", rel="noopener"
    )
    published = [vintage.published_text(view), " "] if view.vintage else []
    return html.Div(
        [
            dcc.Graph(
                id=ids.EMBED_GRAPH,
                figure=chart.figure,
                config=graph_config(chart_id, view, ds),
                style={"height": "calc(100vh - 2rem)"},
            ),
            html.Div([*published, link], className="small text-end pe-2"),
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
    return route_page(route.get("pathname") or "/", route.get("search") or "")


def route_page(pathname: str, search: str) -> tuple[list | html.Div, dict]:
    """The content and view payload for an address (path and query string), of the data the
    address asks for (the current data, or a past version's)."""
    ds, view = services().views.get(search)
    if len(search) > MAX_QUERY:
        search = ""  # an address this long is nobody's: its view is read, it is not echoed
    parts = pathname.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "embed":
        chart_id = parts[1] if parts[1] in CHART_IDS else "growth"
        path = f"/embed/{chart_id}"
        embed = embed_page(ds, chart_id, view)
        return embed, view_payload(view, FROM_PAGE, path, pathname + search)
    if view.tab == "data" and auth.editor_name() is None:
        view = replace(view, tab="indicators")  # the data tab exists for editors only
    return page(ds, view), view_payload(view, FROM_PAGE, "/", pathname + search)


# Tab switching is pure UI: done in the browser, then charts in the shown panel re-measure.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data"),
    [Input(ids.tab_button(name), "n_clicks") for name in PUBLIC_TABS],
    prevent_initial_call=True,
)
