"""Rate limits per client (Flask-Limiter): one limiter per app, keyed by the client's address.

The address is the socket's (`request.remote_addr`), which is a forwarded one only when the
app trusts a proxy in front of it (ProxyFix with TRUSTED_PROXIES): a spoofed X-Forwarded-For
header changes nothing. Counters live in each process's memory: with N gunicorn workers a
client gets at most N times a limit, which still bounds a flood.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])


def init_limits(server: Flask) -> None:
    limiter.init_app(server)
