"""Logins and the guard on editor-only callback outputs (components/auth.py)."""

from __future__ import annotations

import pytest
from flask import Flask

from components import auth
from components.data.panel import EDITOR_OUTPUTS
from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import read_tables
from eaeu.store import Store


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/?lang=en&tab=missions", "/?lang=en&tab=missions"),
        ("/embed/growth", "/embed/growth"),
        ("//evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_only_local_paths_are_followed_after_login(target, expected):
    assert auth._safe_next(target) == expected


@pytest.fixture
def client(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.initialise(read_tables(DEFAULT_DATA_DIR))
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "synthetic-test-key"
    auth.init_auth(app, store, EDITOR_OUTPUTS)
    return app.test_client()


def test_the_login_page_returns_to_the_page_it_was_opened_from(client):
    page = client.get("/login", headers={"Referer": "http://localhost/?lang=en&tab=table"})
    assert 'action="/login?next=%2F%3Flang%3Den%26tab%3Dtable"' in page.text
    elsewhere = client.get("/login", headers={"Referer": "http://evil.example/?x=1"})
    assert 'action="/login?next=%2F"' in elsewhere.text


def test_the_guard_reads_both_forms_of_a_callback_request():
    both = {
        "output": "..data-preview.children...data-version.data..",
        "outputs": [{"id": "data-preview", "property": "children"}],
    }
    assert auth.output_ids(both) == {"data-preview", "data-version"}
    pattern = {"output": '{"type":"data-rollback","version":1}.submit_n_clicks'}
    assert auth.output_ids(pattern) == {"data-rollback"}
    assert auth.output_ids({"output": 5}) == set()
    assert auth.output_ids([1, 2]) == set()
