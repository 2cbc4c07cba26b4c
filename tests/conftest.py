"""Shared fixtures: the app served in a thread for Playwright on the system Chromium, and
stores on both backends (SQLite, and a PostgreSQL server the test run starts itself)."""

from __future__ import annotations

import itertools
import shutil
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


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    """The test run's own PostgreSQL server (a throwaway cluster); fails, never skips, when
    PostgreSQL is not installed."""
    from tests.postgres import Cluster, PostgresMissing

    try:
        cluster = Cluster().start()
    except PostgresMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    yield cluster
    cluster.stop()


def _seed(url: str) -> None:
    from eaeu.dataset import read_tables
    from eaeu.store import Store

    store = Store(url)
    store.initialise(read_tables(DEFAULT_DATA_DIR))
    store.dispose()


@pytest.fixture(scope="session")
def postgres_seed(postgres) -> str:
    """A database seeded once from the shipped data, a template for others."""
    name = postgres.create()
    _seed(postgres.url(name))
    return name


@pytest.fixture(scope="session")
def postgres_databases(postgres, postgres_seed) -> dict[str, str]:
    """The two databases tests use, each put back as it was before every test: one empty,
    one holding the seeded store."""
    seeded = postgres.create(postgres_seed)
    postgres.keep_as_it_is(seeded)
    return {"empty": postgres.create(), "seeded": seeded}


@pytest.fixture(scope="session")
def sqlite_seed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.sqlite3"
    _seed(f"sqlite:///{path}")
    return path


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Every test that uses a store below runs on each backend."""
    return request.param


@pytest.fixture
def empty_store_url(backend, tmp_path, request) -> str:
    """A database of the test's own with nothing in it yet."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    postgres = request.getfixturevalue("postgres")
    name = request.getfixturevalue("postgres_databases")["empty"]
    postgres.empty(name)
    return postgres.url(name)


@pytest.fixture
def make_seeded_url(backend, tmp_path, request):
    """Makes databases of the test's own, each holding the store seeded from the shipped data
    (copies of one seeded at the start of the run)."""
    made = itertools.count(1)

    def make() -> str:
        number = next(made)
        if backend == "sqlite":
            path = tmp_path / f"store{number}.sqlite3"
            shutil.copyfile(request.getfixturevalue("sqlite_seed"), path)
            path.chmod(0o600)
            return f"sqlite:///{path}"
        postgres = request.getfixturevalue("postgres")
        if number == 1:  # the usual case: the seeded database, put back as it was
            name = request.getfixturevalue("postgres_databases")["seeded"]
            postgres.restore(name)
        else:  # a test that needs several at once: new copies, dropped after the test
            name = postgres.create(request.getfixturevalue("postgres_seed"))
            request.addfinalizer(lambda: postgres.drop(name))
        return postgres.url(name)

    return make


@pytest.fixture
def seeded_store_url(make_seeded_url) -> str:
    return make_seeded_url()


@pytest.fixture
def seeded_store(seeded_store_url):
    """A store of the test's own, seeded from the shipped data."""
    from eaeu.store import Store

    store = Store(seeded_store_url)  # migrated and seeded already: nothing to initialise
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


def callback_posts(page) -> list[dict]:
    """The bodies of the callback requests the page sends from now on, as they are sent."""
    posts: list[dict] = []
    page.on("request", lambda r: posts.append(r.post_data_json) if r.method == "POST" else None)
    return posts


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
