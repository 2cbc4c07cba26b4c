"""Missions panel: the map, counts by region and district, and what changed between snapshots."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from components import export_panel, ids
from components.common import chart_outputs, chart_values, choice_group, graph
from components.services import dataset
from eaeu import queries
from eaeu.charts import build_chart
from eaeu.dataset import Dataset
from eaeu.i18n import fmt_date, t
from eaeu.view import ViewState


def snapshot_options(ds: Dataset, lang: str) -> list[dict[str, str]]:
    options = []
    for row in ds.snapshots.itertuples():
        text = fmt_date(row.as_of, lang)
        if not row.complete:
            text += " *"
        options.append({"label": text, "value": row.as_of.isoformat()})
    return options


def layout(ds: Dataset, view: ViewState) -> html.Div:
    lang = view.lang
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
    return html.Div(
        [
            selector,
            html.Div(id=ids.MISSIONS_SUMMARY, className="fs-5 my-2", **{"aria-live": "polite"}),
            html.Div(id=ids.MISSIONS_NOTE, className="small text-secondary"),
            graph(ids.MAP_GRAPH, "missions", height=520),
            export_panel.layout("missions", lang),
            html.Div(id=ids.MISSIONS_CHANGES, className="my-3"),
            graph(ids.REGIONS_GRAPH, "missions_regions", height=620),
            export_panel.layout("missions_regions", lang),
            graph(ids.DISTRICTS_GRAPH, "missions_districts", height=460),
            export_panel.layout("missions_districts", lang),
        ]
    )


def summary_text(frame, lang: str) -> str:
    if frame.empty:
        return t("empty_missions", lang)
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


@callback(
    *chart_outputs(ids.MAP_GRAPH),
    *chart_outputs(ids.REGIONS_GRAPH),
    *chart_outputs(ids.DISTRICTS_GRAPH),
    Output(ids.MISSIONS_SUMMARY, "children"),
    Output(ids.MISSIONS_NOTE, "children"),
    Output(ids.MISSIONS_CHANGES, "children"),
    Input(ids.SNAPSHOT, "value"),
    State(ids.LANG_STORE, "data"),
)
def draw_missions(snapshot, lang):
    ds = dataset()
    view = ViewState(lang=lang, snapshot=snapshot or "").resolve(ds)
    map_chart = build_chart(ds, "missions", view)
    as_of = queries.find_snapshot(ds, snapshot)
    note = queries.snapshot_row(ds, as_of)[f"note_{lang}"] if as_of else ""
    return (
        *chart_values(map_chart, view, ds),
        *chart_values(build_chart(ds, "missions_regions", view), view, ds),
        *chart_values(build_chart(ds, "missions_districts", view), view, ds),
        summary_text(map_chart.data, lang),
        note,
        changes_block(ds, snapshot, lang),
    )
