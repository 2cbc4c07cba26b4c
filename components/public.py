"""What the public read-only answers (the data API and the embeds) share: the dataset a request
reads, and HTTP caching keyed by data version (ETag, Cache-Control, 304 on If-None-Match).

A news site's CDN or an analyst's script may keep an answer `CACHE_SECONDS` and then ask
again with its ETag: while the data version (and so the ETag) is the same, the answer is a
304 without a body, built for nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Flask, Response, g, request
from flask.sessions import SecureCookieSessionInterface

from components.services import newest, repository, services
from eaeu.dataset import Dataset

CACHE_SECONDS = 300
# Bump when what an answer holds changes for the same data (a new column, a new page layout):
# clients then fetch it anew instead of revalidating what they kept.
FORMAT = "2"


def request_dataset(as_of: bool = True) -> Dataset:
    """The dataset a public read answers from: the version the query names (`version=N`, or
    `as_of=YYYY-MM-DD`, the newest version saved that day or before), else the current one.
    `as_of=False` where the parameter means something else (the missions' list date).
    Raises eaeu.vintage.VintageError, naming the parameter, for a version there is not."""
    args = request.args
    day = args.get("as_of") if as_of else None
    return repository().vintage(args.get("version"), day, newest=newest()).dataset


def etag(*parts: str) -> str:
    """An ETag for an answer that depends on `parts` alone (data version, route, normal query)."""
    return hashlib.sha256("\x1f".join((FORMAT, *parts)).encode()).hexdigest()[:32]


def cached_response(
    parts: tuple[str, ...], make: Callable[[], bytes], content_type: str
) -> Response:
    """200 with `make()`'s body (made once per ETag), or 304 when the client holds the same
    answer; both carry the ETag and Cache-Control. `parts`: everything the body depends on
    (see `etag`)."""
    g.public_answer = True
    tag = etag(*parts)
    if request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = Response(services().answers.get(tag, make), content_type=content_type)
    response.set_etag(tag)
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


class PublicSessionInterface(SecureCookieSessionInterface):
    """Public answers are the same for everyone and may sit in shared caches: they never
    carry the session cookie (a logged-in editor's refreshed cookie in a CDN's copy would be
    everyone's) nor `Vary: Cookie` (which would keep a CDN from sharing them)."""

    def save_session(self, app, session, response) -> None:
        if not g.get("public_answer"):
            super().save_session(app, session, response)


def init_public(server: Flask) -> None:
    server.session_interface = PublicSessionInterface()
