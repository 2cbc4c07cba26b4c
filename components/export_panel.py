"""Export panel under a chart: image (PNG/SVG/PDF) at a preset size, alt text, publishing pack.

Thin: every decision about the image lives in eaeu/export/. One set of MATCH callbacks
serves the panel of every chart; the view comes from the page's url-sync store, which is
current even after the address bar was updated with history.replaceState.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import (
    MATCH,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from components import ids
from components.common import cached_chart
from components.rate_limits import count_export
from components.services import exports, settings, site_url
from components.view import lang_of, view_and_data
from eaeu.dataset import Dataset
from eaeu.export.alt_text import alt_text
from eaeu.export.options import (
    FORMATS,
    MIME_TYPES,
    PART_NAMES,
    PRESET_NAMES,
    PRESETS,
    SCALES,
    ExportError,
    ExportOptions,
    OptionError,
)
from eaeu.export.pack import export_pack
from eaeu.export.queue import ExportBusy
from eaeu.export.renderer import render
from eaeu.filenames import image_name, pack_name
from eaeu.i18n import LANGS, t
from eaeu.view import ResolvedView


def s(key: str, lang: str) -> str:
    return t(f"panel_{key}", lang)


def labelled(text: str, control, width: int = 3, xs: int = 6) -> dbc.Col:
    """The label wraps its control, so screen readers tie them without a string id."""
    return dbc.Col(
        html.Label(
            [html.Span(text, className="d-block small fw-bold"), control], className="w-100"
        ),
        xs=xs,
        md=width,
        className="mb-2",
    )


def choice(component_id, options: list[tuple[str, str]], value: str) -> dbc.Select:
    """A small select of (value, label) pairs."""
    return dbc.Select(
        id=component_id,
        options=[{"label": text, "value": v} for v, text in options],
        value=value,
        size="sm",
    )


def _select(kind: str, chart_id: str, options: list[tuple[str, str]], value: str) -> dbc.Select:
    return choice(ids.export_part(kind, chart_id), options, value)


def _size_row(chart_id: str, lang: str) -> dbc.Row:
    width, height = PRESETS["article"]
    presets = [(name, s(f"preset_{name}", lang)) for name in PRESET_NAMES]

    def number(kind: str, value: int) -> dbc.Input:
        return dbc.Input(
            id=ids.export_part(kind, chart_id),
            # No min/max here: out-of-range input would arrive as None; the server says why.
            type="number",
            step=10,
            value=value,
            disabled=True,
            size="sm",
        )

    return dbc.Row(
        [
            labelled(s("size", lang), _select(ids.EXPORT_PRESET, chart_id, presets, "article"), 4),
            labelled(s("width", lang), number(ids.EXPORT_WIDTH, width), 2),
            labelled(s("height", lang), number(ids.EXPORT_HEIGHT, height), 2),
            labelled(
                s("scale", lang),
                _select(ids.EXPORT_SCALE, chart_id, [(str(n), f"{n}×") for n in SCALES], "2"),
                2,
            ),
            labelled(
                s("format", lang),
                _select(ids.EXPORT_FORMAT, chart_id, [(f, f.upper()) for f in FORMATS], "png"),
                2,
            ),
        ]
    )


def _text_row(chart_id: str, lang: str) -> dbc.Row:
    languages = [(code, code.upper()) for code in LANGS]
    parts = dbc.Checklist(
        id=ids.export_part(ids.EXPORT_PARTS, chart_id),
        options=[{"label": s(f"part_{p}", lang), "value": p} for p in PART_NAMES],
        value=list(PART_NAMES),
        inline=True,
    )
    return dbc.Row(
        [
            labelled(s("lang", lang), _select(ids.EXPORT_LANG, chart_id, languages, lang), 2),
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend(
                            s("show", lang),
                            className="fw-bold mb-0",
                            style={"fontSize": "0.875rem"},
                        ),
                        parts,
                    ]
                ),
                xs=12,
                md=10,
                className="mb-2",
            ),
            labelled(
                s("note", lang),
                dbc.Input(
                    id=ids.export_part(ids.EXPORT_NOTE, chart_id),
                    type="text",
                    maxLength=200,
                    size="sm",
                ),
                12,
            ),
        ]
    )


def _actions(chart_id: str, lang: str) -> html.Div:
    return html.Div(
        [
            dbc.Button(
                s("download", lang),
                id=ids.export_part(ids.EXPORT_BUTTON, chart_id),
                size="sm",
                className="me-2",
            ),
            dbc.Button(
                s("pack", lang),
                id=ids.export_part(ids.EXPORT_PACK_BUTTON, chart_id),
                size="sm",
                color="secondary",
                outline=True,
            ),
            status_area(
                ids.export_part(ids.EXPORT_STATUS, chart_id),
                ids.export_part(ids.EXPORT_DOWNLOAD, chart_id),
                ids.export_part(ids.EXPORT_PACK_DOWNLOAD, chart_id),
            ),
        ],
        className="d-flex flex-wrap align-items-center mb-2",
    )


def status_area(status_id, *download_ids) -> dcc.Loading:
    """Where an export says it is working, done or refused, and the downloads it hands over."""
    return dcc.Loading(
        html.Div(
            [
                html.Span(id=status_id, role="status", className="small"),
                *(dcc.Download(id=download_id) for download_id in download_ids),
            ],
            className="d-inline-block ms-3",
        ),
        type="circle",
        delay_show=150,
        parent_className="d-inline-block",
    )


def alt_box(component_id, lang: str, value: str | None = None) -> html.Label:
    """The alt text, read-only and ready to copy."""
    return html.Label(
        [
            html.Span(s("alt", lang), className="d-block small fw-bold"),
            dcc.Textarea(
                id=component_id,
                value=value,
                readOnly=True,
                className="form-control small",
                style={"height": "5rem"},
            ),
        ],
        className="w-100",
    )


def layout(chart_id: str, lang: str) -> html.Details:
    """A collapsed "Экспорт / Export" panel for one chart. Its controls are built when it is
    first opened (`build_body`): until then the page holds three components, not fifty, and
    every change on the page costs the browser less (Dash checks each component it holds)."""
    return html.Details(
        [
            html.Summary(
                s("export", lang),
                id=ids.export_part(ids.EXPORT_SUMMARY, chart_id),
                n_clicks=0,
                className="small fw-bold",
            ),
            dcc.Store(id=ids.export_part(ids.EXPORT_ALT_VIEW, chart_id)),
            dcc.Store(id=ids.export_part(ids.EXPORT_BUILD, chart_id)),
            html.Div(id=ids.export_part(ids.EXPORT_BODY, chart_id), className="pt-2"),
        ],
        className="export-panel mx-1 mb-2",
        **{"data-export": chart_id},
    )


def body(chart_id: str, lang: str, alt: str | None = None) -> list:
    """The panel's controls, in the page's language, with the chart's alt text."""
    return [
        _size_row(chart_id, lang),
        _text_row(chart_id, lang),
        _actions(chart_id, lang),
        alt_box(ids.export_part(ids.EXPORT_ALT_TEXT, chart_id), lang, alt),
    ]


# -- callbacks -----------------------------------------------------------------------------------


def export_view(view_data: dict | None, lang: str | None) -> tuple[Dataset, ResolvedView]:
    """The view on screen and its data, in the language chosen for the image."""
    ds, view = view_and_data(view_data)
    return ds, view.with_lang(lang or lang_of(view_data))


def file_download(content: bytes, filename: str, mime: str) -> dict:
    return {
        "content": base64.b64encode(content).decode("ascii"),
        "filename": filename,
        "type": mime,
        "base64": True,
    }


def image_download(ds: Dataset, options: ExportOptions) -> dict:
    with exports().place():
        content = render(ds, options)
    view = options.view.resolve(ds)
    name = image_name(options.chart_id, view, options.size_label, options.fmt)
    return file_download(content, name, MIME_TYPES[options.fmt])


def pack_download(ds: Dataset, view: ResolvedView) -> dict:
    with exports().place():  # one turn for the whole pack: it is one person's one request
        content = export_pack(ds, view, view.lang, site=site_url())
    return file_download(content, pack_name(view.resolve(ds)), "application/zip")


@callback(
    Output(ids.export_part(ids.EXPORT_WIDTH, MATCH), "disabled"),
    Output(ids.export_part(ids.EXPORT_HEIGHT, MATCH), "disabled"),
    Output(ids.export_part(ids.EXPORT_WIDTH, MATCH), "value"),
    Output(ids.export_part(ids.EXPORT_HEIGHT, MATCH), "value"),
    Input(ids.export_part(ids.EXPORT_PRESET, MATCH), "value"),
    prevent_initial_call=True,
)
def follow_preset(preset):
    """Width and height show the preset's size and become editable for a custom size."""
    if preset == "custom":
        return False, False, no_update, no_update
    width, height = PRESETS.get(preset, PRESETS["article"])
    return True, True, width, height


# A closed panel costs no request at all. Opened the first time, its controls are built for
# the view on screen, alt text included (`build_body`); open, its alt text follows the view.
clientside_callback(
    """
    function(view, clicks, built) {
        const skip = window.dash_clientside.no_update;
        if (!view || !clicks || clicks % 2 === 0) { return [skip, skip]; }
        return built && built.length ? [view, skip] : [skip, view];
    }
    """,
    Output(ids.export_part(ids.EXPORT_ALT_VIEW, MATCH), "data"),
    Output(ids.export_part(ids.EXPORT_BUILD, MATCH), "data"),
    Input(ids.VIEW, "data"),
    Input(ids.export_part(ids.EXPORT_SUMMARY, MATCH), "n_clicks"),
    State(ids.export_part(ids.EXPORT_BODY, MATCH), "children"),
)


@callback(
    Output(ids.export_part(ids.EXPORT_BODY, MATCH), "children"),
    Input(ids.export_part(ids.EXPORT_BUILD, MATCH), "data"),
    State(ids.export_part(ids.EXPORT_BUILD, MATCH), "id"),
    prevent_initial_call=True,
)
def build_body(view_data, component_id):
    """The controls of a panel opened for the first time, with the alt text of its chart."""
    if not view_data:
        raise PreventUpdate
    ds, view = view_and_data(view_data)
    chart_id = component_id["chart"]
    return body(chart_id, view.lang, alt_text(cached_chart(ds, chart_id, view), view.lang))


@callback(
    Output(ids.export_part(ids.EXPORT_ALT_TEXT, MATCH), "value"),
    Input(ids.export_part(ids.EXPORT_ALT_VIEW, MATCH), "data"),
    Input(ids.export_part(ids.EXPORT_LANG, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_LANG, MATCH), "id"),
    prevent_initial_call=True,
)
def fill_alt_text(view_data, lang, component_id):
    """Alt text follows the view and the chosen language, ready to copy."""
    if not view_data:
        raise PreventUpdate
    ds, view = export_view(view_data, lang)
    chart = cached_chart(ds, component_id["chart"], view)
    return alt_text(chart, view.lang)


@callback(
    Output(ids.export_part(ids.EXPORT_DOWNLOAD, MATCH), "data"),
    Output(ids.export_part(ids.EXPORT_PACK_DOWNLOAD, MATCH), "data"),
    Output(ids.export_part(ids.EXPORT_STATUS, MATCH), "children"),
    Input(ids.export_part(ids.EXPORT_BUTTON, MATCH), "n_clicks"),
    Input(ids.export_part(ids.EXPORT_PACK_BUTTON, MATCH), "n_clicks"),
    State(ids.export_part(ids.EXPORT_PRESET, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_WIDTH, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_HEIGHT, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_SCALE, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_FORMAT, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_LANG, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_PARTS, MATCH), "value"),
    State(ids.export_part(ids.EXPORT_NOTE, MATCH), "value"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def export_chart(_image, _pack, preset, width, height, scale, fmt, lang, parts, note, view_data):
    """Render on the server with the warm browser; errors become a visible one-line status."""
    trigger = ctx.triggered_id
    ds, view = export_view(view_data, lang)

    def make() -> tuple:
        if trigger["type"] == ids.EXPORT_PACK_BUTTON:
            return no_update, pack_download(ds, view)
        options = ExportOptions.from_choices(
            trigger["chart"], view, preset=preset, width=width, height=height, scale=scale,
            fmt=fmt, parts=parts or (), note=note,
        )  # fmt: skip
        return image_download(ds, options), no_update

    return guarded_export(make, lang_of(view_data), outputs=2)


def guarded_export(make: Callable[[], tuple], ui_lang: str, outputs: int) -> tuple:
    """`make()`'s downloads and "done", counted against the client's export limit; a refusal
    or failure is a one-line status in the page's language and no download."""
    nothing = (no_update,) * outputs
    try:
        count_export(settings().export_rate_limit)
        return *make(), _done(ui_lang)
    except OptionError as error:
        return *nothing, _failed(error.message(ui_lang), ui_lang)
    except ExportBusy as error:
        return *nothing, _busy(error.message(ui_lang))
    except ExportError as error:
        return *nothing, _failed(str(error), ui_lang)


def _failed(reason: str, lang: str) -> html.Span:
    return html.Span(f"{s('failed', lang)}: {reason}", className="text-danger", role="alert")


def _busy(message: str) -> html.Span:
    """Not a failure of the export: the reader is asked to try again in a moment."""
    return html.Span(message, className="text-warning-emphasis", role="alert")


def _done(lang: str) -> str:
    return f"{s('done', lang)} · {dt.datetime.now():%H:%M:%S}"
