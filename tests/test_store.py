"""The versioned store: immutable versions, one transaction per commit, safe under concurrency
and under a killed writer. Added observations are SYNTHETIC (generated here)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import text

from eaeu.config import DEFAULT_DATA_DIR, PROJECT_DIR
from eaeu.dataset import TABLES, build_dataset, read_tables
from eaeu.model import DataError
from eaeu.store import MIGRATIONS, StaleVersion, Store
from eaeu.store_engine import database_url


def shipped_raw():
    return read_tables(DEFAULT_DATA_DIR)


def with_synthetic_rows(raw, count, first_year=1000, geo="EAEU"):
    """`count` SYNTHETIC unemployment observations, one a month from January `first_year`."""
    months = [(first_year + n // 12, n % 12 + 1) for n in range(count)]
    rows = pd.DataFrame(
        {
            "indicator": "unemployment",
            "geo": geo,
            "period_start": [f"{y:04d}-{m:02d}-01" for y, m in months],
            "period_end": [f"{y:04d}-{m:02d}-28" for y, m in months],
            "value": [f"{n % 10}.5" for n in range(count)],
            "source_name_ru": "Synthetic",
            "source_name_en": "Synthetic",
            "source_url": "",
            "source_date": "",
        }
    )
    return {**raw, "observations": pd.concat([raw["observations"], rows], ignore_index=True)}


@pytest.fixture
def url(empty_store_url):
    """An empty database of the test's own, on each backend (tests/conftest.py)."""
    return empty_store_url


@pytest.fixture
def store(url):
    store = Store(url)
    store.initialise(shipped_raw())
    yield store
    store.dispose()


def test_construction_opens_nothing(tmp_path):
    path = tmp_path / "instance" / "lazy.sqlite3"
    store = Store(f"sqlite:///{path}")
    assert not path.parent.exists()
    store.initialise(shipped_raw())
    assert path.exists()  # the instance/ directory is created on first use


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    with store.engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_seed_is_version_one_and_reads_back_exactly(store):
    raw = shipped_raw()
    assert store.current_version() == 1
    assert store.schema_version() == len(MIGRATIONS)
    loaded = store.load_raw()
    for name in TABLES:
        pd.testing.assert_frame_equal(loaded[name], raw[name], check_dtype=False)
    assert store.content_hash() == build_dataset(raw).version == build_dataset(loaded).version
    (seed,) = store.history()
    assert (seed.kind, seed.counts["observations"]) == ("seed", len(raw["observations"]))
    assert seed.created_at.utcoffset().total_seconds() == 0


def test_initialise_twice_keeps_one_seed(store):
    store.initialise(shipped_raw())
    store.migrate()
    assert [v.id for v in store.history()] == [1]


def test_commit_makes_a_new_immutable_version(store):
    before = store.load_raw()
    info = store.commit(with_synthetic_rows(before, 3), "anna", "f.xlsx", "ab" * 32, "note")
    assert (info.id, info.kind, info.editor, info.based_on) == (2, "import", "anna", 1)
    assert info.counts["observations"] == len(before["observations"]) + 3
    assert len(store.load_raw(1)["observations"]) == len(before["observations"])
    assert len(store.load_raw()["observations"]) == len(before["observations"]) + 3
    assert store.content_hash() == info.content_hash != store.content_hash(1)


def test_invalid_tables_are_refused_and_nothing_changes(store):
    raw = store.load_raw()
    raw["observations"].loc[0, "value"] = "not a number"
    before = store.content_hash()
    with pytest.raises(DataError, match="row 2, column 'value': expected a number"):
        store.commit(raw, "anna")
    assert store.current_version() == 1 and store.content_hash() == before


def test_a_nul_in_a_text_is_refused_and_in_a_label_replaced(store):
    """No source writes NUL (PostgreSQL cannot store one): refused in data, and in a file
    name or note a browser sent it reads as the replacement character."""
    raw = store.load_raw()
    raw["observations"].loc[0, "source_name_en"] = "Synthetic\x00source"
    with pytest.raises(DataError, match="row 2, column 'source_name_en': a text must not hold"):
        store.commit(raw, "anna")
    assert store.current_version() == 1
    info = store.commit(with_synthetic_rows(store.load_raw(), 1), "anna", "a\x00.csv", note="n\x00")
    assert (info.file_name, info.note) == ("a\ufffd.csv", "n\ufffd")


def test_rollback_is_a_new_version_and_deletes_nothing(store):
    store.commit(with_synthetic_rows(store.load_raw(), 2), "anna")
    info = store.rollback(1, "boris")
    assert (info.id, info.kind, info.based_on) == (3, "rollback", 1)
    assert [v.id for v in store.history()] == [3, 2, 1]
    assert store.content_hash() == store.content_hash(1)
    assert len(store.load_raw(2)["observations"]) == len(store.load_raw(1)["observations"]) + 2
    with pytest.raises(LookupError, match="no version 9"):
        store.rollback(9, "boris")


def test_commit_can_require_the_version_it_was_based_on(store):
    raw = with_synthetic_rows(store.load_raw(), 1)
    store.commit(with_synthetic_rows(store.load_raw(), 1, first_year=1500), "anna")
    with pytest.raises(StaleVersion):
        store.commit(raw, "boris", require_current=1)
    assert store.current_version() == 2


def test_version_xlsx_keeps_text_as_text(store):
    raw = store.load_raw()
    long_note = "Длинная заметка (synthetic). " * 400
    raw["observations"].loc[0, "source_name_ru"] = '=HYPERLINK("https://evil.example")'
    raw["snapshots"].loc[0, "note_ru"] = long_note
    info = store.commit(raw, "anna")
    workbook = openpyxl.load_workbook(io.BytesIO(store.version_xlsx(info.id)))
    assert workbook.sheetnames == list(TABLES)
    cell = workbook["observations"]["F2"]
    assert cell.value == '=HYPERLINK("https://evil.example")' and cell.data_type == "s"
    assert workbook["snapshots"]["G2"].value == long_note  # never truncated
    assert workbook["observations"]["E2"].value == 2.8  # numbers stay numbers
    assert workbook["observations"].max_row == len(raw["observations"]) + 1


def test_two_commits_at_once_with_readers(url, store):
    """Two writers (threads, own connections) plus readers: both versions land, none mixed."""
    base = store.load_raw()
    tables = [with_synthetic_rows(base, 200, first_year=1000 + 30 * n) for n in range(2)]
    barrier = threading.Barrier(4)
    results, errors = [], []

    def writer(raw):
        own = Store(url)
        barrier.wait()
        try:
            results.append(own.commit(raw, "writer"))
        except Exception as exc:  # collected: a failure must fail the test, not vanish
            errors.append(exc)

    def reader():
        own = Store(url)
        barrier.wait()
        try:
            for _ in range(15):
                version = own.current_version()
                loaded = own.load_raw(version)
                counts = own.version_info(version).counts
                assert {n: len(loaded[n]) for n in TABLES} == counts
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(raw,)) for raw in tables]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(v.id for v in results) == [2, 3]
    assert {v.counts["observations"] for v in results} == {len(base["observations"]) + 200}


def test_writers_at_once_land_whole_or_are_told_stale(url, store):
    """Six writers (threads, own connections) commit at once, three of them only onto version
    1, while readers read: every commit landed or was told StaleVersion, versions are numbered
    without a gap or a twin, and no reader ever saw a part of a version."""
    base = store.load_raw()
    writers = 6
    barrier = threading.Barrier(writers + 2)
    landed, stale, errors, seen = [], [], [], []
    done = threading.Event()

    def writer(n: int):
        own = Store(url)
        raw = with_synthetic_rows(base, 40 * (n + 1), first_year=1000 + 20 * n)
        barrier.wait()
        try:
            landed.append(own.commit(raw, f"writer {n}", require_current=1 if n % 2 else None))
        except StaleVersion:
            stale.append(n)
        except Exception as exc:  # collected: a failure must fail the test, not vanish
            errors.append(exc)
        own.dispose()

    def reader():
        own = Store(url)
        barrier.wait()
        try:
            while not done.is_set():
                seen.append(own.read(lambda conn: whole_versions(conn, newest_only=True))[0])
        except Exception as exc:
            errors.append(exc)
        own.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads + readers:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()
    assert errors == []
    assert len(landed) + len(stale) == writers
    assert len(stale) >= 2  # of the three writers that need version 1, one at most is first
    assert sorted(v.id for v in landed) == list(range(2, 2 + len(landed)))
    assert [v.id for v in store.history()] == list(range(len(landed) + 1, 0, -1))
    counts = store.read(whole_versions)
    assert [c["observations"] for c in counts[1:]] == [
        v.counts["observations"] for v in sorted(landed, key=lambda v: v.id)
    ]
    assert {c["observations"] for c in seen} <= {c["observations"] for c in counts}


# SQLite's BEGIN IMMEDIATE has always serialised these; PostgreSQL needs its advisory lock.
@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_processes_migrate_an_empty_database_at_once(url):
    """Hosts starting together against a new database: the schema and the seed once."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD_INITIALISE, url],
            cwd=PROJECT_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:  # both have imported everything: they start as close as can be
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert [out.split() for out in outputs] == [["1", str(len(MIGRATIONS))]] * 2
    store = Store(url)
    assert [v.id for v in store.history()] == [1] and store.schema_version() == len(MIGRATIONS)
    store.dispose()


CHILD_INITIALISE = textwrap.dedent(
    """
    import sys
    from eaeu.config import DEFAULT_DATA_DIR
    from eaeu.dataset import read_tables
    from eaeu.store import Store

    store = Store(sys.argv[1])
    seed = read_tables(DEFAULT_DATA_DIR)
    print("ready", flush=True)
    sys.stdin.readline()
    print(store.initialise(seed).id, store.schema_version())
    """
)


def test_commit_from_another_process_meanwhile(url, store):
    """A second process commits while this one does: both recorded."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_COMMIT, url, "200", "2000"],
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "ready"
    mine = store.commit(with_synthetic_rows(store.load_raw(), 200, first_year=1000), "parent")
    assert child.wait(timeout=120) == 0
    assert sorted(v.id for v in store.history()) == [1, 2, 3]
    assert mine.id in (2, 3)


# A child that prepares big SYNTHETIC tables, says "ready", commits, and (when asked) reports
# each statement of the write transaction so the parent can kill it in the middle.
CHILD_COMMIT = textwrap.dedent(
    """
    import sys
    import time
    from sqlalchemy import event
    from tests.test_store import shipped_raw, with_synthetic_rows
    from eaeu.store import Store

    url, count, first_year = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    trace = len(sys.argv) > 4
    store = Store(url)
    raw = with_synthetic_rows(shipped_raw(), count, first_year=first_year, geo="ARM")
    def report(*args):
        print("statement", flush=True)
        time.sleep(0.05)  # leave the parent time to kill us right here

    if trace:
        event.listen(store.engine(), "after_cursor_execute", report)
    print("ready", flush=True)
    store.commit(raw, "child")
    print("done", flush=True)
    """
)


def whole_versions(conn, newest_only: bool = False) -> list[dict[str, int]]:
    """The counts of every version (or the newest), in one read transaction, each checked to
    hold all its tables with the rows its counts say: never a part of a version."""
    query = "SELECT id, counts FROM versions ORDER BY id"
    versions = conn.execute(text(query)).all()[-1 if newest_only else 0 :]
    for version_id, counts in versions:
        tables = conn.execute(
            text(
                "SELECT table_name, csv FROM version_tables JOIN table_contents "
                "ON sha256 = content_sha256 WHERE version_id = :version"
            ),
            {"version": version_id},
        ).all()
        assert sorted(t[0] for t in tables) == sorted(TABLES), version_id
        expected = json.loads(counts)
        for name, csv in tables:
            frame = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
            assert len(frame) == expected[name], (version_id, name)
    assert [v[0] for v in versions] == list(range(versions[0][0], versions[0][0] + len(versions)))
    return [json.loads(v[1]) for v in versions]


def check_whole(url: str, old_count: int, new_count: int) -> int:
    """The store holds version 1, or version 1 and a complete version 2: never a part."""
    store = Store(url)
    if store.is_sqlite:
        with store.engine().connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    counts = store.read(whole_versions)
    store.dispose()
    assert len(counts) in (1, 2) and counts[-1]["observations"] in (old_count, new_count)
    return len(counts)


def test_a_killed_writer_leaves_the_old_or_the_new_version(backend, make_seeded_url):
    """SIGKILL a committing process at random moments and mid-transaction: never partial."""
    rng = random.Random(20261126)
    old_count, rows = len(shipped_raw()["observations"]), 20_000
    outcomes = []
    # PostgreSQL aborts a dead client's transaction itself: the sure kill mid-transaction and
    # two random ones are enough there.
    for run in range(5 if backend == "sqlite" else 3):
        url = make_seeded_url()
        trace = run == 0  # the first run is killed inside the write transaction for sure
        args = [sys.executable, "-c", CHILD_COMMIT, url, str(rows), "1000"]
        child = subprocess.Popen(
            args + (["trace"] if trace else []),
            cwd=PROJECT_DIR,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        )
        assert child.stdout.readline().strip() == "ready"
        if trace:
            statements = 0
            while statements < 6 and child.stdout.readline().startswith("statement"):
                statements += 1
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        # Killed (-9), or finished before the signal (0): never failed on its own.
        assert child.wait() in (0, -signal.SIGKILL)
        outcomes.append(check_whole(url, old_count, old_count + rows))
    assert outcomes[0] == 1  # killed mid-transaction: the old version only


def _use_after_fork(store, queue):
    queue.put(store.current_version())


def test_a_forked_worker_opens_its_own_connections(store):
    """gunicorn forks workers after the app is built: the child must not reuse the parent's."""
    import multiprocessing

    store.current_version()  # the parent has an engine and a pooled connection now
    context = multiprocessing.get_context("fork")  # arguments are inherited, not pickled
    queue = context.Queue()
    child = context.Process(target=_use_after_fork, args=(store, queue))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == 0 and queue.get(timeout=5) == 1
    assert store.current_version() == 1  # the parent's connections still work


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db.example/eaeu", "postgresql+psycopg://u:p@db.example/eaeu"),
        ("postgresql://u@/eaeu?host=/run/pg", "postgresql+psycopg://u@/eaeu?host=/run/pg"),
        ("postgresql+psycopg://u@db.example:5433/e", "postgresql+psycopg://u@db.example:5433/e"),
        ("sqlite:///instance/eaeu.sqlite3", "sqlite:///instance/eaeu.sqlite3"),
    ],
)
def test_postgresql_urls_use_the_installed_driver(given, used):
    assert database_url(given) == used


def test_without_postgresql_the_tests_say_what_to_install(monkeypatch, tmp_path):
    from tests import postgres

    monkeypatch.setattr(postgres, "BIN_PATTERN", str(tmp_path / "*" / "bin"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(postgres.PostgresMissing, match="sudo apt-get install postgresql"):
        postgres.server_bin_dir()
