"""Figures as plain dicts in plotly's JSON form, the form the page, embeds and exports send.

Building a chart through plotly's graph objects checks and copies every property on every
call: 30-400 ms a chart on this machine, for figures whose every property this code writes
itself. So the figure builders write the JSON directly, with the few operations below, and
the tests pass every chart through `go.Figure` (which validates it) instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import plotly.io as pio

# The parts of plotly's default template ("plotly") that the charts' trace types and layout
# read: exactly what go.Figure would have applied, without the 7 KB for polar, ternary, 3D and
# geo subplots that no chart has (plotly.js reads a template's part only for what is drawn).
TRACE_TYPES = ("bar", "scatter", "heatmap")
UNUSED_LAYOUT = ("polar", "ternary", "scene", "geo", "mapbox", "coloraxis", "colorscale")


def _template() -> dict:
    full = pio.templates["plotly"].to_plotly_json()
    return {
        "data": {kind: full["data"][kind] for kind in TRACE_TYPES},
        "layout": {k: v for k, v in full["layout"].items() if k not in UNUSED_LAYOUT},
    }


TEMPLATE = _template()


def figure(*traces: dict) -> dict:
    """A new figure holding `traces` (dicts with their "type")."""
    return {"data": list(traces), "layout": {"template": TEMPLATE}}


def merge(target: dict, updates: dict) -> dict:
    """`updates` written into `target` the way plotly's update_layout does: dicts merged key
    by key, anything else (numbers, strings, lists) replaced."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def update_layout(fig: dict, **props) -> dict:
    merge(fig["layout"], props)
    return fig


def update_axis(fig: dict, axis: str, **props) -> None:
    """`axis`: "xaxis" or "yaxis" (every chart has one of each)."""
    merge(fig["layout"].setdefault(axis, {}), props)


def add_annotation(fig: dict, **props) -> None:
    fig["layout"].setdefault("annotations", []).append(props)


def add_shape(fig: dict, **props) -> None:
    fig["layout"].setdefault("shapes", []).append(props)


def has_legend(fig: dict) -> bool:
    """More than one trace, and a legend not switched off for the figure or every trace."""
    shown = [trace for trace in fig["data"] if trace.get("showlegend") is not False]
    return len(fig["data"]) > 1 and bool(shown) and fig["layout"].get("showlegend") is not False


def numbers(items: Iterable) -> list:
    """A column as JSON values: numpy numbers as floats, missing (NaN, None) as null."""
    return [None if item is None or item != item else float(item) for item in items]


def dates(items: Iterable[dt.date]) -> list[str]:
    """Dates as plotly reads them on a date axis."""
    return [item.isoformat() for item in items]
