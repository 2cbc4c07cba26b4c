"""Missions panel: the map, counts by region and district, and what changed between snapshots."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from components import export_panel, ids
from components.common import (
    CHART_OUTPUTS,
    cached_chart,
    chart_outputs,
    chart_values,
    choice_group,
    graph,
    unchanged,
)
from components.view import for_panel, is_compact, with_view
from eaeu import queries
from eaeu.charts import chart_key
from eaeu.dataset import Dataset
from eaeu.i18n import fmt_date, plural, t
from eaeu.view import ResolvedView


def snapshot_options(ds: Dataset, lang: str) -> list[dict[str, str]]:
    options = []
    for row in ds.snapshots.itertuples():
        text = fmt_date(row.as_of, lang)
        if not row.complete:
            text += " *"
        options.append({"label": text, "value": row.as_of.isoformat()})
    return options


MISSION_CHARTS = (
    ("missions", ids.MAP_GRAPH, 520),
    ("missions_regions", ids.REGIONS_GRAPH, 620),
    ("missions_districts", ids.DISTRICTS_GRAPH, 460),
)


def layout(ds: Dataset, view: ResolvedView, compact: bool = False) -> html.Div:
    """The panel, with its charts and texts drawn (for a phone when `compact`)."""
    lang = view.lang
    drawn = keys(view, compact)
    *chart_parts, summary, note, changes = panel_values(ds, view, compact)
    size = len(CHART_OUTPUTS)
    charts = {
        chart_id: tuple(chart_parts[index * size : (index + 1) * size])
        for index, (chart_id, _, _) in enumerate(MISSION_CHARTS)
    }
    selector = choice_group(
        t("as_of", lang),
        dbc.RadioItems(
            id=ids.SNAPSHOT,
            options=snapshot_options(ds, lang),
            value=view.snapshot,
            inline=True,
        ),
        html.P(f"* {t('partial_snapshot', lang)}", className="small text-secondary mb-1"),
        class_name="",
    )
    figures = []
    for chart_id, component_id, height in MISSION_CHARTS:
        figures.append(graph(component_id, chart_id, height=height, drawn=charts[chart_id]))
        figures.append(export_panel.layout(chart_id, lang))
        if chart_id == "missions":
            figures.append(html.Div(changes, id=ids.MISSIONS_CHANGES, className="my-3"))
    return html.Div(
        [
            dcc.Store(id=ids.MISSIONS_DRAWN, data=drawn),
            selector,
            html.Div(
                summary, id=ids.MISSIONS_SUMMARY, className="fs-5 my-2", **{"aria-live": "polite"}
            ),
            html.Div(note, id=ids.MISSIONS_NOTE, className="small text-secondary"),
            *figures,
        ]
    )


def keys(view: ResolvedView, compact: bool) -> dict[str, str]:
    return {
        "panel": chart_key("missions", view, compact),
        "options": f"{view.data_version}|{view.lang}",
    }


def summary_text(frame, lang: str, complete: bool = True) -> str:
    """Counts of a complete list; a partial one only says what its source names."""
    if frame.empty:
        return t("empty_missions", lang)
    if not complete:
        n = len(frame)
        return t("partial_names", lang, n=n, missions=plural("missions", n, lang))
    open_count = int((frame["status"] == "open").sum())
    parts = [
        t("total_missions", lang, n=len(frame)),
        t("open_missions", lang, n=open_count),
        t("regions_count", lang, n=frame["region"].nunique()),
    ]
    return "; ".join(parts)


def changes_block(ds: Dataset, as_of_key: str, lang: str) -> html.Div | None:
    as_of = queries.find_snapshot(ds, as_of_key)
    before, changes = queries.mission_changes(ds, as_of, lang) if as_of else (None, [])
    if before is None:
        return None
    date = fmt_date(before, lang)
    if not changes:
        return html.P(t("changes_none", lang, date=date))
    items = [
        html.Li(
            [
                html.Span(t(f"change_{c.kind}", lang), className=f"badge change-{c.kind} me-2"),
                html.Strong(c.city),
                f": {c.before or '—'} → {c.after or '—'}",
            ]
        )
        for c in changes
    ]
    return html.Div([html.H2(t("changes_title", lang, date=date), className="h6"), html.Ul(items)])


def panel_values(ds: Dataset, view: ResolvedView, compact: bool) -> tuple:
    """The three charts' values, then the summary, the snapshot's note and what changed."""
    charts = [cached_chart(ds, chart_id, view, compact) for chart_id, _, _ in MISSION_CHARTS]
    as_of = queries.find_snapshot(ds, view.snapshot)
    snapshot = queries.snapshot_row(ds, as_of) if as_of else None
    note = snapshot[f"note_{view.lang}"] if snapshot is not None else ""
    complete = bool(snapshot["complete"]) if snapshot is not None else True
    values: list = []
    for chart_id, _, _ in MISSION_CHARTS:
        values += chart_values(ds, chart_id, view, compact)
    return (
        *values,
        summary_text(charts[0].data, view.lang, complete),
        note,
        changes_block(ds, view.snapshot, view.lang),
    )


@callback(
    *chart_outputs(ids.MAP_GRAPH),
    *chart_outputs(ids.REGIONS_GRAPH),
    *chart_outputs(ids.DISTRICTS_GRAPH),
    Output(ids.MISSIONS_SUMMARY, "children"),
    Output(ids.MISSIONS_NOTE, "children"),
    Output(ids.MISSIONS_CHANGES, "children"),
    Output(ids.SNAPSHOT, "options"),
    Output(ids.SNAPSHOT, "value"),
    Output(ids.MISSIONS_DRAWN, "data"),
    Output(ids.VIEW, "data", allow_duplicate=True),
    Input(ids.MISSIONS_VIEW, "data"),
    State(ids.SNAPSHOT, "value"),
    State(ids.MISSIONS_DRAWN, "data"),
    prevent_initial_call=True,
)
def draw(request, snapshot, drawn):
    """Redraw the panel when its snapshot, language or data changed, and write the view."""
    ds, view, update = for_panel(request, "missions")
    compact = is_compact(request)
    drawn = drawn or {}
    now = keys(view, compact)
    count = len(MISSION_CHARTS) * len(CHART_OUTPUTS) + 3
    if now == drawn and snapshot == view.snapshot:
        return with_view(unchanged(count + 3), update)  # at most the tab changed
    panel = panel_values(ds, view, compact) if now["panel"] != drawn.get("panel") else None
    options = snapshot_options(ds, view.lang) if now["options"] != drawn.get("options") else None
    return (
        *(panel or unchanged(count)),
        no_update if options is None else options,
        view.snapshot if snapshot != view.snapshot else no_update,
        now,
        update,
    )
