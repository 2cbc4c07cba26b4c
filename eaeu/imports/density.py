"""How many cells a sheet declares or holds, found before any sheet is loaded: dense sheets are
refused while they cost a few KB of reading, not gigabytes of parsed cells."""

from __future__ import annotations

import re
import zipfile

from defusedxml import ElementTree as SafeET

from eaeu.imports.grid import Refused
from eaeu.imports.limits import Limits
from eaeu.messages import msg
from eaeu.model import Problem

DIMENSION_HEAD = 4096  # the <dimension> element sits near the top of a worksheet part
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d*):?([A-Z]{1,3})(\d+)\"")
CELL_MARKS = (b"<c ", b"<c>", b"<c/>")  # a cell element, unprefixed
PREFIXED_CELL = re.compile(rb"<\w+:c[\s>/]")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def declared_shape(head: bytes) -> tuple[int, int] | None:
    """(rows, columns) a worksheet's <dimension ref="A1:CG199000"> declares; None without one."""
    match = DIMENSION.search(head)
    if match is None:
        return None
    first_row = int(match[2]) if match[2] else 1
    first_column = column_number(match[1].decode()) if match[1] else 1
    rows = int(match[4]) - min(first_row, int(match[4])) + 1
    columns = column_number(match[3].decode()) - first_column + 1
    return rows, max(columns, 1)


def check_declared(archive: zipfile.ZipFile, file: str, limits: Limits, names: dict) -> None:
    """Refuse a worksheet whose declared size is above the cell limit: reads ~4 KB of each."""
    for member in archive.infolist():
        if not _is_worksheet(member.filename):
            continue
        with archive.open(member) as stream:
            shape = declared_shape(stream.read(DIMENSION_HEAD))
        if shape and shape[0] * shape[1] > limits.max_cells:
            sheet = names.get(member.filename, member.filename)
            raise too_dense(file, sheet, limits, rows=shape[0], columns=shape[1])


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


class CellCounter:
    """Cells of one worksheet part counted while it streams by (check_zip inflates it anyway)."""

    def __init__(self) -> None:
        self.count, self._tail = 0, b""

    def add(self, chunk: bytes) -> int:
        joined = self._tail + chunk
        self.count += _cells_in(joined) - _cells_in(self._tail)
        self._tail = chunk[-8:]
        return self.count


def _cells_in(xml: bytes) -> int:
    count = sum(xml.count(mark) for mark in CELL_MARKS)
    if b":c" in xml:  # a namespace prefix on every tag (<x:c r="A1">): rare, so regex only then
        count += len(PREFIXED_CELL.findall(xml))
    return count


def too_dense(file: str, sheet: str | None, limits: Limits, **shape: int) -> Refused:
    if "rows" in shape:
        cells = shape["rows"] * shape["columns"]
        message = msg("too_many_cells", cells=cells, limit=limits.max_cells, **shape)
    else:
        message = msg("too_many_cells_counted", limit=limits.max_cells)
    return Refused([Problem(file, message, sheet=sheet)])


# -- OpenDocument: repeated rows and columns are counted, never expanded ------------------------

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE, ROW, CELL = (f"{{{TABLE_NS}}}{tag}" for tag in ("table", "table-row", "table-cell"))
COVERED = f"{{{TABLE_NS}}}covered-table-cell"
ROWS_REPEATED = f"{{{TABLE_NS}}}number-rows-repeated"
COLUMNS_REPEATED = f"{{{TABLE_NS}}}number-columns-repeated"
VALUE_TYPE = f"{{{OFFICE_NS}}}value-type"


class OdsTable:
    """The cells a reader would lay out for one table: up to its last row and column with data."""

    def __init__(self, name: str | None) -> None:
        self.name, self.rows, self.height, self.width = name, 0, 0, 0

    def add_row(self, row, limits: Limits, file: str) -> None:
        column, last = 0, 0
        for cell in row:
            if cell.tag not in (CELL, COVERED):
                continue
            column += _repeat(cell, COLUMNS_REPEATED)
            if cell.get(VALUE_TYPE) is not None or len(cell):
                last = column
        repeated = _repeat(row, ROWS_REPEATED)
        self.rows += repeated
        if last:
            self.height, self.width = self.rows, max(self.width, last)
            if self.height * self.width > limits.max_cells:
                raise too_dense(file, self.name, limits, rows=self.height, columns=self.width)


def _repeat(element, attribute: str) -> int:
    try:
        return max(1, int(element.get(attribute, "1")))
    except ValueError:
        return 1


def check_ods(archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
    """Refuse an .ods whose repeated rows or columns would lay out more cells than the limit."""
    table = None
    with archive.open("content.xml") as stream:
        for event, element in SafeET.iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == TABLE:
                    table = OdsTable(element.get(f"{{{TABLE_NS}}}name"))
                continue
            if element.tag == ROW and table is not None:
                table.add_row(element, limits, file)
                element.clear()
