"""`/healthz` answers JSON about the store, for load balancers; never the Dash page."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from eaeu.health import health


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
