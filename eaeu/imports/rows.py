"""Reading a found table into observation rows, each problem located by sheet, row and column."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from decimal import Decimal

from eaeu.imports.cells import (
    MISSING_MARKS,
    DateSpan,
    cell_text,
    parse_day,
    parse_period,
    parse_source_date,
    parse_url,
    parse_value,
)
from eaeu.imports.columns import OBS_COLUMNS, VALUE
from eaeu.imports.grid import Grid
from eaeu.imports.options import Options
from eaeu.imports.reference import Reference
from eaeu.imports.sources import is_source_line, source_line_in, written_in_russian
from eaeu.imports.tables import Table, cell_at
from eaeu.messages import Invalid, Message, Text, msg, reason
from eaeu.model import Problem

CHUNK_ROWS = 5_000
MEMO_LIMIT = 200_000  # distinct cells remembered per column


class Reader:
    """Turns one table into rows, collecting problems located by sheet, row and column."""

    def __init__(self, grid: Grid, table: Table, file: str, ref: Reference, options: Options):
        self.grid, self.table, self.file, self.ref, self.options = grid, table, file, ref, options
        self.problems: list[Problem] = []
        self.rows: list[list[object]] = []  # OBS_COLUMNS order
        self.rows_at: list[tuple[int, str]] = []  # (sheet row, value column label) per row
        self.skipped = 0
        self.source_lines: list[str] = []  # "Источник: …" footnotes met below the header
        self._geo_cache: dict[str, str | None] = {}
        self._period_cache: dict[object, DateSpan | None] = {}

    def problem(self, message: Text, index: int, column: str | None = None) -> None:
        self.problems.append(
            Problem(self.file, message, self.grid.sheet_row(index), column, self.grid.name)
        )

    def label(self, column: int) -> str:
        header = self.table.headers.get(column) or cell_text(
            cell_at(self.grid, self.table.header, column)
        )
        return self.grid.column_label(column, header)

    def geo(self, cell: object) -> str | None:
        text = cell_text(cell)
        if text not in self._geo_cache:
            self._geo_cache[text] = self.ref.geo(text)
        return self._geo_cache[text]

    def period(self, cell: object) -> DateSpan | None:
        key = cell if isinstance(cell, str) else repr(cell)
        if key not in self._period_cache:
            self._period_cache[key] = parse_period(cell)
        return self._period_cache[key]

    def add(self, index: int, value_column: int, row: list[object]) -> None:
        self.rows.append(row)
        self.rows_at.append((self.grid.sheet_row(index), self.label(value_column)))

    def value(self, cell: object, index: int, column: int) -> Decimal | None:
        try:
            return parse_value(cell)
        except ValueError as exc:
            self.problem(reason(exc), index, self.label(column))
            return None

    def unknown_geo_message(self, text: str) -> Message:
        return msg("unknown_country", got=text, known=self.ref.geo_names)

    def unknown_geo(self, cell: object, index: int, column: int) -> None:
        self.problem(self.unknown_geo_message(cell_text(cell)), index, self.label(column))

    # -- wide: periods across, countries down ------------------------------------------------

    def read_periods_as_columns(self) -> None:
        periods = self.table.columns
        label_column = self._label_column(periods)
        for index in range(self.table.header + 1, len(self.grid.rows)):
            row = self.grid.rows[index]
            if self.source_note(row):
                continue
            cells = {c: row[c] if c < len(row) else "" for c in periods}
            label = row[label_column] if label_column < len(row) else ""
            if not any(cell_text(c).casefold() not in MISSING_MARKS for c in cells.values()):
                self.skipped += len(cells) if self.geo(label) else 0
                continue  # a note, a blank line or a country with no figures
            geo = self.geo(label)
            if geo is None:
                self.unknown_geo(label, index, label_column)
                continue
            for column, period in periods.items():
                self._wide_cell(index, column, geo, period, cells[column])

    def _label_column(self, data_columns: dict[int, object]) -> int:
        first = min(data_columns)
        below = self.grid.rows[self.table.header + 1 : self.table.header + 40]
        for column in range(first):
            if any(column < len(r) and self.geo(r[column]) for r in below):
                return column
        return first - 1

    def _wide_cell(self, index: int, column: int, geo: str, period: DateSpan, cell: object) -> None:
        before = len(self.problems)
        value = self.value(cell, index, column)
        if value is None:
            self.skipped += len(self.problems) == before
            return
        start, end = period
        self.add(
            index, column, ["", geo, start.isoformat(), end.isoformat(), value, "", "", "", ""]
        )

    # -- wide: countries across, periods down ------------------------------------------------

    def read_countries_as_columns(self) -> None:
        geos = self.table.columns
        label_column = self._period_label_column(geos)
        for index in range(self.table.header + 1, len(self.grid.rows)):
            row = self.grid.rows[index]
            if self.source_note(row):
                continue
            cells = {c: row[c] if c < len(row) else "" for c in geos}
            label = row[label_column] if label_column < len(row) else ""
            if not any(cell_text(c).casefold() not in MISSING_MARKS for c in cells.values()):
                continue
            period = self.period(label)
            if period is None:
                message = msg("expected_period", got=cell_text(label))
                self.problem(message, index, self.label(label_column))
                continue
            for column, geo in geos.items():
                self._wide_cell(index, column, geo, period, cells[column])

    def _period_label_column(self, data_columns: dict[int, object]) -> int:
        first = min(data_columns)
        below = self.grid.rows[self.table.header + 1 : self.table.header + 40]
        for column in range(first):
            if any(column < len(r) and self.period(r[column]) for r in below):
                return column
        return first - 1

    # -- long: one observation per row -------------------------------------------------------

    def read_long(self) -> None:
        """Column by column through memoised parsers (a 100,000-row file has few distinct
        cells), a chunk of rows at a time, so the sheet's cells never all exist as objects."""
        where = {name: column for column, name in self.table.columns.items()}
        parsers = self._long_parsers()
        fields = [
            (name, self.label(column), column, _memoised(parsers[name]))
            for name, column in where.items()
        ]
        first_row = self.grid.sheet_row(self.table.header + 1)
        body = self.grid.rows_from(self.table.header + 1)
        while chunk := list(itertools.islice(body, CHUNK_ROWS)):
            chunk = self._without_source_lines(chunk)
            shortest = min(map(len, chunk))
            parsed = [
                (name, label, parse(_column(chunk, c, shortest)))
                for name, label, c, parse in fields
            ]
            self._long_chunk(parsed, where, first_row, chunk)
            first_row += len(chunk)

    def source_note(self, row: list[object]) -> bool:
        """A footnote row such as 'Источник: …' (first cell) is kept aside, never read as data."""
        if not (row and is_source_line(row[0])):
            return False
        self.source_lines.append(source_line_in(row))
        return True

    def _without_source_lines(self, chunk: list[list[object]]) -> list[list[object]]:
        """A long table's footnote rows read as blank lines, so later rows keep their numbers."""
        notes = [i for i, row in enumerate(chunk) if row and is_source_line(row[0])]
        if not notes:
            return chunk
        chunk = list(chunk)
        for i in notes:
            self.source_note(chunk[i])
            chunk[i] = []
        return chunk

    def _long_chunk(
        self, fields: list, where: dict[str, int], first_row: int, chunk: list[list[object]]
    ) -> None:
        if not any(failed for _, _, (_, failed) in fields):
            self._clean_long_chunk(fields, where, first_row, chunk)
            return
        fields = [(name, label, results) for name, label, (results, _) in fields]
        value_label = self.label(where["value"])
        names = [name for name, _, _ in fields]
        labels = [label for _, label, _ in fields]
        for offset, cells in enumerate(zip(*(results for _, _, results in fields), strict=True)):
            if all(ok for ok, _ in cells):  # the common case: every cell read
                record = {name: result for name, (_, result) in zip(names, cells, strict=True)}
                errors = []
            else:
                record, errors = {}, []
                for name, label, (ok, result) in zip(names, labels, cells, strict=True):
                    if ok:
                        record[name] = result
                    else:
                        errors.append((label, result))
            if (errors and _blank(chunk[offset])) or (not errors and _empty(record, where)):
                continue  # a blank line (a required cell fails only on a line with something)
            if "period" in record:
                record["period_start"], record["period_end"] = record.pop("period")
            elif record.get("period_end", "~") < record.get("period_start", ""):
                errors.append((self.label(where["period_end"]), msg("period_backwards")))
            for label, message in errors:
                self.problems.append(
                    Problem(self.file, message, first_row + offset, label, self.grid.name)
                )
            if errors:
                continue
            if record["value"] is None:
                self.skipped += 1
                continue
            if "source_name" in record:
                _place_source_name(record)
            record.setdefault("indicator", self.options.indicator or "")
            self.rows.append([record.get(name, "") for name in OBS_COLUMNS])
            self.rows_at.append((first_row + offset, value_label))

    def _clean_long_chunk(
        self, fields: list, where: dict[str, int], first_row: int, chunk: list[list[object]]
    ) -> None:
        """The same rows as `_long_chunk` when every cell of the chunk was read: built column
        by column, the way 100,000-row files go through quickly."""
        columns = {name: [result for _, result in results] for name, _, (results, _) in fields}
        size = len(columns["value"])
        present = [columns[name] for name in where]
        if "period" in columns:
            spans = columns.pop("period")
            columns["period_start"] = [start for start, _ in spans]
            columns["period_end"] = [end for _, end in spans]
        elif "period_start" in columns and "period_end" in columns:
            backwards = [
                i
                for i, (start, end) in enumerate(
                    zip(columns["period_start"], columns["period_end"], strict=True)
                )
                if end < start
            ]
            if backwards:  # rare: let the row-by-row reader word every problem
                retry = [(name, label, (results, True)) for name, label, (results, _) in fields]
                self._long_chunk(retry, where, first_row, chunk)
                return
        empty = [""] * size
        if "source_name" in columns:
            _place_source_names(columns, empty)
        default = [self.options.indicator or ""] * size
        ordered = [
            columns.get(name, default if name == "indicator" else empty) for name in OBS_COLUMNS
        ]
        value_label = self.label(where["value"])
        for offset, row in enumerate(zip(*ordered, strict=True)):
            if row[VALUE] is None:
                # A gap in the figures is counted; a wholly blank line is not.
                if not all(column[offset] in ("", None) for column in present):
                    self.skipped += 1
                continue
            self.rows.append(list(row))
            self.rows_at.append((first_row + offset, value_label))

    def _long_parsers(self) -> dict[str, Callable[[object], object]]:
        ref, default_indicator = self.ref, self.options.indicator

        def indicator(cell: object) -> str:
            text = cell_text(cell)
            if not text:
                if default_indicator:
                    return default_indicator
                raise Invalid(msg("indicator_required"))
            found = ref.indicator(text)
            if found is None:
                raise Invalid(msg("unknown_indicator", got=text, known=sorted(ref.indicator_kind)))
            return found

        def geo(cell: object) -> str:
            text = cell_text(cell)
            if not text:
                raise Invalid(msg("country_required"))
            found = ref.geo(text)
            if found is None:
                raise Invalid(self.unknown_geo_message(text))
            return found

        def period(cell: object) -> tuple[str, str]:
            found = parse_period(cell)
            if found is None:
                raise Invalid(msg("expected_period", got=cell_text(cell)))
            return found[0].isoformat(), found[1].isoformat()

        return {
            "indicator": indicator,
            "geo": geo,
            "period": period,
            "period_start": parse_day,
            "period_end": parse_day,
            "value": parse_value,
            "source_name": cell_text,
            "source_name_ru": cell_text,
            "source_name_en": cell_text,
            "source_url": parse_url,
            "source_date": parse_source_date,
        }


def _place_source_name(record: dict[str, object]) -> None:
    """A name from a source column that does not say its language goes where its letters
    say, unless the file gives that language's name in its own column."""
    name = record.pop("source_name")
    slot = "source_name_ru" if written_in_russian(name) else "source_name_en"
    if name and not record.get(slot):
        record[slot] = name


def _place_source_names(columns: dict[str, list], empty: list[str]) -> None:
    """`_place_source_name`, column-wise."""
    names = columns.pop("source_name")
    russian = {name: written_in_russian(name) for name in set(names)}
    ru, en = columns.get("source_name_ru", empty), columns.get("source_name_en", empty)
    columns["source_name_ru"] = [
        mine or (name if russian[name] else "") for name, mine in zip(names, ru, strict=True)
    ]
    columns["source_name_en"] = [
        mine or ("" if russian[name] else name) for name, mine in zip(names, en, strict=True)
    ]


def _blank(row: list[object]) -> bool:
    return all(cell_text(cell) == "" for cell in row)


def _empty(record: dict[str, object], where: dict[str, int]) -> bool:
    return all(record.get(name) in ("", None) for name in where)


def _column(rows: list[list[object]], column: int, shortest: int | None = None) -> list[object]:
    if shortest is not None and column < shortest:
        return list(map(operator.itemgetter(column), rows))  # C speed when every row is long enough
    return [row[column] if column < len(row) else "" for row in rows]


def _parse_each(
    parse: Callable[[object], object], cells: list[object]
) -> tuple[list[tuple[bool, object]], bool]:
    results = []
    failed = False
    for cell in cells:
        try:
            results.append((True, parse(cell)))
        except ValueError as exc:
            results.append((False, reason(exc)))
            failed = True
    return results, failed


def _memoised(
    parse: Callable[[object], object],
) -> Callable[[list[object]], tuple[list[tuple[bool, object]], bool]]:
    """cells -> ((True, result) or (False, message) each, whether any failed), parsing each
    distinct cell once."""
    cache: dict[object, tuple[bool, object]] = {}

    seen = [0]

    def run(cells: list[object]) -> tuple[list[tuple[bool, object]], bool]:
        seen[0] += len(cells)
        if seen[0] > len(cells) and len(cache) > 0.9 * (seen[0] - len(cells)):
            return _parse_each(parse, cells)  # nearly every cell differs: a cache only costs
        get = cache.get
        results = []
        append = results.append
        failed = False
        for cell in cells:
            # 1 == 1.0 == True as dict keys: keep the type apart, except for text (most cells).
            key = cell if type(cell) is str else (type(cell), cell)
            found = get(key)
            if found is None:
                try:
                    found = (True, parse(cell))
                except ValueError as exc:
                    found = (False, reason(exc))
                if len(cache) < MEMO_LIMIT:
                    cache[key] = found
            failed = failed or not found[0]
            append(found)
        return results, failed

    return run
