"""Pure figure builders: tidy DataFrame + options -> a figure as a plain dict (eaeu.plotdict).
The screen, embeds and the exporter share them."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import pandas as pd

from eaeu.export.measure import FILL, text_width
from eaeu.i18n import (
    MISSION_TYPES,
    fmt_number,
    fmt_value,
    label,
    t,
)
from eaeu.model import UNION
from eaeu.plotdict import (
    add_annotation,
    add_shape,
    figure,
    has_legend,
    numbers,
    update_axis,
    update_layout,
)
from eaeu.transforms import Measure

FONT_FAMILY = '"PT Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif'
INK = "#1f2328"
MUTED = "#5b616b"
GRID = "#e3e6ea"
GLYPH_EM = 0.56  # PT Sans' average glyph width in em (Latin and Cyrillic), rounded up

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
GEO_COLORS = {
    "ARM": "#E69F00",
    "BLR": "#009E73",
    "KAZ": "#56B4E9",
    "KGZ": "#CC79A7",
    "RUS": "#0072B2",
    UNION: "#000000",
}
TYPE_COLORS = {
    "embassy": "#D55E00",
    "consulate_general": "#0072B2",
    "embassy_branch": "#009E73",
    "honorary_consul": "#CC79A7",
}
FALLBACK_COLOR = "#777777"
FOOTER = "footer"


def markup(text):
    """Plain text (names, notes and sources from the data) as plotly text: plotly reads a
    subset of HTML in every title, label and hover, so `<`, `>` and `&` are escaped and only
    the markup the code adds around it stays markup. Line breaks ('\\n') become `<br>`."""
    if not isinstance(text, str):
        return text
    return html.escape(text, quote=False).replace("\n", "<br>")


def markups(values) -> list:
    return [markup(value) for value in values]


def wrapped(text: str, width: int) -> str:
    """Plain text as plotly text broken into lines of about `width` characters (plotly never
    wraps a legend entry or a tick label itself)."""
    return "<br>".join(markup(line) for line in textwrap.wrap(text, width) or [""])


@dataclass(frozen=True)
class ChartText:
    """Words printed inside a chart, so a PNG carries its own title and source: plain text
    (the page shows it as text, alt texts quote it), lines of the source split by '\\n'.
    Figures and exports turn it into plotly text with `markup`."""

    title: str
    subtitle: str = ""
    source: str = ""
    note: str = ""


TICK_FONT_PX = 14  # the layout's font size, which tick labels take
LABEL_PAD_PX = 12  # the room kept left and right of the labels
LABEL_GAP_PX = 6  # between a label and the axis, so a name never touches its bar


def label_room(labels, font_px: float) -> int:
    """The left margin that holds these category labels (plain text) whole: their widest in
    PT Sans, measured from the font file, with room for the browser's slightly wider shaping."""
    widest = max((text_width(str(label), font_px) for label in labels), default=0.0)
    return round(widest / FILL) + 2 * LABEL_PAD_PX


def separators(lang: str) -> str:
    """Plotly's decimal and thousands marks: '12,6' and a thin space in Russian."""
    return ", " if lang == "ru" else ".,"


def base_layout(fig: dict, text: ChartText, lang: str) -> dict:
    title = f"<b>{markup(text.title)}</b>"
    if text.subtitle:
        subtitle = markup(text.subtitle)
        title += f"<br><span style='font-size:14px;color:{MUTED}'>{subtitle}</span>"
    footer = "<br>".join(markup(part) for part in (text.note, text.source) if part)
    update_layout(
        fig,
        title={"text": title, "x": 0, "xanchor": "left", "xref": "paper", "font": {"size": 20}},
        font={"family": FONT_FAMILY, "color": INK, "size": 14},
        separators=separators(lang),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={
            "l": 20,
            "r": 30,
            "t": 140 if has_legend(fig) else 105,
            "b": 60 + 18 * footer.count("<br>"),
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    if footer:
        add_annotation(
            fig,
            text=footer,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-40,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": 12, "color": MUTED},
            name=FOOTER,
        )
    return fig


def screen_version(fig: dict) -> dict:
    """The same figure without the printed title and footer, which the page shows as HTML
    text (it wraps on a phone and screen readers read it). A new dict: the built figure,
    shared by every request for it, stays as it was (its traces are shared, not copied)."""
    layout = dict(fig["layout"])
    annotations = [a for a in layout.get("annotations", ()) if a.get("name") != FOOTER]
    if annotations:
        layout["annotations"] = annotations
    else:
        layout.pop("annotations", None)
    top = layout.get("margin", {}).get("t") or 105
    # Room stays for what sits above the plot: the legend, or the union's reference label.
    layout["margin"] = {**layout.get("margin", {}), "t": max(30, top - 95), "b": 40}
    layout["title"] = {**layout.get("title", {}), "text": ""}
    return {"data": fig["data"], "layout": layout}


def add_message(fig: dict, message: str, **style) -> None:
    """Plain text across the middle of the plot: why it shows nothing."""
    add_annotation(
        fig,
        text=markup(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 16, "color": MUTED},
        **style,
    )


def empty_figure(message: str, text: ChartText, lang: str) -> dict:
    """A chart that says why it is empty instead of showing bare axes."""
    fig = figure()
    add_message(fig, message)
    update_axis(fig, "xaxis", visible=False)
    update_axis(fig, "yaxis", visible=False)
    return base_layout(fig, text, lang)


def value_text(value: float, measure: Measure, lang: str) -> str:
    if measure.is_rank:
        return fmt_number(value, lang, 0)
    return fmt_value(value, measure.unit, lang, measure.decimals)


def growth_bar_figure(
    frame: pd.DataFrame,
    text: ChartText,
    lang: str,
    *,
    unit: str = "%",
    measure: Measure | None = None,
    reference: tuple[str, float] | None = None,
    empty_message: str = "",
) -> dict:
    """Horizontal bars, highest at the top, value labels; `reference` draws the union's line.

    frame: columns geo, name, value (one row per bar). Bars grow from `measure.baseline`
    (100 for an index); ranks are drawn as dots, first place on top.
    """
    measure = measure or Measure("value", unit, 1, 0.0)
    if frame.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    ascending = [not measure.is_rank, False]
    ordered = frame.sort_values(["value", "name"], ascending=ascending)
    labels = [value_text(v, measure, lang) for v in ordered["value"]]
    colors = [GEO_COLORS.get(g, FALLBACK_COLOR) for g in ordered["geo"]]
    if measure.is_rank:
        fig = _rank_dots(ordered, labels, colors)
    else:
        fig = figure(
            {
                "type": "bar",
                "x": numbers(ordered["value"] - measure.baseline),
                "base": measure.baseline,
                "y": markups(ordered["name"]),
                "orientation": "h",
                "marker": {"color": colors},
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        )
        _value_axis(fig, ordered["value"], measure, reference)
    if reference is not None and not measure.is_rank:
        _reference_line(fig, reference, numbers(ordered["value"]), measure, lang)
    # The names' room is measured here, not by plotly (automargin draws the chart, measures
    # and draws it again: a third of a period change's drawing time).
    update_axis(
        fig, "yaxis", showgrid=False, ticks="", automargin=False, ticklabelstandoff=LABEL_GAP_PX
    )
    update_layout(fig, showlegend=False, bargap=0.35)
    base_layout(fig, text, lang)
    fig["layout"]["margin"]["l"] = label_room(ordered["name"], TICK_FONT_PX)
    return fig


def _rank_dots(ordered: pd.DataFrame, labels: list[str], colors: list[str]) -> dict:
    fig = figure(
        {
            "type": "scatter",
            "x": numbers(ordered["value"]),
            "y": markups(ordered["name"]),
            "mode": "markers+text",
            "marker": {"size": 22, "color": colors},
            "text": labels,
            "textfont": {"color": "white", "size": 12},
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        }
    )
    top = float(ordered["value"].max())
    update_axis(fig, "xaxis", range=[top + 0.6, 0.4], dtick=1, showgrid=True, gridcolor=GRID)
    return fig


def _value_axis(fig: dict, column: pd.Series, measure: Measure, reference) -> None:
    base = measure.baseline
    points = [float(column.min()), float(column.max()), base]
    if reference:
        points.append(reference[1])
    low, high = min(points), max(points)
    pad = (high - low) * 0.18 or 1.0
    # A negative bar's label sits left of its end, beside the country names: more room there,
    # so on a phone-width chart it never runs into them.
    update_axis(
        fig,
        "xaxis",
        range=[low - (2 * pad if low < base else 0), high + pad],
        showgrid=True,
        gridcolor=GRID,
        zeroline=base == 0,
        zerolinecolor=MUTED,
    )
    if base:
        add_shape(
            fig,
            type="line",
            x0=base,
            x1=base,
            xref="x",
            y0=0,
            y1=1,
            yref="y domain",
            line={"color": MUTED, "width": 1},
        )


def _reference_line(
    fig: dict,
    reference: tuple[str, float],
    values: list[float],
    measure: Measure,
    lang: str,
) -> None:
    """The union's value as a dashed line with its caption above the plot. The line is broken
    at every bar whose value label lies on its side (beyond the bar's end), so it never runs
    through a printed number, whatever the chart's width."""
    ref_name, ref_value = reference
    shown = value_text(ref_value, measure, lang)
    caption = (
        t("eaeu_reference", lang, value=shown) if ref_name == UNION else f"{ref_name}: {shown}"
    )
    base = measure.baseline
    # Bars are drawn bottom-up in the order given: category i is centred on y = i.
    crossed = [
        i
        for i, value in enumerate(values)
        if (value >= base and ref_value >= value) or (value < base and ref_value <= value)
    ]
    for low, high in _segments(len(values), crossed):
        add_shape(
            fig,
            type="line",
            x0=ref_value,
            x1=ref_value,
            y0=low,
            y1=high,
            xref="x",
            yref="y",
            line={"color": INK, "width": 1.5, "dash": "dash"},
        )
    add_annotation(
        fig,
        text=markup(caption),
        x=ref_value,
        xref="x",
        y=1,
        yref="y domain",
        yanchor="bottom",
        showarrow=False,
        font={"size": 13, "color": INK},
    )


LABEL_HALF_HEIGHT = 0.24  # of a category's band: the value label's half height and a margin


def _segments(count: int, gaps: list[int]) -> list[tuple[float, float]]:
    """From the bottom to the top of `count` category bands, leaving out the middle of each
    band in `gaps`."""
    segments, start = [], -0.5
    for i in gaps:
        segments.append((start, i - LABEL_HALF_HEIGHT))
        start = i + LABEL_HALF_HEIGHT
    segments.append((start, count - 0.5))
    return [(low, high) for low, high in segments if high > low]


def axis_suffix(unit: str, lang: str) -> str:
    if unit == "%":
        return "\u00a0%" if lang == "ru" else "%"
    return f"\u00a0{unit}" if unit else ""


def counts_bar_figure(
    counts: pd.DataFrame,
    column: str,
    text: ChartText,
    lang: str,
    *,
    empty_message: str = "",
    compact: bool = False,
) -> dict:
    """Missions per region or district, stacked by type, the largest at the top.

    counts: columns <column>, type, n, total. `compact` (a phone) breaks long legend entries
    into lines: plotly cuts them at the chart's edge.
    """
    if counts.empty:
        return empty_figure(empty_message or t("no_data", lang), text, lang)
    order = markups(
        dict.fromkeys(counts.sort_values(["total", column], ascending=[True, False])[column])
    )
    fig = figure()
    for mission_type in MISSION_TYPES:
        for is_open in (True, False):
            rows = counts[(counts["type"] == mission_type) & (counts["open"] == is_open)]
            if rows.empty:
                continue
            name = label(MISSION_TYPES, mission_type, lang)
            if not is_open:
                name += f" ({t('not_yet_open', lang)})"
            name = wrapped(name, 26) if compact else markup(name)
            fig["data"].append(
                {
                    "type": "bar",
                    "x": numbers(rows["n"]),
                    "y": markups(rows[column]),
                    "orientation": "h",
                    "name": name,
                    "marker": {
                        "color": "white" if not is_open else TYPE_COLORS[mission_type],
                        "line": {"color": TYPE_COLORS[mission_type], "width": 1.5},
                        "pattern": {
                            "shape": "/" if not is_open else "",
                            "fgcolor": TYPE_COLORS[mission_type],
                        },
                    },
                    "hovertemplate": "%{y}: %{x}<extra>%{fullData.name}</extra>",
                }
            )
    totals = counts.drop_duplicates(column)
    fig["data"].append(
        {
            "type": "scatter",
            "x": numbers(totals["total"]),
            "y": markups(totals[column]),
            "mode": "text",
            "text": ["\u2002" + fmt_number(v, lang, 0) for v in totals["total"]],
            "textposition": "middle right",
            "showlegend": False,
            "hoverinfo": "skip",
        }
    )
    update_axis(fig, "yaxis", categoryorder="array", categoryarray=order, automargin=True, ticks="")
    update_axis(
        fig,
        "xaxis",
        dtick=1,
        showgrid=True,
        gridcolor=GRID,
        rangemode="tozero",
        range=[0, float(counts["total"].max()) + 0.8],
    )
    update_layout(fig, barmode="stack", bargap=0.3, legend={"traceorder": "normal"})
    return base_layout(fig, text, lang)
