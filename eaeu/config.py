"""Settings resolve in one place: explicit argument, then environment variable, then default.

`Settings` is the only reader of the environment: the store, the browser's upload limits and
every command take what they need from it.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from eaeu.imports.limits import Limits
from eaeu.security_headers import embed_origins as parse_embed_origins

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"
INSTANCE_DIR = PROJECT_DIR / "instance"
DEFAULT_DATABASE_URL = f"sqlite:///{INSTANCE_DIR / 'eaeu.sqlite3'}"


def _setting(value: object, env: str, default: object) -> object:
    if value is not None:
        return value
    return os.environ.get(env, default)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    host: str
    port: int
    debug: bool
    max_upload_bytes: int
    secure_cookies: bool
    secret_key: str | None = None  # None: generated once and kept in instance/
    editor: str | None = None  # who the command line records as the editor
    public_url: str | None = None  # the site's address for links in files; None: the request's
    session_hours: float = 12.0  # an editor's login ends this long after it began
    trusted_proxies: int = 0  # reverse proxies whose X-Forwarded-* headers are believed
    export_concurrency: int = 2  # exports made at once per process
    export_queue: int = 4  # exports waiting for a turn per process; more are told "busy"
    export_wait: float = 10.0  # seconds a waiting export may wait for its turn
    export_rate_limit: str = "20/minute"  # exports (images and packs) per client
    api_rate_limit: str = "120/minute"  # data API requests per client
    embed_origins: tuple[str, ...] = ("*",)  # who may frame /embed/*: any site, or these

    @property
    def limits(self) -> Limits:
        """What one upload may cost: the same bounds for the browser and the command line."""
        return Limits(max_bytes=self.max_upload_bytes)

    @property
    def editor_name(self) -> str:
        return self.editor or getpass.getuser()

    @classmethod
    def load(
        cls,
        data_dir: str | Path | None = None,
        database_url: str | None = None,
        host: str | None = None,
        port: int | None = None,
        debug: bool | None = None,
        max_upload_mb: float | None = None,
        editor: str | None = None,
        public_url: str | None = None,
        embed_origins: str | None = None,
    ) -> Settings:
        debug = bool(debug)
        # Cookies only over HTTPS in production; `make run` serves plain http on localhost.
        secure = os.environ.get("SESSION_COOKIE_SECURE", "0" if debug else "1") == "1"
        return cls(
            data_dir=Path(_setting(data_dir, "EAEU_DATA_DIR", DEFAULT_DATA_DIR)),
            database_url=str(_setting(database_url, "DATABASE_URL", DEFAULT_DATABASE_URL)),
            host=str(_setting(host, "HOST", "127.0.0.1")),
            port=int(_setting(port, "PORT", 8050)),
            debug=debug,
            max_upload_bytes=int(float(_setting(max_upload_mb, "MAX_UPLOAD_MB", 10)) * 1024 * 1024),
            secure_cookies=secure,
            secret_key=os.environ.get("SECRET_KEY") or None,
            editor=_setting(editor, "EAEU_EDITOR", None) or None,
            public_url=public_address(_setting(public_url, "PUBLIC_URL", None)),
            session_hours=_positive(os.environ.get("SESSION_HOURS", "12"), "SESSION_HOURS"),
            trusted_proxies=_count(os.environ.get("TRUSTED_PROXIES", "0"), "TRUSTED_PROXIES"),
            export_concurrency=_at_least("EXPORT_CONCURRENCY", 2, least=1),
            export_queue=_at_least("EXPORT_QUEUE", 4, least=0),
            export_wait=float(os.environ.get("EXPORT_WAIT", 10)),
            export_rate_limit=_rate("EXPORT_RATE_LIMIT", "20/minute"),
            api_rate_limit=_rate("API_RATE_LIMIT", "120/minute"),
            embed_origins=parse_embed_origins(_setting(embed_origins, "EMBED_ORIGINS", "*")),
        )


def _positive(value: str, name: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{name} must be a positive number, not {value!r}")
    return number


def _count(value: str, name: str) -> int:
    text = value.strip()
    if not text.isdigit():
        raise ValueError(f"{name} must be a whole number, 0 or more, not {value!r}")
    return int(text)


def _at_least(name: str, default: int, least: int) -> int:
    number = int(os.environ.get(name, default))
    if number < least:
        raise ValueError(f"{name} must be at least {least}, not {number}")
    return number


def _rate(name: str, default: str) -> str:
    """A rate such as '20/minute' or '100 per hour' (checked now, not at the first export)."""
    from limits import parse

    text = os.environ.get(name, default)
    try:
        parse(text)
    except ValueError as error:
        raise ValueError(f"{name} must be a rate such as 20/minute, not {text!r}") from error
    return text


def public_address(value: object) -> str | None:
    """'https://host[/path]/' with one trailing slash, or None when unset; else ValueError."""
    text = str(value or "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"PUBLIC_URL must be the site's absolute http(s) address, such as "
            f"https://eaeu.example.org/, not {text!r}"
        )
    return text.rstrip("/") + "/"
