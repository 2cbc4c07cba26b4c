"""parse_upload: one file's bytes to checked rows, with every problem, warning and question."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import pandas as pd

from eaeu.imports.cells import describe_period, parse_source_date, parse_url, value_text
from eaeu.imports.columns import (
    END,
    IND,
    OBS_COLUMNS,
    SOURCE_DATE,
    SOURCE_NAME,
    SOURCE_NAME_EN,
    SOURCE_URL,
    VALUE,
)
from eaeu.imports.files import read_grids
from eaeu.imports.grid import Grid, Refused
from eaeu.imports.limits import Limits
from eaeu.imports.options import Options
from eaeu.imports.reference import Reference
from eaeu.imports.rows import Reader
from eaeu.imports.tables import GROWTH_HINTS, INDEX_HINTS, Table, find_table
from eaeu.model import Problem

log = logging.getLogger(__name__)

GROWTH_WARNING = 50
# Growth figures rarely leave -30..+50 %; indices (last year = 100) sit around 100.
INDEX_LOOK = (Decimal(70), Decimal(200))
OLD_PERIOD_YEARS = 2


@dataclass(frozen=True)
class Question:
    """An ambiguity only the user can settle; answered by passing `key=<one of choices>`."""

    key: str
    message: str
    choices: tuple[str, ...]


@dataclass
class ParsedImport:
    """Observation rows read from one file, with every problem, warning and open question."""

    file_name: str
    sha256: str
    sheet: str | None = None
    layout: str = ""
    rows: list[list[str]] = field(default_factory=list)  # each in OBS_COLUMNS order
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Rows whose source came from the file (or the caller); False = the file-name fallback.
    source_given: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems and not self.questions

    def row_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(OBS_COLUMNS, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        data = {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "layout": self.layout,
            "rows": self.rows,
            "problems": [_problem_dict(p) for p in self.problems],
            "warnings": [_problem_dict(p) for p in self.warnings],
            "questions": [[q.key, q.message, list(q.choices)] for q in self.questions],
            "notes": self.notes,
            "source_given": self.source_given,
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ParsedImport:
        data = json.loads(text)
        data["problems"] = [Problem(**p) for p in data["problems"]]
        data["warnings"] = [Problem(**p) for p in data["warnings"]]
        data["questions"] = [Question(k, m, tuple(c)) for k, m, c in data["questions"]]
        return cls(**data)


def _problem_dict(problem: Problem) -> dict:
    return {
        "file": problem.file,
        "message": problem.message,
        "row": problem.row,
        "column": problem.column,
        "sheet": problem.sheet,
    }


def parse_upload(
    data: bytes,
    file_name: str,
    current_raw: dict[str, pd.DataFrame],
    options: Options = Options(),
    limits: Limits = Limits(),
) -> ParsedImport:
    """Read an upload into observation rows; never raises for bad input, reports instead."""
    file = PurePath(file_name).name or "upload"
    parsed = ParsedImport(file_name=file, sha256=hashlib.sha256(data).hexdigest())
    ref = Reference.from_raw(current_raw)
    problems = _check_options(options, ref, file)
    if problems:
        parsed.problems = problems
        return parsed
    try:
        _, grids = read_grids(data, file, limits)
        grid, table = _choose_table(grids, file, ref, options)
        _read_table(parsed, grids, grid, table, ref, options)
    except Refused as refused:
        parsed.problems = refused.problems
    except Exception:
        # Input this code did not foresee: say so, log it for a fix, never a traceback.
        log.exception("import of %s failed", file)
        message = "the file could not be read; please send it to the developers"
        parsed.problems, parsed.rows = [Problem(file, message)], []
    return parsed


def _read_table(
    parsed: ParsedImport,
    grids: list[Grid],
    grid: Grid,
    table: Table,
    ref: Reference,
    options: Options,
) -> None:
    file = parsed.file_name
    parsed.sheet, parsed.layout = grid.name, table.layout
    reader = Reader(grid, table, file, ref, options)
    if table.layout == "long":
        reader.read_long()
    elif table.layout == "periods as columns":
        grid.read_all()  # wide tables are small; their readers look up and down
        reader.read_periods_as_columns()
    else:
        grid.read_all()
        reader.read_countries_as_columns()
    parsed.problems = grid.uncached + reader.problems
    for each in grids:
        each.rows, each.more = [], None  # free the cells before rows are checked and planned
    _finish(parsed, reader, table, ref, options)


def _check_options(options: Options, ref: Reference, file: str) -> list[Problem]:
    problems = []
    if options.indicator and options.indicator not in ref.indicator_kind:
        known = ", ".join(sorted(ref.indicator_kind))
        problems.append(
            Problem(file, f"unknown indicator {options.indicator!r}; expected one of {known}")
        )
    if options.value_form not in (None, "growth", "index"):
        problems.append(Problem(file, "value_form must be 'growth' or 'index'"))
    for name, parse in (("source_url", parse_url), ("source_date", parse_source_date)):
        try:
            parse(getattr(options, name) or "")
        except ValueError as exc:
            problems.append(Problem(file, f"{name}: {exc}"))
    return problems


def _choose_table(
    grids: list[Grid], file: str, ref: Reference, options: Options
) -> tuple[Grid, Table]:
    names = [g.name for g in grids]
    if options.sheet is not None:
        grids = [g for g in grids if g.name == options.sheet]
        if not grids:
            message = f"no sheet {options.sheet!r}; the workbook has: {', '.join(map(str, names))}"
            raise Refused([Problem(file, message)])
    for grid in grids:
        if table := find_table(grid, ref):
            return grid, table
    message = (
        "no table found: expected a header row with country, period and value columns, "
        "or periods or countries as column headers"
    )
    sheet = grids[0].name if len(grids) == 1 else None
    raise Refused([Problem(file, message, sheet=sheet)])


def _finish(
    parsed: ParsedImport, reader: Reader, table: Table, ref: Reference, options: Options
) -> None:
    """Indicator, value form, sources, duplicates and warnings: the rows become final text."""
    rows = reader.rows
    if needs_indicator(table) and not options.indicator:
        parsed.questions.append(
            Question(
                "indicator",
                "the file has no indicator column: which indicator are these values?",
                tuple(sorted(ref.indicator_kind)),
            )
        )
    for row in rows:
        row[IND] = row[IND] or options.indicator or ""
    _value_form(parsed, rows, table, ref, options)
    _sources(parsed, rows, ref, options)
    parsed.problems.extend(_duplicates(parsed, reader))
    if reader.skipped:
        parsed.notes.append(
            f"{reader.skipped} empty or 'no data' cells were skipped (gaps stay gaps)"
        )
    if parsed.problems:
        return
    texts: dict[Decimal, str] = {}  # equal cells share one Decimal: format each once
    for row in rows:
        value = row[VALUE]
        text = texts.get(value)
        if text is None:
            text = texts[value] = value_text(value)
        row[VALUE] = text
    parsed.rows = rows
    parsed.warnings.extend(_warnings(parsed, reader, ref))


def needs_indicator(table: Table) -> bool:
    return table.layout != "long" or "indicator" not in table.columns.values()


def file_says(hint: str) -> str | None:
    """'index' or 'growth' when the title or header says which; None when it does not."""
    text = hint.casefold()
    if any(word in text for word in GROWTH_HINTS) and not any(
        w in text for w in ("индекс", "index")
    ):
        return "growth"
    if any(word in text for word in INDEX_HINTS):
        return "index"
    return None


def _value_form(
    parsed: ParsedImport, rows: list[list], table: Table, ref: Reference, options: Options
) -> None:
    growth_rows = [r for r in rows if ref.indicator_kind.get(r[IND]) == "growth_yoy"]
    if not growth_rows and not options.indicator and needs_indicator(table):
        growth_rows = rows  # the indicator is still to be chosen: ask both questions at once
    if not growth_rows:
        return
    form = options.value_form or file_says(table.hint)
    if form is None:
        values = [r[VALUE] for r in growth_rows]
        if values and all(INDEX_LOOK[0] <= v <= INDEX_LOOK[1] for v in values):
            example = values[0]
            message = (
                f"values look like indices ({value_text(example)}); "
                f"convert to growth % ({value_text(example - 100)})?"
            )
            parsed.questions.append(Question("value_form", message, ("index", "growth")))
        return
    if form == "index":
        for row in growth_rows:
            row[VALUE] = row[VALUE] - 100
        how = "as you chose" if options.value_form else "as the file's title says"
        parsed.notes.append(
            f"values read as indices (previous year = 100) {how}, converted to growth %"
        )


def _sources(parsed: ParsedImport, rows: list[list], ref: Reference, options: Options) -> None:
    defaults = {
        SOURCE_NAME: options.source_name or "",
        SOURCE_URL: options.source_url or "",
        SOURCE_DATE: parse_source_date(options.source_date or ""),
    }
    missing = 0
    for row in rows:
        for position, default in defaults.items():
            if not row[position]:
                row[position] = default
        # A source the data already cites gets both its names; another one given in one
        # language only serves both until the importer asks for the other.
        known = ref.source(row[SOURCE_NAME] or row[SOURCE_NAME_EN])
        if known and not (row[SOURCE_NAME] and row[SOURCE_NAME_EN]):
            row[SOURCE_NAME], row[SOURCE_NAME_EN] = known
        row[SOURCE_NAME] = row[SOURCE_NAME] or row[SOURCE_NAME_EN]
        row[SOURCE_NAME_EN] = row[SOURCE_NAME_EN] or row[SOURCE_NAME]
        if not row[SOURCE_NAME]:
            row[SOURCE_NAME] = row[SOURCE_NAME_EN] = parsed.file_name
            missing += 1
    if missing:
        parsed.source_given = False
        message = (
            f"no source given for {missing} rows: they will cite the file name {parsed.file_name!r}"
        )
        parsed.warnings.append(Problem(parsed.file_name, message, sheet=parsed.sheet))


def _duplicates(parsed: ParsedImport, reader: Reader) -> list[Problem]:
    seen: dict[tuple, int] = {}
    problems = []
    for position, row in enumerate(reader.rows):
        key = tuple(row[:4])
        if key in seen:
            first_row, _ = reader.rows_at[seen[key]]
            sheet_row, column = reader.rows_at[position]
            period = describe_period(key[2], key[3])
            message = f"duplicate: {key[1]} {period} is already given on row {first_row}"
            problems.append(Problem(parsed.file_name, message, sheet_row, column, parsed.sheet))
        else:
            seen[key] = position
    return problems


def _warnings(parsed: ParsedImport, reader: Reader, ref: Reference) -> list[Problem]:
    """Figures to double-check: none blocks the import."""
    if any(q.key == "value_form" for q in parsed.questions):
        return []  # the open question already says the values look like indices
    warnings = []
    latest = dict(ref.latest_end)
    for row in parsed.rows:
        latest[row[IND]] = max(latest.get(row[IND], ""), row[END])
    growth = {i for i, kind in ref.indicator_kind.items() if kind == "growth_yoy"}
    # Rows ending before this year are old: compare text years, not dates, row after row.
    old_before = {i: str(int(end[:4]) - OLD_PERIOD_YEARS + 1) for i, end in latest.items() if end}
    old: dict[str, list] = {}  # indicator -> [count, oldest end, first row]
    for row, (sheet_row, column) in zip(parsed.rows, reader.rows_at, strict=True):
        indicator = row[IND]
        value = row[VALUE]
        # Under two digits before the point it cannot exceed 50: float() only for the rest.
        big = len(value.lstrip("-").partition(".")[0]) >= 2
        if indicator in growth and big and abs(float(value)) > GROWTH_WARNING:
            message = f"growth of {value} % is beyond ±50 %: is it an index?"
            warnings.append(Problem(parsed.file_name, message, sheet_row, column, parsed.sheet))
        limit = old_before.get(indicator)
        if limit and row[END][:4] < limit:
            entry = old.setdefault(indicator, [0, row[END], sheet_row])
            entry[0] += 1
            entry[1] = min(entry[1], row[END])
    for indicator, (count, oldest, sheet_row) in old.items():
        # One line per indicator: a history file would otherwise bury everything else.
        message = (
            f"{count} {indicator} rows are for periods {OLD_PERIOD_YEARS}+ years older than the "
            f"latest ({latest[indicator][:7]}), the oldest ending {oldest[:7]}"
        )
        warnings.append(Problem(parsed.file_name, message, sheet_row, sheet=parsed.sheet))
    return warnings
