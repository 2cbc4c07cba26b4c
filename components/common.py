"""Small layout helpers shared by the panels."""

from __future__ import annotations

from dash import dcc, get_asset_url, html

from eaeu.repository import get_repository


def dataset():
    """The current dataset, from the one data-access layer."""
    return get_repository().current()


def graph_config(chart_id: str) -> dict:
    """Local base maps (no CDN) and a modebar without the Plotly logo."""
    return {
        "topojsonURL": get_asset_url("topojson/"),
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"filename": chart_id, "width": 1200, "height": 675, "scale": 2},
    }


def graph(component_id: str, chart_id: str, height: int = 460) -> html.Div:
    """A chart wrapped in a loading indicator; `data-chart` names its stable chart id."""
    return html.Div(
        dcc.Loading(
            dcc.Graph(
                id=component_id,
                config=graph_config(chart_id),
                style={"height": f"{height}px"},
            ),
            type="default",
            delay_show=150,
        ),
        className="chart-box",
        **{"data-chart": chart_id},
    )


def field(label_text: str, control, control_id: str) -> html.Div:
    """A labelled form control: the label is tied to the control for screen readers."""
    return html.Div(
        [html.Label(label_text, htmlFor=control_id, className="form-label fw-bold"), control],
        className="mb-2",
    )
