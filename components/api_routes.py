"""The public data API under /api/v1: thin routes over eaeu/api.py. Read-only, for anyone,
limited per client (API_RATE_LIMIT), cached by data version (components/public.py)."""

from __future__ import annotations

import math
import time

from flask import Blueprint, Flask, Response, request

from components.common import cached_chart
from components.public import cached_response, request_dataset
from components.rate_limits import limiter
from components.services import services, settings
from eaeu import api
from eaeu.i18n import t
from eaeu.vintage import VintageError

API = Blueprint("api", __name__, url_prefix="/api/v1")
FORMAT = "<any(csv, json):fmt>"
ADDRESSES = (
    "observations.csv",
    "observations.json",
    "indicators.json",
    "missions.csv",
    "missions.json",
    "charts/<chart>.csv",
    "charts/<chart>.json",
)


def _args() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


@API.get(f"/observations.{FORMAT}")
def observations(fmt: str):
    ds = request_dataset()
    query = api.observation_query(ds, _args())
    return cached_response(
        ("observations", fmt, ds.version, query.key()),
        lambda: api.observations_file(ds, query, fmt),
        api.FORMATS[fmt],
    )


@API.get("/indicators.json")
def indicators():
    ds = request_dataset()
    args = _args()
    api.check_only(args, ("lang", *api.VINTAGE_PARAMETERS))
    lang = api.request_lang(args)
    return cached_response(
        ("indicators", ds.version, lang),
        lambda: api.indicators_file(ds, lang),
        api.FORMATS["json"],
    )


@API.get(f"/missions.{FORMAT}")
def missions(fmt: str):
    ds = request_dataset(as_of=False)  # here `as_of` names a published list of missions
    query = api.mission_query(ds, _args())
    return cached_response(
        ("missions", fmt, ds.version, query.key()),
        lambda: api.missions_file(ds, query, fmt),
        api.FORMATS[fmt],
    )


@API.get(f"/charts/<chart_id>.{FORMAT}")
def chart(chart_id: str, fmt: str):
    """The data of one chart as the page shows it for these view parameters."""
    ds = request_dataset()
    view = services().views.get(request.query_string.decode("utf-8", "replace"))[1]
    api.check_chart_view(ds, chart_id, _args(), view)
    return cached_response(
        ("chart", fmt, chart_id, ds.version, view.to_query()),
        lambda: api.chart_file(ds, cached_chart(ds, chart_id, view), view, fmt),
        api.FORMATS[fmt],
    )


@API.get("/<path:_rest>")
def not_found(_rest: str):
    lang = api.error_lang(_args())
    known = ", ".join(f"{API.url_prefix}/{address}" for address in ADDRESSES)
    return _error({"error": "not_found", "message": t("api_not_found", lang, known=known)}, 404)


@API.errorhandler(api.BadParameter)
def bad_parameter(error: api.BadParameter):
    return _error(error.payload(api.error_lang(_args())), 400)


@API.errorhandler(VintageError)
def bad_version(error: VintageError):
    """A version or day the store has no data for: 400 naming it, as any bad parameter."""
    message = error.message.text(api.error_lang(_args()))
    return _error({"error": "bad_parameter", "parameter": error.parameter, "message": message}, 400)


def _error(payload: dict, status: int, headers: dict | None = None) -> Response:
    response = Response(api.to_json(payload), status=status, content_type=api.FORMATS["json"])
    response.headers["Cache-Control"] = "no-store"
    response.headers.update(headers or {})
    return response


def _too_many(limit):
    """429 as JSON, in the request's language, saying when to try again."""
    seconds = max(1, math.ceil(limit.reset_at - time.time()))
    message = t("api_rate_limited", api.error_lang(_args()), seconds=seconds)
    payload = {"error": "rate_limited", "message": message}
    return _error(payload, 429, {"Retry-After": str(seconds)})


# Every address of the API counts against one limit per client.
limiter.shared_limit(lambda: settings().api_rate_limit, scope="api", on_breach=_too_many)(API)


def init_api(server: Flask) -> None:
    server.register_blueprint(API)
