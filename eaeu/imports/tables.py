"""Finding the table in a grid: its header row and layout (long, wide, transposed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eaeu.imports.cells import YEAR, cell_text, parse_period
from eaeu.imports.grid import HEADER_SCAN_ROWS, Grid
from eaeu.imports.reference import Reference, normalise_name

FIELD_NAMES = {
    "indicator": ("indicator", "indicator id", "показатель", "индикатор"),
    "geo": ("geo", "country", "страна", "государство", "geography", "код страны", "country code"),
    "period": ("period", "период"),
    "period_start": ("period start", "начало периода", "start", "начало"),
    "period_end": ("period end", "конец периода", "окончание периода", "end", "конец"),
    "value": ("value", "значение", "величина"),
    # A source column that does not say its language: each name's letters tell (sources.py).
    "source_name": ("source name", "source", "источник", "название источника"),
    "source_name_ru": (
        "source name ru",
        "source (russian)",
        "источник (рус.)",
        "источник по-русски",
        "название источника по-русски",
    ),
    "source_name_en": (
        "source name en",
        "source (english)",
        "источник (англ.)",
        "источник по-английски",
        "название источника по-английски",
    ),
    "source_url": ("source url", "url", "ссылка", "ссылка на источник"),
    "source_date": ("source date", "дата источника", "дата публикации"),
}
FIELD_BY_NAME = {normalise_name(name): key for key, names in FIELD_NAMES.items() for name in names}
INDEX_HINTS = (
    "индекс",
    "index",
    "в % к",
    "% к соответствующему",
    "% к периоду",
    "темп роста",
    "% of",
)
GROWTH_HINTS = ("прирост", "growth", "изменени", "change")


def header_field(cell: object) -> str | None:
    text = normalise_name(str(cell).replace("_", " "))
    if text in FIELD_BY_NAME:
        return FIELD_BY_NAME[text]
    head = normalise_name(re.split(r"[,(]", str(cell).replace("_", " "))[0])
    return FIELD_BY_NAME.get(head)


@dataclass
class Table:
    layout: str  # "long" | "periods as columns" | "countries as columns"
    header: int  # grid index of the header row
    columns: dict[int, object]  # long: column -> field; wide: column -> DateSpan or geo code
    label_column: int = 0
    headers: dict[int, str] = field(default_factory=dict)
    hint: str = ""  # text above the table and in the value header: says index or growth?


def filled_row(grid: Grid, index: int) -> list[object]:
    """A row with merged cells spread over their whole range (as people read them)."""
    row = list(grid.rows[index])
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 <= grid.top + index <= r1:
            value = cell_at(grid, r0 - grid.top, c0 - grid.left)
            for column in range(c0 - grid.left, c1 - grid.left + 1):
                if 0 <= column < len(row):
                    row[column] = value
    return row


def cell_at(grid: Grid, row: int, column: int) -> object:
    if 0 <= row < len(grid.rows) and 0 <= column < len(grid.rows[row]):
        return grid.rows[row][column]
    return ""


def find_table(grid: Grid, ref: Reference) -> Table | None:
    scan = range(min(HEADER_SCAN_ROWS, len(grid.rows)))
    for index in scan:
        if table := _long_header(grid, index):
            return table
    for index in scan:
        if (table := _periods_header(grid, index)) and _countries_below(grid, table, ref):
            # A year row above month-range headers qualifies too: the lowest row is the header.
            while (lower := _periods_header(grid, table.header + 1)) is not None:
                table = lower
            return table
        if table := _countries_header(grid, index, ref):
            return table
    return None


def _above_text(grid: Grid, index: int) -> str:
    return " ".join(cell_text(c) for row in grid.rows[:index] for c in row if cell_text(c))


def _long_header(grid: Grid, index: int) -> Table | None:
    columns: dict[int, object] = {}
    headers: dict[int, str] = {}
    for column, cell in enumerate(grid.rows[index]):
        name = header_field(cell) if isinstance(cell, str) and cell.strip() else None
        if name and name not in columns.values():
            columns[column] = name
            headers[column] = cell_text(cell)
    fields = set(columns.values())
    if not {"geo", "value"} <= fields or not fields & {"period", "period_end"}:
        return None
    value_header = next(headers[c] for c, f in columns.items() if f == "value")
    hint = f"{_above_text(grid, index)} {value_header}"
    return Table("long", index, columns, headers=headers, hint=hint)


def _years_row(grid: Grid, index: int) -> list[object]:
    """The row above a header, a year spread over the columns it heads (merged or not)."""
    if index < 0:
        return []
    row, year = filled_row(grid, index), ""
    for column, cell in enumerate(row):
        if isinstance(cell, int | float) or YEAR.fullmatch(cell_text(cell)):
            year = cell
        elif cell_text(cell):
            year = ""
        else:
            row[column] = year
    return row


def _periods_header(grid: Grid, index: int) -> Table | None:
    if index >= len(grid.rows):
        return None
    row = filled_row(grid, index)
    above = _years_row(grid, index - 1)
    periods: dict[int, object] = {}
    headers: dict[int, str] = {}
    for column, cell in enumerate(row):
        text = cell_text(cell)
        if not text:
            continue
        year = parse_period(above[column]) if column < len(above) else None
        default_year = year[0].year if year and year[0].month == 1 and year[1].month == 12 else None
        period = parse_period(cell, default_year)
        if period:
            periods[column] = period
            headers[column] = (
                f"{text} {default_year}" if default_year and not YEAR.search(text) else text
            )
    if not periods or min(periods) == 0:
        return None
    hint = _above_text(grid, index)
    return Table("periods as columns", index, periods, 0, headers, hint)


def _countries_below(grid: Grid, table: Table, ref: Reference) -> bool:
    """Periods across need countries down the left, or it is not such a table."""
    first = min(table.columns)
    below = grid.rows[table.header + 1 : table.header + 40]
    return any(isinstance(c, str) and ref.geo(c) for row in below for c in row[:first])


def _countries_header(grid: Grid, index: int, ref: Reference) -> Table | None:
    geos: dict[int, object] = {}
    headers: dict[int, str] = {}
    for column, cell in enumerate(grid.rows[index]):
        if isinstance(cell, str) and cell.strip() and (code := ref.geo(cell)):
            geos[column] = code
            headers[column] = cell_text(cell)
    if len(geos) < 2 or min(geos) == 0:
        return None
    return Table("countries as columns", index, geos, 0, headers, _above_text(grid, index))
