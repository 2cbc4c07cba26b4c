"""Exports under attack: a flood of the largest PNG leaves pages and callbacks responsive, the
overflow is told "busy" in the reader's language, and each client has a rate limit."""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urlparse

import pytest
from werkzeug.serving import BaseWSGIServer

from components import card_export, export_panel, ids
from components.services import KEY
from eaeu.export.queue import RenderQueue
from tests.dash_requests import callback_request, match_request

pytestmark = pytest.mark.browser  # a real browser renders the images

THREADS = 8  # as `make serve`'s gunicorn: each worker answers with a pool of 8 threads
FLOOD = 20  # clients, each from an address of its own (127.0.0.x), as many as the issue's
LAYOUT_P95_BOUND = 2.0  # seconds: generous; unloaded it is a few milliseconds
BUSY = {"ru": "Сервер занят", "en": "The server is busy"}
DONE = {"ru": "Готово", "en": "Done"}


def export_body(app, lang: str = "ru", largest: bool = True) -> dict:
    """The export panel's "Download image" for the growth chart: the largest PNG allowed
    (4000×4000 at 2×, 8000 px a side) or a small one."""
    size = {"preset": "custom", "width": 4000, "height": 4000, "scale": "2"}
    if not largest:
        size = {"preset": "social", "width": 1200, "height": 630, "scale": "1"}
    values = {
        **{f"export-{k}.value": v for k, v in size.items()},
        "export-format.value": "png",
        "export-lang.value": lang,
        "export-parts.value": ["title", "subtitle", "source", "logo"],
        "export-note.value": "",
        "export-button.n_clicks": 1,
        "view.data": {"search": "?period=2024-09", "lang": lang},
    }
    return match_request(
        app, export_panel.export_chart, "growth", values, changed="export-button.n_clicks"
    )


def card_body(app, lang: str = "en") -> dict:
    """The figure-of-the-week card's "Download card": a social-size PNG."""
    values = {
        f"{ids.CARD_EXPORT_PRESET}.value": "social",
        f"{ids.CARD_EXPORT_FORMAT}.value": "png",
        f"{ids.CARD_EXPORT_LANG}.value": lang,
        f"{ids.CARD_EXPORT_BUTTON}.n_clicks": 1,
        f"{ids.VIEW}.data": {"search": "", "lang": lang},
    }
    return callback_request(app, card_export.export_card, values)


class Client:
    """HTTP from one local address: the rate limit keys on the socket's address."""

    def __init__(self, base_url: str, address: str = "127.0.0.1"):
        url = urlparse(base_url)
        self.host, self.port, self.address = url.hostname, url.port, address

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=120, source_address=(self.address, 0)
        )
        try:
            data = json.dumps(body).encode() if body is not None else None
            headers = {"Content-Type": "application/json"} if data else {}
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def export(self, body: dict) -> str:
        status, text = self.request("POST", "/_dash-update-component", body)
        assert status == 200, (status, text[:300])
        return status_text(text)


def status_text(response: str) -> str:
    """The export panel's status line from a callback response."""
    outputs = json.loads(response)["response"]
    status = next(v for k, v in outputs.items() if "export-status" in k)["children"]
    return status if isinstance(status, str) else status["props"]["children"]


def outcome(text: str) -> str:
    if any(text.startswith(word) for word in DONE.values()):
        return "done"
    return "busy" if any(word in text for word in BUSY.values()) else text


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def probe_page(client: Client, app, until: threading.Event) -> tuple[list[float], list[float]]:
    """/_dash-layout and an ordinary callback (the size preset) as readers ask for them: a pair
    every 0.1 s whatever the answers, until `until` is set, so a stall is sampled throughout."""
    preset = match_request(
        app,
        export_panel.follow_preset,
        "growth",
        {"export-preset.value": "square"},
        changed="export-preset.value",
    )
    layouts: list[float] = []
    callbacks: list[float] = []

    def probe() -> None:
        layouts.append(timed(lambda: client.request("GET", "/_dash-layout")))
        callbacks.append(timed(lambda: client.request("POST", "/_dash-update-component", preset)))

    probes = []
    while not until.wait(0.1):
        probes.append(threading.Thread(target=probe))
        probes[-1].start()
    for thread in probes:
        thread.join(120)
    return layouts, callbacks


def flood(base_url: str, app) -> tuple[list[str], list[float], list[float]]:
    body = export_body(app)
    outcomes: list[str] = []
    threads = [
        threading.Thread(
            target=lambda a=f"127.0.0.{10 + i}": outcomes.append(
                outcome(Client(base_url, a).export(body))
            )
        )
        for i in range(FLOOD)
    ]
    finished = threading.Event()
    result: list = []
    prober = threading.Thread(
        target=lambda: result.extend(probe_page(Client(base_url), app, finished))
    )
    prober.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    finished.set()
    prober.join(30)
    layouts, callbacks = result
    return outcomes, layouts, callbacks


class PooledServer(BaseWSGIServer):
    """A fixed pool of threads, as a gunicorn gthread worker: a request waits for a free thread,
    so exports that hold every thread would stall the page."""

    def __init__(self, app, threads: int):
        super().__init__("127.0.0.1", 0, app)
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="request")

    def process_request(self, request, client_address):
        self.pool.submit(self._answer, request, client_address)

    def _answer(self, request, client_address) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001  (as socketserver does: log it, keep serving)
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


@pytest.fixture
def pooled_server(served_app):
    server = PooledServer(served_app.server, THREADS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.pool.shutdown(wait=False, cancel_futures=True)


def test_an_export_flood_leaves_the_page_responsive(served_app, pooled_server):
    client = Client(pooled_server)
    client.export(export_body(served_app))  # the browser is warm before anything is timed
    unloaded = [timed(lambda: client.request("GET", "/_dash-layout")) for _ in range(20)]

    outcomes, layouts, callbacks = flood(pooled_server, served_app)

    counts = {kind: outcomes.count(kind) for kind in set(outcomes)}
    report = (
        f"unloaded /_dash-layout median {statistics.median(unloaded) * 1000:.0f} ms; "
        f"under a flood of {FLOOD}: /_dash-layout p95 {percentile(layouts, 0.95) * 1000:.0f} ms "
        f"(max {max(layouts) * 1000:.0f} ms, {len(layouts)} probes), callback p95 "
        f"{percentile(callbacks, 0.95) * 1000:.0f} ms; outcomes {counts}"
    )
    print(report)
    assert len(outcomes) == FLOOD, report  # every request was answered
    assert percentile(layouts, 0.95) < LAYOUT_P95_BOUND, report
    assert percentile(callbacks, 0.95) < LAYOUT_P95_BOUND, report
    assert counts.get("done", 0) >= 2 and counts.get("busy", 0) >= 1, report
    assert set(counts) <= {"done", "busy"}, report
    # The places were given back: the next export is made.
    assert outcome(client.export(export_body(served_app, largest=False))) == "done"


@pytest.fixture
def export_services(served_app):
    """The served app's services, restored after a test changes its queue or settings."""
    services = served_app.server.extensions[KEY]
    saved = services.exports, services.settings
    yield services
    services.exports, services.settings = saved


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_full_queue_answers_busy_in_the_readers_language(
    served_app, live_server, export_services, lang
):
    export_services.exports = RenderQueue(concurrency=1, waiting=0, wait=0.05)
    with export_services.exports.place():  # someone else's export holds the only place
        text = Client(live_server, "127.0.0.201").export(export_body(served_app, lang, False))
    assert BUSY[lang] in text, text
    assert (
        outcome(Client(live_server, "127.0.0.201").export(export_body(served_app, lang, False)))
        == "done"
    )


def test_each_client_has_an_export_rate_limit(served_app, live_server, export_services):
    export_services.settings = replace(export_services.settings, export_rate_limit="2/minute")
    body = export_body(served_app, "en", largest=False)
    greedy = Client(live_server, "127.0.0.202")
    answers = [outcome(greedy.export(body)) for _ in range(3)]
    assert answers == ["done", "done", "busy"]
    assert outcome(Client(live_server, "127.0.0.203").export(body)) == "done"  # others are not


def test_card_exports_count_against_the_same_limit(served_app, live_server, export_services):
    export_services.settings = replace(export_services.settings, export_rate_limit="2/minute")
    greedy = Client(live_server, "127.0.0.204")
    answers = [
        outcome(greedy.export(export_body(served_app, "en", largest=False))),
        outcome(greedy.export(card_body(served_app))),
        outcome(greedy.export(card_body(served_app))),
    ]
    assert answers == ["done", "done", "busy"]
