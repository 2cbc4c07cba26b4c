"""Staff uploads -> checked observation rows -> a preview of what would change. No Dash here.

The flow: `parse_upload(bytes, file name, current tables)` reads what people really send
(xlsx/xlsm/ods/csv, long or wide tables, Russian or English headers, indices or growth), and
returns a ParsedImport with every problem located; `plan_import` compares it with the current
data; `ImportPlan.apply()` gives the new full tables for `Store.commit`.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import logging
import operator
import re
import secrets
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

import pandas as pd
from defusedxml import ElementTree as SafeET

from eaeu.dataset import Dataset, build_dataset
from eaeu.model import DataError, Problem, format_problems

log = logging.getLogger(__name__)
MB = 1024 * 1024
SPREADSHEET_TYPES = (".xlsx", ".xlsm", ".ods")
ACCEPTED = ".xlsx, .xlsm, .ods or .csv"
OBS_COLUMNS = (
    "indicator",
    "geo",
    "period_start",
    "period_end",
    "value",
    "source_name",
    "source_url",
    "source_date",
)
KEY = ("indicator", "geo", "period_start", "period_end")
# Positions in a row: rows are lists in OBS_COLUMNS order (a dict each would triple memory).
IND, GEO, START, END, VALUE, SOURCE_NAME, SOURCE_URL, SOURCE_DATE = range(len(OBS_COLUMNS))
GROWTH_WARNING = 50
# Growth figures rarely leave -30..+50 %; indices (last year = 100) sit around 100.
INDEX_LOOK = (Decimal(70), Decimal(200))
OLD_PERIOD_YEARS = 2
HEADER_SCAN_ROWS = 30
HEAD_ROWS = HEADER_SCAN_ROWS + 50  # rows read up front: the header search sees no further
CHUNK_ROWS = 5_000
MEMO_LIMIT = 200_000  # distinct cells remembered per column


@dataclass(frozen=True)
class Limits:
    """Bounds on what one upload may cost the server; all configurable."""

    max_bytes: int = 10 * MB
    max_rows: int = 200_000
    max_columns: int = 200
    max_zip_members: int = 1_000
    max_uncompressed: int = 256 * MB


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


# ---------------------------------------------------------------------------------------------
# Start-up check
# ---------------------------------------------------------------------------------------------


def assert_openpyxl_uses_defusedxml() -> None:
    """openpyxl parses untrusted XML safely only when defusedxml is importable: fail loudly."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError("openpyxl is not using defusedxml: install defusedxml")


def decode_upload(contents: str, limits: Limits = Limits()) -> bytes:
    """A dcc.Upload data URL -> bytes, refusing oversize before and after decoding."""
    _, _, payload = contents.partition(",")
    if len(payload) * 3 // 4 > limits.max_bytes + 3:
        raise DataError([Problem("upload", _size_message(len(payload) * 3 // 4, limits))])
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DataError([Problem("upload", "the upload is not valid base64 data")]) from None
    if len(data) > limits.max_bytes:
        raise DataError([Problem("upload", _size_message(len(data), limits))])
    return data


def _size_message(size: int, limits: Limits) -> str:
    return f"the file is {size / MB:.1f} MB; the limit is {limits.max_bytes / MB:g} MB"


# ---------------------------------------------------------------------------------------------
# Reference lookups built from the current tables
# ---------------------------------------------------------------------------------------------

FOOTNOTE = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d\)|\s\d$")
GEO_NOISE = re.compile(r"\b(республика|republic of|republic|the)\b")


def normalise_name(text: str) -> str:
    """Case, spacing, 'ё', footnote marks and the word 'Республика' do not tell countries apart."""
    text = FOOTNOTE.sub(" ", str(text).casefold().replace("ё", "е"))
    text = GEO_NOISE.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@dataclass
class Reference:
    """What an import needs to know about the current data."""

    geo_by_name: dict[str, str]
    geo_names: list[str]
    indicator_by_name: dict[str, str]
    indicator_kind: dict[str, str]
    latest_end: dict[str, str]

    @classmethod
    def from_raw(cls, raw: dict[str, pd.DataFrame]) -> Reference:
        geo_by_name: dict[str, str] = {}
        for row in raw["geographies"].itertuples(index=False):
            for name in [row.code, row.name_ru, row.name_en, *str(row.aliases).split("|")]:
                if normalise_name(name):
                    geo_by_name.setdefault(normalise_name(name), row.code)
        indicator_by_name: dict[str, str] = {}
        for row in raw["indicators"].itertuples(index=False):
            for name in (row.id, row.name_ru, row.name_en):
                indicator_by_name.setdefault(normalise_name(name), row.id)
        obs = raw["observations"]
        latest = obs.groupby("indicator")["period_end"].max().to_dict() if len(obs) else {}
        return cls(
            geo_by_name=geo_by_name,
            geo_names=list(raw["geographies"]["name_ru"]),
            indicator_by_name=indicator_by_name,
            indicator_kind=dict(
                zip(raw["indicators"]["id"], raw["indicators"]["kind"], strict=True)
            ),
            latest_end=latest,
        )

    def geo(self, text: str) -> str | None:
        return self.geo_by_name.get(normalise_name(text))

    def indicator(self, text: str) -> str | None:
        return self.indicator_by_name.get(normalise_name(text))


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------

MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DASHES = re.compile(r"\s*[-–—−‒]\s*")
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
YEAR_WORDS = re.compile(r"\b(годы|года|год|гг|г|yr|year|fy)\b\.?")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
ISO_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/|[-–—]{1,2}\s)\s*(\d{4}-\d{2}-\d{2})$")
MONTH_WORD = r"([a-zа-я]{3,}\.?)"
MONTH_RANGE = re.compile(rf"^{MONTH_WORD}-{MONTH_WORD}$")
MONTHS_COUNT = re.compile(r"^(\d{1,2})\s*(?:месяцев|месяца|месяц|мес|months|month|m)\.?$")
QUARTER = re.compile(
    r"^(?:(i{1,3}|iv|[1-4])\s*(?:-?й|-?ый)?\s*(?:квартал|кв|quarter|q)\.?|q([1-4]))$"
)
HALF = re.compile(
    r"^(?:(i{1,2}|[12])\s*(?:-?е|-?ое|st|nd)?\s*(?:полугодие|полугод|пол|half|h)\.?|h([12])"
    r"|(first|second) half)$"
)

Period = tuple[dt.date, dt.date]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int | None:
    return MONTHS.get(word.rstrip(".")[:3])


def parse_period(value: object, default_year: int | None = None) -> Period | None:
    """A period header or cell -> (start, end); None when it is not a period at all.

    'январь–сентябрь 2024', 'янв-сен 2024', 'Jan-Sep 2024', '9 месяцев 2024' and '2024-09'
    all mean the year to date, 2024-01-01..2024-09-30 (the dataset's convention for 'YYYY-MM').
    """
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, 1, 1), month_end(value.year, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        return None
    text = " ".join(FOOTNOTE.sub(" ", str(value)).casefold().split())
    if not text or len(text) > 60:
        return None
    if match := ISO_RANGE.match(text):
        try:
            return dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
        except ValueError:
            return None
    if match := ISO_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        return (dt.date(year, 1, 1), month_end(year, month)) if 1 <= month <= 12 else None
    years = set(YEAR.findall(text))
    if len(years) > 1:
        return None
    year = int(years.pop()) if years else default_year
    if year is None:
        return None
    rest = YEAR_WORDS.sub(" ", YEAR.sub(" ", text))
    rest = DASHES.sub("-", " ".join(rest.replace(",", " ").split())).strip(" -.")
    months = _months_of(rest)
    if months is None:
        return None
    return dt.date(year, months[0], 1), month_end(year, months[1])


def _months_of(rest: str) -> tuple[int, int] | None:
    """The month span named by what is left of a period once its year is taken out."""
    if not rest:
        return 1, 12
    if match := MONTH_RANGE.match(rest):
        first, last = _month(match[1]), _month(match[2])
        return (first, last) if first and last and first <= last else None
    if re.fullmatch(MONTH_WORD, rest) and _month(rest):
        return _month(rest), _month(rest)
    if match := MONTHS_COUNT.match(rest):
        count = int(match[1])
        return (1, count) if 1 <= count <= 12 else None
    if match := QUARTER.match(rest):
        quarter = ROMAN[match[1] or match[2]]
        return 3 * quarter - 2, 3 * quarter
    if match := HALF.match(rest):
        half = 2 if match[3] == "second" else ROMAN.get(match[1] or match[2] or "1", 1)
        return (1, 6) if half == 1 else (7, 12)
    return None


def describe_period(start: str, end: str) -> str:
    """'2024-09' for a year to date, like eaeu.model.period_key, from ISO texts."""
    if start[5:] == "01-01" and start[:4] == end[:4]:
        return end[:7]
    return f"{start[:7]}..{end[:7]}"


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

MISSING_MARKS = {"", "-", "–", "—", "…", "...", "..", "x", "х", "н/д", "нд", "n/a", "na", "-//-"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_value(cell: object) -> Decimal | None:
    """A cell -> Decimal; None for an empty or 'no data' cell; ValueError naming what was seen.

    Handles '12,6 %', '+4.4', '−1,2' (real minus), '1 234,5' (space, no-break or narrow
    no-break space as thousands separator) and '1,234.5'.
    """
    if isinstance(cell, bool):
        raise ValueError(f"expected a number, got {cell!r}")
    if isinstance(cell, int | float):
        if cell != cell:  # NaN
            return None
        # Excel stores binary floats: 12.6 may come back as 12.600000000000001.
        return Decimal(repr(round(float(cell), 10)))
    if isinstance(cell, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise ValueError(f"expected a number, got a date ({cell})")
    text = str(cell).strip()
    if text.casefold() in MISSING_MARKS:
        return None
    cleaned = SPACES.sub("", text).rstrip("%").replace("\u2212", "-").replace("–", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # '1,234.5': the comma groups thousands
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # '12,6': decimal comma
    if not NUMBER.match(cleaned):
        raise ValueError(f"expected a number, got {text!r}")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"expected a number, got {text!r}") from None


def value_text(value: Decimal) -> str:
    return format(value, "f")


def cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


RU_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_day(cell: object) -> str:
    """A date cell or text ('2024-09-30', '30.09.2024') -> ISO text; ValueError otherwise."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = cell_text(cell)
    if match := RU_DATE.match(text):
        text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def parse_source_date(cell: object) -> str:
    text = cell_text(cell)
    if not text or re.fullmatch(r"\d{4}(-\d{2})?", text):
        return text
    return parse_day(cell)


# ---------------------------------------------------------------------------------------------
# Reading bytes into grids
# ---------------------------------------------------------------------------------------------


@dataclass
class Grid:
    """One sheet's cells; `top`/`left` place grid[0][0] in the sheet (0-based)."""

    name: str | None
    rows: list[list[object]]
    top: int = 0
    left: int = 0
    spreadsheet: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    uncached: list[Problem] = field(default_factory=list)  # formulas with no stored result
    more: Iterator[list[object]] | None = None  # rows not read yet, after `rows`

    def read_all(self) -> None:
        if self.more is not None:
            self.rows.extend(self.more)
            self.more = None

    def rows_from(self, index: int) -> Iterator[list[object]]:
        """Rows from `index` on, reading the rest of the sheet lazily; each is read once."""
        rest, self.more = self.more, None
        return itertools.chain(self.rows[index:], rest or ())

    def sheet_row(self, index: int) -> int:
        return self.top + index + 1

    def column_label(self, index: int, header: str = "") -> str:
        if not self.spreadsheet:
            return header or f"column {index + 1}"
        letter = column_letter(self.left + index)
        return f"{letter} ({header})" if header else letter


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Refused(Exception):
    """The whole file is refused; carries the problems to show."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the name says: zip, xls, binary or text."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with BOM (Excel's "Unicode text")
    head = data[:8192]
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return "binary" if controls > len(head) // 100 else "text"


def zip_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            return "ods"
        return "odf"
    return "zip"


def check_zip(archive: zipfile.ZipFile, file: str, limits: Limits) -> set[str]:
    """Zip-bomb guard: bounded member count, declared size and actually inflated size.

    Returns the worksheets holding formulas (seen while inflating, to avoid a second pass).
    """
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        message = (
            f"the archive has {len(members)} members; at most {limits.max_zip_members} are accepted"
        )
        raise Refused([Problem(file, message)])
    refused = Refused([Problem(file, _bomb_message(limits))])
    if sum(m.file_size for m in members) > limits.max_uncompressed:
        raise refused
    budget = limits.max_uncompressed
    with_formulas = set()
    for member in members:
        sheet = member.filename.startswith("xl/worksheets/")
        # Deflate cannot inflate more than ~1032x: small members need no streaming check.
        if member.compress_size * 1100 < budget and not sheet:
            budget -= member.file_size
            continue
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    raise refused
                if sheet and member.filename not in with_formulas and _has_formula(tail + chunk):
                    with_formulas.add(member.filename)
                tail = chunk[-16:]
    return with_formulas


def _has_formula(xml: bytes) -> bool:
    # bytes.find is many times faster than the regex: run the regex only where it can match.
    return any(mark in xml for mark in FORMULA_HINTS) and FORMULA_TAG.search(xml) is not None


def _bomb_message(limits: Limits) -> str:
    return (
        f"the archive unpacks to more than {limits.max_uncompressed / MB:g} MB; "
        "refused as a possible zip bomb"
    )


def read_grids(data: bytes, file: str, limits: Limits) -> tuple[str, list[Grid]]:
    """Check size and type, then read every sheet: ('xlsx'|'ods'|'csv', grids)."""
    if not data:
        raise Refused([Problem(file, "the file is empty")])
    if len(data) > limits.max_bytes:
        raise Refused([Problem(file, _size_message(len(data), limits))])
    suffix = PurePath(file).suffix.casefold()
    content = sniff(data)
    if suffix == ".csv":
        if content != "text":
            raise Refused([Problem(file, _not_csv_message(content, data))])
        return "csv", [read_csv_grid(data, file, limits)]
    if suffix in SPREADSHEET_TYPES:
        return _read_workbook(data, file, suffix, content, limits)
    message = f"unsupported file type {suffix or '(none)'!r}; upload {ACCEPTED}"
    raise Refused([Problem(file, message)])


def _not_csv_message(content: str, data: bytes) -> str:
    if content == "zip":
        kind = _zip_kind_of(data)
        if kind in ("xlsx", "ods"):
            return f"the content is a spreadsheet workbook ({kind}), not CSV text; rename the file to .{kind}"
    if content == "xls":
        return "the content is an old Excel 97-2003 workbook (.xls); save it as .xlsx or CSV"
    return f"the content is not text (binary data); upload {ACCEPTED}"


def _zip_kind_of(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return zip_kind(archive)
    except ZIP_DAMAGE:
        return "zip"


def _read_workbook(
    data: bytes, file: str, suffix: str, content: str, limits: Limits
) -> tuple[str, list[Grid]]:
    expected = "ods" if suffix == ".ods" else "xlsx"
    if content == "text":
        message = "the content is text, not a spreadsheet workbook; rename the file to .csv or save it as .xlsx"
        raise Refused([Problem(file, message)])
    if content == "xls":
        message = "the content is an old Excel 97-2003 workbook (.xls); save it as .xlsx"
        raise Refused([Problem(file, message)])
    if content != "zip":
        raise Refused(
            [Problem(file, f"the content is not a spreadsheet (binary data); upload {ACCEPTED}")]
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_DAMAGE:
        raise Refused(
            [Problem(file, "the workbook is damaged (not a valid zip archive)")]
        ) from None
    try:
        with archive:
            return _read_archive(archive, data, file, suffix, expected, limits)
    except ZIP_DAMAGE as exc:
        message = f"the workbook is damaged ({type(exc).__name__}: {exc})"
        raise Refused([Problem(file, message)]) from None


# What a damaged or odd zip raises while inflating or parsing its XML.
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    SafeET.ParseError,
    ValueError,  # e.g. "negative seek value" from damaged offsets
    KeyError,
    struct.error,
)


def _read_archive(
    archive: zipfile.ZipFile, data: bytes, file: str, suffix: str, expected: str, limits: Limits
) -> tuple[str, list[Grid]]:
    with_formulas = check_zip(archive, file, limits)
    kind = zip_kind(archive)
    if kind != expected:
        found = {"xlsx": "an Excel workbook (xlsx)", "ods": "an OpenDocument spreadsheet (ods)"}
        what = found.get(kind, "a zip archive, not a spreadsheet")
        message = f"the content is {what}, not what the name {suffix} says"
        raise Refused([Problem(file, message)])
    grids = _calamine_grids(data, file, limits)
    if kind == "xlsx":
        for grid in grids:
            grid.uncached = _formulas_without_values(archive, file, grid.name, with_formulas)
    return kind, grids


def _calamine_grids(data: bytes, file: str, limits: Limits) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in workbook.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
                continue  # hidden sheets hold lists and helpers, never the data
            sheet = workbook.get_sheet_by_name(meta.name)
            _check_shape(sheet.height, sheet.width, file, meta.name, limits)
            # iter_rows starts at the sheet's first row and its first used column.
            rows = sheet.iter_rows()
            head = list(itertools.islice(rows, HEAD_ROWS))
            left = sheet.start[1] if sheet.start else 0
            merged = list(sheet.merged_cell_ranges or [])
            grids.append(Grid(meta.name, head, 0, left, True, merged, more=rows))
        return grids
    except Refused:
        raise
    except Exception as exc:  # calamine raises its own types for every kind of damage
        message = f"the workbook could not be read ({type(exc).__name__}: {exc})"
        raise Refused([Problem(file, message)]) from None


def _check_shape(height: int, width: int, file: str, sheet: str | None, limits: Limits) -> None:
    if height > limits.max_rows:
        message = f"the sheet has {height} rows; at most {limits.max_rows} are accepted"
        raise Refused([Problem(file, message, sheet=sheet)])
    if width > limits.max_columns:
        message = f"the sheet has {width} columns; at most {limits.max_columns} are accepted"
        raise Refused([Problem(file, message, sheet=sheet)])


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
FORMULA_HINTS = (b"<f", b":f")  # every formula tag holds one of these
CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _formulas_without_values(
    archive: zipfile.ZipFile, file: str, sheet: str, with_formulas: set[str]
) -> list[Problem]:
    """calamine shows a formula with no cached value as an empty cell: find and name them."""
    path = _sheet_paths(archive).get(sheet)
    if path not in with_formulas:
        return []
    xml = archive.read(path)
    problems = []
    for _, element in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
        if _local(element.tag) != "c":
            continue
        children = {_local(child.tag): child for child in element}
        formula = children.get("f")
        if formula is not None:
            cached = children.get("v")
            empty = cached is None or (not cached.text and element.get("t") != "str")
            if empty:
                problems.append(_formula_problem(file, sheet, element.get("r", "?"), formula.text))
        element.clear()
    return problems


def _formula_problem(file: str, sheet: str, ref: str, formula: str | None) -> Problem:
    match = CELL_REF.match(ref)
    row, column = (int(match[2]), match[1]) if match else (None, ref)
    shown = f"={formula}" if formula else "(shared formula)"
    message = f"formula {shown} has no cached value; open and save the file in Excel"
    return Problem(file, message, row, column, sheet)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> XML path inside the xlsx, from workbook.xml and its relationships."""
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = {}
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        paths[element.get("name")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return paths


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251 (Excel's 'CSV' in Russia)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        message = "the text is neither UTF-8 nor Windows-1251; save the CSV as UTF-8"
        raise Refused([Problem(file, message)]) from None


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most regular, fields."""
    sample = [line for line in text.splitlines()[:50] if line.strip()][:20]
    best, best_score = ";", (-1, -1)
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue  # the full read below reports what is wrong
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common) * (common > 1), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_grid(data: bytes, file: str, limits: Limits) -> Grid:
    text = decode_text(data, file)
    delimiter = detect_delimiter(text)
    rows = []
    # No early stop: the size limit already bounds the work, and the count shown is true.
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([cell.strip() for cell in row])
    except csv.Error as exc:  # e.g. a quote never closed, swallowing the rest of the file
        message = f"the CSV cannot be read at line {len(rows) + 1}: {exc}"
        raise Refused([Problem(file, message)]) from None
    width = max((len(r) for r in rows), default=0)
    _check_shape(len(rows), width, file, None, limits)
    return Grid(None, rows, spreadsheet=False)


# ---------------------------------------------------------------------------------------------
# Finding the table in a grid
# ---------------------------------------------------------------------------------------------

FIELD_NAMES = {
    "indicator": ("indicator", "indicator id", "показатель", "индикатор"),
    "geo": ("geo", "country", "страна", "государство", "geography", "код страны", "country code"),
    "period": ("period", "период"),
    "period_start": ("period start", "начало периода", "start", "начало"),
    "period_end": ("period end", "конец периода", "окончание периода", "end", "конец"),
    "value": ("value", "значение", "величина"),
    "source_name": ("source name", "source", "источник", "название источника"),
    "source_url": ("source url", "url", "ссылка", "ссылка на источник"),
    "source_date": ("source date", "дата источника", "дата публикации"),
}
FIELD_BY_NAME = {name: key for key, names in FIELD_NAMES.items() for name in names}
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
    columns: dict[int, object]  # long: column -> field; wide: column -> Period or geo code
    label_column: int = 0
    headers: dict[int, str] = field(default_factory=dict)
    hint: str = ""  # text above the table and in the value header: says index or growth?


def filled_row(grid: Grid, index: int) -> list[object]:
    """A row with merged cells spread over their whole range (as people read them)."""
    row = list(grid.rows[index])
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 <= grid.top + index <= r1:
            value = _cell(grid, r0 - grid.top, c0 - grid.left)
            for column in range(c0 - grid.left, c1 - grid.left + 1):
                if 0 <= column < len(row):
                    row[column] = value
    return row


def _cell(grid: Grid, row: int, column: int) -> object:
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


# ---------------------------------------------------------------------------------------------
# Reading rows out of a table
# ---------------------------------------------------------------------------------------------


@dataclass
class Options:
    indicator: str | None = None
    value_form: str | None = None  # "growth" | "index" | None (ask when ambiguous)
    sheet: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    source_date: str | None = None


class Reader:
    """Turns one table into rows, collecting problems located by sheet, row and column."""

    def __init__(self, grid: Grid, table: Table, file: str, ref: Reference, options: Options):
        self.grid, self.table, self.file, self.ref, self.options = grid, table, file, ref, options
        self.problems: list[Problem] = []
        self.rows: list[list[object]] = []  # OBS_COLUMNS order
        self.rows_at: list[tuple[int, str]] = []  # (sheet row, value column label) per row
        self.skipped = 0
        self._geo_cache: dict[str, str | None] = {}
        self._period_cache: dict[object, Period | None] = {}

    def problem(self, message: str, index: int, column: str | None = None) -> None:
        self.problems.append(
            Problem(self.file, message, self.grid.sheet_row(index), column, self.grid.name)
        )

    def label(self, column: int) -> str:
        header = self.table.headers.get(column) or cell_text(
            _cell(self.grid, self.table.header, column)
        )
        return self.grid.column_label(column, header)

    def geo(self, cell: object) -> str | None:
        text = cell_text(cell)
        if text not in self._geo_cache:
            self._geo_cache[text] = self.ref.geo(text)
        return self._geo_cache[text]

    def period(self, cell: object) -> Period | None:
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
            self.problem(str(exc), index, self.label(column))
            return None

    def unknown_geo_message(self, text: str) -> str:
        return f"unknown country {text!r}; expected one of {', '.join(self.ref.geo_names)}"

    def unknown_geo(self, cell: object, index: int, column: int) -> None:
        self.problem(self.unknown_geo_message(cell_text(cell)), index, self.label(column))

    # -- wide: periods across, countries down ------------------------------------------------

    def read_periods_as_columns(self) -> None:
        periods = self.table.columns
        label_column = self._label_column(periods)
        for index in range(self.table.header + 1, len(self.grid.rows)):
            row = self.grid.rows[index]
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

    def _wide_cell(self, index: int, column: int, geo: str, period: Period, cell: object) -> None:
        before = len(self.problems)
        value = self.value(cell, index, column)
        if value is None:
            self.skipped += len(self.problems) == before
            return
        start, end = period
        self.add(index, column, ["", geo, start.isoformat(), end.isoformat(), value, "", "", ""])

    # -- wide: countries across, periods down ------------------------------------------------

    def read_countries_as_columns(self) -> None:
        geos = self.table.columns
        label_column = self._period_label_column(geos)
        for index in range(self.table.header + 1, len(self.grid.rows)):
            row = self.grid.rows[index]
            cells = {c: row[c] if c < len(row) else "" for c in geos}
            label = row[label_column] if label_column < len(row) else ""
            if not any(cell_text(c).casefold() not in MISSING_MARKS for c in cells.values()):
                continue
            period = self.period(label)
            if period is None:
                message = f"{PERIOD_EXPECTED}, got {cell_text(label)!r}"
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
            shortest = min(map(len, chunk))
            parsed = [
                (name, label, parse(_column(chunk, c, shortest)))
                for name, label, c, parse in fields
            ]
            self._long_chunk(parsed, where, first_row)
            first_row += len(chunk)

    def _long_chunk(self, fields: list, where: dict[str, int], first_row: int) -> None:
        if not any(failed for _, _, (_, failed) in fields):
            self._clean_long_chunk(fields, where, first_row)
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
            if all(record.get(name) in ("", None) for name in where) and len(errors) == 0:
                continue  # a blank line
            if "period" in record:
                record["period_start"], record["period_end"] = record.pop("period")
            elif record.get("period_end", "~") < record.get("period_start", ""):
                errors.append(
                    (self.label(where["period_end"]), "period_end is before period_start")
                )
            for label, message in errors:
                self.problems.append(
                    Problem(self.file, message, first_row + offset, label, self.grid.name)
                )
            if errors:
                continue
            if record["value"] is None:
                self.skipped += 1
                continue
            record.setdefault("indicator", self.options.indicator or "")
            self.rows.append([record.get(name, "") for name in OBS_COLUMNS])
            self.rows_at.append((first_row + offset, value_label))

    def _clean_long_chunk(self, fields: list, where: dict[str, int], first_row: int) -> None:
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
                self._long_chunk(retry, where, first_row)
                return
        empty = [""] * size
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
                raise ValueError("an indicator is required")
            found = ref.indicator(text)
            if found is None:
                known = ", ".join(sorted(ref.indicator_kind))
                raise ValueError(f"unknown indicator {text!r}; expected one of {known}")
            return found

        def geo(cell: object) -> str:
            text = cell_text(cell)
            if not text:
                raise ValueError("a country is required")
            found = ref.geo(text)
            if found is None:
                raise ValueError(self.unknown_geo_message(text))
            return found

        def period(cell: object) -> tuple[str, str]:
            found = parse_period(cell)
            if found is None:
                raise ValueError(f"{PERIOD_EXPECTED}, got {cell_text(cell)!r}")
            return found[0].isoformat(), found[1].isoformat()

        return {
            "indicator": indicator,
            "geo": geo,
            "period": period,
            "period_start": parse_day,
            "period_end": parse_day,
            "value": parse_value,
            "source_name": cell_text,
            "source_url": _parse_url,
            "source_date": parse_source_date,
        }


PERIOD_EXPECTED = "expected a period like 'январь–сентябрь 2024' or '2024-09'"


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
            results.append((False, str(exc)))
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
                    found = (False, str(exc))
                if len(cache) < MEMO_LIMIT:
                    cache[key] = found
            failed = failed or not found[0]
            append(found)
        return results, failed

    return run


def _parse_url(cell: object) -> str:
    text = cell_text(cell)
    if text and not text.startswith(("https://", "http://")):
        raise ValueError(f"expected a URL starting with https://, got {text!r}")
    return text


# ---------------------------------------------------------------------------------------------
# parse_upload: the whole reading step
# ---------------------------------------------------------------------------------------------


def parse_upload(
    data: bytes,
    file_name: str,
    current_raw: dict[str, pd.DataFrame],
    *,
    indicator: str | None = None,
    value_form: str | None = None,
    sheet: str | None = None,
    source_name: str | None = None,
    source_url: str | None = None,
    source_date: str | None = None,
    limits: Limits = Limits(),
) -> ParsedImport:
    """Read an upload into observation rows; never raises for bad input, reports instead."""
    file = PurePath(file_name).name or "upload"
    parsed = ParsedImport(file_name=file, sha256=hashlib.sha256(data).hexdigest())
    options = Options(indicator, value_form, sheet, source_name, source_url, source_date)
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
    for name, parse in (("source_url", _parse_url), ("source_date", parse_source_date)):
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
    _sources(parsed, rows, options)
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


def _sources(parsed: ParsedImport, rows: list[list], options: Options) -> None:
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
        if not row[SOURCE_NAME]:
            row[SOURCE_NAME] = parsed.file_name
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


# ---------------------------------------------------------------------------------------------
# Preview and apply
# ---------------------------------------------------------------------------------------------


@dataclass
class Change:
    geo: str
    period: str
    old: str
    new: str
    source_only: bool = False


@dataclass
class IndicatorChanges:
    indicator: str
    new: int = 0
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Change] = field(default_factory=list)


@dataclass
class ImportPlan:
    parsed: ParsedImport
    mode: str
    indicators: dict[str, IndicatorChanges]
    problems: list[Problem]
    base_raw: dict[str, pd.DataFrame]
    new_raw: dict[str, pd.DataFrame] | None = None  # the tables the preview validated
    dataset: Dataset | None = None  # built from new_raw: lets the commit skip re-validation

    @property
    def ok(self) -> bool:
        return self.parsed.ok and not self.problems

    @property
    def all_problems(self) -> list[Problem]:
        return self.parsed.problems + self.problems

    def apply(self, base_raw: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
        """The new full tables; on a newer base (another commit since) the same upsert applies."""
        if not self.ok:
            raise DataError(self.all_problems or [Problem(self.parsed.file_name, "open questions")])
        if base_raw is None and self.new_raw is not None:
            return self.new_raw
        return apply_rows(base_raw or self.base_raw, self.parsed, self.mode)


def apply_rows(
    base_raw: dict[str, pd.DataFrame], parsed: ParsedImport, mode: str
) -> dict[str, pd.DataFrame]:
    obs = base_raw["observations"]
    columns = list(obs.columns)
    order = [columns.index(c) for c in OBS_COLUMNS]
    records = obs.astype(str).values.tolist()
    at = {tuple(record[i] for i in order[:4]) for record in records}
    incoming = {tuple(row[:4]): row for row in parsed.rows}
    file_indicators = {row[IND] for row in parsed.rows}
    keep = []
    for record in records:
        key = tuple(record[i] for i in order[:4])
        if mode == "replace" and key[0] in file_indicators and key not in incoming:
            continue  # replace: the file is the whole truth for its indicators
        row = incoming.get(key)
        if row is not None and _differs(record, order, row, parsed.source_given):
            for position, i in enumerate(order):
                record[i] = row[position]
        keep.append(record)
    same_order = order == list(range(len(OBS_COLUMNS))) and len(columns) == len(OBS_COLUMNS)
    for key, row in incoming.items():
        if key in at:
            continue
        if same_order:  # the shipped layout: the row already is the record
            keep.append(list(row))
            continue
        record = [""] * len(columns)
        for position, i in enumerate(order):
            record[i] = row[position]
        keep.append(record)
    tables = dict(base_raw)
    tables["observations"] = pd.DataFrame(keep, columns=columns, dtype=object)
    return tables


def _differs(record: list[str], order: list[int], row: list[str], source_given: bool) -> bool:
    if Decimal(record[order[VALUE]]) != Decimal(row[VALUE]):
        return True
    # Without a source in the file, an equal value keeps its existing, real citation.
    sources = (SOURCE_NAME, SOURCE_URL, SOURCE_DATE)
    return source_given and any(record[order[i]] != row[i] for i in sources)


def plan_import(
    current_raw: dict[str, pd.DataFrame], parsed: ParsedImport, mode: str = "merge"
) -> ImportPlan:
    """Counts per indicator of new / changed / unchanged / removed rows, and any conflict the
    whole dataset would have after the import (e.g. a highlight quoting a changed figure)."""
    if mode not in ("merge", "replace"):
        raise ValueError("mode must be 'merge' or 'replace'")
    plan = ImportPlan(parsed, mode, {}, [], current_raw)
    if not parsed.ok:
        return plan
    obs = current_raw["observations"]
    current = {
        tuple(r[:4]): r
        for r in obs[list(OBS_COLUMNS)].astype(str).itertuples(index=False, name=None)
    }
    for row in parsed.rows:
        _count(plan, current.get(tuple(row[:4])), row)
    if mode == "replace":
        incoming = {tuple(row[:4]) for row in parsed.rows}
        for key, old in current.items():
            if key[0] in plan.indicators and key not in incoming:
                period = describe_period(key[2], key[3])
                plan.indicators[key[0]].removed.append(Change(key[1], period, old[4], ""))
    new_raw = plan.apply()
    try:
        plan.dataset = build_dataset(new_raw)
        plan.new_raw = new_raw
    except DataError as exc:
        plan.problems = [_in_context(p, parsed) for p in exc.problems]
    return plan


def _count(plan: ImportPlan, old: tuple | None, row: list[str]) -> None:
    changes = plan.indicators.get(row[IND])
    if changes is None:
        changes = plan.indicators[row[IND]] = IndicatorChanges(row[IND])
    if old is None:
        changes.new += 1
        return
    period = describe_period(row[START], row[END])
    if Decimal(old[VALUE]) != Decimal(row[VALUE]):
        changes.changed.append(Change(row[GEO], period, old[VALUE], row[VALUE]))
    elif plan.parsed.source_given and old[SOURCE_NAME:] != tuple(row[SOURCE_NAME:]):
        changes.changed.append(Change(row[GEO], period, old[VALUE], row[VALUE], source_only=True))
    else:
        changes.unchanged += 1


def _in_context(problem: Problem, parsed: ParsedImport) -> Problem:
    """Dataset checks name the stored table; say too that this file caused it."""
    message = f"{problem.message} (after importing {parsed.file_name})"
    return Problem(problem.file, message, problem.row, problem.column, problem.sheet)


def describe_plan(plan: ImportPlan) -> list[str]:
    """The preview, as lines: the CLI prints them and the browser shows the same text."""
    parsed = plan.parsed
    where = f", sheet {parsed.sheet!r}" if parsed.sheet else ""
    lines = [
        f"{parsed.file_name}{where}: {len(parsed.rows)} rows read ({parsed.layout or 'no table'})"
    ]
    if plan.all_problems:
        lines.append(f"Errors ({len(plan.all_problems)}): the file cannot be imported as it is")
        lines.extend(format_problems(plan.all_problems).splitlines())
    for question in parsed.questions:
        lines.append(
            f"Question ({question.key}: {' | '.join(question.choices)}): {question.message}"
        )
    if parsed.warnings:
        lines.append(f"Warnings ({len(parsed.warnings)}):")
        lines.extend(format_problems(parsed.warnings).splitlines())
    lines.extend(f"Note: {note}" for note in parsed.notes)
    for changes in plan.indicators.values():
        lines.extend(_describe_indicator(changes, plan.mode))
    return lines


def _describe_indicator(changes: IndicatorChanges, mode: str) -> Iterable[str]:
    removed = f", {len(changes.removed)} removed" if mode == "replace" else ""
    yield (
        f"{changes.indicator}: {changes.new} new, {len(changes.changed)} changed, "
        f"{changes.unchanged} unchanged{removed}"
    )
    for change in changes.changed[:50]:
        if change.source_only:
            yield f"  changed {change.geo} {change.period}: source updated (value {change.new})"
        else:
            yield f"  changed {change.geo} {change.period}: {change.old} -> {change.new}"
    for change in changes.removed[:50]:
        yield f"  removed {change.geo} {change.period}: {change.old}"


# ---------------------------------------------------------------------------------------------
# Import into a store: the one path the CLI and the browser share
# ---------------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    plan: ImportPlan
    based_on: int
    version: object | None = None  # eaeu.store.VersionInfo once committed
    problems: list[Problem] = field(default_factory=list)  # found at commit time

    @property
    def committed(self) -> bool:
        return self.version is not None

    def lines(self) -> list[str]:
        lines = describe_plan(self.plan)
        if self.problems:
            lines.append(f"Errors ({len(self.problems)}): the file cannot be imported as it is")
            lines.extend(format_problems(self.problems).splitlines())
        if self.version is not None:
            lines.append(f"Saved as version {self.version.id}.")
        return lines


def preview_import(
    store, data: bytes, file_name: str, mode: str = "merge", **options
) -> ImportOutcome:
    """Parse and plan against the store's newest version; changes nothing."""
    based_on = store.current_version()
    current = store.load_raw(based_on)
    plan = plan_import(current, parse_upload(data, file_name, current, **options), mode)
    return ImportOutcome(plan, based_on)


def commit_import(store, outcome: ImportOutcome, editor: str, note: str = "") -> ImportOutcome:
    """Save a clean preview as a new version.

    If another version landed since the preview, the same rows are applied again onto the
    newest version inside the write transaction, so neither change is lost.
    """
    from eaeu.store import StaleVersion

    plan, parsed = outcome.plan, outcome.plan.parsed
    if not plan.ok:
        return outcome
    meta = {"editor": editor, "file_name": parsed.file_name, "sha256": parsed.sha256}
    try:
        try:
            version = store.commit(
                plan.apply(), **meta, note=note, kind="import",
                validated=plan.dataset, require_current=outcome.based_on,
            )  # fmt: skip
        except StaleVersion:
            version = store.commit(
                lambda current: apply_rows(current, parsed, plan.mode),
                **meta, note=note, kind="import",
            )  # fmt: skip
    except DataError as exc:
        outcome.problems = list(exc.problems)
        return outcome
    outcome.version = version
    return outcome


def import_into(
    store, data: bytes, file_name: str, *, editor: str, mode: str = "merge", note: str = "",
    dry_run: bool = False, **options,
) -> ImportOutcome:  # fmt: skip
    """Preview, then commit unless it is a dry run or anything is wrong."""
    outcome = preview_import(store, data, file_name, mode, **options)
    if dry_run:
        return outcome
    return commit_import(store, outcome, editor, note)


# ---------------------------------------------------------------------------------------------
# Pending imports: parsed uploads held server-side until confirmed
# ---------------------------------------------------------------------------------------------


class PendingImports:
    """Previews (ImportOutcome) under random tokens, expiring; the browser keeps only the token.

    Held in this process's memory, whole (a confirm needs no re-validation). With several
    gunicorn workers use StoredPendingImports: the confirm may reach another worker.
    """

    def __init__(self, ttl_seconds: float = 1800, max_items: int = 10, clock=time.monotonic):
        self._items: dict[str, tuple[float, ImportOutcome]] = {}
        self._lock = threading.Lock()
        self.ttl, self.max_items, self._clock = ttl_seconds, max_items, clock

    def put(self, pending: ImportOutcome) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._drop_expired()
            while len(self._items) >= self.max_items:
                self._items.pop(min(self._items, key=lambda t: self._items[t][0]))
            self._items[token] = (self._clock() + self.ttl, pending)
        return token

    def get(self, token: str) -> ImportOutcome | None:
        with self._lock:
            self._drop_expired()
            item = self._items.get(token)
            return item[1] if item else None

    def pop(self, token: str) -> ImportOutcome | None:
        with self._lock:
            self._drop_expired()
            item = self._items.pop(token, None)
            return item[1] if item else None

    def _drop_expired(self) -> None:
        now = self._clock()
        for token in [t for t, (expiry, _) in self._items.items() if expiry <= now]:
            del self._items[token]


class StoredPendingImports:
    """The same, kept in the store's pending_imports table, so every worker process sees them.

    Only the parsed rows are kept; `get` plans them again against the version they were
    previewed on, so the confirmed change is exactly the previewed one.
    """

    def __init__(self, store, ttl_seconds: int = 1800, clock=time.time):
        self.store, self.ttl, self._clock = store, ttl_seconds, clock

    def put(self, pending: ImportOutcome) -> str:

        token = secrets.token_urlsafe(24)
        payload = json.dumps(
            {
                "parsed": pending.plan.parsed.to_json(),
                "mode": pending.plan.mode,
                "based_on": pending.based_on,
            }
        )
        _stash(self.store, token, payload, int(self._clock()), self.ttl)
        return token

    def get(self, token: str) -> ImportOutcome | None:
        payload = _unstash(self.store, token, int(self._clock()))
        if payload is None:
            return None
        data = json.loads(payload)
        parsed = ParsedImport.from_json(data["parsed"])
        base = self.store.load_raw(data["based_on"])
        return ImportOutcome(plan_import(base, parsed, data["mode"]), data["based_on"])

    def pop(self, token: str) -> ImportOutcome | None:
        outcome = self.get(token)
        drop_tokens(self.store, token)
        return outcome


def _stash(store, token: str, payload: str, now: int, ttl: int) -> None:
    """Keep a payload under a token in the store (every worker process sees it); expired
    payloads are dropped on the way."""
    from eaeu.store import pending_imports

    def save(conn) -> None:
        conn.execute(pending_imports.delete().where(pending_imports.c.expires_at <= now))
        row = {"token": token, "expires_at": now + ttl, "payload": payload}
        conn.execute(pending_imports.insert().values(**row))

    store.write(save)


def _unstash(store, token: str, now: int) -> str | None:
    from sqlalchemy import select

    from eaeu.store import pending_imports

    table = pending_imports
    query = select(table.c.payload).where(table.c.token == token, table.c.expires_at > now)
    return store.read(lambda conn: conn.scalar(query))


class UploadStash:
    """Uploaded files waiting for the editor, kept in the store's pending_imports table (every
    worker process sees them). Answering a question re-reads the file from here: the browser
    sends a file once and then holds only a token."""

    PREFIX = "upload-"  # never confused with a StoredPendingImports token

    def __init__(self, store, ttl_seconds: int = 1800, clock=time.time):
        self.store, self.ttl, self._clock = store, ttl_seconds, clock

    def put(self, data: bytes, file_name: str) -> str:
        token = self.PREFIX + secrets.token_urlsafe(24)
        payload = json.dumps(
            {"file_name": file_name, "data": base64.b64encode(data).decode("ascii")},
            ensure_ascii=False,
        )
        _stash(self.store, token, payload, int(self._clock()), self.ttl)
        return token

    def get(self, token: str | None) -> tuple[bytes, str] | None:
        """(bytes, file name), or None once expired, dropped or for a token not ours."""
        if not token or not token.startswith(self.PREFIX):
            return None
        payload = _unstash(self.store, token, int(self._clock()))
        if payload is None:
            return None
        data = json.loads(payload)
        return base64.b64decode(data["data"]), data["file_name"]


def drop_tokens(store, *tokens: str | None) -> None:
    """Forget waiting uploads and previews: after a commit, a cancel or a new upload."""
    from eaeu.store import pending_imports

    present = [token for token in tokens if token]
    if present:
        condition = pending_imports.c.token.in_(present)
        store.write(lambda conn: conn.execute(pending_imports.delete().where(condition)))


# ---------------------------------------------------------------------------------------------
# The template staff fill in
# ---------------------------------------------------------------------------------------------

TEMPLATE_INSTRUCTIONS = (
    ("Как заполнить / How to fill in", ""),
    (
        "1. Заполните лист «Данные»: одна строка — одно значение показателя для страны за период.",
        "1. Fill in the 'Data' sheet: one row is one figure for one country and period.",
    ),
    (
        "2. indicator и geo — выберите из списка; период — даты начала и конца (ГГГГ-ММ-ДД).",
        "2. Pick indicator and geo from the lists; the period is its first and last day (YYYY-MM-DD).",
    ),
    (
        "3. value — прирост в % (4.4 означает +4,4 %), не индекс (104.4).",
        "3. value is growth in % (4.4 means +4.4 %), not an index (104.4).",
    ),
    (
        "4. Укажите источник: название, ссылку (https://...) и дату публикации.",
        "4. Give the source: its name, link (https://...) and publication date.",
    ),
    (
        "5. Загрузите файл: перед сохранением вы увидите, что изменится.",
        "5. Upload the file: you will see what changes before anything is saved.",
    ),
)


def template_xlsx(ds) -> bytes:
    """A workbook to fill in: instructions, a data sheet with lists, two real example rows."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    guide = workbook.active
    guide.title = "Инструкция (Instructions)"
    for ru, en in TEMPLATE_INSTRUCTIONS:
        guide.append([ru, en])
    guide.column_dimensions["A"].width = guide.column_dimensions["B"].width = 90
    data = workbook.create_sheet("Данные (Data)")
    data.append(list(OBS_COLUMNS))
    for row in _example_rows(ds):
        data.append(row)
        for cell in data[data.max_row][2:4]:
            cell.data_type = "s"  # dates stay ISO text, not Excel serial numbers
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    indicators, geos = list(ds.indicators["id"]), list(ds.geographies["code"])
    for i in range(max(len(indicators), len(geos))):
        lists.append([_at(indicators, i), _at(geos, i)])
    for column, count, letter in (("A", len(indicators), "A"), ("B", len(geos), "B")):
        validation = DataValidation(type="list", formula1=f"=Lists!${letter}$1:${letter}${count}")
        data.add_data_validation(validation)
        validation.add(f"{column}2:{column}5000")
    for column in "ABCDEFGH":
        data.column_dimensions[column].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _at(items: list[str], index: int) -> str | None:
    return items[index] if index < len(items) else None


def _example_rows(ds) -> list[list[object]]:
    obs = ds.observations
    sourced = obs[obs["source_url"].fillna("").astype(str).str.len() > 0].head(2)
    rows = []
    for row in sourced.itertuples(index=False):
        rows.append(
            [
                row.indicator,
                row.geo,
                row.period_start.isoformat(),
                row.period_end.isoformat(),
                float(row.value),
                row.source_name,
                row.source_url or "",
                row.source_date or "",
            ]
        )
    return rows
