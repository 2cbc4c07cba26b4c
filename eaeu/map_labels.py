"""Where each city's name goes on the missions map: beside its marker where there is room,
farther out with a leader line where there is not, and nowhere when the map is too small
(the marker's hover still names it). Pure geometry in pixels of the smallest plot the map
is drawn at: a larger plot only spreads the markers further apart, so nothing placed here
can overlap there."""

from __future__ import annotations

import math
from dataclasses import dataclass

from eaeu.figures import GLYPH_EM

LINE_EM = 1.25
PAD = 2  # px of halo around a label's text
GAP = 3  # px between a marker and its label
# Directions tried, nearest first: beside, above, below, then the diagonals.
DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
LEADER_STEPS = (14, 28, 44, 64)  # px farther out, with a line back to the marker
CLEARANCE = 8  # px between a label on a leader line and any other marker
LINE_CLEARANCE = 3  # px between a leader line and any other marker or label


@dataclass(frozen=True)
class Point:
    x: float  # km, as projected
    y: float
    radius: float  # px
    text: str
    rank: int = 0  # lower is labelled first: where room is short, the lower ranks get it


@dataclass(frozen=True)
class Label:
    x: float  # km: the label's anchor
    y: float
    xanchor: str  # plotly's annotation anchors
    yanchor: str
    leader: tuple[float, float] | None = None  # km: where the line to the marker starts


Box = tuple[float, float, float, float]  # left, top, right, bottom in px, y down


def text_size(text: str, font_px: float) -> tuple[float, float]:
    return len(text) * font_px * GLYPH_EM + 2 * PAD, font_px * LINE_EM + 2 * PAD


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, width: float, height: float) -> bool:
    return box[0] >= 1 and box[1] >= 1 and box[2] <= width - 1 and box[3] <= height - 1


def _box(cx: float, cy: float, dx: int, dy: int, reach: float, size: tuple) -> Box:
    """The label's box when it hangs off the point (cx, cy) `reach` px out in (dx, dy)."""
    w, h = size
    left = cx + reach if dx > 0 else cx - reach - w if dx < 0 else cx - w / 2
    top = cy - reach - h if dy < 0 else cy + reach if dy > 0 else cy - h / 2
    if dx and dy:  # a diagonal sits closer: the corner of the box, not its edge
        left -= dx * reach * (1 - math.sqrt(0.5))
        top -= dy * reach * (1 - math.sqrt(0.5))
    return left, top, left + w, top + h


# The side of the label that faces its marker, by direction.
X_ANCHORS = {-1: "right", 0: "center", 1: "left"}
Y_ANCHORS = {-1: "bottom", 0: "middle", 1: "top"}


def place_labels(
    points: list[Point],
    frame: tuple[float, float, float, float],
    scale: float,
    font_px: float,
) -> list[Label | None]:
    """A label (or None) for each point, in order. `frame`: x0, y0, x1, y1 in km of the plot
    area; `scale`: its smallest size in px per km. Points choose by rank, then the most crowded
    first (they have the fewest places left); if some find no room, other orders are tried and
    the one that names the most important cities wins."""
    x0, _, _, y1 = frame
    centres = [((p.x - x0) * scale, (y1 - p.y) * scale) for p in points]

    def crowding(i: int) -> int:
        cx, cy = centres[i]
        return -sum(1 for ox, oy in centres if math.hypot(ox - cx, oy - cy) < 90)

    order = sorted(range(len(points)), key=lambda i: (points[i].rank, crowding(i), points[i].x))
    best = _place(points, order, frame, scale, font_px)
    failed = [i for i in order if best[i] is None]
    # Greedy placement depends on who chooses first: a few other orders (the unnamed first,
    # west to east, east to west, north to south and back) may name more important cities,
    # or more.
    others = [
        failed + [i for i in order if i not in failed],
        sorted(order, key=lambda i: points[i].x),
        sorted(order, key=lambda i: -points[i].x),
        sorted(order, key=lambda i: -points[i].y),
        sorted(order, key=lambda i: points[i].y),
    ]
    for other in others if failed else []:
        labels = _place(points, other, frame, scale, font_px)
        if _score(labels, points) > _score(best, points):
            best = labels
    return best


def _score(labels: list, points: list[Point]) -> list[int]:
    """The more important cities named first: how many of rank 0, then of rank 1, ..."""
    named = [p.rank for p, label in zip(points, labels, strict=True) if label is not None]
    return [named.count(rank) for rank in range(max((p.rank for p in points), default=0) + 1)]


def _place(points, order, frame, scale, font_px) -> list[Label | None]:
    x0, y0, x1, y1 = frame
    plot = (x1 - x0) * scale, (y1 - y0) * scale
    centres = [((p.x - x0) * scale, (y1 - p.y) * scale) for p in points]
    taken: list[Box] = [
        (cx - p.radius, cy - p.radius, cx + p.radius, cy + p.radius)
        for p, (cx, cy) in zip(points, centres, strict=True)
    ]
    labels: list[Label | None] = [None] * len(points)
    leaders: list[list[tuple[float, float]]] = []  # sample points of the lines drawn so far
    for i in order:
        point, (cx, cy) = points[i], centres[i]
        size = text_size(point.text, font_px)
        # Its own marker is never in the way: the label keeps `GAP` px off its circle.
        others = taken[:i] + taken[i + 1 :]
        for extra in (0, *LEADER_STEPS):
            reach = point.radius + GAP + extra
            found = _first_free((cx, cy), point.radius, reach, size, others, leaders, plot, centres)
            if found is None:
                continue
            box, (dx, dy), line = found
            taken.append(box)  # after the markers: their indices stay the points' own
            if extra:
                leaders.append(line)
            labels[i] = _label(box, dx, dy, extra, (cx, cy), point.radius, (x0, y1), scale)
            break
    return labels


def _line(start: tuple[float, float], end: tuple[float, float]) -> list[tuple[float, float]]:
    """Points every 2 px along a segment: enough to tell whether it crosses a box."""
    steps = max(1, int(math.hypot(end[0] - start[0], end[1] - start[1]) / 2))
    return [
        (start[0] + (end[0] - start[0]) * k / steps, start[1] + (end[1] - start[1]) * k / steps)
        for k in range(steps + 1)
    ]


def _grown(box: Box, by: float) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _in_box(point: tuple[float, float], box: Box) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]


def _distance_to_box(point: tuple[float, float], box: Box) -> float:
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def _nearest_is_own(box: Box, anchor, centre, centres, leader: bool) -> bool:
    """A reader takes a name for the nearest marker's: no other marker may be as near a label
    beside its marker as that one; a label on a leader line keeps clear of other markers."""
    own = CLEARANCE if leader else math.hypot(anchor[0] - centre[0], anchor[1] - centre[1])
    return all(_distance_to_box(other, box) > own for other in centres if other != centre)


def _first_free(centre, radius, reach, size, taken, leaders, plot, centres):
    """The first direction whose box is inside the plot, overlaps no marker, label or line,
    and whose line (when the label stands off) crosses no marker or label."""
    cx, cy = centre
    for dx, dy in DIRECTIONS:
        box = _box(cx, cy, dx, dy, reach, size)
        if not _inside(box, *plot) or any(_overlaps(box, other) for other in taken):
            continue
        if any(_in_box(p, box) for line in leaders for p in line):
            continue
        leader = reach > radius + GAP
        if not _nearest_is_own(box, _anchor(box, dx, dy), centre, centres, leader):
            continue
        line: list = []
        if leader:
            anchor = _anchor(box, dx, dy)
            distance = math.hypot(anchor[0] - cx, anchor[1] - cy) or 1.0
            edge = (
                cx + (anchor[0] - cx) * (radius + 1) / distance,
                cy + (anchor[1] - cy) * (radius + 1) / distance,
            )
            line = _line(edge, anchor)
            if any(_in_box(p, _grown(other, LINE_CLEARANCE)) for other in taken for p in line):
                continue
        return box, (dx, dy), line
    return None


def _anchor(box: Box, dx: int, dy: int) -> tuple[float, float]:
    """The point of the box that faces the marker (where a leader line ends)."""
    left, top, right, bottom = box
    x = {1: left, -1: right, 0: (left + right) / 2}[dx]
    y = {1: top, -1: bottom, 0: (top + bottom) / 2}[dy]
    return x, y


def _label(box: Box, dx: int, dy: int, extra: float, centre, radius, origin, scale) -> Label:
    """The box as a plotly anchor (the edge or corner facing the marker), back in km."""
    px, py = _anchor(box, dx, dy)
    x0, y1 = origin
    leader = None
    if extra:
        cx, cy = centre
        distance = math.hypot(px - cx, py - cy) or 1.0
        # From the marker's edge, so the line never covers the symbol.
        leader = (
            x0 + (cx + (px - cx) * radius / distance) / scale,
            y1 - (cy + (py - cy) * radius / distance) / scale,
        )
    return Label(x0 + px / scale, y1 - py / scale, X_ANCHORS[dx], Y_ANCHORS[dy], leader)
