"""`/healthz` answers JSON about the store, for load balancers; never the Dash page."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from eaeu.health import health
from eaeu.repository import Repository
from eaeu.store import Store


def test_healthz_says_which_data_it_serves(served_app, ds):
    client = served_app.server.test_client()
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.is_json
    body = answer.get_json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert isinstance(body["version"], int) and len(body["data_version"]) == 16
    assert answer.headers["Cache-Control"] == "no-store"
    assert "X-Content-Type-Options" in answer.headers  # the same headers as every response


class UnreachableRepository:
    """A repository whose database is gone (synthetic: no server answers)."""

    def current(self):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def current_version(self):
        raise AssertionError("not reached")


def test_an_unreachable_database_is_503():
    status, code = health(UnreachableRepository())
    assert code == 503
    assert status == {"status": "unavailable", "database": "unreachable"}


def test_health_reads_the_store_on_each_backend(seeded_store):
    status, code = health(Repository(seeded_store))
    assert code == 200 and (status["database"], status["version"]) == ("ok", 1)
    assert status["data_version"] == seeded_store.content_hash()


def test_a_postgresql_server_that_does_not_answer_is_503(tmp_path):
    # No server listens on this socket (synthetic address).
    store = Store(f"postgresql+psycopg://postgres@/eaeu?host={tmp_path}&port=1")
    status, code = health(Repository(store))
    assert code == 503 and status["database"] == "unreachable"
