"""The page draws with the partial plotly.js in assets/ (scripts/build-plotly-bundle.sh), never
Dash's full bundle, and that bundle holds every trace type the code builds."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from urllib.parse import urlsplit

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

from eaeu.charts import CHART_IDS, build_chart
from eaeu.view import ViewState
from tests.conftest import wait_for_chart
from tests.plot import checked

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "assets" / "plotly-partial.min.js"
TRACE_LIST = ROOT / "scripts" / "plotly-bundle" / "traces.json"
PARTIAL = (
    "plotly-partial.min.js"  # from assets/ (the page) or /vendor/ (embeds, components/embed.py)
)


def full_bundles(scripts: list[str]) -> list[str]:
    """Dash's full plotly.js, wherever it is served from (Dash: package_data/plotly.min.js)."""
    return [u for u in scripts if urlsplit(u).path.endswith("/plotly.min.js")]


# Per chart on the page: its trace types, and whether each has a registered module and drew
# something (an unregistered type is dropped by plotly with a console warning, nothing drawn).
DRAWN_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    chart: gd.closest('[data-chart]') ? gd.closest('[data-chart]').dataset.chart : gd.id,
    types: gd._fullData.map(t => t.type),
    modules: gd._fullData.every(t => Boolean(t._module)),
    drawn: gd.querySelectorAll('.trace, .hm image').length,
}))
"""


def trace_types_in_code() -> set[str]:
    """Every trace the domain core and the UI write: `go.<Trace>(...)`, or a figure dict's
    `"type": "<trace>"` (eaeu/plotdict.py), by its plotly.js type name."""
    traces = {
        cls().type
        for name in dir(go)
        if isinstance(cls := getattr(go, name), type) and issubclass(cls, BaseTraceType)
    }
    types = set()
    for path in [*(ROOT / "eaeu").rglob("*.py"), *(ROOT / "components").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "go"
            ):
                cls = getattr(go, node.attr, None)
                if isinstance(cls, type) and issubclass(cls, BaseTraceType):
                    types.add(cls().type)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "type"
                        and isinstance(value, ast.Constant)
                        and value.value in traces
                    ):
                        types.add(value.value)
    return types


def test_the_trace_list_covers_every_trace_the_code_builds(ds):
    built = {
        trace.type
        for lang in ("ru", "en")
        for chart_id in CHART_IDS
        for trace in checked(build_chart(ds, chart_id, ViewState(lang=lang))).data
    }
    in_code = trace_types_in_code()
    used = in_code | built
    listed = set(json.loads(TRACE_LIST.read_text(encoding="utf-8")))
    assert {"bar", "scatter", "heatmap"} <= in_code
    assert used <= listed, (
        f"add {sorted(used - listed)} to {TRACE_LIST.relative_to(ROOT)} and run "
        "scripts/build-plotly-bundle.sh"
    )


@pytest.mark.browser
def test_the_bundle_registers_every_listed_trace(page):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(BUNDLE))
    registered = set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    listed = set(json.loads(TRACE_LIST.read_text(encoding="utf-8")))
    assert listed <= registered, (
        f"{sorted(listed - registered)} missing from {BUNDLE.name}: "
        "run scripts/build-plotly-bundle.sh"
    )
    # Partial: none of the large families the dashboard does not draw (the map is x/y: no geo).
    unused = {"scattergl", "scatter3d", "scattermap", "sankey", "pie", "scattergeo", "choropleth"}
    assert registered.isdisjoint(unused)


# (address, charts drawn there, trace types they draw)
PAGES = [
    ("/", ("growth", "trend"), {"bar", "scatter"}),
    (
        "/?tab=missions",
        ("missions", "missions_regions", "missions_districts"),
        {"bar", "scatter"},  # the map is an x/y chart of projected shapes (eaeu/map_figure.py)
    ),
    ("/embed/matrix", ("matrix",), {"heatmap"}),
    ("/embed/growth?lang=en", ("growth",), {"bar"}),
]


@pytest.mark.browser
@pytest.mark.parametrize(("address", "charts", "types"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_draw_with_the_partial_bundle_only(watched, live_server, address, charts, types):
    page, _ = watched
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(live_server + address)
    for chart_id in charts:
        wait_for_chart(page, chart_id)
    drawn = [d for d in page.evaluate(DRAWN_JS) if d["chart"] in charts]
    assert {d["chart"] for d in drawn} == set(charts)
    assert all(d["modules"] and d["drawn"] for d in drawn), drawn
    assert {t for d in drawn for t in d["types"]} >= types
    assert full_bundles(scripts) == []
    assert len([u for u in scripts if PARTIAL in urlsplit(u).path]) == 1


@pytest.mark.browser
def test_the_table_tab_loads_no_full_bundle(watched, live_server):
    page, _ = watched
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(live_server + "/?tab=table&table=matrix")
    page.wait_for_selector(".ag-center-cols-container .ag-row", timeout=15000)
    assert full_bundles(scripts) == []
    assert page.evaluate("window.Plotly.version") == bundle_version()


def bundle_version() -> str:
    header = BUNDLE.read_text(encoding="utf-8")[:400]
    return header.split(" v", 1)[1].split()[0]
