"""Editors log in (Flask-Login); analysts read without an account. Data-changing callbacks
are refused on the server for anyone else, whatever the browser sends.

A login is a session kept in the store (eaeu/sessions.py): the cookie carries only its random
token, looked up on every request, so logging out, a password change or the end of the
session's lifetime (SESSION_HOURS) logs a copied cookie out too.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape
from urllib.parse import quote, unquote, urlparse, urlsplit

from flask import Flask, abort, make_response, redirect, request
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from components.callback_guard import (
    CallbackMap,
    forged_update_guard,
    output_ids,
    reject_malformed_callbacks,
)
from components.rate_limits import limiter
from eaeu.i18n import normalize_lang, t
from eaeu.sessions import end_session, open_session, session_editor
from eaeu.store import Store
from eaeu.users import dummy_hash, verify_editor
from eaeu.view import ViewState

__all__ = ["init_auth", "is_editor", "editor_name", "login_path", "logout_path", "output_ids"]

LOGIN_LIMIT_PER_ADDRESS = "10/minute"
LOGIN_LIMIT_PER_ACCOUNT = "5/minute"


class Editor(UserMixin):
    """A logged-in editor; Flask-Login keeps `get_id()`, the session token, in the cookie."""

    def __init__(self, name: str, token: str):
        self.id = token
        self.name = name


def is_editor() -> bool:
    return bool(current_user and current_user.is_authenticated)


def editor_name() -> str | None:
    return current_user.name if is_editor() else None


def init_auth(
    server: Flask,
    store: Store,
    editor_outputs: Collection[str],
    session_hours: float = 12.0,
    callbacks: CallbackMap = dict,
) -> None:
    """Logins for editors; `editor_outputs`: the component ids (or pattern-matching id types)
    that only an editor's callback request may write; `callbacks`: the Dash app's callback
    map (what a callback request's `output` key runs)."""
    manager = LoginManager(server)
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(token: str) -> Editor | None:
        name = session_editor(store, token)
        return Editor(name, token) if name is not None else None

    dummy_hash()  # computed now, so the first unknown name costs no more than the others
    view = _throttled(_login_view(store, session_hours))
    server.add_url_rule("/login", "login", view, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", _logout_view(store), methods=["POST"])
    server.before_request(reject_malformed_callbacks())
    server.before_request(forged_update_guard(frozenset(editor_outputs), callbacks, is_editor))


def _account_key() -> str:
    return "login-account:" + request.form.get("name", "").strip().casefold()[:200]


def _throttled(view):
    """Failed or not, login attempts are limited per client address and per account name."""
    only_posts = {"methods": ["POST"], "on_breach": _too_many_attempts}
    view = limiter.limit(LOGIN_LIMIT_PER_ACCOUNT, key_func=_account_key, **only_posts)(view)
    return limiter.limit(LOGIN_LIMIT_PER_ADDRESS, **only_posts)(view)


def _too_many_attempts(_limit):
    """429, as the login page in the language of the page the editor came from."""
    page = login_page(_safe_next(request.args.get("next")), error_key="login_throttled")
    response = make_response(page, 429)
    response.headers["Retry-After"] = "60"
    return response


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


def _login_view(store: Store, session_hours: float):
    def login():
        if request.method == "POST":
            if not _same_origin():
                abort(403)
            target = _safe_next(request.args.get("next"))
            name = request.form.get("name", "")
            if verify_editor(store, name, request.form.get("password", "")):
                login_user(Editor(name, open_session(store, name, session_hours)))
                return redirect(target)
            return login_page(target, error_key="login_wrong")
        return login_page(_safe_next(request.args.get("next") or _came_from()))

    return login


def login_page(target: str, error_key: str | None = None) -> str:
    """The form, in the language of the page the editor came from (`target`'s view)."""
    lang = normalize_lang(ViewState.from_query(urlsplit(target).query).lang)
    texts = {
        key: escape(t(key, lang))
        for key in ("editor_login", "login_name", "login_password", "login_submit", "login_back")
    }
    error = escape(t(error_key, lang)) if error_key else ""
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
    drop tabs and newlines and read a backslash as a slash, so '/\t/evil' is '//evil').
    The target is checked as given and once more percent-decoded, so an encoded tab, newline,
    backslash or slash refuses it too; anything doubtful falls back to '/'."""
    if not isinstance(target, str) or not target:
        return "/"
    for form in (target, unquote(target)):
        if not _is_local_path(form):
            return "/"
    return target


def _is_local_path(target: str) -> bool:
    if any(ch < " " or ch in "\x7f\\" for ch in target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:  # e.g. an unclosed '[' read as an IPv6 host
        return False
    return not (parts.scheme or parts.netloc) and target.startswith("/") and target[1:2] != "/"


def _logout_view(store: Store):
    def logout():
        """End the session on the server too, then back to the page and view the editor left
        (`next`, else the Referer)."""
        if not _same_origin():
            abort(403)
        if is_editor():
            end_session(store, current_user.get_id())
        logout_user()
        return redirect(_safe_next(request.args.get("next") or _came_from()))

    return logout


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
