"""Whether this process can serve readers: the store answers and its current data loads."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from eaeu.repository import Repository

log = logging.getLogger(__name__)


def health(repository: Repository) -> tuple[dict, int]:
    """A JSON-ready status and its HTTP code: 200 with the data version being served, or 503
    when the database cannot be reached (a load balancer then stops sending readers here)."""
    try:
        dataset = repository.current()
        version = repository.current_version()
    except SQLAlchemyError:
        log.exception("health check: the database is unreachable")
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {
        "status": "ok",
        "database": "ok",
        "version": version,
        "data_version": dataset.version,
    }, 200
