"""The one data-access layer: callbacks ask it for the current Dataset, cached by content."""

from __future__ import annotations

import threading
from pathlib import Path

from eaeu.dataset import TABLES, Dataset, load_dataset


class Repository:
    def __init__(self, data_dir: Path):
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._dataset: Dataset | None = None

    def _files_signature(self) -> tuple:
        stats = [(self._data_dir / f"{name}.csv").stat() for name in TABLES]
        return tuple((s.st_mtime_ns, s.st_size) for s in stats)

    def current(self) -> Dataset:
        """Reload only when a file changed, so every reader sees new data right after an edit."""
        signature = self._files_signature()
        with self._lock:
            if self._dataset is None or signature != self._signature:
                self._dataset = load_dataset(self._data_dir)
                self._signature = signature
            return self._dataset


_repository: Repository | None = None


def configure(data_dir: Path) -> Repository:
    global _repository
    _repository = Repository(data_dir)
    return _repository


def get_repository() -> Repository:
    if _repository is None:
        raise RuntimeError("the repository is not configured: call eaeu.repository.configure()")
    return _repository
