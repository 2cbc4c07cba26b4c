"""Editors who may import data: names and salted password hashes, kept in the store."""

from __future__ import annotations

from functools import cache

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from eaeu.sessions import end_sessions
from eaeu.store import Store, editors, utc_now_text

MIN_PASSWORD_LENGTH = 10  # characters other than spaces
MAX_NAME_LENGTH = 100


def check_password(password: str) -> list[str]:
    """Why the password is refused; empty when it is strong enough."""
    if sum(not ch.isspace() for ch in password) < MIN_PASSWORD_LENGTH:
        return [f"the password must have at least {MIN_PASSWORD_LENGTH} characters besides spaces"]
    return []


def check_new_editor(name: str, password: str) -> list[str]:
    """Every reason the account cannot be created; empty when it can."""
    reasons = []
    if not name.strip() or name != name.strip():
        reasons.append("the name must not be empty nor start or end with spaces")
    if len(name) > MAX_NAME_LENGTH:
        reasons.append(f"the name must be at most {MAX_NAME_LENGTH} characters")
    return reasons + check_password(password)


def add_editor(store: Store, name: str, password: str) -> None:
    """Create an editor; ValueError naming the reason when that is not possible."""
    reasons = check_new_editor(name, password)
    if reasons:
        raise ValueError("; ".join(reasons))
    store.migrate()
    row = {
        "name": name,
        "password_hash": generate_password_hash(password),
        "created_at": utc_now_text(),
    }
    try:
        store.write(lambda conn: conn.execute(editors.insert().values(**row)))
    except IntegrityError:
        raise ValueError(f"editor {name!r} already exists") from None


def set_password(store: Store, name: str, password: str) -> None:
    """A new password for editor `name`; every session of theirs ends (LookupError: no such
    editor, ValueError: a weak password)."""
    reasons = check_password(password)
    if reasons:
        raise ValueError("; ".join(reasons))
    new_hash = generate_password_hash(password)

    def write(conn) -> None:
        changed = conn.execute(
            update(editors).where(editors.c.name == name).values(password_hash=new_hash)
        )
        if changed.rowcount == 0:
            raise LookupError(f"no editor {name!r}")
        end_sessions(conn, name)

    store.write(write)


def remove_editor(store: Store, name: str) -> None:
    """Delete editor `name` and end their sessions; LookupError when there is none."""

    def write(conn) -> None:
        end_sessions(conn, name)
        if conn.execute(delete(editors).where(editors.c.name == name)).rowcount == 0:
            raise LookupError(f"no editor {name!r}")

    store.write(write)


@cache
def dummy_hash() -> str:
    """A hash of the same method and cost as real ones, checked for unknown names."""
    return generate_password_hash("synthetic dummy password, never an account's")


def verify_editor(store: Store, name: str, password: str) -> bool:
    """True for the right password; an unknown name costs as much as a wrong password, so
    the time taken does not tell which names exist."""
    stored = None
    if "\x00" not in name:  # no account has one (PostgreSQL cannot even compare it)
        stored = store.read(
            lambda conn: conn.scalar(select(editors.c.password_hash).where(editors.c.name == name))
        )
    matches = check_password_hash(stored or dummy_hash(), password)
    return stored is not None and matches


def editor_names(store: Store) -> list[str]:
    return store.read(
        lambda conn: list(conn.scalars(select(editors.c.name).order_by(editors.c.name)))
    )
