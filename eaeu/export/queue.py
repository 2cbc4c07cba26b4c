"""How many exports a process makes at once: N in progress, M waiting, the rest told "busy".

An export holds its request's thread until its image is made. Without a bound, a flood of
exports holds every thread of a server and its pages wait behind them; with one, at most
N + M threads are an export's and every other request is answered at once. Waiting is a
semaphore's (the GIL is released); nothing the pages use is held meanwhile.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Iterator

from eaeu.export.options import ExportError
from eaeu.i18n import t


class ExportBusy(ExportError):
    """No place for this export now (the queue is full, or a client asked too often): the
    person is told to try again in `retry_after` seconds, in their language."""

    def __init__(self, retry_after: float):
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t("export_busy", lang, seconds=self.retry_after)


class RenderQueue:
    """`concurrency` exports at a time; `waiting` more wait up to `wait` seconds for a turn."""

    def __init__(self, concurrency: int, waiting: int, wait: float):
        if concurrency < 1 or waiting < 0 or wait < 0:
            raise ValueError(f"bad export queue: {concurrency=}, {waiting=}, {wait=}")
        self.concurrency, self.waiting, self.wait = concurrency, waiting, wait
        self._turns = threading.BoundedSemaphore(concurrency)
        self._places = threading.BoundedSemaphore(concurrency + waiting)
        self._count_lock = threading.Lock()
        self._in_progress = 0
        self._queued = 0

    @property
    def counts(self) -> tuple[int, int]:
        """(exports in progress, exports waiting for a turn)."""
        with self._count_lock:
            return self._in_progress, self._queued

    def _count(self, in_progress: int = 0, queued: int = 0) -> None:
        with self._count_lock:
            self._in_progress += in_progress
            self._queued += queued

    @contextlib.contextmanager
    def place(self) -> Iterator[None]:
        """A turn for one export; ExportBusy at once when the line is full, or after `wait`
        seconds in it. The turn and the place are given back however the export ends."""
        if not self._places.acquire(blocking=False):
            raise ExportBusy(self.wait or 1)
        try:
            self._count(queued=1)
            try:
                got_turn = self._turns.acquire(timeout=self.wait)
            finally:
                self._count(queued=-1)
            if not got_turn:
                raise ExportBusy(self.wait or 1)
            try:
                self._count(in_progress=1)
                yield
            finally:
                self._count(in_progress=-1)
                self._turns.release()
        finally:
            self._places.release()
