"""The version history: list, xlsx download of any version, rollback, the import template."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from components import ids, services
from components.data.shared import require_editor
from components.view import lang_of
from eaeu.filenames import TEMPLATE, version_name
from eaeu.i18n import t
from eaeu.imports.template import template_xlsx
from eaeu.messages import render, version_note
from eaeu.store import VERSION_KINDS, Store, VersionInfo

HISTORY_ROWS = 30


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
    label = t("history_version", lang, id=info.id)
    label += f" ({t('history_current', lang)})" if current else ""
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
    note = version_note(info.note)
    # (text, as typed): names, file names and editors' notes are shown as they were written,
    # in whatever language that was, and marked so (data-as-typed).
    cells = [
        (label, False),
        (f"{info.created_at:%Y-%m-%d %H:%M}", False),
        (info.editor or "—", True),
        (info.file_name or "—", True),
        (kind_label(info.kind, lang), False),
        (str(info.counts.get("observations", "")), False),
        (render(note, lang), isinstance(note, str)),
    ]
    tds = [html.Td(text, **({"data-as-typed": "1"} if typed else {})) for text, typed in cells]
    return html.Tr([*tds, html.Td(actions)], **{"data-version": str(info.id)})


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


@callback(
    Output(ids.DATA_HISTORY_STATUS, "children"),
    Output(ids.DATA_VERSION, "data", allow_duplicate=True),
    Input({"type": ids.DATA_ROLLBACK, "version": ALL}, "submit_n_clicks"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def roll_back(_clicks, view):
    """Confirmed in the browser's dialog; saves the old content as a new version."""
    lang = lang_of(view)
    editor = require_editor()
    version = clicked_version()
    try:
        info = services.store().rollback(version, editor)
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
    content = services.store().version_xlsx(version)
    return dcc.send_bytes(content, version_name(version))


@callback(
    Output(ids.DATA_DOWNLOAD, "data", allow_duplicate=True),
    Input(ids.DATA_TEMPLATE, "n_clicks"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def download_template(n_clicks, view):
    """The template, its instructions and sheet names in the page's language."""
    require_editor()
    if not n_clicks:
        raise PreventUpdate
    return dcc.send_bytes(template_xlsx(services.dataset(), lang_of(view)), TEMPLATE)


@callback(
    Output(ids.DATA_HISTORY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def refresh_history(_version, view):
    lang = lang_of(view)
    require_editor()
    return history_view(services.store(), lang)
