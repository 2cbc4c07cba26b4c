"""Charts as plotly graph objects, for tests to read: the builders write figures as plain
dicts (eaeu.plotdict) and skip plotly's validation, so `checked` validates every figure a test
looks at (a wrong property name or value fails here)."""

from __future__ import annotations

import plotly.graph_objects as go


def checked(chart_or_figure) -> go.Figure:
    """A chart's figure (or a figure dict) as a validated go.Figure."""
    figure = getattr(chart_or_figure, "figure", chart_or_figure)
    return go.Figure(figure)
