"""The observation row every import step passes on: column order, positions and key."""

from __future__ import annotations

OBS_COLUMNS = (
    "indicator",
    "geo",
    "period_start",
    "period_end",
    "value",
    "source_name_ru",
    "source_name_en",
    "source_url",
    "source_date",
)
KEY = ("indicator", "geo", "period_start", "period_end")
# Positions in a row: rows are lists in OBS_COLUMNS order (a dict each would triple memory).
IND, GEO, START, END, VALUE, SOURCE_NAME, SOURCE_NAME_EN, SOURCE_URL, SOURCE_DATE = range(
    len(OBS_COLUMNS)
)  # SOURCE_NAME: the Russian name, where the provenance columns begin
