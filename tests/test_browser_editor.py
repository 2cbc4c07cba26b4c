"""Editor flows on headless Chromium: log in, upload, answer, preview, commit, roll back; and
what anonymous visitors and forged requests get. Every uploaded figure is SYNTHETIC."""

from __future__ import annotations

import base64
import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from components import ids
from components.rate_limits import limiter
from eaeu.i18n import t
from eaeu.store import Store
from eaeu.users import add_editor, editor_names
from tests.conftest import wait_for_chart
from tests.corpus import xlsx_bytes
from tests.test_browser import bar_order, choose
from tests.test_browser_analyst import serious_violations

pytestmark = pytest.mark.browser

EDITOR = "synthetic-editor"
PASSWORD = "synthetic password 1"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# -1 while the chart is not there (a tab's panel is built when the tab is first opened).
BAR_COUNT_JS = """
id => {
    const plot = document.querySelector(`#${id} .js-plotly-plot, #${id}.js-plotly-plot`);
    return plot && plot.data ? plot.data.filter(t => t.type === 'bar')
        .reduce((n, t) => n + t.y.length, 0) : -1;
}
"""


@pytest.fixture(scope="module")
def store(live_server, database_url) -> Store:
    store = Store(database_url)
    if EDITOR not in editor_names(store):
        add_editor(store, EDITOR, PASSWORD)
    return store


@pytest.fixture
def restored(store):
    """Other tests read the same live server: its data end as they began, even on a failure."""
    version, content = store.current_version(), store.content_hash()
    yield store
    if store.content_hash() != content:
        store.rollback(version, "test cleanup")


def synthetic_wide_xlsx() -> bytes:
    """SYNTHETIC: Kazakhstan's industrial production as indices (previous year = 100) for
    Jan-Aug 2024 (shipped as 3.0: a change) and Jan-Sep 2024 (not shipped: a new row), in a
    wide sheet without an indicator column, so the importer asks two questions. The quoted
    2024-09 figure of the week (EAEU, ARM, BLR, RUS) stays untouched."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Синтетика"
    sheet.append(["Страна", "январь–август 2024", "январь–сентябрь 2024"])
    sheet.append(["Казахстан", 103.3, 103.5])
    return xlsx_bytes(workbook)


def workbook_of(download):
    # The saved download has no extension, which openpyxl wants: hand it the bytes.
    return load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)


def log_in(page, live_server) -> None:
    # Every browser test logs in from 127.0.0.1: the suite would exceed the login limits,
    # which tests/test_sessions.py checks on their own.
    limiter.reset()
    page.goto(live_server + "/login?next=/")
    page.fill("#name", EDITOR)
    page.fill("#password", PASSWORD)
    page.locator("button[type=submit]").click()
    wait_for_chart(page, "growth")
    expect(page.locator("header")).to_contain_text(EDITOR)


def enter_source(page, name_ru: str, name_en: str, date: str, url: str | None = None) -> None:
    """The source of rows the file names none for, as an editor types it (each field re-runs
    the preview when left, as Enter does here)."""
    for component_id, value in (
        (ids.DATA_SOURCE_NAME_RU, name_ru),
        (ids.DATA_SOURCE_NAME_EN, name_en),
        (ids.DATA_SOURCE_DATE, date),
        (ids.DATA_SOURCE_URL, url),
    ):
        if value is not None:
            page.fill(f"#{component_id}", value)
            page.press(f"#{component_id}", "Enter")
    if url is None:
        page.locator(f"#{ids.DATA_SOURCE_NO_URL}").check()


def wait_for_bars(page, count: int) -> None:
    page.wait_for_function(f"id => ({BAR_COUNT_JS})(id) === {count}", arg=ids.GROWTH_GRAPH)


def test_editor_imports_a_file_then_rolls_it_back(watched, live_server, restored):
    page, _ = watched
    store = restored
    data = synthetic_wide_xlsx()
    sent_file = []  # callback requests that carried the file
    marker = base64.b64encode(data)[:60].decode()
    page.on(
        "request",
        lambda r: sent_file.append(r.url) if marker in (r.post_data or "") else None,
    )
    log_in(page, live_server)
    choose(page, ids.PERIOD, "январь–сентябрь 2024")
    wait_for_bars(page, 3)
    before, content = store.current_version(), store.content_hash()

    page.get_by_role("tab", name="Данные").click()
    enter_source(page, "Синтетика", "Synthetic", "2026-01-15", "https://example.org/synthetic")
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files({"name": "synthetic_wide.xlsx", "mimeType": XLSX_TYPE, "buffer": data})
    questions = page.locator(f"#{ids.DATA_QUESTIONS}")
    questions.get_by_text("Промышленное производство", exact=True).click()
    questions.get_by_text(t("data_answer_index", "ru")).click()

    counts = page.locator("[data-indicator='industrial_production'] td")
    expect(counts).to_have_text(["Промышленное производство", "1", "1", "0"])
    changed = page.locator(f"#{ids.DATA_PREVIEW}-changed tbody tr td")
    expect(changed).to_have_text(
        ["Промышленное производство", "Казахстан", "январь–август 2024", "3.0", "3.3"]
    )
    assert len(sent_file) == 1, "answers must re-use the file kept on the server"
    page.fill(f"#{ids.DATA_NOTE}", "synthetic test import")
    page.locator(f"#{ids.DATA_COMMIT}").click()
    expect(page.locator(f"#{ids.DATA_IMPORT_STATUS}")).to_have_text(
        f"Сохранено как версия {before + 1}."
    )
    latest = store.history()[0]
    assert (latest.kind, latest.editor, latest.note) == ("import", EDITOR, "synthetic test import")
    obs = store.load_raw()["observations"]
    kaz = obs[(obs.geo == "KAZ") & (obs.period_end == "2024-09-30")].iloc[0]
    assert (kaz.source_name_ru, kaz.source_name_en, kaz.source_date) == (
        "Синтетика",
        "Synthetic",
        "2026-01-15",
    )

    # The page's charts re-read the store after the commit: no reload, no new choice.
    page.get_by_role("tab", name="Показатели").click()
    wait_for_bars(page, 4)
    assert bar_order(page) == ["Армения", "Беларусь", "Россия", "Казахстан"]

    page.get_by_role("tab", name="Данные").click()
    page.once("dialog", lambda dialog: dialog.accept())
    row = page.locator(f"#{ids.DATA_HISTORY} tr[data-version='{before}']")
    row.get_by_role("button", name=t("history_rollback", "ru")).click()
    expect(page.locator(f"#{ids.DATA_HISTORY_STATUS}")).to_have_text(
        f"Сохранено как версия {before + 2}: содержимое версии {before}."
    )
    assert store.content_hash() == content
    expect(page.locator(f"#{ids.DATA_HISTORY} tr[data-version='{before + 2}']")).to_contain_text(
        "откат"
    )
    page.get_by_role("tab", name="Показатели").click()
    wait_for_bars(page, 3)
    assert bar_order(page) == ["Армения", "Беларусь", "Россия"]


def test_a_new_version_refreshes_every_panel(watched, live_server, restored):
    """After a commit every panel shows the newest version, missions included, even the
    changes another editor saved meanwhile: no reload, no new choice."""
    page, _ = watched
    store = restored
    log_in(page, live_server)
    page.get_by_role("tab", name="Дипмиссии Беларуси").click()
    summary = page.locator(f"#{ids.MISSIONS_SUMMARY}")
    expect(summary).to_contain_text("Всего учреждений: 17")

    raw = store.load_raw()  # another editor removes one mission (SYNTHETIC change)
    missions = raw["missions"]
    latest = missions.index[missions["as_of"] == "2026-01-26"][0]
    store.commit({**raw, "missions": missions.drop(index=latest)}, "synthetic-other", kind="edit")

    page.get_by_role("tab", name="Данные").click()
    # The file names its source in English only: its Russian name is entered.
    page.fill(f"#{ids.DATA_SOURCE_NAME_RU}", "Синтетика")
    page.press(f"#{ids.DATA_SOURCE_NAME_RU}", "Enter")
    csv = (
        "indicator,geo,period,value,source_name\nindustrial_production,ARM,2031-10,1.5,Synthetic\n"
    )
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files(
        {"name": "synthetic.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    expect(page.locator(f"#{ids.DATA_COMMIT}")).to_be_enabled()
    page.locator(f"#{ids.DATA_COMMIT}").click()
    expect(page.locator(f"#{ids.DATA_IMPORT_STATUS}")).to_contain_text("Сохранено как версия")

    page.get_by_role("tab", name="Дипмиссии Беларуси").click()
    # The new version's map is built afresh (its shapes projected): more than the default
    # 5 s wait on a loaded machine.
    expect(summary).to_contain_text("Всего учреждений: 16", timeout=20_000)
    page.get_by_role("tab", name="Показатели").click()
    expect(page.locator(f"#{ids.PERIOD} option", has_text="2031")).to_have_count(1)


def test_anonymous_visitor_gets_no_upload_controls(watched, live_server):
    page, _ = watched
    page.goto(live_server + "/?tab=data")
    wait_for_chart(page, "growth")
    expect(page.get_by_role("tab")).to_have_count(4)  # the public tabs, not the data tab
    page.wait_for_function("() => location.search.includes('tab=indicators')")
    expect(page.locator(f"#{ids.tab_button('data')}")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.locator(f"#{ids.DATA_UPLOAD}")).to_have_count(0)
    login = page.get_by_role("link", name=t("editor_login", "ru"))
    expect(login).to_have_attribute("href", re.compile(r"^/login\?next=%2F%3F.*tab%3Dindicators"))
    # The tabs every reader has still switch on a page without the data tab.
    page.get_by_role("tab", name="Таблица").click()
    expect(page.get_by_role("tab", name="Таблица")).to_have_attribute("aria-selected", "true")


def test_logging_in_from_the_english_page_returns_to_it(watched, live_server, store):
    page, _ = watched
    page.goto(live_server + "/?lang=en&tab=missions&snapshot=2023-10-02")
    wait_for_chart(page, "missions")
    page.get_by_role("link", name=t("editor_login", "en")).click()
    limiter.reset()  # as in log_in
    page.fill("#name", EDITOR)
    page.fill("#password", PASSWORD)
    page.locator("button[type=submit]").click()
    wait_for_chart(page, "missions")
    assert "lang=en" in page.url and "snapshot=2023-10-02" in page.url
    expect(page.get_by_role("tab", name="Belarusian missions")).to_have_attribute(
        "aria-selected", "true"
    )


def test_logging_in_and_out_keeps_the_english_page_and_view(watched, live_server, store):
    """The login link and the log-out form follow the view on screen (a tab opened after the
    page loaded, too); the login page itself is in English."""
    page, _ = watched
    page.goto(live_server + "/?lang=en")
    wait_for_chart(page, "growth")
    page.get_by_role("tab", name="Table").click()
    login = page.get_by_role("link", name="Editor login")
    expect(login).to_have_attribute("href", re.compile(r"lang%3Den.*tab%3Dtable"))
    login.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Editor login")
    page.get_by_label("Name").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.locator("header")).to_contain_text(f"Editor: {EDITOR}")
    assert "lang=en" in page.url and "tab=table" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("tab", name="Table")).to_have_attribute("aria-selected", "true")

    page.get_by_role("tab", name="Belarusian missions").click()
    page.wait_for_function("() => location.search.includes('tab=missions')")
    logout = page.locator(f"#{ids.LOGOUT_FORM}")
    expect(logout).to_have_attribute("action", re.compile(r"lang%3Den.*tab%3Dmissions"))
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Editor login")).to_be_visible()
    assert "lang=en" in page.url and "tab=missions" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("tab", name="Belarusian missions")).to_have_attribute(
        "aria-selected", "true"
    )


# A callback request as the page would send it, but from a client without an editor session.
FORGED = {
    "commit": {
        "output": f"..{ids.DATA_IMPORT_STATUS}.children...{ids.DATA_VERSION}.data..",
        "outputs": [
            {"id": ids.DATA_IMPORT_STATUS, "property": "children"},
            {"id": ids.DATA_VERSION, "property": "data"},
        ],
        "inputs": [{"id": ids.DATA_COMMIT, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{ids.DATA_COMMIT}.n_clicks"],
        "state": [{"id": ids.DATA_PENDING, "property": "data", "value": {"preview": "x"}}],
    },
    "rollback": {
        "output": f"..{ids.DATA_HISTORY_STATUS}.children...{ids.DATA_VERSION}.data..",
        "outputs": [
            {"id": ids.DATA_HISTORY_STATUS, "property": "children"},
            {"id": ids.DATA_VERSION, "property": "data"},
        ],
        "inputs": [
            [
                {
                    "id": {"type": ids.DATA_ROLLBACK, "version": 1},
                    "property": "submit_n_clicks",
                    "value": 1,
                }
            ]
        ],
        "changedPropIds": ['{"type":"data-rollback","version":1}.submit_n_clicks'],
        "state": [{"id": ids.VIEW, "property": "data", "value": {"lang": "ru"}}],
    },
    "highlight": {
        "output": f"..{ids.HIGHLIGHT_STATUS}.children...{ids.DATA_VERSION}.data..",
        "outputs": [
            {"id": ids.HIGHLIGHT_STATUS, "property": "children"},
            {"id": ids.DATA_VERSION, "property": "data"},
        ],
        "inputs": [{"id": ids.HIGHLIGHT_SAVE, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{ids.HIGHLIGHT_SAVE}.n_clicks"],
        "state": [],
    },
}


# Dash also reads the `output` string: a request without `outputs` is refused all the same.
FORGED["commit without outputs"] = {k: v for k, v in FORGED["commit"].items() if k != "outputs"}
FORGED["download without outputs"] = {
    "output": f"{ids.DATA_DOWNLOAD}.data",
    "inputs": [{"id": ids.DATA_TEMPLATE, "property": "n_clicks", "value": 1}],
    "changedPropIds": [f"{ids.DATA_TEMPLATE}.n_clicks"],
    "state": [],
}


@pytest.mark.parametrize("action", list(FORGED))
def test_forged_update_without_a_session_is_refused(live_server, store, action):
    content = store.content_hash()
    request = urllib.request.Request(
        live_server + "/_dash-update-component",
        data=json.dumps(FORGED[action]).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert store.content_hash() == content


def hostile_csv() -> bytes:
    """SYNTHETIC rows whose texts look like markup: they must show as text, never run."""
    lines = [
        "indicator,geo,period,value,source_name",
        "industrial_production,<img src=x onerror=window.__ran=1>,2025-09,1.5,**bold**",
        "industrial_production,ARM,когда-то,1.5,Synthetic",
    ]
    return "\n".join(lines).encode()


def test_editor_tab_is_accessible_and_shows_upload_texts_as_text(watched, live_server, store):
    page, _ = watched
    log_in(page, live_server)
    page.get_by_role("tab", name="Данные").click()
    expect(page.locator(f"#{ids.DATA_UPLOAD}")).to_contain_text("не больше 10 МБ")
    found = serious_violations(page)
    assert found == [], "\n".join(found)
    version = store.current_version()
    name = "synthetic_<em>markup<em>.csv"
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files({"name": name, "mimeType": "text/csv", "buffer": hostile_csv()})
    preview = page.locator(f"#{ids.DATA_PREVIEW}")
    expect(preview).to_contain_text(
        f"файл {name}, строка 2, столбец «geo»: неизвестная страна «<img src=x"
    )
    expect(preview).to_contain_text("когда-то")
    assert preview.locator("img, em, strong").count() == 0
    assert page.evaluate("window.__ran") is None
    expect(page.locator(f"#{ids.DATA_COMMIT}")).to_be_disabled()
    page.locator(f"#{ids.DATA_CANCEL}").click()
    expect(page.locator(f"#{ids.DATA_IMPORT_STATUS}")).to_have_text(t("data_cancelled", "ru"))
    assert store.current_version() == version


def test_figure_of_the_week_is_checked_saved_and_downloadable(watched, live_server, restored):
    page, _ = watched
    store = restored
    log_in(page, live_server)
    page.get_by_role("tab", name="Данные").click()
    before = store.current_version()
    leaders = page.locator(f"#{ids.highlight_field('leaders')}")
    leaders.fill("ARM=12.6;BLR=9.9")
    page.locator(f"#{ids.HIGHLIGHT_SAVE}").click()
    status = page.locator(f"#{ids.HIGHLIGHT_STATUS}")
    expect(status).to_contain_text(
        "Лидеры: BLR 9,9 не совпадает с данными "
        "(Промышленное производство, Беларусь, январь–сентябрь 2024: 6,4)"
    )
    assert store.current_version() == before

    text = "синтетический текст цифры недели (SYNTHETIC)"
    leaders.fill("ARM=12,6; BLR=6.4;RUS=4.4")  # a decimal comma and a space are fine
    page.locator(f"#{ids.highlight_field('text_ru')}").fill(text)
    page.locator(f"#{ids.HIGHLIGHT_SAVE}").click()
    expect(status).to_have_text(f"Сохранено как версия {before + 1}.")
    expect(page.locator(f"#{ids.HIGHLIGHT}")).to_contain_text(text)
    row = page.locator(f"#{ids.DATA_HISTORY} tr[data-version='{before + 1}']")
    expect(row).to_contain_text("правка")

    with page.expect_download() as download:
        row.get_by_role("button", name=t("history_download", "ru")).click()
    assert download.value.suggested_filename == f"eaeu_data_v{before + 1}.xlsx"
    sheet = workbook_of(download.value)["highlights"]
    assert text in [cell for row in sheet.iter_rows(values_only=True) for cell in row]

    with page.expect_download() as download:
        page.locator(f"#{ids.DATA_TEMPLATE}").click()
    assert download.value.suggested_filename == "eaeu_import-template.xlsx"
    assert workbook_of(download.value).sheetnames == ["Инструкция", "Данные", "Списки"]


# English words the importer's messages use: none may show on the Russian page.
ENGLISH = re.compile(
    r"\b(the|expected|enter|unknown|rows?|column|sheet|source|errors?|warnings?|needed|file)\b",
    re.IGNORECASE,
)


def synthetic_errors_csv() -> bytes:
    """SYNTHETIC: a wide table with a bad figure and an unknown country, no indicator column
    and no source at all."""
    lines = ["Страна;январь–март 2032;I полугодие 2032", "Армения;2,1;abc", "Туркменистан;5,0;5,1"]
    return "\n".join(lines).encode()


def test_the_russian_preview_is_all_russian(watched, live_server, store):
    page, _ = watched
    log_in(page, live_server)
    page.get_by_role("tab", name="Данные").click()
    version = store.current_version()
    name = "synthetic_errors.csv"
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files({"name": name, "mimeType": "text/csv", "buffer": synthetic_errors_csv()})
    preview, questions = (
        page.locator(f"#{ids.DATA_PREVIEW}"),
        page.locator(f"#{ids.DATA_QUESTIONS}"),
    )
    expect(preview).to_contain_text(
        f"файл {name}, строка 2, столбец «I полугодие 2032»: ожидалось число, а не «abc»"
    )
    expect(preview).to_contain_text("неизвестная страна «Туркменистан»; ожидалась одна из: ЕАЭС")
    expect(preview).to_contain_text(t("data_source_needed", "ru"))
    for needed in (
        "укажите название источника по-русски",
        "укажите название источника по-английски",
        "укажите дату публикации источника",
        "укажите ссылку на источник или отметьте, что ссылки нет",
    ):
        expect(preview).to_contain_text(needed)
    expect(questions).to_contain_text("в файле нет столбца показателя")
    shown = preview.inner_text() + questions.inner_text()
    assert ENGLISH.findall(shown.replace(name, "")) == [], shown
    expect(page.locator(f"#{ids.DATA_COMMIT}")).to_be_disabled()
    page.locator(f"#{ids.DATA_CANCEL}").click()
    assert store.current_version() == version


def test_an_english_editor_gives_the_missing_source_then_commits(watched, live_server, restored):
    page, _ = watched
    store = restored
    log_in(page, live_server)
    page.goto(live_server + "/?lang=en")
    page.get_by_role("tab", name="Data").click()
    name = "synthetic_unsourced.csv"
    csv = "Country,Jan-Mar 2032,H1 2032\nArmenia,2.1,2.2\nKazakhstan,1.5,1.6\n"
    page.locator(f"#{ids.DATA_IMPORT_INDICATOR}").select_option(label="Industrial production")
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files({"name": name, "mimeType": "text/csv", "buffer": csv.encode()})
    preview = page.locator(f"#{ids.DATA_PREVIEW}")
    expect(preview).to_contain_text(t("data_source_needed", "en"))
    expect(preview).to_contain_text(
        f"{name}: enter the source's name in Russian: the file states no source for 4 rows"
    )
    expect(preview).to_contain_text("enter the link to the source, or say that it has none")
    assert not re.search("[а-яё]", preview.inner_text(), re.IGNORECASE)
    commit = page.locator(f"#{ids.DATA_COMMIT}")
    expect(commit).to_be_disabled()
    enter_source(page, "Синтетика", "Synthetic", "2032-07-01")  # and: the source has no link
    expect(preview).not_to_contain_text(t("data_source_needed", "en"))
    expect(commit).to_be_enabled()
    commit.click()
    expect(page.locator(f"#{ids.DATA_IMPORT_STATUS}")).to_contain_text("Saved as version")
    obs = store.load_raw()["observations"]
    rows = obs[obs.period_end == "2032-06-30"]
    assert rows[
        ["source_name_ru", "source_name_en", "source_url", "source_date"]
    ].drop_duplicates().values.tolist() == [["Синтетика", "Synthetic", "", "2032-07-01"]]


def test_a_commit_after_another_editors_is_refused_and_previewed_again(
    watched, live_server, restored
):
    """Editor A previews; B saves a version; A's Commit saves nothing, says in A's language
    that the data changed meanwhile, and shows the preview again against B's version, which
    A can then commit. B's figure survives either way. Figures are SYNTHETIC."""
    page, _ = watched
    store = restored
    log_in(page, live_server)
    page.get_by_role("tab", name="Данные").click()
    page.fill(f"#{ids.DATA_SOURCE_NAME_RU}", "Синтетика")
    page.press(f"#{ids.DATA_SOURCE_NAME_RU}", "Enter")
    csv = (
        "indicator,geo,period,value,source_name\nindustrial_production,ARM,2033-10,1.5,Synthetic\n"
    )
    upload = page.locator(f"#{ids.DATA_UPLOAD} input[type=file]")
    upload.set_input_files(
        {"name": "synthetic_a.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    commit = page.locator(f"#{ids.DATA_COMMIT}")
    expect(commit).to_be_enabled()

    before = store.current_version()
    raw = store.load_raw()  # editor B saves a version meanwhile (SYNTHETIC figure)
    obs = raw["observations"]
    extra = obs.iloc[[0]].assign(geo="KAZ", period_start="2033-01-01", period_end="2033-03-31")
    b = store.commit({**raw, "observations": pd.concat([obs, extra])}, "synthetic-b", kind="edit")

    commit.click()
    status = page.locator(f"#{ids.DATA_IMPORT_STATUS}")
    expect(status).to_contain_text("Не сохранено: данные тем временем изменились")
    expect(status).to_contain_text(f"сохранена версия {b.id}")
    expect(page.locator(f"#{ids.DATA_PREVIEW}")).to_contain_text("synthetic_a.csv")
    assert store.current_version() == b.id == before + 1
    expect(commit).to_be_enabled()
    commit.click()
    expect(status).to_contain_text(f"Сохранено как версия {b.id + 1}")
    obs = store.load_raw()["observations"]
    assert len(obs[(obs.geo == "KAZ") & (obs.period_end == "2033-03-31")]) == 1
    assert len(obs[(obs.geo == "ARM") & (obs.period_end == "2033-10-31")]) == 1
