"""Static exports on the real renderer (kaleido + system Chromium): sizes, text, alt text,
file names, the publishing pack, the renderer's recovery and the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import threading
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image

from cli.export import add_export_parser, run_export
from cli.main import main as cli_main
from eaeu import downloads
from eaeu.charts import CHART_IDS, build_chart
from eaeu.config import DEFAULT_DATA_DIR, PROJECT_DIR
from eaeu.export.alt_text import alt_text
from eaeu.export.layout import EM_REGULAR, export_figure, wrap_lines
from eaeu.export.options import PRESETS, ExportOptions
from eaeu.export.pack import export_pack, pack_chart_ids
from eaeu.export.renderer import BrowserSession, Renderer, render
from eaeu.figures import FONT_FAMILY
from eaeu.i18n import t
from eaeu.view import ViewState
from tests.plot import checked

TODAY = dt.date(2026, 11, 26)
SEPTEMBER = ViewState(period="2024-09")
BOM = b"\xef\xbb\xbf"


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def distinct_colours(image: Image.Image) -> int:
    return len(image.getcolors(maxcolors=1_000_000) or ())


def border_is_white(image: Image.Image, width: int) -> bool:
    """Nothing (no cut title, legend or source) reaches the image's edges."""
    w, h = image.size
    strips = [(0, 0, w, width), (0, h - width, w, h), (0, 0, width, h), (w - width, 0, w, h)]
    return all(image.crop(box).getextrema() == ((255, 255),) * 3 for box in strips)


def view(lang: str, **fields) -> ViewState:
    return ViewState(lang=lang, period="2024-09", **fields)


# -- images --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "scale", "size"),
    [
        ("article", 1, (1200, 675)),
        ("square", 2, (2160, 2160)),
        ("social", 3, (3600, 1890)),
        ("custom", 2, (1600, 1000)),
    ],
)
def test_png_has_exact_size_and_is_not_blank(ds, renderer, preset, scale, size):
    custom = {"width": 800, "height": 500} if preset == "custom" else {}
    options = ExportOptions("growth", SEPTEMBER, preset=preset, scale=scale, **custom)
    image = png(render(ds, options, renderer))
    assert image.size == size
    assert distinct_colours(image) > 50  # bars, antialiased text: far from a blank page


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_preset_of_every_chart_exports_inside_its_frame(ds, renderer, chart_id, lang):
    for preset in PRESETS:
        options = ExportOptions(chart_id, view(lang), preset=preset, scale=1)
        image = png(render(ds, options, renderer))
        assert image.size == PRESETS[preset], preset
        assert border_is_white(image, 6), f"{chart_id} {preset} {lang}: text reaches the edge"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_svg_carries_title_source_and_logo(ds, renderer, lang):
    chart = build_chart(ds, "growth", view(lang))
    svg = render(ds, ExportOptions("growth", view(lang), fmt="svg"), renderer).decode()
    assert chart.text.title in svg
    assert chart.text.subtitle in svg
    assert chart.text.source in svg
    assert t("export_logo", lang) in svg
    if lang == "ru":
        assert "Промышленное производство: январь–сентябрь 2024" in svg


def test_toggles_remove_title_subtitle_source_and_logo(ds, renderer):
    options = ExportOptions(
        "growth",
        SEPTEMBER,
        fmt="svg",
        show_title=False,
        show_subtitle=False,
        show_source=False,
        show_logo=False,
        note="Расчёты редакции <по данным ЕЭК>",
    )
    chart = build_chart(ds, "growth", SEPTEMBER)
    svg = render(ds, options, renderer).decode()
    for text in (chart.text.title, chart.text.subtitle, chart.text.source, "ЕАЭС в цифрах"):
        assert text not in svg
    # The note is shown as escaped text (plotly would otherwise read "<...>" as markup).
    assert "Расчёты редакции &#60;по данным ЕЭК&#62;" in svg
    assert chart.text.note in svg  # "Нет данных: ..." is a caveat and always stays


def test_cyrillic_renders_as_glyphs_not_boxes(renderer):
    """Missing glyphs would all be drawn as the same empty box, so two words would match."""
    import plotly.graph_objects as go

    def title_png(text: str) -> bytes:
        fig = go.Figure(layout={"title": {"text": text}, "xaxis": {"visible": False}})
        fig.update_layout(yaxis_visible=False, font_family=FONT_FAMILY)
        return renderer.render_figure(fig, "png", 400, 120, 1)

    assert title_png("ЖЖЖЖЖЖ") != title_png("шшшшшш")


def test_map_exports_with_local_base_map(ds, renderer):
    image = png(render(ds, ExportOptions("missions", ViewState(), scale=1), renderer))
    assert image.size == (1200, 675)
    # Land, sea, borders and markers: a map without its regions (assets/geo) is nearly empty.
    assert distinct_colours(image) > 200


def test_concurrent_renders_each_get_their_own_image(ds, renderer):
    results: dict[int, str] = {}

    def work(i: int) -> None:
        options = ExportOptions("growth", SEPTEMBER, fmt="svg", note=f"note-{i}-of-six")
        results[i] = render(ds, options, renderer).decode()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(6))
    for i, svg in results.items():
        assert f"note-{i}-of-six" in svg
        assert all(f"note-{j}-of-six" not in svg for j in results if j != i)


# -- options and layout (no rendering) -----------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"chart_id": "pie"},
        {"preset": "poster"},
        {"fmt": "gif"},
        {"scale": 4},
        {"preset": "custom"},
        {"preset": "custom", "width": 200, "height": 600},
        {"preset": "custom", "width": 4000, "height": 4000, "scale": 3},
    ],
)
def test_bad_options_are_refused_with_a_message(fields):
    with pytest.raises(ValueError, match=r"\S"):
        ExportOptions(**{"chart_id": "growth", **fields})


def test_too_small_for_its_text_says_so(ds):
    tiny = ExportOptions("missions_regions", ViewState(), preset="custom", width=300, height=300)
    with pytest.raises(ValueError, match="no room"):
        export_figure(ds, tiny)


def test_long_source_wraps_to_the_width():
    lines = wrap_lines("Источник: " + "длинное название " * 20, 500, 12)
    assert len(lines) > 2
    assert all(len(line) * 12 * EM_REGULAR <= 500 for line in lines)


def test_export_figure_uses_the_screen_figure_at_a_fixed_size(ds):
    fig = export_figure(ds, ExportOptions("growth", SEPTEMBER, preset="square"))
    screen = checked(build_chart(ds, "growth", SEPTEMBER))
    assert (fig.layout.width, fig.layout.height) == (1080, 1080)
    assert list(fig.data[0].y) == list(screen.data[0].y)
    assert fig.layout.font.family == screen.layout.font.family


# -- alt text ------------------------------------------------------------------------------------


def test_alt_text_growth_ru(ds):
    chart = build_chart(ds, "growth", view("ru"))
    assert alt_text(chart, "ru") == (
        "Столбчатая диаграмма: Промышленное производство, январь–сентябрь 2024: "
        "Армения 12,6\u00a0%, Беларусь 6,4\u00a0%, Россия 4,4\u00a0%; ЕАЭС 4,4\u00a0%. "
        "Нет данных: Казахстан, Кыргызстан."
    )


def test_alt_text_growth_en(ds):
    chart = build_chart(ds, "growth", view("en"))
    assert alt_text(chart, "en") == (
        "Bar chart: Industrial production, Jan–Sep 2024: "
        "Armenia 12.6%, Belarus 6.4%, Russia 4.4%; EAEU 4.4%. "
        "No data: Kazakhstan, Kyrgyzstan."
    )


def test_alt_text_map_counts_missions_by_type_and_names_cities(ds):
    chart = build_chart(ds, "missions", ViewState())
    text = alt_text(chart, "ru")
    assert text.startswith("Карта: Учреждения Беларуси в регионах России, по состоянию на")
    assert f"Всего учреждений: {len(chart.data)} (" in text
    counts = chart.data["type"].value_counts()
    assert f"посольство: {counts['embassy']}" in text
    for city in chart.data["city"]:
        assert city in text
    assert "Города: " in text


def test_alt_text_map_en_and_line_chart(ds):
    assert alt_text(build_chart(ds, "missions", ViewState(lang="en")), "en").startswith(
        "Map: Belarusian missions in Russian regions, as of"
    )
    trend = alt_text(build_chart(ds, "trend", ViewState(lang="en")), "en")
    assert trend.startswith("Line chart: Industrial production over time. Armenia: from 1.0%")
    assert trend.endswith(".")


def test_alt_text_of_an_empty_chart(ds):
    chart = build_chart(ds, "trend", ViewState(countries=()))
    assert (
        alt_text(chart, "ru") == "Линейный график: Промышленное производство: динамика. Нет данных."
    )


# -- file names ----------------------------------------------------------------------------------


def test_modebar_camera_saves_a_named_image(ds):
    from components.common import camera_options

    options = camera_options("growth", SEPTEMBER, ds)
    assert options["filename"].startswith("eaeu_growth_industrial-production_2024-09_ru_")
    assert "." not in options["filename"]
    assert (options["width"], options["height"], options["scale"]) == (1200, 675, 2)


# -- the pack and its data files -----------------------------------------------------------------


SITE = "https://eaeu.example.org/"


def test_pack_holds_images_data_alt_text_and_sources(ds, renderer):
    data = export_pack(ds, SEPTEMBER, "ru", renderer, TODAY, site=SITE)
    archive = zipfile.ZipFile(io.BytesIO(data))
    growth = "eaeu_growth_industrial-production_2024-09_ru_article_2026-11-26"
    trend = "eaeu_trend_industrial-production_ru_article_2026-11-26"
    expected = {
        f"{stem}.{ext}" for stem in (growth, trend) for ext in ("png", "svg", "csv", "xlsx")
    }
    assert set(archive.namelist()) == expected | {"alt-text.txt", "SOURCES.txt"}
    assert png(archive.read(f"{growth}.png")).size == (2400, 1350)
    assert archive.read(f"{growth}.svg").startswith(b"<svg")
    table = archive.read(f"{growth}.csv")
    assert table.startswith(BOM)
    # The same file as the page's data download of the chart, machine columns included.
    chart = build_chart(ds, "growth", SEPTEMBER)
    assert table == downloads.to_csv(downloads.chart_table(ds, chart))
    workbook = load_workbook(io.BytesIO(archive.read(f"{trend}.xlsx")))
    assert workbook.sheetnames == ["Динамика", "Источники"]
    assert workbook["Динамика"]["A1"].value == "Страна"
    # Jan-Jun 2023, 2024, 2025: BELTA twice and 24.kg, each with its date.
    assert workbook["Источники"].max_row == 4
    alt = archive.read("alt-text.txt").decode()
    assert "Столбчатая диаграмма: Промышленное производство, январь–сентябрь 2024" in alt
    sources = archive.read("SOURCES.txt").decode()
    assert "Евразийская экономическая комиссия" in sources and "https://belta.by/" in sources


def test_the_pack_of_any_tab_holds_all_its_charts():
    assert pack_chart_ids(ViewState(tab="indicators")) == ("growth", "trend")
    missions = ("missions", "missions_regions", "missions_districts")
    assert pack_chart_ids(ViewState(tab="missions")) == missions
    assert pack_chart_ids(ViewState(tab="table", table="missions")) == ("missions",)
    assert pack_chart_ids(ViewState(tab="table", table="trend")) == ("trend",)


def test_missions_pack_has_map_counts_and_the_snapshot_source(ds, renderer):
    view = ViewState(tab="missions", snapshot="2026-01-26", lang="en")
    archive = zipfile.ZipFile(io.BytesIO(export_pack(ds, view, "en", renderer, TODAY, site=SITE)))
    for chart_id in ("missions", "missions-regions", "missions-districts"):
        stem = f"eaeu_{chart_id}_2026-01-26_en_article_2026-11-26"
        assert {f"{stem}.{ext}" for ext in ("png", "svg", "csv", "xlsx")} <= set(archive.namelist())
    rows = archive.read("eaeu_missions_2026-01-26_en_article_2026-11-26.csv").decode("utf-8-sig")
    assert ",2026-01-26,True,BLR," in rows and "https://omskinform.ru/news/216655" in rows
    sources = archive.read("SOURCES.txt").decode()
    assert sources.count("https://omskinform.ru/news/216655") == 3  # under each chart


def test_sources_link_to_the_view_on_the_site(ds, renderer):
    view = ViewState(tab="table", table="growth", period="2024-09", lang="en")
    site = "https://newsroom.example/eaeu"
    data = export_pack(ds, view, "en", renderer, TODAY, site=site)
    sources = zipfile.ZipFile(io.BytesIO(data)).read("SOURCES.txt").decode()
    link = next(line for line in sources.splitlines() if line.startswith("View on the site: "))
    resolved = view.resolve(ds)
    assert link == f"View on the site: https://newsroom.example/eaeu/{resolved.to_query()}"
    assert not any(line.lstrip().startswith("?") for line in sources.splitlines())
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        export_pack(ds, view, "en", renderer, TODAY, site="")


# -- the renderer recovers, or fails fast and clearly -------------------------------------------


def test_renderer_restarts_after_its_browser_is_killed(ds, renderer):
    options = ExportOptions("growth", SEPTEMBER, fmt="svg")
    render(ds, options, renderer)
    first = renderer.browser_pid
    os.kill(first, signal.SIGKILL)
    assert render(ds, options, renderer).startswith(b"<svg")
    assert renderer.browser_pid not in (None, first)


def test_render_retries_once_when_the_browser_dies_mid_render(ds):
    """The browser dies after the renderer handed out its session, before the render."""
    killed = []

    def open_then_kill(*args):
        session = BrowserSession(*args)
        if not killed:
            killed.append(session.pid)
            os.kill(session.pid, signal.SIGKILL)
            session.kaleido.subprocess.wait()
        return session

    renderer = Renderer(open_browser=open_then_kill)
    try:
        svg = render(ds, ExportOptions("growth", SEPTEMBER, fmt="svg"), renderer)
        assert svg.startswith(b"<svg")
        assert renderer.browser_pid not in (None, killed[0])
    finally:
        renderer.close()


NO_BROWSER_SCRIPT = """
import argparse
from cli.export import add_export_parser, run_export
from eaeu.i18n import t
from eaeu.figures import FONT_FAMILY
parser = argparse.ArgumentParser()
add_export_parser(parser.add_subparsers())
args = parser.parse_args(["export", "--chart", "growth", "--out", {out!r}, "--database-url", {url!r}])
raise SystemExit(run_export(args))
"""


def test_missing_browser_fails_fast_with_a_clear_message(tmp_path):
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-chromium")}
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    script = NO_BROWSER_SCRIPT.format(out=str(tmp_path / "out"), url=url)
    # The timeout only guards the test run against a hang; the export must fail by itself.
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: No Chromium found: install chromium")
    assert "Traceback" not in result.stderr


# -- command line --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> str:
    """The command line's own store, seeded from the shipped data."""
    return f"sqlite:///{tmp_path_factory.mktemp('cli') / 'store.sqlite3'}"


@pytest.fixture
def cli(cli_store):
    def run(*argv: str) -> int:
        parser = argparse.ArgumentParser(prog="app.py")
        add_export_parser(parser.add_subparsers(dest="command"))
        store = ["--database-url", cli_store, "--data-dir", str(DEFAULT_DATA_DIR)]
        return run_export(parser.parse_args(["export", *argv, *store]))

    return run


def test_cli_exports_one_chart(cli, tmp_path, renderer, capsys):
    code = cli("--chart", "growth", "--period", "2024-09", "--lang", "ru", "--preset", "article",
               "--format", "png", "--out", str(tmp_path))  # fmt: skip
    printed = capsys.readouterr().out.split()
    assert code == 0
    assert len(printed) == 1
    path = tmp_path / printed[0].rsplit("/", 1)[-1]
    assert path.name.startswith("eaeu_growth_industrial-production_2024-09_ru_article_")
    assert png(path.read_bytes()).size == (2400, 1350)


def test_cli_all_charts_custom_size(cli, tmp_path, renderer, capsys):
    code = cli("--all", "--lang", "en", "--preset", "custom", "--width", "900",
               "--height", "600", "--scale", "1", "--format", "svg", "--out", str(tmp_path))  # fmt: skip
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == len(CHART_IDS)
    assert all(
        name.endswith("_en_900x600_" + dt.date.today().isoformat() + ".svg") for name in written
    )
    assert len(capsys.readouterr().out.split()) == len(CHART_IDS)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--period", "2099-01", "error: no period '2099-01' for industrial_production; expected"),
        ("--span", "ytd-7", "error: no period length 'ytd-7' for industrial_production"),
        ("--snapshot", "1999-01-01", "error: no snapshot '1999-01-01'; expected one of"),
    ],
)
def test_cli_unknown_period_is_an_error_not_a_fallback(
    cli, tmp_path, capsys, option, value, message
):
    code = cli("--chart", "growth", option, value, "--format", "svg", "--out", str(tmp_path))
    assert code == 1
    assert capsys.readouterr().err.startswith(message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--chart", "pie"], "error: unknown chart 'pie'"),
        ([], "error: say which chart"),
        (["--chart", "growth", "--preset", "custom"], "error: the custom preset needs"),
        (["--chart", "growth", "--format", "gif"], "error: unknown format 'gif'"),
        (["--chart", "growth", "--indicator", "nope"], "error: unknown indicator 'nope'"),
        (["--chart", "growth", "--lang", "de"], "error: unknown language 'de'"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_1(cli, tmp_path, capsys, argv, message):
    assert cli(*argv, "--out", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert not any(tmp_path.iterdir())


def test_cli_pack_needs_the_site_address(cli, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    assert cli("--pack", "missions", "--out", str(tmp_path)) == 1
    assert capsys.readouterr().err == (
        "error: a pack links to the site: give --public-url URL or set PUBLIC_URL\n"
    )
    assert cli("--pack", "data", "--public-url", SITE, "--out", str(tmp_path)) == 1
    assert capsys.readouterr().err.startswith("error: unknown tab 'data'")
    assert not any(tmp_path.iterdir())


def test_cli_writes_the_pack_of_a_tab(cli, tmp_path, renderer, capsys, monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://from-the-environment.example/")
    code = cli("--pack", "missions", "--snapshot", "2023-10-02", "--lang", "en",
               "--public-url", SITE, "--out", str(tmp_path))  # fmt: skip
    assert code == 0
    path = tmp_path / capsys.readouterr().out.strip().rsplit("/", 1)[-1]
    assert path.name.startswith("eaeu_missions_2023-10-02_en_") and path.suffix == ".zip"
    archive = zipfile.ZipFile(path)
    assert sum(n.endswith(".png") for n in archive.namelist()) == 3
    sources = archive.read("SOURCES.txt").decode()
    assert f"View on the site: {SITE}?lang=en&tab=missions&" in sources


def test_cli_exports_what_the_store_holds_after_an_upload(tmp_path, renderer, capsys):
    """One source of truth: a period uploaded into the store is exported, not 'the latest'."""
    upload = tmp_path / "synthetic.csv"
    upload.write_text(
        "indicator,geo,period,value,source_name\n"
        "industrial_production,ARM,2031-10,1.5,Synthetic test source\n",
        encoding="utf-8",
    )
    store = ["--database-url", f"sqlite:///{tmp_path / 'store.sqlite3'}"]
    named = ["--source-name-ru", "Синтетический тестовый источник"]  # the file names it in English
    assert cli_main(["import", str(upload), "--editor", "tester", *named, *store]) == 0
    capsys.readouterr()
    argv = ["export", "--chart", "growth", "--period", "2031-10", "--format", "svg"]
    code = cli_main([*argv, "--out", str(tmp_path / "out"), *store])
    out = capsys.readouterr()
    assert code == 0
    assert "no period" not in out.err
    assert "2031-10" in out.out
