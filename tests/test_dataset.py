"""The shipped data and its validation: every figure sourced, gaps kept, bad input named precisely."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import build_dataset, read_tables
from eaeu.model import DataError


def raw_tables():
    return read_tables(DEFAULT_DATA_DIR)


def value(ds, indicator, geo, period):
    obs = ds.observations
    rows = obs[(obs.indicator == indicator) & (obs.geo == geo) & (obs.period == period)]
    return None if rows.empty else float(rows["value"].iloc[0])


def test_industrial_production_matches_the_sources(ds):
    assert value(ds, "industrial_production", "ARM", "2024-09") == 12.6
    assert value(ds, "industrial_production", "BLR", "2024-09") == 6.4
    assert value(ds, "industrial_production", "RUS", "2024-09") == 4.4
    assert value(ds, "industrial_production", "EAEU", "2024-09") == 4.4
    assert value(ds, "industrial_production", "ARM", "2024-02") == 28.9
    assert value(ds, "industrial_production", "KGZ", "2025-06") == 10.2
    assert value(ds, "industrial_production", "BLR", "2023-12") == 7.7


def test_missing_values_stay_missing(ds):
    assert value(ds, "industrial_production", "KAZ", "2024-09") is None
    assert value(ds, "industrial_production", "KGZ", "2024-09") is None
    assert value(ds, "industrial_production", "ARM", "2025-06") is None
    assert value(ds, "industrial_production", "BLR", "2025-12") is None
    # 10 periods x 6 geographies, less the 9 gaps the sources leave.
    assert (ds.observations.indicator == "industrial_production").sum() == 51


def test_a_withheld_figure_is_a_gap_with_a_note_in_both_languages(ds):
    gap = ds.gaps.iloc[0]
    assert (gap.geo, gap.period_end.isoformat()) == ("BLR", "2025-12-31")
    assert "fell" in gap.note_en and "сниж" in gap.note_ru


def test_a_gap_and_a_value_for_the_same_figure_contradict():
    raw = raw_tables()
    raw["gaps"].loc[0, ["geo", "period_end"]] = ["ARM", "2025-12-31"]
    with pytest.raises(DataError, match="gaps.csv, row 2.*has a value"):
        build_dataset(raw)


def test_related_eec_figures_are_shipped(ds):
    assert value(ds, "gdp", "ARM", "2023-11") == 9.3
    assert value(ds, "industrial_output_share", "RUS", "2023-11") == 87.6
    assert value(ds, "unemployment", "EAEU", "2023-11") == 0.9


def test_every_observation_carries_its_source(ds):
    for column in ("source_name_ru", "source_name_en"):
        assert ds.observations[column].str.len().min() > 0
    tass = ds.observations[ds.observations.period == "2023-11"]
    assert set(tass["source_url"]) == {"https://tass.com/economy/1734319"}
    assert set(tass["source_date"]) == {"2024-01-18"}


def test_periods_are_year_to_date_with_keys(ds):
    row = ds.observations[ds.observations.period == "2024-09"].iloc[0]
    assert row.period_start == dt.date(2024, 1, 1)
    assert row.period_end == dt.date(2024, 9, 30)


def test_snapshots_hold_the_source_lists(ds):
    missions = ds.missions
    oct_2023 = missions[missions.as_of == dt.date(2023, 10, 2)]
    assert len(oct_2023) == 12 and set(oct_2023.status) == {"open"}
    jan_2026 = missions[missions.as_of == dt.date(2026, 1, 26)]
    assert (jan_2026.status == "open").sum() == 15
    assert set(jan_2026.loc[jan_2026.status != "open", "name_en"]) == {"Voronezh", "Omsk"}
    seed = missions[missions.as_of == dt.date(2023, 8, 10)]
    assert list(seed.name_en) == ["Krasnodar"] and list(seed.region_en) == ["Krasnodar Krai"]


def test_version_changes_with_content():
    raw = raw_tables()
    first = build_dataset(raw).version
    raw["observations"].loc[0, "value"] = "2.9"
    assert build_dataset(raw).version != first


def expect_problems(raw) -> list[str]:
    with pytest.raises(DataError) as info:
        build_dataset(raw)
    return [str(p) for p in info.value.problems]


def test_bad_number_names_file_row_and_column():
    raw = raw_tables()
    raw["observations"].loc[3, "value"] = "12,6 процента"
    assert expect_problems(raw) == [
        "observations.csv, row 5, column 'value': expected a number, got '12,6 процента'"
    ]


def test_every_problem_is_listed_at_once():
    raw = raw_tables()
    raw["observations"].loc[0, "period_start"] = "2023-13-01"
    raw["observations"].loc[1, "source_name_ru"] = ""
    raw["missions"].loc[0, "status"] = "opened"
    problems = expect_problems(raw)
    assert problems == [
        "observations.csv, row 2, column 'period_start': expected a date YYYY-MM-DD, got '2023-13-01'",
        "observations.csv, row 3, column 'source_name_ru': a value is required",
        "missions.csv, row 2, column 'status': expected one of open, announced, planned, closed;"
        " got 'opened'",
    ]


def test_unknown_country_and_duplicate_key():
    raw = raw_tables()
    raw["observations"].loc[0, "geo"] = "UZB"
    duplicate = raw["observations"].iloc[[1]]
    raw["observations"] = pd.concat([raw["observations"], duplicate], ignore_index=True)
    last_row = len(raw["observations"]) + 1
    problems = expect_problems(raw)
    assert problems == [
        f"observations.csv, row {last_row}: duplicate key (indicator + geo + period_start + "
        "period_end) already given on an earlier row"
    ]
    raw["observations"] = raw["observations"].iloc[:-1]
    assert expect_problems(raw) == [
        "observations.csv, row 2, column 'geo': unknown geo UZB; expected one of geographies.code"
    ]


def test_missing_column_is_named():
    raw = raw_tables()
    raw["places"] = raw["places"].drop(columns=["lat"])
    (problem,) = expect_problems(raw)
    assert problem.startswith("places.csv, row 1: missing column(s) lat; expected id, name_ru")


def test_highlight_must_agree_with_observations():
    raw = raw_tables()
    raw["highlights"].loc[0, "leaders"] = "ARM=12.7;BLR=6.4;RUS=4.4"
    assert expect_problems(raw) == [
        "highlights.csv, row 2, column 'leaders': ARM 12.7 does not match observations for "
        "industrial_production"
    ]


def test_period_end_before_start_is_refused():
    raw = raw_tables()
    raw["observations"].loc[0, "period_end"] = "2022-12-31"
    assert expect_problems(raw) == [
        "observations.csv, row 2, column 'period_end': period_end is before period_start"
    ]
