"""Static exports: the screen's figure laid out for a fixed size, rendered by one warm Chromium.

Pure core (no Dash): the export panel, the command line and the benchmarks all call it.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import datetime as dt
import html
import io
import math
import re
import textwrap
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from eaeu import downloads
from eaeu.charts import CHART_IDS, Chart, build_chart, view_chart_ids
from eaeu.config import PROJECT_DIR
from eaeu.dataset import Dataset
from eaeu.figures import FOOTER, MUTED, ChartText
from eaeu.i18n import MISSION_STATUSES, MISSION_TYPES, fmt_number, fmt_value, label, t
from eaeu.view import ViewState

# -- options -------------------------------------------------------------------------------------

PRESETS: dict[str, tuple[int, int]] = {
    "article": (1200, 675),
    "square": (1080, 1080),
    "social": (1200, 630),
}
PRESET_NAMES = (*PRESETS, "custom")
FORMATS = ("png", "svg", "pdf")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
SCALES = (1, 2, 3)
MIN_SIDE, MAX_SIDE = 300, 4000
# Chromium cannot allocate arbitrarily large bitmaps; 4000 px at 3x would be 12,000 px a side.
MAX_OUTPUT_SIDE = 8000


def _s(key: str, lang: str, **fields: object) -> str:
    return t(f"export_{key}", lang, **fields)


class ExportError(RuntimeError):
    """A render could not be made; the message is meant for the person who asked for it."""


@dataclass(frozen=True)
class ExportOptions:
    chart_id: str
    view: ViewState = field(default_factory=ViewState)
    preset: str = "article"
    width: int | None = None  # only for the custom preset
    height: int | None = None
    scale: int = 2
    fmt: str = "png"
    show_title: bool = True
    show_subtitle: bool = True
    show_source: bool = True
    show_logo: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        """Bad options fail here, with a message naming the allowed values."""
        if self.chart_id not in CHART_IDS:
            raise ValueError(
                f"unknown chart {self.chart_id!r}; expected one of {', '.join(CHART_IDS)}"
            )
        if self.preset not in PRESET_NAMES:
            raise ValueError(
                f"unknown preset {self.preset!r}; expected one of {', '.join(PRESET_NAMES)}"
            )
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}; expected one of {', '.join(FORMATS)}")
        if self.scale not in SCALES:
            raise ValueError(f"scale must be 1, 2 or 3, not {self.scale!r}")
        width, height = self.size
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise ValueError(
                f"width and height must be {MIN_SIDE}..{MAX_SIDE} px, not {width}x{height}"
            )
        if max(width, height) * self.scale > MAX_OUTPUT_SIDE:
            raise ValueError(
                f"{width}x{height} at scale {self.scale} exceeds {MAX_OUTPUT_SIDE} px a side"
            )

    @property
    def size(self) -> tuple[int, int]:
        if self.preset != "custom":
            return PRESETS[self.preset]
        if self.width is None or self.height is None:
            raise ValueError("the custom preset needs a width and a height")
        return int(self.width), int(self.height)

    @property
    def lang(self) -> str:
        return "en" if self.view.lang == "en" else "ru"


# -- layout for a fixed size ---------------------------------------------------------------------

PAD = 24  # space between the image edge and any text
GAP = 10
TITLE_SIZE, SUBTITLE_SIZE, BODY_SIZE, FOOTER_SIZE = 20, 14, 14, 12
LINE_HEIGHT = 1.3  # plotly's line spacing, in font sizes
# Average glyph width in em for DejaVu Sans (the Cyrillic fallback Chromium uses), rounded up
# from measured Russian and English titles so that estimated lines err on the short side.
EM_REGULAR, EM_BOLD = 0.62, 0.68


def _chars_per_line(width_px: float, font_px: float, bold: bool = False) -> int:
    return max(12, int(width_px / (font_px * (EM_BOLD if bold else EM_REGULAR))))


def _plain(text: str) -> str:
    """Lines already broken for the screen are rejoined: the export wraps for its own width."""
    return re.sub(r"\s*<br\s*/?>\s*", " ", text or "").strip()


def wrap_lines(text: str, width_px: float, font_px: float, bold: bool = False) -> list[str]:
    text = _plain(text)
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
    return (len(_s("logo", lang)) + 2) * FOOTER_SIZE * frame_scale * EM_BOLD


def _footer_parts(text: ChartText, options: ExportOptions) -> list[str]:
    """User note first, then the chart's own caveat (never dropped), then the source line."""
    parts = [html.escape(options.note.strip(), quote=False)] if options.note.strip() else []
    if text.note:
        parts.append(text.note)
    if options.show_source and text.source:
        parts.append(text.source)
    return parts


def _measure_frame(text: ChartText, options: ExportOptions) -> _Frame:
    width, height = options.size
    scale = _font_scale(width, height)
    inner = width - 2 * PAD
    logo = _s("logo", options.lang) if options.show_logo else ""
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
    names = [trace.name for trace in fig.data if trace.name and trace.showlegend is not False]
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


LABEL_STANDOFF = 6  # px between a bar's category label and the axis, so "Армения" never touches it


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
    longest = max((len(_plain(v)) for v in labels), default=4)
    return longest * frame.px(BODY_SIZE) * EM_REGULAR + 12 + LABEL_STANDOFF


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
    lines = [f"<b>{line}</b>" for line in frame.title_lines]
    size = round(frame.px(SUBTITLE_SIZE))
    lines += [
        f"<span style='font-size:{size}px;color:{MUTED}'>{x}</span>" for x in frame.subtitle_lines
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
    return {"t": round(top), "b": round(bottom), "l": round(left), "r": PAD, "pad": 0}


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
            text="<br>".join(frame.footer_lines),
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
        fig.update_yaxes(ticklabelstandoff=LABEL_STANDOFF)
    _add_footer(fig, frame, margin)
    return fig


def export_figure(ds: Dataset, options: ExportOptions) -> go.Figure:
    """The screen's figure (same build_chart) laid out for the export size."""
    chart = build_chart(ds, options.chart_id, options.view)
    return apply_export_layout(chart.figure, chart.text, options)


# -- alt text ------------------------------------------------------------------------------------


def _alt_value(value: float, unit: str, lang: str) -> str:
    if unit:
        return fmt_value(value, unit, lang)
    decimals = 0 if float(value).is_integer() else 1
    return fmt_number(value, lang, decimals)


def _transformed(data: pd.DataFrame) -> bool:
    """Shown values differ from the published ones (an index, a change, a rank)."""
    return "published" in data and not data["value"].equals(data["published"])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sentences(*parts: str) -> str:
    """Join sentences, ending each with one full stop ('2026 г.' keeps its own)."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p.endswith(".") else p + "." for p in kept)


def _indicator_heading(chart: Chart, period: str | None) -> str:
    """'Промышленное производство, январь–сентябрь 2024' (+ what a transform shows)."""
    title = chart.text.title
    heading = title.removesuffix(f": {period}") + f", {period}" if period else title
    if _transformed(chart.data) and chart.text.subtitle:
        heading += f", {_lower_first(chart.text.subtitle)}"
    return heading


def _member_order(data: pd.DataFrame) -> list[str]:
    """Members by name, then the union: the order a reader scans a legend in."""
    names = data.drop_duplicates("geo").set_index("geo")["name"]
    members = sorted((g for g in names.index if g != "EAEU"), key=lambda g: names[g])
    return [*members, "EAEU"] if "EAEU" in names.index else members


def _growth_alt(chart: Chart, lang: str) -> str:
    data = chart.data
    unit = data["unit"].iloc[0]
    members = data[data["geo"] != "EAEU"]
    union = data[data["geo"] == "EAEU"]
    values = ", ".join(
        f"{n} {_alt_value(v, unit, lang)}"
        for n, v in zip(members["name"], members["value"], strict=True)
    )
    if not union.empty:
        values += f"; {union['name'].iloc[0]} {_alt_value(union['value'].iloc[0], unit, lang)}"
    heading = _indicator_heading(chart, data["period_label"].iloc[0])
    return _sentences(f"{_s('bar_chart', lang)}: {heading}: {values}", chart.text.note)


def _series_text(rows: pd.DataFrame, unit: str, lang: str) -> str:
    first, last = rows.iloc[0], rows.iloc[-1]
    first_text = f"{_alt_value(first['value'], unit, lang)} ({first['period_label']})"
    if len(rows) == 1:
        return f"{first['name']}: {first_text}"
    last_text = f"{_alt_value(last['value'], unit, lang)} ({last['period_label']})"
    return _s("from_to", lang, name=first["name"], first=first_text, last=last_text)


def _trend_alt(chart: Chart, lang: str) -> str:
    """Each line by its first and last value: the shape a sighted reader takes away."""
    data = chart.data.dropna(subset=["value"]).sort_values("period_end")
    unit = data["unit"].iloc[0]
    series = [_series_text(data[data["geo"] == g], unit, lang) for g in _member_order(data)]
    heading = f"{_s('line_chart', lang)}: {_indicator_heading(chart, None)}"
    return _sentences(heading, "; ".join(series), chart.text.note)


def _missions_alt(chart: Chart, lang: str) -> str:
    data = chart.data
    by_type = data["type"].value_counts()
    types = "; ".join(
        f"{_lower_first(label(MISSION_TYPES, k, lang))}: {int(by_type[k])}"
        for k in MISSION_TYPES
        if k in by_type
    )
    cities = sorted(
        {
            city if status == "open" else f"{city} ({label(MISSION_STATUSES, status, lang)})"
            for city, status in zip(data["city"], data["status"], strict=True)
        }
    )
    heading = ", ".join(p for p in (chart.text.title, chart.text.subtitle) if p)
    return _sentences(
        f"{_s('map', lang)}: {heading}",
        f"{t('total_missions', lang, n=len(data))} ({types})",
        f"{_s('cities', lang)}: {', '.join(cities)}",
        chart.text.note,
    )


def _counts_alt(chart: Chart, lang: str) -> str:
    column = "region_name" if chart.chart_id == "missions_regions" else "district"
    counts = chart.data.groupby(column).size().items()
    values = ", ".join(f"{n} {int(c)}" for n, c in sorted(counts, key=lambda i: (-i[1], i[0])))
    heading = ", ".join(p for p in (chart.text.title, chart.text.subtitle) if p)
    return _sentences(f"{_s('bar_chart', lang)}: {heading}: {values}", chart.text.note)


ALT_TEXT = {
    "growth": _growth_alt,
    "trend": _trend_alt,
    "missions": _missions_alt,
    "missions_regions": _counts_alt,
    "missions_districts": _counts_alt,
}
ALT_KIND = {"growth": "bar_chart", "trend": "line_chart", "missions": "map"}


def alt_text(chart: Chart, lang: str) -> str:
    """The chart in one paragraph, from its data: for alt attributes and screen readers."""
    lang = "en" if lang == "en" else "ru"
    if chart.data.empty or "value" in chart.data and chart.data["value"].isna().all():
        kind = _s(ALT_KIND.get(chart.chart_id, "bar_chart"), lang)
        return _sentences(f"{kind}: {chart.text.title}", t("no_data", lang))
    return ALT_TEXT[chart.chart_id](chart, lang)


# -- file names ----------------------------------------------------------------------------------

# Russian letters to ASCII; the hard and soft signs are dropped.
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
_CYRILLIC = {
    c: "" if latin == "_" else latin
    for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens only: safe in every file system and URL."""
    text = "".join(_CYRILLIC.get(c, c) for c in str(text).lower())
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("-", " ")).strip("-")
    return text or "chart"


def file_stem(options: ExportOptions, ds: Dataset, today: dt.date | None = None) -> str:
    """'eaeu_growth_industrial-production_2024-09_ru_article_2026-11-26': what, when, how big."""
    view = options.view.resolve(ds)
    parts = ["eaeu", options.chart_id]
    if options.chart_id.startswith("missions"):
        parts.append(view.snapshot)
    else:
        parts.append(view.indicator)
        if view.transform != "value":
            parts.append(view.transform)
        if options.chart_id == "growth":
            parts.append(view.period)
    size = f"{options.size[0]}x{options.size[1]}" if options.preset == "custom" else options.preset
    parts += [view.lang, size, (today or dt.date.today()).isoformat()]
    return "_".join(slug(p) for p in parts if p)


def file_name(options: ExportOptions, ds: Dataset, today: dt.date | None = None) -> str:
    return f"{file_stem(options, ds, today)}.{options.fmt}"


def pack_file_name(view: ViewState, ds: Dataset, today: dt.date | None = None) -> str:
    """'eaeu_indicators_industrial-production_2024-09_ru_2026-11-26_pack.zip'."""
    view = view.resolve(ds)
    charts = view_chart_ids(view)
    if all(c.startswith("missions") for c in charts):
        what = [view.snapshot]
    else:
        what = [view.indicator, view.period]
    parts = ["eaeu", view.tab, *what, view.lang, (today or dt.date.today()).isoformat()]
    return "_".join(slug(p) for p in parts if p) + "_pack.zip"


# -- the renderer --------------------------------------------------------------------------------

TOPOJSON_URL = (PROJECT_DIR / "assets" / "topojson").resolve().as_uri() + "/"
NO_BROWSER = (
    "No Chromium found: install chromium (Debian: apt-get install chromium) "
    "or set BROWSER_PATH to a Chrome/Chromium executable"
)


_KALEIDO_CLASS = None
# Kaleido reloads its page after every image to drop what the last plot left behind; every
# RELOAD_EVERY images keeps that bounded at a fraction of the cost.
RELOAD_EVERY = 20


def _kaleido_class():
    """kaleido.Kaleido, except that a used tab is reloaded in the background.

    Kaleido reloads a tab after every image before handing the image back; here that took
    ~140 ms of a ~200 ms render. The image is returned at once and the tab rejoins the queue
    when its reload is done (the next render waits for it). If kaleido renames the method,
    this override is simply unused and renders are as fast as kaleido's own.
    """
    global _KALEIDO_CLASS
    if _KALEIDO_CLASS is None:
        import kaleido  # imported late: 0.2 s, and the dashboard itself never needs it

        class BackgroundReloadKaleido(kaleido.Kaleido):
            async def _return_kaleido_tab(self, tab) -> None:
                # A fresh page only every few images: the reload is what a batch waits for.
                self._uses = getattr(self, "_uses", 0) + 1
                if self._uses % RELOAD_EVERY:
                    self.tabs_ready.put_nowait(tab)
                    return
                reload = asyncio.create_task(self._reload_and_return(tab))
                self._reloads = getattr(self, "_reloads", set())
                self._reloads.add(reload)  # keep a reference until it is done
                reload.add_done_callback(self._reloads.discard)

            async def _reload_and_return(self, tab) -> None:
                try:
                    await super()._return_kaleido_tab(tab)
                except BaseException:  # noqa: BLE001  (a dead browser's calls are cancelled)
                    # The tab goes back all the same, so a render waiting for it fails at once
                    # (and is retried on a new browser) instead of waiting for a tab forever.
                    self.tabs_ready.put_nowait(tab)

        _KALEIDO_CLASS = BackgroundReloadKaleido
    return _KALEIDO_CLASS


async def _cancel_pending() -> None:
    """Finish every other task on this loop, so closing it leaves nothing half-done."""
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


class _Session:
    """One Chromium driven by kaleido on an event loop of its own (a daemon thread)."""

    def __init__(self, render_timeout: float, start_timeout: float, tabs: int):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        try:
            self.kaleido = self._call(self._open(render_timeout, tabs), start_timeout)
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self, render_timeout: float, tabs: int):
        # mathjax=False: it would come from a CDN, and the charts use no LaTeX.
        browser = _kaleido_class()(n=tabs, timeout=render_timeout, mathjax=False)
        try:
            await browser.open()
        except BaseException:
            await browser.close()
            raise
        return browser

    def _call(self, coroutine, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    @property
    def pid(self) -> int | None:
        process = getattr(self.kaleido, "subprocess", None)
        return process.pid if process else None

    def alive(self) -> bool:
        process = getattr(self.kaleido, "subprocess", None)
        return self.thread.is_alive() and process is not None and process.poll() is None

    def render(self, fig: go.Figure | dict, opts: dict, timeout: float) -> bytes:
        return self._call(self.kaleido.calc_fig(fig, opts, topojson=TOPOJSON_URL), timeout)

    def close(self) -> None:
        try:
            self._call(self.kaleido.close(), 10)
        except Exception:  # noqa: BLE001  (a dead or stuck browser is killed below)
            process = getattr(self.kaleido, "subprocess", None)
            if process is not None and process.poll() is None:
                process.kill()
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        if self.thread.is_alive():
            with contextlib.suppress(Exception):
                self._call(_cancel_pending(), 5)  # e.g. the browser's watchdog
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()


class Renderer:
    """One persistent headless Chromium for the whole process, opened on first use.

    Why not kaleido.start_sync_server + plotly.io.to_image: that server returns results through
    one shared queue, so concurrent callers receive each other's images (35 of 40 wrong in a
    test here), and when the browser cannot start its thread dies and every call blocks forever.
    Here each render has its own future, a timeout, and a browser that died is reopened once.
    """

    def __init__(self, render_timeout: float = 30.0, start_timeout: float = 30.0, tabs: int = 1):
        self.render_timeout = render_timeout
        self.start_timeout = start_timeout
        self.tabs = tabs  # more tabs overlap renders with reloads, given idle cores
        self._lock = threading.Lock()
        self._session: _Session | None = None
        self._closed_at_exit = False

    @property
    def browser_pid(self) -> int | None:
        session = self._session
        return session.pid if session else None

    def _current(self) -> _Session:
        with self._lock:
            if self._session is not None and self._session.alive():
                return self._session
            if self._session is not None:
                self._session.close()
                self._session = None
            self._session = self._start()
            return self._session

    def _start(self) -> _Session:
        from choreographer.errors import ChromeNotFoundError

        if not self._closed_at_exit:
            atexit.register(self.close)
            self._closed_at_exit = True
        try:
            return _Session(self.render_timeout, self.start_timeout, self.tabs)
        except ChromeNotFoundError as error:
            raise ExportError(NO_BROWSER) from error
        except concurrent.futures.TimeoutError as error:
            raise ExportError(f"Chromium did not start within {self.start_timeout:g} s") from error
        except Exception as error:
            raise ExportError(f"Chromium failed to start: {error}") from error

    def _discard(self, session: _Session) -> None:
        with self._lock:
            if self._session is session:
                self._session = None
                session.close()

    def render_figure(
        self,
        fig: go.Figure | dict,
        fmt: str = "png",
        width: int = 1200,
        height: int = 675,
        scale: float = 1,
    ) -> bytes:
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        for attempt in (1, 2):
            session = self._current()
            try:
                return session.render(fig, opts, self.render_timeout + 5)
            except concurrent.futures.TimeoutError as error:
                self._discard(session)  # a stuck tab is not trusted with the next chart
                raise ExportError(
                    f"Rendering took longer than {self.render_timeout:g} s"
                ) from error
            except Exception as error:
                if session.alive():
                    raise ExportError(f"Rendering failed: {error}") from error
                self._discard(session)
                if attempt == 2:
                    raise ExportError(f"Chromium stopped while rendering: {error}") from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            session, self._session = self._session, None
            if session is not None:
                session.close()


_default_renderer: Renderer | None = None
_default_lock = threading.Lock()


def get_renderer() -> Renderer:
    """The process-wide renderer: one browser however many exports are asked for."""
    global _default_renderer
    with _default_lock:
        if _default_renderer is None:
            _default_renderer = Renderer()
        return _default_renderer


def render_chart(chart: Chart, options: ExportOptions, renderer: Renderer | None = None) -> bytes:
    """An already built chart as image bytes; its own figure is left as it was."""
    fig = apply_export_layout(go.Figure(chart.figure), chart.text, options)
    width, height = options.size
    return (renderer or get_renderer()).render_figure(
        fig, options.fmt, width, height, options.scale
    )


def render(ds: Dataset, options: ExportOptions, renderer: Renderer | None = None) -> bytes:
    """One chart of the view as PNG, SVG or PDF bytes."""
    return render_chart(build_chart(ds, options.chart_id, options.view), options, renderer)


def export_batch(
    ds: Dataset,
    options: Iterable[ExportOptions],
    out_dir: Path,
    renderer: Renderer | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Render many exports into a folder with one warm browser; returns the written paths."""
    renderer = renderer or get_renderer()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item in options:
        path = out_dir / file_name(item, ds, today)
        path.write_bytes(render(ds, item, renderer))
        written.append(path)
    return written


# -- data files and the pack ---------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> bytes:
    """The same CSV as the page's data download: UTF-8 with a BOM, formula-like text defused."""
    return downloads.to_csv(frame, columns)


def xlsx_bytes(frame: pd.DataFrame, columns: list[tuple[str, str]], sheet: str, lang: str) -> bytes:
    """The same XLSX as the page's data download: text cells stay text, plus a Sources sheet."""
    return downloads.to_xlsx({sheet: (frame, columns)}, downloads.sources_frame(frame, lang))


def _source_urls(chart: Chart) -> list[str]:
    if "source_url" not in chart.data:
        return []
    return list(dict.fromkeys(u for u in chart.data["source_url"] if isinstance(u, str) and u))


def _snapshot_urls(ds: Dataset, view: ViewState) -> list[str]:
    rows = ds.snapshots[ds.snapshots["as_of"].astype(str) == view.snapshot]
    return [u for u in rows.get("source_url", []) if isinstance(u, str) and u]


def _sources_text(
    ds: Dataset, view: ViewState, charts: list[tuple[str, Chart]], today: dt.date
) -> str:
    lang = view.lang
    lines = [_s("logo", lang), ""]
    for stem, chart in charts:
        lines += [stem, f"  {chart.text.title}"]
        if chart.text.source:
            lines.append(f"  {_plain(chart.text.source)}")
        urls = (
            _snapshot_urls(ds, view)
            if chart.chart_id.startswith("missions")
            else _source_urls(chart)
        )
        lines += [f"  {url}" for url in urls]
        if chart.text.note:
            lines.append(f"  {chart.text.note}")
        lines.append("")
    lines += [
        f"{_s('view_link', lang)}: {view.to_query()}",
        f"{_s('data_version', lang)}: {ds.version}",
        f"{_s('exported', lang)}: {today.isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def export_pack(
    ds: Dataset,
    view: ViewState,
    lang: str,
    renderer: Renderer | None = None,
    today: dt.date | None = None,
    chart_ids: Iterable[str] | None = None,
) -> bytes:
    """A zip for publishing: each chart as PNG and SVG, its data as CSV and XLSX, alt texts, sources."""
    view = replace(view, lang=lang).resolve(ds)
    today = today or dt.date.today()
    renderer = renderer or get_renderer()
    charts, alts = [], []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart_id in chart_ids or view_chart_ids(view):
            chart = build_chart(ds, chart_id, view)
            stem = file_stem(ExportOptions(chart_id, view), ds, today)
            for fmt in ("png", "svg"):
                options = ExportOptions(chart_id, view, fmt=fmt)
                archive.writestr(f"{stem}.{fmt}", render_chart(chart, options, renderer))
            archive.writestr(f"{stem}.csv", csv_bytes(chart.data, chart.columns))
            archive.writestr(
                f"{stem}.xlsx", xlsx_bytes(chart.data, chart.columns, chart_id, view.lang)
            )
            charts.append((stem, chart))
            alts.append(f"{stem}.png\n{alt_text(chart, view.lang)}\n")
        archive.writestr("alt-text.txt", "\n".join(alts))
        archive.writestr("SOURCES.txt", _sources_text(ds, view, charts, today))
    return buffer.getvalue()
