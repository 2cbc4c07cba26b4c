"""Several hosts on one PostgreSQL: two app processes (gunicorn, as `make serve` runs it) share
a database; whatever one of them (or the command line) commits, the other serves on its next
request. The editor's account and the uploaded figure are SYNTHETIC."""

from __future__ import annotations

import base64
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from flask import Flask

from components import ids, services
from components.data.upload import commit, preview
from components.page import render
from eaeu.config import DEFAULT_DATA_DIR, PROJECT_DIR, Settings
from eaeu.repository import Repository
from eaeu.store import Store
from eaeu.users import add_editor
from tests.corpus import SYNTHETIC_SOURCE, SYNTHETIC_SOURCE_RU, SYNTHETIC_URL
from tests.dash_requests import callback_request
from tests.test_store import with_synthetic_rows

EDITOR, PASSWORD = "synthetic-host-editor", "synthetic host password"
SECRET = "synthetic secret shared by every host"
# One SYNTHETIC figure for a period the shipped data do not reach.
UPLOAD = (
    "indicator,geo,period,value,source_name_ru,source_name_en,source_url,source_date\n"
    f"industrial_production,ARM,2031-03,12.345,{SYNTHETIC_SOURCE_RU},{SYNTHETIC_SOURCE},"
    f"{SYNTHETIC_URL},2031-04-15\n"
)
# What the growth chart of that period prints once the figure is served: label and source.
SHOWN = ("12.3%", SYNTHETIC_SOURCE)
VIEW = {"search": "?lang=en", "lang": "en"}
CHART = "?lang=en&indicator=industrial_production&period=2031-03"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Host:
    """One app process on its own port, as a host behind a reverse proxy runs it."""

    def __init__(self, name: str, database_url: str, logs: Path, cookies):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.access, self.log = logs / f"{name}.access.log", logs / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET,
            "SESSION_COOKIE_SECURE": "0",
            "PYTHONPATH": str(PROJECT_DIR),
        }
        command = [
            sys.executable, "-m", "gunicorn", "--workers", "1", "--threads", "4",
            "--bind", f"127.0.0.1:{self.port}", "--access-logfile", str(self.access),
            "--error-logfile", str(self.log), "app:create_server()",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))

    def wait_until_healthy(self) -> None:
        for _ in range(240):
            try:
                if self.health()["status"] == "ok":
                    return
            except (OSError, ValueError):
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.25)
        pytest.fail(f"host on {self.base} did not start:\n{self.log.read_text()[-3000:]}")

    def health(self) -> dict:
        with self.opener.open(self.base + "/healthz", timeout=10) as answer:
            return json.loads(answer.read())

    def post(self, path: str, body: bytes, content_type: str) -> bytes:
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Content-Type": content_type}
        )
        with self.opener.open(request, timeout=60) as answer:
            return answer.read()

    def callback(self, body: dict) -> dict:
        return json.loads(
            self.post("/_dash-update-component", json.dumps(body).encode(), "application/json")
        )

    def log_in(self) -> None:
        form = urllib.parse.urlencode({"name": EDITOR, "password": PASSWORD}).encode()
        self.post("/login?next=%2F%3Flang%3Den", form, "application/x-www-form-urlencoded")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def errors(self) -> list[str]:
        """Answers of 500 and over, and anything the server logged as an error."""
        statuses = re.findall(r'" (\d{3}) ', self.access.read_text())
        assert statuses, "the host answered nothing"
        failed = [f"answer {status}" for status in statuses if int(status) >= 500]
        logged = [
            line
            for line in self.log.read_text().splitlines()
            if "[ERROR]" in line or "Traceback" in line or "[CRITICAL]" in line
        ]
        return failed + logged


def output(answer: dict, component: str, prop: str) -> object:
    # Outputs with allow_duplicate carry a suffix after their id.
    for key, props in answer["response"].items():
        if key.split("@")[0] == component:
            return props[prop]
    raise KeyError(component)


def shows_upload(host: Host, app) -> bool:
    """Whether the embedded growth chart of the SYNTHETIC period, as `host` renders it now,
    prints the uploaded figure."""
    route = {"pathname": "/embed/growth", "search": CHART}
    answer = host.callback(callback_request(app, render, {f"{ids.ROUTE}.data": route}))
    chart = json.dumps(output(answer, ids.PAGE, "children"))
    return all(text in chart for text in SHOWN)


@pytest.fixture
def hosts(postgres, tmp_path):
    """Two hosts started at once on a new, empty database: they create and seed it together."""
    database_url = postgres.url(postgres.create())
    cookies = http.cookiejar.CookieJar()  # one browser: its cookie goes to either host
    started = [Host(name, database_url, tmp_path, cookies) for name in ("a", "b")]
    try:
        for host in started:
            host.wait_until_healthy()
        yield database_url, started
    finally:
        for host in started:
            host.stop()
    for host in started:
        assert host.errors() == [], host.log.read_text()[-3000:]


def test_two_hosts_serve_each_others_commits(hosts, served_app):
    database_url, (a, b) = hosts
    first = a.health()
    assert (first["version"], first["data_version"]) == (1, b.health()["data_version"])
    store = Store(database_url)
    add_editor(store, EDITOR, PASSWORD)
    assert store.history()[-1].id == 1  # both hosts started, one seed
    store.dispose()
    assert not shows_upload(b, served_app)

    # The editor logs in and previews the upload on host a; the proxy sends the commit to b.
    a.log_in()
    contents = "data:text/csv;base64," + base64.b64encode(UPLOAD.encode()).decode()
    upload = {
        f"{ids.DATA_UPLOAD}.contents": contents,
        f"{ids.DATA_UPLOAD}.filename": "synthetic.csv",
        f"{ids.DATA_MODE}.value": "merge",
        f"{ids.VIEW}.data": VIEW,
    }
    previewed = a.callback(callback_request(served_app, preview, upload))
    pending = output(previewed, ids.DATA_PENDING, "data")
    assert pending["preview"], previewed
    values = {
        f"{ids.DATA_COMMIT}.n_clicks": 1,
        f"{ids.DATA_PENDING}.data": pending,
        f"{ids.VIEW}.data": VIEW,
    }
    committed = b.callback(callback_request(served_app, commit, values))
    assert output(committed, ids.DATA_VERSION, "data") == 2

    # Host a, which did not commit, serves the new version on its next request.
    assert a.health()["version"] == b.health()["version"] == 2
    assert shows_upload(a, served_app) and shows_upload(b, served_app)

    # A rollback from the command line (a third process): both hosts serve it next.
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR), "EAEU_EDITOR": EDITOR}
    done = subprocess.run(
        [sys.executable, "app.py", "rollback", "1", "--database-url", database_url],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert a.health()["version"] == b.health()["version"] == 3
    assert a.health()["data_version"] == first["data_version"]
    assert not shows_upload(a, served_app) and not shows_upload(b, served_app)


def test_a_request_shows_one_version_and_the_next_the_newest(seeded_store):
    """A commit landing while a request is answered shows from the next request on, never in
    part of the answer being built."""
    server = Flask(__name__)
    settings = Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=seeded_store.url)
    services.install(server, settings, Repository(seeded_store))
    with server.test_request_context():
        first = services.dataset()
        seeded_store.commit(with_synthetic_rows(seeded_store.load_raw(), 1), "synthetic-editor")
        assert services.dataset() is first
        # The view resolved after the commit is of the request's version too (its figures,
        # card and address); measured by `make bench`'s load with an import, which saw a mix.
        shown, view = services.services().views.get("?lang=en")
        assert shown is first and view.data_version == first.version
    with server.test_request_context():
        assert services.dataset().version == seeded_store.content_hash() != first.version
