"""The app factory: the Dash app with its server settings, headers, services and panels.

Only the web app needs this module (and Dash): app.py imports it when the app is made, so
store commands (`python app.py history`, `import`, ...) start without Dash or Plotly.
"""

from __future__ import annotations

import threading

import dash
from dash._utils import to_json
from flask import Flask, request
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from eaeu.config import INSTANCE_DIR, PROJECT_DIR, Settings
from eaeu.imports.files import assert_openpyxl_uses_defusedxml
from eaeu.repository import open_repository
from eaeu.secrets import secret_key
from eaeu.security_headers import security_headers
from eaeu.view import COMPACT_BELOW, COMPACT_META

# What Dash would tell every reader in the page's `_dash-config`: the server's software.
PRIVATE_CONFIG = (
    "python_version",
    "dash_version",
    "dash_version_url",
    "plotly_version",
    "ddk_version",
)


class Dash(dash.Dash):
    """Dash without the server's Python, Dash and plotly versions in the page's config (the
    browser needs none of them: they serve only the debugger's version check)."""

    def _config(self):
        config = super()._config()
        for key in PRIVATE_CONFIG:
            config.pop(key, None)
        return config

    def serve_layout(self):
        """A visitor's page is the same for everyone asking for the same address on the same
        data (the first chart comes drawn with it, components/page.py): it is drawn and
        serialised once, then served as it is, so a story's readers arriving at once cost a
        lookup each. An editor's is drawn for them every time."""
        from components.page import layout_key
        from components.services import services

        key = layout_key()
        if key is None:
            return super().serve_layout()
        body = services().layouts.get(key, lambda: to_json(self.get_layout()))
        return self.backend.make_response(body, mimetype="application/json")

    _setup_lock = threading.Lock()
    _set_up = False

    def _setup_server(self):
        """Dash sets itself up on a process's first request (its scripts, assets and
        callbacks), but marks that done as it begins: requests arriving meanwhile, on other
        threads (a page's dozen scripts at once), were answered 500 for every script. Here the
        others wait until it is done."""
        if self._set_up:
            return
        with self._setup_lock:
            if not self._set_up:
                super()._setup_server()
                self._set_up = True


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the Dash app; the store is opened and checked now, so bad data fails at start-up."""
    assert_openpyxl_uses_defusedxml()
    settings = settings or Settings.load()
    repository = open_repository(settings)
    repository.current()

    from components import auth, page, services  # registers the panels' callbacks
    from components.api_routes import init_api
    from components.data.panel import EDITOR_OUTPUTS
    from components.embed import init_embed
    from components.health import init_health
    from components.public import init_public
    from components.rate_limits import init_limits

    app = Dash(
        __name__,
        title="ЕАЭС в цифрах / EAEU in figures",
        assets_folder=str(PROJECT_DIR / "assets"),
        assets_path_ignore=["^embed$"],  # the embed page's own files (components/embed.py)
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": COMPACT_META, "content": str(COMPACT_BELOW)},  # for assets/app.js
        ],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="ru">')
    configure_server(app.server, settings)
    install_security_headers(app, settings)
    services.install(app.server, settings, repository)
    init_health(app.server)
    init_limits(app.server)
    init_public(app.server)
    init_api(app.server)
    init_embed(app.server)
    auth.init_auth(
        app.server,
        repository.store,
        EDITOR_OUTPUTS,
        session_hours=settings.session_hours,
        callbacks=lambda: app.callback_map,
    )
    app.layout = page.shell
    return app


def configure_server(server: Flask, settings: Settings) -> None:
    server.config.update(
        SECRET_KEY=secret_key(INSTANCE_DIR, settings.secret_key),
        # Uploads arrive base64-encoded inside JSON: a third larger than the file itself.
        MAX_CONTENT_LENGTH=int(settings.max_upload_bytes * 1.4) + 64 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
    )
    trust_proxies(server, settings.trusted_proxies)
    # Responses compressed for readers on slow networks (brotli, else gzip).
    server.config.update(COMPRESS_CACHE_BACKEND=StaticCompressed, COMPRESS_CACHE_KEY=static_key)
    server.extensions["compress"] = Compress(server)  # (Flask-Compress does not keep itself)


# Files under these paths never change at one address (Dash puts each file's version and
# modification time into it): each is compressed once per process, not once per reader.
STATIC_PATHS = ("/_dash-component-suites/", "/assets/")


def static_key(req) -> str:
    """The cache key of a response: its address for a static file, else "" (not kept)."""
    if req.method == "GET" and req.path.startswith(STATIC_PATHS):
        return req.full_path
    return ""


class StaticCompressed:
    """Flask-Compress's cache, keeping static files only: pages, layouts and callbacks are
    compressed afresh every time, as they change with the data and the reader."""

    def __init__(self):
        self._bodies: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # "<algorithm>;" + "" for a response that is not static
            self._bodies[key] = value


def trust_proxies(server: Flask, hops: int) -> None:
    """Behind `hops` reverse proxies, take the client's address, scheme and host from their
    X-Forwarded-* headers; with none (the default) those headers are ignored, so a client
    cannot spoof the address that session protection and rate limits key on."""
    if hops > 0:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def install_security_headers(app: dash.Dash, settings: Settings) -> None:
    """Every response carries the headers of eaeu/security_headers.py; the CSP allows the
    page's inline scripts (Dash's clientside callbacks and renderer) by their hashes."""
    hashes: list[str] = []

    @app.server.after_request
    def add_headers(response):
        if not hashes:  # Dash registers its inline scripts before the first request's handler
            hashes.extend(app.csp_hashes())
        for name, value in security_headers(request.path, hashes, settings.embed_origins).items():
            response.headers[name] = value
        return response
