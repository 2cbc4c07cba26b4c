"""The page shell: the URL is the view state; the page renders from it and writes it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import urlsplit

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
from components.data import panel as data_tab
from components.services import dataset, newest, services
from components.view import FROM_PAGE, is_compact, requested
from components.view import payload as view_payload
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.view import MAX_QUERY, ResolvedView


def shell() -> html.Div:
    """The layout Dash serves at `/_dash-layout`: the page of the address that asked for it,
    drawn on the server (the browser's fetch names its page in the Referer), so the first
    chart needs no callback. The view store holds that view; `route` (assets/app.js) sees
    the address already on screen and sends nothing. Without a usable Referer the frame is
    served empty and `route` asks for the page, as before."""
    compact = phone_like()
    rendered = _addressed_page(compact)
    content, view = rendered if rendered else (None, None)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.ROUTE),
            dcc.Store(id=ids.VIEW, data=view),
            dcc.Store(id=ids.CONTROLS),
            dcc.Store(id=ids.VIEW_REQUEST),
            dcc.Store(id=ids.OPEN_TAB),
            # What the router sends each public panel: here in the frame, never mounted anew,
            # as Dash checks a callback's outputs when its input is mounted, built tab or not.
            *(dcc.Store(id=store) for store in PANEL_REQUESTS),
            # The width class the page is drawn for ("compact" on a phone): assets/app.js
            # and components/view.py redraw the shown panel when the screen's is the other.
            dcc.Store(id=ids.WIDTH, data="compact" if compact else "wide"),
            # Written by the data tab after each new version; the view store follows it.
            dcc.Store(id=ids.DATA_VERSION),
            html.Div(content, id=ids.PAGE),
        ]
    )


def layout_key() -> tuple | None:
    """What a visitor's `/_dash-layout` depends on, to keep it by (components/server.py): the
    address it draws (the Referer) on this host, the width class, the current version and
    the day (the camera button names its file by the date). None for an editor, whose page
    has the data tab and their name (never kept, never shared)."""
    if auth.is_editor():
        return None
    day = dt.date.today().isoformat()
    return (request.host, request.referrer or "", phone_like(), newest()[0], day)


def _addressed_page(compact: bool) -> tuple[list | html.Div, dict] | None:
    """The page and view payload for the address in the Referer of this request, or None."""
    if not has_request_context() or not request.referrer:
        return None
    address = urlsplit(request.referrer)
    if address.netloc != request.host:
        return None
    query = f"?{address.query}" if address.query else ""
    return route_page(address.path or "/", query, compact)


def phone_like() -> bool:
    """The server's guess at a phone-width screen, before the browser can say: a mobile
    browser (its client hint, or 'Mobi' in its name, as the browser makers advise)."""
    if not has_request_context():
        return False
    mobile = request.headers.get("Sec-CH-UA-Mobile") == "?1"
    return mobile or "Mobi" in request.headers.get("User-Agent", "")


# Tabs every reader has, and their panels' layouts (data, view, compact), each drawn for the
# view it is built in; the editors' data tab is wired by components/data/panel.py.
PANELS = {
    "indicators": indicators.layout,
    "missions": missions.layout,
    "table": table.layout,
    "changes": lambda _, view, compact=False: changes.layout(view),
}
PUBLIC_TABS = tuple(PANELS)
PANEL_REQUESTS = (ids.INDICATORS_VIEW, ids.MISSIONS_VIEW, ids.TABLE_VIEW, ids.CHANGES_VIEW)


def page(ds: Dataset, view: ResolvedView, compact: bool = False) -> list:
    """The whole page for a view of `ds` (the current data or a past version's), with the
    shown tab drawn (for a phone when `compact`): no callback is needed before the first
    chart. The other public tabs are empty until opened (`open_tab`): no hidden chart or grid
    is built, drawn or loaded."""
    lang = view.lang
    editor = auth.editor_name()
    active = view.tab if view.tab in PANELS or (editor and view.tab == "data") else "indicators"
    tabs = [
        (name, t(f"tab_{name}", lang), build(ds, view, compact) if name == active else None)
        for name, build in PANELS.items()
    ]
    if editor:  # anonymous visitors get no upload controls at all, not merely hidden ones
        tabs.append(("data", t("tab_data", lang), editors_tab(view, editor)))
    tabs = tab_set(active, tabs, built=[active])
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


def tab_set(active: str, tabs: list[tuple[str, str, object]], built: list[str]) -> html.Div:
    """WAI-ARIA tabs: buttons in a tablist, each controlling a labelled tabpanel. `built`:
    the public panels with content (the router sends a change to a panel only once built)."""
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
            dcc.Store(id=ids.PANELS_BUILT, data=built),
            html.Div(buttons, role="tablist", className="nav nav-tabs mb-3"),
            *panels,
        ]
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
    compact = route.get("compact") is True  # the reader's screen (assets/app.js)
    return route_page(route.get("pathname") or "/", route.get("search") or "", compact)


def route_page(pathname: str, search: str, compact: bool) -> tuple[list | html.Div, dict]:
    """The content and view payload for an address (path and query string), of the data the
    address asks for (the current data, or a past version's)."""
    ds, view = services().views.get(search)
    if len(search) > MAX_QUERY:
        search = ""  # an address this long is nobody's: its view is read, it is not echoed
    if view.tab == "data" and auth.editor_name() is None:
        view = replace(view, tab="indicators")  # the data tab exists for editors only
    return page(ds, view, compact), view_payload(view, FROM_PAGE, "/", pathname + search)


@callback(
    *(Output(ids.tab_panel(name), "children") for name in PUBLIC_TABS),
    Output(ids.PANELS_BUILT, "data"),
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.OPEN_TAB, "data"),
    State(ids.PANELS_BUILT, "data"),
    prevent_initial_call=True,
)
def open_tab(request, built):
    """A public tab opened for the first time: its panel, drawn for the view it is opened in
    (one request); later changes go to the panel's own callback."""
    ds, view, update = requested(request)
    built = built if isinstance(built, list) else []
    if view.tab not in PANELS or view.tab in built:
        raise PreventUpdate
    compact = is_compact(request)
    panels = [
        PANELS[name](ds, view, compact) if name == view.tab else no_update for name in PUBLIC_TABS
    ]
    return (*panels, [*built, view.tab], update)


# Tab switching is pure UI: done in the browser, then charts in the shown panel re-measure.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data"),
    [Input(ids.tab_button(name), "n_clicks") for name in PUBLIC_TABS],
    prevent_initial_call=True,
)
