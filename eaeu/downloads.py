"""Data downloads of a view: CSV for any spreadsheet, CSV for Russian Excel, and XLSX."""

from __future__ import annotations

import pandas as pd

from eaeu import xlsx
from eaeu.i18n import t
from eaeu.queries import source_column
from eaeu.xlsx import FORMULA_TRIGGERS

CSV_VARIANTS = ("csv", "csv_ru")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _display_frame(
    frame: pd.DataFrame, columns: list[tuple[str, str]], for_csv: bool = True
) -> pd.DataFrame:
    fields = [f for f, _ in columns]
    out = frame.reindex(columns=fields).rename(columns=dict(columns))
    if not for_csv:
        return out
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def to_csv(frame: pd.DataFrame, columns: list[tuple[str, str]], variant: str = "csv") -> bytes:
    """UTF-8 with BOM so Excel reads Cyrillic; `csv_ru` uses ';' and a decimal comma."""
    out = _display_frame(frame, columns)
    if variant == "csv_ru":
        text = out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    else:
        text = out.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(
    sheets: dict[str, tuple[pd.DataFrame, list[tuple[str, str]]]], sources: pd.DataFrame, lang: str
) -> bytes:
    """One sheet per table plus a sources sheet; every text cell is stored as text."""
    book = xlsx.new_workbook()
    for title, (frame, columns) in sheets.items():
        _add_frame(book, title, _display_frame(frame, columns, for_csv=False))
    _add_frame(book, t("sheet_sources", lang), sources)
    return xlsx.to_bytes(book)


def _add_frame(book, title: str, frame: pd.DataFrame) -> None:
    header = [str(c) for c in frame.columns]
    widths = [
        max([len(str(c))] + [len(str(v)) for v in frame[c].head(200)]) + 2 for c in frame.columns
    ]
    xlsx.add_sheet(book, title, header, frame.itertuples(index=False), widths=widths)


def sources_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The distinct sources behind the rows, for the Sources sheet."""
    name = source_column(lang)
    columns = [c for c in (name, "source_url", "source_date") if c in frame.columns]
    headers = {
        name: t("col_source", lang),
        "source_url": "URL",
        "source_date": t("col_source_date", lang),
    }
    if not columns:
        return pd.DataFrame(columns=[headers[name]])
    return frame[columns].drop_duplicates().rename(columns=headers).reset_index(drop=True)
