"""Text from the data is text: names, notes and sources never become markup in a chart, an
export or an alt text, and the page shows them once, as typed."""

from __future__ import annotations

import json
import re

import pytest

from components.common import _screen
from eaeu.charts import CHART_IDS, build_chart
from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import build_dataset, read_tables
from eaeu.export.alt_text import ALT_TEXT, alt_text
from eaeu.export.layout import export_figure
from eaeu.export.options import ExportOptions
from eaeu.view import ViewState
from tests.plot import checked

LINK = '<a href="https://evil.example">x</a>'
BIG = '<span style="font-size:300px">big</span>'
NAME = "Армения <b>&</b>"
CITY = '<a href="https://evil.example">Москва</a>'
REGION = "<i>Москва</i> & область"
INDICATOR = "Промышленное <производство>"
FULL_YEAR = "2025-12"  # Belarus withholds its figure: the gap's note is on the chart


def _set(frame, column, value, where=None):
    frame = frame.copy()
    rows = frame.index if where is None else where(frame)
    frame.loc[rows, column] = value
    return frame


@pytest.fixture(scope="module")
def hostile():
    """The shipped data with markup in a source name, a note and some names."""
    raw = read_tables(DEFAULT_DATA_DIR)
    for lang in ("ru", "en"):
        raw["observations"] = _set(raw["observations"], f"source_name_{lang}", LINK)
        raw["gaps"] = _set(raw["gaps"], f"note_{lang}", BIG)
        raw["snapshots"] = _set(raw["snapshots"], f"source_name_{lang}", LINK)
        raw["geographies"] = _set(
            raw["geographies"], f"name_{lang}", NAME, lambda f: f["code"] == "ARM"
        )
        raw["places"] = _set(raw["places"], f"name_{lang}", CITY, lambda f: f["id"] == "moscow")
        raw["regions"] = _set(
            raw["regions"], f"name_{lang}", REGION, lambda f: f["code"] == "RU-MOW"
        )
        raw["indicators"] = _set(
            raw["indicators"],
            f"name_{lang}",
            INDICATOR,
            lambda f: f["id"] == "industrial_production",
        )
    return build_dataset(raw)


def views(lang: str) -> list[ViewState]:
    return [ViewState(lang=lang, period=FULL_YEAR), ViewState(lang=lang, period="2024-09")]


def strings(spec: str) -> str:
    """Every string of a figure's JSON (which writes '<' as \\u003c), decoded, one a line."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            any(walk(v) for v in node.values())
        elif isinstance(node, list):
            any(walk(v) for v in node)
        elif isinstance(node, str):
            found.append(node)

    walk(json.loads(spec))
    return "\n".join(found)


def assert_no_data_markup(text: str) -> None:
    # "<b>&</b>" (not "<b>&"): the map's hover sets a city's escaped name in bold.
    for raw in ("<a ", "<a>", '<span style="font-size:300px"', "<b>&</b>", "<i>", "<производство>"):
        assert raw not in text, raw


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_figures_print_data_text_as_text(hostile, chart_id, lang):
    for view in views(lang):
        chart = build_chart(hostile, chart_id, view)
        spec = strings(checked(chart).to_json())
        assert_no_data_markup(spec)
        assert "&lt;a href=" in spec
        options = ExportOptions(chart_id, view, fmt="svg")
        exported = strings(export_figure(hostile, options).to_json())
        assert_no_data_markup(exported)
        assert "&lt;a href=" in exported


def test_each_kind_of_data_text_is_escaped_where_it_is_shown(hostile):
    growth = checked(build_chart(hostile, "growth", ViewState(period=FULL_YEAR))).to_json()
    growth = strings(growth)
    assert '&lt;span style="font-size:300px"&gt;big&lt;/span&gt;' in growth  # gap note
    assert "&lt;производство&gt;" in growth  # the indicator in the title
    bars = checked(build_chart(hostile, "growth", ViewState(period="2024-09")))
    assert "Армения &lt;b&gt;&amp;&lt;/b&gt;" in list(bars.data[0].y)  # tick labels
    trend = checked(build_chart(hostile, "trend", ViewState()))
    assert "Армения &lt;b&gt;&amp;&lt;/b&gt;" in [trace.name for trace in trend.data]  # legend
    missions = checked(build_chart(hostile, "missions", ViewState(tab="missions"))).to_json()
    missions = strings(missions)
    assert '&lt;a href="https://evil.example"&gt;Москва&lt;/a&gt;' in missions  # hover
    assert "&lt;i&gt;Москва&lt;/i&gt; &amp; область" in missions
    regions = checked(build_chart(hostile, "missions_regions", ViewState(tab="missions")))
    assert "&lt;i&gt;Москва&lt;/i&gt; &amp; область" in strings(regions.to_json())


def test_our_own_markup_still_works(hostile):
    fig = checked(build_chart(hostile, "growth", ViewState(period="2024-09")))
    assert fig.layout.title.text.startswith("<b>")
    assert "<br><span style='font-size:14px" in fig.layout.title.text


def test_alt_texts_and_the_page_quote_data_text_as_typed(hostile):
    chart = build_chart(hostile, "growth", ViewState(period=FULL_YEAR))
    assert BIG in alt_text(chart, "ru") and INDICATOR in alt_text(chart, "ru")
    assert "&lt;" not in alt_text(chart, "ru") and "&amp;" not in alt_text(chart, "ru")
    for chart_id in ALT_TEXT:
        text = alt_text(build_chart(hostile, chart_id, ViewState(tab="missions")), "en")
        assert "&lt;" not in text and "&amp;" not in text, chart_id
    # The page shows its texts as Dash components, which escape them once themselves.
    _figure, title, subtitle, footer, alt = _screen(chart, ViewState(period=FULL_YEAR))
    assert INDICATOR in title and "&lt;" not in title
    footer_text = " ".join(part for part in footer if isinstance(part, str))
    assert BIG in footer_text and LINK in footer_text
    assert "&lt;" not in footer_text + alt


def test_the_svg_export_has_no_link_or_style_from_the_data(hostile, renderer):
    from eaeu.export.renderer import render

    options = ExportOptions("growth", ViewState(period=FULL_YEAR), fmt="svg")
    svg = render(hostile, options, renderer).decode()
    assert re.search(r"<a[\s>]", svg) is None
    assert re.search(r"<[^>]*font-size:\s*300px", svg) is None
    assert "evil.example" in svg  # the name is printed, as text
    options = ExportOptions("missions", ViewState(tab="missions"), fmt="svg")
    svg = render(hostile, options, renderer).decode()
    assert re.search(r"<a[\s>]", svg) is None


@pytest.fixture(scope="module")
def renderer():
    from eaeu.export.renderer import get_renderer

    return get_renderer()
