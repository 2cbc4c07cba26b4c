"""parse_upload: one file's bytes to checked rows, with every problem, warning and question."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import pandas as pd

from eaeu.imports.cells import parse_source_date, parse_url, value_text
from eaeu.imports.columns import END, IND, OBS_COLUMNS, VALUE
from eaeu.imports.files import read_grids
from eaeu.imports.grid import Grid, Refused
from eaeu.imports.limits import Limits
from eaeu.imports.options import Options
from eaeu.imports.reference import Reference
from eaeu.imports.rows import Reader
from eaeu.imports.sources import StatedSource, fill_sources, lines_above, stated_in
from eaeu.imports.tables import GROWTH_HINTS, INDEX_HINTS, Table, find_table
from eaeu.messages import Text, msg, reason, text_from_json, text_to_json
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
    message: Text
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
    notes: list[Text] = field(default_factory=list)
    # Source fields the editor must still enter (eaeu/imports/sources.py): not ready until then.
    missing: list[Problem] = field(default_factory=list)
    # False when rows cite the source the editor entered, not one the file states: such an
    # import leaves an unchanged figure's existing citation as it is (plan.py).
    source_given: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems and not self.questions and not self.missing

    def row_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(OBS_COLUMNS, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        data = {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "layout": self.layout,
            "rows": self.rows,
            "problems": [p.to_json() for p in self.problems],
            "warnings": [p.to_json() for p in self.warnings],
            "questions": [
                [q.key, text_to_json(q.message), list(q.choices)] for q in self.questions
            ],
            "notes": [text_to_json(note) for note in self.notes],
            "missing": [p.to_json() for p in self.missing],
            "source_given": self.source_given,
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ParsedImport:
        """As `to_json` wrote it, or as releases before messages did (plain English texts)."""
        data = json.loads(text)
        for name in ("problems", "warnings", "missing"):
            data[name] = [Problem.from_json(p) for p in data.get(name, [])]
        data["questions"] = [
            Question(k, text_from_json(m), tuple(c)) for k, m, c in data["questions"]
        ]
        data["notes"] = [text_from_json(note) for note in data["notes"]]
        return cls(**data)


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
        parsed.problems, parsed.rows = [Problem(file, msg("unforeseen"))], []
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
    if not reader.rows and not reader.problems:
        # A header alone would be saved as a version that changes nothing: say what is wrong.
        message = msg("no_values", count=reader.skipped) if reader.skipped else msg("no_data_rows")
        where = grid.sheet_row(table.header)
        parsed.problems.append(Problem(file, message, where, sheet=grid.name))
    lines = lines_above(grid, table.header) + reader.source_lines
    for each in grids:
        each.rows, each.more = [], None  # free the cells before rows are checked and planned
    _finish(parsed, reader, table, ref, options, stated_in(lines))


def _check_options(options: Options, ref: Reference, file: str) -> list[Problem]:
    problems = []
    if options.indicator and options.indicator not in ref.indicator_kind:
        known = sorted(ref.indicator_kind)
        message = msg("unknown_indicator", got=options.indicator, known=known)
        problems.append(Problem(file, message))
    if options.value_form not in (None, "growth", "index"):
        problems.append(Problem(file, msg("bad_value_form")))
    for name, parse in (("source_url", parse_url), ("source_date", parse_source_date)):
        try:
            parse(getattr(options, name) or "")
        except ValueError as exc:
            problems.append(Problem(file, msg(f"bad_{name}", reason=reason(exc))))
    return problems


def _choose_table(
    grids: list[Grid], file: str, ref: Reference, options: Options
) -> tuple[Grid, Table]:
    names = [g.name for g in grids]
    if options.sheet is not None:
        grids = [g for g in grids if g.name == options.sheet]
        if not grids:
            message = msg("no_sheet", sheet=options.sheet, sheets=[str(n) for n in names])
            raise Refused([Problem(file, message)])
    for grid in grids:
        if table := find_table(grid, ref):
            return grid, table
    sheet = grids[0].name if len(grids) == 1 else None
    raise Refused([Problem(file, msg("no_table"), sheet=sheet)])


def _finish(
    parsed: ParsedImport,
    reader: Reader,
    table: Table,
    ref: Reference,
    options: Options,
    stated: StatedSource,
) -> None:
    """Indicator, value form, sources, duplicates and warnings: the rows become final text."""
    rows = reader.rows
    indicator = options.indicator
    if needs_indicator(table) and not indicator:
        indicator = _indicator_from_title(parsed, table, ref)
    for row in rows:
        row[IND] = row[IND] or indicator or ""
    _value_form(parsed, rows, table, ref, options)
    where = Problem(parsed.file_name, "", sheet=parsed.sheet)
    sourcing = fill_sources(rows, ref, options, stated, where)
    parsed.problems += sourcing.problems
    parsed.missing, parsed.source_given = sourcing.missing, sourcing.from_file
    parsed.notes += sourcing.notes
    parsed.problems.extend(_duplicates(parsed, reader))
    if reader.skipped:
        parsed.notes.append(msg("skipped_cells", count=reader.skipped))
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


def _indicator_from_title(parsed: ParsedImport, table: Table, ref: Reference) -> str | None:
    """The one indicator the title names (noted), else a question: among those it names, or
    among all when it names none."""
    named = ref.indicators_named(table.hint)
    if len(named) == 1:
        parsed.notes.append(msg("indicator_from_title", indicator=named[0]))
        return named[0]
    choices = tuple(named) if named else tuple(sorted(ref.indicator_kind))
    parsed.questions.append(Question("indicator", msg("ask_indicator"), choices))
    return None


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
    if not growth_rows and not any(r[IND] for r in rows) and needs_indicator(table):
        growth_rows = rows  # the indicator is still to be chosen: ask both questions at once
    if not growth_rows:
        return
    form = options.value_form or file_says(table.hint)
    if form is None:
        values = [r[VALUE] for r in growth_rows]
        if values and all(INDEX_LOOK[0] <= v <= INDEX_LOOK[1] for v in values):
            example = values[0]
            message = msg("ask_value_form", example=example, growth=example - 100)
            parsed.questions.append(Question("value_form", message, ("index", "growth")))
        return
    if form == "index":
        for row in growth_rows:
            row[VALUE] = row[VALUE] - 100
        parsed.notes.append(msg("indices_as_chosen" if options.value_form else "indices_as_titled"))


def _duplicates(parsed: ParsedImport, reader: Reader) -> list[Problem]:
    seen: dict[tuple, int] = {}
    problems = []
    for position, row in enumerate(reader.rows):
        key = tuple(row[:4])
        if key in seen:
            first_row, _ = reader.rows_at[seen[key]]
            sheet_row, column = reader.rows_at[position]
            message = msg("duplicate_row", geo=key[1], period=key[2:4], row=first_row)
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
            message = msg("growth_beyond", value=value, limit=GROWTH_WARNING)
            warnings.append(Problem(parsed.file_name, message, sheet_row, column, parsed.sheet))
        limit = old_before.get(indicator)
        if limit and row[END][:4] < limit:
            entry = old.setdefault(indicator, [0, row[END], sheet_row])
            entry[0] += 1
            entry[1] = min(entry[1], row[END])
    for indicator, (count, oldest, sheet_row) in old.items():
        # One line per indicator: a history file would otherwise bury everything else.
        message = msg(
            "old_rows",
            count=count,
            indicator=indicator,
            years=OLD_PERIOD_YEARS,
            latest=latest[indicator],
            oldest=oldest,
        )
        warnings.append(Problem(parsed.file_name, message, sheet_row, sheet=parsed.sheet))
    return warnings
