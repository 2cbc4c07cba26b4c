"""Export panel under a chart: image (PNG/SVG/PDF) at a preset size, alt text, publishing pack.

Thin: every decision about the image lives in eaeu/export/. One set of MATCH callbacks
serves the panel of every chart; the view comes from the page's url-sync store, which is
current even after the address bar was updated with history.replaceState.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from components import ids
from components.services import dataset
from eaeu.charts import build_chart
from eaeu.export.alt_text import alt_text
from eaeu.export.options import (
    FORMATS,
    MAX_SIDE,
    MIME_TYPES,
    MIN_SIDE,
    PRESET_NAMES,
    PRESETS,
    SCALES,
    ExportError,
    ExportOptions,
)
from eaeu.export.pack import export_pack
from eaeu.export.renderer import render
from eaeu.filenames import image_name, pack_name
from eaeu.i18n import LANGS, t
from eaeu.view import ViewState

# Pattern-matching ids: {"type": <one of these>, "chart": chart_id}.
PRESET = "export-preset"
WIDTH = "export-width"
HEIGHT = "export-height"
SCALE = "export-scale"
FORMAT = "export-format"
LANG = "export-lang"
PARTS = "export-parts"
NOTE = "export-note"
BUTTON = "export-button"
PACK_BUTTON = "export-pack-button"
DOWNLOAD = "export-download"
PACK_DOWNLOAD = "export-pack-download"
ALT_TEXT = "export-alt"
STATUS = "export-status"

PART_NAMES = ("title", "subtitle", "source", "logo")


def s(key: str, lang: str) -> str:
    return t(f"panel_{key}", lang, min=MIN_SIDE, max=MAX_SIDE)


def pid(kind: str, chart_id: str) -> dict[str, str]:
    return {"type": kind, "chart": chart_id}


def _labelled(text: str, control, width: int = 3) -> dbc.Col:
    """The label wraps its control, so screen readers tie them without a string id."""
    return dbc.Col(
        html.Label(
            [html.Span(text, className="d-block small fw-bold"), control], className="w-100"
        ),
        xs=6,
        md=width,
        className="mb-2",
    )


def _select(kind: str, chart_id: str, options: list[tuple[str, str]], value: str) -> dbc.Select:
    return dbc.Select(
        id=pid(kind, chart_id),
        options=[{"label": text, "value": v} for v, text in options],
        value=value,
        size="sm",
    )


def _size_row(chart_id: str, lang: str) -> dbc.Row:
    width, height = PRESETS["article"]
    presets = [(name, s(f"preset_{name}", lang)) for name in PRESET_NAMES]

    def number(kind: str, value: int) -> dbc.Input:
        return dbc.Input(
            id=pid(kind, chart_id),
            # No min/max here: out-of-range input would arrive as None; the server says why.
            type="number",
            step=10,
            value=value,
            disabled=True,
            size="sm",
        )

    return dbc.Row(
        [
            _labelled(s("size", lang), _select(PRESET, chart_id, presets, "article"), 4),
            _labelled(s("width", lang), number(WIDTH, width), 2),
            _labelled(s("height", lang), number(HEIGHT, height), 2),
            _labelled(
                s("scale", lang),
                _select(SCALE, chart_id, [(str(n), f"{n}×") for n in SCALES], "2"),
                2,
            ),
            _labelled(
                s("format", lang),
                _select(FORMAT, chart_id, [(f, f.upper()) for f in FORMATS], "png"),
                2,
            ),
        ]
    )


def _text_row(chart_id: str, lang: str) -> dbc.Row:
    languages = [(code, code.upper()) for code in LANGS]
    parts = dbc.Checklist(
        id=pid(PARTS, chart_id),
        options=[{"label": s(f"part_{p}", lang), "value": p} for p in PART_NAMES],
        value=list(PART_NAMES),
        inline=True,
    )
    return dbc.Row(
        [
            _labelled(s("lang", lang), _select(LANG, chart_id, languages, lang), 2),
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
            _labelled(
                s("note", lang),
                dbc.Input(id=pid(NOTE, chart_id), type="text", maxLength=200, size="sm"),
                12,
            ),
        ]
    )


def _actions(chart_id: str, lang: str) -> html.Div:
    return html.Div(
        [
            dbc.Button(s("download", lang), id=pid(BUTTON, chart_id), size="sm", className="me-2"),
            dbc.Button(
                s("pack", lang),
                id=pid(PACK_BUTTON, chart_id),
                size="sm",
                color="secondary",
                outline=True,
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Span(id=pid(STATUS, chart_id), role="status", className="small"),
                        dcc.Download(id=pid(DOWNLOAD, chart_id)),
                        dcc.Download(id=pid(PACK_DOWNLOAD, chart_id)),
                    ],
                    className="d-inline-block ms-3",
                ),
                type="circle",
                delay_show=150,
                parent_className="d-inline-block",
            ),
        ],
        className="d-flex flex-wrap align-items-center mb-2",
    )


def _alt_box(chart_id: str, lang: str) -> html.Label:
    return html.Label(
        [
            html.Span(s("alt", lang), className="d-block small fw-bold"),
            dcc.Textarea(
                id=pid(ALT_TEXT, chart_id),
                readOnly=True,
                className="form-control small",
                style={"height": "5rem"},
            ),
        ],
        className="w-100",
    )


def layout(chart_id: str, lang: str) -> html.Details:
    """A collapsed "Экспорт / Export" panel for one chart."""
    return html.Details(
        [
            html.Summary(s("export", lang), className="small fw-bold"),
            html.Div(
                [
                    _size_row(chart_id, lang),
                    _text_row(chart_id, lang),
                    _actions(chart_id, lang),
                    _alt_box(chart_id, lang),
                ],
                className="pt-2",
            ),
        ],
        className="export-panel mx-1 mb-2",
        **{"data-export": chart_id},
    )


# -- callbacks -----------------------------------------------------------------------------------


def view_from(search: str | None, lang: str | None) -> ViewState:
    view = ViewState.from_query(search)
    return replace(view, lang=lang or view.lang)


def options_from(chart_id: str, view: ViewState, values: dict) -> ExportOptions:
    """The panel's fields as ExportOptions; bad numbers fail in ExportOptions with a message."""
    parts = set(values["parts"] or ())
    custom = values["preset"] == "custom"
    return ExportOptions(
        chart_id=chart_id,
        view=view,
        preset=values["preset"] or "article",
        width=int(values["width"]) if custom and values["width"] is not None else None,
        height=int(values["height"]) if custom and values["height"] is not None else None,
        scale=int(values["scale"] or 2),
        fmt=values["fmt"] or "png",
        show_title="title" in parts,
        show_subtitle="subtitle" in parts,
        show_source="source" in parts,
        show_logo="logo" in parts,
        note=values["note"] or "",
    )


def _download(content: bytes, filename: str, mime: str) -> dict:
    return {
        "content": base64.b64encode(content).decode("ascii"),
        "filename": filename,
        "type": mime,
        "base64": True,
    }


def image_download(chart_id: str, view: ViewState, values: dict) -> dict:
    ds = dataset()
    options = options_from(chart_id, view, values)
    content = render(ds, options)
    name = image_name(chart_id, options.view.resolve(ds), options.size_label, options.fmt)
    return _download(content, name, MIME_TYPES[options.fmt])


def pack_download(view: ViewState) -> dict:
    ds = dataset()
    content = export_pack(ds, view, view.lang)
    return _download(content, pack_name(view.resolve(ds)), "application/zip")


def size_problem(values: dict) -> bool:
    """A custom size outside the bounds, caught here to answer in the page's language."""
    if values["preset"] != "custom":
        return False
    sides = (values["width"], values["height"])
    return any(v is None or not MIN_SIDE <= v <= MAX_SIDE for v in sides)


@callback(
    Output(pid(WIDTH, MATCH), "disabled"),
    Output(pid(HEIGHT, MATCH), "disabled"),
    Output(pid(WIDTH, MATCH), "value"),
    Output(pid(HEIGHT, MATCH), "value"),
    Input(pid(PRESET, MATCH), "value"),
    prevent_initial_call=True,
)
def follow_preset(preset):
    """Width and height show the preset's size and become editable for a custom size."""
    if preset == "custom":
        return False, False, no_update, no_update
    width, height = PRESETS.get(preset, PRESETS["article"])
    return True, True, width, height


@callback(
    Output(pid(ALT_TEXT, MATCH), "value"),
    Input(ids.URL_SYNC, "data"),
    Input(pid(LANG, MATCH), "value"),
    State(pid(LANG, MATCH), "id"),
)
def fill_alt_text(search, lang, component_id):
    """Alt text follows the view and the chosen language, ready to copy."""
    view = view_from(search, lang)
    chart = build_chart(dataset(), component_id["chart"], view)
    return alt_text(chart, view.lang)


@callback(
    Output(pid(DOWNLOAD, MATCH), "data"),
    Output(pid(PACK_DOWNLOAD, MATCH), "data"),
    Output(pid(STATUS, MATCH), "children"),
    Input(pid(BUTTON, MATCH), "n_clicks"),
    Input(pid(PACK_BUTTON, MATCH), "n_clicks"),
    State(pid(PRESET, MATCH), "value"),
    State(pid(WIDTH, MATCH), "value"),
    State(pid(HEIGHT, MATCH), "value"),
    State(pid(SCALE, MATCH), "value"),
    State(pid(FORMAT, MATCH), "value"),
    State(pid(LANG, MATCH), "value"),
    State(pid(PARTS, MATCH), "value"),
    State(pid(NOTE, MATCH), "value"),
    State(ids.URL_SYNC, "data"),
    prevent_initial_call=True,
)
def export_chart(_image, _pack, preset, width, height, scale, fmt, lang, parts, note, search):
    """Render on the server with the warm browser; errors become a visible one-line status."""
    trigger = ctx.triggered_id
    view = view_from(search, lang)
    ui_lang = ViewState.from_query(search).lang  # messages in the page's language
    values = {
        "preset": preset,
        "width": width,
        "height": height,
        "scale": scale,
        "fmt": fmt,
        "parts": parts,
        "note": note,
    }
    try:
        if trigger["type"] == PACK_BUTTON:
            return no_update, pack_download(view), _done(ui_lang)
        if size_problem(values):
            return no_update, no_update, _failed(s("bad_size", ui_lang), ui_lang)
        return image_download(trigger["chart"], view, values), no_update, _done(ui_lang)
    except (ValueError, ExportError) as error:
        return no_update, no_update, _failed(str(error), ui_lang)


def _failed(reason: str, lang: str) -> html.Span:
    return html.Span(f"{s('failed', lang)}: {reason}", className="text-danger", role="alert")


def _done(lang: str) -> str:
    return f"{s('done', lang)} · {dt.datetime.now():%H:%M:%S}"
