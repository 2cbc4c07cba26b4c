"""The banner of a past version ("Data as published on ...", with links to the current data and
to what changed since), and why an address's version could not be shown."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, dcc, html

from components import ids
from eaeu.i18n import fmt_date, t
from eaeu.messages import render
from eaeu.view import ResolvedView


def published_text(view: ResolvedView) -> str:
    """'Data as published on 20 December 2024 (version 3).'"""
    date = fmt_date(view.published, view.lang)
    return t("vintage_banner", view.lang, date=date, version=view.vintage)


def banner(view: ResolvedView, links: dict[str, str]) -> list:
    """What the page says above the tabs about the data's version; `links`: the view payload's
    'vintage' links (the same view of the current data, and the changes since)."""
    lang = view.lang
    parts: list = []
    if view.problems:
        # A bad version shows the current data; a bad comparison the latest change.
        fallback = {"compare": "compare_fallback"}
        lines = [
            html.Li(t(fallback.get(name, "vintage_fallback"), lang, reason=render(message, lang)))
            for name, message in view.problems
        ]
        parts.append(
            dbc.Alert(
                html.Ul(lines, className="mb-0 ps-3"), id=ids.VINTAGE_PROBLEMS, color="warning"
            )
        )
    if not view.vintage:
        return parts
    content: list = [
        html.Span(published_text(view)),
        " ",
        _link(t("vintage_see_current", lang), links["current"], ids.VINTAGE_CURRENT_LINK),
    ]
    if view.vintage != view.newest:
        changes = t("vintage_see_changes", lang)
        content += [" · ", _link(changes, links["changes"], ids.VINTAGE_CHANGES_LINK)]
    parts.append(
        dbc.Alert(content, id=ids.VINTAGE_BANNER, color="info", className="vintage-banner")
    )
    return parts


def _link(text: str, href: str, component_id: str) -> dcc.Link:
    return dcc.Link(text, href=href, id=component_id, className="alert-link")


def data_tab_note(view: ResolvedView) -> list:
    """The editors' tab always works on the current data, whatever version the others show."""
    if not view.vintage:
        return []
    text = t("vintage_data_tab", view.lang, current=view.newest, version=view.vintage)
    return [dbc.Alert(text, color="secondary", className="small py-2")]


# The banner's links keep the rest of the view as the reader changes it (a banner is on the
# page only for a past version, and its second link only while a newer one exists).
for _component, _key in (
    (ids.VINTAGE_CURRENT_LINK, "current"),
    (ids.VINTAGE_CHANGES_LINK, "changes"),
):
    clientside_callback(
        f"function(view) {{ return view ? view.vintage.{_key} : window.dash_clientside.no_update; }}",
        Output(_component, "href"),
        Input(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
