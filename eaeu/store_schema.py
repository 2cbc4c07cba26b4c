"""The store's SQL tables and their migrations (append only): eaeu.store reads and writes them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", String(32), nullable=False),
    Column("editor", Text, nullable=False),
    Column("file_name", Text, nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("counts", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("kind", String(16), nullable=False),
    Column("based_on", Integer, ForeignKey("versions.id")),
    Column("content_hash", String(16), nullable=False),
    sqlite_autoincrement=True,
)

# One CSV text per distinct table content, shared by every version that holds it.
table_contents = Table(
    "table_contents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("csv", Text, nullable=False),
)

version_tables = Table(
    "version_tables",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("table_name", String(32), primary_key=True),
    Column("content_sha256", String(64), ForeignKey("table_contents.sha256"), nullable=False),
)

editors = Table(
    "editors",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Parsed uploads waiting for the editor's confirmation; a table (not process memory) so that
# every gunicorn worker sees them.
pending_imports = Table(
    "pending_imports",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("expires_at", BigInteger, nullable=False),  # Unix seconds, past 2038 too
    Column("payload", Text, nullable=False),
)


# Editors' logins, revocable on the server: the cookie carries a random token, the store only
# its sha256, so a copy of the store logs nobody in. Ended by logout, password change, removal.
editor_sessions = Table(
    "editor_sessions",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("editor", String(100), nullable=False, index=True),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", BigInteger, nullable=False),  # Unix seconds, past 2038 too
)


def _migration_1(conn: Connection) -> None:
    for table in (versions, table_contents, version_tables):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    editors.create(conn)


def _migration_3(conn: Connection) -> None:
    pending_imports.create(conn)


# Applied in order, each in its own transaction; append only, never edit a released one.
# They create the tables as defined above: changing a definition later takes a new migration
# (ALTER TABLE ...) and a matching edit above, never an edit of an old migration.
def _migration_4(conn: Connection) -> None:
    editor_sessions.create(conn)


def _migration_5(conn: Connection) -> None:
    # Expiry times were 32-bit integers on PostgreSQL (SQLite's are 64-bit already).
    if conn.dialect.name == "postgresql":
        for table in ("pending_imports", "editor_sessions"):
            conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN expires_at TYPE BIGINT")


MIGRATIONS: list[Callable[[Connection], None]] = [
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
]
