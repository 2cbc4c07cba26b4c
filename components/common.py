"""Small layout helpers shared by the panels."""

from __future__ import annotations

from dash import Output, dcc, get_asset_url, html

from eaeu.charts import Chart
from eaeu.figures import screen_version
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


def graph(component_id: str, chart_id: str, height: int = 460) -> html.Figure:
    """A chart with its title, subtitle and source as page text, and a loading indicator;
    `data-chart` names its stable chart id."""
    return html.Figure(
        [
            html.H2(id=f"{component_id}-title", className="h5 mb-0 chart-title"),
            html.P(id=f"{component_id}-subtitle", className="small text-secondary mb-1"),
            dcc.Loading(
                dcc.Graph(
                    id=component_id,
                    config=graph_config(chart_id),
                    style={"height": f"{height}px"},
                ),
                type="default",
                delay_show=150,
            ),
            html.Figcaption(id=f"{component_id}-footer", className="small text-secondary"),
        ],
        className="chart-box",
        **{"data-chart": chart_id},
    )


def chart_outputs(component_id: str) -> list[Output]:
    """The figure and the texts around it, as one group of callback outputs."""
    return [
        Output(component_id, "figure"),
        Output(f"{component_id}-title", "children"),
        Output(f"{component_id}-subtitle", "children"),
        Output(f"{component_id}-footer", "children"),
    ]


def chart_values(chart: Chart) -> tuple:
    """Values for `chart_outputs`: the screen figure and its texts."""
    footer = [part.replace("<br>", " ") for part in (chart.text.note, chart.text.source) if part]
    lines: list = []
    for part in footer:
        lines.extend([part, html.Br()])
    return screen_version(chart.figure), chart.text.title, chart.text.subtitle, lines[:-1]


def field(label_text: str, control, control_id: str) -> html.Div:
    """A labelled form control: the label is tied to the control for screen readers."""
    return html.Div(
        [html.Label(label_text, htmlFor=control_id, className="form-label fw-bold"), control],
        className="mb-2",
    )
