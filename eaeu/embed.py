"""The embed page (pure): one chart view as a small HTML document for a news site's iframe.

Every text from data is escaped here. The figure, drawn twice (wide, and compact for a phone:
assets/embed/embed.js draws the one for the frame's width, as the dashboard does for its
screen's), and its config travel as JSON in `<script type="application/json">` elements
(inert data, with `<`, `>` and `&` escaped so no text can close the element); the page's only
code is external files (plotly.js and assets/embed/embed.js), so the Content-Security-Policy
needs no hash for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

import orjson

from eaeu.i18n import t
from eaeu.view import COMPACT_BELOW, COMPACT_META, ResolvedView

# The dashboard tab (and table) showing each chart: the embed's "open" link goes there.
PAGE_OF = {
    "growth": ("indicators", None),
    "trend": ("indicators", None),
    "matrix": ("table", "matrix"),
    "missions": ("missions", None),
    "missions_regions": ("missions", None),
    "missions_districts": ("missions", None),
}
# The least height (px) at which each chart stays legible, down to 320 px wide: more, the
# frame permitting; the embed reports what it needs and the embed code's script sizes the
# frame to it.
MIN_HEIGHT = {
    "growth": 300,
    "trend": 320,
    "matrix": 320,
    "missions": 340,
    "missions_regions": 560,
    "missions_districts": 360,
}
# A trace of the compact figure equal to the wide figure's at the same place is written as this:
# the map's region shapes, most of its bytes, are the same in both (assets/embed/embed.js).
SAME_AS_WIDE = {"same_as_wide": True}
HEIGHT_MESSAGE = "eaeu-embed-height"  # what assets/embed/embed.js posts to the framing page


def page_view(chart_id: str, view: ResolvedView) -> ResolvedView:
    """The dashboard's view showing this chart as the embed does."""
    tab, table = PAGE_OF[chart_id]
    return replace(view, tab=tab, table=table or view.table)


@dataclass(frozen=True)
class EmbedPage:
    lang: str
    chart_id: str
    title: str
    subtitle: str
    note: str
    source: str
    summary: str  # the chart told in words, for screen readers
    figure_json: str  # the wide figure
    compact_figure_json: str  # the same drawn for a frame narrower than COMPACT_BELOW
    config_json: str
    full_view: str  # the address of the same view on the dashboard
    styles: tuple[str, ...]  # stylesheet URLs
    scripts: tuple[str, ...]  # script URLs, in order: plotly.js first, the drawing script last
    published: str = ""  # a past version's "Data as published on ..." line; "" for current data


def inert_json(text: str) -> str:
    """JSON that cannot end its <script> element or start markup inside it."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _data(element_id: str, text: str) -> str:
    """JSON for the page's script to read: an inert element, no code."""
    return f'<script type="application/json" id="{element_id}">{inert_json(text)}</script>'


def without_repeats(wide_json: str, compact_json: str) -> str:
    """The compact figure, each trace the wide one has at the same place as SAME_AS_WIDE."""
    wide, compact = orjson.loads(wide_json), orjson.loads(compact_json)
    traces = wide.get("data", [])
    compact["data"] = [
        SAME_AS_WIDE if i < len(traces) and trace == traces[i] else trace
        for i, trace in enumerate(compact.get("data", []))
    ]
    return orjson.dumps(compact).decode()


def _lines(text: str) -> str:
    """Escaped text; a source list wrapped for images (line breaks) reads as one line here."""
    return escape(" ".join(text.split("\n")))


def embed_html(page: EmbedPage) -> str:
    lang = page.lang
    styles = "".join(f'<link rel="stylesheet" href="{escape(url)}">' for url in page.styles)
    scripts = "".join(f'<script src="{escape(url)}"></script>' for url in page.scripts)
    parts = (page.note, page.source, page.published)
    footer = [f"<p>{_lines(part)}</p>" for part in parts if part]
    compact = without_repeats(page.figure_json, page.compact_figure_json)
    link = (
        f'<p><a href="{escape(page.full_view)}" target="_blank" rel="noopener">'
        f"{escape(t('open_full', lang))}</a></p>"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="{COMPACT_META}" content="{COMPACT_BELOW}">'
        f"<title>{_lines(page.title)} — {escape(t('app_title', lang))}</title>{styles}</head>"
        f'<body><main class="embed" data-chart="{escape(page.chart_id)}">'
        f'<h1 class="embed-title">{_lines(page.title)}</h1>'
        f'<p class="embed-subtitle">{_lines(page.subtitle)}</p>'
        f'<div id="embed-chart" class="embed-chart" style="min-height:{MIN_HEIGHT[page.chart_id]}px">'
        "</div>"
        f'<p class="visually-hidden">{_lines(page.summary)}</p>'
        f'<footer class="embed-footer">{"".join(footer)}{link}</footer></main>'
        f"{_data('embed-figure-wide', page.figure_json)}"
        f"{_data('embed-figure-compact', compact)}"
        f"{_data('embed-config', page.config_json)}"
        f"{scripts}</body></html>\n"
    )
