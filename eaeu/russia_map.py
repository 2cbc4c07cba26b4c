"""The missions map's base: Russia's federal subjects and its neighbours, projected.

`assets/geo/russia.json` (built by scripts/build-russia-map.sh from Natural Earth, public
domain) holds the shapes in degrees; here they are projected once with an Albers equal-area
conic for Russia, in kilometres, so the figure is an ordinary x/y plot: labels can be placed
by measuring distances, and any export size shows the same frame.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHAPES = Path(__file__).resolve().parent.parent / "assets" / "geo" / "russia.json"
EARTH_KM = 6371.0
CENTRAL_LON = 100.0  # Russia's middle: Kaliningrad (20° E) and Chukotka (170° W) bend alike
PARALLELS = (52.0, 64.0)
ORIGIN_LAT = 60.0
_N = (math.sin(math.radians(PARALLELS[0])) + math.sin(math.radians(PARALLELS[1]))) / 2
_C = math.cos(math.radians(PARALLELS[0])) ** 2 + 2 * _N * math.sin(math.radians(PARALLELS[0]))
_RHO0 = math.sqrt(_C - 2 * _N * math.sin(math.radians(ORIGIN_LAT))) / _N


def project(lon: float, lat: float) -> tuple[float, float]:
    """Albers equal-area conic (sphere) in km; longitudes wrap, so Chukotka east of 180° stays
    beside the rest of Russia."""
    delta = (lon - CENTRAL_LON + 180.0) % 360.0 - 180.0
    theta = _N * math.radians(delta)
    rho = math.sqrt(_C - 2 * _N * math.sin(math.radians(lat))) / _N
    return EARTH_KM * rho * math.sin(theta), EARTH_KM * (_RHO0 - rho * math.cos(theta))


Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    country: str  # ISO3
    code: str  # ISO 3166-2 for Russia's federal subjects, else ""
    rings: tuple[Ring, ...]  # projected outer rings and holes, km

    @property
    def area(self) -> float:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def shapes() -> tuple[Shape, ...]:
    """Every shape of the base map, the largest first (an enclave such as Moscow inside its
    oblast is drawn after it, on top)."""
    features = json.loads(SHAPES.read_text(encoding="utf-8"))["features"]
    made = [
        Shape(
            feature["properties"]["country"],
            feature["properties"]["code"],
            tuple(
                [_rounded(project(lon, lat)) for lon, lat in ring]
                for ring in _rings(feature["geometry"])
            ),
        )
        for feature in features
        if feature["geometry"]
    ]
    return tuple(sorted(made, key=lambda shape: -shape.area))


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    # A kilometre is under a pixel at any size the map is drawn: fewer digits, a lighter page.
    return round(point[0]), round(point[1])


@cache
def russia_bounds() -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of Russia, Kaliningrad to Chukotka and the Arctic islands, in km."""
    points = [p for s in shapes() if s.country == "RUS" for ring in s.rings for p in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def path(rings) -> tuple[list, list]:
    """Rings as one plotly line: closed, separated by gaps (None)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [x for x, _ in ring] + [ring[0][0], None]
        ys += [y for _, y in ring] + [ring[0][1], None]
    return xs, ys
