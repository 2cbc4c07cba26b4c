"""The interface is wholly in the reader's language, and what it says about numbers is true:
every visible text (charts, tables, toolbars, labels) is scanned in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components import ids
from tests.conftest import wait_for_chart
from tests.test_browser_editor import EDITOR, log_in, store  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

# Every text a reader can see or hear: text nodes of shown elements (HTML and chart SVG),
# and the labels of controls (toolbar buttons' titles, aria-labels, placeholders).
TEXTS_JS = """
() => {
    const out = [];
    const shown = el => {
        for (let e = el; e && e !== document.body; e = e.parentElement) {
            if (e.hidden || getComputedStyle(e).display === "none") return false;
        }
        return true;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        // Code to copy (the embed snippet) is not prose in either language.
        if (!parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEXTAREA", "CODE", "PRE"].includes(parent.tagName)) continue;
        const text = node.textContent.trim();
        // What people typed (names, file names, their notes) is shown as written.
        if (text && shown(parent) && !parent.closest("[data-as-typed]")) out.push(text);
    }
    for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [data-title]")) {
        if (!shown(el)) continue;
        for (const name of ["title", "aria-label", "placeholder", "data-title"]) {
            const value = el.getAttribute(name);
            if (value && value.trim()) out.push(value.trim());
        }
    }
    return out;
}
"""

# Names the sources write in Latin letters in Russian too, and codes that are not words.
LATIN_ALLOWED = re.compile(
    r"^(https?://\S+|[\w.-]+\.(by|kg|ru|org|com)\b.*|Sputnik|PNG|SVG|PDF|CSV|XLSX|URL|ISO|px"
    r"|Excel|ZIP|csv|xlsx|xlsm|ods|[A-Z]{3}|EAEU|RU-[A-Z]{2,3}|[xX×]|RU|EN|English)$"
)
# The language switch names each language in itself.
CYRILLIC_ALLOWED = {"Русский", "RU", "Рус"}
WORD = re.compile(r"[^\s,;:()«»“”\"'!?/|*•—–…]+")
HYPHEN_MINUS = re.compile(r"(?<![\w.])-\d")


def visible_texts(page) -> list[str]:
    return page.evaluate(TEXTS_JS)


def latin_only_words(texts: list[str]) -> set[str]:
    found = set()
    for text in texts:
        for word in WORD.findall(text):
            word = word.strip(".")
            latin = re.search("[A-Za-z]", word) and not re.search("[А-Яа-яЁё]", word)
            if latin and not LATIN_ALLOWED.match(word):
                found.add(word)
    return found


def cyrillic_texts(texts: list[str]) -> set[str]:
    return {t for t in texts if re.search("[А-Яа-яЁё]", t) and t not in CYRILLIC_ALLOWED}


def open_everything(page, server: str, lang: str, tab: str, query: str = "") -> None:
    page.goto(f"{server}/?lang={lang}&tab={tab}{query}")
    if tab == "indicators":
        wait_for_chart(page, "growth")
        wait_for_chart(page, "trend")
    elif tab == "missions":
        wait_for_chart(page, "missions")
    else:
        page.wait_for_selector(f"#{ids.GRID} .ag-row")
    # The chart toolbars appear on hover: show them so their labels are read too.
    for graph in page.locator(".js-plotly-plot").all():
        if graph.is_visible():
            graph.hover()
    page.wait_for_timeout(200)


VIEWS = [
    ("indicators", ""),
    ("indicators", "&transform=rank&period=2024-09"),
    ("indicators", "&indicator=unemployment"),
    ("missions", ""),
    ("missions", "&snapshot=2023-08-10"),
    ("table", "&table=matrix"),
    ("table", "&table=growth"),
    ("table", "&table=missions"),
]


@pytest.mark.parametrize(("tab", "query"), VIEWS)
def test_russian_interface_has_no_english(page, live_server, tab, query):
    open_everything(page, live_server, "ru", tab, query)
    english = sorted(latin_only_words(visible_texts(page)))
    assert not english, english


@pytest.mark.parametrize(("tab", "query"), VIEWS)
def test_english_interface_has_no_russian(page, live_server, tab, query):
    open_everything(page, live_server, "en", tab, query)
    russian = sorted(cyrillic_texts(visible_texts(page)))
    assert not russian, russian


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_negative_numbers_carry_a_true_minus(page, live_server, lang):
    # Change in points has negative values (Belarus Jan-Jun 2025: -6.8).
    open_everything(page, live_server, lang, "indicators", "&transform=pp_change&period=2025-06")
    texts = visible_texts(page)
    assert "\u22126" in " ".join(texts)  # the negative values are there ...
    assert [t for t in texts if HYPHEN_MINUS.search(t)] == []  # ... never with a hyphen


TRACE_DATES_JS = """
id => Array.from(document.getElementById(id).querySelector('.js-plotly-plot').data)
    .map(t => ({name: t.name, x: Array.from(t.x)}))
"""


@pytest.mark.parametrize("span", ["ytd-6", "year", "ytd-9"])
def test_no_line_joins_periods_of_different_length(page, live_server, span):
    page.goto(f"{live_server}/?span={span}")
    wait_for_chart(page, "trend")
    for trace in page.evaluate(TRACE_DATES_JS, ids.TREND_GRAPH):
        ends = {dt.date.fromisoformat(str(x)[:10]).strftime("%m-%d") for x in trace["x"]}
        assert len(ends) == 1, trace


def test_choosing_a_period_length_redraws_the_trend(page, live_server):
    page.goto(f"{live_server}/?lang=en")
    wait_for_chart(page, "trend")
    page.locator(f"#{ids.SPAN}").select_option(label="full year")
    page.wait_for_function("() => location.search.includes('span=year')")
    page.wait_for_function(
        "id => document.getElementById(id).querySelector('.js-plotly-plot').data[0].x[0]"
        ".startsWith('2023-12-31')",
        arg=ids.TREND_GRAPH,
    )
    assert "Full year, year by year" in page.locator(f"#{ids.TREND_GRAPH}-subtitle").inner_text()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_data_tab_is_in_one_language(page, live_server, store, lang):  # noqa: F811
    """The editors' tab: upload form, history (with the system's own notes), figure of the week."""
    log_in(page, live_server)
    page.goto(f"{live_server}/?lang={lang}&tab=data")
    page.wait_for_selector(f"#{ids.tab_panel('data')} table, #{ids.tab_panel('data')} .ag-row")
    texts = [t.replace(EDITOR, "") for t in visible_texts(page)]  # the header names the editor
    if lang == "ru":
        english = sorted(latin_only_words(texts))
        assert not english, english
    else:
        russian = sorted(cyrillic_texts(texts))
        assert not russian, russian


def test_no_chart_offers_a_third_party(page, live_server):
    """No 'Share chart' to Plotly Cloud, no Chart Studio: the toolbar keeps readers here."""
    open_everything(page, live_server, "en", "indicators")
    titles = page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map(b => b.getAttribute('data-title'))"
    )
    assert "Download plot as a PNG" in titles  # the toolbar is there ...
    assert not [t for t in titles if "Share" in t or "Chart Studio" in t or "Cloud" in t]
