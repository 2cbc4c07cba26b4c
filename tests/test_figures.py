"""Figure builders and chart assembly: values, order, labels and source lines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from eaeu import queries
from eaeu.charts import CHART_IDS, build_chart
from eaeu.export.layout import export_figure
from eaeu.export.options import ExportOptions
from eaeu.figures import FOOTER, ChartText, growth_bar_figure, screen_version
from eaeu.time_figures import trend_line_figure
from eaeu.view import ViewState
from tests.plot import checked


def footer(fig) -> str:
    return "\n".join(a.text for a in fig.layout.annotations if a.yanchor == "top")


def test_growth_bars_sorted_highest_on_top_with_labels(ds):
    chart = build_chart(ds, "growth", ViewState(period="2024-09"))
    bar = checked(chart).data[0]
    # Plotly draws the first category at the bottom: the leader is last.
    assert list(bar.y) == ["Россия", "Беларусь", "Армения"]
    assert list(bar.text) == ["4,4\u00a0%", "6,4\u00a0%", "12,6\u00a0%"]
    assert checked(chart).layout.separators == ", "
    assert chart.text.title == "Промышленное производство: январь–сентябрь 2024"


def test_growth_reference_line_is_the_union_and_never_crosses_a_label(ds):
    chart = build_chart(ds, "growth", ViewState(period="2024-09", lang="en"))
    lines = checked(chart).layout.shapes
    assert {(line.x0, line.x1) for line in lines} == {(4.4, 4.4)}
    assert any(a.text == "EAEU: 4.4%" for a in checked(chart).layout.annotations)
    # Russia (bottom bar, 4.4) prints its label right where the line is: the line skips it.
    bars = checked(chart).data[0]
    assert list(bars.y) == ["Russia", "Belarus", "Armenia"]
    covered = [(line.y0, line.y1) for line in lines]
    assert not any(low < 0 < high for low, high in covered)  # Russia's label row
    assert any(low < 1 < high for low, high in covered)  # the line runs through Belarus' bar


def test_growth_names_gaps_and_source(ds):
    chart = build_chart(ds, "growth", ViewState(period="2024-09", lang="en"))
    text = footer(checked(chart))
    assert "No data: Kazakhstan, Kyrgyzstan" in text
    assert "Source: Eurasian Economic Commission via Eurasia.Expert" in text


def test_growth_other_period_resorts(ds):
    chart = build_chart(ds, "growth", ViewState(period="2025-06", lang="en"))
    assert list(checked(chart).data[0].y) == ["Belarus", "Russia", "Kazakhstan", "Kyrgyzstan"]
    assert "Source: 24.kg (EEC), 2025" in footer(checked(chart))


def test_unknown_period_falls_back_to_latest(ds):
    chart = build_chart(ds, "growth", ViewState(period="1999-01"))
    assert "2025 год" in chart.text.title


def test_generic_over_indicators(ds):
    chart = build_chart(ds, "growth", ViewState(indicator="industrial_output_share", lang="en"))
    assert list(checked(chart).data[0].y)[-1] == "Russia"
    assert "Share" in chart.text.subtitle
    gdp = build_chart(ds, "growth", ViewState(indicator="gdp", lang="en"))
    assert list(checked(gdp).data[0].y)[-1] == "Armenia"
    assert {s.x0 for s in checked(gdp).layout.shapes} == {3.3}


def test_empty_growth_explains_itself():
    text = ChartText("t")
    fig = checked(
        growth_bar_figure(
            pd.DataFrame(columns=["geo", "name", "value"]), text, "en", empty_message="Nothing"
        )
    )
    assert fig.data == ()
    assert fig.layout.annotations[0].text == "Nothing"


def test_trend_compares_one_period_length_across_years(ds):
    """Jan-Jun 2023, 2024, 2025 on a date axis: never Jan-Feb beside a whole year."""
    chart = build_chart(ds, "trend", ViewState(lang="en", countries=("KAZ", "ARM")))
    assert [trace.name for trace in checked(chart).data] == ["Armenia", "Kazakhstan"]
    assert chart.text.subtitle.startswith("Jan–Jun, year by year")
    arm, kaz = checked(chart).data
    ends = [dt.date(y, 6, 30).isoformat() for y in (2023, 2024, 2025)]
    assert list(kaz.x) == ends and list(kaz.y) == [3.8, 2.8, 6.5]
    assert checked(chart).layout.xaxis.type == "date"
    assert list(checked(chart).layout.xaxis.ticktext) == ["2023", "2024", "2025"]
    # Armenia has no Jan-Jun 2025 figure: a gap, never a line to another length.
    assert list(arm.y)[:2] == [1.0, 18.2] and pd.isna(arm.y[2])
    assert arm.connectgaps is False


def test_no_trace_joins_periods_of_different_length(ds):
    for span in ("year", "ytd-6", "ytd-9", "ytd-11", "ytd-2"):
        chart = build_chart(ds, "trend", ViewState(span=span))
        for trace in checked(chart).data:
            months = {x[5:] for x in trace.x}  # ISO dates: the month and day
            assert len(months) == 1, (span, trace.name, trace.x)


def test_a_missing_year_is_a_gap_in_the_line(ds):
    chart = build_chart(ds, "trend", ViewState(lang="en", span="year", countries=("RUS",)))
    (rus,) = checked(chart).data
    assert list(rus.x) == ["2023-12-31", "2024-12-31", "2025-12-31"]
    assert rus.y[0] == 3.5 and pd.isna(rus.y[1]) and rus.y[2] == 1.3


def test_trend_with_no_country_is_an_empty_state(ds):
    chart = build_chart(ds, "trend", ViewState(countries=()))
    assert checked(chart).data == ()
    assert "Не выбрано ни одной страны" in checked(chart).layout.annotations[0].text


def test_trend_figure_from_a_plain_frame():
    frame = pd.DataFrame(
        {
            "geo": ["ARM", "ARM"],
            "name": ["Armenia", "Armenia"],
            "period_start": [dt.date(2023, 1, 1), dt.date(2025, 1, 1)],
            "period_end": [dt.date(2023, 6, 30), dt.date(2025, 6, 30)],
            "value": [1.0, -6.6],
        }
    )
    fig = checked(trend_line_figure(frame, ChartText("t"), "en"))
    assert list(fig.data[0].y) == [1.0, None, -6.6]  # 2024 is a gap
    assert fig.data[0].text[2] == "Armenia, Jan–Jun 2025: \u22126.6%"


def marker_traces(chart) -> list:
    """The map's markers: the traces whose points are cities (each point's hover lists its
    missions; a city with several shows their number)."""
    return [t for t in checked(chart).data if t.hovertext is not None]


def markers(chart) -> int:
    """Missions on the map: one per single marker, the printed number per shared one."""
    return sum(
        sum(int(n) for n in t.text) if t.name == "group" else len(t.hovertext)
        for t in marker_traces(chart)
    )


def test_map_has_a_marker_per_mission_of_the_snapshot(ds):
    assert markers(build_chart(ds, "missions", ViewState(snapshot="2023-10-02"))) == 12
    assert markers(build_chart(ds, "missions", ViewState(snapshot="2026-01-26"))) == 17
    seed = build_chart(ds, "missions", ViewState(snapshot="2023-08-10", lang="en"))
    assert markers(seed) == 1
    assert "Partial snapshot" in seed.text.note


def test_map_colours_by_type_and_hollow_when_not_open(ds):
    chart = build_chart(ds, "missions", ViewState(snapshot="2026-01-26", lang="en"))
    by_name = {t.name: t for t in marker_traces(chart)}
    assert set(by_name) == {
        "embassy",
        "consulate_general",
        "embassy_branch",
        "honorary_consul",
        "group",
    }
    branch = by_name["embassy_branch"]
    symbols = {
        hover.split("</b>")[0].removeprefix("<b>"): symbol
        for hover, symbol in zip(branch.hovertext, branch.marker.symbol, strict=True)
    }
    assert symbols["Voronezh"] == "circle-open"
    assert symbols["Omsk"] == "diamond-open"
    assert symbols["Kazan"] == "circle"


def test_missions_in_one_city_share_a_marker_that_lists_them(ds):
    chart = build_chart(ds, "missions", ViewState(snapshot="2026-01-26", lang="en"))
    (group,) = [t for t in marker_traces(chart) if t.name == "group"]
    assert list(group.text) == ["2"]
    assert group.hovertext[0].startswith("<b>Yekaterinburg</b>")
    assert "Consulate general (open)" in group.hovertext[0]
    assert "Honorary consul (open)" in group.hovertext[0]


def test_map_legend_keys_every_symbol_and_shade_on_it(ds):
    chart = build_chart(ds, "missions", ViewState(snapshot="2026-01-26", lang="en"))
    keys = {t.name: t.marker.symbol for t in checked(chart).data if t.showlegend}
    used = {s for t in marker_traces(chart) for s in np_list(t.marker.symbol)}
    assert used <= set(keys.values())
    assert keys["announced"] == "circle-open" and keys["planned"] == "diamond-open"
    assert "missions in one city" in keys
    # Regions are shaded by their count: one and two missions here.
    assert {"missions in the region: 1", "missions in the region: 2"} <= set(keys)
    shaded = {t.name for t in checked(chart).data if t.fill == "toself" and t.hoverinfo == "name"}
    assert "Sverdlovsk Oblast: 2 missions" in shaded
    assert len(shaded) == 16  # a region per mission's region, each with its count


def np_list(value) -> list:
    """A marker's symbol: one for the trace, one per point, or plotly's default."""
    if value is None:
        return ["circle"]
    return [value] if isinstance(value, str) else list(value)


def test_map_is_framed_on_russia(ds):
    from eaeu.russia_map import project, russia_bounds

    fig = checked(build_chart(ds, "missions", ViewState()))
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    # Kaliningrad, Chukotka's eastern cape, Franz Josef Land and Dagestan's south are in.
    for lon, lat in ((20.5, 54.7), (-169.7, 66.0), (58.0, 81.5), (47.5, 41.2)):
        x, y = project(lon, lat)
        assert x0 < x < x1 and y0 < y < y1, (lon, lat)
    bx0, by0, bx1, by1 = russia_bounds()
    # Little besides Russia: its own extent plus a margin for names on the west.
    assert (x1 - x0) < 1.1 * (bx1 - bx0) and (y1 - y0) < 1.1 * (by1 - by0)
    # The map keeps its proportions: on screen the plot shrinks to Russia's frame (resizes
    # never widen the ranges); an image of fixed size is filled with more map, never bands.
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.constrain == "domain"
    phone = checked(build_chart(ds, "missions", ViewState(), compact=True))
    assert phone.layout.yaxis.constraintoward == "top"  # the key follows right below
    exported = export_figure(ds, ExportOptions("missions", ViewState(), preset="square"))
    assert {exported.layout.xaxis.constrain, exported.layout.yaxis.constrain} == {"range"}


def test_counts_by_district(ds):
    frame = queries.missions_frame(ds, dt.date(2026, 1, 26), "en")
    open_only = frame[frame.status == "open"]
    totals = open_only.groupby("district").size().to_dict()
    assert totals == {
        "Central": 2,
        "Far Eastern": 1,
        "Northwestern": 2,
        "Siberian": 2,
        "Southern": 2,
        "Ural": 3,
        "Volga": 3,
    }
    counts = queries.counts_by(frame, "district")
    assert counts.iloc[0]["district"] in {"Central", "Siberian", "Ural", "Volga"}
    assert int(counts.drop_duplicates("district")["total"].sum()) == 17


def test_changes_between_complete_snapshots(ds):
    before, changes = queries.mission_changes(ds, dt.date(2026, 1, 26), "en")
    assert before == dt.date(2023, 10, 2)
    by_city = {c.city: c for c in changes}
    assert by_city["Krasnodar"].kind == "added"
    assert by_city["Tyumen"].kind == "added"
    assert by_city["Yekaterinburg"].after == "Consulate general, Honorary consul"
    assert by_city["Yekaterinburg"].before == "Embassy branch"
    assert "Kazan" not in by_city  # still an embassy branch
    assert by_city["Voronezh"].after == "Embassy branch (announced)"


def test_every_chart_builds_in_both_languages(ds):
    for lang in ("ru", "en"):
        for chart_id in CHART_IDS:
            chart = build_chart(ds, chart_id, ViewState(lang=lang))
            assert chart.text.title and chart.text.source, (chart_id, lang)


def test_matrix_is_countries_by_periods_of_one_length(ds):
    chart = build_chart(ds, "matrix", ViewState(lang="en"))
    assert chart.data["geo"].tolist() == ["EAEU", "ARM", "BLR", "KAZ", "KGZ", "RUS"]
    headers = [header for field, header in chart.columns if field.startswith("p")]
    assert headers == ["Jan–Jun 2023", "Jan–Jun 2024", "Jan–Jun 2025"]
    arm = chart.data.set_index("geo").loc["ARM"]
    assert (arm["p0"], arm["p1"]) == (1.0, 18.2) and pd.isna(arm["p2"])  # a gap stays a gap
    heat = checked(chart).data[0]
    assert list(heat.y)[0] == "EAEU" and heat.text[1][2] == ""


@pytest.mark.parametrize("chart_id", CHART_IDS)
@pytest.mark.parametrize("transform", ["value", "pp_change", "rank"])
def test_screen_figures_are_valid_plotly_without_the_printed_texts(ds, chart_id, transform):
    """The page's figure is a plain dict made without plotly's checks: the checks run here,
    and the built figure, shared by every request for it, keeps its printed texts."""
    chart = build_chart(ds, chart_id, ViewState(transform=transform, lang="en").resolve(ds))
    screen = screen_version(chart.figure)
    shown = checked(screen)  # raises on any property plotly does not know
    assert shown.layout.title.text == ""
    assert all(a.name != FOOTER for a in shown.layout.annotations)
    assert screen["layout"]["margin"]["b"] == 40
    assert len(shown.data) == len(checked(chart).data)
    assert checked(chart).layout.title.text  # the built figure is left as it was
