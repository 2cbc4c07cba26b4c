"""Logins and the guard on editor-only callback outputs (components/auth.py)."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

import pytest
from flask import Flask

from components import auth
from components.data.panel import EDITOR_OUTPUTS
from components.rate_limits import init_limits, limiter
from eaeu.users import add_editor


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/?lang=en&tab=missions", "/?lang=en&tab=missions"),
        ("/embed/growth", "/embed/growth"),
        ("//evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/%09/evil.example", "/"),  # encoded twice in the link: a tab once decoded
        ("/%5Cevil.example", "/"),
        ("/%2F/evil.example", "/"),
        ("\n", "/"),
        ("http://[evil.example", "/"),  # urlsplit raises ValueError
        ("/?lang=en&q=%D0%92%D0%92%D0%9F", "/?lang=en&q=%D0%92%D0%92%D0%9F"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_only_local_paths_are_followed_after_login(target, expected):
    assert auth._safe_next(target) == expected


EDITOR, PASSWORD = "synthetic-editor", "synthetic password 1"
ENGLISH_TABLE = "/?lang=en&tab=table"
FOREIGN = ["https://evil.example/?lang=en", "//evil.example/", "/\\evil.example"]


@pytest.fixture
def client(seeded_store):
    """Logins against a store of the test's own, on each backend (tests/conftest.py)."""
    add_editor(seeded_store, EDITOR, PASSWORD)
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "synthetic-test-key"
    init_limits(app)
    limiter.reset()  # login counters are shared with any other app of the test session
    auth.init_auth(app, seeded_store, EDITOR_OUTPUTS)
    return app.test_client()


def log_in(client, target: str, password: str = PASSWORD):
    return client.post(
        "/login?next=" + quote(target, safe=""), data={"name": EDITOR, "password": password}
    )


def test_the_login_page_returns_to_the_page_it_was_opened_from(client):
    page = client.get("/login", headers={"Referer": "http://localhost/?lang=en&tab=table"})
    assert 'action="/login?next=%2F%3Flang%3Den%26tab%3Dtable"' in page.text
    elsewhere = client.get("/login", headers={"Referer": "http://evil.example/?x=1"})
    assert 'action="/login?next=%2F"' in elsewhere.text


def test_the_login_link_names_the_view_it_returns_to(client):
    assert auth.login_path(ENGLISH_TABLE) == "/login?next=%2F%3Flang%3Den%26tab%3Dtable"
    page = client.get(auth.login_path(ENGLISH_TABLE))
    assert 'action="/login?next=%2F%3Flang%3Den%26tab%3Dtable"' in page.text
    assert f'href="{escape(ENGLISH_TABLE)}"' in page.text  # back without logging in


def test_the_login_page_speaks_the_language_of_the_page_it_came_from(client):
    english = client.get(auth.login_path(ENGLISH_TABLE)).text
    assert '<html lang="en">' in english
    assert all(text in english for text in ("Editor login", ">Name<", ">Password<", "Log in"))
    assert not re.search("[а-яА-Я]", english)
    russian = client.get("/login", headers={"Referer": "http://localhost/?tab=table"}).text
    assert '<html lang="ru">' in russian
    assert all(text in russian for text in ("Вход для редакторов", ">Имя<", ">Пароль<"))
    assert "Log in" not in russian
    assert '<html lang="ru">' in client.get("/login").text  # no view: the site's default
    wrong = log_in(client, ENGLISH_TABLE, password="synthetic wrong password")
    assert wrong.status_code == 200 and "Wrong name or password" in wrong.text
    forged = client.post(auth.login_path(ENGLISH_TABLE), data={"name": "a\x00", "password": "x"})
    assert forged.status_code == 200 and "Wrong name or password" in forged.text


def test_logging_in_and_out_returns_to_the_view_and_its_language(client):
    answer = log_in(client, ENGLISH_TABLE)
    assert (answer.status_code, answer.location) == (302, ENGLISH_TABLE)
    assert auth.logout_path("/?lang=en&tab=data") == "/logout?next=%2F%3Flang%3Den%26tab%3Ddata"
    out = client.post(auth.logout_path("/?lang=en&tab=data"))
    assert (out.status_code, out.location) == (302, "/?lang=en&tab=data")
    log_in(client, "/")
    referred = client.post("/logout", headers={"Referer": "http://localhost/?lang=en"})
    assert referred.location == "/?lang=en"  # no `next`: the page it was sent from


@pytest.mark.parametrize("foreign", FOREIGN)
def test_no_login_or_logout_leads_to_another_site(client, foreign):
    assert log_in(client, foreign).location == "/"
    assert client.post(auth.logout_path(foreign)).location == "/"
    log_in(client, "/")
    referred = client.post("/logout", headers={"Referer": foreign})
    assert referred.location == "/"
    page = client.get("/login?next=" + quote(foreign, safe=""))
    assert 'action="/login?next=%2F"' in page.text and 'href="/"' in page.text


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


@pytest.mark.parametrize(
    "raw", ["/%09/evil.example", "%0A", "/%5C%5Cevil.example", "/\\evil.example"]
)
def test_a_right_password_with_a_bad_next_lands_on_the_home_page(client, raw):
    answer = client.post(f"/login?next={raw}", data={"name": EDITOR, "password": PASSWORD})
    assert (answer.status_code, answer.location) == (302, "/")
    assert client.post(f"/logout?next={raw}").location == "/"
    assert 'action="/login?next=%2F"' in client.get(f"/login?next={raw}").text
