"""`make run` serves the dashboard as readers see it: no debug panel, no third-party calls."""

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


@pytest.fixture
def make_run(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}"],
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
                urllib.request.urlopen(url + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("make run did not serve within 30 s")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_make_run_has_no_debug_panel_and_no_version_check(make_run):
    page = urllib.request.urlopen(make_run + "/", timeout=5).read().decode()
    config = json.loads(re.search(r'<script id="_dash-config"[^>]*>(.*?)</script>', page).group(1))
    assert config["ui"] is False and config["props_check"] is False
    assert not config.get("hot_reload")
    assert "dash.plotly.com" not in page and "cdn." not in page
