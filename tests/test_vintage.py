"""Data as it was published: which version an address asks for (?version, ?as_of), the
comparison of two versions, and the page, downloads and "what changed" tab of a past version,
on the HTTP level and in Chromium. Every changed figure is SYNTHETIC."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from components import ids
from components.indicators import draw as draw_indicators
from components.page import render
from components.share import download
from eaeu.diff import compare_observations
from eaeu.i18n import fmt_date, t
from eaeu.repository import Repository
from eaeu.store import Store, VersionInfo
from eaeu.view import ViewState
from eaeu.vintage import VintageError, compared, created_day, open_view, pick
from tests.conftest import wait_for_chart
from tests.dash_requests import callback_request
from tests.test_browser_analyst import serious_violations

# SYNTHETIC: Kazakhstan's industrial production in 2025 revised from the shipped 7.5 to 8.5.
REVISED = {"indicator": "industrial_production", "geo": "KAZ", "period_end": "2025-12-31"}
SHIPPED, SYNTHETIC = "7.5", "8.5"
# What the synthetic version records about its editor: none of it may reach a reader.
EDITOR, FILE_NAME, NOTE = "synthetic-vintage-editor", "synthetic-secret.xlsx", "synthetic note"
SHA256 = "5e" * 32
VIEW = "&indicator=industrial_production&period=2025-12"


def revise(store: Store) -> VersionInfo:
    raw = store.load_raw()
    obs = raw["observations"]
    row = (obs[list(REVISED)] == pd.Series(REVISED)).all(axis=1)
    assert obs.loc[row, "value"].tolist() == [SHIPPED]
    obs.loc[row, "value"] = SYNTHETIC
    return store.commit(raw, EDITOR, file_name=FILE_NAME, sha256=SHA256, note=NOTE)


def day(days: int) -> dt.datetime:
    return dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=days)


def history(*days: int) -> tuple[VersionInfo, ...]:
    """SYNTHETIC versions 1..n created on these days after 1 January 2025, newest first."""
    infos = [
        VersionInfo(n, day(d), "", "", "", {}, "", "import", None, "")
        for n, d in enumerate(days, start=1)
    ]
    return tuple(reversed(infos))


# -- the address -------------------------------------------------------------------------------


def test_the_view_keeps_version_parameters_and_resolving_drops_them(ds):
    view = ViewState.from_query("?lang=en&version=3&as_of=2025-01-31&compare=1..3")
    assert (view.version, view.as_of, view.compare) == ("3", "2025-01-31", "1..3")
    assert ViewState.from_query(view.to_query()) == view
    resolved = view.resolve(ds)  # only eaeu.vintage.open_view, which checks them, sets them
    assert (resolved.version, resolved.as_of, resolved.compare, resolved.vintage) == ("", "", "", 0)


def test_as_of_is_the_newest_version_created_on_or_before_the_day():
    versions = history(0, 9, 9, 31)  # 1 Jan, 10 Jan (twice), 1 Feb 2025
    today = dt.date(2025, 6, 1)
    assert pick(versions, None, "2025-01-10", today)[0].id == 3
    assert pick(versions, None, "2025-01-31", today) == (versions[1], dt.date(2025, 1, 31))
    assert pick(versions, None, dt.date(2025, 2, 1), today)[0].id == 4
    assert pick(versions, "2", "2025-02-01", today) == (versions[2], dt.date(2025, 1, 10))
    assert pick(versions, "", "", today) is None


@pytest.mark.parametrize(
    ("version", "as_of", "parameter", "words"),
    [
        ("abc", None, "version", ("whole number", "целое число")),
        ("0", None, "version", ("whole number", "целое число")),
        ("-1", None, "version", ("whole number", "целое число")),
        ("9", None, "version", ("no version 9", "версии 9 нет")),
        (None, "31.01.2025", "as_of", ("YYYY-MM-DD", "ГГГГ-ММ-ДД")),
        (None, "2025-02-30", "as_of", ("YYYY-MM-DD", "ГГГГ-ММ-ДД")),
        (None, "2024-12-31", "as_of", ("no data had been published", "ещё не публиковались")),
        (None, "2025-06-02", "as_of", ("has not come yet", "ещё не наступило")),
    ],
)
def test_a_version_that_cannot_be_shown_is_named_with_the_reason(version, as_of, parameter, words):
    with pytest.raises(VintageError) as refused:
        pick(history(0, 9, 31), version, as_of, dt.date(2025, 6, 1))
    assert refused.value.parameter == parameter
    assert words[0] in refused.value.message.text("en")
    assert words[1] in refused.value.message.text("ru")


def test_the_changes_compared_by_default_are_the_latest_or_since_the_version_shown():
    versions = history(0, 9, 31)
    assert compared("", versions) == ((2, 3), None)
    assert compared("", versions, shown=1) == ((1, 3), None)
    assert compared("3..1", versions) == ((3, 1), None)
    assert compared("", history(0)) == ((), None)
    for text in ("1..7", "1-3", "..3"):
        pair, refused = compared(text, versions)
        assert pair == (2, 3) and refused.parameter == "compare"


# -- the comparison ----------------------------------------------------------------------------


def test_two_observation_tables_differ_by_revised_added_removed_and_resourced_figures():
    columns = ["indicator", "geo", "period_start", "period_end", "value"]
    columns += ["source_name_ru", "source_name_en", "source_url", "source_date"]

    def table(*rows):  # SYNTHETIC figures
        return pd.DataFrame(
            [["gdp", geo, "2024-01-01", "2024-12-31", v, s, s, "", "2025"] for geo, v, s in rows],
            columns=columns,
        )

    old = table(("ARM", "1.0", "A"), ("BLR", "2.0", "A"), ("KAZ", "3.0", "A"), ("KGZ", "4", "A"))
    new = table(("ARM", "1.00", "A"), ("BLR", "2.5", "A"), ("KAZ", "3.0", "B"), ("RUS", "5", "A"))
    (found,) = compare_observations(old, new).values()
    assert [(c.geo, c.old, c.new, c.source_only) for c in found.changed] == [
        ("BLR", "2.0", "2.5", False),
        ("KAZ", "3.0", "3.0", True),
    ]
    assert [(c.geo, c.new) for c in found.added] == [("RUS", "5")] and found.new == 1
    assert [(c.geo, c.old) for c in found.removed] == [("KGZ", "4")]
    assert found.unchanged == 1  # 1.0 and 1.00 are one figure


def test_the_repository_serves_past_versions_and_their_changes(seeded_store):
    repo = Repository(seeded_store)
    new = revise(seeded_store).id
    assert repo.at(1) is repo.at(1)  # built once
    current = repo.current()
    assert repo.at(new) is current  # the current version is not built twice
    old_view = open_view(repo, ViewState.from_query("?version=1&compare=1.." + str(new)))[1]
    assert (old_view.vintage, old_view.compared, old_view.problems) == (1, (1, new), ())
    (summary,) = repo.changes(1, new)
    assert [(c.geo, c.old, c.new) for c in summary.changed] == [("KAZ", SHIPPED, SYNTHETIC)]
    ds, view = open_view(repo, ViewState.from_query("?version=x&as_of=2025-01-01"))
    assert ds is current and view.vintage == 0 and view.version == ""
    assert [name for name, _ in view.problems] == ["version"]


def test_a_request_sees_the_versions_as_they_stood_when_it_read_the_current_one(seeded_store):
    """A commit landing between a request's reading of the current version and of the version
    list is the next request's: the list it gets (and keeps for that version) ends at its own."""
    repo = Repository(seeded_store)
    first = seeded_store.current_version()
    new = revise(seeded_store).id  # committed after the request read `first`
    assert [v.id for v in repo.versions(first)] == [first]
    assert [v.id for v in repo.versions(new)] == [new, first]


# -- the page and its downloads, through the served app ---------------------------------------


@pytest.fixture(scope="module")
def served_store(database_url):
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def revised(served_app, served_store):
    """The served store with the synthetic revision on top; as it was again afterwards."""
    before = served_store.current_version()
    info = revise(served_store)
    yield info
    served_store.rollback(before, "test cleanup")


def post(app, function, values, changed=None) -> dict:
    body = callback_request(app, function, values, changed)
    answer = app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.text[:500]
    return answer.get_json()["response"]


def rendered(app, search: str) -> dict:
    """The page a reader's address renders, as the browser receives it."""
    return post(app, render, {f"{ids.ROUTE}.data": {"pathname": "/", "search": search}})


def component(tree: object, component_id: str) -> dict | None:
    """The props of the component with this id in a rendered layout."""
    if isinstance(tree, list):
        return next(filter(None, (component(item, component_id) for item in tree)), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", tree)
    if props.get("id") == component_id:
        return props
    return next(filter(None, (component(v, component_id) for v in props.values())), None)


def bars(page: dict) -> dict[str, str]:
    """The growth chart's value labels by country (in a page, or a callback's outputs)."""
    graph = page.get(ids.GROWTH_GRAPH) or component(page, ids.GROWTH_GRAPH)
    (trace,) = [t for t in graph["figure"]["data"] if t["type"] == "bar"]
    return dict(zip(trace["y"], trace["text"], strict=True))


def downloaded(app, search: str) -> tuple[str, pd.DataFrame]:
    values = {f"{ids.DOWNLOAD_CSV}.n_clicks": 1, f"{ids.VIEW}.data": {"search": search}}
    file = post(app, download, values, f"{ids.DOWNLOAD_CSV}.n_clicks")[ids.DOWNLOAD]["data"]
    text = base64.b64decode(file["content"]).decode("utf-8-sig")
    return file["filename"], pd.read_csv(io.StringIO(text), dtype=str)


def kazakhstan(frame: pd.DataFrame) -> list[str]:
    return frame.loc[frame["geo"] == "KAZ", "value"].tolist()


def test_version_1_still_shows_and_downloads_the_old_figure(served_app, revised):
    old, new = rendered(served_app, "?version=1&lang=en" + VIEW), rendered(served_app, "?lang=en")
    banner = component(old, ids.VINTAGE_BANNER)
    assert "Data as published on" in json.dumps(banner) and "(version 1)" in json.dumps(banner)
    assert bars(old)["Kazakhstan"] == "7.5%" and bars(new)["Kazakhstan"] == "8.5%"
    assert component(new, ids.VINTAGE_BANNER) is None
    name, frame = downloaded(served_app, "?version=1&lang=en" + VIEW)
    assert "_v1_en_" in name and kazakhstan(frame) == [SHIPPED]
    name, frame = downloaded(served_app, "?lang=en" + VIEW)
    assert "_v" not in name and kazakhstan(frame) == [SYNTHETIC]


def test_a_control_changed_on_a_past_version_stays_on_that_version(served_app, revised):
    shown = rendered(served_app, "?version=1&lang=en" + VIEW)["view"]["data"]
    request = {"controls": {**shown["controls"], "transform": "index"}, "shown": shown}
    drawn = post(served_app, draw_indicators, {f"{ids.INDICATORS_VIEW}.data": request})
    changed = drawn[ids.VIEW]["data"]
    assert "version=1" in changed["search"] and "transform=index" in changed["search"]
    assert (
        changed["data"] == shown["data"] != rendered(served_app, "?lang=en")["view"]["data"]["data"]
    )
    assert bars(drawn)["Kazakhstan"] == "107.5"


def test_a_version_the_store_has_not_is_said_in_the_readers_language(served_app, revised):
    page = rendered(served_app, "?version=999&lang=ru")
    assert "Показаны текущие данные: версии 999 нет" in json.dumps(page, ensure_ascii=False)
    assert component(page, ids.VINTAGE_BANNER) is None
    assert bars(page)["Казахстан"] == "8,5\u00a0%"
    future = rendered(served_app, "?as_of=2999-01-01&lang=en")
    assert "has not come yet" in json.dumps(component(future, ids.VINTAGE_PROBLEMS))


def test_the_changes_tab_tells_what_changed_and_nothing_editor_only(served_app, revised):
    page = json.dumps(rendered(served_app, f"?tab=changes&compare=1..{revised.id}&lang=en"))
    assert "revised" in page and "7.5%" in page and "8.5%" in page
    for private in (EDITOR, FILE_NAME, NOTE, SHA256):
        assert private not in page


# -- in Chromium -------------------------------------------------------------------------------


# The revised figure as each language shows it, before and after.
IN_BOTH_LANGUAGES = pytest.mark.parametrize(
    ("lang", "old", "new"), [("ru", "7,5\u00a0%", "8,5\u00a0%"), ("en", "7.5%", "8.5%")]
)


def bar_labels(page) -> list[str]:
    return page.locator("[data-chart='growth'] .bartext").all_text_contents()


@pytest.mark.browser
@IN_BOTH_LANGUAGES
def test_a_past_version_has_its_banner_and_figures_and_links_to_the_current_data(
    watched, live_server, served_store, revised, lang, old, new
):
    page, _ = watched
    page.goto(f"{live_server}/?version=1&lang={lang}{VIEW}")
    wait_for_chart(page, "growth")
    banner = page.locator(f"#{ids.VINTAGE_BANNER}")
    date = fmt_date(created_day(served_store.version_info(1)), lang)
    expect(banner).to_contain_text(t("vintage_banner", lang, date=date, version=1))
    assert serious_violations(page) == []
    assert old in bar_labels(page) and new not in bar_labels(page)
    changes = page.locator(f"#{ids.VINTAGE_CHANGES_LINK}")
    assert f"compare=1..{revised.id}" in changes.get_attribute("href")
    page.locator(f"#{ids.VINTAGE_CURRENT_LINK}").click()
    expect(banner).to_have_count(0)
    page.wait_for_function("() => !location.search.includes('version=')")
    wait_for_chart(page, "growth")
    expect(page.locator("[data-chart='growth'] .bartext", has_text=new)).to_have_count(1)
    assert "period=2025-12" in page.evaluate("location.search")  # the rest of the view kept


@pytest.mark.browser
@IN_BOTH_LANGUAGES
def test_what_changed_between_two_versions_on_a_phone(
    watched, live_server, served_store, revised, lang, old, new
):
    page, _ = watched
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server}/?tab=changes&lang={lang}")  # by default: the latest change
    page.wait_for_selector(f"#{ids.CHANGES_BODY} h2", timeout=15000)  # as wait_for_chart
    body = page.locator(f"#{ids.CHANGES_BODY}")
    revision = body.locator("[data-indicator='industrial_production'] tbody tr")
    expect(revision).to_have_text(re.compile(f"{t('changes_revised', lang)}.*{old}.*{new}"))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert serious_violations(page) == []
    new_version = str(revised.id)
    page.locator(f"#{ids.COMPARE_FROM}").select_option(new_version)  # one version with itself
    page.wait_for_function(f"() => location.search.endsWith('compare={revised.id}..{revised.id}')")
    expect(body).to_contain_text(t("changes_nothing", lang))
    page.locator(f"#{ids.COMPARE_TO}").select_option("1")  # back to the shipped data
    page.wait_for_function(f"() => location.search.endsWith('compare={revised.id}..1')")
    dates = [fmt_date(created_day(info), lang) for info in (revised, served_store.version_info(1))]
    heading = t(
        "changes_heading", lang, old=revised.id, old_date=dates[0], new=1, new_date=dates[1]
    )
    expect(body.locator("h2")).to_have_text(heading)
    expect(revision).to_have_text(re.compile(f"{t('changes_revised', lang)}.*{new}.*{old}"))


# -- the data API and the embeds, through the served app --------------------------------------


def test_the_api_answers_from_the_version_asked_for(served_app, revised):
    client = served_app.server.test_client()
    query = (
        "/api/v1/observations.csv?indicator=industrial_production&geo=KAZ&from=2025-12&to=2025-12"
    )
    old, new = client.get(query + "&version=1"), client.get(query)
    assert old.status_code == new.status_code == 200
    assert kazakhstan(pd.read_csv(io.BytesIO(old.data), dtype=str)) == [SHIPPED]
    assert kazakhstan(pd.read_csv(io.BytesIO(new.data), dtype=str)) == [SYNTHETIC]
    assert old.headers["ETag"] != new.headers["ETag"]
    chart = client.get("/api/v1/charts/growth.json?version=1&lang=en" + VIEW).get_json()
    assert {row["geo"]: row["value"] for row in chart["data"]}["KAZ"] == 7.5
    missions = client.get("/api/v1/missions.json?version=1")  # `as_of` is a list's date there
    assert missions.status_code == 200


@pytest.mark.parametrize(
    ("query", "parameter"), [("version=999", "version"), ("as_of=1999-01-01", "as_of")]
)
def test_the_api_refuses_a_version_it_has_not_naming_the_parameter(served_app, query, parameter):
    answer = served_app.server.test_client().get(f"/api/v1/observations.json?{query}&lang=ru")
    assert answer.status_code == 400
    body = answer.get_json()
    assert body["parameter"] == parameter and re.search("[а-я]", body["message"])


def test_an_embed_of_a_past_version_shows_it_and_says_so(served_app, revised):
    client = served_app.server.test_client()
    old = client.get("/embed/growth?version=1&lang=en" + VIEW).get_data(as_text=True)
    new = client.get("/embed/growth?lang=en" + VIEW).get_data(as_text=True)
    assert "Data as published on" in old and "(version 1)" in old
    assert '"7.5%"' in old and '"8.5%"' in new and "Data as published" not in new
