"""Dates and numbers as editors type them, read strictly (eaeu/form_input.py), and shown back
in the form's format (eaeu/i18n.py). Every value is SYNTHETIC."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from eaeu.form_input import (
    InputError,
    fmt_date_input,
    fmt_number_input,
    number_text,
    parse_day,
    parse_number,
    parse_partial_date,
)


@pytest.mark.parametrize(
    "text", ["20.12.2024", "20/12/2024", "2024-12-20", " 20.12.2024 ", "\t20/12/2024\n"]
)
def test_a_day_is_read_day_first_or_iso(text):
    assert parse_day(text) == dt.date(2024, 12, 20)


def test_single_digit_days_and_months_are_read():
    assert parse_day("1.2.2024") == dt.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31.02.2024", "no_such_date"),  # an error, never rolled on to 2 March
        ("29/02/2023", "no_such_date"),
        ("2024-02-30", "no_such_date"),
        ("12/20/2024", "no_such_date"),  # month first (US): there is no 20th month
        ("20.12.24", "year_digits"),  # which century: refused, not guessed
        ("20-12-2024", "date"),
        ("20.12/2024", "date"),  # one separator per date
        ("20.12.202", "date"),
        ("2024", "date"),  # a year is not a day
        ("20 декабря 2024", "date"),
        ("", "date"),
    ],
)
def test_a_day_that_is_not_one_is_an_error(text, reason):
    with pytest.raises(InputError) as error:
        parse_day(text)
    assert error.value.reason == reason


def test_a_two_digit_year_error_offers_the_full_date():
    with pytest.raises(InputError) as error:
        parse_day("20.12.24")
    assert error.value.details == {"example_iso": "2024-12-20"}


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024", "2024"),
        ("12.2024", "2024-12"),
        ("12/2024", "2024-12"),
        ("2024-12", "2024-12"),
        ("1.2024", "2024-01"),
        ("20.12.2024", "2024-12-20"),
        ("20/12/2024", "2024-12-20"),
        ("2024-12-20", "2024-12-20"),
    ],
)
def test_a_partial_date_is_a_year_a_month_or_a_day(text, stored):
    assert parse_partial_date(text) == stored


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("13.2024", "no_such_date"),
        ("2024-13", "no_such_date"),
        ("31.04.2024", "no_such_date"),
        ("20.12.24", "year_digits"),
        ("12.24", "partial_date"),  # December 2024 or 12 February? Neither is guessed.
        ("20.12", "partial_date"),
        ("24", "partial_date"),
        ("2024-1", "partial_date"),
        ("декабрь 2024", "partial_date"),
    ],
)
def test_a_partial_date_that_is_not_one_is_an_error(text, reason):
    with pytest.raises(InputError) as error:
        parse_partial_date(text)
    assert error.value.reason == reason


@pytest.mark.parametrize(
    ("text", "lang", "stored"),
    [
        ("4,4", "ru", "4.4"),
        ("4.4", "ru", "4.4"),  # pasted from an English text
        ("1 234,5", "ru", "1234.5"),
        ("1\u00a0234,5", "ru", "1234.5"),
        ("\u22124,4", "ru", "-4.4"),  # a true minus
        ("-4,4", "ru", "-4.4"),
        ("\u20104,4", "ru", "-4.4"),  # a typographic hyphen
        ("4,40", "ru", "4.40"),
        ("4.4", "en", "4.4"),
        ("1,234.5", "en", "1234.5"),
        ("\u22120.5", "en", "-0.5"),
        ("+4.4", "en", "4.4"),
    ],
)
def test_numbers_are_read_as_the_language_writes_them(text, lang, stored):
    assert number_text(parse_number(text, lang)) == stored


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("4,4", "en"),  # a decimal comma in English: 4.4 or 44? Refused.
        ("1.234,5", "ru"),
        ("4,4 %", "ru"),
        ("NaN", "en"),
        ("Infinity", "en"),
        ("1e5", "en"),
        ("--4", "ru"),
        ("четыре", "ru"),
        ("", "ru"),
    ],
)
def test_anything_else_is_not_a_number(text, lang):
    with pytest.raises(InputError) as error:
        parse_number(text, lang)
    assert error.value.reason == "number"


def test_stored_numbers_have_a_point_and_no_exponent():
    assert number_text(Decimal("1E+1")) == "10"
    assert number_text(Decimal("0.50")) == "0.50"


@pytest.mark.parametrize(
    ("stored", "ru", "en"),
    [
        ("2024-12-20", "20.12.2024", "20/12/2024"),
        ("2024-12", "12.2024", "12/2024"),
        ("2024", "2024", "2024"),
        ("", "", ""),
        ("not a date", "not a date", "not a date"),
    ],
)
def test_the_form_shows_dates_as_the_language_types_them(stored, ru, en):
    assert (fmt_date_input(stored, "ru"), fmt_date_input(stored, "en")) == (ru, en)


def test_shown_dates_and_numbers_read_back_to_what_is_stored():
    for stored in ("2024-12-20", "2024-12", "2024"):
        for lang in ("ru", "en"):
            assert parse_partial_date(fmt_date_input(stored, lang)) == stored
    assert fmt_number_input("-4.40", "ru") == "-4,40"
    assert number_text(parse_number(fmt_number_input("-4.40", "ru"), "ru")) == "-4.40"
    assert fmt_number_input("4.4", "en") == "4.4"
