"""Data downloads and every workbook the product writes (eaeu/downloads.py, eaeu/xlsx.py)."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from eaeu import downloads
from eaeu.charts import build_chart
from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import build_dataset, read_tables
from eaeu.store import Store
from eaeu.view import ViewState

SYNTHETIC = pd.DataFrame(  # synthetic rows: hostile text in every position
    {
        "name": ['=HYPERLINK("http://x")', "+7", "-1", "@SUM(A1)", "\tx", "\rCR", "Армения"],
        "value": [1.5, -2.5, 3.0, 4.0, 5.0, 6.0, 1.5],
    }
)
COLUMNS = [("name", "Страна"), ("value", "Значение")]
MACHINE_OBSERVATION = [
    "indicator",
    "geo",
    "period_start",
    "period_end",
    "value",
    "unit",
    "source_name_ru",
    "source_name_en",
    "source_url",
    "source_date",
]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SEPTEMBER = ViewState(period="2024-09")


def rows(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def table(ds, chart_id: str, view: ViewState) -> pd.DataFrame:
    return downloads.chart_table(ds, build_chart(ds, chart_id, view))


# -- formula safety ------------------------------------------------------------------------------


def test_csv_has_bom_and_neutralised_formulas():
    data = downloads.to_csv(downloads.display_frame(SYNTHETIC, COLUMNS))
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Страна,Значение"
    assert "'=HYPERLINK" in text and "'+7" in text and "'-1" in text and "'@SUM" in text
    assert "Армения,1.5" in text and "-2.5" in text  # a negative number stays a number
    names = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert not any(name.startswith(("=", "+", "-", "@", "\t", "\r")) for name in names)


def test_xlsx_keeps_formula_like_text_as_text():
    content = downloads.to_xlsx({"synthetic": downloads.display_frame(SYNTHETIC, COLUMNS)}, "en")
    sheet = load_workbook(io.BytesIO(content))["synthetic"]
    hostile = sheet["A2"]
    assert hostile.value == '=HYPERLINK("http://x")' and hostile.data_type == "s"
    assert hostile.quotePrefix
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 9))
    assert sheet["B3"].value == -2.5


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


# -- observation columns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "readable"),
    [
        ("ru", ["Страна", "Период", "Значение", "Ед.", "Источник"]),
        ("en", ["Country", "Period", "Value", "Unit", "Source"]),
    ],
)
def test_observations_have_readable_then_machine_columns(ds, lang, readable):
    frame = table(ds, "growth", ViewState(period="2024-09", lang=lang))
    assert list(frame.columns) == readable + MACHINE_OBSERVATION
    armenia = frame[frame["geo"] == "ARM"].iloc[0]
    assert armenia["indicator"] == "industrial_production"
    assert (armenia["period_start"], armenia["period_end"]) == ("2024-01-01", "2024-09-30")
    assert (armenia["value"], armenia["unit"]) == (12.6, "%")
    assert armenia["source_name_ru"].startswith("Евразийская экономическая комиссия")
    assert armenia["source_name_en"].startswith("Eurasian Economic Commission")
    assert set(frame["geo"]) == {"ARM", "BLR", "RUS", "EAEU"}


def test_csv_for_russian_excel_uses_semicolon_and_decimal_comma(ds):
    data = downloads.to_csv(table(ds, "growth", SEPTEMBER), "csv_ru")
    text = data.decode("utf-8-sig")
    assert "Армения;январь–сентябрь 2024;12,6;%;" in text
    assert ";industrial_production;ARM;2024-01-01;2024-09-30;12,6;%;" in text
    assert rows(data, ";")[0]["geo"] == "ARM"


def test_every_date_is_iso_and_every_geo_a_code(ds):
    frame = table(ds, "trend", ViewState())
    assert len(frame) > 10
    assert frame["period_start"].map(ISO_DATE.match).all()
    assert frame["period_end"].map(ISO_DATE.match).all()
    assert set(frame["geo"]) <= set(ds.geographies["code"])


@pytest.fixture(scope="module")
def synthetic_ds():
    """The shipped data plus ONE SYNTHETIC observation with many decimals (Kazakhstan,
    Jan-Sep 2024, a period the real sources leave without a Kazakh figure)."""
    raw = read_tables(DEFAULT_DATA_DIR)
    extra = {
        "indicator": "industrial_production",
        "geo": "KAZ",
        "period_start": "2024-01-01",
        "period_end": "2024-09-30",
        "value": "-3.14159265",
        "source_name_ru": "Синтетический тестовый источник",
        "source_name_en": "Synthetic test source",
        "source_url": "https://synthetic.invalid/kaz",
        "source_date": "2024-10-01",
    }
    observations = pd.concat([raw["observations"], pd.DataFrame([extra])], ignore_index=True)
    return build_dataset({**raw, "observations": observations})


def test_machine_value_is_the_published_figure_unrounded(synthetic_ds):
    """The chart rounds to one decimal and may show a transform; the file holds the figure."""
    frame = table(synthetic_ds, "growth", ViewState(period="2024-09", transform="index"))
    kazakhstan = frame[frame["geo"] == "KAZ"].iloc[0]
    assert kazakhstan["Индекс (пред. год = 100)"] == pytest.approx(100 - 3.14159265)
    assert kazakhstan["value"] == -3.14159265 and kazakhstan["unit"] == "%"
    text = downloads.to_csv(frame, "csv_ru").decode("utf-8-sig")
    assert ";KAZ;2024-01-01;2024-09-30;-3,14159265;%;" in text
    plain = rows(downloads.to_csv(frame))
    assert next(r for r in plain if r["geo"] == "KAZ")["value"] == "-3.14159265"


# -- missions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("snapshot", ["2023-10-02", "2024-07-01", "2026-01-26"])
def test_missions_carry_snapshot_source_as_of_and_codes(ds, snapshot):
    frame = table(ds, "missions", ViewState(tab="missions", snapshot=snapshot, lang="en"))
    snap = ds.snapshots[ds.snapshots["as_of"].astype(str) == snapshot].iloc[0]
    assert list(frame.columns[:6]) == [
        "City",
        "Region",
        "Federal district",
        "Type",
        "Status",
        "Note",
    ]
    assert len(frame) == (ds.missions["as_of"].astype(str) == snapshot).sum() > 0
    assert set(frame["as_of"]) == {snapshot}
    assert set(frame["snapshot_complete"]) == {bool(snap["complete"])}
    for field in ("source_name_ru", "source_name_en", "source_url", "source_date"):
        assert set(frame[field]) == {snap[field]}, field
    assert frame["region"].str.match(r"^RU-[A-Z]{2,3}$").all()
    assert set(frame["place"]) <= set(ds.tables["places"]["id"])
    assert frame["lat"].between(40, 75).all() and frame["lon"].between(19, 180).all()
    assert set(frame["sending_country"]) == {"BLR"}


def test_the_missions_counts_charts_download_the_same_rows(ds):
    view = ViewState(tab="missions", snapshot="2026-01-26")
    pd.testing.assert_frame_equal(table(ds, "missions", view), table(ds, "missions_regions", view))


# -- XLSX and its sources sheet ------------------------------------------------------------------


def distinct_sources(frames: list[pd.DataFrame], name: str) -> set[tuple]:
    fields = [name, "source_url", "source_date"]
    return {tuple(r) for f in frames for r in f[fields].itertuples(index=False)}


def test_sources_sheet_lists_every_source_of_every_sheet(ds):
    charts = [build_chart(ds, c, ViewState(lang="en")) for c in ("growth", "trend")]
    content = downloads.view_file(ds, charts, "xlsx", "en")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["By country", "Over time", "Sources"]
    sheet = book["Sources"]
    assert [c.value for c in sheet[1]] == ["Source", "URL", "Published"]
    listed = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]
    assert len(listed) == len(set(listed))  # each name + URL + date once
    expected = distinct_sources([c.data for c in charts], "source_name_en")
    assert set(listed) == expected
    trend_only = distinct_sources([charts[1].data], "source_name_en") - distinct_sources(
        [charts[0].data], "source_name_en"
    )
    assert len(trend_only) == 3  # Jan-Jun 2023, 2024, 2025: there, not only the bars' source
    assert ("24.kg (EEC)", None, "2025") in listed


def test_missions_xlsx_names_the_snapshot_source(ds):
    view = ViewState(tab="missions", snapshot="2026-01-26")
    content = downloads.view_file(ds, [build_chart(ds, "missions", view)], "xlsx", "ru")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Учреждения", "Источники"]
    header = [c.value for c in book["Учреждения"][1]]
    assert {"as_of", "snapshot_complete", "region", "lat", "lon", "source_url"} <= set(header)
    sources = [[c.value for c in row] for row in book["Источники"].iter_rows(min_row=2)]
    snap = ds.snapshots.iloc[-1]
    assert sources == [[snap["source_name_ru"], snap["source_url"], snap["source_date"]]]


def test_view_file_formats(ds):
    charts = [build_chart(ds, c, SEPTEMBER) for c in ("growth", "trend")]
    plain = downloads.view_file(ds, charts, "csv", "ru").decode("utf-8-sig")
    excel = downloads.view_file(ds, charts, "csv_ru", "ru").decode("utf-8-sig")
    assert plain.startswith("Страна,Период,") and excel.startswith("Страна;Период;")
    assert "январь–июнь 2023" not in plain  # the CSV is the main chart's (the bars') rows
    with pytest.raises(ValueError, match="unknown data format"):
        downloads.view_file(ds, charts, "ods", "ru")


def test_an_empty_chart_downloads_its_header(ds):
    frame = table(ds, "trend", ViewState(countries=()))
    assert frame.empty and list(frame.columns)[-len(MACHINE_OBSERVATION) :] == MACHINE_OBSERVATION
    header = downloads.to_csv(frame).decode("utf-8-sig")
    assert header.startswith("Страна,Период,") and ",indicator,geo,period_start," in header
