"""Charts at every size: phone (compact) and wide variants, line-end names, thinned period
ticks, map names that never collide, and the table's pinned column on a phone."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from components import table
from eaeu import queries
from eaeu.charts import CHART_IDS, build_chart, chart_key
from eaeu.figures import ChartText
from eaeu.map_figure import _places, label_layout
from eaeu.map_labels import Point, place_labels, text_size
from eaeu.time_figures import MAX_TICK_LABELS, tick_texts, trend_line_figure
from eaeu.view import ViewState
from tests.plot import checked


def monthly(count: int, geos=("ARM", "KAZ")) -> pd.DataFrame:
    """Synthetic monthly figures (not real data), one series per geography."""
    rows = []
    for geo, i in itertools.product(geos, range(count)):
        start = pd.Timestamp(2023, 1, 1) + pd.DateOffset(months=i)
        end = start + pd.offsets.MonthEnd(0)
        rows.append(
            {
                "geo": geo,
                "name": {"ARM": "Армения", "KAZ": "Казахстан"}.get(geo, geo),
                "period_start": start.date(),
                "period_end": end.date(),
                "value": float(i % 7) + (0.2 if geo == "KAZ" else 0.0),
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("compact", [True, False])
def test_long_series_label_few_short_ticks_the_latest_always(compact):
    fig = checked(trend_line_figure(monthly(30), ChartText("t"), "ru", compact=compact))
    texts = list(fig.layout.xaxis.ticktext)
    labelled = [t for t in texts if t]
    assert len(texts) == 30 and len(labelled) <= MAX_TICK_LABELS[compact]
    assert texts[-1]  # the latest period
    # A month names its year only where the year changes: 'янв.<br>2024', then 'июн.'.
    assert all(len(line) <= 5 for t in labelled for line in t.split("<br>"))
    years = [t.split("<br>")[1] for t in labelled if "<br>" in t]
    assert years == sorted(set(years))


def test_a_year_by_year_series_ticks_years():
    axis = [(dt.date(y, 1, 1), dt.date(y, 6, 30)) for y in range(2015, 2026)]
    texts = tick_texts(axis, "en", compact=True)
    assert [t for t in texts if t] == ["2016", "2019", "2022", "2025"]


def test_lines_are_named_at_their_ends_instead_of_a_legend(ds):
    fig = checked(build_chart(ds, "trend", ViewState()))
    assert fig.layout.showlegend is False
    names = [a for a in fig.layout.annotations if a.yref == "y"]
    assert len(names) == len(fig.data) == 6
    # Armenia has no Jan-Jun 2025: its name is at its last point, the others at the right.
    armenia = next(a for a in names if a.text.endswith("Армения"))
    assert armenia.xref == "x" and str(armenia.x).startswith("2024-06-30")
    edge = sorted(a.y for a in names if a.xref == "paper")
    low, high = fig.layout.yaxis.range
    # A line of 13 px text apart on a 280 px plot, all inside the axis.
    assert all(b - a >= 13 * 1.3 * (high - low) / 280 - 1e-9 for a, b in itertools.pairwise(edge))
    assert low <= edge[0] and edge[-1] <= high
    assert fig.layout.margin.r > 80  # room for 'Кыргызстан' right of the plot


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_has_a_compact_variant_keyed_apart(ds, chart_id):
    view = ViewState(tab="missions").resolve(ds)
    assert chart_key(chart_id, view) != chart_key(chart_id, view, compact=True)
    assert checked(build_chart(ds, chart_id, view, compact=True)).data is not None


def test_compact_map_puts_its_legend_below_in_two_columns(ds):
    wide = checked(build_chart(ds, "missions", ViewState()))
    compact = checked(build_chart(ds, "missions", ViewState(), compact=True))
    assert wide.layout.legend.yanchor == "bottom" and wide.layout.legend.y > 1
    assert compact.layout.legend.yanchor == "top" and compact.layout.legend.y < 0
    assert compact.layout.legend.entrywidth == 0.5
    keys = [t.name for t in compact.data if t.showlegend]
    assert all(len(line) <= 16 for key in keys for line in key.split("<br>"))


def boxes(points, labels, frame, scale, font):
    x0, _, _, y1 = frame
    out = []
    for point, label in zip(points, labels, strict=True):
        if label is None:
            continue
        w, h = text_size(point.text, font)
        x, y = (label.x - x0) * scale, (y1 - label.y) * scale
        left = {"left": x, "right": x - w, "center": x - w / 2}[label.xanchor]
        top = {"top": y, "bottom": y - h, "middle": y - h / 2}[label.yanchor]
        out.append((left, top, left + w, top + h))
    return out


@pytest.mark.parametrize("snapshot", ["2026-01-26", "2023-10-02"])
@pytest.mark.parametrize("compact", [False, True])
def test_map_names_never_collide_and_stay_on_the_map(ds, snapshot, compact):
    frame = queries.missions_frame(ds, dt.date.fromisoformat(snapshot), "ru")
    points, map_frame, scale, font = label_layout(_places(frame, "ru"), compact)
    labels = place_labels(points, map_frame, scale, font)
    x0, y0, x1, y1 = map_frame
    placed = boxes(points, labels, map_frame, scale, font)
    markers = [
        (
            (p.x - x0) * scale - p.radius,
            (y1 - p.y) * scale - p.radius,
            (p.x - x0) * scale + p.radius,
            (y1 - p.y) * scale + p.radius,
        )
        for p in points
    ]
    # Names overlap neither each other nor any marker (markers of near cities may touch);
    # a name clears its own round marker.
    for a, b in itertools.combinations(placed, 2):
        assert not overlap(a, b), (a, b)
    named_points = [p for p, label in zip(points, labels, strict=True) if label]
    for box, own in zip(placed, named_points, strict=True):
        for point, marker in zip(points, markers, strict=True):
            if point is own:
                centre = ((own.x - x0) * scale, (y1 - own.y) * scale)
                assert clearance(centre, box) >= own.radius, own.text
            else:
                assert not overlap(box, marker), (own.text, point.text)
    for left, top, right, bottom in placed:
        assert left >= 0 and top >= 0 and right <= (x1 - x0) * scale
        assert bottom <= (y1 - y0) * scale
    named = sum(label is not None for label in labels)
    # A tablet's map names every city; a phone's at least the embassy's or half of them.
    assert named == len(points) if not compact else named >= len(points) // 2
    figure = checked(build_chart(ds, "missions", ViewState(snapshot=snapshot), compact=compact))
    assert len([a for a in figure.layout.annotations if a.name == "map_label"]) == named


def clearance(point, box) -> float:
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return (dx * dx + dy * dy) ** 0.5


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


def test_names_in_a_crowded_row_stand_off_on_leader_lines():
    """Synthetic points 15 px apart: the inner names stand off on lines, none overlap; 5 px
    apart, the inner ones get no name rather than a wrong place."""
    frame = (0.0, 0.0, 1000.0, 1000.0)
    row = [Point(500 + 30 * i, 500, 6, f"Город {i}") for i in range(6)]
    labels = place_labels(row, frame, 0.5, 12)
    assert all(labels) and sum(bool(label.leader) for label in labels) >= 4
    tight = [Point(500 + 10 * i, 500, 6, f"Город {i}") for i in range(6)]
    labels = place_labels(tight, frame, 0.5, 12)
    assert labels[0] and labels[-1] and not all(labels)
    for rows in (row, tight):
        placed = boxes(rows, place_labels(rows, frame, 0.5, 12), frame, 0.5, 12)
        assert not any(overlap(a, b) for a, b in itertools.combinations(placed, 2))


def test_phone_table_pins_the_column_a_row_is_read_for(ds):
    growth = build_chart(ds, "growth", ViewState())
    matrix = build_chart(ds, "matrix", ViewState())
    missions = build_chart(ds, "missions", ViewState())

    def pins(chart, compact):
        defs = table.column_defs(chart.columns, "ru", compact)
        return {c["field"]: c["pinned"] for c in defs if "pinned" in c}

    assert pins(growth, True) == {"value": "right"}
    assert pins(matrix, True) == {"name": "left"}
    assert pins(missions, True) == {"city": "left"}
    assert pins(growth, False) == {}


@pytest.mark.parametrize("chart_id", ["growth", "trend", "missions_regions"])
def test_a_phone_drag_scrolls_the_page_and_never_zooms(ds, chart_id):
    compact = checked(build_chart(ds, chart_id, ViewState(), compact=True))
    wide = checked(build_chart(ds, chart_id, ViewState()))
    assert compact.layout.dragmode is False
    assert compact.layout.xaxis.fixedrange and compact.layout.yaxis.fixedrange
    assert wide.layout.dragmode is None  # a mouse may still zoom
