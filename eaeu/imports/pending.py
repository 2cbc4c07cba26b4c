"""Uploads and parsed imports held server-side under a token until an editor confirms them."""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time

from eaeu.imports.parse import ParsedImport
from eaeu.imports.plan import ImportPlan
from eaeu.imports.workflow import ImportOutcome

# What tokens made here look like; anything else from a browser matches no row.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,100}")


class PendingImports:
    """Previews (ImportOutcome) under random tokens, expiring; the browser keeps only the token.

    Held in this process's memory, whole (a confirm needs no re-validation). With several
    gunicorn workers use StoredPendingImports: the confirm may reach another worker.
    """

    def __init__(self, ttl_seconds: float = 1800, max_items: int = 10, clock=time.monotonic):
        self._items: dict[str, tuple[float, ImportOutcome]] = {}
        self._lock = threading.Lock()
        self.ttl, self.max_items, self._clock = ttl_seconds, max_items, clock

    def put(self, pending: ImportOutcome) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._drop_expired()
            while len(self._items) >= self.max_items:
                self._items.pop(min(self._items, key=lambda t: self._items[t][0]))
            self._items[token] = (self._clock() + self.ttl, pending)
        return token

    def get(self, token: str) -> ImportOutcome | None:
        with self._lock:
            self._drop_expired()
            item = self._items.get(token)
            return item[1] if item else None

    def pop(self, token: str) -> ImportOutcome | None:
        with self._lock:
            self._drop_expired()
            item = self._items.pop(token, None)
            return item[1] if item else None

    def _drop_expired(self) -> None:
        now = self._clock()
        for token in [t for t, (expiry, _) in self._items.items() if expiry <= now]:
            del self._items[token]


class StoredPendingImports:
    """The same, kept in the store's pending_imports table, so every worker process sees them.

    Kept: the parsed rows and the new tables the preview validated. A commit saves those
    tables as they are while no other version has landed (no second validation); otherwise it
    saves nothing and previews the same rows again against the newest version.
    """

    def __init__(self, store, ttl_seconds: int = 1800, clock=time.time):
        self.store, self.ttl, self._clock = store, ttl_seconds, clock

    def put(self, pending: ImportOutcome) -> str:

        token = secrets.token_urlsafe(24)
        payload = json.dumps(
            {
                "parsed": pending.plan.parsed.to_json(),
                "mode": pending.plan.mode,
                "based_on": pending.based_on,
                "checked": pending.plan.checked,
            }
        )
        _stash(self.store, token, payload, int(self._clock()), self.ttl)
        return token

    def get(self, token: str) -> ImportOutcome | None:
        payload = _unstash(self.store, token, int(self._clock()))
        if payload is None:
            return None
        data = json.loads(payload)
        parsed = ParsedImport.from_json(data["parsed"])
        checked = tuple(data["checked"]) if data.get("checked") else None
        plan = ImportPlan(parsed, data["mode"], {}, [], None, checked)
        return ImportOutcome(plan, data["based_on"])

    def pop(self, token: str) -> ImportOutcome | None:
        outcome = self.get(token)
        drop_tokens(self.store, token)
        return outcome


def _stash(store, token: str, payload: str, now: int, ttl: int) -> None:
    """Keep a payload under a token in the store (every worker process sees it); expired
    payloads are dropped on the way."""
    from eaeu.store import pending_imports

    def save(conn) -> None:
        conn.execute(pending_imports.delete().where(pending_imports.c.expires_at <= now))
        row = {"token": token, "expires_at": now + ttl, "payload": payload}
        conn.execute(pending_imports.insert().values(**row))

    store.write(save)


def _unstash(store, token: str, now: int) -> str | None:
    from sqlalchemy import select

    from eaeu.store import pending_imports

    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    table = pending_imports
    query = select(table.c.payload).where(table.c.token == token, table.c.expires_at > now)
    return store.read(lambda conn: conn.scalar(query))


class UploadStash:
    """Uploaded files waiting for the editor, kept in the store's pending_imports table (every
    worker process sees them). Answering a question re-reads the file from here: the browser
    sends a file once and then holds only a token."""

    PREFIX = "upload-"  # never confused with a StoredPendingImports token

    def __init__(self, store, ttl_seconds: int = 1800, clock=time.time):
        self.store, self.ttl, self._clock = store, ttl_seconds, clock

    def put(self, data: bytes, file_name: str) -> str:
        token = self.PREFIX + secrets.token_urlsafe(24)
        payload = json.dumps(
            {"file_name": file_name, "data": base64.b64encode(data).decode("ascii")},
            ensure_ascii=False,
        )
        _stash(self.store, token, payload, int(self._clock()), self.ttl)
        return token

    def get(self, token: str | None) -> tuple[bytes, str] | None:
        """(bytes, file name), or None once expired, dropped or for a token not ours."""
        if not token or not token.startswith(self.PREFIX):
            return None
        payload = _unstash(self.store, token, int(self._clock()))
        if payload is None:
            return None
        data = json.loads(payload)
        return base64.b64decode(data["data"]), data["file_name"]


def drop_tokens(store, *tokens: str | None) -> None:
    """Forget waiting uploads and previews: after a commit, a cancel or a new upload."""
    from eaeu.store import pending_imports

    present = [token for token in tokens if isinstance(token, str) and TOKEN.fullmatch(token)]
    if present:
        condition = pending_imports.c.token.in_(present)
        store.write(lambda conn: conn.execute(pending_imports.delete().where(condition)))
