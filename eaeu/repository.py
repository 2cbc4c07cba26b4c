"""The one data-access layer: every reader asks it for the current Dataset, cached by version.

`open_repository(settings)` is the one way the app and every command open the store: created
and seeded from the shipped tables on first use. Nothing here is global; the web app keeps its
repository on the Flask app (see components/services.py).
"""

from __future__ import annotations

import threading

from eaeu.config import Settings
from eaeu.dataset import Dataset, build_dataset, read_tables
from eaeu.store import Store


class Repository:
    """Reads the store's current version; every reader sees a commit right after it lands."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._version: int | None = None
        self._dataset: Dataset | None = None

    def current(self) -> Dataset:
        version = self.store.current_version()  # one cheap query
        with self._lock:
            if self._dataset is None or version != self._version:
                self._dataset = build_dataset(self.store.load_raw(version))
                self._version = version
            return self._dataset

    def current_version(self) -> int:
        return self.store.current_version()


def open_repository(settings: Settings) -> Repository:
    """The store the settings name, created and seeded from `settings.data_dir` if empty."""
    store = Store(settings.database_url)
    store.initialise(lambda: read_tables(settings.data_dir))
    return Repository(store)
