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
from eaeu.vintage import open_view

KEY = "eaeu"


class ResolvedViews:
    """Recently resolved views by (query, current version): the panels of one change read the
    same view, and resolving it for each would repeat the same lookups. A view names its data
    (the current version, or the past one the query asks for); the data stay in the
    repository's bounded caches, not here."""

    MAX_QUERY = 2_000  # longer queries are resolved but not kept (they are not the page's)

    def __init__(self, repository: Repository, size: int = 256):
        self.repository = repository
        self.memo = Memo(size)

    def get(self, search: str) -> tuple[Dataset, ResolvedView]:
        """The dataset and the view a query asks for (eaeu.vintage.open_view)."""
        latest = newest()  # this request's current version: every part of it reads that one
        state = ViewState.from_query(search)
        if len(search) > self.MAX_QUERY:
            return open_view(self.repository, state, latest)
        view = self.memo.get(
            (search, latest[0]), lambda: open_view(self.repository, state, latest)[1]
        )
        return (self.repository.at(view.vintage) if view.vintage else latest[1]), view


class Services:
    def __init__(self, settings: Settings, repository: Repository):
        self.settings = settings
        self.repository = repository
        self.views = ResolvedViews(repository)
        # Charts and their screen texts by chart key (chart id, view, data version).
        self.charts = Memo(512)
        # Public answers (data API, embeds) by their ETag: data version, address and query.
        self.answers = Memo(256)
        # Visitors' page layouts (`/_dash-layout`) by components.page.layout_key.
        self.layouts = Memo(128)
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
    request shows the new one). Outside a request, always the newest. (A view's own data,
    which may be a past version, come with it: components.view.requested_view.)"""
    return newest()[1]


def newest() -> tuple[int, Dataset]:
    """The current version's number and data, read once per request (see `dataset`)."""
    if not has_request_context():
        return services().repository.newest()
    if "eaeu_newest" not in g:
        g.eaeu_newest = services().repository.newest()
    return g.eaeu_newest
