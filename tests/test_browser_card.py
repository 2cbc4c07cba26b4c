"""Anyone exports the figure-of-the-week card from the page, without logging in: each preset's
PNG at its pixel size and not blank, an SVG with its Cyrillic text, the alt text in the chosen
language; in Russian, in English and on a phone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import expect

from components import ids
from components.rate_limits import limiter
from eaeu.export.card import CARD_PRESETS

pytestmark = pytest.mark.browser
CYRILLIC = re.compile("[А-Яа-яЁё]")
ALT_START = {
    "ru": "Цифра недели: 4,4\u00a0% — составил рост",
    "en": "Figure of the week: 4.4% — growth",
}


def open_card_export(page, url: str):
    limiter.reset()  # exports are counted per client: other tests' exports are not this one's
    page.goto(url)
    panel = page.locator(f"#{ids.CARD_EXPORT}")
    expect(panel.locator("summary")).to_be_visible()
    assert panel.locator("select, button, textarea").count() == 0  # built when first opened
    panel.locator("summary").click()
    return panel


def download(page, preset: str, fmt: str) -> tuple[str, Path]:
    page.select_option(f"#{ids.CARD_EXPORT_PRESET}", preset)
    page.select_option(f"#{ids.CARD_EXPORT_FORMAT}", fmt)
    with page.expect_download(timeout=60000) as info:
        page.locator(f"#{ids.CARD_EXPORT_BUTTON}").click()
    return info.value.suggested_filename, Path(info.value.path())


def check_png(path: Path, size: tuple[int, int]) -> None:
    image = Image.open(path).convert("RGB")
    assert image.size == size
    assert ImageStat.Stat(image.convert("L")).var[0] > 500  # figure, text and ground: not blank


def test_card_exports_every_preset_in_russian(watched, live_server):
    page, _ = watched
    panel = open_card_export(page, live_server + "/")
    expect(panel.get_by_role("button", name="Скачать карточку")).to_be_visible()
    expect(panel.locator("textarea")).to_have_value(re.compile("^" + ALT_START["ru"]))
    for preset, size in CARD_PRESETS.items():
        name, path = download(page, preset, "png")
        assert name == f"eaeu_card_industrial-production_2024_ru_{preset}_{dt.date.today()}.png"
        check_png(path, size)
    name, path = download(page, "square", "svg")
    svg = path.read_text(encoding="utf-8")
    assert name.endswith("_ru_square_" + f"{dt.date.today()}.svg")
    assert "ЦИФРА НЕДЕЛИ" in svg and "Евразийская экономическая комиссия" in svg
    expect(panel.get_by_role("status")).to_contain_text("Готово")


def test_card_exports_in_english_on_a_phone(watched, live_server):
    page, _ = watched
    page.set_viewport_size({"width": 375, "height": 800})
    panel = open_card_export(page, live_server + "/?lang=en")
    alt = panel.locator("textarea")
    expect(alt).to_have_value(re.compile("^" + ALT_START["en"]))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    name, path = download(page, "story", "png")
    assert name.startswith("eaeu_card_industrial-production_2024_en_story_")
    check_png(path, CARD_PRESETS["story"])
    # The image's language is the panel's choice, and the alt text follows it.
    page.select_option(f"#{ids.CARD_EXPORT_LANG}", "ru")
    expect(alt).to_have_value(re.compile("^" + ALT_START["ru"]))
    name, path = download(page, "social", "svg")
    assert "_ru_social_" in name
    texts = re.findall(r"<text[^>]*>(.*?)</text>", path.read_text(encoding="utf-8"), re.S)
    assert any(CYRILLIC.search(text) for text in texts)
    expect(panel.get_by_role("status")).to_contain_text("Done")
