"""What every section of the data tab uses: the editor check, names, messages."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.exceptions import PreventUpdate

from components import auth
from components.common import field
from eaeu.dataset import Dataset
from eaeu.i18n import normalize_lang


def require_editor() -> str:
    """The editor's name; for anyone else the callback changes nothing."""
    name = auth.editor_name()
    if name is None:
        raise PreventUpdate
    return name


def indicator_names(ds: Dataset, lang: str) -> dict[str, str]:
    return dict(
        zip(ds.indicators["id"], ds.indicators[f"name_{normalize_lang(lang)}"], strict=True)
    )


def geo_names(ds: Dataset, lang: str) -> dict[str, str]:
    column = f"name_{normalize_lang(lang)}"
    return dict(zip(ds.geographies["code"], ds.geographies[column], strict=True))


def message_list(title: str, lines: list[str], color: str) -> list:
    if not lines:
        return []
    items = [html.Li(line) for line in lines]
    return [
        dbc.Alert(
            [html.P(title, className="fw-bold mb-1"), html.Ul(items, className="mb-0")], color=color
        )
    ]


def text_field(label_text: str, component_id: str, debounce: bool = True) -> html.Div:
    # Debounced: an option typed into the form re-runs the preview once, on Enter or leaving.
    return field(
        label_text, dbc.Input(id=component_id, type="text", debounce=debounce), component_id
    )
