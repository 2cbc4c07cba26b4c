"""Editors export charts from the page: the panel renders on the server and the browser
downloads the file; the modebar camera saves a named article-size PNG."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from components import ids
from tests.conftest import callback_posts, wait_for_chart
from tests.test_browser import choose

pytestmark = pytest.mark.browser


def test_export_panel_downloads_png_and_pack(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?period=2024-09")
    wait_for_chart(page, "growth")
    panel = page.locator("[data-export='growth']")
    panel.get_by_text("Экспорт", exact=True).click()
    alt = panel.locator("textarea")
    expect(alt).to_have_value(
        "Столбчатая диаграмма: Промышленное производство, январь–сентябрь 2024: "
        "Армения 12,6\u00a0%, Беларусь 6,4\u00a0%, Россия 4,4\u00a0%; ЕАЭС 4,4\u00a0%. "
        "Нет данных: Казахстан, Кыргызстан."
    )
    scale = int(panel.locator("select").nth(1).input_value())
    with page.expect_download(timeout=60000) as info:
        panel.get_by_role("button", name="Скачать изображение").click()
    download = info.value
    assert download.suggested_filename.startswith("eaeu_growth_industrial-production_2024-09_ru_")
    assert download.suggested_filename.endswith(".png")
    image = Image.open(Path(download.path()))
    assert image.size == (1200 * scale, 675 * scale)
    with page.expect_download(timeout=90000) as info:
        panel.get_by_role("button", name="Архив для публикации (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    names = archive.namelist()
    assert any(n.endswith(".png") and "growth" in n for n in names)
    assert any(n.endswith(".svg") and "trend" in n for n in names)
    assert any(n.endswith(".csv") for n in names) and any(n.endswith(".xlsx") for n in names)
    # No PUBLIC_URL in the tests: the link goes to the host the page was served from.
    sources = archive.read("SOURCES.txt").decode()
    assert f"Вид на сайте: {live_server}/?lang=ru&tab=indicators&" in sources


def test_camera_button_names_the_file(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?period=2024-09&lang=en")
    wait_for_chart(page, "growth")
    options = page.evaluate(
        "id => document.getElementById(id).querySelector('.js-plotly-plot')"
        "._context.toImageButtonOptions",
        ids.GROWTH_GRAPH,
    )
    assert options["filename"].startswith("eaeu_growth_industrial-production_2024-09_en_")
    assert (options["width"], options["height"], options["scale"]) == (1200, 675, 2)


def test_export_panel_is_built_when_first_opened(watched, live_server):
    """A closed panel holds no controls and costs no request; opening it the first time is
    one request that brings the controls with the alt text; while open, the alt text follows
    the view; closed and opened again, nothing is built twice."""
    page, _ = watched
    posts = callback_posts(page)
    page.goto(live_server + "/?period=2024-09&lang=en")
    wait_for_chart(page, "growth")
    page.wait_for_load_state("networkidle")
    panel = page.locator("[data-export='growth']")
    assert panel.locator("select, textarea, button").count() == 0
    assert posts == []
    summary = panel.get_by_text("Export", exact=True)
    summary.click()
    alt = panel.locator("textarea")
    expect(alt).to_have_value(re.compile(r"^Bar chart: Industrial production, Jan–Sep 2024: "))
    expect(panel.get_by_role("button", name="Download image")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert [f"{ids.EXPORT_BODY}" in body["output"] for body in posts] == [True]
    choose(page, ids.PERIOD, "Jan–Jun 2024")
    expect(alt).to_have_value(re.compile(r"^Bar chart: Industrial production, Jan–Jun 2024: "))
    posts.clear()
    summary.click()
    summary.click()
    page.wait_for_load_state("networkidle")
    assert all(ids.EXPORT_BODY not in body["output"] for body in posts)
    expect(alt).to_have_value(re.compile(r"Jan–Jun 2024"))
