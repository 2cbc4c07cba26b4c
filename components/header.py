"""The header: title, the RU | EN language switch, and the editors' login or log-out."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, clientside_callback, dcc, html

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
                        account(view),
                    ],
                    className="d-flex align-items-center flex-wrap gap-3",
                ),
            ],
            className="d-flex justify-content-between align-items-center flex-wrap gap-2",
        ),
        className="app-header py-3 mb-3",
    )


def account(view: dict) -> html.A | html.Form:
    """A login link for visitors; for an editor, the name and a log-out button (a POST form:
    a plain link could be followed by a prefetch or another site's image tag). Either returns
    to this page and view, in its language; the callbacks below follow the view on screen."""
    lang = view["lang"]
    here = view["path"] + view["search"]
    name = auth.editor_name()
    if name is None:
        return html.A(
            t("editor_login", lang),
            id=ids.LOGIN_LINK,
            href=auth.login_path(here),
            className="link-light small",
        )
    return html.Form(
        [
            html.Span(t("signed_in_as", lang, name=name), className="small"),
            html.Button(t("logout", lang), type="submit", className="btn btn-sm btn-outline-light"),
        ],
        id=ids.LOGOUT_FORM,
        method="post",
        action=auth.logout_path(here),
        className="d-flex align-items-center gap-2 mb-0",
    )


# Only one of the two is on a page (a visitor's or an editor's); each follows the view.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="loginHref"),
    Output(ids.LOGIN_LINK, "href"),
    Input(ids.VIEW, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="logoutAction"),
    Output(ids.LOGOUT_FORM, "action"),
    Input(ids.VIEW, "data"),
    prevent_initial_call=True,
)
