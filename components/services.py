"""What the panels reach through the Flask app: its settings and repository, one per app.

`install` is called once by the app factory; callbacks and layouts run inside a request of
that app, so they find them on `current_app` (no module-level state: several apps in one
process each keep their own).
"""

from __future__ import annotations

from flask import Flask, current_app

from eaeu.config import Settings
from eaeu.dataset import Dataset
from eaeu.repository import Repository
from eaeu.store import Store

KEY = "eaeu"


class Services:
    def __init__(self, settings: Settings, repository: Repository):
        self.settings = settings
        self.repository = repository


def install(server: Flask, settings: Settings, repository: Repository) -> None:
    server.extensions[KEY] = Services(settings, repository)


def services() -> Services:
    return current_app.extensions[KEY]


def settings() -> Settings:
    return services().settings


def repository() -> Repository:
    return services().repository


def store() -> Store:
    return services().repository.store


def dataset() -> Dataset:
    """The current dataset, from the one data-access layer."""
    return services().repository.current()
