"""`/healthz`: JSON for load balancers and `make serve` checks, never the Dash page."""

from __future__ import annotations

from flask import Flask, jsonify

from components.services import services
from eaeu.health import health


def init_health(server: Flask) -> None:
    @server.get("/healthz")
    def healthz():
        status, code = health(services().repository)
        response = jsonify(status)
        response.headers["Cache-Control"] = "no-store"
        return response, code
