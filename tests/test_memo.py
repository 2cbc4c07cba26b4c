"""Charts are made once per chart id, view and data version (eaeu/memo.py, components/common.py)."""

from __future__ import annotations

import threading

import pytest

from components.common import cached_chart, chart_values
from eaeu.config import DEFAULT_DATA_DIR, Settings
from eaeu.memo import Memo
from eaeu.view import ViewState


def test_a_value_is_made_once_per_key_and_old_ones_age_out():
    memo, made = Memo(size=2), []

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert memo.get("a", make("a")) == "A"
    assert memo.get("a", make("a")) == "A"
    memo.get("b", make("b"))
    memo.get("c", make("c"))  # "a" is the least recently used: dropped
    memo.get("a", make("a"))
    assert made == ["a", "b", "c", "a"] and len(memo) == 2


def test_a_memo_serves_threads():
    memo = Memo(size=64)
    results = []

    def work(n):
        results.append(memo.get(n % 8, lambda: object()))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 64 and len(memo) == 8


@pytest.fixture
def app_context(tmp_path):
    from app import create_app

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    app = create_app(Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=url))
    with app.server.app_context():
        yield app


def test_a_view_is_drawn_once_until_the_data_changes(app_context):
    from components import services

    ds = services.dataset()
    september = ViewState(period="2024-09")
    first = cached_chart(ds, "growth", september)
    assert cached_chart(ds, "growth", september.resolve(ds)) is first
    assert chart_values(ds, "growth", september)[0] is chart_values(ds, "growth", september)[0]
    assert cached_chart(ds, "trend", september) is not first
    services.store().rollback(1, "tester", note="synthetic: same content, same data version")
    assert cached_chart(services.dataset(), "growth", september) is first
    raw = services.store().load_raw()
    raw["observations"] = raw["observations"].iloc[:-1]  # SYNTHETIC change: a new data version
    services.store().commit(raw, "tester", kind="edit")
    assert cached_chart(services.dataset(), "growth", september) is not first
