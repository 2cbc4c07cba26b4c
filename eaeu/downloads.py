"""Data downloads of a view: CSV for any spreadsheet, CSV for Russian Excel, and XLSX."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

# Spreadsheet programs run cell text starting with these as formulas (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
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
    sheets: dict[str, tuple[pd.DataFrame, list[tuple[str, str]]]], sources: pd.DataFrame
) -> bytes:
    """One sheet per table plus a Sources sheet; every text cell is stored as text."""
    book = Workbook()
    book.remove(book.active)
    for title, (frame, columns) in sheets.items():
        _write_sheet(book, title, _display_frame(frame, columns, for_csv=False))
    _write_sheet(book, "Sources", sources)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(book: Workbook, title: str, frame: pd.DataFrame) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for index, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl saves any string starting with '=' as a formula unless told otherwise;
                # the quote prefix keeps Excel from running it when the cell is edited later.
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_TRIGGERS):
                    cell.quotePrefix = True
    sheet.freeze_panes = "A2"


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def sources_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The distinct sources behind the rows, for the Sources sheet."""
    columns = [c for c in ("source_name", "source_url", "source_date") if c in frame.columns]
    if not columns:
        return pd.DataFrame(columns=["source_name"])
    headers = {
        "source_name": "Источник" if lang == "ru" else "Source",
        "source_url": "URL",
        "source_date": "Дата публикации" if lang == "ru" else "Published",
    }
    return frame[columns].drop_duplicates().rename(columns=headers).reset_index(drop=True)
