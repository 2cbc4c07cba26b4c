"""User flows on real headless Chromium (Playwright): the foundation dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from components import ids
from tests.conftest import wait_for_chart

pytestmark = pytest.mark.browser

TRACES_JS = """
id => Array.from(document.getElementById(id).querySelector('.js-plotly-plot').data)
    .map(t => ({name: t.name, type: t.type, y: t.y ? Array.from(t.y) : null,
                n: t.hovertext ? t.hovertext.length : 0, text: t.hovertext ? Array.from(t.hovertext) : null}))
"""


ROWS_JS = "id => document.querySelectorAll(`#${id} .ag-center-cols-container .ag-row`).length"


def traces(page, component_id):
    return page.evaluate(TRACES_JS, component_id)


def bar_order(page):
    """Bar names from top to bottom."""
    (bar,) = [t for t in traces(page, ids.GROWTH_GRAPH) if t["type"] == "bar"]
    return list(reversed(bar["y"]))


def choose(page, component_id, option_name):
    page.locator(f"#{component_id}").select_option(label=option_name)


def test_page_loads_offline_without_errors(watched, live_server):
    page, watch = watched
    page.goto(live_server)
    wait_for_chart(page, "growth")
    wait_for_chart(page, "trend")
    expect(page.locator("#highlight-card")).to_contain_text("4,4\u00a0%")
    expect(page.locator("#highlight-card")).to_contain_text("Армения (12,6\u00a0%)")
    assert page.evaluate("document.documentElement.lang") == "ru"
    # Every stylesheet and font came from this server.
    fonts = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded').length")
    assert fonts >= 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"PT Sans"')


def test_changing_period_resorts_the_bars(watched, live_server):
    page, _ = watched
    page.goto(live_server)
    wait_for_chart(page, "growth")
    assert bar_order(page) == ["Кыргызстан", "Казахстан", "Армения", "Россия"]
    choose(page, ids.PERIOD, "январь–сентябрь 2024")
    page.wait_for_function(
        "id => document.getElementById(id).querySelector('.js-plotly-plot').data[0].y.length === 3",
        arg=ids.GROWTH_GRAPH,
    )
    assert bar_order(page) == ["Армения", "Беларусь", "Россия"]
    expect(page.locator("[data-chart='growth']")).to_contain_text(
        "Нет данных: Казахстан, Кыргызстан"
    )
    assert "period=2024-09" in page.evaluate("location.search")


def test_toggling_a_country_changes_the_lines(watched, live_server):
    page, _ = watched
    page.goto(live_server)
    wait_for_chart(page, "trend")
    before = [t["name"] for t in traces(page, ids.TREND_GRAPH)]
    assert "Армения" in before and len(before) == 6
    page.locator(f"#{ids.COUNTRIES}").get_by_text("Армения", exact=True).click()
    page.wait_for_function(
        "id => document.getElementById(id).querySelector('.js-plotly-plot').data.length === 5",
        arg=ids.TREND_GRAPH,
    )
    after = [t["name"] for t in traces(page, ids.TREND_GRAPH)]
    assert "Армения" not in after
    assert "countries=EAEU%2CBLR%2CKAZ%2CKGZ%2CRUS" in page.evaluate("location.search")


def test_switching_language_changes_labels_and_numbers(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?period=2024-09")
    wait_for_chart(page, "growth")
    page.locator(f"#{ids.LANG_EN}").click()
    expect(page.get_by_role("tab", name="Indicators")).to_be_visible()
    expect(page.locator("#highlight-card")).to_contain_text("4.4%")
    expect(page.locator("#highlight-card")).to_contain_text("Armenia (12.6%)")
    wait_for_chart(page, "growth")
    expect(page.locator("[data-chart='growth']")).to_contain_text(
        "Industrial production: Jan–Sep 2024"
    )
    expect(page.locator("[data-chart='growth']")).to_contain_text("12.6%")
    assert bar_order(page) == ["Armenia", "Belarus", "Russia"]
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(f"#{ids.LANG_RU}").click()
    expect(page.get_by_role("tab", name="Показатели")).to_be_visible()
    expect(page.locator("[data-chart='growth']")).to_contain_text("12,6\u00a0%")


SNAPSHOTS = {
    # as-of label -> (markers on the map, summary line), from DATA_SOURCES.md
    # A partial list gives no totals: it says what its source names.
    "10 августа 2023\u202fг. *": (1, "Источник называет 1 учреждение; это не полный перечень."),
    "2 октября 2023\u202fг.": (12, "Всего учреждений: 12; действующих: 12; регионов: 12"),
    "26 января 2026\u202fг.": (17, "Всего учреждений: 17; действующих: 15; регионов: 16"),
}


def test_each_snapshot_matches_the_source_lists(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?tab=missions")
    wait_for_chart(page, "missions")
    for option, (count, summary) in SNAPSHOTS.items():
        page.locator(f"#{ids.SNAPSHOT}").get_by_text(option, exact=True).click()
        expect(page.locator(f"#{ids.MISSIONS_SUMMARY}")).to_have_text(summary)
        wait_for_chart(page, "missions")
        page.wait_for_function(
            """([id, n]) => Array.from(document.getElementById(id).querySelector('.js-plotly-plot').data)
                .filter(t => t.hovertext)  // the markers; a shared one prints its count
                .reduce((s, t) => s + (t.name === 'group'
                    ? t.text.reduce((a, k) => a + Number(k), 0) : t.hovertext.length), 0) === n""",
            arg=[ids.MAP_GRAPH, count],
        )
    changes = page.locator(f"#{ids.MISSIONS_CHANGES}")
    expect(changes).to_contain_text("Изменения с 2 октября 2023")
    expect(changes).to_contain_text("Краснодар")
    regions = traces(page, ids.REGIONS_GRAPH)
    region_names = {name for t in regions if t["type"] == "bar" for name in t["y"]}
    assert len(region_names) == 16 and "Свердловская область" in region_names
    districts = {n for t in traces(page, ids.DISTRICTS_GRAPH) if t["type"] == "bar" for n in t["y"]}
    assert districts == {
        "Центральный",
        "Северо-Западный",
        "Южный",
        "Приволжский",
        "Уральский",
        "Сибирский",
        "Дальневосточный",
    }


def test_table_sorts_and_filters(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?tab=table&table=trend")
    grid = page.locator(f"#{ids.GRID}")
    expect(grid.locator(".ag-row").first).to_be_visible(timeout=20000)
    page.wait_for_function(ROWS_JS + " > 5", arg=ids.GRID)
    floating = grid.locator(".ag-floating-filter-input input").first
    floating.fill("Армения")
    page.wait_for_function(ROWS_JS + " === 2", arg=ids.GRID)  # Jan-Jun 2023 and 2024
    cells = grid.locator(".ag-center-cols-container [col-id='name']")
    expect(cells.first).to_have_text("Армения")
    expect(grid).to_contain_text("18,2")
    expect(page.locator(f"#{ids.TABLE_SOURCES}")).to_contain_text(re.compile("Источники: БелТА"))


def test_empty_choice_explains_itself(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?countries=")
    wait_for_chart(page, "trend")
    expect(page.locator(f"#{ids.TREND_GRAPH}")).to_contain_text(
        "Не выбрано ни одной страны с данными. Отметьте страны выше."
    )
    page.locator(f"#{ids.COUNTRIES}").get_by_text("Беларусь", exact=True).click()
    page.wait_for_function(
        "id => document.getElementById(id).querySelector('.js-plotly-plot').data.length === 1",
        arg=ids.TREND_GRAPH,
    )


def test_table_sorts_periods_chronologically(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?tab=table&table=trend&span=year&countries=RUS")
    grid = page.locator(f"#{ids.GRID}")
    expect(grid.locator(".ag-row").first).to_be_visible(timeout=20000)
    header = grid.get_by_role("columnheader", name="Период")
    header.locator(".ag-header-cell-label").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert shown_periods(page) == ["2023 год", "2025 год"]
    header.locator(".ag-header-cell-label").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    page.wait_for_function(f"id => {SHOWN_PERIODS_JS}(id)[0] === '2025 год'", arg=ids.GRID)


# The grid moves rows on screen, not in the DOM: read them in their displayed order.
SHOWN_PERIODS_JS = """(id => Array.from(document.querySelectorAll(`#${id} .ag-center-cols-container .ag-row`))
    .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
    .map(row => row.querySelector("[col-id='period_end']").textContent))"""


def shown_periods(page) -> list[str]:
    return page.evaluate(SHOWN_PERIODS_JS, ids.GRID)
