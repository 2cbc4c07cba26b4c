"""Transformations of an indicator, and which charts a view shows."""

from __future__ import annotations

from eaeu import queries
from eaeu.charts import build_chart, view_chart_ids
from eaeu.view import ViewState
from tests.plot import checked


def values(ds, transform, period):
    frame = queries.indicator_frame(ds, "industrial_production", transform)
    rows = frame[frame.period == period]
    return dict(zip(rows.geo, rows.value, strict=True))


def test_index_is_hundred_plus_growth(ds):
    assert values(ds, "index", "2024-09") == {
        "ARM": 112.6,
        "BLR": 106.4,
        "EAEU": 104.4,
        "RUS": 104.4,
    }


def test_change_in_points_against_the_same_period_a_year_before(ds):
    """Jan-Jun 2025 on Jan-Jun 2024, never on Jan-Sep 2024 (the previous period published)."""
    change = values(ds, "pp_change", "2025-06")
    assert change == {"BLR": -6.8, "EAEU": -2.7, "KAZ": 3.7, "KGZ": 9.2, "RUS": -3.0}
    assert values(ds, "pp_change", "2024-06") == {
        "ARM": 17.2,
        "BLR": 1.1,
        "EAEU": 1.6,
        "KAZ": -1.0,
        "KGZ": 0.6,
        "RUS": 1.8,
    }
    # No Jan-Sep 2023 figure: no change for Jan-Sep 2024; none for the first year at all.
    assert values(ds, "pp_change", "2024-09") == {}
    assert values(ds, "pp_change", "2023-06") == {}
    # A whole year on the whole year two years before is no change either: 2024 is missing.
    assert values(ds, "pp_change", "2025-12") == {}


def test_rank_among_members_excludes_the_union(ds):
    assert values(ds, "rank", "2025-06") == {"KGZ": 1.0, "KAZ": 2.0, "RUS": 3.0, "BLR": 4.0}


def test_rank_says_how_many_members_reported(ds):
    frame = queries.indicator_frame(ds, "industrial_production", "rank")
    rows = frame[frame.period == "2024-09"]
    assert dict(zip(rows.geo, rows.reporting, strict=True)) == {"ARM": 3, "BLR": 3, "RUS": 3}
    chart = build_chart(ds, "growth", ViewState(lang="en", period="2024-09", transform="rank"))
    assert "3 of 5 member states reported" in chart.text.subtitle


def test_axis_and_labels_say_what_is_shown(ds):
    chart = build_chart(ds, "growth", ViewState(lang="en", period="2024-09", transform="index"))
    assert chart.text.subtitle == "Index, same period of the previous year = 100"
    assert list(checked(chart).data[0].text) == ["104.4", "106.4", "112.6"]
    assert checked(chart).data[0].base == 100
    pp = build_chart(ds, "trend", ViewState(lang="ru", transform="pp_change", countries=("ARM",)))
    assert checked(pp).layout.yaxis.ticksuffix == "\u00a0п. п."
    rank = build_chart(ds, "trend", ViewState(lang="en", transform="rank"))
    start, end = checked(rank).layout.yaxis.range
    assert start > end  # reversed: first place at the top
    assert dict(rank.columns)["value"] == "Rank among members"


def test_index_is_not_offered_for_shares(ds):
    view = ViewState(indicator="industrial_output_share", transform="index").resolve(ds)
    assert view.transform == "value"


def test_view_charts_main_first():
    assert view_chart_ids(ViewState(tab="indicators")) == ("growth", "trend")
    assert view_chart_ids(ViewState(tab="missions")) == ("missions",)
    assert view_chart_ids(ViewState(tab="table", table="trend")) == ("trend",)
