"""Numbers, dates and labels follow the language."""

from __future__ import annotations

import datetime as dt

from eaeu.i18n import STRINGS, fmt_date, fmt_number, fmt_percent, period_label, t


def test_every_string_has_both_languages():
    for key, entry in STRINGS.items():
        assert set(entry) == {"ru", "en"}, key
        assert all(entry.values()), key


def test_percent_uses_decimal_comma_and_space_in_russian():
    assert fmt_percent(12.6, "ru") == "12,6\u00a0%"
    assert fmt_percent(12.6, "en") == "12.6%"
    assert fmt_percent(-1.25, "ru", decimals=2) == "\u22121,25\u00a0%"  # a true minus
    assert fmt_percent(-6.6, "en") == "\u22126.6%"
    assert fmt_percent(4.4, "en", signed=True) == "+4.4%"
    assert fmt_percent(None, "ru") == "—"


def test_thousands_follow_the_locale():
    assert fmt_number(12345.6, "ru") == "12\u00a0345,6"
    assert fmt_number(12345.6, "en") == "12,345.6"


def test_period_labels():
    start, end = dt.date(2024, 1, 1), dt.date(2024, 9, 30)
    assert period_label(start, end, "ru") == "январь–сентябрь 2024"
    assert period_label(start, end, "en") == "Jan–Sep 2024"
    assert period_label(start, dt.date(2024, 12, 31), "en") == "2024"
    assert period_label(start, dt.date(2024, 1, 31), "ru") == "январь 2024"


def test_dates_per_locale_and_partial_dates_as_given():
    assert fmt_date(dt.date(2026, 1, 26), "ru") == "26 января 2026\u202fг."
    assert fmt_date(dt.date(2026, 1, 26), "en") == "January 26, 2026"
    assert fmt_date("2025", "en") == "2025"
    assert fmt_date("2024-07", "ru") == "июль 2024"


def test_unknown_language_falls_back_to_russian():
    assert t("tab_table", "de") == "Таблица"


def test_plural_forms_follow_the_number():
    from eaeu.i18n import plural

    assert [plural("missions", n, "ru") for n in (1, 2, 5, 21)] == [
        "учреждение",
        "учреждения",
        "учреждений",
        "учреждение",
    ]
    assert [plural("missions", n, "en") for n in (1, 2)] == ["mission", "missions"]
