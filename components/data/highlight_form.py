"""The figure-of-the-week form: edit, save as a new version, follow rollbacks. What the editor
typed is read and checked by eaeu.highlight_form_rules; this module renders its messages."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
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
from eaeu.highlight_form_rules import FormProblems, every_problem, form_values, read_form
from eaeu.highlights import (
    HIGHLIGHT_FIELDS,
    NothingChanged,
    latest_highlight_row,
    save_highlight,
)
from eaeu.i18n import STRINGS, t
from eaeu.model import DataError, format_problems

LONG_TEXT_FIELDS = ("text_ru", "text_en")


def highlight_section(ds: Dataset, highlights: pd.DataFrame, lang: str) -> html.Section:
    shown = form_values(latest_highlight_row(highlights), lang)
    controls = [
        dbc.Col(highlight_control(name, shown[name], ds, lang), md=md)
        for name, md in zip(HIGHLIGHT_FIELDS, highlight_widths(), strict=True)
    ]
    return html.Section(
        [
            html.H2(t("highlight_form_title", lang), className="h5"),
            html.P(t("highlight_form_hint", lang), className="small text-secondary"),
            dcc.Store(id=ids.HIGHLIGHT_ERRORS, data={}),
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
    feedback = dbc.FormFeedback(id=ids.highlight_feedback(name), type="invalid")
    return field(field_label(name, lang), control, component_id, feedback)


def field_label(name: str, lang: str) -> list:
    """The field's name (which its error messages repeat) and, for typed formats, the format."""
    hint = f"highlight_{name}_hint"
    label: list = [t(f"highlight_{name}", lang)]
    if hint in STRINGS:
        label += [" ", html.Span(t(hint, lang), className="fw-normal text-secondary small")]
    return label


@callback(
    Output(ids.HIGHLIGHT_STATUS, "children"),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Output(ids.HIGHLIGHT_ERRORS, "data"),
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
    reading = read_form(dict(zip(HIGHLIGHT_FIELDS, values, strict=True)), lang)
    store = services.store()
    if reading.errors:
        # Nothing is saved; the data are read to list every problem at once.
        return not_saved(every_problem(reading, store.load_raw(), lang), lang)
    try:
        info = save_highlight(store, reading.row, editor, lang)
    except FormProblems as problems:
        return not_saved(problems.errors, lang)
    except NothingChanged:
        return dbc.Alert(t("highlight_unchanged", lang), color="secondary"), no_update, {}
    except DataError as exc:  # a check of the whole dataset that no field of the form names
        lines = format_problems(exc.problems, lang).splitlines()
        return message_list(t("data_not_saved", lang), lines, "danger"), no_update, {}
    return dbc.Alert(t("data_saved", lang, version=info.id), color="success"), info.id, {}


def not_saved(errors: dict[str, str], lang: str) -> tuple:
    """Every message in the status, and each under its own field (by control id)."""
    status = message_list(t("data_not_saved", lang), list(errors.values()), "danger")
    by_control = {ids.highlight_field(name): message for name, message in errors.items()}
    return status, no_update, by_control


# Each field shows its own message and is marked invalid, for screen readers too
# (assets/app.js: dbc controls take no aria attributes, so the browser sets them).
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="markInvalid"),
    *(Output(ids.highlight_field(name), "invalid") for name in HIGHLIGHT_FIELDS),
    *(Output(ids.highlight_feedback(name), "children") for name in HIGHLIGHT_FIELDS),
    Input(ids.HIGHLIGHT_ERRORS, "data"),
    prevent_initial_call=True,
)


@callback(
    *(Output(ids.highlight_field(name), "value") for name in HIGHLIGHT_FIELDS),
    Output(ids.HIGHLIGHT_ERRORS, "data", allow_duplicate=True),
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def refresh_highlight_form(_version, view):
    """After any new version the form shows the figure the site shows (a rollback may have
    changed it): saving stale values would quietly undo that."""
    require_editor()
    row = latest_highlight_row(services.store().load_raw()["highlights"])
    shown = form_values(row, lang_of(view))
    return (*(shown[name] for name in HIGHLIGHT_FIELDS), {})
