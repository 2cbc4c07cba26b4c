"""A throwaway PostgreSQL server for the test run: a cluster of its own in a temporary folder,
listening only on a unix socket there, run as an unprivileged user, removed at the end.

The server binaries come from Debian's `postgresql` package (scripts/ensure-system-deps.sh
installs it); without them the PostgreSQL tests fail, saying so: they are never skipped.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

from eaeu.store_schema import metadata

BIN_PATTERN = "/usr/lib/postgresql/*/bin"
# The server refuses to run as root: as root (CI), the cluster belongs to this system user.
SERVER_USER = "postgres"
# Parents before children (foreign keys).
STORE_TABLES = [table.name for table in metadata.sorted_tables]
# A test server's data are thrown away: no durability, so nothing waits on the disk.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class PostgresMissing(RuntimeError):
    pass


def server_bin_dir() -> Path:
    """The newest installed server's binaries (initdb, pg_ctl)."""
    found = [Path(p) for p in glob.glob(BIN_PATTERN) if (Path(p) / "initdb").exists()]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if found:
        return found[-1]
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresMissing(
        f"the PostgreSQL tests need a PostgreSQL server: no initdb in {BIN_PATTERN} nor on "
        "PATH. Install it with `sudo apt-get install postgresql` (or run "
        "`sudo bash scripts/ensure-system-deps.sh`)."
    )


def _free_port() -> int:
    # Only names the socket file (no TCP listener), but keep it distinct from other clusters.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One server, its databases, and their state put back for each test."""

    def __init__(self):
        self.bin = server_bin_dir()
        # Under /tmp: a short path (a unix socket's is limited to 107 bytes) that the server's
        # user can reach, whatever TMPDIR says.
        self.root = Path(tempfile.mkdtemp(prefix="eaeu-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._admin: dict[str, psycopg.Connection] = {}

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}{done.stdout}{tail}")

    def start(self) -> Cluster:
        if os.geteuid() == 0:
            shutil.chown(self.root, SERVER_USER)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = f"-k {self.root} -c listen_addresses= -p {self.port} {FAST}"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", "server.log", "-w", "start")
        return self

    def stop(self) -> None:
        for conn in self._admin.values():
            conn.close()
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        """The test run's own connection to `database` (not the app's), kept open."""
        if database not in self._admin:
            self._admin[database] = psycopg.connect(
                host=str(self.root), port=self.port, user="postgres", dbname=database,
                autocommit=True,
            )  # fmt: skip
        return self._admin[database]

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template`, else empty); returns its name."""
        name = f"test_{next(self._names)}"
        copy = f" TEMPLATE {template}" if template else ""
        self.connect().execute(f"CREATE DATABASE {name}{copy}")
        return name

    def drop(self, name: str) -> None:
        if name in self._admin:
            self._admin.pop(name).close()
        # FORCE: a test's leftover pooled connections must not keep its database alive.
        self.connect().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    # A new database per test costs ~0.1 s on a quiet machine and ten times that on a busy
    # one; putting one database back as it was costs ~0.01 s. Tests get that instead.

    def keep_as_it_is(self, name: str) -> None:
        """Copy the store's tables aside (schema `kept`), for `restore`."""
        conn = self.connect(name)
        conn.execute("CREATE SCHEMA kept")
        for table in STORE_TABLES:
            conn.execute(f"CREATE TABLE kept.{table} AS TABLE public.{table}")

    def restore(self, name: str) -> None:
        """The store's tables as `keep_as_it_is` found them, after ending every other
        connection to the database (what an earlier test left open)."""
        conn = self._alone(name)
        with conn.transaction():
            conn.execute("TRUNCATE " + ", ".join(f"public.{t}" for t in STORE_TABLES))
            for table in STORE_TABLES:
                conn.execute(f"INSERT INTO public.{table} SELECT * FROM kept.{table}")

    def empty(self, name: str) -> None:
        """Nothing in the database's public schema, as in a new database."""
        conn = self._alone(name)
        with conn.transaction():
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")

    def _alone(self, name: str) -> psycopg.Connection:
        conn = self.connect(name)
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return conn
