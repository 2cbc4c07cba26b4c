"""The one view store: what the reader is looking at, as the server resolved it.

When the controls' values differ from the view on screen, they go to `update_view`, which
builds a ViewState, resolves it against the current data and writes the payload into
ids.VIEW. The shown panel (and the card, for new data or language) receives that view and
reads it back with `current`. Only ViewState builds and parses query strings: the browser
copies `search` into the address bar and the language links, nothing more.
"""

from __future__ import annotations

import json

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback
from dash.exceptions import PreventUpdate

from components import ids
from components.services import dataset, services
from eaeu.charts import main_chart
from eaeu.dataset import Dataset
from eaeu.i18n import LANGS, normalize_lang
from eaeu.view import DEFAULT_INDICATOR, ResolvedView, ViewState

# A page render writes the view; so does a reader's change of a control. The address bar
# replaces its entry for the first and adds one (that Back undoes) for the second.
FROM_PAGE, FROM_CONTROL = "page", "control"


def payload(
    view: ResolvedView, origin: str = FROM_PAGE, path: str = "/", replaces: str = ""
) -> dict:
    """What the browser keeps of a view: strings the server made, to copy and compare.
    `replaces`: the address (path and query) this view answers; if the reader has gone on to
    another one meanwhile (Back, Forward), the address bar is left alone."""
    search = view.to_query()
    return {
        "search": search,
        "path": path,
        "replaces": replaces or path + search,
        "lang": view.lang,
        "tab": view.tab,
        "chart": main_chart(view),
        "card": card_key(view),
        # The controls as this view sets them: the browser sends a change only when they differ.
        "controls": {
            "tab": view.tab,
            "indicator": view.indicator,
            "period": view.period,
            "countries": list(view.countries),
            "snapshot": view.snapshot,
            "table": view.table,
            "transform": view.transform,
            "span": view.span,
        },
        "data": view.data_version,
        "origin": origin,
        "alternates": {lang: view.with_lang(lang).to_query() for lang in LANGS},
    }


def card_key(view: ResolvedView) -> str:
    """The figure-of-the-week card shows this data in this language, and nothing else."""
    return f"{view.data_version}|{view.lang}"


def lang_of(data: dict | None) -> str:
    return normalize_lang((data or {}).get("lang"))


def current(data: dict | None, ds: Dataset | None = None) -> ResolvedView:
    """The view in the store, resolved against the current data (once per data version)."""
    search = (data or {}).get("search")
    return services().views.get(search if isinstance(search, str) else "", ds or dataset())


def for_tab(data: dict | None, tab: str) -> tuple[Dataset, ResolvedView]:
    """The data and the view for a panel of `tab`: a hidden panel is not redrawn
    (PreventUpdate); it is drawn when its tab is opened, which changes the view."""
    ds = dataset()
    view = current(data, ds)
    if view.tab != tab:
        raise PreventUpdate
    return ds, view


# Each control and the view field it sets. Two controls set the indicator and the period
# length (indicators tab, table tab), and a hidden panel's controls are not kept up to date.
CONTROL_FIELDS = (
    (ids.TABS, "data", "tab"),
    (ids.INDICATOR, "value", "indicator"),
    (ids.PERIOD, "value", "period"),
    (ids.COUNTRIES, "value", "countries"),
    (ids.SNAPSHOT, "value", "snapshot"),
    (ids.TABLE_SELECT, "value", "table"),
    (ids.TRANSFORM, "value", "transform"),
    (ids.SPAN, "value", "span"),
    (ids.TABLE_INDICATOR, "value", "indicator"),
    (ids.TABLE_SPAN, "value", "span"),
    (ids.TABLE_PERIOD, "value", "period"),
)

# A change is the view on screen with the controls the reader changed (the triggered ones)
# set: other controls may be stale. Nothing goes to the server when that is the view on screen
# (a page render, or a panel setting a control to the view's value).
clientside_callback(
    """
    function() {
        const fields = CONTROL_FIELDS;
        const view = arguments[arguments.length - 1];
        const shown = (view && view.controls) || {};
        const now = Object.assign({}, shown);
        const triggered = window.dash_clientside.callback_context.triggered || [];
        triggered.forEach(function (item) {
            const field = fields[item.prop_id];
            if (field) { now[field] = field === "countries" ? (item.value || []) : item.value; }
        });
        const same = Object.keys(now).every(function (key) {
            return JSON.stringify(now[key]) === JSON.stringify(shown[key]);
        });
        return same ? window.dash_clientside.no_update : now;
    }
    """.replace(
        "CONTROL_FIELDS",
        json.dumps({f"{cid}.{prop}": name for cid, prop, name in CONTROL_FIELDS}),
    ),
    Output(ids.CONTROLS, "data"),
    *(Input(cid, prop) for cid, prop, _ in CONTROL_FIELDS),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.CONTROLS, "data"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def update_view(controls, _version, shown):
    """The controls' values as a resolved view; nothing is written when it is what is shown."""
    controls = controls if isinstance(controls, dict) else (shown or {}).get("controls") or {}
    countries = controls.get("countries")
    requested = ViewState(
        lang=lang_of(shown),
        tab=_text(controls.get("tab")) or "indicators",
        indicator=_text(controls.get("indicator")) or DEFAULT_INDICATOR,
        period=_text(controls.get("period")),
        countries=tuple(map(str, countries)) if isinstance(countries, list) else None,
        snapshot=_text(controls.get("snapshot")),
        table=_text(controls.get("table")) or "growth",
        transform=_text(controls.get("transform")) or "value",
        span=_text(controls.get("span")),
    )
    view = requested.resolve(dataset())
    path = (shown or {}).get("path") or "/"
    new = payload(view, FROM_CONTROL, path, path + (shown or {}).get("search", ""))
    if shown and (shown.get("search"), shown.get("data")) == (new["search"], new["data"]):
        raise PreventUpdate
    return new


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# The address bar and the page's language follow the view (assets/app.js).
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="syncAddress"),
    Output(ids.URL, "search"),
    Output(ids.URL, "href"),
    Input(ids.VIEW, "data"),
)

# The language links keep the rest of the view.
clientside_callback(
    """
    function(view) {
        if (!view) { return window.dash_clientside.no_update; }
        return [view.alternates.ru, view.alternates.en];
    }
    """,
    Output(ids.LANG_RU, "href"),
    Output(ids.LANG_EN, "href"),
    Input(ids.VIEW, "data"),
    prevent_initial_call=True,
)

# An address the page did not write itself (first load, Back, a language link) is rendered.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="route"),
    Output(ids.ROUTE, "data"),
    Input(ids.URL, "pathname"),
    Input(ids.URL, "search"),
    State(ids.VIEW, "data"),
)


# Only the shown tab's panel receives the view, and the card only a new language or data:
# a change sends no request for what it cannot change on screen. The panel's view says
# whether the screen is phone-width (`compact`); a screen that changes class (a turned phone)
# sends the shown panel its view again, to be redrawn for the new width.
clientside_callback(
    """
    function(view, _width, card) {
        const skip = window.dash_clientside.no_update;
        const resized = window.dash_clientside.callback_context.triggered_id === "WIDTH";
        // A rendered page arrives drawn: only a reader's change goes on to the panels.
        if (!view || (view.origin !== "control" && !resized)) {
            return [skip, skip, skip, skip];
        }
        const shown = Object.assign({}, view, {compact: window.dash_clientside.eaeu.compact()});
        const panels = ["indicators", "missions", "table"].map(t => t === view.tab ? shown : skip);
        return [...panels, resized || view.card === card ? skip : view];
    }
    """.replace("WIDTH", ids.WIDTH),
    Output(ids.INDICATORS_VIEW, "data"),
    Output(ids.MISSIONS_VIEW, "data"),
    Output(ids.TABLE_VIEW, "data"),
    Output(ids.HIGHLIGHT_VIEW, "data"),
    Input(ids.VIEW, "data"),
    Input(ids.WIDTH, "data"),
    State(ids.HIGHLIGHT_DRAWN, "data"),
    prevent_initial_call=True,
)


def is_compact(panel_view: dict | None) -> bool:
    """Whether a panel's view asks for charts drawn for a phone-width screen."""
    return isinstance(panel_view, dict) and panel_view.get("compact") is True
