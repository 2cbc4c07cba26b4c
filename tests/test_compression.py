"""Responses are compressed for readers on slow networks; only static files are kept."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import brotli
import pytest

from components.server import StaticCompressed, static_key
from tests.dash_requests import callback_request


@pytest.fixture
def client(served_app):
    return served_app.server.test_client()


def script_urls(client) -> list[str]:
    import re

    page = client.get("/").get_data(as_text=True)
    return re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)


def test_scripts_and_layout_come_compressed(client):
    script = script_urls(client)[0]
    plain = client.get(script).data
    packed = client.get(script, headers={"Accept-Encoding": "br, gzip"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.data) == plain
    assert len(packed.data) < len(plain) / 2
    layout = client.get(
        "/_dash-layout", headers={"Accept-Encoding": "gzip", "Referer": "http://localhost/"}
    )
    assert layout.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in layout.headers["Vary"]


def test_only_static_files_are_kept_compressed(served_app):
    from components.page import render

    cache = served_app.server.extensions["compress"].cache
    assert isinstance(cache, StaticCompressed)
    client = served_app.server.test_client()
    script = script_urls(client)[0]
    client.get(script, headers={"Accept-Encoding": "gzip"})
    assert f"gzip;{script}?" in cache._bodies  # (Flask's full_path ends in "?")
    kept = len(cache._bodies)
    # Two different views: each answer is compressed for itself, none is kept or reused.
    answers = set()
    for search in ("?lang=en", "?lang=ru&tab=missions"):
        body = callback_request(
            served_app, render, {"route.data": {"pathname": "/", "search": search}}
        )
        answer = client.post(
            "/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"}
        )
        assert answer.headers["Content-Encoding"] == "gzip"
        answers.add(answer.data)
    assert len(answers) == 2 and len(cache._bodies) == kept


def test_static_key_names_static_files_only():
    class Request:
        def __init__(self, method, path, full_path):
            self.method, self.path, self.full_path = method, path, full_path

    assert (
        static_key(Request("GET", "/assets/app.js", "/assets/app.js?m=1")) == "/assets/app.js?m=1"
    )
    assert static_key(Request("GET", "/_dash-layout", "/_dash-layout?")) == ""
    assert static_key(Request("POST", "/assets/x.js", "/assets/x.js?")) == ""


def test_a_new_process_serves_every_script_asked_while_it_sets_up(client, database_url):
    """Dash sets a process up on its first request, and marked that done as it began: the
    scripts a page asks for at once, on other threads, were refused (500) meanwhile. A new
    app (as a new worker is) whose set-up is slow serves every one of them."""
    from app import create_app
    from eaeu.config import DEFAULT_DATA_DIR, Settings

    scripts = script_urls(client)
    fresh = create_app(Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=database_url))
    walk = fresh._walk_assets_directory

    def slow_walk():
        time.sleep(0.5)  # the set-up takes a while: every other request arrives during it
        walk()

    fresh._walk_assets_directory = slow_walk
    worker = fresh.server.test_client
    with ThreadPoolExecutor(max_workers=len(scripts)) as pool:
        codes = pool.map(lambda url: worker().get(url).status_code, scripts)
        answers = dict(zip(scripts, codes, strict=True))
    assert set(answers.values()) == {200}, answers
