"""Shared fixtures: the app served in a thread for Playwright on the system Chromium."""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from werkzeug.serving import make_server

from eaeu.config import DEFAULT_DATA_DIR, Settings
from eaeu.dataset import load_dataset

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def ds():
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def renderer():
    """The process-wide renderer, shared by every export test and the CLI: one browser."""
    from eaeu.export.renderer import get_renderer

    shared = get_renderer()
    yield shared
    shared.close()


@pytest.fixture
def seeded_store(tmp_path):
    """A store of the test's own, seeded from the shipped data."""
    from eaeu.dataset import read_tables
    from eaeu.store import Store

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.initialise(read_tables(DEFAULT_DATA_DIR))
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # No download of a bundled browser (offline): use Debian's chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A store of the tests' own, seeded from the shipped data (never instance/)."""
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'eaeu.sqlite3'}"


@pytest.fixture(scope="session")
def served_app(database_url):
    """The one app of the test session that serves callbacks (Dash hands the callbacks
    registered with `dash.callback` to the first app that serves a request)."""
    from app import create_app

    return create_app(Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=database_url))


@pytest.fixture(scope="session")
def live_server(served_app):
    """The dashboard on an ephemeral localhost port, with the shipped data."""
    server = make_server("127.0.0.1", 0, served_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class PageWatch:
    """Collects console errors and every request that leaves localhost."""

    def __init__(self, page, base_url: str):
        self.errors: list[str] = []
        self.external: list[str] = []
        host = urlparse(base_url).hostname
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_request(request):
            url = urlparse(request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname != host:
                self.external.append(request.url)

        page.on("request", on_request)


@pytest.fixture
def watched(page, live_server):
    watch = PageWatch(page, live_server)
    yield page, watch
    assert watch.external == [], f"requests left localhost: {watch.external}"
    assert watch.errors == [], f"console errors: {watch.errors}"


def wait_for_chart(page, chart_id: str):
    """Wait until the chart with this stable id has drawn its plot."""
    page.wait_for_selector(f"[data-chart='{chart_id}'] .main-svg", timeout=15000)
    page.wait_for_function(
        "id => !document.querySelector(`[data-chart='${id}'] [data-dash-is-loading='true']`)",
        arg=chart_id,
    )


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return Path(__file__).resolve().parent.parent
