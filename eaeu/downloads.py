"""Data downloads of a view: the rows behind its charts as CSV, CSV for Russian Excel and XLSX.

A download table is a chart's readable columns (headers in the reader's language) followed by
machine columns a researcher can join on: named as in `data/`, the same in every language,
ids and ISO codes and dates, numbers as stored. Readable columns whose content is the same in
every language (URL, dates, coordinates, the published figure) are given once, as machine
columns.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from eaeu import xlsx
from eaeu.charts import MISSIONS, Chart
from eaeu.dataset import Dataset
from eaeu.i18n import t
from eaeu.queries import source_column
from eaeu.xlsx import FORMULA_TRIGGERS

CSV_VARIANTS = ("csv", "csv_ru")
SOURCE_FIELDS = ("source_name_ru", "source_name_en", "source_url", "source_date")
OBSERVATION_FIELDS = ("indicator", "geo", "period_start", "period_end", "value", "unit")
MISSION_FIELDS = (
    "as_of",
    "snapshot_complete",
    "sending_country",
    "place",
    "region",
    "lat",
    "lon",
    "type",
    "status",
)
_GIVEN_AS_MACHINE_COLUMNS = {"published", "source_url", "source_date", "lat", "lon"}


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def display_frame(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> pd.DataFrame:
    """The frame's `columns` (field, header) in that order, named by their headers."""
    fields = [f for f, _ in columns]
    return frame.reindex(columns=fields).set_axis([h for _, h in columns], axis=1)


def chart_table(ds: Dataset, chart: Chart) -> pd.DataFrame:
    """The rows behind a chart: its readable columns, then the machine columns."""
    readable = [(f, h) for f, h in chart.columns if f not in _GIVEN_AS_MACHINE_COLUMNS]
    data = chart.data.reset_index(drop=True)
    if chart.shows == MISSIONS:
        machine = _mission_fields(ds, data)
    elif data.empty or "period_start" in data:
        machine = _observation_fields(ds, data)
    else:  # countries x periods (matrix): the cells are the figures, `geo` holds the codes
        machine = pd.DataFrame(index=data.index)
    return pd.concat([display_frame(data, readable), machine], axis=1)


def iso_dates(values: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text, whatever type the frame holds them in."""
    return values.map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") else v)


def _observation_fields(ds: Dataset, data: pd.DataFrame) -> pd.DataFrame:
    """The observation as stored: the published value (not a transform) in the indicator's unit."""
    fields = [*OBSERVATION_FIELDS, *SOURCE_FIELDS]
    if data.empty:
        return pd.DataFrame(columns=fields)
    units = ds.indicators.set_index("id")["unit"]
    published = data["published"] if "published" in data else data["value"]
    return data.reindex(columns=fields).assign(
        period_start=iso_dates(data["period_start"]),
        period_end=iso_dates(data["period_end"]),
        value=published,
        unit=data["indicator"].map(units),
    )


def _mission_fields(ds: Dataset, data: pd.DataFrame) -> pd.DataFrame:
    """The mission, its place and region (ISO 3166-2), and the snapshot that lists it."""
    fields = [*MISSION_FIELDS, *SOURCE_FIELDS]
    if data.empty:
        return pd.DataFrame(columns=fields)
    snapshots = ds.snapshots.set_index("as_of")
    out = data.reindex(columns=fields).assign(
        as_of=iso_dates(data["as_of"]),
        snapshot_complete=data["as_of"].map(snapshots["complete"]).astype(bool),
    )
    for field in SOURCE_FIELDS:
        out[field] = data["as_of"].map(snapshots[field])
    return out


def view_file(ds: Dataset, charts: list[Chart], fmt: str, lang: str) -> bytes:
    """A view's data download: 'csv' or 'csv_ru' of its main (first) chart, or 'xlsx' with a
    sheet per chart and the sources of all of them."""
    if fmt == "xlsx":
        return to_xlsx({t(f"sheet_{c.chart_id}", lang): chart_table(ds, c) for c in charts}, lang)
    if fmt not in CSV_VARIANTS:
        raise ValueError(f"unknown data format {fmt!r}")
    return to_csv(chart_table(ds, charts[0]), fmt)


def to_csv(table: pd.DataFrame, variant: str = "csv") -> bytes:
    """UTF-8 with BOM so Excel reads Cyrillic; `csv_ru` uses ';' and a decimal comma."""
    out = table.copy()
    for column in range(out.shape[1]):
        values = out.iloc[:, column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out.isetitem(column, values.map(neutralise))
    if variant == "csv_ru":
        text = out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    else:
        text = out.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(sheets: dict[str, pd.DataFrame], lang: str) -> bytes:
    """One sheet per table plus a sheet of every source of every table; text stays text."""
    book = xlsx.new_workbook()
    for title, table in sheets.items():
        _add_frame(book, title, table)
    _add_frame(book, t("sheet_sources", lang), sources_frame(sheets.values(), lang))
    return xlsx.to_bytes(book)


def _add_frame(book, title: str, frame: pd.DataFrame) -> None:
    header = [str(c) for c in frame.columns]
    widths = [
        max([len(str(c))] + [len(str(v)) for v in frame.iloc[:200, i]]) + 2
        for i, c in enumerate(frame.columns)
    ]
    xlsx.add_sheet(book, title, header, frame.itertuples(index=False), widths=widths)


def sources_frame(tables: Iterable[pd.DataFrame], lang: str) -> pd.DataFrame:
    """Every distinct source (name, URL, date) of the tables' rows, in the order first met."""
    name = source_column(lang)
    fields = [name, "source_url", "source_date"]
    headers = [t("col_source", lang), "URL", t("col_source_date", lang)]
    found = [table.reindex(columns=fields) for table in tables if name in table.columns]
    if not found:
        return pd.DataFrame(columns=headers)
    rows = pd.concat(found, ignore_index=True).dropna(subset=[name])
    return rows.drop_duplicates(ignore_index=True).set_axis(headers, axis=1)
