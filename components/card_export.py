"""The figure-of-the-week card's "Export card": preset, format and language, the image, alt text.

Thin: eaeu/export/card.py lays the card out and the charts' renderer draws it; the controls,
the export limits and the messages are the chart export panel's (components/export_panel.py).
Anyone may export the card, as any chart.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html
from dash.exceptions import PreventUpdate

from components import ids
from components.export_panel import (
    alt_box,
    choice,
    file_download,
    guarded_export,
    labelled,
    s,
    status_area,
)
from components.services import exports
from components.view import lang_of, view_and_data
from eaeu.dataset import Dataset
from eaeu.export.alt_text import card_alt_text
from eaeu.export.card import CARD_PRESETS, CardOptions, card_file_name, render_card
from eaeu.export.options import FORMATS, MIME_TYPES
from eaeu.highlight_card import HighlightCard, highlight_card
from eaeu.i18n import LANGS


def layout(card: HighlightCard) -> html.Details:
    """A collapsed "Экспорт карточки / Export card" under the card, in the card's language.
    Its controls are built when it is first opened (`build_body`, one request): until then
    they cost the page nothing (Dash checks each component it holds at every change)."""
    return html.Details(
        [
            html.Summary(
                s("card_export", card.lang),
                id=ids.CARD_EXPORT_SUMMARY,
                n_clicks=0,
                className="small fw-bold",
            ),
            dcc.Store(id=ids.CARD_EXPORT_BUILD),
            html.Div(id=ids.CARD_EXPORT_BODY, className="pt-2"),
        ],
        id=ids.CARD_EXPORT,
        className="export-panel mt-2",
    )


def body(card: HighlightCard) -> list:
    """The panel's controls in the card's language, with the card's alt text."""
    lang = card.lang
    presets = [(name, s(f"preset_{name}", lang)) for name in CARD_PRESETS]
    formats = [(f, f.upper()) for f in FORMATS]
    languages = [(code, code.upper()) for code in LANGS]
    controls = dbc.Row(
        [
            labelled(s("size", lang), choice(ids.CARD_EXPORT_PRESET, presets, "square"), 12, 12),
            labelled(s("format", lang), choice(ids.CARD_EXPORT_FORMAT, formats, "png"), 6),
            labelled(s("lang", lang), choice(ids.CARD_EXPORT_LANG, languages, lang), 6),
        ]
    )
    actions = html.Div(
        [
            dbc.Button(s("card_download", lang), id=ids.CARD_EXPORT_BUTTON, size="sm"),
            status_area(ids.CARD_EXPORT_STATUS, ids.CARD_EXPORT_DOWNLOAD),
        ],
        className="d-flex flex-wrap align-items-center mb-2",
    )
    return [controls, actions, alt_box(ids.CARD_EXPORT_ALT_TEXT, lang, card_alt_text(card))]


# Opened the first time, the panel asks for its controls (closed, or built: no request).
clientside_callback(
    """
    function(clicks, built, view) {
        const open = clicks && clicks % 2 === 1 && !(built && built.length);
        return open && view ? view : window.dash_clientside.no_update;
    }
    """,
    Output(ids.CARD_EXPORT_BUILD, "data"),
    Input(ids.CARD_EXPORT_SUMMARY, "n_clicks"),
    State(ids.CARD_EXPORT_BODY, "children"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.CARD_EXPORT_BODY, "children"),
    Input(ids.CARD_EXPORT_BUILD, "data"),
    prevent_initial_call=True,
)
def build_body(view_data):
    """The controls of the card's panel, for the card on screen (of the version shown)."""
    ds, view = view_and_data(view_data)
    card = highlight_card(ds, view.lang) if view_data else None
    if card is None:
        raise PreventUpdate
    return body(card)


@callback(
    Output(ids.CARD_EXPORT_ALT_TEXT, "value"),
    Input(ids.CARD_EXPORT_LANG, "value"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def fill_alt_text(lang, view_data):
    """The alt text follows the language chosen for the image."""
    ds, _ = view_and_data(view_data)  # the card on screen: of the version the page shows
    card = highlight_card(ds, lang)
    return card_alt_text(card) if card else ""


def card_download(ds: Dataset, options: CardOptions, vintage: int) -> dict:
    with exports().place():
        card, content = render_card(ds, options)
    name = card_file_name(card, options, vintage=vintage)
    return file_download(content, name, MIME_TYPES[options.fmt])


@callback(
    Output(ids.CARD_EXPORT_DOWNLOAD, "data"),
    Output(ids.CARD_EXPORT_STATUS, "children"),
    Input(ids.CARD_EXPORT_BUTTON, "n_clicks"),
    State(ids.CARD_EXPORT_PRESET, "value"),
    State(ids.CARD_EXPORT_FORMAT, "value"),
    State(ids.CARD_EXPORT_LANG, "value"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def export_card(_clicks, preset, fmt, lang, view_data):
    """Render on the server with the warm browser, within the client's export limit."""

    def make() -> tuple:
        ds, view = view_and_data(view_data)  # a past version's card, when the page shows one
        options = CardOptions(preset=preset, fmt=fmt, lang=lang)
        return (card_download(ds, options, view.vintage),)

    return guarded_export(make, lang_of(view_data), outputs=1)
