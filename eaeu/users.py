"""Editors who may import data: names and salted password hashes, kept in the store."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from eaeu.store import Store, editors, utc_now_text

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 100


def check_new_editor(name: str, password: str) -> list[str]:
    """Every reason the account cannot be created; empty when it can."""
    reasons = []
    if not name.strip() or name != name.strip():
        reasons.append("the name must not be empty nor start or end with spaces")
    if len(name) > MAX_NAME_LENGTH:
        reasons.append(f"the name must be at most {MAX_NAME_LENGTH} characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        reasons.append(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    return reasons


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


def verify_editor(store: Store, name: str, password: str) -> bool:
    stored = store.read(
        lambda conn: conn.scalar(select(editors.c.password_hash).where(editors.c.name == name))
    )
    return stored is not None and check_password_hash(stored, password)


def editor_names(store: Store) -> list[str]:
    return store.read(
        lambda conn: list(conn.scalars(select(editors.c.name).order_by(editors.c.name)))
    )
