"""The security headers of every response: CSP, framing, sniffing and referrer rules (pure).

The web layer (app.py) calls `security_headers` for each response with the request's path and
the hashes of the page's inline scripts; nothing here knows about Flask or Dash.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

EMBED_PREFIX = "/embed/"
ANY_ORIGIN = "*"
SERVER_NAME = "eaeu"  # replaces the WSGI server's 'Werkzeug/x Python/y'


def embed_origins(value: object) -> tuple[str, ...]:
    """EMBED_ORIGINS: '*' (any site may frame the charts) or origins separated by spaces or
    commas ('https://news.example https://*.partner.example'); else ValueError."""
    items = tuple(item for item in str(value or "").replace(",", " ").split() if item)
    if not items or items == (ANY_ORIGIN,):
        return (ANY_ORIGIN,)
    for item in items:
        parts = urlsplit(item)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
        ):
            raise ValueError(
                "EMBED_ORIGINS must be * or origins such as https://news.example "
                f"(scheme and host, no path), not {item!r}"
            )
    return tuple(item.rstrip("/") for item in items)


def is_embed(path: str) -> bool:
    return path.startswith(EMBED_PREFIX)


def frame_ancestors(path: str, origins: Iterable[str]) -> str:
    """Who may show this response in a frame: nobody, except the embeds, which the sites in
    EMBED_ORIGINS (and this site itself, for its preview) may frame."""
    if not is_embed(path):
        return "'none'"
    origins = tuple(origins)
    return ANY_ORIGIN if ANY_ORIGIN in origins else " ".join(("'self'", *origins))


def content_security_policy(path: str, script_hashes: Iterable[str], origins: Iterable[str]) -> str:
    """Only this server's own scripts (plus the page's inline scripts, by hash), styles, fonts
    and data; plotly sets inline styles, exports and downloads use data: and blob: URLs."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(("'self'", *script_hashes)),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "frame-src": "'self'",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors(path, origins),
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(
    path: str, script_hashes: Iterable[str], origins: Iterable[str]
) -> dict[str, str]:
    """The headers every response carries; X-Frame-Options only where nobody may frame it
    (it cannot name a list of sites: embeds rely on frame-ancestors alone)."""
    headers = {
        "Content-Security-Policy": content_security_policy(path, script_hashes, origins),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Server": SERVER_NAME,
    }
    if not is_embed(path):
        headers["X-Frame-Options"] = "DENY"
    return headers
