"""Every workbook the product writes goes through here: text stays text, never a formula.

Data downloads, the export pack, stored versions and the import template all hold text from
uploads; a cell starting with '=' (or '+', '-', '@') would run as a formula in a spreadsheet
(formula injection). Text is stored as a string with Excel's quote prefix, and characters that
XML cannot hold are shown as U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import io
import numbers
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

# Spreadsheet programs run cell text starting with these as formulas (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


def new_workbook(write_only: bool = False) -> Workbook:
    """An empty workbook; write-only for large tables (rows streamed, constant memory)."""
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    return book


def add_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    numeric: Iterable[int] = (),
    widths: Sequence[float] | None = None,
):
    """A sheet with a header row and `rows`; `numeric`: column positions whose text holds
    numbers (stored as numbers); `widths`: column widths, else none are set."""
    sheet = book.create_sheet(title[:31])  # Excel's limit on sheet names
    if widths and not book.write_only:
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width)
    numeric = frozenset(numeric)
    sheet.append([cell(sheet, str(h)) for h in header])
    for row in rows:
        sheet.append([cell(sheet, v, i in numeric) for i, v in enumerate(row)])
    if not book.write_only:
        sheet.freeze_panes = "A2"
    return sheet


def cell(sheet, value: object, numeric: bool = False):
    """One cell's value: numbers as numbers, dates as ISO text, every text as plain text."""
    if value is None or _missing(value):
        return None
    if isinstance(value, numbers.Real):
        return value
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    text = str(value)
    if numeric and text:
        try:
            return float(text)
        except ValueError:
            pass
    return text_cell(sheet, text)


def _missing(value: object) -> bool:
    try:
        return bool(value != value)  # NaN, NaT and pandas' NA are not equal to themselves
    except (TypeError, ValueError):
        return True


def text_cell(sheet, text: str):
    """A string cell that a spreadsheet shows as typed and never runs."""
    out = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))
    out.data_type = "s"  # openpyxl would store a leading '=' as a formula
    if text.startswith(FORMULA_TRIGGERS):
        out.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return out


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
