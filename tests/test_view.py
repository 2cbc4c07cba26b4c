"""View state in the URL: round trips, and bad or unknown parameters fall back quietly."""

from __future__ import annotations

from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import build_dataset, load_dataset, read_tables
from eaeu.view import ViewState


def test_round_trip(ds):
    view = ViewState(
        lang="en",
        tab="missions",
        indicator="gdp",
        period="2023-11",
        countries=("ARM", "RUS"),
        snapshot="2023-10-02",
        table="trend",
        span="ytd-11",
    )
    assert ViewState.from_query(view.to_query()) == view
    resolved = ViewState.from_query(view.to_query()).resolve(ds)
    assert resolved.to_query() == view.to_query()
    assert ViewState.from_query(resolved.to_query()).resolve(ds) == resolved


def test_a_resolved_view_is_not_resolved_again(ds):
    view = ViewState(period="2024-09").resolve(ds)
    assert view.data_version == ds.version
    assert view.resolve(ds) is view
    other = load_dataset(DEFAULT_DATA_DIR)  # equal content: the same version
    assert view.resolve(other) is view


def test_a_view_resolved_for_older_data_is_resolved_again(ds):
    """A commit may remove what the view showed: a new data version re-checks it."""
    raw = read_tables(DEFAULT_DATA_DIR)
    obs = raw["observations"]
    raw["observations"] = obs[obs["period_end"] != "2025-06-30"]  # SYNTHETIC: a period removed
    newer = build_dataset(raw)
    view = ViewState(period="2025-06").resolve(ds)
    again = view.resolve(newer)
    assert again.data_version == newer.version
    assert again.period != "2025-06"


def test_defaults_resolve_to_latest(ds):
    view = ViewState.from_query("").resolve(ds)
    assert view.lang == "ru" and view.tab == "indicators"
    assert view.period == "2025-12"
    assert view.snapshot == "2026-01-26"
    assert view.countries == ("EAEU", "ARM", "BLR", "KAZ", "KGZ", "RUS")


def test_bad_values_fall_back(ds):
    view = ViewState.from_query(
        "?lang=de&tab=x&indicator=nope&period=2099-01&countries=XXX&snapshot=1900-01-01"
        "&table=?&future_param=1"
    ).resolve(ds)
    assert view == ViewState.from_query("").resolve(ds)
    assert type(view).__name__ == "ResolvedView"


def test_empty_country_choice_stays_empty(ds):
    assert ViewState.from_query("?countries=").resolve(ds).countries == ()
    assert ViewState.from_query("?countries=ARM,XXX").resolve(ds).countries == ("ARM",)


def test_period_of_another_indicator_falls_back(ds):
    view = ViewState(indicator="gdp", period="2024-09").resolve(ds)
    assert view.period == "2023-11"


def test_country_lists_are_deduplicated_and_capped(ds):
    huge = "?countries=" + "ARM," * 3_500_000 + "&lang=en"  # a 14 MB address
    view = ViewState.from_query(huge)
    assert view.countries == ("ARM",)
    assert len(view.resolve(ds).to_query()) < 200
    many = ",".join(f"C{i:02d}" for i in range(80)) + ",ARM,ARM,<b>,kaz"
    assert ViewState.from_query(f"?countries={many}").countries == tuple(
        f"C{i:02d}" for i in range(50)
    )
    assert ViewState.from_query("?countries=<b>,x").countries is None  # no code: all
    assert ViewState.from_query("?countries=").countries == ()


def test_overlong_values_are_ignored(ds):
    view = ViewState.from_query("?lang=en&indicator=" + "x" * 201 + "&period=2024-09")
    assert view.indicator == ViewState().indicator and view.period == "2024-09"


def test_a_huge_address_gets_a_small_answer(served_app):
    from components import ids
    from components.page import render
    from tests.dash_requests import callback_request

    route = {"pathname": "/", "search": "?countries=" + "ARM," * 500_000}
    body = callback_request(served_app, render, {f"{ids.ROUTE}.data": route})
    answer = served_app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200
    assert len(answer.data) < 200_000
