"""The figure of the week: one row of the highlights table, edited and saved as a new version."""

from __future__ import annotations

import pandas as pd

from eaeu.highlight_form_rules import FormProblems, data_problems
from eaeu.messages import Each, system_note
from eaeu.model import SCHEMAS
from eaeu.store import Store, VersionInfo

HIGHLIGHT_FIELDS = tuple(SCHEMAS["highlights"].column_names)
HIGHLIGHT_KEY = SCHEMAS["highlights"].key


class NothingChanged(Exception):
    """The saved row is already in the table exactly so: no version is created."""


def with_highlight(tables: dict[str, pd.DataFrame], row: dict[str, str]) -> dict:
    """The tables with `row` in highlights: it replaces the row with the same key, else is added
    (older figures of the week stay, as the site's history)."""
    frame = tables["highlights"]
    same = pd.Series(True, index=frame.index)
    for column in HIGHLIGHT_KEY:
        same &= frame[column] == row[column]
    values = [row.get(column, "") for column in frame.columns]
    if same.any():
        frame = frame.copy()
        frame.loc[same, list(frame.columns)] = values
    else:
        added = pd.DataFrame([values], columns=frame.columns, dtype=object)
        frame = pd.concat([frame, added], ignore_index=True)
    return {**tables, "highlights": frame}


def save_highlight(store: Store, row: dict[str, str], editor: str, lang: str) -> VersionInfo:
    """A new version holding `row` (stored text, as eaeu.highlight_form_rules.read_form gives
    it); FormProblems (nothing saved) when it disagrees with the data, worded in `lang` for
    the form's fields; NothingChanged when the row is already there as it is."""

    def change(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        # Runs inside the write transaction: checked against, and unable to undo, the data
        # a concurrent import has just saved.
        problems = data_problems(row, tables, lang)
        if problems:
            raise FormProblems(problems)
        updated = with_highlight(tables, row)
        if updated["highlights"].equals(tables["highlights"]):
            raise NothingChanged
        return updated

    note = system_note("note_highlight", **_note_values(store, row))
    return store.commit(change, editor, note=note, kind="edit")


def latest_highlight_row(frame: pd.DataFrame) -> dict[str, str]:
    """The row the site shows (latest by date, as eaeu.queries.latest_highlight), as text."""
    if frame.empty:
        return {}
    return {k: str(v) for k, v in frame.sort_values("date").iloc[-1].items()}


def _note_values(store: Store, row: dict[str, str]) -> dict[str, object]:
    """The history note names the indicator and the country in the reader's language."""
    raw = store.load_raw()
    names = {}
    for field, table, key in (("indicator", "indicators", "id"), ("geo", "geographies", "code")):
        found = raw[table][raw[table][key] == row[field]]
        names[field] = (
            Each(found["name_ru"].iloc[0], found["name_en"].iloc[0])
            if not found.empty
            else row[field]
        )
    return {"date": row["date"], **names}
