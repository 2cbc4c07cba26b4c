"""Small layout helpers shared by the panels."""

from __future__ import annotations

from dash import Output, dcc, html, no_update

from components import ids
from components.services import services
from eaeu.charts import Chart, build_chart, chart_key
from eaeu.dataset import Dataset
from eaeu.export.alt_text import alt_text
from eaeu.export.options import PRESETS
from eaeu.figures import screen_version
from eaeu.filenames import chart_stem
from eaeu.view import ViewState


def graph_config(chart_id: str, view: ViewState | None = None, ds: Dataset | None = None) -> dict:
    """No Plotly logo, no button sending the chart to a third party
    (Plotly Cloud, Chart Studio), the toolbar in the reader's language, and a camera button
    saving an article-size PNG at 2x named after what it shows (never 'newplot.png')."""
    return {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "locale": view.lang if view else "ru",  # assets/plotly-locale-ru.js
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"],
        "toImageButtonOptions": camera_options(chart_id, view, ds),
    }


def camera_options(chart_id: str, view: ViewState | None, ds: Dataset | None) -> dict:
    width, height = PRESETS["article"]
    stem = chart_stem(chart_id, view.resolve(ds), size="article") if view and ds else chart_id
    return {"format": "png", "filename": stem, "width": width, "height": height, "scale": 2}


def graph(component_id: str, chart_id: str, drawn: tuple, height: int = 460) -> html.Figure:
    """A chart with its title, subtitle and source as page text, and a loading indicator;
    `data-chart` names its stable chart id. `drawn`: its `chart_values` (the panel is built
    with its charts drawn: no callback is needed)."""
    figure, config, title, subtitle, footer, summary = drawn
    return html.Figure(
        [
            html.H2(
                title, id=ids.chart_text(component_id, "title"), className="h5 mb-0 chart-title"
            ),
            html.P(
                subtitle,
                id=ids.chart_text(component_id, "subtitle"),
                className="small text-secondary mb-1",
            ),
            dcc.Loading(
                dcc.Graph(
                    id=component_id,
                    config=config,
                    style={"height": f"{height}px"},
                    figure=figure,
                ),
                type="default",
                delay_show=150,
            ),
            html.Figcaption(
                [
                    html.Span(footer, id=ids.chart_text(component_id, "footer")),
                    html.Span(
                        summary,
                        id=ids.chart_text(component_id, "summary"),
                        className="visually-hidden",
                    ),
                ],
                className="small text-secondary",
            ),
        ],
        className="chart-box",
        **{"data-chart": chart_id},
    )


# The figure and the texts around it: see `chart_values`.
CHART_OUTPUTS = (
    ("", "figure"),
    ("", "config"),
    ("title", "children"),
    ("subtitle", "children"),
    ("footer", "children"),
    ("summary", "children"),
)


def chart_outputs(component_id: str) -> list[Output]:
    """The figure and the texts around it, as one group of callback outputs."""
    return [
        Output(ids.chart_text(component_id, part) if part else component_id, prop)
        for part, prop in CHART_OUTPUTS
    ]


def unchanged(count: int) -> tuple:
    """`count` outputs left as they are."""
    return (no_update,) * count


def cached_chart(ds: Dataset, chart_id: str, view: ViewState, compact: bool = False) -> Chart:
    """The chart for this view (drawn for a phone when `compact`), built once per data version
    and view (treat it as read-only: other requests share it)."""
    view = view.resolve(ds)
    key = ("chart", chart_key(chart_id, view, compact))
    return services().charts.get(key, lambda: build_chart(ds, chart_id, view, compact=compact))


def chart_values(ds: Dataset, chart_id: str, view: ViewState, compact: bool = False) -> tuple:
    """Values for `chart_outputs`: the screen figure (for a phone when `compact`), its camera
    settings and its texts, with the chart told in words for screen readers (the same text as
    the export's alt text). All but the camera settings (named by today's date) are made once
    per chart key."""
    view = view.resolve(ds)
    key = ("screen", chart_key(chart_id, view, compact))
    figure, *texts = services().charts.get(
        key, lambda: _screen(cached_chart(ds, chart_id, view, compact), view)
    )
    return (figure, graph_config(chart_id, view, ds), *texts)


def _screen(built: Chart, view: ViewState) -> tuple:
    footer = [part.replace("\n", " ") for part in (built.text.note, built.text.source) if part]
    lines: list = []
    for part in footer:
        lines.extend([part, html.Br()])
    return (
        screen_version(built.figure),
        built.text.title,
        built.text.subtitle,
        lines[:-1],
        alt_text(built, view.lang),
    )


def field(label_text, control, control_id: str, *after) -> html.Div:
    """A labelled form control: the label is tied to the control for screen readers.
    `after`: what follows the control (a FormFeedback must be its sibling to show)."""
    return html.Div(
        [
            html.Label(label_text, htmlFor=control_id, className="form-label fw-bold"),
            control,
            *after,
        ],
        className="mb-2",
    )


def choice_group(legend: str, control, *extra, class_name: str = "mb-2") -> html.Fieldset:
    """Radio buttons or check boxes under a legend: a screen reader names the group."""
    return html.Fieldset(
        [html.Legend(legend, className="form-label fw-bold fs-6"), control, *extra],
        className=class_name,
    )
