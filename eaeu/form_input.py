"""What editors type into forms, read strictly: dates (whole or partial) and numbers as the
interface language writes them, or an InputError saying what was wrong."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal

from eaeu.i18n import normalize_lang

# Day first in both languages: 20.12.2024 (ru), 20/12/2024 (en); either separator is read,
# as no reader of either language writes the month first with it. ISO in both.
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d+)")
MONTH_YEAR = re.compile(r"(\d{1,2})[./](\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
YEAR = re.compile(r"\d{4}")
# A true minus, hyphens and dashes editors paste from texts, all read as a minus.
MINUS_SIGNS = str.maketrans(dict.fromkeys("\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d", "-"))
# Digits, one leading sign, group and decimal separators: no NaN, no exponents.
NUMBER_SHAPE = re.compile(r"[+-]?[\d., \u00a0\u202f]*\d[\d., \u00a0\u202f]*")


class InputError(ValueError):
    """`reason` names what was expected ('date', 'partial_date', 'number', ...); `details`
    carry what the message quotes (the text as typed, a corrected example)."""

    def __init__(self, reason: str, **details: str):
        self.reason = reason
        self.details = details
        super().__init__(reason)


def parse_day(text: str) -> dt.date:
    """'20.12.2024', '20/12/2024' or '2024-12-20' -> that day; 31.02.2024 is an error."""
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := DAY_MONTH_YEAR.fullmatch(text):
        day, _, month, year = match.groups()
    else:
        raise InputError("date")
    _check_year(year, f"{_full_year(year)}-{int(month):02d}-{int(day):02d}")
    return _calendar_date(text, int(year), int(month), int(day))


def parse_partial_date(text: str) -> str:
    """A year, a month or a day as stored ('2024', '2024-12', '2024-12-20'), read from
    '2024', '12.2024' / '12/2024' / '2024-12', or a day as `parse_day` reads it."""
    text = text.strip()
    if YEAR.fullmatch(text):
        return text
    if match := ISO_MONTH.fullmatch(text):
        year, month = match.groups()
        return _calendar_date(text, int(year), int(month), 1).isoformat()[:7]
    if match := MONTH_YEAR.fullmatch(text):
        month, year = match.groups()
        return _calendar_date(text, int(year), int(month), 1).isoformat()[:7]
    try:
        return parse_day(text).isoformat()
    except InputError as error:
        if error.reason == "date":
            raise InputError("partial_date") from None
        raise


def _full_year(year: str) -> str:
    return f"20{year}" if len(year) == 2 else year


def _check_year(year: str, example_iso: str) -> None:
    """Years have four digits: '24' could be any century, so it is refused, not guessed."""
    if len(year) == 2:
        raise InputError("year_digits", example_iso=example_iso)
    if len(year) != 4:
        raise InputError("date")


def _calendar_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError("no_such_date", text=text) from None


def parse_number(text: str, lang: str) -> Decimal:
    """'4,4' or '4.4' (ru, where groups are spaces: '1 234,5'); '4.4' or '1,234.5' (en).
    A true minus or a hyphen reads as a minus; anything else is an InputError."""
    cleaned = text.strip().translate(MINUS_SIGNS)
    if not NUMBER_SHAPE.fullmatch(cleaned):
        raise InputError("number")
    lang = normalize_lang(lang)
    if lang == "ru":  # Russian groups digits with a no-break space; editors type a space
        cleaned = re.sub(r"[ \u202f]", "\u00a0", cleaned)
    try:
        return parse_decimal(cleaned, locale=lang, strict=True)
    except NumberFormatError:
        raise InputError("number") from None


def number_text(value: Decimal) -> str:
    """The stored form of a number: a point, no groups, no exponent ('4.4', '-1.25')."""
    return format(value, "f")


# How an editor types a date in each language: day first, '.' in Russian and '/' in English.
INPUT_DATE_PATTERNS = {
    "ru": {3: "dd.MM.y", 2: "MM.y", 1: "y"},
    "en": {3: "dd/MM/y", 2: "MM/y", 1: "y"},
}


def fmt_date_input(value: str | None, lang: str) -> str:
    """A stored date (YYYY, YYYY-MM or YYYY-MM-DD) as an editor types it: '20.12.2024',
    '12.2024' (ru); '20/12/2024', '12/2024' (en). Anything else is shown as it is."""
    text = (value or "").strip()
    parts = text.split("-")
    try:
        year, month, day = (*map(int, parts), 1, 1)[:3] if len(parts) <= 3 else ("",) * 3
        date = dt.date(year, month, day)
    except (ValueError, TypeError):
        return text
    lang = normalize_lang(lang)
    return format_date(date, INPUT_DATE_PATTERNS[lang][len(parts)], locale=lang)


def fmt_number_input(text: str | None, lang: str) -> str:
    """A stored number ('4.4') as an editor types it: '4,4' (ru), '4.4' (en), digits kept."""
    return (text or "").replace(".", get_decimal_symbol(normalize_lang(lang)))
