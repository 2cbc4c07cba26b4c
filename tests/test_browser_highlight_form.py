"""The figure-of-the-week form on headless Chromium, in each language: errors name the field by
its label, all at once, next to the field; a date typed as the language writes it is saved
and shown in the card. Every edit is SYNTHETIC and rolled back after the test."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from components import ids
from tests.conftest import wait_for_chart
from tests.test_browser_analyst import serious_violations
from tests.test_browser_editor import log_in, restored, store  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

CASES = {
    "ru": {
        "tab": "Данные",
        "bad_date": "31.02.2024",
        "date_error": "Дата: даты 31.02.2024 нет в календаре; введите год, месяц или дату, "
        "например 2024, 12.2024 или 20.12.2024",
        "bad_value": "4,5",
        "value_error": "Значение: 4,5 не совпадает с данными "
        "(Промышленное производство, ЕАЭС, январь–сентябрь 2024: 4,4)",
        "good_date": "20.12.2024",
        "good_value": "4,4",
        "saved": "Сохранено как версия {version}.",
        "card_date": "20 декабря 2024",
    },
    "en": {
        "tab": "Data",
        "bad_date": "31/02/2024",
        "date_error": "Date: there is no date 31/02/2024; enter a year, month or date such as "
        "2024, 12/2024 or 20/12/2024",
        "bad_value": "4.5",
        "value_error": "Value: 4.5 does not match the data "
        "(Industrial production, EAEU, Jan–Sep 2024: 4.4)",
        "good_date": "20/12/2024",
        "good_value": "4.4",
        "saved": "Saved as version {version}.",
        "card_date": "December 20, 2024",
    },
}


def control(page, name: str):
    return page.locator(f"#{ids.highlight_field(name)}")


def feedback(page, name: str):
    return page.locator(f"#{ids.highlight_feedback(name)}")


def expect_marked_invalid(page, name: str, message: str) -> None:
    """Shown under the field, and tied to it for screen readers."""
    expect(feedback(page, name)).to_have_text(message)
    expect(feedback(page, name)).to_be_visible()
    expect(control(page, name)).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(control(page, name)).to_have_attribute("aria-invalid", "true")
    expect(control(page, name)).to_have_attribute("aria-describedby", ids.highlight_feedback(name))


@pytest.mark.parametrize("lang", list(CASES))
def test_the_form_names_wrong_fields_then_saves_a_typed_date(watched, live_server, restored, lang):  # noqa: F811
    page, _ = watched
    case = CASES[lang]
    log_in(page, live_server)
    page.goto(f"{live_server}/?lang={lang}")
    wait_for_chart(page, "growth")
    page.get_by_role("tab", name=case["tab"]).click()
    before = restored.current_version()

    control(page, "date").fill(case["bad_date"])
    control(page, "value").fill(case["bad_value"])
    page.locator(f"#{ids.HIGHLIGHT_SAVE}").click()
    status = page.locator(f"#{ids.HIGHLIGHT_STATUS}")
    expect(status.locator("li")).to_have_text([case["date_error"], case["value_error"]])
    expect_marked_invalid(page, "date", case["date_error"])
    expect_marked_invalid(page, "value", case["value_error"])
    expect(control(page, "period_end")).not_to_have_attribute("aria-invalid", "true")
    found = serious_violations(page)
    assert found == [], "\n".join(found)
    assert restored.current_version() == before

    text = f"SYNTHETIC figure of the week ({lang})"
    control(page, "date").fill(case["good_date"])
    control(page, "value").fill(case["good_value"])
    control(page, f"text_{lang}").fill(text)
    page.locator(f"#{ids.HIGHLIGHT_SAVE}").click()
    expect(status).to_have_text(case["saved"].format(version=before + 1))
    card = page.locator(f"#{ids.HIGHLIGHT}")
    expect(card).to_contain_text(text)
    expect(card).to_contain_text(case["card_date"])
    # The form shows the saved row again, its date as the language writes it, nothing marked.
    expect(control(page, "date")).to_have_value(case["good_date"])
    expect(control(page, "value")).not_to_have_attribute("aria-invalid", "true")
    expect(feedback(page, "date")).to_have_text("")
    saved = restored.load_raw()["highlights"]
    assert saved.iloc[-1]["date"] == "2024-12-20"
    assert saved.iloc[-1][f"text_{lang}"] == text
