"""The figure-of-the-week form's rules (eaeu/highlight_form_rules.py): what an editor types is
read in the interface language, and every problem names its form field. The shipped row is
quoted from data/; every edit to it is SYNTHETIC."""

from __future__ import annotations

import pytest

from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import read_tables
from eaeu.highlight_form_rules import data_problems, every_problem, form_values, read_form
from eaeu.highlights import latest_highlight_row


@pytest.fixture(scope="module")
def tables():
    return read_tables(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def shipped(tables) -> dict[str, str]:
    return latest_highlight_row(tables["highlights"])


def typed(shipped, lang: str, **changes: str) -> dict[str, str]:
    """The form as it opens in `lang`, with the editor's (SYNTHETIC) changes."""
    return {**form_values(shipped, lang), **changes}


def test_the_form_shows_the_row_in_the_language_and_reads_it_back(shipped):
    ru, en = form_values(shipped, "ru"), form_values(shipped, "en")
    assert (ru["period_end"], ru["value"], ru["leaders"]) == (
        "30.09.2024",
        "4,4",
        "ARM=12,6; BLR=6,4; RUS=4,4",
    )
    assert (en["period_end"], en["value"], en["leaders"]) == (
        "30/09/2024",
        "4.4",
        "ARM=12.6; BLR=6.4; RUS=4.4",
    )
    for lang, shown in (("ru", ru), ("en", en)):
        reading = read_form(shown, lang)
        assert (reading.row, reading.errors) == (shipped, {})


def test_typed_values_are_stored_in_the_table_format(shipped):
    reading = read_form(
        typed(shipped, "ru", date="20.12.2024", value="\u22124,4", leaders="arm = 12,6;BLR=6,4;"),
        "ru",
    )
    assert reading.errors == {}
    assert (reading.row["date"], reading.row["value"], reading.row["leaders"]) == (
        "2024-12-20",
        "-4.4",
        "ARM=12.6;BLR=6.4",
    )
    assert read_form(typed(shipped, "en", date="12/2024"), "en").row["date"] == "2024-12"
    assert read_form(typed(shipped, "en", date="2024-12-20"), "en").row["date"] == "2024-12-20"


@pytest.mark.parametrize(
    ("lang", "period_end", "message"),
    [
        ("ru", "вчера", "Конец периода: введите дату, например 30.09.2024"),
        ("en", "yesterday", "Period end: enter a date such as 30/09/2024"),
        (
            "ru",
            "31.02.2024",
            "Конец периода: даты 31.02.2024 нет в календаре; введите дату, например 30.09.2024",
        ),
        (
            "en",
            "31/02/2024",
            "Period end: there is no date 31/02/2024; enter a date such as 30/09/2024",
        ),
        ("ru", "30.09.24", "Конец периода: укажите год четырьмя цифрами, например 30.09.2024"),
        ("en", "30/09/24", "Period end: write the year in four digits, such as 30/09/2024"),
    ],
)
def test_a_bad_date_names_the_field_and_the_expected_date(shipped, lang, period_end, message):
    reading = read_form(typed(shipped, lang, period_end=period_end), lang)
    assert reading.errors == {"period_end": message}
    assert reading.row["period_end"] == ""


def test_the_highlight_date_may_be_partial_and_says_so(shipped):
    reading = read_form(typed(shipped, "ru", date="12.24"), "ru")
    assert reading.errors == {
        "date": "Дата: введите год, месяц или дату, например 2024, 12.2024 или 20.12.2024"
    }


@pytest.mark.parametrize(
    ("lang", "value", "message"),
    [
        ("ru", "4,5", "Значение: 4,5 не совпадает с данными "
         "(Промышленное производство, ЕАЭС, январь–сентябрь 2024: 4,4)"),
        ("en", "4.5", "Value: 4.5 does not match the data "
         "(Industrial production, EAEU, Jan–Sep 2024: 4.4)"),
    ],
)  # fmt: skip
def test_a_value_that_disagrees_with_the_data_names_the_figure(
    shipped, tables, lang, value, message
):
    reading = read_form(typed(shipped, lang, value=value), lang)
    assert reading.errors == {}
    assert data_problems(reading.row, tables, lang) == {"value": message}


def test_every_problem_is_listed_at_once_in_form_order(shipped, tables):
    changes = {"date": "31.02.2024", "value": "4,5", "headline_en": " ", "source_url": "www.x"}
    reading = read_form(typed(shipped, "ru", **changes), "ru")
    problems = every_problem(reading, tables, "ru")
    assert list(problems) == ["date", "value", "headline_en", "source_url"]
    assert problems["headline_en"] == "Заголовок (англ.): заполните это поле"
    assert problems["source_url"] == "Ссылка на источник: введите ссылку, начинающуюся с https://"
    assert problems["value"].startswith("Значение: 4,5 не совпадает с данными")


def test_a_decimal_comma_in_english_is_refused_with_an_example(shipped):
    reading = read_form(typed(shipped, "en", value="4,4"), "en")
    assert reading.errors == {"value": "Value: enter a number such as 4.4"}


def test_leaders_are_checked_one_by_one(shipped, tables):
    reading = read_form(typed(shipped, "en", leaders="ARM=12.6; BLR=9.9; XYZ=1"), "en")
    assert data_problems(reading.row, tables, "en") == {
        "leaders": "Leaders: BLR 9.9 does not match the data "
        "(Industrial production, Belarus, Jan–Sep 2024: 6.4); "
        "no country has the code XYZ; use one of EAEU, ARM, BLR, KAZ, KGZ, RUS"
    }
    unreadable = read_form(typed(shipped, "ru", leaders="ARM 12,6, BLR 6,4"), "ru")
    assert unreadable.errors == {
        "leaders": "Лидеры: введите КОД=значение через точку с запятой, например ARM=12,6; BLR=6,4"
    }


def test_a_period_the_data_lack_is_named(shipped, tables):
    reading = read_form(typed(shipped, "ru", period_end="31.10.2024", leaders=""), "ru")
    assert data_problems(reading.row, tables, "ru") == {
        "value": "Значение: в данных нет цифры, с которой можно сверить 4,4 "
        "(Промышленное производство, ЕАЭС, период по 31.10.2024)"
    }


def test_unknown_choices_are_named_and_stop_the_figure_check(shipped, tables):
    reading = read_form(typed(shipped, "en", indicator="synthetic", value="1"), "en")
    assert data_problems(reading.row, tables, "en") == {
        "indicator": "Indicator: choose an indicator from the list"
    }


@pytest.mark.parametrize(
    "lang, messages",
    [
        ("ru", ("Текст (рус.): не длиннее 2\u00a0000 знаков", "Заголовок (англ.): не длиннее 200")),
        ("en", ("Text (Russian): at most 2,000 characters", "Headline (English): at most 200")),
    ],
)
def test_overlong_texts_are_refused_by_field(shipped, lang, messages):
    values = form_values(shipped, lang)
    values.update(text_ru="а" * 200_000, headline_en="x" * 201, source_url="https://" + "x" * 2000)
    errors = read_form(values, lang).errors
    assert set(errors) == {"text_ru", "headline_en", "source_url"}
    assert errors["text_ru"].replace("\u202f", "\u00a0") == messages[0]
    assert errors["headline_en"].startswith(messages[1])
    values = form_values(shipped, lang)
    values.update(text_ru="а" * 2000, headline_en="x" * 200, source_name_en="s" * 300)
    assert read_form(values, lang).errors == {}
