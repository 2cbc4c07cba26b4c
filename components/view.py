"""The one view store: what the reader is looking at, as the server resolved it.

When the controls' values differ from the view on screen, they go to `update_view`, which
builds a ViewState, resolves it against the current data and writes the payload into
ids.VIEW. The shown panel (and the card, for new data or language) receives that view and
reads it back with `current`. Only ViewState builds and parses query strings: the browser
copies `search` into the address bar and the language links, nothing more.
"""

from __future__ import annotations

import json

from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    no_update,
)
from dash.exceptions import PreventUpdate

from components import ids
from components.services import repository, services
from eaeu.charts import main_chart
from eaeu.dataset import Dataset
from eaeu.i18n import LANGS, normalize_lang
from eaeu.view import DEFAULT_INDICATOR, ResolvedView, ViewState
from eaeu.vintage import changes_query, current_query, open_view

# A page render writes the view; so does a reader's change of a control. The address bar
# replaces its entry for the first and adds one (that Back undoes) for the second.
FROM_PAGE, FROM_CONTROL, FROM_DATA = "page", "control", "data"


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
            "compare_from": str(view.compared[0]) if view.compared else "",
            "compare_to": str(view.compared[-1]) if view.compared else "",
        },
        "data": view.data_version,
        "origin": origin,
        "alternates": {lang: view.with_lang(lang).to_query() for lang in LANGS},
        # A past version's banner links to this view of the current data, and to what changed.
        "vintage": {"current": current_query(view), "changes": changes_query(view)},
    }


def card_key(view: ResolvedView) -> str:
    """The figure-of-the-week card shows this data in this language, and nothing else."""
    return f"{view.data_version}|{view.lang}"


def lang_of(data: dict | None) -> str:
    return normalize_lang((data or {}).get("lang"))


def view_and_data(data: dict | None) -> tuple[Dataset, ResolvedView]:
    """The view in the store and the data it shows: the current data, or the past version its
    address asks for (resolved once per query and current version)."""
    search = (data or {}).get("search")
    return services().views.get(search if isinstance(search, str) else "")


def current(data: dict | None) -> ResolvedView:
    return view_and_data(data)[1]


def requested_view(controls: dict | None, shown: dict | None) -> tuple[Dataset, ResolvedView]:
    """The view the reader asked for and its data: the controls' values (those not sent keep
    the view on screen's), in the language and on the version of the data on screen (the
    version changes only with the address: a link, a new page)."""
    shown_controls = (shown or {}).get("controls") or {}
    if not isinstance(controls, dict):
        controls = shown_controls
    on_screen = ViewState.from_query((shown or {}).get("search"))
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
        version=on_screen.version,
        as_of=on_screen.as_of,
        compare=_compare(controls, shown_controls, on_screen.compare),
    )
    return open_view(repository(), requested)


def view_update(view: ResolvedView, shown: dict | None, origin: str = FROM_CONTROL):
    """The view store's new value for `view`, or no_update when it is the view on screen."""
    shown = shown if isinstance(shown, dict) else {}
    path = shown.get("path") or "/"
    new = payload(view, origin, path, path + (shown.get("search") or ""))
    if (shown.get("search"), shown.get("data")) == (new["search"], new["data"]):
        return no_update
    return new


def for_panel(request: dict | None, tab: str) -> tuple[Dataset, ResolvedView, object]:
    """For a panel's one callback: the data, the view the reader's change asks for, and the
    view store's new value (no_update when unchanged). The router sends a panel only the
    changes made while its tab is shown or being opened."""
    ds, view, update = requested(request)
    if view.tab != tab:
        raise PreventUpdate
    return ds, view, update


def requested(request: dict | None) -> tuple[Dataset, ResolvedView, object]:
    """The data, the view a change (`{controls, shown}`) asks for and the view store's value."""
    if not isinstance(request, dict):
        raise PreventUpdate
    shown = request.get("shown") if isinstance(request.get("shown"), dict) else None
    ds, view = requested_view(request.get("controls"), shown)
    return ds, view, view_update(view, shown)


def with_view(values: tuple, update) -> tuple:
    """A panel's outputs and the view store's: nothing is sent when neither changed."""
    if update is no_update and all(value is no_update for value in values):
        raise PreventUpdate
    return (*values, update)


# Each control and the view field it sets, by the part of the page that holds it (a panel's
# controls exist once its tab is built). Two controls set the indicator and the period length
# (indicators tab, table tab), and a hidden panel's controls are not kept up to date.
CONTROL_GROUPS = {
    "tabs": ((ids.TABS, "data", "tab"),),
    "indicators": (
        (ids.INDICATOR, "value", "indicator"),
        (ids.PERIOD, "value", "period"),
        (ids.COUNTRIES, "value", "countries"),
        (ids.TRANSFORM, "value", "transform"),
        (ids.SPAN, "value", "span"),
    ),
    "missions": ((ids.SNAPSHOT, "value", "snapshot"),),
    "table": (
        (ids.TABLE_SELECT, "value", "table"),
        (ids.TABLE_INDICATOR, "value", "indicator"),
        (ids.TABLE_SPAN, "value", "span"),
        (ids.TABLE_PERIOD, "value", "period"),
    ),
    "changes": (
        (ids.COMPARE_FROM, "value", "compare_from"),
        (ids.COMPARE_TO, "value", "compare_to"),
    ),
}

# A change is the view on screen with the controls the reader changed (the triggered ones)
# set: other controls may be stale. Nothing goes to the server when that is the view on screen
# (a page render, or a panel setting a control to the view's value).
CHANGE = """
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
        return same ? window.dash_clientside.no_update : {controls: now, shown: view};
    }
"""
for group in CONTROL_GROUPS.values():
    clientside_callback(
        CHANGE.replace(
            "CONTROL_FIELDS", json.dumps({f"{cid}.{prop}": name for cid, prop, name in group})
        ),
        Output(ids.CONTROLS, "data", allow_duplicate=True),
        *(Input(cid, prop) for cid, prop, _ in group),
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )


@callback(
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.VIEW_REQUEST, "data"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def update_view(request, _version, shown):
    """The view for a change no panel draws (the editors' tab), or for new data (after an
    import or rollback: the view keeps its choices where the new data has them)."""
    new_data = ctx.triggered_id == ids.DATA_VERSION
    controls = None if new_data or not isinstance(request, dict) else request.get("controls")
    _, view = requested_view(controls, shown)
    update = view_update(view, shown, FROM_DATA if new_data else FROM_CONTROL)
    if update is no_update:
        raise PreventUpdate
    return update


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _compare(controls: dict, shown_controls: dict, compare: str) -> str:
    """The versions the reader chose to compare; while they are those shown, the address's
    choice stays (none: the latest change, whichever that is when the page is read)."""
    pair = (_text(controls.get("compare_from")), _text(controls.get("compare_to")))
    if all(pair) and pair != (shown_controls.get("compare_from"), shown_controls.get("compare_to")):
        return "..".join(pair)
    return compare


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


# A reader's change goes to the one panel that draws it (the tab it is made in or opens),
# which writes the view store as it draws: one request. A tab opened for the first time is
# built by components/page.py's open_tab, in one request too. A change no panel draws goes to
# update_view. New data goes on to the shown panel; the card follows language and data. Each
# request says whether the screen is phone-width (`compact`): a screen that changes class (a
# turned phone, or a page drawn for the other class) sends the shown panel its view again.
clientside_callback(
    """
    function(request, view, width, card, built) {
        const skip = window.dash_clientside.no_update;
        const panels = ["indicators", "missions", "table", "changes"];
        // Several inputs can fire at once (a change made while new data's view is on its
        // way): a reader's change always goes on, whatever else fired with it.
        const fired = (window.dash_clientside.callback_context.triggered || [])
            .map(item => item.prop_id.split(".")[0]);
        const byControls = fired.includes("CONTROLS") && request && request.controls;
        const byView = fired.includes("VIEW");
        let target = null;
        if (byControls) {
            target = request;
        } else if (view && ((byView && view.origin === "data") || fired.includes("WIDTH"))) {
            target = {controls: view.controls, shown: view};
        }
        if (target) {
            target = Object.assign({}, target, {compact: window.dash_clientside.eaeu.compact()});
        }
        const tab = target ? target.controls.tab : null;
        const ready = panels.includes(tab) && (built || []).includes(tab);
        const sent = panels.map(name => name === tab && ready ? target : skip);
        const opening = target && panels.includes(tab) && !ready ? target : skip;
        const other = target && !panels.includes(tab) && byControls ? target : skip;
        const fresh = view && view.origin !== "page" && view.card !== card;
        return [...sent, opening, other, byView && fresh ? view : skip];
    }
    """.replace('"CONTROLS"', json.dumps(ids.CONTROLS))
    .replace('"VIEW"', json.dumps(ids.VIEW))
    .replace('"WIDTH"', json.dumps(ids.WIDTH)),
    Output(ids.INDICATORS_VIEW, "data"),
    Output(ids.MISSIONS_VIEW, "data"),
    Output(ids.TABLE_VIEW, "data"),
    Output(ids.CHANGES_VIEW, "data"),
    Output(ids.OPEN_TAB, "data"),
    Output(ids.VIEW_REQUEST, "data"),
    Output(ids.HIGHLIGHT_VIEW, "data"),
    Input(ids.CONTROLS, "data"),
    Input(ids.VIEW, "data"),
    Input(ids.WIDTH, "data"),
    State(ids.HIGHLIGHT_DRAWN, "data"),
    State(ids.PANELS_BUILT, "data"),
    prevent_initial_call=True,
)


def is_compact(request: dict | None) -> bool:
    """Whether a panel's request asks for charts drawn for a phone-width screen."""
    return isinstance(request, dict) and request.get("compact") is True


# A page is drawn for the width class the server guessed (components/page.py): on a screen
# of the other class, the shown panel is drawn again for it, once, as the page loads.
clientside_callback(
    """
    function(_pathname, drawn) {
        const now = window.dash_clientside.eaeu.compact() ? "compact" : "wide";
        return now === drawn ? window.dash_clientside.no_update : now;
    }
    """,
    Output(ids.WIDTH, "data", allow_duplicate=True),
    Input(ids.URL, "pathname"),
    State(ids.WIDTH, "data"),
    prevent_initial_call="initial_duplicate",
)
