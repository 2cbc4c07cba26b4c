"""The upload form and its flow: upload -> preview -> answer questions -> commit or cancel."""

from __future__ import annotations

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
from eaeu.imports.parse import Question
from eaeu.imports.pending import StoredPendingImports, UploadStash, drop_tokens
from eaeu.imports.workflow import commit_import, preview_import
from eaeu.model import DataError, format_problems
from eaeu.store import Store

ACCEPT = ".xlsx,.xlsm,.ods,.csv"
FROM_FILE = "from-file"  # the indicator select's "no choice": "" would show as blank


def pending_tokens(pending: dict | None) -> tuple[str | None, str | None]:
    pending = pending or {}
    return pending.get("upload"), pending.get("preview")


def import_options(
    indicator: str | None,
    answers: dict[str, str],
    source_name: str | None = None,
    source_url: str | None = None,
    source_date: str | None = None,
) -> dict[str, str | None]:
    """Keyword options for preview_import; an answered question wins over the form's select."""
    chosen = indicator if indicator and indicator != FROM_FILE else None
    options = {
        "indicator": answers.get("indicator") or chosen,
        "value_form": answers.get("value_form") or None,
    }
    for name, value in (
        ("source_name", source_name),
        ("source_url", source_url),
        ("source_date", source_date),
    ):
        options[name] = (value or "").strip() or None
    return options


def remember_questions(pending: dict, questions: list[Question]) -> dict:
    """Keep every question asked about this file, so an answer stays visible and changeable."""
    asked = dict(pending.get("questions") or {})
    for question in questions:
        asked[question.key] = [question.message, list(question.choices)]
    return {**pending, "questions": asked}


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
    sources = dbc.Row(
        [
            dbc.Col(text_field(t("data_source_name", lang), ids.DATA_SOURCE_NAME), md=5),
            dbc.Col(text_field(t("data_source_url", lang), ids.DATA_SOURCE_URL), md=4),
            dbc.Col(text_field(t("data_source_date", lang), ids.DATA_SOURCE_DATE), md=3),
        ]
    )
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
    Input(ids.DATA_SOURCE_NAME, "value"),
    Input(ids.DATA_SOURCE_URL, "value"),
    Input(ids.DATA_SOURCE_DATE, "value"),
    Input({"type": ids.DATA_ANSWER, "key": ALL}, "value"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_PENDING, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def preview(contents, mode, indicator, source_name, source_url, source_date, _answers, filename,
            pending, view):  # fmt: skip
    """Parse a new upload, or re-plan the waiting one with new options or answers."""
    lang = lang_of(view)
    require_editor()
    trigger = ctx.triggered_id
    if trigger is None:  # answer buttons vanished (a new file, a commit): nothing to redo
        raise PreventUpdate
    store = services.store()
    if trigger == ids.DATA_UPLOAD:
        if not contents:
            raise PreventUpdate
        drop_tokens(store, *pending_tokens(pending))
        try:
            data = decode_upload(contents, services.settings().limits)
        except DataError as exc:
            refused = message_list(t("data_errors", lang), [str(p) for p in exc.problems], "danger")
            return refused, [], None, None, True, True, ""
        file_name = filename or "upload"
        pending = {"upload": UploadStash(store).put(data, file_name), "answers": {}}
    else:
        pending = changed_options(trigger, pending)
        stashed = UploadStash(store).get(pending["upload"])
        if stashed is None:
            return expired(store, pending, lang)
        data, file_name = stashed
    options = import_options(indicator, pending["answers"], source_name, source_url, source_date)
    outcome = preview_import(
        store, data, file_name, mode or "merge", **options, limits=services.settings().limits
    )
    drop_tokens(store, pending.get("preview"))
    # The parsed rows wait server-side under this token until Commit; the browser keeps it only.
    token = StoredPendingImports(store).put(outcome) if outcome.plan.ok else None
    pending = remember_questions({**pending, "preview": token}, outcome.plan.parsed.questions)
    ds = services.dataset()
    # contents -> None: the file is not sent again with later requests, nor kept in the page.
    return (
        preview_view(outcome, ds, lang),
        questions_view(pending, ds, lang),
        pending,
        None,
        token is None,
        False,
        "",
    )


def changed_options(trigger, pending: dict | None) -> dict:
    """The waiting upload's state after an option or answer changed; PreventUpdate if none."""
    if not pending or not pending.get("upload"):
        raise PreventUpdate
    if not isinstance(trigger, dict):
        return pending
    # An answer: re-rendered radio buttons report their values again; only a change counts.
    given = {item["id"]["key"]: item.get("value") for item in ctx.inputs_list[6]}
    answers = {**pending.get("answers", {}), **{k: v for k, v in given.items() if v}}
    if answers == pending.get("answers", {}):
        raise PreventUpdate
    return {**pending, "answers": answers}


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


def expired(store: Store, pending: dict, lang: str) -> tuple:
    drop_tokens(store, *pending_tokens(pending))
    status = dbc.Alert(t("data_expired", lang), color="warning")
    return [], [], None, None, True, True, status


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
    upload, token = pending_tokens(pending)
    if not n_clicks or not token:
        raise PreventUpdate
    store = services.store()
    outcome = StoredPendingImports(store).pop(token)
    if outcome is None:
        drop_tokens(store, upload)
        status = dbc.Alert(t("data_expired", lang), color="warning")
        return status, [], [], None, True, True, no_update
    outcome = commit_import(store, outcome, editor, (note or "").strip())
    if not outcome.committed:
        lines = format_problems(outcome.problems).splitlines()
        status = message_list(t("data_not_saved", lang), lines, "danger")
        return status, no_update, no_update, {**pending, "preview": None}, True, False, no_update
    drop_tokens(store, upload)
    saved = dbc.Alert(t("data_saved", lang, version=outcome.version.id), color="success")
    return saved, [], [], None, True, True, outcome.version.id


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
    drop_tokens(services.store(), *pending_tokens(pending))
    status = dbc.Alert(t("data_cancelled", lang), color="secondary")
    return status, [], [], None, True, True
