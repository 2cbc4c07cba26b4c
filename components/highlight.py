"""The figure-of-the-week card, as on the site: the big number, caption, leaders, source, date,
and its "Export card"."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from components import card_export, ids
from components.view import card_key, view_and_data
from eaeu.dataset import Dataset
from eaeu.highlight_card import highlight_card
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
    card = highlight_card(ds, lang)
    if card is None:
        return None
    body = [
        html.Div(card.kicker, className="text-uppercase small fw-bold text-accent"),
        html.Div(card.number, className="highlight-number"),
        html.P(card.caption, className="mb-2"),
    ]
    if card.leaders:
        body.append(html.P([html.Span(f"{card.leaders_label}: "), card.leaders], className="mb-2"))
    source = card.source_name
    if card.source_url:
        source = html.A(source, href=card.source_url, target="_blank", rel="noopener")
    body.append(
        html.P(
            [f"{card.source_label}: ", source, html.Br(), card.date],
            className="small text-secondary mb-0",
        )
    )
    body.append(card_export.layout(card))
    return dbc.Card(dbc.CardBody(body), id=ids.HIGHLIGHT, className="highlight-card mb-3")
