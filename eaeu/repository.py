"""The one data-access layer: callbacks ask it for the current Dataset, cached by version."""

from __future__ import annotations

import threading
from pathlib import Path

from eaeu.dataset import TABLES, Dataset, build_dataset, read_csv_text
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


def seed_tables(data_dir: Path) -> dict:
    return {name: read_csv_text(data_dir / f"{name}.csv") for name in TABLES}


_repository: Repository | None = None


def configure(data_dir: Path, database_url: str | None = None) -> Repository:
    """Open the store (created and seeded from `data_dir` on first run) behind the repository."""
    global _repository
    store = Store(database_url)
    store.initialise(seed_tables(data_dir))
    _repository = Repository(store)
    return _repository


def get_repository() -> Repository:
    if _repository is None:
        raise RuntimeError("the repository is not configured: call eaeu.repository.configure()")
    return _repository
