"""Rate limits per client (Flask-Limiter): one limiter per app, keyed by the client's address.

The address is the socket's (`request.remote_addr`), which is a forwarded one only when the
app trusts a proxy in front of it (ProxyFix with TRUSTED_PROXIES): a spoofed X-Forwarded-For
header changes nothing. Counters live in each process's memory: with N gunicorn workers a
client gets at most N times a limit, which still bounds a flood.
"""

from __future__ import annotations

import time

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse

from eaeu.export.queue import ExportBusy

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])
EXPORTS = "exports"  # the limit's scope: image downloads and packs count together


def init_limits(server: Flask) -> None:
    limiter.init_app(server)


def count_export(rate: str) -> None:
    """One export for this client; ExportBusy (with the seconds until the window frees a
    place) once it has made `rate` of them. Called inside the export's request."""
    if not limiter.enabled:
        return
    item, client = parse(rate), get_remote_address()
    if not limiter.limiter.hit(item, EXPORTS, client):
        reset_at = limiter.limiter.get_window_stats(item, EXPORTS, client).reset_time
        raise ExportBusy(reset_at - time.time())
