"""`/embed/<chart>?<view>`: one server-rendered page per chart view, for a news site's iframe.

No Dash renderer and no callback: the page (eaeu/embed.py) holds the figures the dashboard
draws for the same view, wide and compact (`chart_values`, each cached per chart key), and the
dashboard's graph config; assets/embed/embed.js draws the one for the frame's width with
plotly.js (anew whenever the frame's size changes) and tells the framing page its height.
Answers carry an ETag keyed by data version and normal view, and 304 to If-None-Match
(components/public.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

import orjson
import plotly.io as pio
from dash import get_asset_url
from flask import Flask, abort, request, send_file

from components.common import cached_chart, chart_values
from components.public import cached_response
from components.services import services
from components.vintage import published_text
from eaeu.charts import CHART_IDS
from eaeu.config import PROJECT_DIR
from eaeu.dataset import Dataset
from eaeu.embed import EmbedPage, embed_html, page_view
from eaeu.view import ResolvedView

# The plotly.js the dashboard's graphs use: the partial bundle in assets/ (only the trace
# types the charts draw; scripts/build-plotly-bundle.sh), here under a route of its own so
# that it may be kept for good (the digest in its address changes with its content).
PLOTLY_FILE = PROJECT_DIR / "assets" / "plotly-partial.min.js"
PLOTLY_ROUTE = "/vendor/plotly-partial.min.js"


@functools.cache
def _plotly_digest() -> str:
    return hashlib.sha256(PLOTLY_FILE.read_bytes()).hexdigest()[:12]


def plotly_js_url() -> str:
    """Where embeds load plotly.js from: the one place to change for another build.
    Versioned by content, so browsers and CDNs may keep it for good."""
    return f"{PLOTLY_ROUTE}?v={_plotly_digest()}"


def _scripts(lang: str) -> tuple[str, ...]:
    locale = (get_asset_url("plotly-locale-ru.js"),) if lang == "ru" else ()
    return (plotly_js_url(), *locale, get_asset_url("embed/embed.js"))


def embed(chart_id: str):
    if chart_id not in CHART_IDS:
        abort(404)
    # Like the page, an embed shows what it can: a bad parameter falls back to its default,
    # a version there is not to the current data; a past version's embed says which it shows.
    ds, view = services().views.get(request.query_string.decode("utf-8", "replace"))
    link = page_view(chart_id, view).to_query()
    # The camera button names its file by today's date: a new day, a new page.
    parts = ("embed", chart_id, ds.version, link, dt.date.today().isoformat())
    return cached_response(
        parts, lambda: _page(ds, chart_id, view, link), "text/html; charset=utf-8"
    )


def _page(ds: Dataset, chart_id: str, view: ResolvedView, link: str) -> bytes:
    figure, config, _title, _subtitle, _footer, summary = chart_values(ds, chart_id, view)
    compact = chart_values(ds, chart_id, view, compact=True)[0]
    text = cached_chart(ds, chart_id, view).text
    page = EmbedPage(
        lang=view.lang,
        chart_id=chart_id,
        title=text.title,
        subtitle=text.subtitle,
        note=text.note,
        source=text.source,
        summary=summary,
        figure_json=_json(figure),
        compact_figure_json=_json(compact),
        config_json=orjson.dumps(config).decode(),
        full_view="/" + link,
        published=published_text(view) if view.vintage else "",
        styles=(get_asset_url("02-fonts.css"), get_asset_url("embed/embed.css")),
        scripts=_scripts(view.lang),
    )
    return embed_html(page).encode()


def _json(figure) -> str:
    return pio.to_json(figure, validate=False, engine="orjson")


def serve_plotly():
    return send_file(PLOTLY_FILE, mimetype="text/javascript", max_age=365 * 24 * 3600)


def init_embed(server: Flask) -> None:
    server.add_url_rule("/embed/<chart_id>", "embed", embed)
    server.add_url_rule(PLOTLY_ROUTE, "plotly_js", serve_plotly)
