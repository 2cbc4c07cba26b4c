"""What one cell means: periods, values, dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from eaeu.imports.reference import FOOTNOTE
from eaeu.messages import Invalid, msg

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
# ISO 8601 intervals of months or days: '2024-01/2024-09', '2024-01-01/2024-09-30'.
ISO_INTERVAL = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?\s*/\s*(\d{4})-(\d{2})(?:-(\d{2}))?$")
# A unit after a period header: 'Jan-Sep 2024, %', 'январь–сентябрь 2024 (%)', '..., в %'.
UNIT = re.compile(r"\s*[,;]?\s*(?:\(\s*(?:в|in)?\s*%\s*\)|(?:в|in)?\s*%)$")
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
# A period as its first and last day (eaeu.queries.Period is the dataset's richer period).
DateSpan = tuple[dt.date, dt.date]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int | None:
    return MONTHS.get(word.rstrip(".")[:3])


def parse_period(value: object, default_year: int | None = None) -> DateSpan | None:
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
    text = UNIT.sub("", text)
    if not text or len(text) > 60:
        return None
    if match := ISO_INTERVAL.match(text):
        return _iso_interval(match)
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


def _iso_interval(match: re.Match) -> DateSpan | None:
    """'2024-01/2024-09' runs from the first month's first day to the last month's last day."""
    try:
        y1, m1, y2, m2 = (int(match[i]) for i in (1, 2, 4, 5))
        start = dt.date(y1, m1, int(match[3] or 1))
        end = dt.date(y2, m2, int(match[6])) if match[6] else month_end(y2, m2)
    except ValueError:
        return None
    return (start, end) if start <= end else None


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


MISSING_MARKS = {"", "-", "–", "—", "…", "...", "..", "x", "х", "н/д", "нд", "n/a", "na", "-//-"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_value(cell: object) -> Decimal | None:
    """A cell -> Decimal; None for an empty or 'no data' cell; ValueError naming what was seen.

    Handles '12,6 %', '+4.4', '−1,2' (real minus), '1 234,5' (space, no-break or narrow
    no-break space as thousands separator) and '1,234.5'.
    """
    if isinstance(cell, bool):
        raise Invalid(msg("expected_number", got=str(cell)))
    if isinstance(cell, int | float):
        if cell != cell:  # NaN
            return None
        # Excel stores binary floats: 12.6 may come back as 12.600000000000001.
        return Decimal(repr(round(float(cell), 10)))
    if isinstance(cell, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise Invalid(msg("expected_a_date", got=str(cell)))
    text = str(cell).strip()
    if text.casefold() in MISSING_MARKS:
        return None
    cleaned = SPACES.sub("", text).rstrip("%").replace("\u2212", "-").replace("–", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # '1,234.5': the comma groups thousands
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # '12,6': decimal comma
    if not NUMBER.match(cleaned):
        raise Invalid(msg("expected_number", got=text))
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(msg("expected_number", got=text)) from None


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
        raise Invalid(msg("expected_date", got=text)) from None


def parse_source_date(cell: object) -> str:
    text = cell_text(cell)
    if not text or re.fullmatch(r"\d{4}(-\d{2})?", text):
        return text
    return parse_day(cell)


def parse_url(cell: object) -> str:
    text = cell_text(cell)
    if text and not text.startswith(("https://", "http://")):
        raise Invalid(msg("expected_url", got=text))
    return text
