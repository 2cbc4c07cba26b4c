"""The figure-of-the-week form: edit, save as a new version, follow rollbacks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, html, no_update
from dash.exceptions import PreventUpdate

from components import ids, services
from components.common import field
from components.data.shared import (
    geo_names,
    indicator_names,
    message_list,
    require_editor,
)
from components.view import lang_of
from eaeu.dataset import Dataset
from eaeu.highlights import (
    HIGHLIGHT_FIELDS,
    NothingChanged,
    highlight_row,
    latest_highlight_row,
    save_highlight,
)
from eaeu.i18n import t
from eaeu.model import DataError, format_problems

LONG_TEXT_FIELDS = ("text_ru", "text_en")


def highlight_section(ds: Dataset, highlights: pd.DataFrame, lang: str) -> html.Section:
    current = latest_highlight_row(highlights)
    controls = [
        dbc.Col(highlight_control(name, current.get(name, ""), ds, lang), md=md)
        for name, md in zip(HIGHLIGHT_FIELDS, highlight_widths(), strict=True)
    ]
    return html.Section(
        [
            html.H2(t("highlight_form_title", lang), className="h5"),
            html.P(t("highlight_form_hint", lang), className="small text-secondary"),
            dbc.Row(controls),
            dbc.Button(t("highlight_save", lang), id=ids.HIGHLIGHT_SAVE, n_clicks=0),
            html.Div(id=ids.HIGHLIGHT_STATUS, role="status", className="mt-2"),
        ]
    )


def highlight_widths() -> list[int]:
    widths = {"headline_ru": 6, "headline_en": 6, "text_ru": 6, "text_en": 6, "leaders": 6}
    widths |= {"source_name_ru": 4, "source_name_en": 4, "source_url": 4}
    return [widths.get(name, 4) for name in HIGHLIGHT_FIELDS]


def highlight_control(name: str, value: str, ds: Dataset, lang: str) -> html.Div:
    component_id = ids.highlight_field(name)
    if name == "indicator":
        options = [{"label": n, "value": c} for c, n in indicator_names(ds, lang).items()]
        control = dbc.Select(id=component_id, options=options, value=value)
    elif name == "geo":
        options = [{"label": n, "value": c} for c, n in geo_names(ds, lang).items()]
        control = dbc.Select(id=component_id, options=options, value=value)
    elif name in LONG_TEXT_FIELDS:
        control = dbc.Textarea(id=component_id, value=value, rows=2)
    else:
        control = dbc.Input(id=component_id, type="text", value=value)
    return field(t(f"highlight_{name}", lang), control, component_id)


@callback(
    Output(ids.HIGHLIGHT_STATUS, "children"),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Input(ids.HIGHLIGHT_SAVE, "n_clicks"),
    *(State(ids.highlight_field(name), "value") for name in HIGHLIGHT_FIELDS),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def save_highlight_form(n_clicks, *values_and_view):
    editor = require_editor()
    if not n_clicks:
        raise PreventUpdate
    *values, view = values_and_view
    lang = lang_of(view)
    row = highlight_row(dict(zip(HIGHLIGHT_FIELDS, values, strict=True)))
    try:
        info = save_highlight(services.store(), row, editor)
    except NothingChanged:
        return dbc.Alert(t("highlight_unchanged", lang), color="secondary"), no_update
    except DataError as exc:
        lines = format_problems(exc.problems, lang).splitlines()
        return message_list(t("data_not_saved", lang), lines, "danger"), no_update
    return dbc.Alert(t("data_saved", lang, version=info.id), color="success"), info.id


@callback(
    *(Output(ids.highlight_field(name), "value") for name in HIGHLIGHT_FIELDS),
    Input(ids.DATA_VERSION, "data"),
    prevent_initial_call=True,
)
def refresh_highlight_form(_version):
    """After any new version the form shows the figure the site shows (a rollback may have
    changed it): saving stale values would quietly undo that."""
    require_editor()
    row = latest_highlight_row(services.store().load_raw()["highlights"])
    return tuple(row.get(name, "") for name in HIGHLIGHT_FIELDS)
