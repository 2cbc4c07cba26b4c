"""The header: title and the RU | EN language switch."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, html

from components import auth, ids
from eaeu.i18n import t


def layout(lang: str) -> html.Header:
    def lang_button(code: str, component_id: str) -> html.Button:
        active = code == lang
        return html.Button(
            code.upper(),
            id=component_id,
            className="btn btn-sm " + ("btn-light" if active else "btn-outline-light"),
            n_clicks=0,
            lang=code,
            title="Русский" if code == "ru" else "English",
            **{"aria-pressed": "true" if active else "false"},
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
        return html.A(t("editor_login", lang), href="/login?next=/", className="link-light small")
    return html.Form(
        [
            html.Span(t("signed_in_as", lang, name=name), className="small"),
            html.Button(t("logout", lang), type="submit", className="btn btn-sm btn-outline-light"),
        ],
        method="post",
        action="/logout",
        className="d-flex align-items-center gap-2 mb-0",
    )


# Switching language rewrites `lang` in the current URL; the page re-renders from the URL,
# so every other part of the view is kept.
clientside_callback(
    """
    function(ruClicks, enClicks) {
        const trigger = dash_clientside.callback_context.triggered_id;
        const clicks = trigger === "LANG_EN_ID" ? enClicks : ruClicks;
        // Buttons re-created by a page render report n_clicks 0: that is not a click.
        if (!trigger || !clicks) { return dash_clientside.no_update; }
        const params = new URLSearchParams(window.location.search);
        params.set("lang", trigger === "LANG_EN_ID" ? "en" : "ru");
        return "?" + params.toString();
    }
    """.replace("LANG_EN_ID", ids.LANG_EN),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.LANG_RU, "n_clicks"),
    Input(ids.LANG_EN, "n_clicks"),
    prevent_initial_call=True,
)
