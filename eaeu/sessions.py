"""Editors' sessions, kept on the server so that they can be ended.

A login opens a session: a random token goes into the editor's (signed) cookie and only its
sha256 into the store. Every request looks the token up; a token that was logged out, whose
editor changed password or was removed, or that is older than its lifetime, logs nobody in,
whatever the cookie says.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from sqlalchemy import delete, select

from eaeu.store import Store, editor_sessions, editors, utc_now_text

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def open_session(store: Store, name: str, hours: float, now: float | None = None) -> str:
    """A new session for editor `name`, valid `hours`; returns the token for the cookie.
    Expired sessions of every editor are cleared on the way."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = {
        "token_sha256": _digest(token),
        "editor": name,
        "created_at": utc_now_text(),
        "expires_at": int(now + hours * 3600),
    }

    def write(conn) -> None:
        conn.execute(delete(editor_sessions).where(editor_sessions.c.expires_at <= now))
        conn.execute(editor_sessions.insert().values(**row))

    store.write(write)
    return token


def session_editor(store: Store, token: object, now: float | None = None) -> str | None:
    """The editor whose live session `token` is, else None (unknown, ended or expired)."""
    if not isinstance(token, str) or not token:
        return None
    now = time.time() if now is None else now
    query = (
        select(editor_sessions.c.editor)
        .join(editors, editors.c.name == editor_sessions.c.editor)
        .where(editor_sessions.c.token_sha256 == _digest(token))
        .where(editor_sessions.c.expires_at > now)
    )
    return store.read(lambda conn: conn.scalar(query))


def end_session(store: Store, token: object) -> None:
    if isinstance(token, str) and token:
        digest = _digest(token)
        store.write(
            lambda conn: conn.execute(
                delete(editor_sessions).where(editor_sessions.c.token_sha256 == digest)
            )
        )


def end_sessions(conn, name: str) -> None:
    """Every session of editor `name` (inside the caller's write transaction)."""
    conn.execute(delete(editor_sessions).where(editor_sessions.c.editor == name))
