"""The table tab's grid: periods sort by date, never by their names."""

from __future__ import annotations

from components import table
from eaeu.charts import build_chart
from eaeu.view import ViewState


def test_period_column_sorts_by_iso_end_date_and_shows_the_label(ds, served_app):
    view = ViewState(tab="table", table="growth").resolve(ds)
    chart = build_chart(ds, "trend", view)
    (period,) = [c for c in table.column_defs(chart.columns, "ru") if c["headerName"] == "Период"]
    assert period["field"] == "period_end"  # ISO dates sort chronologically as text
    assert period["valueFormatter"] == {"function": "params.data.period_label"}
    assert period["filterValueGetter"] == {"function": "params.data.period_label"}


def test_table_rows_carry_iso_period_ends(ds, served_app):
    with served_app.server.test_request_context("/"):
        view = ViewState(tab="table", table="trend").resolve(ds)
        _, rows, _ = table.table_values(ds, view)
    ends = [row["period_end"] for row in rows]
    assert ends and all(len(end) == 10 and end[4] == "-" for end in ends)
    labels = {row["period_end"]: row["period_label"] for row in rows}
    assert labels["2024-06-30"] == "январь–июнь 2024"
