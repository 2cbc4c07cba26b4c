"""The smallest Dash app a user could write: one dcc.Graph with a bar figure in the layout.
The first-chart and cold-start benchmarks measure the dashboard against it (same venv, same
gunicorn settings, same browser, in the same run). Dash serves its full plotly.js to it."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, dcc

app = Dash(__name__)
# SYNTHETIC bars: the baseline measures drawing, not data.
app.layout = dcc.Graph(figure=go.Figure(go.Bar(x=["A", "B", "C", "D", "E"], y=[3, 1, 4, 1, 5])))
server = app.server
