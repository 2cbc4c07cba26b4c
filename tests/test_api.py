"""The public data API (/api/v1): filters, CSV that pandas reads as it is, JSON, ETag/304,
400 naming the bad parameter, a per-client limit, and nothing editor-only."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from flask import Flask

from components import auth, services
from components.api_routes import init_api
from components.data.panel import EDITOR_OUTPUTS
from components.public import init_public
from components.rate_limits import init_limits, limiter
from eaeu.charts import CHART_IDS, build_chart
from eaeu.config import DEFAULT_DATA_DIR, Settings
from eaeu.dataset import read_tables
from eaeu.downloads import chart_table, to_csv
from eaeu.repository import Repository
from eaeu.store import Store
from eaeu.users import add_editor
from eaeu.view import ViewState

API = "/api/v1"


def api_client(store: Store):
    """The API on a Flask app of its own (no Dash), beside the editors' logins."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "synthetic-test-key"
    services.install(app, Settings.load(data_dir=DEFAULT_DATA_DIR), Repository(store))
    init_limits(app)
    init_public(app)
    init_api(app)
    auth.init_auth(app, store, EDITOR_OUTPUTS)
    return app.test_client()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.sqlite3'}")
    store.initialise(read_tables(DEFAULT_DATA_DIR))
    yield api_client(store)
    store.dispose()


@pytest.fixture(autouse=True)
def fresh_limits(client):  # after `client`: the limiter has its storage once an app has it
    limiter.reset()  # counters are shared with every other app of the test session


def shipped_observations() -> list[dict]:
    """The shipped table read with the csv module: the API must agree with the file."""
    with open(DEFAULT_DATA_DIR / "observations.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_observations_are_filtered_by_indicator_geo_and_months(client):
    answer = client.get(
        f"{API}/observations.json?indicator=industrial_production&geo=KAZ,ARM&from=2024-02&to=2024-09&lang=en"
    )
    assert answer.status_code == 200 and answer.content_type == "application/json"
    body = answer.get_json()
    expected = [
        row
        for row in shipped_observations()
        if row["indicator"] == "industrial_production"
        and row["geo"] in ("ARM", "KAZ")
        and "2024-02" <= row["period_end"][:7] <= "2024-09"
    ]
    assert body["count"] == len(expected) == len(body["data"]) > 0
    armenia = next(r for r in body["data"] if r["geo"] == "ARM" and r["period"] == "2024-09")
    assert armenia == {
        "indicator": "industrial_production",
        "geo": "ARM",
        "period": "2024-09",
        "period_start": "2024-01-01",
        "period_end": "2024-09-30",
        "period_kind": "ytd",
        "period_months": 9,
        "span": "ytd-9",
        "value": 12.6,
        "unit": "%",
        "source_name": "Eurasian Economic Commission via Eurasia.Expert (figure of the week)",
        "source_url": None,
        "source_date": None,
    }
    # A year stands for its months; no filter at all is every observation.
    year = client.get(f"{API}/observations.json?from=2025&to=2025").get_json()["data"]
    assert {r["period_end"][:4] for r in year} == {"2025"}
    assert client.get(f"{API}/observations.json").get_json()["count"] == len(shipped_observations())


def test_csv_reads_into_pandas_as_it_is(live_server, ds):
    url = f"{live_server}{API}/observations.csv?indicator=industrial_production&geo=ARM"
    frame = pd.read_csv(url, parse_dates=["period_start", "period_end"])
    assert frame.columns[0] == "indicator"  # no byte-order mark glued to the first name
    assert len(frame) == sum(
        r["indicator"] == "industrial_production" and r["geo"] == "ARM"
        for r in shipped_observations()
    )
    assert frame["value"].dtype == float and frame["period_end"].dt.year.min() == 2023
    assert frame["source_name"].str.contains("БелТА").any()  # Russian by default, UTF-8
    missions = pd.read_csv(f"{live_server}{API}/missions.csv?as_of=2023-10-02&lang=en")
    assert len(missions) == 12 and set(missions["as_of"]) == {"2023-10-02"}
    for chart_id in CHART_IDS:  # every chart's data, exactly its download's rows
        table = chart_table(ds, build_chart(ds, chart_id, ViewState(lang="en")))
        read = pd.read_csv(f"{live_server}{API}/charts/{chart_id}.csv?lang=en")
        assert list(read.columns) == list(table.columns) and len(read) == len(table), chart_id


def test_a_chart_view_answers_what_the_page_downloads(client, ds):
    query = "lang=en&tab=indicators&indicator=gdp&period=2023-11&transform=rank"
    view = ViewState.from_query(query)
    download = to_csv(chart_table(ds, build_chart(ds, "growth", view)))
    assert client.get(f"{API}/charts/growth.csv?{query}").data == download
    body = client.get(f"{API}/charts/growth.json?{query}").get_json()
    assert body["title"] == "GDP: Jan–Nov 2023" and body["count"] == len(body["data"]) == 5
    assert body["view"].startswith("lang=en&tab=indicators&indicator=gdp&period=2023-11")
    # Ranks are among the member states: the union has none.
    assert {r["geo"] for r in body["data"]} == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}


def test_indicators_and_missions_as_json(client):
    indicators = client.get(f"{API}/indicators.json?lang=en").get_json()["data"]
    production = next(i for i in indicators if i["id"] == "industrial_production")
    assert production["name"] == "Industrial production" and production["unit"] == "%"
    assert production["periods"][0]["period"] == "2025-12"  # newest first
    assert "ytd-9" in production["spans"] and "RUS" in production["geos"]
    missions = client.get(f"{API}/missions.json?lang=ru").get_json()
    assert missions["count"] == len(missions["data"]) > 12  # every published list
    assert {r["as_of"] for r in missions["data"]} >= {"2023-08-10", "2023-10-02"}


def test_etag_by_data_version_and_normal_query(client):
    url = f"{API}/observations.csv?geo=ARM,KAZ&lang=en"
    first = client.get(url)
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in first.headers and "Vary" not in first.headers
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    same = client.get(f"{API}/observations.csv?lang=en&geo=KAZ&geo=ARM")
    assert same.headers["ETag"] == first.headers["ETag"]
    other = client.get(f"{API}/observations.csv?geo=ARM,KAZ&lang=ru")
    assert other.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize(
    ("query", "parameter", "english"),
    [
        ("observations.csv?indicator=industrial_production&countries=ARM", "countries", "Unknown"),
        ("observations.csv?geo=ARM,XYZ&lang=en", "geo", "“XYZ”"),
        ("observations.json?indicator=gdpp&lang=en", "indicator", "“gdpp”"),
        ("observations.csv?from=2024-13&lang=en", "from", "not a month"),
        ("observations.csv?from=2025&to=2024-06&lang=en", "to", "after its end"),
        ("observations.csv?lang=de", "lang", "not an interface language"),
        ("observations.csv?from=2024&from=2025&lang=en", "from", "more than once"),
        ("missions.json?as_of=2023-10-03&lang=en", "as_of", "2023-10-02"),
        ("missions.json?as_of=yesterday&lang=en", "as_of", "not a date"),
        ("indicators.json?lang=en&geo=ARM", "geo", "Unknown"),
        ("charts/pie.csv?lang=en", "chart", "growth, trend"),
        ("charts/growth.csv?period=2031-09&lang=en", "period", "“2031-09”"),
        ("charts/trend.json?countries=ARM,XYZ&lang=en", "countries", "“XYZ”"),
        ("charts/missions.json?snapshot=2020-01-01&lang=en", "snapshot", "2023-10-02"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, query, parameter, english):
    answer = client.get(f"{API}/{query}")
    assert answer.status_code == 400 and answer.content_type == "application/json"
    body = answer.get_json()
    assert body["error"] == "bad_parameter" and body["parameter"] == parameter
    if "lang=en" in query:
        assert english in body["message"]
    else:  # the message in Russian, the language of the page by default
        assert any("А" <= c <= "я" for c in body["message"])


def test_an_unknown_address_is_a_json_404(client):
    answer = client.get(f"{API}/observations.xml?lang=en")
    assert answer.status_code == 404
    assert f"{API}/observations.csv" in answer.get_json()["message"]


def test_each_client_is_limited(client):
    url = f"{API}/indicators.json"
    limit = int(Settings.load().api_rate_limit.split("/")[0])
    assert all(client.get(url).status_code == 200 for _ in range(limit))
    answer = client.get(f"{url}?lang=en")
    assert answer.status_code == 429 and int(answer.headers["Retry-After"]) > 0
    assert answer.get_json()["message"].startswith("Too many requests")
    other = client.get(url, environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200  # another client has its own count


def test_a_commit_changes_the_answers_and_nothing_editor_only_shows(seeded_store):
    client = api_client(seeded_store)
    urls = [
        f"{API}/observations.csv",
        f"{API}/observations.json?geo=KGZ",
        f"{API}/indicators.json",
        f"{API}/missions.json",
        f"{API}/charts/growth.json?period=2025-12",
    ]
    before = {url: client.get(url).headers["ETag"] for url in urls}
    tables = seeded_store.load_raw()
    obs = tables["observations"]
    row = (obs["geo"] == "KGZ") & (obs["period_end"] == "2025-12-31")
    obs.loc[row, "value"] = "99.9"  # synthetic
    seeded_store.commit(
        tables,
        editor="synthetic-editor-name",
        file_name="synthetic-upload-name.xlsx",
        sha256="f" * 64,
        note="synthetic-note-text",
    )
    for url in urls:
        answer = client.get(url, headers={"If-None-Match": before[url]})
        assert answer.status_code == 200 and answer.headers["ETag"] != before[url], url
        text = answer.data.decode("utf-8-sig")
        for private in ("synthetic-editor", "synthetic-upload", "synthetic-note", "f" * 64):
            assert private not in text, url
    kyrgyzstan = client.get(f"{API}/observations.json?geo=KGZ&from=2025-12").get_json()["data"]
    assert [r["value"] for r in kyrgyzstan] == [99.9]
    assert not client.get(f"{API}/observations.json").get_json().keys() - {
        "data_version",
        "query",
        "count",
        "columns",
        "data",
    }


def test_an_editors_session_never_rides_on_a_public_answer(seeded_store):
    """A shared cache keeps public answers: one carrying an editor's cookie would hand it out."""
    add_editor(seeded_store, "synthetic-editor", "synthetic password 1")
    client = api_client(seeded_store)
    login = client.post(
        "/login", data={"name": "synthetic-editor", "password": "synthetic password 1"}
    )
    assert login.status_code == 302 and "Set-Cookie" in login.headers
    answer = client.get(f"{API}/indicators.json")
    assert answer.status_code == 200
    assert "Set-Cookie" not in answer.headers and "Vary" not in answer.headers
