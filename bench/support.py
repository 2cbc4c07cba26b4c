"""What the browser and load benchmarks share: servers started the way `make serve` starts
them (on a free port, with a temporary store seeded from data/), the system Chromium, a
summary table printed at the end of `make bench`, and percentiles."""

from __future__ import annotations

import atexit
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent  # the venv running the bench serves too
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]

CALLBACK = "/_dash-update-component"

SUMMARY: list[tuple[str, str, str]] = []  # (benchmark, measure, value), printed by bench/__main__


def record(bench: str, measure: str, value: str) -> None:
    SUMMARY.append((bench, measure, value))


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seeded_store(folder: Path) -> str:
    """A SQLite store of the bench's own, seeded from the shipped data (never instance/)."""
    from eaeu.config import DEFAULT_DATA_DIR
    from eaeu.dataset import read_tables
    from eaeu.store import Store

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    store = Store(url)
    store.initialise(read_tables(DEFAULT_DATA_DIR))
    store.dispose()
    return url


@dataclass
class Server:
    """A process serving HTTP on `url`; `started` is how long it took to answer `ready`."""

    process: subprocess.Popen
    url: str
    log: Path
    database_url: str = ""
    started: float = 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def server_env(database_url: str) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),  # shared by the workers; nothing in instance/
        "SESSION_COOKIE_SECURE": "0",
    }


def start(command: list[str], env: dict, port: int, ready: str, log: Path) -> Server:
    """Start `command` in its own process group; return once GET `ready` answers 200."""
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        began = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(process, url, log, env.get("DATABASE_URL", ""))
    while time.perf_counter() - began < 120:
        if process.poll() is not None:
            raise RuntimeError(f"{command} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + ready, timeout=2) as answer:
                if answer.status == 200:
                    server.started = time.perf_counter() - began
                    return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"{command} did not answer {ready} within 120 s")


def make_serve(database_url: str, folder: Path, ready: str = "/healthz") -> Server:
    """`make serve` itself (gunicorn, WEB_CONCURRENCY workers of THREADS threads, defaults 2
    and 8) with this venv; its install step is taken as done (`-o`)."""
    port = free_port()
    command = [
        "make",
        "--no-print-directory",
        "-o",
        f"{VENV}/.installed",
        "serve",
        f"VENV={VENV}",
        "HOST=127.0.0.1",
        f"PORT={port}",
    ]
    return start(command, server_env(database_url), port, ready, folder / f"serve-{port}.log")


def one_chart_app(folder: Path) -> Server:
    """The smallest Dash app a user could write (bench/one_chart_app.py), under the same
    gunicorn settings as `make serve`."""
    port = free_port()
    command = [
        str(VENV / "bin" / "gunicorn"),
        "--workers",
        os.environ.get("WEB_CONCURRENCY", "2"),
        "--threads",
        os.environ.get("THREADS", "8"),
        "--bind",
        f"127.0.0.1:{port}",
        "bench.one_chart_app:server",
    ]
    return start(command, server_env(""), port, "/", folder / f"one-chart-{port}.log")


_SHARED: dict[str, Server] = {}


def scratch() -> Path:
    """A temporary folder, removed when the bench ends (after the servers in it stop)."""
    folder = Path(tempfile.mkdtemp(prefix="eaeu-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def dashboard() -> Server:
    """The dashboard under `make serve`, started once per bench run and shared by the
    browser and load benchmarks (each module also runs alone)."""
    if "dashboard" not in _SHARED:
        folder = scratch()
        server = make_serve(seeded_store(folder), folder)
        _SHARED["dashboard"] = server
        atexit.register(server.stop)
    return _SHARED["dashboard"]


def baseline() -> Server:
    if "baseline" not in _SHARED:
        server = one_chart_app(scratch())
        _SHARED["baseline"] = server
        atexit.register(server.stop)
    return _SHARED["baseline"]


@contextmanager
def chromium():
    """Headless Debian Chromium through Playwright (it cannot download a browser of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Traffic:
    """Callback requests a Playwright page sends, and how many requests are still in flight."""

    def __init__(self, page):
        self.sent: list = []  # playwright Request objects
        self.pending = 0
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request):
        self.pending += 1
        if CALLBACK in request.url:
            self.sent.append(request)

    def _end(self, _request):
        self.pending -= 1

    def settle(self, page, quiet: float = 0.3, limit: float = 30.0) -> None:
        """Until nothing has been in flight for `quiet` seconds (events arrive while waiting)."""
        began = calm = time.perf_counter()
        while time.perf_counter() - began < limit:
            page.wait_for_timeout(50)
            if self.pending > 0:
                calm = time.perf_counter()
            elif time.perf_counter() - calm >= quiet:
                return


def print_summary() -> None:
    if not SUMMARY:
        return
    width = [max(len(row[i]) for row in SUMMARY) for i in range(3)]
    line = "-" * (sum(width) + 6)
    print("== summary ==")
    print(line)
    for bench, measure, value in SUMMARY:
        print(f"{bench:<{width[0]}}  {measure:<{width[1]}}  {value}")
    print(line)
