"""Figures over time: one period length across years (lines) and countries by periods (a grid).

Both compare like with like: they are given periods of one length (eaeu.periods.Span), on a
real time axis, and a period a series has no figure for stays a gap, never a joined line.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eaeu.figures import (
    FALLBACK_COLOR,
    GEO_COLORS,
    GRID,
    MUTED,
    ChartText,
    axis_suffix,
    base_layout,
    empty_figure,
    markup,
    markups,
    value_text,
)
from eaeu.i18n import period_label, t
from eaeu.model import UNION
from eaeu.periods import expected_periods, span_of
from eaeu.transforms import Measure


def tick_label(start, end, lang: str) -> str:
    """A calendar span is one per year, so its tick is the year; months and quarters read
    'янв. 2024'."""
    span = span_of(start, end)
    if span.kind in ("month", "quarter"):
        return period_label(start, end, lang, short=True)
    return str(end.year)


def axis_periods(frame: pd.DataFrame) -> list[tuple]:
    """Every period from the first to the last of the frame's one length, gaps included."""
    pairs = set(zip(frame["period_start"], frame["period_end"], strict=True))
    first = min(pairs, key=lambda p: p[1])
    return expected_periods(span_of(*first), pairs)


def _hover(name: str, start, end, value: float | None, row, measure: Measure, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    shown = value_text(value, measure, lang)
    if measure.is_rank and row is not None and not pd.isna(row.get("reporting", float("nan"))):
        shown = t("rank_of", lang, rank=shown, count=int(row["reporting"]))
    return f"{name}, {period_label(start, end, lang)}: {shown}"


def trend_line_figure(
    frame: pd.DataFrame,
    text: ChartText,
    lang: str,
    *,
    unit: str = "%",
    measure: Measure | None = None,
    empty_message: str = "",
) -> go.Figure:
    """A line per geography over the ends of periods of ONE length, on a date axis.

    frame: columns geo, name, period_start, period_end, value (and `reporting` for ranks).
    A missing year is a gap in the line.
    """
    measure = measure or Measure("value", unit, 1, 0.0)
    if frame.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    axis = axis_periods(frame)
    fig = go.Figure()
    for geo, rows in frame.groupby("geo", sort=False):
        by_end = {row["period_end"]: row for _, row in rows.iterrows()}
        name = markup(rows["name"].iloc[0])
        values = [by_end[end]["value"] if end in by_end else None for _, end in axis]
        hover = [
            _hover(name, start, end, v, by_end.get(end), measure, lang)
            for (start, end), v in zip(axis, values, strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=[end for _, end in axis],
                y=values,
                name=name,
                mode="lines+markers",
                connectgaps=False,
                line={
                    "color": GEO_COLORS.get(geo, FALLBACK_COLOR),
                    "width": 3 if geo == UNION else 2,
                },
                marker={"size": 8},
                text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    ends = [end for _, end in axis]
    pad = pd.Timedelta(days=75)
    fig.update_xaxes(
        type="date",
        tickmode="array",
        tickvals=ends,
        ticktext=[tick_label(s, e, lang) for s, e in axis],
        range=[pd.Timestamp(ends[0]) - pad, pd.Timestamp(ends[-1]) + pad],
        showgrid=False,
        tickangle=0,
    )
    fig.update_yaxes(
        showgrid=True,
        gridcolor=GRID,
        zeroline=measure.baseline == 0 and not measure.is_rank,
        zerolinecolor=MUTED,
        ticksuffix=axis_suffix(measure.unit, lang),
    )
    if measure.is_rank:
        fig.update_yaxes(autorange="reversed", dtick=1)
    fig.update_layout(hovermode="closest")
    return base_layout(fig, text, lang)


def matrix_figure(
    frame: pd.DataFrame,
    text: ChartText,
    lang: str,
    *,
    measure: Measure | None = None,
    empty_message: str = "",
) -> go.Figure:
    """Countries (rows, the union first) by periods of one length (columns, oldest first):
    each cell prints its figure; a cell without one stays blank."""
    measure = measure or Measure("value", "%", 1, 0.0)
    if frame.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    axis = axis_periods(frame)
    names = list(dict.fromkeys(frame["name"]))
    cells = frame.set_index(["name", "period_end"])["value"]
    z = [[cells.get((name, end)) for _, end in axis] for name in names]
    labels = [["" if v is None else value_text(v, measure, lang) for v in row] for row in z]
    columns = [period_label(s, e, lang) for s, e in axis]
    fig = go.Figure(
        go.Heatmap(
            z=[[float("nan") if v is None else v for v in row] for row in z],
            x=columns,
            y=markups(names),
            text=labels,
            texttemplate="%{text}",
            hovertemplate="%{y}, %{x}: %{text}<extra></extra>",
            colorscale=[[0, "#f1f4f8"], [1, "#6f9fd8"]],
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True)
    fig.update_xaxes(side="top", showgrid=False, tickangle=0, automargin=True)
    fig.update_layout(showlegend=False)
    return base_layout(fig, text, lang)
