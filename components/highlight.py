"""The figure-of-the-week card, as on the site: the big number, caption, leaders, source, date."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from components import ids
from components.view import card_key, view_and_data
from eaeu import queries
from eaeu.dataset import Dataset
from eaeu.i18n import fmt_date, fmt_value, t
from eaeu.view import ResolvedView


def aside(ds: Dataset, view: ResolvedView) -> html.Aside:
    """The card's place beside the tabs; it follows the language and every new version."""
    return html.Aside(
        [
            dcc.Store(id=ids.HIGHLIGHT_VIEW),
            html.Div(
                [dcc.Store(id=ids.HIGHLIGHT_DRAWN, data=card_key(view)), layout(ds, view.lang)],
                id=ids.HIGHLIGHT_BOX,
            ),
        ]
    )


@callback(
    Output(ids.HIGHLIGHT_BOX, "children"),
    Input(ids.HIGHLIGHT_VIEW, "data"),
    State(ids.HIGHLIGHT_DRAWN, "data"),
    prevent_initial_call=True,
)
def refresh(view_data, drawn):
    ds, view = view_and_data(view_data)
    if card_key(view) == drawn:
        raise PreventUpdate
    return [dcc.Store(id=ids.HIGHLIGHT_DRAWN, data=card_key(view)), layout(ds, view.lang)]


def layout(ds: Dataset, lang: str) -> dbc.Card | None:
    highlight = queries.latest_highlight(ds)
    if highlight is None:
        return None
    names = queries.geo_names(ds, lang)
    leaders = ", ".join(
        f"{names.get(code, code)} ({fmt_value(value, highlight.unit, lang)})"
        for code, value in highlight.leaders
    )
    body = [
        html.Div(t("figure_of_week", lang), className="text-uppercase small fw-bold text-accent"),
        html.Div(fmt_value(highlight.value, highlight.unit, lang), className="highlight-number"),
        html.P(highlight.text(lang), className="mb-2"),
    ]
    if leaders:
        body.append(html.P([html.Span(f"{t('leaders', lang)}: "), leaders], className="mb-2"))
    source = highlight.source_name(lang)
    if highlight.source_url:
        source = html.A(source, href=highlight.source_url, target="_blank", rel="noopener")
    body.append(
        html.P(
            [f"{t('source', lang)}: ", source, html.Br(), fmt_date(highlight.date, lang)],
            className="small text-secondary mb-0",
        )
    )
    return dbc.Card(dbc.CardBody(body), id=ids.HIGHLIGHT, className="highlight-card mb-3")
