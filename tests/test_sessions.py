"""Server-side editor sessions, login throttling, the client's address behind proxies and the
callback-request checks (components/auth.py, components/callback_guard.py, eaeu/sessions.py).
Accounts, passwords and request bodies are SYNTHETIC."""

from __future__ import annotations

import json
import statistics
import time

import pytest
from flask import Flask, request

from components import ids
from components.data.history import refresh_history
from components.page import render
from components.rate_limits import limiter
from components.server import configure_server
from eaeu.config import Settings
from eaeu.sessions import open_session, session_editor
from eaeu.store import Store
from eaeu.users import add_editor, editor_names, set_password, verify_editor
from tests.dash_requests import callback_request

EDITOR, PASSWORD = "synthetic-session-editor", "synthetic session password"
VIEW = {"search": "?lang=en", "lang": "en"}


@pytest.fixture
def app(served_app, database_url):
    """The served app with a synthetic editor, its login counters reset before and after."""
    store = Store(database_url)
    if EDITOR not in editor_names(store):
        add_editor(store, EDITOR, PASSWORD)
    limiter.reset()
    yield served_app
    limiter.reset()


def log_in(client, name=EDITOR, password=PASSWORD, target="/"):
    return client.post(f"/login?next={target}", data={"name": name, "password": password})


def history_request(app) -> dict:
    return callback_request(
        app, refresh_history, {f"{ids.DATA_VERSION}.data": 1, "view.data": VIEW}
    )


def data_tab_request(app) -> dict:
    route = {"pathname": "/", "search": "?lang=en&tab=data"}
    return callback_request(app, render, {f"{ids.ROUTE}.data": route})


def test_a_cookie_replayed_after_logout_is_refused(app):
    client = app.server.test_client()
    assert log_in(client).status_code == 302
    cookie = client.get_cookie("session").value
    assert client.post("/_dash-update-component", json=history_request(app)).status_code == 200
    assert (
        ids.DATA_HISTORY in client.post("/_dash-update-component", json=data_tab_request(app)).text
    )
    assert client.post("/logout").status_code == 302
    replay = app.server.test_client()
    replay.set_cookie("session", cookie)
    assert replay.post("/_dash-update-component", json=history_request(app)).status_code == 403
    page = replay.post("/_dash-update-component", json=data_tab_request(app))
    assert page.status_code == 200 and ids.DATA_HISTORY not in page.text  # no data tab


def test_a_password_change_ends_every_session_of_that_editor(app, database_url):
    first, second = app.server.test_client(), app.server.test_client()
    log_in(first), log_in(second)
    set_password(Store(database_url), EDITOR, PASSWORD)  # the same one: sessions end anyway
    for client in (first, second):
        assert client.post("/_dash-update-component", json=history_request(app)).status_code == 403


def test_sessions_expire_on_the_server_and_are_stored_hashed(seeded_store):
    add_editor(seeded_store, EDITOR, PASSWORD)
    start = time.time()
    token = open_session(seeded_store, EDITOR, hours=12, now=start)
    assert session_editor(seeded_store, token, now=start + 11.9 * 3600) == EDITOR
    assert session_editor(seeded_store, token, now=start + 12 * 3600) is None
    assert session_editor(seeded_store, "synthetic-forged-token") is None
    with seeded_store.engine().connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_sha256 FROM editor_sessions").scalars().all()
    assert token not in stored and len(stored) == 1


def test_session_hours_and_trusted_proxies_are_settings(monkeypatch):
    assert (Settings.load().session_hours, Settings.load().trusted_proxies) == (12.0, 0)
    monkeypatch.setenv("SESSION_HOURS", "1.5")
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert (Settings.load().session_hours, Settings.load().trusted_proxies) == (1.5, 2)
    for name, bad in (("SESSION_HOURS", "0"), ("TRUSTED_PROXIES", "-1")):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ValueError, match=name):
            Settings.load()
        monkeypatch.delenv(name)


@pytest.mark.parametrize(("hops", "seen"), [(0, "192.0.2.10"), (1, "198.51.100.7")])
def test_forwarded_for_is_believed_only_behind_trusted_proxies(hops, seen):
    server = Flask(__name__)
    settings = Settings.load()
    configure_server(
        server,
        Settings(**{**settings.__dict__, "secret_key": "synthetic-key", "trusted_proxies": hops}),
    )
    server.add_url_rule("/ip", "ip", lambda: request.remote_addr)
    answer = server.test_client().get(
        "/ip",
        headers={"X-Forwarded-For": "198.51.100.7"},
        environ_base={"REMOTE_ADDR": "192.0.2.10"},
    )
    assert answer.text == seen


def test_thirty_logins_in_a_row_are_throttled_in_the_users_language(app):
    client = app.server.test_client()
    answers = [
        log_in(client, password="synthetic wrong", target="/%3Flang%3Den") for _ in range(30)
    ]
    codes = [answer.status_code for answer in answers]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}  # 5 a minute per account
    assert "Too many login attempts" in answers[-1].text and '<html lang="en">' in answers[-1].text
    limiter.reset()
    names = [log_in(client, name=f"synthetic-{n}", password="x").status_code for n in range(30)]
    assert names[:10] == [200] * 10 and set(names[10:]) == {429}  # 10 a minute per address
    russian = log_in(client, target="/%3Flang%3Dru")
    assert russian.status_code == 429 and "Слишком много попыток" in russian.text


# What is timed is the password check, the same whatever the database: SQLite is enough.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_property_an_unknown_name_costs_as_much_as_a_wrong_password(seeded_store):
    """A property, not a timing benchmark: medians of many tries, compared loosely."""
    add_editor(seeded_store, EDITOR, PASSWORD)
    verify_editor(seeded_store, "synthetic-nobody", "x")  # warm up both paths

    def median_seconds(name: str) -> float:
        tries = []
        for _ in range(9):
            start = time.perf_counter()
            assert not verify_editor(seeded_store, name, "synthetic wrong password")
            tries.append(time.perf_counter() - start)
        return statistics.median(tries)

    assert median_seconds("synthetic-nobody") >= 0.5 * median_seconds(EDITOR)


def post_raw(app, data: str):
    return app.server.test_client().post(
        "/_dash-update-component", data=data, content_type="application/json"
    )


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000 + "]" * 5000,
        '{"output": "x.children", "inputs": ' + "[" * 200 + "]" * 200 + "}",
        "not json at all",
        "\xff\xfe",
        "[]",
        '{"outputs": {"id": "x", "property": "y"}}',
        '{"output": 5}',
    ],
)
def test_malformed_callback_bodies_are_400_with_a_short_json_error(app, body):
    answer = post_raw(app, body)
    assert answer.status_code == 400 and set(answer.json) == {"error"}
    assert "Traceback" not in answer.text


@pytest.mark.parametrize(
    "change",
    [
        {"outputs": "data-history.children"},
        {"outputs": [5]},
        {"outputs": [{"id": 1, "property": "children"}]},
        {"inputs": {"id": "x", "property": "data"}},
        {"inputs": ["x.data"]},
        {"state": [[{"id": "x"}]]},
        {"changedPropIds": "data-version.data"},
        {
            "output": "synthetic-unknown.children",
            "outputs": {"id": "synthetic-unknown", "property": "children"},
        },
    ],
)
def test_wrong_shapes_of_a_callback_body_are_400(app, change):
    answer = post_raw(app, json.dumps({**history_request(app), **change}))
    assert answer.status_code == 400 and "error" in answer.json


def anonymous_forms(app) -> list[dict]:
    """An editor callback's request in the forms a forger might send it."""
    body = history_request(app)
    public = data_tab_request(app)
    return [
        body,
        {**body, "outputs": []},  # declared outputs count, whatever `outputs` says
        {**body, "outputs": public["outputs"]},
        {k: v for k, v in body.items() if k != "outputs"},
        {**public, "outputs": body["outputs"]},  # a public key naming an editor output
    ]


def test_an_anonymous_request_for_an_editor_output_is_refused_in_any_form(app):
    client = app.server.test_client()
    for body in anonymous_forms(app):
        answer = client.post("/_dash-update-component", json=body)
        assert answer.status_code == 403, body


def test_a_visitors_page_is_drawn_once_per_address_width_and_version(app):
    """Readers arriving at once from a story share one drawing of their page: kept by
    address, width class, current version and day; an editor's page is drawn for them."""
    client = app.server.test_client()
    layouts = app.server.extensions["eaeu"].layouts
    missions = {"Referer": "http://localhost/?tab=missions&lang=en"}
    first = client.get("/_dash-layout", headers=missions)
    kept = len(layouts)
    assert client.get("/_dash-layout", headers=missions).data == first.data
    assert len(layouts) == kept  # served as kept, not drawn again
    assert b"Belarusian missions" in first.data  # the page of the address, in English
    phone = {**missions, "User-Agent": "Mozilla/5.0 (iPhone) Mobile Safari"}
    assert client.get("/_dash-layout", headers=phone).data != first.data
    russian = {"Referer": "http://localhost/?tab=missions&lang=ru"}
    assert client.get("/_dash-layout", headers=russian).data != first.data
    assert len(layouts) == kept + 2
    editor = app.server.test_client()
    assert log_in(editor).status_code == 302
    own = editor.get("/_dash-layout", headers=missions)
    assert EDITOR.encode() in own.data and EDITOR.encode() not in first.data
    assert len(layouts) == kept + 2  # never kept, never shared
    assert client.get("/_dash-layout", headers=missions).data == first.data


def test_a_kept_page_is_kept_for_the_version_it_shows(app, monkeypatch):
    """A commit (in any process) makes a new current version: visitors' pages are drawn anew."""
    from components import page

    with app.server.test_request_context("/_dash-layout", headers={"Referer": "http://x/"}):
        before = page.layout_key()
        monkeypatch.setattr(page, "newest", lambda: (before[3] + 1, None))
        after = page.layout_key()
    assert after[:3] == before[:3] and after[3] == before[3] + 1
