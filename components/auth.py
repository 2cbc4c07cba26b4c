"""Editors log in (Flask-Login); analysts read without an account. Data-changing callbacks
are refused on the server for anyone else, whatever the browser sends."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection
from html import escape
from urllib.parse import quote, urlparse, urlsplit

from flask import Flask, abort, redirect, request
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from eaeu.i18n import normalize_lang, t
from eaeu.store import Store
from eaeu.users import verify_editor
from eaeu.view import ViewState


class Editor(UserMixin):
    def __init__(self, name: str):
        self.id = name
        self.name = name


def is_editor() -> bool:
    return bool(current_user and current_user.is_authenticated)


def editor_name() -> str | None:
    return current_user.name if is_editor() else None


def init_auth(server: Flask, store: Store, editor_outputs: Collection[str]) -> None:
    """Logins for editors; `editor_outputs`: the component ids (or pattern-matching id types)
    that only an editor's callback request may write."""
    manager = LoginManager(server)
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(name: str) -> Editor | None:
        return Editor(name) if name in _editor_names(store) else None

    server.add_url_rule("/login", "login", _login_view(store), methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", _logout, methods=["POST"])
    server.before_request(forged_update_guard(frozenset(editor_outputs)))


def _editor_names(store: Store) -> set[str]:
    from eaeu.users import editor_names

    return set(editor_names(store))


def forged_update_guard(editor_outputs: frozenset[str]):
    def refuse_forged_updates():
        """A POST to /_dash-update-component writing an editor-only output needs an editor."""
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        try:
            body = json.loads(request.get_data(cache=True) or b"{}")
        except (ValueError, RecursionError):
            abort(400)
        if output_ids(body) & editor_outputs and not is_editor():
            abort(403)
        return None

    return refuse_forged_updates


def output_ids(body: object) -> set[str]:
    """Ids a callback request writes, from both `outputs` and the `output` string Dash also
    reads; a pattern-matching id counts by its `type`."""
    if not isinstance(body, dict):
        return set()
    outputs = body.get("outputs", [])
    outputs = outputs if isinstance(outputs, list) else [outputs]
    found = set()
    for output in outputs:
        items = output if isinstance(output, list) else [output]
        for item in items:
            component = item.get("id") if isinstance(item, dict) else None
            found.add(_component_key(component))
    found.update(_ids_in_output_string(body.get("output")))
    return found


def _component_key(component: object) -> str:
    return str(component.get("type")) if isinstance(component, dict) else str(component)


def _ids_in_output_string(output: object) -> set[str]:
    """'id.prop' or '..id1.prop...id2.prop..'; a pattern id is JSON ('{"type":...}.prop')."""
    if not isinstance(output, str):
        return set()
    found = set()
    for part in output.strip(".").split("..."):
        component = part.rsplit(".", 1)[0]
        if component.startswith("{"):
            with contextlib.suppress(ValueError):
                component = json.loads(component)
        found.add(_component_key(component))
    return found


def _same_origin() -> bool:
    origin = request.headers.get("Origin")
    return origin is None or urlparse(origin).netloc == request.host


def login_path(here: str) -> str:
    """The login link for a page of this site: back to `here` (path and view) afterwards.
    Quoted whole: the view's own query string must survive inside `next`."""
    return "/login?next=" + quote(here, safe="")


def logout_path(here: str) -> str:
    """Where the log-out form posts: back to `here` afterwards, as `login_path`."""
    return "/logout?next=" + quote(here, safe="")


def _login_view(store: Store):
    def login():
        if request.method == "POST":
            if not _same_origin():
                abort(403)
            target = _safe_next(request.args.get("next"))
            name = request.form.get("name", "")
            if verify_editor(store, name, request.form.get("password", "")):
                login_user(Editor(name))
                return redirect(target)
            return login_page(target, wrong=True)
        return login_page(_safe_next(request.args.get("next") or _came_from()))

    return login


def login_page(target: str, wrong: bool = False) -> str:
    """The form, in the language of the page the editor came from (`target`'s view)."""
    lang = normalize_lang(ViewState.from_query(urlsplit(target).query).lang)
    texts = {
        key: escape(t(key, lang))
        for key in ("editor_login", "login_name", "login_password", "login_submit", "login_back")
    }
    error = escape(t("login_wrong", lang)) if wrong else ""
    return LOGIN_PAGE.format(
        lang=lang, error=error, next=quote(target, safe=""), back=escape(target), **texts
    )


def _came_from() -> str:
    """The page of this site the login link was followed from (path and view), else '/'."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or referrer.path in ("/login", "/logout"):
        return "/"
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")


def _safe_next(target: str | None) -> str:
    """Only local paths: a login link must not bounce the editor to another site (browsers
    drop tabs and newlines and read a backslash as a slash, so '/\t/evil' is '//evil')."""
    if not target or any(ch < " " or ch in "\x7f\\" for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _logout():
    """Back to the page and view the editor left (`next`, else the Referer)."""
    if not _same_origin():
        abort(403)
    logout_user()
    return redirect(_safe_next(request.args.get("next") or _came_from()))


LOGIN_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{editor_login}</title>
<link rel="stylesheet" href="/assets/01-bootstrap.min.css">
<link rel="stylesheet" href="/assets/02-fonts.css"><link rel="stylesheet" href="/assets/03-app.css">
</head><body><main class="container py-5" style="max-width: 28rem">
<h1 class="h3 mb-3">{editor_login}</h1>
<p class="text-danger" role="alert">{error}</p>
<form method="post" action="/login?next={next}">
<div class="mb-3"><label class="form-label" for="name">{login_name}</label>
<input class="form-control" id="name" name="name" autocomplete="username" required></div>
<div class="mb-3"><label class="form-label" for="password">{login_password}</label>
<input class="form-control" id="password" name="password" type="password"
 autocomplete="current-password" required></div>
<button class="btn btn-primary" type="submit">{login_submit}</button>
<a class="ms-3" href="{back}">{login_back}</a>
</form></main></body></html>"""
