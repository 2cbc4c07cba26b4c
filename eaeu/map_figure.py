"""The missions map: Russia's regions shaded by their count of missions, a marker per city
(several missions in one city share one marker with their count), and city names placed
where they collide with nothing (eaeu/map_labels.py)."""

from __future__ import annotations

import pandas as pd

from eaeu import russia_map
from eaeu.figures import (
    INK,
    MUTED,
    TYPE_COLORS,
    ChartText,
    add_message,
    base_layout,
    markup,
    wrapped,
)
from eaeu.i18n import MISSION_STATUSES, MISSION_TYPES, fmt_number, label, plural, t
from eaeu.map_labels import Point, place_labels
from eaeu.plotdict import add_annotation, figure, numbers, update_axis, update_layout

STATUS_SYMBOLS = {"open": "circle", "announced": "circle-open", "planned": "diamond-open"}
SEA = "#e8f1f8"
NEIGHBOUR = "#f4f5f7"
BORDER = "#c3c9d1"
# Russia's regions by their count of missions: none, then ever darker blues (3 = 3 or more).
REGION_FILLS = ("#e4e7eb", "#cddff0", "#9cc0e3", "#6b9fd3")
GROUP_COLOR = INK
# Around Russia's outermost shores, in km: more to the west, where names of the crowded
# European cities need room (left, bottom, right, top).
PAD_KM = (320, 160, 120, 100)
MAP_LABEL = "map_label"
GROUP_EXTRA = 6  # px: a marker shared by several missions is this much larger


class MapSize:
    """The smallest plot area, in px, the map is drawn at: labels are placed for it.
    Wide: a 768 px tablet and up, and every export preset. Compact: a 320 px phone."""

    WIDE = (660.0, 360.0)
    COMPACT = (280.0, 150.0)


def _frame() -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = russia_map.russia_bounds()
    left, bottom, right, top = PAD_KM
    return x0 - left, y0 - bottom, x1 + right, y1 + top


def _places(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per city: where, its missions (in the data's order), and the hover listing them."""
    rows = []
    for place, missions in frame.groupby("place", sort=False):
        first = missions.iloc[0]
        x, y = russia_map.project(float(first["lon"]), float(first["lat"]))
        lines = [
            f"{label(MISSION_TYPES, m.type, lang)} ({label(MISSION_STATUSES, m.status, lang)})"
            for m in missions.itertuples()
        ]
        rows.append(
            {
                "place": place,
                "x": x,
                "y": y,
                "city": first["city"],
                "count": len(missions),
                "type": first["type"],
                "status": first["status"],
                "hover": "<b>{}</b><br>{}<br>{}, {}".format(
                    markup(first["city"]),
                    "<br>".join(lines),
                    markup(first["region_name"]),
                    markup(first["district"]),
                ),
            }
        )
    return pd.DataFrame(rows)


def _base(fig: dict, counts: dict[str, int], names: dict[str, str], lang: str) -> None:
    """Neighbours, then Russia's regions shaded by count (a hover on each shaded one)."""
    neighbours = [s for s in russia_map.shapes() if s.country != "RUS"]
    xs, ys = russia_map.path([ring for s in neighbours for ring in s.rings])
    fig["data"].append(_area(xs, ys, NEIGHBOUR, BORDER))
    plain = [s for s in russia_map.shapes() if s.country == "RUS" and not counts.get(s.code)]
    xs, ys = russia_map.path([ring for s in plain for ring in s.rings])
    fig["data"].append(_area(xs, ys, REGION_FILLS[0], "white"))
    for shape in russia_map.shapes():
        n = counts.get(shape.code)
        if shape.country != "RUS" or not n:
            continue
        xs, ys = russia_map.path(shape.rings)
        name = f"{markup(names.get(shape.code, shape.code))}: {n} {plural('missions', n, lang)}"
        fig["data"].append(_area(xs, ys, REGION_FILLS[min(n, 3)], "white", hover=name))


def _area(xs, ys, fill: str, line: str, hover: str | None = None) -> dict:
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": fill,
        "line": {"color": line, "width": 0.6},
        "showlegend": False,
        "hoveron": "fills",
        "name": hover or "",
        "hoverinfo": "name" if hover else "skip",
    }


def _markers(fig: dict, places: pd.DataFrame, size: int) -> None:
    """A marker per city in its mission's colour (hollow until open); a city with several
    missions gets one dark marker with their number."""
    singles = places[places["count"] == 1]
    for mission_type in MISSION_TYPES:
        rows = singles[singles["type"] == mission_type]
        if rows.empty:
            continue
        fig["data"].append(
            {
                "type": "scatter",
                "x": numbers(rows["x"]),
                "y": numbers(rows["y"]),
                "mode": "markers",
                "name": mission_type,
                "showlegend": False,
                "marker": {
                    "size": size,
                    "color": TYPE_COLORS[mission_type],
                    "symbol": [STATUS_SYMBOLS.get(s, "circle") for s in rows["status"]],
                    "line": {"width": 2, "color": TYPE_COLORS[mission_type]},
                },
                "hovertext": list(rows["hover"]),
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    groups = places[places["count"] > 1]
    if not groups.empty:
        fig["data"].append(
            {
                "type": "scatter",
                "x": numbers(groups["x"]),
                "y": numbers(groups["y"]),
                "mode": "markers+text",
                "name": "group",
                "showlegend": False,
                "marker": {
                    "size": size + GROUP_EXTRA,
                    "color": GROUP_COLOR,
                    "line": {"width": 1.5, "color": "white"},
                },
                "text": [str(n) for n in groups["count"]],
                "textposition": "middle center",
                "textfont": {"color": "white", "size": 11},
                "hovertext": list(groups["hover"]),
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )


def label_layout(places: pd.DataFrame, compact: bool) -> tuple:
    """The cities as points to name, the frame, the scale (px per km) and the font size the
    names are placed for."""
    frame = _frame()
    width, height = MapSize.COMPACT if compact else MapSize.WIDE
    scale = min(width / (frame[2] - frame[0]), height / (frame[3] - frame[1]))
    size = marker_size(compact)
    radii = [(size + (GROUP_EXTRA if n > 1 else 0)) / 2 + 1 for n in places["count"]]
    # Where room is short (a phone), a city with several missions, then embassies and
    # consulates are named before branches and honorary consuls.
    ranks = [
        0 if n > 1 else list(MISSION_TYPES).index(kind)
        for n, kind in zip(places["count"], places["type"], strict=True)
    ]
    points = [
        Point(x, y, r, city, rank)
        for x, y, r, city, rank in zip(
            places["x"], places["y"], radii, places["city"], ranks, strict=True
        )
    ]
    return points, frame, scale, 11 if compact else 12


def marker_size(compact: bool) -> int:
    return 10 if compact else 13


def _labels(fig: dict, places: pd.DataFrame, compact: bool) -> None:
    points, frame, scale, font = label_layout(places, compact)
    leaders_x: list = []
    leaders_y: list = []
    for place, placed in zip(points, place_labels(points, frame, scale, font), strict=True):
        if placed is None:
            continue
        add_annotation(
            fig,
            text=markup(place.text),
            x=placed.x,
            y=placed.y,
            xanchor=placed.xanchor,
            yanchor=placed.yanchor,
            showarrow=False,
            font={"size": font, "color": INK},
            bgcolor="rgba(255,255,255,0.75)",
            borderpad=1,
            name=MAP_LABEL,
        )
        if placed.leader:
            leaders_x += [placed.leader[0], placed.x, None]
            leaders_y += [placed.leader[1], placed.y, None]
    if leaders_x:
        fig["data"].append(
            {
                "type": "scatter",
                "x": leaders_x,
                "y": leaders_y,
                "mode": "lines",
                "line": {"color": MUTED, "width": 1},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )


def _legend(
    fig: dict, places: pd.DataFrame, counts: dict[str, int], lang: str, compact: bool
) -> None:
    """A key for every symbol and shade on the map, and nothing else; on a phone in two
    columns of short lines."""
    statuses = set(places["status"][places["count"] == 1])
    types = set(places["type"][places["count"] == 1])
    keys = [
        (label(MISSION_TYPES, m, lang), "circle", TYPE_COLORS[m], 11)
        for m in MISSION_TYPES
        if m in types
    ]
    keys += [
        (label(MISSION_STATUSES, s, lang), STATUS_SYMBOLS[s], MUTED, 11)
        for s in ("announced", "planned")
        if s in statuses
    ]
    if (places["count"] > 1).any():
        keys.append((t("map_group_key", lang), "circle", GROUP_COLOR, 14))
    for n in sorted({min(c, 3) for c in counts.values()}):
        text = t(
            "map_region_key_more" if n == 3 else "map_region_key", lang, n=fmt_number(n, lang, 0)
        )
        keys.append((text, "square", REGION_FILLS[n], 14))
    for name, symbol, color, size in keys:
        fig["data"].append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": wrapped(name, 14) if compact else markup(name),
                "marker": {
                    "symbol": symbol,
                    "color": color,
                    "size": size,
                    "line": {"width": 2, "color": color},
                },
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )


def missions_map_figure(
    frame: pd.DataFrame,
    text: ChartText,
    lang: str,
    *,
    empty_message: str = "",
    compact: bool = False,
) -> dict:
    """frame: columns place, city, lat, lon, region, region_name, district, type, status.
    `compact`: drawn for a phone (smaller markers, only the names that fit, legend below)."""
    fig = figure()
    counts = frame.groupby("region").size().to_dict() if not frame.empty else {}
    names = dict(zip(frame["region"], frame["region_name"], strict=True)) if counts else {}
    _base(fig, counts, names, lang)
    size = marker_size(compact)
    if frame.empty:
        add_message(fig, empty_message or t("no_data", lang), bgcolor="rgba(255,255,255,0.85)")
    else:
        places = _places(frame, lang)
        _labels(fig, places, compact)
        _markers(fig, places, size)
        _legend(fig, places, counts, lang, compact)
    x0, y0, x1, y1 = _frame()
    # Russia's frame at one scale across and down: the plot shrinks to it ("domain"), to the
    # top of its room on a phone (the key follows below). Letting plotly widen the ranges
    # instead, it wrote them back into the figure and widened them again at every resize (a
    # phone's address bar sliding away zoomed the map out). Exports fill their fixed size
    # with more map instead (eaeu/export/layout.py).
    update_axis(fig, "xaxis", range=[x0, x1], visible=False, fixedrange=True, constrain="domain")
    update_axis(
        fig,
        "yaxis",
        range=[y0, y1],
        visible=False,
        fixedrange=True,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
        constraintoward="top" if compact else "middle",
    )
    update_layout(fig, hovermode="closest", dragmode=False)
    base_layout(fig, text, lang)
    # base_layout paints the plot white; the sea is the map's own background.
    update_layout(fig, plot_bgcolor=SEA, margin={"l": 10, "r": 10})
    if compact:
        update_layout(
            fig,
            margin={"t": 10},
            legend={
                "y": -0.02,
                "yanchor": "top",
                "x": 0,
                "xanchor": "left",
                "entrywidth": 0.5,
                "entrywidthmode": "fraction",
            },
        )
    return fig
