"""The store and the secret key are readable by the server's user alone."""

from __future__ import annotations

import stat

from eaeu.secrets import secret_key
from eaeu.store import Store


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_and_its_folder_are_private(tmp_path):
    folder = tmp_path / "instance"
    store = Store(f"sqlite:///{folder / 'eaeu.sqlite3'}")
    store.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar())
    store.dispose()
    assert mode(folder) == 0o700
    assert mode(folder / "eaeu.sqlite3") == 0o600


def test_the_generated_secret_key_is_private(tmp_path):
    folder = tmp_path / "instance"
    key = secret_key(folder)
    assert secret_key(folder) == key
    assert mode(folder) == 0o700
    assert mode(folder / "secret_key") == 0o600
