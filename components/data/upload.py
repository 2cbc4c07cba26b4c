"""The upload form and its flow: upload -> preview -> answer questions -> commit or cancel."""

from __future__ import annotations

import json
from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from components import ids, services
from components.common import field
from components.data.preview import preview_view, questions_view
from components.data.shared import (
    indicator_names,
    message_list,
    require_editor,
    text_field,
)
from components.view import lang_of
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.imports.limits import MB, decode_upload
from eaeu.imports.options import Options
from eaeu.imports.session import ImportSession, PendingUpload
from eaeu.imports.summary import PreviewSummary
from eaeu.messages import render
from eaeu.model import DataError, format_problems

ACCEPT = ".xlsx,.xlsm,.ods,.csv"
FROM_FILE = "from-file"  # the indicator select's "no choice": "" would show as blank


def import_options(
    indicator: str | None,
    source_name_ru: str | None = None,
    source_name_en: str | None = None,
    source_url: str | None = None,
    source_date: str | None = None,
    no_source_url: bool | None = False,
) -> Options:
    """The form's choices; the importer's questions, once answered, win over them."""
    chosen = indicator if indicator and indicator != FROM_FILE else None
    return Options.given(
        indicator=chosen,
        source_name_ru=source_name_ru,
        source_name_en=source_name_en,
        source_url=source_url,
        source_date=source_date,
        no_source_url=bool(no_source_url),
    )


def session() -> ImportSession:
    return ImportSession(services.store(), services.settings().limits)


def import_section(ds: Dataset, lang: str) -> html.Section:
    limit = services.settings().limits.max_bytes
    zone = "border border-2 rounded p-4 text-center"
    upload = dcc.Upload(
        html.Div(
            [
                html.Div(t("data_drop", lang), className="fw-bold"),
                html.Div(t("data_drop_limits", lang, mb=f"{limit / MB:g}"), className="small"),
            ]
        ),
        id=ids.DATA_UPLOAD,
        accept=ACCEPT,
        # dcc.Upload drops a larger file without a word: the zone's text states the limit.
        max_size=limit,
        multiple=False,
        # The wrapping label names the file input for screen readers and opens the chooser
        # on a click; the zone's own click handler is off, so one path alone opens it.
        disable_click=True,
        className=f"{zone} bg-white",
        className_active=f"{zone} border-primary bg-primary-subtle",
        # A file of another type dragged over the zone turns it red (dcc.Upload ignores
        # style_reject once className_reject is given, so the classes carry it all).
        className_reject=f"{zone} border-danger bg-danger-subtle text-danger",
        style={"borderStyle": "dashed", "cursor": "pointer"},
    )
    upload = html.Label(upload, className="upload-zone d-block mb-3")
    indicator_options = [{"label": t("data_indicator_from_file", lang), "value": FROM_FILE}]
    indicator_options += [
        {"label": name, "value": code} for code, name in indicator_names(ds, lang).items()
    ]
    options = dbc.Row(
        [
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend(t("data_mode", lang), className="form-label fw-bold fs-6"),
                        dbc.RadioItems(
                            id=ids.DATA_MODE,
                            options=[
                                {"label": t("data_mode_merge", lang), "value": "merge"},
                                {"label": t("data_mode_replace", lang), "value": "replace"},
                            ],
                            value="merge",
                        ),
                    ]
                ),
                md=6,
            ),
            dbc.Col(
                field(
                    t("data_indicator", lang),
                    dbc.Select(
                        id=ids.DATA_IMPORT_INDICATOR, options=indicator_options, value=FROM_FILE
                    ),
                    ids.DATA_IMPORT_INDICATOR,
                ),
                md=6,
            ),
        ]
    )
    sources = source_fields(lang)
    buttons = html.Div(
        [
            dbc.Button(t("data_commit", lang), id=ids.DATA_COMMIT, disabled=True, n_clicks=0),
            dbc.Button(
                t("data_cancel", lang),
                id=ids.DATA_CANCEL,
                color="secondary",
                outline=True,
                disabled=True,
                n_clicks=0,
            ),
        ],
        className="d-flex gap-2 mb-2",
    )
    return html.Section(
        [
            html.H2(t("data_import_title", lang), className="h5"),
            upload,
            options,
            sources,
            html.Div(id=ids.DATA_QUESTIONS, **{"aria-live": "polite"}),
            dcc.Loading(html.Div(id=ids.DATA_PREVIEW, **{"aria-live": "polite"}), delay_show=150),
            text_field(t("data_note", lang), ids.DATA_NOTE, debounce=False),
            buttons,
            html.Div(id=ids.DATA_IMPORT_STATUS, role="status"),
        ]
    )


def source_fields(lang: str) -> html.Fieldset:
    """The source of rows the file names none for, or the language of a name it lacks: the
    preview says which of these fields an import still needs."""
    no_url = dbc.Checkbox(
        id=ids.DATA_SOURCE_NO_URL, label=t("data_source_no_url", lang), value=False
    )
    row = dbc.Row(
        [
            dbc.Col(text_field(t("data_source_name_ru", lang), ids.DATA_SOURCE_NAME_RU), md=6),
            dbc.Col(text_field(t("data_source_name_en", lang), ids.DATA_SOURCE_NAME_EN), md=6),
            dbc.Col([text_field(t("data_source_url", lang), ids.DATA_SOURCE_URL), no_url], md=6),
            dbc.Col(text_field(t("data_source_date", lang), ids.DATA_SOURCE_DATE), md=6),
        ]
    )
    legend = html.Legend(t("data_source_legend", lang), className="form-label fw-bold fs-6")
    return html.Fieldset([legend, row], className="mb-2")


@callback(
    Output(ids.DATA_PREVIEW, "children"),
    Output(ids.DATA_QUESTIONS, "children"),
    Output(ids.DATA_PENDING, "data"),
    Output(ids.DATA_UPLOAD, "contents"),
    Output(ids.DATA_COMMIT, "disabled"),
    Output(ids.DATA_CANCEL, "disabled"),
    Output(ids.DATA_IMPORT_STATUS, "children"),
    Input(ids.DATA_UPLOAD, "contents"),
    Input(ids.DATA_MODE, "value"),
    Input(ids.DATA_IMPORT_INDICATOR, "value"),
    Input(ids.DATA_SOURCE_NAME_RU, "value"),
    Input(ids.DATA_SOURCE_NAME_EN, "value"),
    Input(ids.DATA_SOURCE_URL, "value"),
    Input(ids.DATA_SOURCE_NO_URL, "value"),
    Input(ids.DATA_SOURCE_DATE, "value"),
    Input({"type": ids.DATA_ANSWER, "key": ALL}, "value"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_PENDING, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def preview(contents, mode, indicator, name_ru, name_en, url, no_url, date, _answers, filename,
            pending, view):  # fmt: skip
    """Parse a new upload, or re-plan the waiting one with new options or answers."""
    lang = lang_of(view)
    require_editor()
    trigger = ctx.triggered_id
    if trigger is None:  # answer buttons vanished (a new file, a commit): nothing to redo
        raise PreventUpdate
    steps = session()
    waiting = PendingUpload.from_dict(pending)
    if trigger == ids.DATA_UPLOAD:
        if not contents:
            raise PreventUpdate
        steps.cancel(waiting)
        try:
            data = decode_upload(contents, steps.limits, filename or "upload")
        except DataError as exc:
            lines = [problem.text(lang) for problem in exc.problems]
            refused = message_list(t("data_errors", lang), lines, "danger")
            return refused, [], None, None, True, True, ""
        waiting = steps.start(data, filename)
    else:
        waiting = changed_options(trigger, waiting)
    options = import_options(indicator, name_ru, name_en, url, date, no_url)
    previewed = steps.preview(waiting, options, mode or "merge")
    if previewed is None:
        status = dbc.Alert(t("data_expired", lang), color="warning")
        return [], [], None, None, True, True, status
    outcome, waiting = previewed
    ds = services.dataset()
    # contents -> None: the file is not sent again with later requests, nor kept in the page.
    return (
        preview_view(PreviewSummary.of(outcome), ds, lang),
        questions_view(waiting, ds, lang),
        waiting.to_dict(),
        None,
        waiting.preview is None,
        False,
        "",
    )


def changed_options(trigger, waiting: PendingUpload | None) -> PendingUpload:
    """The waiting upload after an option or answer changed; PreventUpdate if nothing did."""
    if waiting is None:
        raise PreventUpdate
    if not isinstance(trigger, dict):
        return waiting
    # An answer: re-rendered radio buttons report their values again; only a change counts.
    answered = waiting.answer(given_answers(ctx.inputs))
    if answered is None:
        raise PreventUpdate
    return answered


def given_answers(inputs: dict[str, object]) -> dict[str, str]:
    """The answer buttons' values by question, from the callback's inputs ('id.prop' keys)."""
    given = {}
    for prop_id, value in inputs.items():
        component = prop_id.rsplit(".", 1)[0]
        if not component.startswith("{"):
            continue
        answer = json.loads(component)
        if answer.get("type") == ids.DATA_ANSWER and isinstance(value, str):
            given[answer.get("key")] = value
    return given


def flow_outputs() -> list[Output]:
    """What ending an import (commit or cancel) resets: status, preview, questions, tokens and
    the two buttons."""
    return [
        Output(ids.DATA_IMPORT_STATUS, "children", allow_duplicate=True),
        Output(ids.DATA_PREVIEW, "children", allow_duplicate=True),
        Output(ids.DATA_QUESTIONS, "children", allow_duplicate=True),
        Output(ids.DATA_PENDING, "data", allow_duplicate=True),
        Output(ids.DATA_COMMIT, "disabled", allow_duplicate=True),
        Output(ids.DATA_CANCEL, "disabled", allow_duplicate=True),
    ]


@callback(
    *flow_outputs(),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Input(ids.DATA_COMMIT, "n_clicks"),
    State(ids.DATA_PENDING, "data"),
    State(ids.DATA_NOTE, "value"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def commit(n_clicks, pending, note, view):
    """Save the previewed import as a new version: exactly the change the editor saw."""
    lang = lang_of(view)
    editor = require_editor()
    waiting = PendingUpload.from_dict(pending)
    if not n_clicks or waiting is None or not waiting.preview:
        raise PreventUpdate
    outcome = session().commit(waiting, editor, note or "")
    if outcome is None:
        status = dbc.Alert(t("data_expired", lang), color="warning")
        return status, [], [], None, True, True, no_update
    if outcome.stale_from is not None:
        return stale_commit(outcome, waiting, lang)
    if not outcome.committed:
        lines = format_problems(outcome.problems, lang).splitlines()
        status = message_list(t("data_not_saved", lang), lines, "danger")
        return (
            status,
            no_update,
            no_update,
            replace(waiting, preview=None).to_dict(),
            True,
            False,
            no_update,
        )
    saved = dbc.Alert(t("data_saved", lang, version=outcome.version.id), color="success")
    return saved, [], [], None, True, True, outcome.version.id


def stale_commit(outcome, waiting: PendingUpload, lang: str) -> tuple:
    """Another editor saved a version after this preview: show the fresh preview, say why."""
    waiting = session().refreshed(waiting, outcome)
    summary = PreviewSummary.of(outcome)
    text = render(summary.stale_message(), lang)
    status = dbc.Alert(text, color="warning", className="data-changed-meanwhile")
    view = preview_view(summary, services.dataset(), lang)
    ready = waiting.preview is not None
    return status, view, no_update, waiting.to_dict(), not ready, False, no_update


@callback(
    *flow_outputs(),
    Input(ids.DATA_CANCEL, "n_clicks"),
    State(ids.DATA_PENDING, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def cancel(n_clicks, pending, view):
    lang = lang_of(view)
    require_editor()
    if not n_clicks:
        raise PreventUpdate
    session().cancel(PendingUpload.from_dict(pending))
    status = dbc.Alert(t("data_cancelled", lang), color="secondary")
    return status, [], [], None, True, True
