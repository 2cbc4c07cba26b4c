"""Every tab at phone, tablet and desktop widths on headless Chromium: the page never scrolls
sideways, no two texts of a chart overlap, no legend covers a title, every city name on the
map lies inside it, and the table keeps its value column in view on a phone. A screenshot of
each tab at each width is saved in the test's output folder (test-results/, git-ignored)
to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from components import ids
from tests.conftest import wait_for_chart

pytestmark = pytest.mark.browser

# One page per width and language, its tabs opened by clicking: every width in Russian,
# a phone and a desktop in English.
SCREENS = [("ru", 320), ("ru", 375), ("ru", 768), ("ru", 1440), ("en", 375), ("en", 1440)]
TABS = (("indicators", "growth"), ("missions", "missions"), ("table", None), ("changes", None))

# Measured in one pass over a part of the page (`root`: a selector), each of its charts an
# element with `data-chart` (`charts`: their selector): the dashboard's shown panel, or an
# embed (tests/test_embed.py). Texts are the SVG <text> elements of each chart with something
# to read, drawn (a box of some size) and not hidden; titles are the page's or the figure's.
LAYOUT_JS = """
({root, charts}) => {
    const panel = document.querySelector(root);
    const shown = el => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== "hidden"
            && style.display !== "none" && style.opacity !== "0";
    };
    const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
        && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
        && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    const out = {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        charts: 0, overlaps: [], covered: [], outside: [],
    };
    for (const chart of panel.querySelectorAll(charts)) {
        const id = chart.dataset.chart;
        const texts = Array.from(chart.querySelectorAll(".main-svg text"))
            .filter(t => t.textContent.trim() && shown(t));
        if (texts.length) out.charts += 1;
        const boxes = texts.map(t => t.getBoundingClientRect());
        for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
                if (hit(boxes[i], boxes[j])) {
                    out.overlaps.push([id, texts[i].textContent, texts[j].textContent]);
                }
            }
        }
        const legend = chart.querySelector(".legend");
        if (legend && shown(legend)) {
            for (const title of chart.querySelectorAll(".chart-title, .embed-title, .gtitle")) {
                if (shown(title) && hit(legend.getBoundingClientRect(), title.getBoundingClientRect())) {
                    out.covered.push(id);
                }
            }
        }
        if (id === "missions") {
            const plot = chart.querySelector(".nsewdrag").getBoundingClientRect();
            for (const label of chart.querySelectorAll(".annotation")) {
                if (!inside(label.getBoundingClientRect(), plot)) out.outside.push(label.textContent);
            }
            out.labels = chart.querySelectorAll(".annotation").length;
        }
    }
    const pinned = panel.querySelector(".ag-pinned-right-cols-container .ag-cell");
    out.pinned = pinned ? pinned.getBoundingClientRect().right <= window.innerWidth : null;
    return out;
}
"""


DRAWN_JS = """
id => {
    const plot = document.querySelector(`[data-chart='${id}'] .js-plotly-plot`);
    return plot && plot.data && plot.data.length > 0
        && !document.querySelector(`[data-chart='${id}'] [data-dash-is-loading='true']`);
}
"""


def assert_readable(found: dict, where: str) -> None:
    """What LAYOUT_JS found: the page fits its width, and every chart in it reads."""
    assert found["overflow"] <= 0, f"{where}: the page scrolls sideways"
    assert found["overlaps"] == [], f"{where}: texts overlap: {found['overlaps']}"
    assert found["covered"] == [], f"{where}: a legend covers the title of {found['covered']}"
    if "labels" in found:  # the map
        assert found["labels"] >= 6, f"{where}: only {found['labels']} cities named"
        assert found["outside"] == [], f"{where}: names outside the map: {found['outside']}"


def open_tab(page, tab: str, chart_id: str | None) -> None:
    """Click the tab and wait for its panel to be drawn (a chart not yet drawn is an empty
    plot, which `wait_for_chart` would take for a drawn one)."""
    page.locator(f"#{ids.tab_button(tab)}").click()
    if chart_id:
        wait_for_chart(page, chart_id)
        page.wait_for_function(DRAWN_JS, arg=chart_id, timeout=15000)
    elif tab == "table":
        page.wait_for_selector(f"#{ids.GRID} .ag-row")
    else:
        page.wait_for_selector(f"#{ids.CHANGES_BODY}")
    page.wait_for_timeout(200)  # the chart's re-measure after its panel was shown


@pytest.mark.parametrize(("lang", "width"), SCREENS, ids=[f"{lang}-{w}" for lang, w in SCREENS])
def test_every_tab_fits_the_screen(watched, live_server, output_path, lang, width):
    page, _ = watched
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/?lang={lang}")
    Path(output_path).mkdir(parents=True, exist_ok=True)
    wait_for_chart(page, "trend")
    for tab, chart_id in TABS:
        if tab != "indicators":
            open_tab(page, tab, chart_id)
        page.screenshot(path=str(Path(output_path) / f"{lang}-{width}-{tab}.png"), full_page=True)
        found = page.evaluate(LAYOUT_JS, {"root": f"#{ids.tab_panel(tab)}", "charts": ".chart-box"})
        where = f"{tab} at {width} px ({lang})"
        assert_readable(found, where)
        if tab == "table" and width < 768:
            assert found["pinned"] is True, f"{where}: the value column is not pinned in view"
        if tab in ("indicators", "missions"):
            assert found["charts"] == (2 if tab == "indicators" else 3), where


def test_a_turned_tablet_redraws_the_map_for_a_phone(watched, live_server):
    """Crossing the phone width (768 px) redraws the shown charts: the map's key moves under it."""
    page, _ = watched
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{live_server}/?tab=missions")
    wait_for_chart(page, "missions")
    legend = "id => document.getElementById(id).querySelector('.js-plotly-plot').layout.legend"
    assert page.evaluate(legend, ids.MAP_GRAPH)["yanchor"] == "bottom"  # above the map
    page.set_viewport_size({"width": 600, "height": 900})
    page.wait_for_function(f"id => ({legend})(id).yanchor === 'top'", arg=ids.MAP_GRAPH)


# Each chart's drawn geometry on the missions tab, relative to its box: plot area, legend,
# and the map's ranges.
GEOMETRY_JS = """
() => Array.from(document.querySelectorAll("[data-chart]")).filter(c => c.querySelector(".nsewdrag"))
    .map(chart => {
        const box = chart.getBoundingClientRect();
        const at = el => {
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return [r.left - box.left, r.top - box.top, r.width, r.height].map(Math.round);
        };
        const full = chart.querySelector(".js-plotly-plot")._fullLayout;
        return {
            chart: chart.dataset.chart,
            plot: at(chart.querySelector(".nsewdrag")),
            legend: at(chart.querySelector(".legend")),
            range: full.xaxis.range.concat(full.yaxis.range).map(Math.round),
        };
    })
"""


def drawn_geometry(page, settle_ms: int = 1200) -> list[dict]:
    page.wait_for_timeout(settle_ms)  # a resize settles, the charts are drawn again
    page.wait_for_function(DRAWN_JS, arg="missions", timeout=15000)
    return page.evaluate(GEOMETRY_JS)


RESIZES = {
    "turned": (600, 900),
    "turned-back": (900, 600),
    "resized": (1440, 900, 1440),
    "phone-resized": (375, 330, 375),
}


@pytest.mark.parametrize("path", list(RESIZES.values()), ids=list(RESIZES))
def test_a_resized_page_draws_its_charts_as_a_fresh_page_does(watched, live_server, path):
    """plotly.js widened the map's ranges at each resize (a turned phone zoomed the map out)
    and left legends where the old size put them, over the plot: after any resize, each
    chart of the missions tab is drawn as on a page opened at that width."""
    page, _ = watched
    *before, last = path
    page.set_viewport_size({"width": last, "height": 900})
    page.goto(f"{live_server}/?tab=missions")
    wait_for_chart(page, "missions")
    fresh = drawn_geometry(page)
    page.set_viewport_size({"width": before[0], "height": 900})
    page.reload()
    wait_for_chart(page, "missions")
    for width in [*before[1:], last]:
        drawn_geometry(page, 300)
        page.set_viewport_size({"width": width, "height": 900})
    resized = drawn_geometry(page)
    # The same map and plots as a fresh page's; the keys may sit a few pixels apart, clear of
    # the plot and of every text (plotly places a legend as its margins stood before).
    assert [(c["chart"], c["plot"], c["range"]) for c in resized] == [
        (c["chart"], c["plot"], c["range"]) for c in fresh
    ]
    found = page.evaluate(
        LAYOUT_JS, {"root": f"#{ids.tab_panel('missions')}", "charts": ".chart-box"}
    )
    assert_readable(found, f"missions after {path}")
    for chart in resized:
        (left, top, width, height), (k_left, k_top, k_width, k_height) = (
            chart["plot"],
            chart["legend"],
        )
        apart = k_top + k_height <= top or top + height <= k_top
        assert apart or k_left + k_width <= left, f"{chart['chart']}: the key covers the plot"
