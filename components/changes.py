"""The "what changed" tab: two versions of the data, and the figures revised, added or removed
between them, per indicator. Public: a version's number, day and kind, never who made it, its
file or its note."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from components import ids
from components.common import field, unchanged
from components.services import repository
from components.view import for_panel, with_view
from eaeu import queries
from eaeu.dataset import Dataset
from eaeu.diff import Change, IndicatorSummary
from eaeu.i18n import fmt_date, fmt_value, period_label, t
from eaeu.store import VERSION_KINDS, VersionInfo
from eaeu.view import ResolvedView
from eaeu.vintage import created_day


def version_label(info: VersionInfo, newest: int, lang: str) -> str:
    kind = t(f"kind_{info.kind}", lang) if info.kind in VERSION_KINDS else info.kind
    date = fmt_date(created_day(info), lang)
    text = t("changes_option", lang, id=info.id, date=date, kind=kind)
    return text + (f" ({t('changes_current', lang)})" if info.id == newest else "")


def version_options(history: tuple[VersionInfo, ...], lang: str) -> list[dict[str, str]]:
    newest = history[0].id
    return [{"label": version_label(v, newest, lang), "value": str(v.id)} for v in history]


def layout(view: ResolvedView) -> html.Div:
    """The tab, with its comparison drawn."""
    lang = view.lang
    history = repository().versions(view.newest)  # the versions as this request read them
    options = version_options(history, lang)
    drawn, body = keys(view), changes_body(view)
    first, last = (str(v) for v in view.compared) if view.compared else ("", "")
    selects = dbc.Row(
        [
            dbc.Col(
                field(
                    t(label, lang),
                    dbc.Select(id=control, options=options, value=value),
                    control,
                ),
                md=6,
            )
            for label, control, value in (
                ("changes_from", ids.COMPARE_FROM, first),
                ("changes_to", ids.COMPARE_TO, last),
            )
        ]
    )
    return html.Div(
        [
            dcc.Store(id=ids.CHANGES_DRAWN, data=drawn),
            html.P(t("changes_intro", lang), className="small text-secondary"),
            selects,
            html.Div(body, id=ids.CHANGES_BODY, className="changes-body mt-2"),
        ]
    )


def keys(view: ResolvedView) -> dict[str, str]:
    # The body's links name the rest of the view: it is redrawn when any of it changes.
    return {"body": f"{view.to_query()}|{view.compared}|{view.newest}"}


def changes_body(view: ResolvedView) -> list:
    """The comparison the view asks for, told per indicator."""
    lang = view.lang
    if len(view.compared) < 2:
        return [dbc.Alert(t("changes_only_one", lang), color="secondary")]
    old, new = view.compared
    repo = repository()
    dated = {v.id: fmt_date(created_day(v), lang) for v in repo.versions(view.newest)}
    heading = t("changes_heading", lang, old=old, old_date=dated[old], new=new, new_date=dated[new])
    links = [
        dcc.Link(
            t("changes_open", lang, id=version),
            href=replace(view, tab="indicators", version=str(version), as_of="").to_query(),
            className="me-3",
        )
        for version in (old, new)
    ]
    parts: list = [html.H2(heading, className="h5"), html.P(links, className="small")]
    found = repo.changes(old, new)
    if not found:
        return [*parts, html.P(t("changes_nothing", lang), className="changes-nothing")]
    older, newer = repo.at(old), repo.at(new)
    for summary in found:
        named = summary.indicator in set(newer.indicators["id"])
        parts += indicator_changes(summary, newer if named else older, lang)
    return parts


# The missions tab's colours for the same kinds of change (assets/03-app.css).
BADGES = {
    "changes_revised": "change-changed",
    "changes_added": "change-added",
    "changes_removed": "change-removed",
}


def _kinds(summary: IndicatorSummary) -> list[tuple[str, tuple[Change, ...], int]]:
    """Kinds of change as listed: ('changed', rows, count), then added, then removed."""
    return [
        ("changes_revised", summary.changed, summary.changed_count),
        ("changes_added", summary.added, summary.new),
        ("changes_removed", summary.removed, summary.removed_count),
    ]


def indicator_changes(summary: IndicatorSummary, ds: Dataset, lang: str) -> list:
    """One indicator's counts and a table of its changed figures (in the newer version's
    words: names, unit), each figure with the digits its source gave."""
    row = queries.indicator_row(ds, summary.indicator)
    unit, geos = row["unit"], queries.geo_names(ds, lang)
    counts = t(
        "changes_counts",
        lang,
        changed=summary.changed_count,
        added=summary.new,
        removed=summary.removed_count,
    )
    rows = []
    for kind, listed, count in _kinds(summary):
        for change in listed:
            label = "changes_source" if change.source_only else kind
            cells = [
                geos.get(change.geo, change.geo),
                period_label(change.start, change.end, lang),
                html.Span(t(label, lang), className=f"badge {BADGES[kind]}"),
                figure(change.old, unit, lang),
                figure(change.new, unit, lang),
            ]
            rows.append(html.Tr([html.Td(cell) for cell in cells]))
        if count > len(listed):
            more = t("data_more_rows", lang, n=count - len(listed))
            rows.append(html.Tr(html.Td(more, colSpan=5)))
    headers = ["col_geo", "col_period", "changes_col_change"]
    headers += ["changes_col_before", "changes_col_after"]
    table = dbc.Table(
        [
            html.Caption(counts, className="caption-top"),
            html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
            html.Tbody(rows),
        ],
        size="sm",
        striped=True,
        responsive=True,
        className="bg-white changes-table",
    )
    name = html.H3(row[f"name_{lang}"], className="h6 mt-3 mb-0")
    return [html.Section([name, table], **{"data-indicator": summary.indicator})]


def figure(text: str, unit: str, lang: str) -> str:
    """A stored figure with the digits its source gave ('12.60' stays 12,60); none: a dash."""
    if not text:
        return "—"
    number = Decimal(text)
    return fmt_value(float(number), unit, lang, max(0, -number.as_tuple().exponent))


@callback(
    Output(ids.CHANGES_BODY, "children"),
    Output(ids.COMPARE_FROM, "options"),
    Output(ids.COMPARE_FROM, "value"),
    Output(ids.COMPARE_TO, "options"),
    Output(ids.COMPARE_TO, "value"),
    Output(ids.CHANGES_DRAWN, "data"),
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.CHANGES_VIEW, "data"),
    State(ids.CHANGES_DRAWN, "data"),
    prevent_initial_call=True,
)
def draw(request, drawn):
    """The comparison the reader's change asks for, while the tab is shown; the selects follow
    the view, which is written too."""
    _, view, update = for_panel(request, "changes")
    now = keys(view)
    if now == (drawn or {}):
        return with_view(unchanged(6), update)  # at most the tab changed
    first, last = (str(v) for v in view.compared) if view.compared else ("", "")
    options = version_options(repository().versions(view.newest), view.lang)
    return changes_body(view), options, first, options, last, now, update
