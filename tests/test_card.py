"""The figure of the week as a social card: its texts and alt text from the data, the layout at
every preset in both languages, long captions wrapped and never cut, real renders (PNG, SVG,
PDF) and `app.py export --card`."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
from dataclasses import replace

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from cli.export import add_export_parser, run_export
from components import card_export, ids
from components.rate_limits import limiter
from eaeu.config import DEFAULT_DATA_DIR
from eaeu.export.alt_text import card_alt_text
from eaeu.export.card import (
    CARD_PRESETS,
    CardOptions,
    Frame,
    card_figure,
    card_file_name,
    footer,
    render_card,
)
from eaeu.export.measure import text_width, wrap_to_width
from eaeu.export.options import OptionError
from eaeu.highlight_card import highlight_card
from eaeu.i18n import t
from eaeu.store import Store
from tests.test_vintage import post

NBSP = "\u00a0"
TODAY = dt.date(2026, 11, 26)
# Synthetic text (not data): markup-like and ampersands to escape, a word longer than a line.
WORDS = ("синтетическая", "<b>подпись</b>", "&", "проверка", "переноса", "длинного", "текста",
         "Сверхдлинноесловобезединогопробеласинтетическоеоченьдлинноекотороенадоразбить")  # fmt: skip
LONG_CAPTION = " ".join(WORDS[i % len(WORDS)] for i in range(400))[:2000]  # the form's limit


@pytest.fixture(scope="module")
def cards(ds):
    return {lang: highlight_card(ds, lang) for lang in ("ru", "en")}


def long_card(card, **fields):
    return replace(card, caption=LONG_CAPTION, **fields)


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


# -- what the card says ----------------------------------------------------------------------------


def test_card_texts_come_from_the_data_in_each_language(cards):
    ru, en = cards["ru"], cards["en"]
    assert (ru.kicker, ru.number, en.kicker, en.number) == (
        "Цифра недели", f"4,4{NBSP}%", "Figure of the week", "4.4%",
    )  # fmt: skip
    assert (
        ru.leaders
        == f"Армения{NBSP}(12,6{NBSP}%), Беларусь{NBSP}(6,4{NBSP}%), Россия{NBSP}(4,4{NBSP}%)"
    )
    assert en.source_line == "Source: Eurasian Economic Commission · 2024"


def test_alt_text_is_written_from_the_card(cards):
    assert card_alt_text(cards["ru"]) == (
        f"Цифра недели: 4,4{NBSP}% — составил рост промышленного производства в ЕАЭС за 9 "
        f"месяцев 2024 г. В числе лидеров: Армения{NBSP}(12,6{NBSP}%), Беларусь{NBSP}(6,4{NBSP}%), "
        f"Россия{NBSP}(4,4{NBSP}%). Источник: Евразийская экономическая комиссия, 2024."
    )
    assert card_alt_text(replace(cards["en"], leaders="")) == (
        "Figure of the week: 4.4% — growth of industrial production in the EAEU in 9 months of "
        "2024. Source: Eurasian Economic Commission, 2024."
    )


def test_card_file_name_says_what_and_for_when(cards):
    options = CardOptions("story", "svg", "en")
    assert card_file_name(cards["en"], options, TODAY) == (
        "eaeu_card_industrial-production_2024_en_story_2026-11-26.svg"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"preset": "article"}, "unknown preset 'article'; expected one of square, social, story"),
        ({"fmt": "gif"}, "unknown format 'gif'"),
        ({"lang": "de"}, "unknown language 'de'"),
        ({"scale": 5}, "scale must be 1, 2 or 3"),
    ],
)
def test_bad_card_options_are_refused_with_a_message(fields, message):
    with pytest.raises(OptionError, match=message):
        CardOptions(**fields)


# -- layout ----------------------------------------------------------------------------------------


def test_wrapping_keeps_every_character_and_no_break_spaces_hold():
    lines = wrap_to_width(f"рост  4,4{NBSP}%\nв ЕАЭС {'x' * 80}", 300, 20)
    assert f"4,4{NBSP}%" in "".join(lines)
    assert "".join(lines).replace(" ", "") == f"рост4,4{NBSP}%вЕАЭС{'x' * 80}"
    assert all(text_width(line, 20) <= 300 for line in lines)
    assert len(lines) > 2  # the 80 x's are broken between characters, never cut


@pytest.mark.parametrize("preset", CARD_PRESETS)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_preset_shows_the_whole_card(cards, preset, lang):
    card = cards[lang]
    fig = card_figure(card, preset)
    assert (fig.layout.width, fig.layout.height) == CARD_PRESETS[preset]
    shown = " ".join(annotation_texts(fig)).replace("<br>", " ").replace("<b>", "")
    shown = shown.replace("</b>", "")
    for text in (card.kicker.upper(), card.number, card.source_name, t("export_logo", lang)):
        assert text in shown
    assert " ".join(card.caption.split()) in shown
    # The logo's mark is a drawn square: PT Sans has no '■', a fallback font would draw it.
    assert "■" not in shown
    assert len(fig.layout.shapes) == 3  # accent bar, rule above the footer, logo mark


@pytest.mark.parametrize("preset", CARD_PRESETS)
def test_a_long_caption_wraps_to_the_width_and_is_escaped(cards, preset):
    fig = card_figure(long_card(cards["ru"]), preset)
    inner = Frame(*CARD_PRESETS[preset]).inner
    caption = next(a for a in fig.layout.annotations if "синтетическая" in a.text)
    lines = caption.text.split("<br>")
    assert len(lines) > 10
    assert all(text_width(line.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"),
                          caption.font.size) <= inner for line in lines)  # fmt: skip
    assert "".join(lines).replace(" ", "") == (
        LONG_CAPTION.replace(" ", "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )
    assert "<b>подпись" not in caption.text


def test_a_long_source_puts_the_logo_on_its_own_line(cards):
    card = replace(cards["ru"], source_name="Синтетический источник с очень длинным названием " * 4)
    bottom = footer(Frame(1080, 1080), card)
    assert bottom.logo_top >= bottom.source.height  # under the source, not over it
    assert footer(Frame(1080, 1080), cards["ru"]).logo_top == 0


def test_text_too_long_for_a_size_is_refused_not_cut(cards):
    card = long_card(cards["en"], source_name=("Synthetic source with a long name " * 9)[:300])
    with pytest.raises(OptionError) as refused:
        card_figure(card, "social")
    assert refused.value.message("ru").startswith("текст цифры недели не помещается")
    assert card_figure(card, "story")  # the tall card has room for it


# -- renders (kaleido + the system Chromium) -------------------------------------------------------


def image_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def varied(image: Image.Image) -> bool:
    """Not a blank image: big red figure, black text, white ground."""
    return ImageStat.Stat(image.convert("L")).var[0] > 500


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_png_at_every_preset_has_its_size_and_is_not_blank(ds, renderer, lang):
    for preset, size in CARD_PRESETS.items():
        _, data = render_card(ds, CardOptions(preset, "png", lang), renderer)
        image = image_of(data)
        assert image.size == size, preset
        assert varied(image), preset
        # The accent bar runs along the top; the bottom edge is the white margin under the logo.
        assert image.getpixel((size[0] // 2, 2)) == (179, 38, 30)
        assert image.crop((0, size[1] - 8, size[0], size[1])).getextrema() == ((255, 255),) * 3


def test_svg_carries_the_card_in_cyrillic_with_its_fonts_and_pdf_its_title(ds, renderer):
    _, svg = render_card(ds, CardOptions("square", "svg", "ru"), renderer)
    text = svg.decode()
    for part in ("ЦИФРА НЕДЕЛИ", "составил рост", "В числе лидеров:", "ЕАЭС в цифрах"):
        assert part in text
    assert "font-family: 'PT Sans'" in text and "@font-face" in text
    _, pdf = render_card(ds, CardOptions("story", "pdf", "en", scale=2), renderer)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Figure of the week: 4.4%"
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in
             reader.pages[0]["/Resources"]["/Font"].values()}  # fmt: skip
    assert fonts == {"PTSans-Regular", "PTSans-Bold"}  # no fallback font, for the logo or else


TEXT_BOXES = """() => {
  const box = (el) => { const b = el.getBBox(), m = el.getCTM();
                        return [b.x + m.e, b.y + m.f, b.width, b.height]; };
  return {
    texts: [...document.querySelectorAll('g.annotation text')].map(
      t => ({box: box(t), lines: t.querySelector('tspan.line')  // one line: no tspans
        ? [...t.querySelectorAll('tspan.line')].map(l => l.textContent) : [t.textContent]})),
    shapes: [...document.querySelectorAll('.shapelayer path')].map(box),
  };
}"""


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.browser
@pytest.mark.parametrize("preset", CARD_PRESETS)
def test_svg_text_boxes_stay_apart_and_inside_the_card(cards, renderer, page, preset):
    """Chromium measures each text of the SVG (in its embedded PT Sans): no text reaches past
    the padding or into another text, the bar, the rule or the logo mark; a long synthetic
    caption is all there, line after line."""
    width, height = CARD_PRESETS[preset]
    pad = Frame(width, height).pad
    for card in (cards["ru"], cards["en"], long_card(cards["ru"])):
        fig = card_figure(card, preset)
        svg = renderer.render_figure(fig, "svg", width, height, 1).decode()
        page.set_content(f'<body style="margin:0">{svg}</body>')
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.fonts.check('20px \"PT Sans\"')")
        found = page.evaluate(TEXT_BOXES)
        texts = [text["box"] for text in found["texts"]]
        boxes = texts + found["shapes"]
        for x, y, w, h in texts:
            assert pad - 2 <= x and x + w <= width - pad + 2, (preset, x, w)
            assert y >= 0 and y + h <= height - pad + 2, (preset, y, h)
        for i, a in enumerate(boxes):
            assert not any(overlap(a, b) for b in boxes[i + 1 :]), (preset, a)
        caption = next(
            text["lines"] for text in found["texts"] if card.caption[:12] in "".join(text["lines"])
        )
        assert "".join(caption).replace(" ", "") == card.caption.replace(" ", "")


# -- the page's card of a past version ----------------------------------------------------------


@pytest.fixture
def revised_caption(database_url):
    """The served store with a SYNTHETIC new caption on top; as it was again afterwards."""
    store = Store(database_url)
    before = store.current_version()
    raw = store.load_raw()
    raw["highlights"]["text_en"] = "SYNTHETIC revised caption"
    store.commit(raw, "synthetic-card-editor")
    yield
    store.rollback(before, "test cleanup")
    store.dispose()


def test_a_past_versions_card_is_exported_from_that_version(served_app, revised_caption, renderer):
    limiter.reset()  # exports are counted per client address: the test client's is shared

    def answer(function, search: str) -> dict:
        values = {
            f"{ids.CARD_EXPORT_PRESET}.value": "social",
            f"{ids.CARD_EXPORT_FORMAT}.value": "svg",
            f"{ids.CARD_EXPORT_LANG}.value": "en",
            f"{ids.CARD_EXPORT_BUTTON}.n_clicks": 1,
            f"{ids.VIEW}.data": {"search": search, "lang": "en"},
        }
        return post(served_app, function, values)

    old = answer(card_export.fill_alt_text, "?version=1")[ids.CARD_EXPORT_ALT_TEXT]["value"]
    new = answer(card_export.fill_alt_text, "")[ids.CARD_EXPORT_ALT_TEXT]["value"]
    assert "4.4% — growth of industrial production" in old
    assert "4.4% — SYNTHETIC revised caption" in new
    image = answer(card_export.export_card, "?version=1")[ids.CARD_EXPORT_DOWNLOAD]["data"]
    assert "_v1_en_social_" in image["filename"]
    assert "growth of industrial" in base64.b64decode(image["content"]).decode()


# -- command line ------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path):
    store = ["--database-url", f"sqlite:///{tmp_path / 'store.sqlite3'}",
             "--data-dir", str(DEFAULT_DATA_DIR)]  # fmt: skip

    def run(*argv: str) -> int:
        parser = argparse.ArgumentParser(prog="app.py")
        add_export_parser(parser.add_subparsers(dest="command"))
        return run_export(parser.parse_args(["export", *argv, *store]))

    return run


def test_cli_exports_the_card(cli, tmp_path, renderer, capsys):
    out = tmp_path / "out"
    assert cli("--card", "--preset", "square", "--lang", "ru", "--out", str(out)) == 0
    printed = capsys.readouterr().out.split()
    path = out / printed[0].rsplit("/", 1)[-1]
    assert path.name == f"eaeu_card_industrial-production_2024_ru_square_{dt.date.today()}.png"
    assert image_of(path.read_bytes()).size == (1080, 1080)
    assert cli("--card", "--preset", "social", "--format", "svg", "--lang", "en",
               "--out", str(out)) == 0  # fmt: skip
    assert "FIGURE OF THE WEEK" in next(out.glob("*_en_social_*.svg")).read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--preset", "article"], "error: unknown preset 'article'; expected one of square"),
        (["--period", "2024-09"], "error: --period does not apply to --card"),
        (["--no-logo"], "error: --no-logo does not apply to --card"),
        (["--lang", "de"], "error: unknown language 'de'"),
    ],
)
def test_cli_card_refuses_what_does_not_apply(cli, tmp_path, capsys, argv, message):
    assert cli("--card", *argv, "--out", str(tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
