"""The header: title and the RU | EN language switch."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import auth, ids
from eaeu.i18n import t


def layout(view: dict) -> html.Header:
    """`view`: the view store's payload; the language links keep the rest of the view."""
    lang = view["lang"]

    def lang_button(code: str, component_id: str) -> dcc.Link:
        active = code == lang
        # dcc.Link: the page is rendered anew for the other language without a reload.
        return dcc.Link(
            html.Span(code.upper(), lang=code),
            id=component_id,
            href=view["alternates"][code],
            className="btn btn-sm " + ("btn-light" if active else "btn-outline-light"),
            title="Русский" if code == "ru" else "English",
        )

    return html.Header(
        dbc.Container(
            [
                html.Div(
                    [
                        html.H1(t("app_title", lang), className="h3 mb-0"),
                        html.P(t("app_subtitle", lang), className="mb-0 small opacity-75"),
                    ]
                ),
                html.Div(
                    [
                        html.Div(
                            [lang_button("ru", ids.LANG_RU), lang_button("en", ids.LANG_EN)],
                            role="group",
                            className="btn-group",
                            **{"aria-label": t("lang_switch", lang)},
                        ),
                        account(lang),
                    ],
                    className="d-flex align-items-center flex-wrap gap-3",
                ),
            ],
            className="d-flex justify-content-between align-items-center flex-wrap gap-2",
        ),
        className="app-header py-3 mb-3",
    )


def account(lang: str) -> html.A | html.Form:
    """A login link for visitors; for an editor, the name and a log-out button (a POST form:
    a plain link could be followed by a prefetch or another site's image tag)."""
    name = auth.editor_name()
    if name is None:
        # /login returns the editor to the page they came from (see auth: the Referer).
        return html.A(t("editor_login", lang), href="/login", className="link-light small")
    return html.Form(
        [
            html.Span(t("signed_in_as", lang, name=name), className="small"),
            html.Button(t("logout", lang), type="submit", className="btn btn-sm btn-outline-light"),
        ],
        method="post",
        action="/logout",
        className="d-flex align-items-center gap-2 mb-0",
    )
