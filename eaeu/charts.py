"""Every chart by its stable id: the same build serves the page, the table, exports and embeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from eaeu import queries, transforms
from eaeu.dataset import Dataset
from eaeu.figures import ChartText, counts_bar_figure, growth_bar_figure
from eaeu.i18n import KIND_LABELS, MISSION_STATUSES, MISSION_TYPES, fmt_date, fmt_value, label, t
from eaeu.map_figure import missions_map_figure
from eaeu.model import UNION
from eaeu.plotdict import update_axis, update_layout
from eaeu.time_figures import axis_periods, matrix_figure, trend_line_figure
from eaeu.transforms import Measure
from eaeu.view import ResolvedView, ViewState

# What a chart is about: its data, its file names and its sources follow from this.
OBSERVATIONS = "observations"  # one indicator's figures
MISSIONS = "missions"  # one snapshot of the missions list


@dataclass(frozen=True)
class Chart:
    chart_id: str
    figure: dict  # plotly's JSON form (eaeu.plotdict); go.Figure(figure) to inspect it
    data: pd.DataFrame  # the rows behind the chart, with display columns
    columns: list[tuple[str, str]]  # (field, header) for the table view
    text: ChartText

    @property
    def shows(self) -> str:
        return CHARTS[self.chart_id].shows


def _indicator_text(ds: Dataset, view: ViewState) -> tuple[str, str, Measure]:
    """Name, subtitle saying what is measured (and how it is transformed), and the measure."""
    row = queries.indicator_row(ds, view.indicator)
    name = row[f"name_{view.lang}"]
    subtitle = transforms.subtitle(view.transform, view.lang) or (
        t("growth_subtitle", view.lang)
        if row["kind"] == "growth_yoy"
        else f"{label(KIND_LABELS, row['kind'], view.lang)}, {row['unit']}".rstrip(", ")
    )
    subtitle = subtitle[:1].upper() + subtitle[1:]
    return name, subtitle, transforms.measure(view.transform, row["unit"], view.lang)


def _observation_columns(lang: str, transform: str = "value") -> list[tuple[str, str]]:
    value_header = t("col_value", lang)
    if transform != "value":
        value_header = transforms.transform_label(transform, lang)
    published = [("published", t("col_published", lang))] if transform != "value" else []
    if transform == "rank":
        published.append(("reporting", t("col_reporting", lang)))
    return [
        ("name", t("col_geo", lang)),
        ("period_label", t("col_period", lang)),
        ("value", value_header),
        ("unit", t("col_unit", lang)),
        *published,
        (queries.source_column(lang), t("col_source", lang)),
        ("source_date", t("col_source_date", lang)),
        ("source_url", "URL"),
    ]


def _observation_table(frame: pd.DataFrame, measure: Measure, lang: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["unit"] = measure.unit
    frame["period_label"] = [
        queries.period_label(s, e, lang)
        for s, e in zip(frame.period_start, frame.period_end, strict=True)
    ]
    return frame


def growth_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    lang = view.lang
    name, subtitle, measure = _indicator_text(ds, view)
    period = queries.find_period(ds, view.indicator, view.period)
    frame = (
        queries.growth_frame(ds, view.indicator, period, lang, view.transform)
        if period
        else pd.DataFrame()
    )
    period_text = period.label(lang) if period else ""
    union = frame[frame["geo"] == UNION] if not frame.empty else frame
    bars = frame[frame["geo"] != UNION] if not frame.empty else frame
    missing = queries.missing_members(ds, frame, lang, view.indicator, period) if period else []
    if measure.is_rank and not bars.empty:
        reporting = t("rank_reporting", lang, count=len(bars), total=len(bars) + len(missing))
        subtitle = f"{subtitle}. {reporting}"
    text = ChartText(
        title=t("growth_title", lang, indicator=name, period=period_text),
        subtitle=subtitle,
        source=queries.sources_line(frame, lang) if not frame.empty else "",
        note=t("no_data_for", lang, names=_listed(missing)) if missing else "",
    )
    reference = (UNION, float(union["value"].iloc[0])) if not union.empty else None
    empty = _empty_period_message(ds, view, period, name, union, measure)
    figure = growth_bar_figure(
        bars, text, lang, measure=measure, reference=reference, empty_message=empty
    )
    table = _observation_table(frame, measure, lang) if not frame.empty else frame
    return Chart("growth", figure, table, _observation_columns(lang, view.transform), text)


def _listed(names: list[str]) -> str:
    """'Казахстан, Кыргызстан'; once a name carries a note with commas, ';' between them."""
    return ("; " if any("(" in name for name in names) else ", ").join(names)


def _empty_period_message(
    ds: Dataset, view: ResolvedView, period, name: str, union: pd.DataFrame, measure: Measure
) -> str:
    """Say what exists instead: the union's figure, or the periods that have country figures."""
    lang = view.lang
    period_text = period.label(lang) if period else ""
    parts = [t("empty_period", lang, period=period_text, indicator=name)]
    if view.transform == "pp_change":
        parts = [t("empty_change", lang, period=period_text)]
    elif not union.empty:
        value = fmt_value(float(union["value"].iloc[0]), measure.unit, lang, measure.decimals)
        parts.append(t("empty_union_only", lang, value=value))
    others = [
        p.label(lang)
        for p in queries.periods_with_members(ds, view.indicator, view.transform)
        if not period or p.key != period.key
    ]
    if others:
        parts.append(t("empty_other_periods", lang, periods=", ".join(others)))
    else:
        parts.append(t("empty_no_other_period", lang))
    return " ".join(parts)


def _span_subtitle(span: str, subtitle: str, lang: str) -> str:
    """'Январь–июнь, по годам. Прирост к ...': which length the series compares, then what."""
    parts = [t("trend_subtitle_span", lang, span=span)] if span else []
    return ". ".join(part[:1].upper() + part[1:] for part in [*parts, subtitle] if part)


def _series_text(title: str, span: str, subtitle: str, frame: pd.DataFrame, lang: str) -> ChartText:
    """A chart over periods of one length: which length, what it measures, every source."""
    source = queries.sources_line(frame.sort_values("period_end"), lang) if not frame.empty else ""
    return ChartText(title=title, subtitle=_span_subtitle(span, subtitle, lang), source=source)


def _span_label(ds: Dataset, view: ResolvedView) -> str:
    found = {s.key: s for s in queries.spans(ds, view.indicator)}
    return found[view.span].label(view.lang) if view.span in found else ""


def trend_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    lang = view.lang
    name, subtitle, measure = _indicator_text(ds, view)
    frame = queries.trend_frame(
        ds, view.indicator, list(view.countries), lang, view.transform, view.span
    )
    span = _span_label(ds, view)
    text = _series_text(t("trend_title", lang, indicator=name), span, subtitle, frame, lang)
    empty = (
        t("empty_span", lang, span=span) if view.countries and span else t("empty_countries", lang)
    )
    figure = trend_line_figure(
        frame, text, lang, measure=measure, empty_message=empty, compact=compact
    )
    table = _observation_table(frame, measure, lang) if not frame.empty else frame
    return Chart("trend", figure, table, _observation_columns(lang, view.transform), text)


def matrix_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    """Every country (rows) by every period of the view's length (columns, oldest first)."""
    lang = view.lang
    name, subtitle, measure = _indicator_text(ds, view)
    geos = queries.indicator_geos(ds, view.indicator)
    frame = queries.trend_frame(ds, view.indicator, geos, lang, view.transform, view.span)
    order = {geo: i for i, geo in enumerate(geos)}  # the union first, then members
    frame = frame.sort_values(
        ["geo", "period_end"], key=lambda s: s.map(order) if s.name == "geo" else s
    )
    span = _span_label(ds, view)
    text = _series_text(t("matrix_title", lang, indicator=name), span, subtitle, frame, lang)
    figure = matrix_figure(
        frame, text, lang, measure=measure, empty_message=t("no_data", lang), compact=compact
    )
    table, columns = _matrix_table(frame, lang)
    return Chart("matrix", figure, table, columns, text)


def _matrix_table(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """One row per country, one column per period (fields p0, p1...: period keys hold dots,
    which grids read as paths). The sources stay in the frame's attrs for the source line."""
    columns = [("name", t("col_geo", lang)), ("geo", t("col_code", lang))]
    if frame.empty:
        return frame, columns
    axis = axis_periods(frame)
    wide = frame.drop_duplicates("geo")[["geo", "name"]].reset_index(drop=True)
    cells = frame.set_index(["geo", "period_end"])["value"]
    for i, (start, end) in enumerate(axis):
        wide[f"p{i}"] = [cells.get((geo, end)) for geo in wide["geo"]]
        columns.append((f"p{i}", queries.period_label(start, end, lang)))
    return wide, columns


def _snapshot(ds: Dataset, view: ViewState) -> tuple[dt.date | None, pd.DataFrame]:
    as_of = queries.find_snapshot(ds, view.snapshot)
    if as_of is None:
        return None, pd.DataFrame()
    return as_of, queries.missions_frame(ds, as_of, view.lang)


def _missions_text(ds: Dataset, as_of: dt.date | None, title_key: str, lang: str) -> ChartText:
    if as_of is None:
        return ChartText(t(title_key, lang))
    snap = queries.snapshot_row(ds, as_of)
    source = snap[queries.source_column(lang)]
    if snap["source_date"]:
        source += f", {fmt_date(snap['source_date'], lang)}"
    note = "" if snap["complete"] else t("partial_snapshot", lang)
    return ChartText(
        title=t(title_key, lang),
        subtitle=t("missions_subtitle", lang, date=fmt_date(as_of, lang)),
        source=f"{t('source', lang)}: {source}",
        note=note,
    )


def _mission_columns(lang: str) -> list[tuple[str, str]]:
    return [
        ("city", t("col_city", lang)),
        ("region_name", t("col_region", lang)),
        ("district", t("col_district", lang)),
        ("type_label", t("col_type", lang)),
        ("status_label", t("col_status", lang)),
        ("note", t("col_note", lang)),
        ("lat", t("col_lat", lang)),
        ("lon", t("col_lon", lang)),
    ]


def _mission_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    if frame.empty:
        return frame
    frame = frame.copy()
    frame["type_label"] = [label(MISSION_TYPES, v, lang) for v in frame["type"]]
    frame["status_label"] = [label(MISSION_STATUSES, v, lang) for v in frame["status"]]
    return frame


def missions_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    as_of, frame = _snapshot(ds, view)
    text = _missions_text(ds, as_of, "missions_title", view.lang)
    figure = missions_map_figure(
        frame, text, view.lang, empty_message=t("empty_missions", view.lang), compact=compact
    )
    return Chart(
        "missions", figure, _mission_table(frame, view.lang), _mission_columns(view.lang), text
    )


def _counts_chart(
    ds: Dataset, view: ViewState, chart_id: str, column: str, title_key: str, compact: bool
) -> Chart:
    as_of, frame = _snapshot(ds, view)
    text = _missions_text(ds, as_of, title_key, view.lang)
    counts = queries.counts_by(frame, column) if not frame.empty else pd.DataFrame()
    figure = counts_bar_figure(
        counts,
        column,
        text,
        view.lang,
        empty_message=t("empty_missions", view.lang),
        compact=compact,
    )
    return Chart(
        chart_id, figure, _mission_table(frame, view.lang), _mission_columns(view.lang), text
    )


def regions_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    return _counts_chart(ds, view, "missions_regions", "region_name", "by_region_title", compact)


def districts_chart(ds: Dataset, view: ResolvedView, compact: bool = False) -> Chart:
    return _counts_chart(ds, view, "missions_districts", "district", "by_district_title", compact)


@dataclass(frozen=True)
class ChartSpec:
    build: Callable[[Dataset, ResolvedView, bool], Chart]  # (data, view, compact)
    shows: str  # OBSERVATIONS or MISSIONS
    depends: tuple[str, ...]  # the view fields the chart reads (besides language and data)


OBSERVATION_VIEW = ("indicator", "transform")
CHARTS: dict[str, ChartSpec] = {
    "growth": ChartSpec(growth_chart, OBSERVATIONS, (*OBSERVATION_VIEW, "period")),
    "trend": ChartSpec(trend_chart, OBSERVATIONS, (*OBSERVATION_VIEW, "countries", "span")),
    "matrix": ChartSpec(matrix_chart, OBSERVATIONS, (*OBSERVATION_VIEW, "span")),
    "missions": ChartSpec(missions_chart, MISSIONS, ("snapshot",)),
    "missions_regions": ChartSpec(regions_chart, MISSIONS, ("snapshot",)),
    "missions_districts": ChartSpec(districts_chart, MISSIONS, ("snapshot",)),
}
CHART_IDS = tuple(CHARTS)


def shows(chart_id: str) -> str:
    """OBSERVATIONS or MISSIONS: what the chart with this id is about."""
    return CHARTS[chart_id].shows


def chart_key(chart_id: str, view: ResolvedView, compact: bool = False) -> str:
    """What the chart looks like depends on this alone: equal keys, equal charts."""
    fields = [chart_id, view.data_version, view.lang]
    fields += [str(getattr(view, name)) for name in CHARTS[chart_id].depends]
    return "|".join(fields + (["compact"] if compact else []))


def build_chart(ds: Dataset, chart_id: str, view: ViewState, *, compact: bool = False) -> Chart:
    """Build one chart for a view (resolved against the dataset unless it already is).
    `compact`: drawn for a phone-width screen (below 768 px, assets/app.js); the default
    suits a tablet's width and up, and every export size."""
    if chart_id not in CHARTS:
        raise KeyError(f"unknown chart {chart_id!r}; expected one of {', '.join(CHART_IDS)}")
    chart = CHARTS[chart_id].build(ds, view.resolve(ds), compact)
    if compact:
        for_touch(chart.figure)
    return chart


def for_touch(fig: dict) -> None:
    """On a phone a finger's drag scrolls the page, never zooms the chart; a tap shows a
    figure's hover."""
    update_layout(fig, dragmode=False)
    update_axis(fig, "xaxis", fixedrange=True)
    update_axis(fig, "yaxis", fixedrange=True)


TAB_CHARTS = {"indicators": ("growth", "trend"), "missions": ("missions",)}


def view_chart_ids(view: ViewState) -> tuple[str, ...]:
    """Charts on screen for a view, the main one first (downloads and embeds use it)."""
    return TAB_CHARTS.get(view.tab, (view.table,))


def main_chart(view: ViewState) -> str:
    """The chart a link, an embed or a data download of this view is about."""
    return view_chart_ids(view)[0]
