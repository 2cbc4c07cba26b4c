"""One naming scheme for every file the product writes (eaeu/filenames.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eaeu.charts import CHART_IDS
from eaeu.export.options import ExportOptions
from eaeu.filenames import (
    DATA_FORMATS,
    TEMPLATE,
    chart_stem,
    data_name,
    image_name,
    pack_name,
    slug,
    version_name,
)
from eaeu.view import ViewState

TODAY = dt.date(2026, 11, 26)


def resolved(ds, **fields):
    return ViewState(**fields).resolve(ds)


def test_image_names_say_what_when_and_how_big(ds):
    september = resolved(ds, period="2024-09")
    assert image_name("growth", september, "article", "png", TODAY) == (
        "eaeu_growth_industrial-production_2024-09_ru_article_2026-11-26.png"
    )
    custom = ExportOptions("trend", ViewState(lang="en"), preset="custom", width=800, height=600)
    assert image_name("trend", custom.view.resolve(ds), custom.size_label, "svg", TODAY) == (
        "eaeu_trend_industrial-production_en_800x600_2026-11-26.svg"
    )
    snapshot = resolved(ds, snapshot="2023-10-02")
    assert image_name("missions_regions", snapshot, "article", "pdf", TODAY) == (
        "eaeu_missions-regions_2023-10-02_ru_article_2026-11-26.pdf"
    )


def test_data_downloads_follow_the_same_scheme_and_differ_by_variant(ds):
    september = resolved(ds, period="2024-09", transform="index")
    csv = data_name(september, "csv", today=TODAY)
    excel = data_name(september, "csv_ru", today=TODAY)
    assert csv == "eaeu_growth_industrial-production_index_2024-09_ru_2026-11-26.csv"
    assert excel == "eaeu_growth_industrial-production_index_2024-09_ru_excel_2026-11-26.csv"
    missions = resolved(ds, tab="missions", snapshot="2023-10-02")
    assert data_name(missions, "xlsx", today=TODAY) == "eaeu_missions_2023-10-02_ru_2026-11-26.xlsx"
    table = resolved(ds, tab="table", table="trend", lang="en")
    assert data_name(table, "xlsx", today=TODAY) == (
        "eaeu_trend_industrial-production_en_2026-11-26.xlsx"
    )


@pytest.mark.parametrize("tab", ["indicators", "missions", "table"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_data_format_gets_its_own_name(ds, tab, lang):
    view = resolved(ds, tab=tab, lang=lang)
    names = [data_name(view, fmt, today=TODAY) for fmt in DATA_FORMATS]
    assert len(set(names)) == len(DATA_FORMATS) == 3
    assert [n.rsplit(".", 1)[1] for n in names] == ["csv", "csv", "xlsx"]


def test_packs_versions_and_the_template(ds):
    missions = resolved(ds, tab="missions", snapshot="2023-10-02")
    assert pack_name(missions, TODAY) == "eaeu_missions_2023-10-02_ru_2026-11-26_pack.zip"
    assert pack_name(resolved(ds, period="2024-09"), TODAY) == (
        "eaeu_indicators_industrial-production_2024-09_ru_2026-11-26_pack.zip"
    )
    assert version_name(12) == "eaeu_data_v12.xlsx"
    assert TEMPLATE == "eaeu_import-template.xlsx"


def test_names_are_ascii_and_never_newplot(ds):
    for chart_id in CHART_IDS:
        for lang in ("ru", "en"):
            name = chart_stem(chart_id, resolved(ds, lang=lang), size="article")
            assert name.isascii() and "newplot" not in name
            assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_x")
    assert slug("Промышленное производство / объём") == "promyshlennoe-proizvodstvo-obem"
