"""The export pack: a tab's charts as images, its data as CSV and XLSX, alt texts, sources."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import replace

from eaeu import downloads
from eaeu.charts import CHART_IDS, MISSIONS, Chart, build_chart, shows, view_chart_ids
from eaeu.dataset import Dataset
from eaeu.export.alt_text import alt_text
from eaeu.export.layout import plain_text
from eaeu.export.options import ExportOptions, export_string
from eaeu.export.renderer import Renderer, get_renderer, render_chart
from eaeu.filenames import chart_stem
from eaeu.i18n import t
from eaeu.view import ViewState


def pack_chart_ids(view: ViewState) -> tuple[str, ...]:
    """Every chart the view's tab draws: the missions tab shows the map and both counts charts,
    while its link, embed and data download are about the map alone (`view_chart_ids`)."""
    if view.tab == "missions":
        return tuple(c for c in CHART_IDS if shows(c) == MISSIONS)
    return view_chart_ids(view)


def data_files(ds: Dataset, chart: Chart, lang: str) -> tuple[bytes, bytes]:
    """The chart's rows as the page's data download makes them: CSV and XLSX with sources."""
    table = downloads.chart_table(ds, chart)
    sheet = t(f"sheet_{chart.chart_id}", lang)
    return downloads.to_csv(table), downloads.to_xlsx({sheet: table}, lang)


def _source_urls(chart: Chart) -> list[str]:
    if "source_url" not in chart.data:
        return []
    return list(dict.fromkeys(u for u in chart.data["source_url"] if isinstance(u, str) and u))


def _snapshot_urls(ds: Dataset, view: ViewState) -> list[str]:
    rows = ds.snapshots[ds.snapshots["as_of"].astype(str) == view.snapshot]
    return [u for u in rows.get("source_url", []) if isinstance(u, str) and u]


def _sources_text(
    ds: Dataset, view: ViewState, charts: list[tuple[str, Chart]], today: dt.date, link: str
) -> str:
    lang = view.lang
    lines = [export_string("logo", lang), ""]
    for stem, chart in charts:
        lines += [stem, f"  {chart.text.title}"]
        if chart.text.source:
            lines.append(f"  {plain_text(chart.text.source)}")
        urls = _snapshot_urls(ds, view) if chart.shows == MISSIONS else _source_urls(chart)
        lines += [f"  {url}" for url in urls]
        if chart.text.note:
            lines.append(f"  {chart.text.note}")
        lines.append("")
    lines += [
        f"{export_string('view_link', lang)}: {link}",
        f"{export_string('data_version', lang)}: {ds.version}",
        f"{export_string('exported', lang)}: {today.isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def export_pack(
    ds: Dataset,
    view: ViewState,
    lang: str,
    renderer: Renderer | None = None,
    today: dt.date | None = None,
    chart_ids: Iterable[str] | None = None,
    *,
    site: str,
) -> bytes:
    """A zip for publishing: each chart of the tab as PNG and SVG, its data as CSV and XLSX,
    alt texts, and sources whose links are absolute on `site` (PUBLIC_URL or the request's)."""
    view = replace(view, lang=lang).resolve(ds)
    link = view.link(site)  # no address, no pack: refused before anything is rendered
    today = today or dt.date.today()
    renderer = renderer or get_renderer()
    charts, alts = [], []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart_id in chart_ids or pack_chart_ids(view):
            chart = build_chart(ds, chart_id, view)
            stem = chart_stem(chart_id, view, size="article", today=today)
            for fmt in ("png", "svg"):
                options = ExportOptions(chart_id, view, fmt=fmt)
                archive.writestr(f"{stem}.{fmt}", render_chart(chart, options, renderer))
            csv, workbook = data_files(ds, chart, view.lang)
            archive.writestr(f"{stem}.csv", csv)
            archive.writestr(f"{stem}.xlsx", workbook)
            charts.append((stem, chart))
            alts.append(f"{stem}.png\n{alt_text(chart, view.lang)}\n")
        archive.writestr("alt-text.txt", "\n".join(alts))
        archive.writestr("SOURCES.txt", _sources_text(ds, view, charts, today, link))
    return buffer.getvalue()
