"""How the store talks to its database: SQLite (one file, WAL) or PostgreSQL (several hosts).

Both give the store the same two guarantees. Writers that change versions or the schema run
one at a time across every process and host: SQLite's BEGIN IMMEDIATE takes the database's
write lock, PostgreSQL's transaction-level advisory lock does the same for one database. A
reader's transaction sees one committed state: SQLite's WAL snapshot, PostgreSQL's REPEATABLE
READ.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.exc import OperationalError

BUSY_TIMEOUT_MS = 30_000
# The advisory lock that serialises version and schema writers on PostgreSQL (any 64-bit
# number the application owns; "EAEU" in ASCII).
WRITERS_LOCK = 0x45414555


def database_url(url: str) -> str:
    """`url` with PostgreSQL on psycopg 3, the driver installed with the project, however it
    was spelt (`postgres://` as some hosts write it, `postgresql://` as SQLAlchemy would
    otherwise read for psycopg2)."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme in ("postgres", "postgresql"):
        return "postgresql+psycopg://" + rest
    return url


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_store_engine(url: str) -> Engine:
    if not is_sqlite(url):
        # pre_ping: a connection the server dropped (restart, failover) is replaced, not used.
        return create_engine(database_url(url), pool_pre_ping=True)
    _ensure_sqlite_dir(url)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def prepare_write(conn: Connection) -> None:
    """Before the write transaction begins: SQLite takes its write lock at BEGIN."""
    if conn.dialect.name == "sqlite":
        conn.execution_options(sqlite_begin="IMMEDIATE")


def serialise_writers(conn: Connection) -> None:
    """Inside a write transaction: wait until no other process writes versions or the schema.
    On PostgreSQL the lock is held until this transaction ends; it is taken before anything is
    read, so what the writer reads next (READ COMMITTED) includes every earlier writer's
    commit. SQLite's BEGIN IMMEDIATE has done this already."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(WRITERS_LOCK)))


def prepare_read(conn: Connection) -> None:
    """Before a read transaction begins: on PostgreSQL one snapshot for the whole transaction
    (as SQLite's WAL gives), read only."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)


def is_busy(conn_url: str, exc: OperationalError) -> bool:
    """SQLite's "database is locked": another writer held the lock past the busy timeout."""
    text = str(exc.orig).lower()
    return is_sqlite(conn_url) and ("locked" in text or "busy" in text)


# -- SQLite connection setup -------------------------------------------------------------------


def _ensure_sqlite_dir(url: str) -> None:
    """The store's folder (0700) and an empty database file (0600) if there is none yet:
    SQLite gives its -wal and -shm files the database file's mode."""
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Take BEGIN out of the driver's hands, so the "begin" hook below decides its kind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer nor see a half-written version.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE): a deferred transaction that
    # upgrades later can fail with SQLITE_BUSY without waiting on the busy timeout.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")
