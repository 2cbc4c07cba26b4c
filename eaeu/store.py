"""The versioned data store: every change is a new immutable version of the whole dataset.

A version points at one stored CSV text per table. Texts are content-addressed (keyed by their
sha256), so a version that changes only observations shares every other table with its
parent, and a rollback copies nothing but references. Nothing is ever deleted or updated;
the current version is simply the newest one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import OperationalError

from eaeu.dataset import TABLES, build_dataset, content_hash, current_form, table_text
from eaeu.messages import system_note
from eaeu.model import SCHEMAS, DataError, Problem
from eaeu.store_engine import (
    create_store_engine,
    is_busy,
    is_sqlite,
    prepare_read,
    prepare_write,
    serialise_writers,
)
from eaeu.store_schema import (  # noqa: F401 (the tables are re-exported)
    MIGRATIONS,
    editor_sessions,
    editors,
    metadata,
    pending_imports,
    schema_version,
    table_contents,
    version_tables,
    versions,
)

VERSION_KINDS = ("seed", "import", "rollback", "edit")
WRITE_ATTEMPTS = 8


class StaleVersion(RuntimeError):
    def __init__(self, expected: int, newest: int | None):
        self.expected, self.newest = expected, newest
        super().__init__(f"version {newest} was saved after version {expected}")


@dataclass(frozen=True)
class VersionInfo:
    id: int
    created_at: dt.datetime
    editor: str
    file_name: str
    sha256: str
    counts: dict[str, int]
    note: str
    kind: str
    based_on: int | None
    content_hash: str


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_table_text(text: str) -> pd.DataFrame:
    # Same options as eaeu.dataset.read_csv_text: every cell stays text, "" stays "".
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


class Store:
    """Construct freely: no connection is opened until the first query (safe before a fork)."""

    def __init__(self, url: str):
        self.url = url
        self._engine: Engine | None = None
        self._engine_pid: int | None = None
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None or self._engine_pid != os.getpid():
                if self._engine is not None:
                    # Inherited across a fork: leave the parent's connections to the parent.
                    self._engine.dispose(close=False)
                self._engine = create_store_engine(self.url)
                self._engine_pid = os.getpid()
            return self._engine

    def write(self, work: Callable[[Connection], object], serialised: bool = False) -> object:
        """Run `work` in one write transaction, retrying while another writer holds the lock.
        `serialised`: one such writer at a time across every process and host (versions and
        the schema); other writes (sessions, pending uploads) go side by side on PostgreSQL."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.engine().connect() as conn:
                    prepare_write(conn)
                    with conn.begin():
                        if serialised:
                            serialise_writers(conn)
                        return work(conn)
            except OperationalError as exc:
                if not is_busy(self.url, exc) or attempt == WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def read(self, work: Callable[[Connection], object]) -> object:
        """Run `work` in one read transaction: it sees one consistent state."""
        with self.engine().connect() as conn:
            prepare_read(conn)
            with conn.begin():
                return work(conn)

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    # -- schema ------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply pending migrations; safe when several processes start at once."""
        self.write(_ensure_schema_version_table, serialised=True)
        for number, migration in enumerate(MIGRATIONS, start=1):
            apply = partial(_apply_migration, number=number, migration=migration)
            self.write(apply, serialised=True)
        return len(MIGRATIONS)

    def schema_version(self) -> int:
        return self.read(lambda conn: conn.scalar(select(schema_version.c.version)))

    def initialise(
        self, seed: dict[str, pd.DataFrame] | Callable[[], dict[str, pd.DataFrame]]
    ) -> VersionInfo:
        """Create the schema and, for an empty store, version 1 from the shipped tables
        (`seed`: the tables, or a function reading them, called only for an empty store)."""
        self.migrate()
        current = self.read(_current_id)
        if current is not None:  # the usual start-up: no need to read the shipped files
            return self.version_info(current)
        seed_raw = seed() if callable(seed) else seed

        def first_version(conn: Connection) -> VersionInfo:
            current = _current_id(conn)
            if current is not None:
                return _version_info(conn, current)
            note = system_note("note_seed")
            meta = {"kind": "seed", "note": note, "editor": "", "based_on": None}
            return _insert_version(conn, *_texts_and_counts(seed_raw), meta)

        build_dataset(seed_raw)  # refuse to seed from invalid files
        # first_version re-checks: another process may have seeded meanwhile.
        return self.write(first_version, serialised=True)

    # -- versions ----------------------------------------------------------------------------

    def current_version(self) -> int:
        """The newest version id: one indexed query, cheap enough to call on every request."""
        current = self.read(_current_id)
        if current is None:
            raise LookupError("the store is empty: call Store.initialise() first")
        return current

    def load_raw(self, version: int | None = None) -> dict[str, pd.DataFrame]:
        return self.read(lambda conn: _tables(conn, version))

    def commit(
        self,
        raw_tables: dict[str, pd.DataFrame] | Callable[[dict[str, pd.DataFrame]], dict] | None,
        editor: str,
        file_name: str = "",
        sha256: str = "",
        note: str = "",
        kind: str = "import",
        based_on: int | None = None,
        require_current: int | None = None,
        checked: tuple[dict[str, str], dict[str, int]] | None = None,
    ) -> VersionInfo:
        """Validate and record a new version in one transaction; DataError leaves all as it was.

        `raw_tables` may be a function of the current tables: it then runs inside the write
        transaction, so a change computed from the newest version cannot lose a concurrent one.
        `require_current`: refuse with StaleVersion unless this is still the newest version
        (tables computed from an older version would silently undo the newer one).
        `checked`: the stored texts and row counts of `raw_tables`, validated by this server
        before (an import's preview): saved as they are. Use with `require_current`.
        """
        if kind not in VERSION_KINDS:
            raise ValueError(f"kind must be one of {', '.join(VERSION_KINDS)}")
        # Plain tables are checked before the write lock is taken, so other writers wait less.
        ready = checked
        if ready is None and not callable(raw_tables):
            ready = _checked_texts(raw_tables)

        def work(conn: Connection) -> VersionInfo:
            newest = _current_id(conn)
            if require_current is not None and newest != require_current:
                raise StaleVersion(require_current, newest)
            parent = based_on if based_on is not None else newest
            texts, counts = ready or _checked_texts(raw_tables(_tables(conn, parent)))
            meta = {
                "kind": kind,
                "note": note,
                "editor": editor,
                "file_name": file_name,
                "sha256": sha256,
                "based_on": parent,
            }
            return _insert_version(conn, texts, counts, meta)

        return self.write(work, serialised=True)

    def history(self) -> list[VersionInfo]:
        def read(conn: Connection) -> list[VersionInfo]:
            rows = conn.execute(select(versions).order_by(versions.c.id.desc())).mappings()
            return [_info_from_row(row) for row in rows]

        return self.read(read)

    def version_info(self, version: int) -> VersionInfo:
        return self.read(lambda conn: _version_info(conn, version))

    def rollback(self, version: int, editor: str, note: str = "") -> VersionInfo:
        """A NEW version with the content of an old one; history stays whole."""

        def work(conn: Connection) -> VersionInfo:
            # The old texts are reused as they are: same digests, so no content is copied.
            # A table the old version predates is stored empty, in today's columns.
            texts = _version_texts(conn, version)
            empty = current_form({})
            texts |= {n: table_text(empty[n]) for n in TABLES if n not in texts}
            counts = _version_info(conn, version).counts
            meta = {
                "kind": "rollback",
                "note": note or system_note("note_rollback", version=version),
                "editor": editor,
                "based_on": version,
            }
            return _insert_version(conn, texts, counts, meta)

        return self.write(work, serialised=True)

    def content_hash(self, version: int | None = None) -> str:
        def read(conn: Connection) -> str:
            target = version if version is not None else _current_id(conn)
            return _version_info(conn, target).content_hash

        return self.read(read)

    def version_xlsx(self, version: int | None = None) -> bytes:
        """The whole version as a workbook, one sheet per table, every text kept as text."""
        from eaeu import xlsx  # only here: openpyxl costs start-up time elsewhere

        raw = self.load_raw(version)
        book = xlsx.new_workbook(write_only=True)
        for name in TABLES:
            frame = raw[name]
            numeric = SCHEMAS[name].numeric_positions(list(frame.columns))
            xlsx.add_sheet(book, name, list(frame.columns), frame.itertuples(index=False), numeric)
        return xlsx.to_bytes(book)


# -- queries -----------------------------------------------------------------------------------


def _ensure_schema_version_table(conn: Connection) -> None:
    schema_version.create(conn, checkfirst=True)
    if conn.scalar(select(func.count()).select_from(schema_version)) == 0:
        conn.execute(schema_version.insert().values(version=0))


def _apply_migration(conn: Connection, number: int, migration: Callable) -> None:
    # Re-read inside the transaction: another process may have applied it meanwhile.
    if conn.scalar(select(schema_version.c.version)) >= number:
        return
    migration(conn)
    conn.execute(schema_version.update().values(version=number))


def _current_id(conn: Connection) -> int | None:
    return conn.scalar(select(func.max(versions.c.id)))


def _version_texts(conn: Connection, version: int | None) -> dict[str, str]:
    target = version if version is not None else _current_id(conn)
    if target is None:
        raise LookupError("the store is empty: call Store.initialise() first")
    query = (
        select(version_tables.c.table_name, table_contents.c.csv)
        .join(table_contents, table_contents.c.sha256 == version_tables.c.content_sha256)
        .where(version_tables.c.version_id == target)
    )
    texts = {name: csv for name, csv in conn.execute(query)}
    if not texts:
        raise LookupError(f"no version {target}")
    return texts


def _tables(conn: Connection, version: int | None) -> dict[str, pd.DataFrame]:
    texts = _version_texts(conn, version)
    return current_form({name: read_table_text(text) for name, text in texts.items()})


def _checked_texts(raw: dict[str, pd.DataFrame]) -> tuple[dict[str, str], dict[str, int]]:
    """Stored texts and row counts of valid tables; DataError for invalid ones."""
    texts, counts = _texts_and_counts(raw)
    build_dataset(raw)
    return texts, counts


def _texts_and_counts(raw: dict[str, pd.DataFrame]) -> tuple[dict[str, str], dict[str, int]]:
    return {n: table_text(raw[n]) for n in TABLES}, {n: len(raw[n]) for n in TABLES}


def _insert_version(
    conn: Connection, texts: dict[str, str], counts: dict[str, int], meta: dict
) -> VersionInfo:
    # Numbered here, by the one writer that holds the lock: no gaps, even where a sequence
    # would skip the numbers of failed transactions (PostgreSQL).
    version_id = (_current_id(conn) or 0) + 1
    # A file name or note sent by a browser may hold a NUL (no keyboard types one), which
    # PostgreSQL cannot store: it reads as the replacement character instead.
    labels = {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in meta.items()}
    values = {
        "file_name": "",
        "sha256": "",
        **labels,
        "id": version_id,
        "created_at": utc_now_text(),
        "counts": json.dumps(counts),
        "content_hash": content_hash(texts),
    }
    conn.execute(versions.insert().values(**values))
    for name in TABLES:
        digest = hashlib.sha256(texts[name].encode()).hexdigest()
        known = select(table_contents.c.sha256).where(table_contents.c.sha256 == digest)
        if conn.scalar(known) is None:
            conn.execute(table_contents.insert().values(sha256=digest, csv=texts[name]))
        conn.execute(
            version_tables.insert().values(
                version_id=version_id, table_name=name, content_sha256=digest
            )
        )
    return _version_info(conn, version_id)


def _version_info(conn: Connection, version: int | None) -> VersionInfo:
    row = conn.execute(select(versions).where(versions.c.id == version)).mappings().first()
    if row is None:
        raise LookupError(f"no version {version}")
    return _info_from_row(row)


def _info_from_row(row) -> VersionInfo:
    return VersionInfo(
        id=row["id"],
        created_at=dt.datetime.fromisoformat(row["created_at"]),
        editor=row["editor"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        counts=json.loads(row["counts"]),
        note=row["note"],
        kind=row["kind"],
        based_on=row["based_on"],
        content_hash=row["content_hash"],
    )


__all__ = ["DataError", "Problem", "StaleVersion", "Store", "VersionInfo"]
