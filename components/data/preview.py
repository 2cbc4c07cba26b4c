"""The import preview (counts, changed and removed rows) and the importer's questions."""

from __future__ import annotations

import calendar
import datetime as dt

import dash_bootstrap_components as dbc
from dash import html

from components import ids
from components.data.shared import geo_names, indicator_names, message_list
from eaeu.dataset import Dataset
from eaeu.i18n import period_label, t
from eaeu.imports.workflow import ImportOutcome
from eaeu.model import format_problems

CHANGE_ROWS = 50  # changed or removed rows listed per indicator; the counts give the rest


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
