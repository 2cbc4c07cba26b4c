"""Embeds (`/embed/<chart>`): one cacheable HTML page per chart view, drawn without Dash at
phone and desktop widths, sizing its iframe through the embed code's listener."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import orjson
import plotly.io as pio
import pytest

from components import ids
from components.common import chart_values
from components.services import services
from eaeu.charts import CHART_IDS
from eaeu.embed import SAME_AS_WIDE, EmbedPage, embed_html
from eaeu.view import COMPACT_BELOW, COMPACT_META
from tests.test_browser_phones import LAYOUT_JS, assert_readable
from tests.test_security_headers import directives

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def client(served_app):
    return served_app.server.test_client()


def test_an_embed_is_one_page_cached_by_data_version_and_view(client):
    page = client.get("/embed/missions?lang=en&snapshot=2023-10-02")
    assert page.status_code == 200 and page.content_type == "text/html; charset=utf-8"
    html = page.data.decode()
    assert '<html lang="en">' in html and "as of October 2, 2023" in html
    assert "Source: BELTA" in html and "_dash" not in html
    assert 'href="/?lang=en&amp;tab=missions&amp;' in html  # "open" goes to the chart's tab
    # Every script is a file of this site or inert JSON: the CSP needs no hash for them.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('src="/' in attrs or 'type="application/json"' in attrs for attrs in scripts)
    for src in re.findall(r'<script src="([^"]+)"', html):
        assert client.get(src).status_code == 200, src
    policy = directives(page)
    assert policy["frame-ancestors"] == "*" and "X-Frame-Options" not in page.headers
    assert "'unsafe-inline'" not in policy["script-src"]
    assert page.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in page.headers
    assert (
        "cookie" not in page.headers.get("Vary", "").lower()
    )  # (compression varies it by encoding)
    again = client.get(
        "/embed/missions?snapshot=2023-10-02&lang=en&tab=indicators",  # the same view
        headers={"If-None-Match": page.headers["ETag"]},
    )
    assert again.status_code == 304 and again.data == b""
    other = client.get("/embed/missions?lang=ru&snapshot=2023-10-02")
    assert other.headers["ETag"] != page.headers["ETag"]
    assert client.get("/embed/pie").status_code == 404


def test_data_texts_are_escaped_and_cannot_close_the_figure_element():
    page = EmbedPage(
        lang="en",
        chart_id="growth",
        title=HOSTILE,
        subtitle=HOSTILE,
        note=HOSTILE,
        source=HOSTILE,
        summary=HOSTILE,
        figure_json=json.dumps({"layout": {"title": {"text": HOSTILE}}}),
        compact_figure_json=json.dumps({"data": [{"text": [HOSTILE]}], "layout": {}}),
        config_json="{}",
        full_view='/?lang=en"><script>',
        styles=(),
        scripts=("/assets/embed/embed.js",),
    )
    html = embed_html(page)
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 4  # three JSON elements and the one script file
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="/?lang=en&quot;&gt;&lt;script&gt;"' in html


def test_an_embed_holds_its_chart_drawn_wide_and_compact(served_app, client):
    """Both figures the dashboard draws for the view; the compact one writes the traces it
    shares with the wide one (the map's regions) as a reference, and the page names the
    width below which the compact one is drawn."""
    html = client.get("/embed/missions?lang=en").data.decode()
    assert f'<meta name="{COMPACT_META}" content="{COMPACT_BELOW}">' in html
    found = dict(re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html))
    wide, compact = (orjson.loads(found[f"embed-figure-{w}"]) for w in ("wide", "compact"))
    with served_app.server.test_request_context():
        ds, view = services().views.get("lang=en")
        drawn = {
            width: orjson.loads(pio.to_json(chart_values(ds, "missions", view, width)[0]))
            for width in (False, True)
        }
    assert wide == drawn[False]
    shared = [i for i, trace in enumerate(compact["data"]) if trace == SAME_AS_WIDE]
    assert len(shared) > 10  # the regions' shapes
    compact["data"] = [wide["data"][i] if i in shared else t for i, t in enumerate(compact["data"])]
    assert compact == drawn[True] != drawn[False]


@pytest.fixture
def news_site():
    """Another origin on this machine serving one story page (`news_site.page`), as a news
    site would; Chromium lets no public page frame a local address, so it is local too."""

    class Story(BaseHTTPRequestHandler):
        def do_GET(self):
            body = server.page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Story)
    server.page = ""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.mark.browser
def test_the_embed_code_sizes_its_iframe_to_the_embed(watched, live_server, news_site):
    """The code an editor copies, pasted into a news site's story."""
    page, _ = watched
    page.goto(live_server + "/?lang=en&tab=missions&snapshot=2023-10-02")
    page.get_by_text("Embed this chart").click()
    code = page.locator(f"#{ids.EMBED_CODE}").input_value()
    assert code.startswith('<iframe src="' + live_server + "/embed/missions?")
    assert "snapshot=2023-10-02" in code and "<script>" in code
    # Too short a frame at first: the embed asks for the height it needs.
    pasted = code.replace('height="520"', 'height="150"')
    news_site.page = f"<!DOCTYPE html><html><body><h1>A story</h1>{pasted}</body></html>"
    page.goto(f"http://127.0.0.1:{news_site.server_port}/story.html")
    frame = page.frame_locator("iframe")
    frame.locator("#embed-chart[data-drawn=true] .main-svg").first.wait_for()
    assert "as of October 2, 2023" in frame.locator("main").inner_text()
    page.wait_for_function("document.querySelector('iframe').getBoundingClientRect().height > 300")
    embedded = page.frames[1]
    needs = embedded.evaluate("document.documentElement.scrollHeight")
    shown = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
    assert abs(shown - needs) <= 1  # the whole embed shows, without a scroll bar
    # Missions on the map: one per single marker, the printed number per shared one.
    mission_points = embedded.evaluate(
        "document.getElementById('embed-chart').data"
        ".filter(t => t.mode && t.mode.startsWith('markers') && t.hovertext)"
        ".reduce((n, t) => n + (t.name === 'group'"
        " ? t.text.reduce((m, x) => m + Number(x), 0) : t.hovertext.length), 0)"
    )
    assert mission_points == 12


# Which figure the embed drew: the attribute embed.js sets, and the drawn layout compared
# with each figure's on the keys where they differ (and plotly.js leaves as given).
DRAWN_FIGURE_JS = """
() => {
    const box = document.getElementById("embed-chart");
    const read = id => JSON.parse(document.getElementById(id).textContent).layout;
    const wide = read("embed-figure-wide"), compact = read("embed-figure-compact");
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const keys = ["dragmode", "legend", "margin"].filter(k => !same(wide[k], compact[k]));
    const like = layout => keys.length > 0 && keys.every(k => same(box.layout[k], layout[k]));
    return [box.dataset.figure, like(compact) ? "compact" : like(wide) ? "wide" : null];
}
"""
# Drawn for this frame: the figure for its width, laid out to the width of its box.
SETTLED_JS = """
figure => {
    const box = document.getElementById("embed-chart");
    const svg = box.querySelector(".main-svg");
    return box.dataset.figure === figure && box.dataset.drawn === "true" && svg
        && Math.abs(svg.getBoundingClientRect().width - box.clientWidth) < 2;
}
"""
EMBED_WIDTHS = (320, 375, 768, 1440)


@pytest.mark.browser
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_embed_reads_at_every_width(watched, live_server, output_path, chart_id):
    """One page per chart, drawn without Dash, its frame resized through phone, tablet and
    desktop widths: in Russian from narrow to wide, in English from wide to narrow (both
    crossings of the phone width redraw). The plot fills its box, nothing scrolls sideways, no
    texts overlap, no legend covers a title, the map's names lie on the map, and the compact
    figure is drawn below the phone width only. A screenshot of each in the test's output."""
    page, _ = watched
    dash_requests = []
    page.on("request", lambda r: dash_requests.append(r.url) if "/_dash-" in r.url else None)
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    for lang, widths in (("ru", EMBED_WIDTHS), ("en", EMBED_WIDTHS[::-1])):
        page.set_viewport_size({"width": widths[0], "height": 700})
        page.goto(f"{live_server}/embed/{chart_id}?lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        for width in widths:
            page.set_viewport_size({"width": width, "height": 700})
            figure = "compact" if width < COMPACT_BELOW else "wide"
            page.wait_for_function(SETTLED_JS, arg=figure)
            page.screenshot(path=str(folder / f"{chart_id}-{lang}-{width}.png"), full_page=True)
            where = f"/embed/{chart_id} at {width} px ({lang})"
            assert page.evaluate(DRAWN_FIGURE_JS) == [figure, figure], where
            assert_readable(page.evaluate(LAYOUT_JS, {"root": "body", "charts": "main"}), where)
    assert dash_requests == []
