"""The import preview (counts, changed and removed rows) and the importer's questions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components import ids
from components.data.shared import geo_names, indicator_names, message_list
from eaeu.dataset import Dataset
from eaeu.i18n import period_label, t
from eaeu.imports.session import PendingUpload
from eaeu.imports.summary import PreviewSummary
from eaeu.messages import msg, render
from eaeu.model import format_problems


def preview_view(summary: PreviewSummary, ds: Dataset, lang: str) -> list:
    """The summary the command line prints, as the page shows it."""
    heading = t("data_rows_read", lang, file=summary.file_name, n=summary.rows_read)
    parts: list = [html.H3(t("data_preview", lang), className="h6"), html.P(heading)]
    for title, problems, color in (
        ("data_errors", summary.errors, "danger"),
        ("data_source_needed", summary.missing, "warning"),
        ("data_warnings", summary.warnings, "warning"),
    ):
        lines = format_problems(list(problems), lang).splitlines() if problems else []
        parts += message_list(t(title, lang), lines, color)
    notes = [render(note, lang) for note in summary.notes]
    parts += message_list(t("data_notes", lang), notes, "secondary")
    if summary.indicators:
        parts.append(counts_table(summary, ds, lang))
        parts += change_table(summary, ds, lang, "changed")
        parts += change_table(summary, ds, lang, "removed")
    if summary.changes_nothing:
        text = render(msg("nothing_changed"), lang)
        parts.append(dbc.Alert(text, color="info", className="data-nothing-changed"))
    return parts


def counts_table(summary: PreviewSummary, ds: Dataset, lang: str) -> dbc.Table:
    replace = summary.mode == "replace"
    names = indicator_names(ds, lang)
    headers = [t("indicator", lang), t("data_col_new", lang), t("data_col_changed", lang)]
    headers.append(t("data_col_unchanged", lang))
    if replace:
        headers.append(t("data_col_removed", lang))
    rows = []
    for item in summary.indicators:
        cells = [names.get(item.indicator, item.indicator), item.new]
        cells += [item.changed_count, item.unchanged]
        if replace:
            cells.append(item.removed_count)
        rows.append(html.Tr([html.Td(str(c)) for c in cells], **{"data-indicator": item.indicator}))
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)],
        id=ids.DATA_PREVIEW_COUNTS,
        size="sm",
        bordered=True,
        responsive=True,
        className="bg-white",
    )


def change_table(summary: PreviewSummary, ds: Dataset, lang: str, which: str) -> list:
    """The changed (old -> new) or removed figures the summary lists, per indicator."""
    indicators, geos = indicator_names(ds, lang), geo_names(ds, lang)
    rows = []
    for item in summary.indicators:
        listed, count = (
            (item.changed, item.changed_count)
            if which == "changed"
            else (item.removed, item.removed_count)
        )
        for change in listed:
            new = t("data_source_only", lang) if change.source_only else change.new
            cells = [
                indicators.get(item.indicator, item.indicator),
                geos.get(change.geo, change.geo),
                period_label(change.start, change.end, lang),
                change.old,
                new,
            ]
            rows.append(html.Tr([html.Td(str(c)) for c in cells]))
        if count > len(listed):
            more = t("data_more_rows", lang, n=count - len(listed))
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
            id=ids.DATA_PREVIEW_CHANGED if which == "changed" else ids.DATA_PREVIEW_REMOVED,
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


def questions_view(pending: PendingUpload, ds: Dataset, lang: str) -> list:
    """Every question asked about the file, as radio buttons showing the answer given."""
    asked, answers = pending.questions, pending.answers
    if not asked:
        return []
    fieldsets = [
        html.Fieldset(
            [
                html.Legend(render(message, lang), className="fs-6"),
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
