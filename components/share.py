"""Share bar: copy a link to this exact view, copy embed code, download the view's data."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from components import ids
from components.common import cached_chart
from components.view import view_and_data
from eaeu import downloads
from eaeu.charts import view_chart_ids
from eaeu.embed import HEIGHT_MESSAGE
from eaeu.filenames import data_name
from eaeu.i18n import t

FORMATS = {ids.DOWNLOAD_CSV: "csv", ids.DOWNLOAD_CSV_RU: "csv_ru", ids.DOWNLOAD_XLSX: "xlsx"}


def layout(lang: str) -> html.Div:
    copy_link = html.Div(
        [
            dcc.Clipboard(
                id=ids.COPY_LINK,
                title=t("copy_link", lang),
                className="btn btn-outline-dark btn-sm",
            ),
            html.Span(t("copy_link", lang), className="ms-1 small"),
        ],
        className="d-inline-flex align-items-center me-3",
    )
    downloads_group = html.Div(
        [
            html.Span(t("download_data", lang), className="small me-2 fw-bold"),
            dbc.Button(
                "CSV",
                id=ids.DOWNLOAD_CSV,
                size="sm",
                color="dark",
                outline=True,
                className="me-1",
            ),
            dbc.Button(
                t("csv_ru", lang),
                id=ids.DOWNLOAD_CSV_RU,
                size="sm",
                color="dark",
                outline=True,
                className="me-1",
            ),
            dbc.Button("XLSX", id=ids.DOWNLOAD_XLSX, size="sm", color="dark", outline=True),
            dcc.Download(id=ids.DOWNLOAD),
        ],
        className="d-inline-flex align-items-center flex-wrap me-3",
        role="group",
        **{"aria-label": t("download_data", lang)},
    )
    embed = html.Details(
        [
            html.Summary(t("embed", lang), className="small fw-bold"),
            html.Label(t("embed_code", lang), htmlFor=ids.EMBED_CODE, className="visually-hidden"),
            dcc.Textarea(
                id=ids.EMBED_CODE,
                readOnly=True,
                className="form-control font-monospace small",
                style={"height": "8rem"},
            ),
            dcc.Clipboard(
                target_id=ids.EMBED_CODE,
                title=t("copy_embed", lang),
                className="btn btn-outline-dark btn-sm mt-1",
            ),
        ],
        className="mt-2",
    )
    return html.Div(
        [
            html.Div(
                [copy_link, downloads_group], className="d-flex flex-wrap align-items-center gap-2"
            ),
            embed,
        ],
        className="share-bar mb-3",
    )


clientside_callback(
    "function(n) { return window.location.href; }",
    Output(ids.COPY_LINK, "content"),
    Input(ids.COPY_LINK, "n_clicks"),
    prevent_initial_call=True,
)

# The embed code follows the view: the server named its main chart and query string. Its
# script sizes the iframe to the height the embed reports (assets/embed/embed.js), taking
# messages from this site only and only for the frame that sent them.
clientside_callback(
    """
    function(view) {
        if (!view) { return window.dash_clientside.no_update; }
        const origin = window.location.origin;
        const attr = text => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;")
            .replace(/</g, "&lt;").replace(/>/g, "&gt;");
        const src = origin + "/embed/" + view.chart + view.search;
        const listener = "(function(){var o=" + JSON.stringify(origin) + ";" +
            "window.addEventListener('message',function(e){var d=e.data;" +
            "if(e.origin!==o||!d||d.type!=='@HEIGHT_MESSAGE@')return;" +
            "var h=Number(d.height);if(!(h>0&&h<20000))return;" +
            "var f=document.getElementsByTagName('iframe');" +
            "for(var i=0;i<f.length;i++){if(f[i].contentWindow===e.source)" +
            "{f[i].style.height=Math.ceil(h)+'px';}}});})();";
        return '<iframe src="' + attr(src) + '" width="100%" height="520" ' +
               'style="border:0;width:100%" title="' + attr(document.title) + '" ' +
               'loading="lazy"></iframe>\\n<script>' + listener + '<\\/script>';
    }
    """.replace("@HEIGHT_MESSAGE@", HEIGHT_MESSAGE),
    Output(ids.EMBED_CODE, "value"),
    Input(ids.VIEW, "data"),
)


@callback(
    Output(ids.DOWNLOAD, "data"),
    Input(ids.DOWNLOAD_CSV, "n_clicks"),
    Input(ids.DOWNLOAD_CSV_RU, "n_clicks"),
    Input(ids.DOWNLOAD_XLSX, "n_clicks"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def download(_csv, _csv_ru, _xlsx, view_data):
    fmt = FORMATS.get(ctx.triggered_id)
    if fmt is None:
        return no_update
    ds, view = view_and_data(view_data)
    charts = [cached_chart(ds, chart_id, view) for chart_id in view_chart_ids(view)]
    return dcc.send_bytes(downloads.view_file(ds, charts, fmt, view.lang), data_name(view, fmt))
