"""Exports match the site: PT Sans (vendored) in PNG, SVG and PDF, and a PDF's Title is its
chart's title. Real renders with kaleido and the system Chromium; nothing leaves the machine."""

from __future__ import annotations

import base64
import io
import re
import subprocess

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from eaeu.charts import build_chart
from eaeu.export.fonts import FONTS_DIR, embed_fonts, font_faces
from eaeu.export.options import ExportOptions
from eaeu.export.renderer import document_title, render
from eaeu.figures import FONT_FAMILY
from eaeu.view import ViewState

# Latin and Cyrillic, regular and bold: every face the exports need.
SAMPLE = "<b>Промышленное производство, ЕАЭС</b><br>Industrial output, Kyrgyzstan 12,6 %"


def view(lang: str) -> ViewState:
    return ViewState(lang=lang, period="2024-09")


def sample_png(renderer, family: str) -> Image.Image:
    fig = go.Figure(layout={"title": {"text": SAMPLE}, "font": {"family": family, "size": 18}})
    fig.update_layout(xaxis_visible=False, yaxis_visible=False)
    data = renderer.render_figure(fig, "png", 640, 160, 1)
    return Image.open(io.BytesIO(data)).convert("RGB")


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a, b).getbbox() is None


def pdf_fonts(data: bytes) -> set[str]:
    """Every font's PostScript name on the PDF's pages, without the subset tag (ABCDEF+)."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def pdf_title(data: bytes) -> str | None:
    return PdfReader(io.BytesIO(data)).metadata.title


def pt_sans_installed() -> bool:
    """True where PT Sans is a system font, so a plain browser would show it anyway."""
    try:
        match = subprocess.run(["fc-match", "PT Sans"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return False
    return "PT Sans" in match


# -- PNG ------------------------------------------------------------------------------------------


def test_png_text_is_pt_sans_not_a_fallback(renderer):
    """FONT_FAMILY is 'PT Sans', then DejaVu Sans, Liberation Sans, Arial (= Liberation Sans
    in fontconfig) and sans-serif: the PNG's text is PT Sans exactly when it differs from
    both fallbacks and matches a render that names PT Sans alone."""
    site = sample_png(renderer, FONT_FAMILY)
    assert not same_pixels(site, sample_png(renderer, '"DejaVu Sans"'))
    assert not same_pixels(site, sample_png(renderer, '"Liberation Sans"'))
    assert same_pixels(site, sample_png(renderer, '"PT Sans"'))


# -- PDF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pdf_embeds_pt_sans_regular_and_bold(ds, renderer, lang):
    pdf = render(ds, ExportOptions("growth", view(lang), fmt="pdf"), renderer)
    fonts = pdf_fonts(pdf)
    assert {"PTSans-Regular", "PTSans-Bold"} <= fonts
    # PT Sans has every letter and digit; only the logo's square (U+25A0) comes from elsewhere.
    assert len(fonts - {"PTSans-Regular", "PTSans-Bold"}) <= 1, fonts


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pdf_title_is_the_chart_title(ds, renderer, lang):
    chart = build_chart(ds, "growth", view(lang))
    pdf = render(ds, ExportOptions("growth", view(lang), fmt="pdf"), renderer)
    assert pdf_title(pdf) == chart.text.title
    if lang == "ru":
        assert pdf_title(pdf) == "Промышленное производство: январь–сентябрь 2024"
    else:
        assert pdf_title(pdf) == "Industrial production: Jan–Sep 2024"


def test_pdf_title_is_plain_text_and_never_left_from_the_last_pdf(renderer):
    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    title = "<b>Экспорт &amp; импорт</b><br>в ЕАЭС, <i>млрд</i> $"
    pdf = renderer.render_figure(fig, "pdf", 400, 300, 1, title=title)
    assert pdf_title(pdf) == "Экспорт & импорт в ЕАЭС, млрд $"
    untitled = renderer.render_figure(fig, "pdf", 400, 300, 1)
    assert pdf_title(untitled) != pdf_title(pdf)


def test_document_title_drops_plotly_markup_only():
    assert document_title("A<br>B <sup>2</sup> &lt;C&gt;") == "A B 2 <C>"
    assert document_title("  Рост <span style='color:red'>ВВП</span>\n") == "Рост ВВП"


# -- SVG ------------------------------------------------------------------------------------------


def embedded_faces(svg: str) -> list[tuple[str, bytes]]:
    """(font-weight, woff2 bytes) of each @font-face inside the SVG's <style>."""
    style = re.search(r"<defs[^>]*><style>(.*?)</style>", svg, re.S)
    assert style, "no <style> at the start of the SVG's <defs>"
    faces = []
    for body in re.findall(r"@font-face\{([^}]*)\}", style.group(1)):
        assert 'font-family:"PT Sans"' in body
        weight = re.search(r"font-weight:(\d+)", body).group(1)
        data = re.search(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", body).group(1)
        faces.append((weight, base64.b64decode(data)))
    return faces


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_svg_embeds_the_site_pt_sans_faces_it_uses(ds, renderer, lang):
    svg = render(ds, ExportOptions("growth", view(lang), fmt="svg"), renderer).decode()
    assert "font-family: 'PT Sans'" in svg
    faces = embedded_faces(svg)
    vendored = {
        path.read_bytes(): path.name.split("-")[2] + "-" + path.name.split("-")[3]
        for path in FONTS_DIR.glob("pt-sans-*.woff2")
    }
    embedded = sorted(vendored[data] for _, data in faces)  # KeyError: not the site's file
    if lang == "ru":
        assert embedded == ["cyrillic-400", "cyrillic-700", "latin-400", "latin-700"]
    else:  # no Cyrillic letter in the English chart: its faces stay out
        assert embedded == ["latin-400", "latin-700"]
    assert len(svg) < 300_000


def test_svg_without_bold_or_defs_gets_only_what_it_needs():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><text>Abc</text></svg>'
    out = embed_fonts(svg).decode()
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg"><defs><style>@font-face{')
    assert [weight for weight, _ in embedded_faces(out)] == ["400"]
    bold = b'<svg><defs></defs><text style="font-weight:bold">\xd0\x96</text></svg>'
    assert len(embedded_faces(embed_fonts(bold).decode())) == 4
    assert len(font_faces()) == 4


@pytest.mark.browser
def test_svg_shows_pt_sans_in_a_browser_without_the_font(ds, renderer, page):
    """A plain Chromium (Playwright's: no PT Sans among its fonts) draws the exported SVG as an
    image. Without its embedded faces the same SVG falls back to a system font, so the two
    screenshots must differ."""
    if pt_sans_installed():
        pytest.skip("PT Sans is a system font here: a plain browser shows it anyway")
    svg = render(ds, ExportOptions("growth", view("ru"), fmt="svg", scale=1), renderer)
    bare = re.sub(rb"<style>.*?</style>", b"", svg, flags=re.S)

    def shot(data: bytes) -> Image.Image:
        url = "data:image/svg+xml;base64," + base64.b64encode(data).decode()
        page.set_viewport_size({"width": 1200, "height": 675})
        page.set_content(f'<body style="margin:0"><img id="chart" src="{url}"></body>')
        page.wait_for_function("document.getElementById('chart').complete")
        page.evaluate("document.getElementById('chart').decode()")
        return Image.open(io.BytesIO(page.locator("#chart").screenshot())).convert("RGB")

    with_fonts, without = shot(svg), shot(bare)
    assert with_fonts.size == without.size == (1200, 675)
    assert not same_pixels(with_fonts, without)
