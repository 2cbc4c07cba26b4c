"""The data model: table schemas, typed validation with located error messages, period keys."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from eaeu.messages import Invalid, Text, msg, reason, render, text_from_json, text_to_json

INDICATOR_KINDS = ("growth_yoy", "index", "share", "level")
MISSION_TYPES = ("embassy", "consulate_general", "embassy_branch", "honorary_consul")
MISSION_STATUSES = ("open", "announced", "planned", "closed")
LABEL_POSITIONS = tuple(
    f"{v} {h}" for v in ("top", "middle", "bottom") for h in ("left", "center", "right")
)
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_LISTED_PROBLEMS = 50

# The geography code of the union as a whole (the EEC publishes its aggregate beside members).
UNION = "EAEU"


@dataclass(frozen=True)
class Problem:
    """One located defect in input data; `row` counts like a spreadsheet (header is row 1).

    The message stays a Message until shown: `text(lang)` words the whole problem in the
    reader's language, `str()` in English (logs, exceptions).
    """

    file: str
    message: Text
    row: int | None = None
    column: Text | None = None
    sheet: str | None = None

    def text(self, lang: str) -> str:
        where = [msg("where_file", file=self.file).text(lang)]
        if self.sheet:
            where.append(msg("where_sheet", sheet=self.sheet).text(lang))
        if self.row is not None:
            where.append(msg("where_row", row=self.row).text(lang))
        if self.column:
            where.append(msg("where_column", column=self.column).text(lang))
        return ", ".join(where) + f": {render(self.message, lang)}"

    def __str__(self) -> str:
        return self.text("en")

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "message": text_to_json(self.message),
            "row": self.row,
            "column": text_to_json(self.column),
            "sheet": self.sheet,
        }

    @classmethod
    def from_json(cls, data: dict) -> Problem:
        """As `to_json` wrote it; problems stored before messages existed hold plain text."""
        return cls(
            data["file"],
            text_from_json(data["message"]),
            data.get("row"),
            text_from_json(data.get("column")),
            data.get("sheet"),
        )


class DataError(ValueError):
    """Raised with every problem found, so a user fixes a file in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))


def format_problems(problems: list[Problem], lang: str = "en") -> str:
    lines = [p.text(lang) for p in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(msg("more_problems", n=len(problems) - MAX_LISTED_PROBLEMS).text(lang))
    return "\n".join(lines)


def _parse_text(raw: str) -> str:
    # No source writes NUL, a broken file may; PostgreSQL could not store it.
    if "\x00" in raw:
        raise Invalid(msg("text_nul"))
    return raw


def _parse_float(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise Invalid(msg("expected_number", got=raw)) from None


def _parse_date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Invalid(msg("expected_date", got=raw)) from None


def _parse_partial_date(raw: str) -> str:
    if not PARTIAL_DATE.match(raw):
        raise Invalid(msg("expected_partial_date", got=raw))
    return raw


def _parse_bool(raw: str) -> bool:
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise Invalid(msg("expected_bool", got=raw))


def _parse_url(raw: str) -> str:
    if not raw.startswith(("https://", "http://")):
        raise Invalid(msg("expected_url", got=raw))
    return _parse_text(raw)


def one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise Invalid(msg("expected_one_of", choices=choices, got=raw))
        return raw

    return parse


PARSERS: dict[str, Callable[[str], object]] = {
    "text": _parse_text,
    "float": _parse_float,
    "date": _parse_date,
    "partial_date": _parse_partial_date,
    "bool": _parse_bool,
    "url": _parse_url,
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()

    def parser(self) -> Callable[[str], object]:
        return one_of(self.choices) if self.choices else PARSERS[self.kind]


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    references: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def numeric_positions(self, header: list[str]) -> list[int]:
        """Positions in `header` of the columns holding numbers."""
        numeric = {c.name for c in self.columns if c.kind == "float"}
        return [i for i, name in enumerate(header) if name in numeric]


def _text(name: str, required: bool = True) -> Column:
    return Column(name, "text", required)


# Every source is named in both languages, as the source itself writes its name in each.
SOURCE_NAMES = ("source_name_ru", "source_name_en")
PROVENANCE = (
    *(_text(name) for name in SOURCE_NAMES),
    Column("source_url", "url", required=False),
    Column("source_date", "partial_date", required=False),
)

SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        TableSchema(
            "indicators",
            (
                _text("id"),
                _text("name_ru"),
                _text("name_en"),
                _text("unit", required=False),
                Column("kind", choices=INDICATOR_KINDS),
                _text("definition_ru"),
                _text("definition_en"),
            ),
            key=("id",),
        ),
        TableSchema(
            "geographies",
            (
                _text("code"),
                _text("name_ru"),
                _text("name_en"),
                Column("kind", choices=("union", "member")),
                _text("aliases", required=False),
            ),
            key=("code",),
        ),
        TableSchema(
            "observations",
            (
                _text("indicator"),
                _text("geo"),
                Column("period_start", "date"),
                Column("period_end", "date"),
                Column("value", "float"),
                *PROVENANCE,
            ),
            key=("indicator", "geo", "period_start", "period_end"),
            references={"indicator": "indicators.id", "geo": "geographies.code"},
        ),
        # A figure a source withholds on purpose: it stays missing, and the note says why.
        TableSchema(
            "gaps",
            (
                _text("indicator"),
                _text("geo"),
                Column("period_start", "date"),
                Column("period_end", "date"),
                _text("note_ru"),
                _text("note_en"),
                *PROVENANCE,
            ),
            key=("indicator", "geo", "period_start", "period_end"),
            references={"indicator": "indicators.id", "geo": "geographies.code"},
        ),
        TableSchema(
            "regions",
            (_text("code"), _text("name_ru"), _text("name_en"), _text("federal_district")),
            key=("code",),
        ),
        TableSchema(
            "places",
            (
                _text("id"),
                _text("name_ru"),
                _text("name_en"),
                _text("region"),
                Column("lat", "float"),
                Column("lon", "float"),
                Column("label_position", required=False, choices=LABEL_POSITIONS),
            ),
            key=("id",),
            references={"region": "regions.code"},
        ),
        TableSchema(
            "snapshots",
            (
                Column("as_of", "date"),
                Column("complete", "bool"),
                *PROVENANCE,
                _text("note_ru", required=False),
                _text("note_en", required=False),
            ),
            key=("as_of",),
        ),
        TableSchema(
            "missions",
            (
                Column("as_of", "date"),
                _text("sending_country"),
                _text("place"),
                Column("type", choices=MISSION_TYPES),
                Column("status", choices=MISSION_STATUSES),
                _text("note_ru", required=False),
                _text("note_en", required=False),
            ),
            key=("as_of", "place", "type"),
            references={
                "as_of": "snapshots.as_of",
                "place": "places.id",
                "sending_country": "geographies.code",
            },
        ),
        TableSchema(
            "highlights",
            (
                Column("date", "partial_date"),
                _text("indicator"),
                _text("geo"),
                Column("period_end", "date"),
                Column("value", "float"),
                _text("unit", required=False),
                _text("headline_ru"),
                _text("headline_en"),
                _text("text_ru"),
                _text("text_en"),
                _text("leaders", required=False),
                *(_text(name) for name in SOURCE_NAMES),
                Column("source_url", "url", required=False),
            ),
            key=("date", "indicator", "geo"),
            references={"indicator": "indicators.id", "geo": "geographies.code"},
        ),
    )
}


def validate_table(
    raw: pd.DataFrame, schema: TableSchema, file: str, sheet: str | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Type every cell of a text frame; returns the typed frame and every problem found,
    ordered by row then column."""
    missing = [c for c in schema.column_names if c not in raw.columns]
    if missing:
        message = msg("missing_columns", missing=missing, expected=schema.column_names)
        return pd.DataFrame(columns=schema.column_names), [Problem(file, message, 1, sheet=sheet)]
    typed: dict[str, pd.Series] = {}
    found: list[tuple[int, int, Problem]] = []
    for position, column in enumerate(schema.columns):
        values, failures = _typed_column(raw[column.name], column)
        typed[column.name] = values
        for index, message in failures:
            problem = Problem(file, message, index + 2, column.name, sheet)
            found.append((index, position, problem))
    frame = pd.DataFrame(typed, columns=schema.column_names).reset_index(drop=True)
    problems = [p for _, _, p in sorted(found, key=lambda item: item[:2])]
    problems.extend(_duplicate_keys(frame, schema, file, sheet))
    return frame, problems


def _cell_texts(cells: pd.Series) -> pd.Series:
    # A plain loop beats the .str accessor on pandas' python-backed strings by ~5x here.
    values = cells.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        texts = [value.strip() for value in values]  # the usual case: text cells only
    else:
        texts = [
            value.strip() if type(value) is str else "" if pd.isna(value) else str(value).strip()
            for value in values
        ]
    return pd.Series(texts, index=cells.index, dtype=object)


def _typed_column(cells: pd.Series, column: Column) -> tuple[pd.Series, list[tuple[int, Text]]]:
    """One column at a time, so 100,000-row uploads validate in well under a second;
    only cells that fail go through the per-cell parser, which words the message."""
    texts = _cell_texts(cells).reset_index(drop=True)
    empty = texts == ""
    required = msg("value_required")
    failures = [(i, required) for i in texts.index[empty]] if column.required else []
    values, bad = _parse_vectorised(texts, empty, column)
    parser = column.parser()
    for index in bad:
        try:
            parser(texts[index])
        except ValueError as exc:
            failures.append((index, reason(exc)))
    if column.kind == "float" and not column.choices:
        return values.astype("float64"), failures
    return values.astype(object).where(~empty & ~values.isna(), None), failures


def _parse_vectorised(
    texts: pd.Series, empty: pd.Series, column: Column
) -> tuple[pd.Series, list[int]]:
    if column.kind == "float" and not column.choices:
        numbers = pd.to_numeric(texts.where(~empty), errors="coerce")
        numbers = numbers.where(numbers.abs() != float("inf"))
        return numbers, list(texts.index[~empty & numbers.isna()])
    if column.kind == "date" and not column.choices:
        dates = pd.to_datetime(texts.where(~empty), format="%Y-%m-%d", errors="coerce")
        bad = list(texts.index[~empty & dates.isna()])
        return dates.dt.date.astype(object).where(dates.notna(), None), bad
    return _parse_by_unique_value(texts, empty, column.parser())


def _parse_by_unique_value(
    texts: pd.Series, empty: pd.Series, parser
) -> tuple[pd.Series, list[int]]:
    """Codes, flags and names repeat: parse each distinct text once."""
    parsed: dict[str, object] = {}
    invalid: list[str] = []
    for text in texts[~empty].unique():
        try:
            parsed[text] = parser(text)
        except ValueError:
            invalid.append(text)
    bad = texts.isin(invalid)
    return texts.map(parsed).where(~bad & ~empty, None), list(texts.index[bad])


def _duplicate_keys(
    frame: pd.DataFrame, schema: TableSchema, file: str, sheet: str | None
) -> list[Problem]:
    if not schema.key or frame.empty:
        return []
    dupes = frame[frame.duplicated(list(schema.key), keep="first")]
    message = msg("duplicate_key", key=" + ".join(schema.key))
    return [Problem(file, message, i + 2, sheet=sheet) for i in dupes.index]


def period_key(start: dt.date, end: dt.date) -> str:
    """'2024-09' for a year-to-date period (January to September 2024), else 'start..end'."""
    # Plain number formatting: strftime costs ~10x more, and uploads bring many periods.
    last = f"{end.year:04d}-{end.month:02d}"
    if start.month == 1 and start.day == 1 and start.year == end.year:
        return last
    return f"{start.year:04d}-{start.month:02d}..{last}"
