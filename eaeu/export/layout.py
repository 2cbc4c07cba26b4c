"""A screen figure laid out for a fixed image size: wrapped title, footer, logo, margins."""

from __future__ import annotations

import html
import math
import re
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from eaeu.charts import build_chart
from eaeu.dataset import Dataset
from eaeu.export.options import ExportOptions, export_string
from eaeu.figures import FOOTER, LABEL_GAP_PX, MUTED, ChartText, markup

PAD = 24  # space between the image edge and any text
GAP = 10
TITLE_SIZE, SUBTITLE_SIZE, BODY_SIZE, FOOTER_SIZE = 20, 14, 14, 12
LINE_HEIGHT = 1.3  # plotly's line spacing, in font sizes
# Average glyph width in em for PT Sans (the exports' font, eaeu/export/fonts.py), rounded up
# from the Russian and English titles, subtitles, sources and labels of every chart (means
# 0.48 regular, 0.47 bold; widest bold title 0.52) so that estimated lines err on the short side.
EM_REGULAR, EM_BOLD = 0.52, 0.54


def _chars_per_line(width_px: float, font_px: float, bold: bool = False) -> int:
    return max(12, int(width_px / (font_px * (EM_BOLD if bold else EM_REGULAR))))


def plain_text(text: str) -> str:
    """Lines already broken for the screen (plotly's <br>, or '\\n' in a ChartText) are
    rejoined: the export wraps for its own width."""
    return re.sub(r"\s*(<br\s*/?>|\n)\s*", " ", text or "").strip()


def wrap_lines(text: str, width_px: float, font_px: float, bold: bool = False) -> list[str]:
    """Plain text in lines of plain text (line breaks in it count as spaces): callers turn
    each line into plotly text with `markup`, so a data `<br>` stays literal."""
    text = " ".join((text or "").split())
    if not text:
        return []
    return textwrap.wrap(
        text,
        _chars_per_line(width_px, font_px, bold),
        break_on_hyphens=False,
        break_long_words=True,
    )


@dataclass(frozen=True)
class _Frame:
    """Everything measured in pixels for one export, decided before plotly sees it."""

    width: int
    height: int
    font_scale: float
    title_lines: list[str]
    subtitle_lines: list[str]
    footer_lines: list[str]
    logo: str

    def px(self, size: float) -> float:
        return size * self.font_scale

    @property
    def title_lines_count(self) -> int:
        return len(self.title_lines) + len(self.subtitle_lines)

    @property
    def title_height(self) -> float:
        """From the top of the first line to the bottom of the last (measured in renders)."""
        lines = self.title_lines_count
        return ((lines - 1) * LINE_HEIGHT + 1) * self.px(TITLE_SIZE) if lines else 0.0

    @property
    def title_y(self) -> float:
        """plotly lifts a multi-line title anchored at its top by ~0.7 em: pushed back down."""
        lift = 0.7 * self.px(TITLE_SIZE) if self.title_lines_count > 1 else 0.0
        return 1 - (PAD + lift) / self.height

    @property
    def footer_height(self) -> float:
        lines = len(self.footer_lines) or (1 if self.logo else 0)
        return lines * self.px(FOOTER_SIZE) * LINE_HEIGHT


def _font_scale(width: int, height: int) -> float:
    """Small custom sizes get smaller type, so the chart keeps room between title and footer."""
    return min(1.0, max(0.7, min(width, height) / 600))


def _logo_width(frame_scale: float, lang: str) -> float:
    return (len(export_string("logo", lang)) + 2) * FOOTER_SIZE * frame_scale * EM_BOLD


def _footer_parts(text: ChartText, options: ExportOptions) -> list[str]:
    """User note first, then the chart's own caveat (never dropped), then the source line."""
    parts = [options.note.strip()] if options.note.strip() else []
    if text.note:
        parts.append(text.note)
    if options.show_source and text.source:
        parts.append(text.source)
    return parts


def _measure_frame(text: ChartText, options: ExportOptions) -> _Frame:
    width, height = options.size
    scale = _font_scale(width, height)
    inner = width - 2 * PAD
    logo = export_string("logo", options.lang) if options.show_logo else ""
    footer_width = inner - (_logo_width(scale, options.lang) + GAP if logo else 0)
    footer_lines = [
        line
        for part in _footer_parts(text, options)
        for line in wrap_lines(part, footer_width, FOOTER_SIZE * scale)
    ]
    return _Frame(
        width=width,
        height=height,
        font_scale=scale,
        title_lines=wrap_lines(text.title, inner, TITLE_SIZE * scale, bold=True)
        if options.show_title
        else [],
        subtitle_lines=wrap_lines(text.subtitle, inner, SUBTITLE_SIZE * scale)
        if options.show_subtitle
        else [],
        footer_lines=footer_lines,
        logo=logo,
    )


def _legend_names(fig: go.Figure) -> list[str]:
    if fig.layout.showlegend is False:
        return []
    names = [
        html.unescape(trace.name)
        for trace in fig.data
        if trace.name and trace.showlegend is not False
    ]
    return names if len(names) > 1 or fig.layout.showlegend else []


def _legend_rows(names: list[str], max_width: float, frame: _Frame) -> int:
    """Rows of plotly's horizontal legend: one row if everything fits, otherwise a grid whose
    columns are all as wide as the widest item (plotly.js legend/draw.js)."""
    if not names:
        return 0
    # 40 px for the symbol and its gap; 5 px between items.
    widths = [40 + 5 + len(n) * frame.px(BODY_SIZE) * EM_REGULAR for n in names]
    if sum(widths) < max_width:
        return 1
    columns = max(1, int(max_width // max(widths)))
    return math.ceil(len(names) / columns)


def _has_top_caption(fig: go.Figure) -> bool:
    """A reference line's caption (the union's value) is drawn just above the plot."""
    return any(a.yref and "domain" in a.yref and (a.y or 0) >= 1 for a in fig.layout.annotations)


def _visible_axis(axis) -> bool:
    return axis is not None and axis.visible is not False


def _x_axis_height(fig: go.Figure, frame: _Frame) -> float:
    if not fig.layout.xaxis or not _visible_axis(fig.layout.xaxis) or not _cartesian(fig):
        return 0.0
    tick_lines = 1
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        if xs is not None and any(isinstance(x, str) and "<br>" in x for x in xs):
            tick_lines = 2
    return tick_lines * frame.px(BODY_SIZE) * LINE_HEIGHT + 14


def _cartesian(fig: go.Figure) -> bool:
    return any(trace.type in ("bar", "scatter") for trace in fig.data) or not fig.data


def _y_label_width(fig: go.Figure, frame: _Frame) -> float:
    """Room for category labels left of horizontal bars (automargin still guards overruns)."""
    if not _cartesian(fig) or not _visible_axis(fig.layout.yaxis):
        return 0.0
    labels = [
        str(y)
        for trace in fig.data
        if getattr(trace, "orientation", None) == "h" or trace.type == "scatter"
        for y in (trace.y if trace.y is not None else ())
    ]
    longest = max((len(html.unescape(plain_text(v))) for v in labels), default=4)
    return longest * frame.px(BODY_SIZE) * EM_REGULAR + 12 + LABEL_GAP_PX


def _fit_category_ticks(fig: go.Figure, frame: _Frame, plot_width: float) -> None:
    """On narrow images label every second (third...) period instead of overprinting them."""
    axis = fig.layout.xaxis
    if axis.type != "category" or not axis.categoryarray:
        return
    longest = max(len(line) for tick in axis.categoryarray for line in str(tick).split("<br>"))
    label_px = longest * frame.px(BODY_SIZE) * EM_REGULAR + 12
    fits = int(plot_width // label_px)
    if fits < len(axis.categoryarray):
        fig.update_xaxes(nticks=max(2, fits))


def _title_block(frame: _Frame) -> str:
    lines = [f"<b>{markup(line)}</b>" for line in frame.title_lines]
    size = round(frame.px(SUBTITLE_SIZE))
    lines += [
        f"<span style='font-size:{size}px;color:{MUTED}'>{markup(x)}</span>"
        for x in frame.subtitle_lines
    ]
    return "<br>".join(lines)


def _drop_screen_footer(fig: go.Figure) -> None:
    """base_layout hangs note+source under the plot at a fixed offset; the export places its own."""
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != FOOTER]


def _margins(fig: go.Figure, frame: _Frame) -> dict[str, float]:
    # The legend starts at the left padding and may run to the plot's right edge.
    top = PAD + frame.title_height + (GAP if frame.title_height else 0)
    rows = _legend_rows(_legend_names(fig), frame.width - 2 * PAD, frame)
    if rows:
        top += rows * (frame.px(BODY_SIZE) * LINE_HEIGHT + 4) + 10
    elif _has_top_caption(fig):
        top += frame.px(BODY_SIZE) * LINE_HEIGHT + 4
    top += GAP
    bottom = PAD + frame.footer_height + GAP + _x_axis_height(fig, frame)
    left = PAD + _y_label_width(fig, frame)
    return {"t": round(top), "b": round(bottom), "l": round(left), "r": _right(fig), "pad": 0}


def _right(fig: go.Figure) -> float:
    """Lines named at their ends (a trend) keep the room the figure made for the names."""
    named_ends = any(a.xref == "paper" and (a.x or 0) >= 1 for a in fig.layout.annotations)
    return max(PAD, fig.layout.margin.r or 0) if named_ends else PAD


def _add_footer(fig: go.Figure, frame: _Frame, margin: dict[str, float]) -> None:
    plot_width = frame.width - margin["l"] - margin["r"]
    # Paper coordinates are relative to the plot area: shift back to the image's left padding.
    x_left = (PAD - margin["l"]) / plot_width
    x_right = 1 + (margin["r"] - PAD) / plot_width
    common = {
        "xref": "paper",
        "yref": "paper",
        "y": 0,
        "yanchor": "bottom",
        "yshift": -(margin["b"] - PAD),
        "showarrow": False,
    }
    if frame.footer_lines:
        fig.add_annotation(
            text="<br>".join(markup(line) for line in frame.footer_lines),
            x=x_left,
            xanchor="left",
            align="left",
            font={"size": frame.px(FOOTER_SIZE), "color": MUTED},
            **common,
        )
    if frame.logo:
        fig.add_annotation(
            text=f"<span style='color:#0072B2'>■</span> <b>{frame.logo}</b>",
            x=x_right,
            xanchor="right",
            align="right",
            font={"size": frame.px(FOOTER_SIZE) + 1, "color": "#1f2328"},
            **common,
        )


def apply_export_layout(fig: go.Figure, text: ChartText, options: ExportOptions) -> go.Figure:
    """Fix the size and place title, legend, footer and logo so nothing is cut at this size.

    Changes `fig` in place (callers pass a fresh or copied figure) and returns it.
    """
    frame = _measure_frame(text, options)
    _drop_screen_footer(fig)
    margin = _margins(fig, frame)
    plot_height = frame.height - margin["t"] - margin["b"]
    if plot_height < 60:
        raise ValueError(
            f"{frame.width}x{frame.height} leaves no room for the chart under its title and "
            "footer; choose a larger size or hide some text"
        )
    fig.update_layout(
        width=frame.width,
        height=frame.height,
        autosize=False,
        margin=margin,
        title={
            "text": _title_block(frame),
            "x": PAD / frame.width,
            "xref": "container",
            "xanchor": "left",
            "y": frame.title_y,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 0, "b": 0, "l": 0, "r": 0},
            "font": {"size": frame.px(TITLE_SIZE)},
        },
        legend={
            "y": 1,
            "yanchor": "bottom",
            "x": (PAD - margin["l"]) / (frame.width - margin["l"] - margin["r"]),
            "xanchor": "left",
            "font": {"size": frame.px(BODY_SIZE)},
        },
        font={"size": frame.px(BODY_SIZE)},
    )
    plot_width = frame.width - margin["l"] - margin["r"]
    _fit_category_ticks(fig, frame, plot_width)
    if _cartesian(fig):
        # The margin is reckoned from an average glyph: plotly widens it for longer labels.
        fig.update_yaxes(ticklabelstandoff=LABEL_GAP_PX, automargin=True)
    if fig.layout.yaxis.scaleanchor:
        # A map at one scale: an image of fixed size is filled with more map, never bands
        # (the screen shrinks the plot instead, eaeu/map_figure.py, as it is resized).
        fig.update_xaxes(constrain="range")
        fig.update_yaxes(constrain="range")
    _add_footer(fig, frame, margin)
    return fig


def export_figure(ds: Dataset, options: ExportOptions) -> go.Figure:
    """The screen's figure (same build_chart) laid out for the export size."""
    chart = build_chart(ds, options.chart_id, options.view)
    return apply_export_layout(go.Figure(chart.figure), chart.text, options)
