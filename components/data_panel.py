"""The Data tab, for editors only: upload -> preview -> commit, the figure-of-the-week form,
and the version history with downloads and rollback. Every change is a new store version.

Nothing an upload contains is ever rendered as markup: file names, cells and messages reach the
page only as plain-text children (Dash escapes them), never through Markdown or raw HTML.
Every callback here checks `is_editor()` itself, besides `auth.protect` refusing forged requests.
"""

from __future__ import annotations

import calendar
import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate
from flask import current_app

from components import auth, highlight, ids
from components.common import dataset, field
from eaeu.dataset import Dataset
from eaeu.highlights import (
    HIGHLIGHT_FIELDS,
    NothingChanged,
    highlight_row,
    latest_highlight_row,
    save_highlight,
)
from eaeu.i18n import normalize_lang, period_label, t
from eaeu.imports.limits import MB, Limits, decode_upload
from eaeu.imports.parse import Question
from eaeu.imports.pending import StoredPendingImports, UploadStash, drop_tokens
from eaeu.imports.template import template_xlsx
from eaeu.imports.workflow import ImportOutcome, commit_import, preview_import
from eaeu.model import DataError, format_problems
from eaeu.repository import get_repository
from eaeu.store import VERSION_KINDS, Store, VersionInfo

ACCEPT = ".xlsx,.xlsm,.ods,.csv"
FROM_FILE = "from-file"  # the indicator select's "no choice": "" would show as blank
HISTORY_ROWS = 30
CHANGE_ROWS = 50  # changed or removed rows listed per indicator; the counts give the rest
LONG_TEXT_FIELDS = ("text_ru", "text_en")

# Outputs of this panel: all editor-only, so a request writing any of them needs a session.
auth.protect(
    ids.DATA_PREVIEW,
    ids.DATA_QUESTIONS,
    ids.DATA_PENDING,
    ids.DATA_UPLOAD,
    ids.DATA_COMMIT,
    ids.DATA_CANCEL,
    ids.DATA_IMPORT_STATUS,
    ids.DATA_VERSION,
    ids.DATA_HISTORY,
    ids.DATA_HISTORY_STATUS,
    ids.DATA_DOWNLOAD,
    ids.HIGHLIGHT_STATUS,
)


# ---------------------------------------------------------------------------------------------
# The tokens the browser holds instead of the file
# ---------------------------------------------------------------------------------------------


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


def upload_limits() -> Limits:
    return Limits(max_bytes=int(current_app.config.get("MAX_UPLOAD_BYTES", Limits().max_bytes)))


def get_store() -> Store:
    return get_repository().store


def require_editor() -> str:
    """The editor's name; for anyone else the callback changes nothing."""
    name = auth.editor_name()
    if name is None:
        raise PreventUpdate
    return name


# ---------------------------------------------------------------------------------------------
# Rendering (plain text only)
# ---------------------------------------------------------------------------------------------


def indicator_names(ds: Dataset, lang: str) -> dict[str, str]:
    return dict(
        zip(ds.indicators["id"], ds.indicators[f"name_{normalize_lang(lang)}"], strict=True)
    )


def geo_names(ds: Dataset, lang: str) -> dict[str, str]:
    column = f"name_{normalize_lang(lang)}"
    return dict(zip(ds.geographies["code"], ds.geographies[column], strict=True))


def period_text(key: str, lang: str) -> str:
    """'2024-09' (year to date) or '2024-01..2024-03', as the importer names periods -> a label."""
    try:
        first, _, last = key.partition("..")
        if not last:
            first, last = f"{key[:4]}-01", key
        start = dt.date(int(first[:4]), int(first[5:7]), 1)
        year, month = int(last[:4]), int(last[5:7])
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return key
    return period_label(start, end, lang)


def message_list(title: str, lines: list[str], color: str) -> list:
    if not lines:
        return []
    items = [html.Li(line) for line in lines]
    return [
        dbc.Alert(
            [html.P(title, className="fw-bold mb-1"), html.Ul(items, className="mb-0")], color=color
        )
    ]


def preview_view(outcome: ImportOutcome, ds: Dataset, lang: str) -> list:
    plan, parsed = outcome.plan, outcome.plan.parsed
    heading = t("data_rows_read", lang, file=parsed.file_name, n=len(parsed.rows))
    parts: list = [html.H3(t("data_preview", lang), className="h6"), html.P(heading)]
    problems = plan.all_problems + outcome.problems
    errors = format_problems(problems).splitlines() if problems else []
    parts += message_list(t("data_errors", lang), errors, "danger")
    warnings = format_problems(parsed.warnings).splitlines() if parsed.warnings else []
    parts += message_list(t("data_warnings", lang), warnings, "warning")
    parts += message_list(t("data_notes", lang), list(parsed.notes), "secondary")
    if plan.indicators:
        parts.append(counts_table(outcome, ds, lang))
        parts += change_table(outcome, ds, lang, "changed")
        parts += change_table(outcome, ds, lang, "removed")
    return parts


def counts_table(outcome: ImportOutcome, ds: Dataset, lang: str) -> dbc.Table:
    replace = outcome.plan.mode == "replace"
    names = indicator_names(ds, lang)
    headers = [t("indicator", lang), t("data_col_new", lang), t("data_col_changed", lang)]
    headers.append(t("data_col_unchanged", lang))
    if replace:
        headers.append(t("data_col_removed", lang))
    rows = []
    for changes in outcome.plan.indicators.values():
        cells = [names.get(changes.indicator, changes.indicator), changes.new]
        cells += [len(changes.changed), changes.unchanged]
        if replace:
            cells.append(len(changes.removed))
        rows.append(
            html.Tr([html.Td(str(c)) for c in cells], **{"data-indicator": changes.indicator})
        )
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)],
        id=f"{ids.DATA_PREVIEW}-counts",
        size="sm",
        bordered=True,
        responsive=True,
        className="bg-white",
    )


def change_table(outcome: ImportOutcome, ds: Dataset, lang: str, which: str) -> list:
    """The changed (old -> new) or removed figures, per indicator, first CHANGE_ROWS each."""
    indicators, geos = indicator_names(ds, lang), geo_names(ds, lang)
    rows = []
    for changes in outcome.plan.indicators.values():
        listed = changes.changed if which == "changed" else changes.removed
        for change in listed[:CHANGE_ROWS]:
            new = t("data_source_only", lang) if change.source_only else change.new
            cells = [
                indicators.get(changes.indicator, changes.indicator),
                geos.get(change.geo, change.geo),
                period_text(change.period, lang),
                change.old,
                new,
            ]
            rows.append(html.Tr([html.Td(str(c)) for c in cells]))
        if len(listed) > CHANGE_ROWS:
            more = t("data_more_rows", lang, n=len(listed) - CHANGE_ROWS)
            rows.append(html.Tr(html.Td(more, colSpan=5)))
    if not rows:
        return []
    headers = [t("indicator", lang), t("col_geo", lang), t("col_period", lang)]
    headers += [t("data_col_old", lang), t("data_col_becomes", lang)]
    title = t("data_changed_rows" if which == "changed" else "data_removed_rows", lang)
    return [
        dbc.Table(
            [
                html.Caption(title, className="caption-top fw-bold"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                html.Tbody(rows),
            ],
            id=f"{ids.DATA_PREVIEW}-{which}",
            size="sm",
            striped=True,
            responsive=True,
            className="bg-white",
        )
    ]


def choice_label(key: str, choice: str, ds: Dataset, lang: str) -> str:
    if key == "indicator":
        return indicator_names(ds, lang).get(choice, choice)
    if key == "value_form" and choice in ("index", "growth"):
        return t(f"data_answer_{choice}", lang)
    return choice


def questions_view(pending: dict | None, ds: Dataset, lang: str) -> list:
    """Every question asked about the file, as radio buttons showing the answer given."""
    asked = (pending or {}).get("questions") or {}
    answers = (pending or {}).get("answers") or {}
    if not asked:
        return []
    fieldsets = [
        html.Fieldset(
            [
                html.Legend(message, className="fs-6"),
                dbc.RadioItems(
                    id={"type": ids.DATA_ANSWER, "key": key},
                    options=[
                        {"label": choice_label(key, c, ds, lang), "value": c} for c in choices
                    ],
                    value=answers.get(key),
                ),
            ],
            className="mb-2",
        )
        for key, (message, choices) in asked.items()
    ]
    return [
        dbc.Alert(
            [html.P(t("data_questions", lang), className="fw-bold"), *fieldsets], color="info"
        )
    ]


def kind_label(kind: str, lang: str) -> str:
    """The version kinds the store knows have words; anything newer shows as it is."""
    return t(f"kind_{kind}", lang) if kind in VERSION_KINDS else kind


def history_view(store: Store, lang: str) -> list:
    versions = store.history()
    if not versions:
        return []
    current = versions[0].id
    headers = ["col_version", "col_time", "col_editor", "col_file", "col_kind", "col_rows"]
    headers += ["col_note", "col_actions"]
    table = dbc.Table(
        [
            html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
            html.Tbody([history_row(v, v.id == current, lang) for v in versions[:HISTORY_ROWS]]),
        ],
        size="sm",
        striped=True,
        responsive=True,
        className="bg-white small",
    )
    parts: list = [table]
    if len(versions) > HISTORY_ROWS:
        shown = t("history_shown", lang, n=HISTORY_ROWS, total=len(versions))
        parts.append(html.P(shown, className="small text-secondary"))
    return parts


def history_row(info: VersionInfo, current: bool, lang: str) -> html.Tr:
    label = f"v{info.id}" + (f" ({t('history_current', lang)})" if current else "")
    actions = [
        html.Button(
            t("history_download", lang),
            id={"type": ids.DATA_VERSION_XLSX, "version": info.id},
            n_clicks=0,
            type="button",
            className="btn btn-sm btn-outline-primary me-1 mb-1",
        )
    ]
    if not current:
        actions.append(
            dcc.ConfirmDialogProvider(
                html.Button(
                    t("history_rollback", lang),
                    type="button",
                    className="btn btn-sm btn-outline-danger mb-1",
                ),
                id={"type": ids.DATA_ROLLBACK, "version": info.id},
                message=t("history_confirm", lang, version=info.id),
            )
        )
    cells = [
        label,
        f"{info.created_at:%Y-%m-%d %H:%M}",
        info.editor or "—",
        info.file_name or "—",
        kind_label(info.kind, lang),
        str(info.counts.get("observations", "")),
        info.note,
    ]
    return html.Tr(
        [*(html.Td(c) for c in cells), html.Td(actions)], **{"data-version": str(info.id)}
    )


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def layout(ds: Dataset, view, editor_name: str) -> html.Div:
    lang = view.lang
    store = get_store()
    return html.Div(
        [
            dcc.Store(id=ids.DATA_PENDING),
            dcc.Store(id=ids.DATA_VERSION, data=store.current_version()),
            dcc.Download(id=ids.DATA_DOWNLOAD),
            html.P(t("data_recorded_as", lang, name=editor_name), className="small text-secondary"),
            import_section(ds, lang),
            html.Hr(),
            highlight_section(ds, store.load_raw()["highlights"], lang),
            html.Hr(),
            history_section(store, lang),
        ],
        className="data-panel",
    )


def import_section(ds: Dataset, lang: str) -> html.Section:
    limit = upload_limits().max_bytes
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


def text_field(label_text: str, component_id: str, debounce: bool = True) -> html.Div:
    # Debounced: an option typed into the form re-runs the preview once, on Enter or leaving.
    return field(
        label_text, dbc.Input(id=component_id, type="text", debounce=debounce), component_id
    )


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


def history_section(store: Store, lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("history_title", lang), className="h5"),
            html.Button(
                t("history_template", lang),
                id=ids.DATA_TEMPLATE,
                n_clicks=0,
                type="button",
                className="btn btn-sm btn-outline-dark mb-2",
            ),
            html.Div(id=ids.DATA_HISTORY_STATUS, role="status"),
            html.Div(history_view(store, lang), id=ids.DATA_HISTORY),
        ]
    )


def highlight_widths() -> list[int]:
    widths = {"headline_ru": 6, "headline_en": 6, "text_ru": 6, "text_en": 6, "leaders": 6}
    widths |= {"source_name": 6, "source_url": 6}
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


# ---------------------------------------------------------------------------------------------
# Callbacks
# ---------------------------------------------------------------------------------------------


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
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def preview(contents, mode, indicator, source_name, source_url, source_date, _answers, filename,
            pending, lang):  # fmt: skip
    """Parse a new upload, or re-plan the waiting one with new options or answers."""
    require_editor()
    trigger = ctx.triggered_id
    if trigger is None:  # answer buttons vanished (a new file, a commit): nothing to redo
        raise PreventUpdate
    store = get_store()
    if trigger == ids.DATA_UPLOAD:
        if not contents:
            raise PreventUpdate
        drop_tokens(store, *pending_tokens(pending))
        try:
            data = decode_upload(contents, upload_limits())
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
        store, data, file_name, mode or "merge", **options, limits=upload_limits()
    )
    drop_tokens(store, pending.get("preview"))
    # The parsed rows wait server-side under this token until Commit; the browser keeps it only.
    token = StoredPendingImports(store).put(outcome) if outcome.plan.ok else None
    pending = remember_questions({**pending, "preview": token}, outcome.plan.parsed.questions)
    ds = dataset()
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
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def commit(n_clicks, pending, note, lang):
    """Save the previewed import as a new version: exactly the change the editor saw."""
    editor = require_editor()
    upload, token = pending_tokens(pending)
    if not n_clicks or not token:
        raise PreventUpdate
    store = get_store()
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
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def cancel(n_clicks, pending, lang):
    require_editor()
    if not n_clicks:
        raise PreventUpdate
    drop_tokens(get_store(), *pending_tokens(pending))
    status = dbc.Alert(t("data_cancelled", lang), color="secondary")
    return status, [], [], None, True, True


@callback(
    Output(ids.DATA_HISTORY_STATUS, "children"),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Input({"type": ids.DATA_ROLLBACK, "version": ALL}, "submit_n_clicks"),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def roll_back(_clicks, lang):
    """Confirmed in the browser's dialog; saves the old content as a new version."""
    editor = require_editor()
    version = clicked_version()
    try:
        info = get_store().rollback(version, editor)
    except LookupError as exc:
        return dbc.Alert(str(exc.args[0]), color="danger"), no_update
    message = t("history_rolled_back", lang, new=info.id, old=version)
    return dbc.Alert(message, color="success"), info.id


def clicked_version() -> int:
    """The version of the pattern-matched button that was really clicked. Such callbacks also
    fire when the history is re-rendered (buttons appear or vanish, no click): ignore those."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(item.get("value") for item in ctx.triggered):
        raise PreventUpdate
    return int(trigger["version"])


@callback(
    Output(ids.DATA_DOWNLOAD, "data"),
    Input({"type": ids.DATA_VERSION_XLSX, "version": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def download_version(_clicks):
    require_editor()
    version = clicked_version()
    content = get_store().version_xlsx(version)
    return dcc.send_bytes(content, f"eaeu-data-v{version}.xlsx")


@callback(
    Output(ids.DATA_DOWNLOAD, "data", allow_duplicate=True),
    Input(ids.DATA_TEMPLATE, "n_clicks"),
    prevent_initial_call=True,
)
def download_template(n_clicks):
    require_editor()
    if not n_clicks:
        raise PreventUpdate
    return dcc.send_bytes(template_xlsx(dataset()), "eaeu-import-template.xlsx")


@callback(
    Output(ids.HIGHLIGHT_STATUS, "children"),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Input(ids.HIGHLIGHT_SAVE, "n_clicks"),
    *(State(ids.highlight_field(name), "value") for name in HIGHLIGHT_FIELDS),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def save_highlight_form(n_clicks, *values_and_lang):
    editor = require_editor()
    if not n_clicks:
        raise PreventUpdate
    *values, lang = values_and_lang
    row = highlight_row(dict(zip(HIGHLIGHT_FIELDS, values, strict=True)))
    try:
        info = save_highlight(get_store(), row, editor)
    except NothingChanged:
        return dbc.Alert(t("highlight_unchanged", lang), color="secondary"), no_update
    except DataError as exc:
        lines = format_problems(exc.problems).splitlines()
        return message_list(t("data_not_saved", lang), lines, "danger"), no_update
    return dbc.Alert(t("data_saved", lang, version=info.id), color="success"), info.id


@callback(
    Output(ids.DATA_HISTORY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def refresh_history(_version, lang):
    require_editor()
    return history_view(get_store(), lang)


@callback(
    *(Output(ids.highlight_field(name), "value") for name in HIGHLIGHT_FIELDS),
    Input(ids.DATA_VERSION, "data"),
    prevent_initial_call=True,
)
def refresh_highlight_form(_version):
    """After any new version the form shows the figure the site shows (a rollback may have
    changed it): saving stale values would quietly undo that."""
    require_editor()
    row = latest_highlight_row(get_store().load_raw()["highlights"])
    return tuple(row.get(name, "") for name in HIGHLIGHT_FIELDS)


# A new version changes what every panel shows. Re-setting the indicator re-runs the chart and
# table callbacks (they read the store's newest version); the card is rebuilt the same way.
@callback(
    Output(ids.INDICATOR, "value", allow_duplicate=True),
    Input(ids.DATA_VERSION, "data"),
    State(ids.INDICATOR, "value"),
    prevent_initial_call=True,
)
def refresh_charts(_version, indicator):
    return indicator


@callback(
    Output(ids.HIGHLIGHT, "children", allow_duplicate=True),
    Input(ids.DATA_VERSION, "data"),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def refresh_highlight(_version, lang):
    card = highlight.layout(dataset(), lang)
    return card.children if card is not None else no_update


# The data tab exists only for editors, so it switches with its own callback: one callback
# for every tab would fail (a missing Input) on an anonymous visitor's page.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data", allow_duplicate=True),
    Input(ids.tab_button("data"), "n_clicks"),
    prevent_initial_call=True,
)
