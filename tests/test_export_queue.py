"""The export queue: N exports at a time, M waiting, the rest "busy"; places always given back."""

from __future__ import annotations

import threading

import pytest

from eaeu.config import Settings
from eaeu.export.options import ExportError
from eaeu.export.queue import ExportBusy, RenderQueue


class Holder:
    """An export that keeps its turn (or its place in the line) until released."""

    def __init__(self, queue: RenderQueue):
        self.entered, self.release = threading.Event(), threading.Event()
        self.outcome: str | None = None
        self.thread = threading.Thread(target=self._run, args=(queue,), daemon=True)
        self.thread.start()

    def _run(self, queue: RenderQueue) -> None:
        try:
            with queue.place():
                self.entered.set()
                self.release.wait(10)
            self.outcome = "done"
        except ExportBusy:
            self.outcome = "busy"

    def finish(self) -> str | None:
        self.release.set()
        self.thread.join(10)
        return self.outcome


def wait_for(queue: RenderQueue, counts: tuple[int, int]) -> None:
    for _ in range(1000):
        if queue.counts == counts:
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"queue counts {queue.counts}, expected {counts}")


def test_n_at_a_time_m_waiting_and_the_rest_busy_at_once():
    queue = RenderQueue(concurrency=2, waiting=1, wait=30)
    first, second = Holder(queue), Holder(queue)
    assert first.entered.wait(5) and second.entered.wait(5)
    third = Holder(queue)
    wait_for(queue, (2, 1))  # two in progress, one waiting its turn
    assert not third.entered.is_set()
    with pytest.raises(ExportBusy), queue.place():  # the line is full: no wait of 30 s
        pass
    assert first.finish() == "done"
    assert third.entered.wait(5)  # the waiting export got the turn that was given back
    assert second.finish() == "done" and third.finish() == "done"
    assert queue.counts == (0, 0)


def test_a_waiting_export_is_told_busy_after_its_wait():
    queue = RenderQueue(concurrency=1, waiting=1, wait=0.05)
    holder = Holder(queue)
    assert holder.entered.wait(5)
    with pytest.raises(ExportBusy) as busy, queue.place():
        pass
    assert busy.value.retry_after == 1
    assert queue.counts == (1, 0)  # the place in the line was given back
    holder.finish()


def test_an_export_that_fails_gives_its_turn_back():
    queue = RenderQueue(concurrency=1, waiting=0, wait=0)
    for _ in range(3):
        with pytest.raises(ExportError, match="browser died"), queue.place():
            raise ExportError("browser died")
    with queue.place():  # no wait at all: the turn is free at once
        assert queue.counts == (1, 0)
    assert queue.counts == (0, 0)


def test_busy_says_when_to_try_again_in_both_languages():
    busy = ExportBusy(2.2)
    assert busy.retry_after == 3
    assert busy.message("ru") == "Сервер занят: попробуйте экспортировать ещё раз через 3 с"
    assert busy.message("en") == "The server is busy: try the export again in 3 s"
    assert isinstance(busy, ExportError)  # every caller that handles export errors handles it


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"concurrency": 0, "waiting": 1, "wait": 1}, "concurrency=0"),
        ({"concurrency": 1, "waiting": -1, "wait": 1}, "waiting=-1"),
    ],
)
def test_a_queue_without_room_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        RenderQueue(**kwargs)


def test_settings_read_the_export_limits(monkeypatch):
    for name in ("EXPORT_CONCURRENCY", "EXPORT_QUEUE", "EXPORT_WAIT", "EXPORT_RATE_LIMIT"):
        monkeypatch.delenv(name, raising=False)
    defaults = Settings.load()
    assert (defaults.export_concurrency, defaults.export_queue) == (2, 4)
    assert (defaults.export_wait, defaults.export_rate_limit) == (10.0, "20/minute")
    for name, value in [
        ("EXPORT_CONCURRENCY", "3"),
        ("EXPORT_QUEUE", "0"),
        ("EXPORT_WAIT", "2.5"),
        ("EXPORT_RATE_LIMIT", "5 per minute"),
    ]:
        monkeypatch.setenv(name, value)
    settings = Settings.load()
    assert (settings.export_concurrency, settings.export_queue) == (3, 0)
    assert (settings.export_wait, settings.export_rate_limit) == (2.5, "5 per minute")


@pytest.mark.parametrize(
    ("name", "value"),
    [("EXPORT_CONCURRENCY", "0"), ("EXPORT_QUEUE", "-1"), ("EXPORT_RATE_LIMIT", "lots")],
)
def test_bad_export_limits_fail_at_start_up(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        Settings.load()
