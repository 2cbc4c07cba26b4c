"""`make run` serves the dashboard as readers see it: no debug panel, no third-party calls;
`make serve` (gunicorn) answers `/healthz`."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served_by(target: str, tmp_path, path: str = "/"):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "SESSION_COOKIE_SECURE": "0",
        "WEB_CONCURRENCY": "1",
        "THREADS": "2",
    }
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + path, timeout=1).read()
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"make {target} did not serve within 30 s")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture
def make_run(tmp_path):
    yield from served_by("run", tmp_path)


@pytest.fixture
def make_serve(tmp_path):
    yield from served_by("serve", tmp_path, "/healthz")


def test_make_run_has_no_debug_panel_and_no_version_check(make_run):
    page = urllib.request.urlopen(make_run + "/", timeout=5).read().decode()
    config = json.loads(re.search(r'<script id="_dash-config"[^>]*>(.*?)</script>', page).group(1))
    assert config["ui"] is False and config["props_check"] is False
    assert not config.get("hot_reload")
    assert "dash.plotly.com" not in page and "cdn." not in page


def test_make_serve_answers_healthz_with_json(make_serve):
    answer = urllib.request.urlopen(make_serve + "/healthz", timeout=5)
    body = json.loads(answer.read())
    assert answer.headers["Content-Type"] == "application/json"
    assert body["status"] == "ok" and body["database"] == "ok"
