"""Data downloads and every workbook the product writes (eaeu/downloads.py, eaeu/xlsx.py)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from eaeu import downloads
from eaeu.charts import build_chart
from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import read_tables
from eaeu.store import Store
from eaeu.view import ViewState

SYNTHETIC = pd.DataFrame(  # synthetic rows: hostile text in every position
    {
        "name": ['=HYPERLINK("http://x")', "+7", "-1", "@SUM(A1)", "\tx", "Армения"],
        "value": [1.5] * 6,
    }
)
COLUMNS = [("name", "Страна"), ("value", "Значение")]


def test_csv_has_bom_and_neutralised_formulas():
    data = downloads.to_csv(SYNTHETIC, COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Страна,Значение"
    assert "'=HYPERLINK" in text and "'+7" in text and "'-1" in text and "'@SUM" in text
    assert "Армения,1.5" in text


def test_csv_for_russian_excel_uses_semicolon_and_decimal_comma(ds):
    chart = build_chart(ds, "growth", ViewState(period="2024-09"))
    text = downloads.to_csv(chart.data, chart.columns, "csv_ru").decode("utf-8-sig")
    assert "Армения;январь–сентябрь 2024;12,6;%" in text


def test_xlsx_has_data_and_sources_and_no_formulas(ds):
    chart = build_chart(ds, "trend", ViewState(lang="en"))
    content = downloads.to_xlsx(
        {"trend": (chart.data, chart.columns), "synthetic": (SYNTHETIC, COLUMNS)},
        downloads.sources_frame(chart.data, "en"),
        "en",
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["trend", "synthetic", "Sources"]
    assert book["trend"]["A1"].value == "Country"
    hostile = book["synthetic"]["A2"]
    assert hostile.value == '=HYPERLINK("http://x")' and hostile.data_type == "s"
    assert hostile.quotePrefix
    sources = [row[0].value for row in book["Sources"].iter_rows(min_row=2)]
    assert "24.kg (EEC)" in sources and "BELTA" in sources


def test_every_workbook_writer_keeps_text_as_text(store_with_hostile_text):
    """Stored versions go through the same writer as downloads: no cell runs as a formula."""
    book = load_workbook(io.BytesIO(store_with_hostile_text.version_xlsx()))
    cells = [c for row in book["observations"].iter_rows(min_row=2) for c in row]
    hostile = next(c for c in cells if c.value == "=1+1")
    assert hostile.data_type == "s" and hostile.quotePrefix
    values = [c.value for c in book["observations"]["E"][1:]]
    assert all(isinstance(v, int | float) for v in values if v is not None)


@pytest.fixture
def store_with_hostile_text(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    raw = read_tables(DEFAULT_DATA_DIR)
    observations = raw["observations"].copy()
    observations.loc[0, "source_name_ru"] = "=1+1"  # SYNTHETIC hostile source name
    store.initialise({**raw, "observations": observations})
    return store
