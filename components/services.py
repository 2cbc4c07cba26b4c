"""What the panels reach through the Flask app: its settings and repository, one per app.

`install` is called once by the app factory; callbacks and layouts run inside a request of
that app, so they find them on `current_app` (no module-level state: several apps in one
process each keep their own).
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request

from eaeu.config import Settings
from eaeu.dataset import Dataset
from eaeu.export.queue import RenderQueue
from eaeu.memo import Memo
from eaeu.repository import Repository
from eaeu.store import Store
from eaeu.view import ResolvedView, ViewState

KEY = "eaeu"


class ResolvedViews:
    """Recently resolved views by (query, data version): the panels of one change read the
    same view, and resolving it for each would repeat the same lookups."""

    MAX_QUERY = 2_000  # longer queries are resolved but not kept (they are not the page's)

    def __init__(self, size: int = 256):
        self.memo = Memo(size)

    def get(self, search: str, ds: Dataset) -> ResolvedView:
        if len(search) > self.MAX_QUERY:
            return ViewState.from_query(search).resolve(ds)
        return self.memo.get((search, ds.version), lambda: ViewState.from_query(search).resolve(ds))


class Services:
    def __init__(self, settings: Settings, repository: Repository):
        self.settings = settings
        self.repository = repository
        self.views = ResolvedViews()
        # Charts and their screen texts by chart key (chart id, view, data version).
        self.charts = Memo(512)
        # Exports made at once and waiting (one app per process: the bound is the process's).
        self.exports = RenderQueue(
            settings.export_concurrency, settings.export_queue, settings.export_wait
        )


def install(server: Flask, settings: Settings, repository: Repository) -> None:
    server.extensions[KEY] = Services(settings, repository)


def services() -> Services:
    return current_app.extensions[KEY]


def settings() -> Settings:
    return services().settings


def exports() -> RenderQueue:
    return services().exports


def site_url() -> str:
    """The site's address for links written into files: PUBLIC_URL, else the request's root
    (behind a proxy that rewrites the host, set PUBLIC_URL)."""
    return settings().public_url or request.url_root


def repository() -> Repository:
    return services().repository


def store() -> Store:
    return services().repository.store


def dataset() -> Dataset:
    """The current dataset, from the one data-access layer: asked once per request, so every
    part of an answer shows one version, even when another host commits meanwhile (the next
    request shows the new one). Outside a request, always the newest."""
    if not has_request_context():
        return services().repository.current()
    if "eaeu_dataset" not in g:
        g.eaeu_dataset = services().repository.current()
    return g.eaeu_dataset
