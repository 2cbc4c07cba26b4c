"""Figures over time: one period length across years (lines) and countries by periods (a grid).

Both compare like with like: they are given periods of one length (eaeu.periods.Span), on a
real time axis, and a period a series has no figure for stays a gap, never a joined line.
"""

from __future__ import annotations

import datetime as dt
from html import unescape as html_unescape

import pandas as pd

from eaeu.figures import (
    FALLBACK_COLOR,
    GEO_COLORS,
    GLYPH_EM,
    GRID,
    INK,
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
from eaeu.plotdict import add_annotation, dates, figure, update_axis, update_layout
from eaeu.transforms import Measure


def tick_label(start, end, lang: str) -> str:
    """A calendar span is one per year, so its tick is the year; months and quarters read
    'янв. 2024'."""
    span = span_of(start, end)
    if span.kind in ("month", "quarter"):
        return period_label(start, end, lang, short=True)
    return str(end.year)


# Labelled ticks at most: short labels fit a 320 px phone at the compact count, and any plot
# from a tablet's up at the other. Unlabelled periods keep a tick mark.
MAX_TICK_LABELS = {True: 4, False: 7}


def tick_texts(axis: list[tuple], lang: str, compact: bool) -> list[str]:
    """One label every few periods, the latest always labelled; a month or quarter names its
    year only where the year changes ('янв.<br>2024', 'апр.', ...)."""
    count = len(axis)
    step = -(-count // MAX_TICK_LABELS[compact])
    labelled = [i for i in range(count) if not (count - 1 - i) % step]
    heads = dict(zip(labelled, short_heads([axis[i] for i in labelled], lang), strict=True))
    return [heads.get(i, "") for i in range(count)]


def short_heads(periods: list[tuple], lang: str) -> list[str]:
    """Each period's short name in turn ('2024'; 'янв.<br>2024', 'апр.'): a month or quarter
    names its year only where the year changes."""
    heads, last_year = [], None
    for start, end in periods:
        text = tick_label(start, end, lang)
        head, _, year = text.rpartition(" ")
        if head:  # a month or a quarter
            text = head if year == last_year else f"{head}<br>{year}"
            last_year = year
        heads.append(text)
    return heads


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
    compact: bool = False,
) -> dict:
    """A line per geography over the ends of periods of ONE length, on a date axis.

    frame: columns geo, name, period_start, period_end, value (and `reporting` for ranks).
    A missing year is a gap in the line. Each line is named at its end beside a dot of its
    colour (no legend to look up); `compact` labels fewer periods, for a phone.
    """
    measure = measure or Measure("value", unit, 1, 0.0)
    if frame.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    axis = axis_periods(frame)
    period_ends = dates(end for _, end in axis)
    fig = figure()
    ends: list[tuple] = []  # name, colour, last value, the period end it is at
    for geo, rows in frame.groupby("geo", sort=False):
        by_end = {row["period_end"]: row for _, row in rows.iterrows()}
        name = markup(rows["name"].iloc[0])
        values = [float(by_end[end]["value"]) if end in by_end else None for _, end in axis]
        hover = [
            _hover(name, start, end, v, by_end.get(end), measure, lang)
            for (start, end), v in zip(axis, values, strict=True)
        ]
        color = GEO_COLORS.get(geo, FALLBACK_COLOR)
        fig["data"].append(
            {
                "type": "scatter",
                "x": period_ends,
                "y": values,
                "name": name,
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": color, "width": 3 if geo == UNION else 2},
                "marker": {"size": 8},
                "text": hover,
                "hovertemplate": "%{text}<extra></extra>",
                "showlegend": False,
            }
        )
        drawn = [(end, v) for (_, end), v in zip(axis, values, strict=True) if _has(v)]
        if drawn:
            ends.append((name, color, float(drawn[-1][1]), drawn[-1][0]))
    pad = dt.timedelta(days=75)
    first, last = axis[0][1], axis[-1][1]
    update_axis(
        fig,
        "xaxis",
        type="date",
        tickmode="array",
        tickvals=period_ends,
        ticktext=tick_texts(axis, lang, compact),
        ticks="outside",
        ticklen=4,
        tickcolor=GRID,
        range=[(first - pad).isoformat(), (last + pad).isoformat()],
        showgrid=False,
        tickangle=0,
    )
    low, high = _value_range(frame["value"], measure)
    update_axis(
        fig,
        "yaxis",
        range=[high, low] if measure.is_rank else [low, high],
        showgrid=True,
        gridcolor=GRID,
        zeroline=measure.baseline == 0 and not measure.is_rank,
        zerolinecolor=MUTED,
        ticksuffix=axis_suffix(measure.unit, lang),
    )
    if measure.is_rank:
        update_axis(fig, "yaxis", dtick=1)
    # A finger is wider than a mouse pointer: a tap near a point shows it.
    update_layout(fig, hovermode="closest", hoverdistance=30, showlegend=False)
    base_layout(fig, text, lang)
    font = 12 if compact else 13
    _end_labels(fig, ends, (low, high), font)
    widest = max((len(html_unescape(name)) + 2 for name, *_ in ends), default=0)
    update_layout(fig, margin={"r": round(widest * font * GLYPH_EM) + 12})
    return fig


def _has(value) -> bool:
    return value is not None and not pd.isna(value)


def _value_range(values: pd.Series, measure: Measure) -> tuple[float, float]:
    """The value axis, fixed (not autoranged) so the line-end labels can be spaced on it."""
    low, high = float(values.min()), float(values.max())
    if measure.is_rank:
        return low - 0.5, high + 0.5
    if measure.baseline == 0:
        low, high = min(low, 0.0), max(high, 0.0)
    pad = (high - low) * 0.08 or 1.0
    return low - pad, high + pad


# Labels are spaced for the shortest plot the chart is drawn at (a phone's or a small export's):
# a taller plot only spreads them further apart.
SHORTEST_PLOT_PX = 280


def _end_labels(fig: dict, ends, value_range: tuple[float, float], font: int) -> None:
    """Each line's name at its end, nudged apart so none overlap: right of the plot for the
    lines that reach the latest period, beside the last point for one that stops earlier."""
    latest = max((end for *_, end in ends), default=None)
    for at_edge in (True, False):
        group = [e for e in ends if (e[3] == latest) == at_edge]
        for end in sorted({e[3] for e in group}):
            same = [e for e in group if e[3] == end]
            for (name, color, _, _), y in zip(same, _spread(same, value_range, font), strict=True):
                add_annotation(
                    fig,
                    text=f"<span style='color:{color}'>\u25cf</span> {name}",
                    x=1 if at_edge else end.isoformat(),
                    xref="paper" if at_edge else "x",
                    xanchor="left",
                    xshift=6 if at_edge else 8,
                    y=y,
                    yref="y",
                    yanchor="middle",
                    showarrow=False,
                    font={"size": font, "color": INK},
                )


def _spread(ends, value_range: tuple[float, float], font: int) -> list[float]:
    """The labels' heights, in the order given: each at its line's last value, pushed apart to
    a line of text on the shortest plot the chart is drawn at, and kept inside the axis."""
    low, high = value_range
    gap = font * 1.3 * (high - low) / SHORTEST_PLOT_PX
    order = sorted(range(len(ends)), key=lambda i: ends[i][2])
    placed = [ends[i][2] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - (high - gap / 2) if placed else 0
    if overflow > 0:  # pushed past the top: slide the stack down, keeping the spacing
        placed = [y - overflow for y in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    heights = [0.0] * len(ends)
    for i, y in zip(order, placed, strict=True):
        heights[i] = y
    return heights


def matrix_figure(
    frame: pd.DataFrame,
    text: ChartText,
    lang: str,
    *,
    measure: Measure | None = None,
    empty_message: str = "",
    compact: bool = False,
) -> dict:
    """Countries (rows, the union first) by periods of one length (columns, oldest first):
    each cell prints its figure; a cell without one stays blank. `compact` (a phone) heads
    the columns as the trend's ticks do ('2024', 'янв.<br>2024'): the subtitle names the
    length, and whole period names would run into each other; the hover names the period."""
    measure = measure or Measure("value", "%", 1, 0.0)
    if frame.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    axis = axis_periods(frame)
    names = list(dict.fromkeys(frame["name"]))
    cells = frame.set_index(["name", "period_end"])["value"]
    z = [[cells.get((name, end)) for _, end in axis] for name in names]
    labels = [["" if v is None else value_text(v, measure, lang) for v in row] for row in z]
    names_of_periods = [period_label(s, e, lang) for s, e in axis]
    columns = short_heads(axis, lang) if compact else names_of_periods
    fig = figure(
        {
            "type": "heatmap",
            "z": [[None if v is None or pd.isna(v) else float(v) for v in row] for row in z],
            "x": columns,
            "y": markups(names),
            "text": labels,
            "texttemplate": "%{text}",
            "customdata": [names_of_periods] * len(names),
            "hovertemplate": "%{y}, %{customdata}: %{text}<extra></extra>",
            "colorscale": [[0, "#f1f4f8"], [1, "#6f9fd8"]],
            "showscale": False,
            "xgap": 2,
            "ygap": 2,
        }
    )
    update_axis(fig, "yaxis", autorange="reversed", showgrid=False, automargin=True)
    update_axis(fig, "xaxis", side="top", showgrid=False, tickangle=0, automargin=True)
    update_layout(fig, showlegend=False)
    return base_layout(fig, text, lang)
