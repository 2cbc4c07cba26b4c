"""Embeds (`/embed/<chart>`): one cacheable HTML page per chart view, drawn without Dash at
phone and desktop widths, sizing its iframe through the embed code's listener."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from components import ids
from eaeu.charts import CHART_IDS
from eaeu.embed import EmbedPage, embed_html
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
        config_json="{}",
        full_view='/?lang=en"><script>',
        styles=(),
        scripts=("/assets/embed/embed.js",),
    )
    html = embed_html(page)
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 3  # two JSON elements and the one script file
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="/?lang=en&quot;&gt;&lt;script&gt;"' in html


WIDTHS_JS = """() => [document.documentElement.scrollWidth,
    document.querySelector('#embed-chart .main-svg').getBoundingClientRect().width]"""
WIDENED_JS = "() => document.querySelector('#embed-chart .main-svg').clientWidth >= 1176"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_embed_draws_without_dash_at_phone_and_desktop_width(watched, live_server, lang):
    """Drawn at 320 px, then the frame widens to 1200 px: the chart follows its container."""
    page, _ = watched
    dash_requests = []
    page.on("request", lambda r: dash_requests.append(r.url) if "/_dash-" in r.url else None)
    for chart_id in CHART_IDS:
        page.set_viewport_size({"width": 320, "height": 520})
        page.goto(f"{live_server}/embed/{chart_id}?lang={lang}")
        page.wait_for_selector("#embed-chart[data-drawn=true] .main-svg")
        assert page.locator("html").get_attribute("lang") == lang
        page_width, plot_width = page.evaluate(WIDTHS_JS)
        assert page_width <= 320 and plot_width >= 296, (chart_id, page_width, plot_width)
        page.set_viewport_size({"width": 1200, "height": 520})
        page.wait_for_function(WIDENED_JS)
        assert page.evaluate(WIDTHS_JS)[0] <= 1200, chart_id
    assert dash_requests == []


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
