"""What differs between two sets of observations, per indicator: revised, added, removed figures.

The import preview (eaeu/imports/plan.py) compares an upload's rows with the newest version;
the "what changed" view (eaeu/vintage.py) compares two stored versions. Both count and list
their differences here, so an editor and an analyst are told the same change the same way.
Rows are tuples of stored text in OBS_COLUMNS order, keyed by their first four cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from eaeu.imports.columns import END, GEO, IND, OBS_COLUMNS, SOURCE_NAME, START, VALUE

CHANGE_ROWS = 50  # rows listed per indicator and kind of change; the counts give the rest


@dataclass
class Change:
    geo: str
    start: dt.date  # the period, first and last day
    end: dt.date
    old: str  # the figure as stored, "" when there was none
    new: str  # the figure as stored, "" when there is none
    source_only: bool = False  # the same figure, cited to another source


def change_of(row_or_key: Sequence[str], old: str, new: str, source_only: bool = False) -> Change:
    """A change of the observation keyed (indicator, geo, period start, period end)."""
    start, end = (dt.date.fromisoformat(str(d)) for d in (row_or_key[START], row_or_key[END]))
    return Change(row_or_key[GEO], start, end, old, new, source_only)


@dataclass
class IndicatorChanges:
    indicator: str
    new: int = 0
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)  # listed only when asked (versions)


def observation_rows(obs: pd.DataFrame) -> dict[tuple, tuple]:
    """Stored observations by key, each row its text cells in OBS_COLUMNS order."""
    rows = obs[list(OBS_COLUMNS)].astype(str).itertuples(index=False, name=None)
    return {tuple(row[:4]): row for row in rows}


def _of(found: dict[str, IndicatorChanges], indicator: str) -> IndicatorChanges:
    changes = found.get(indicator)
    if changes is None:
        changes = found[indicator] = IndicatorChanges(indicator)
    return changes


def count_row(
    found: dict[str, IndicatorChanges],
    old: Sequence[str] | None,
    row: Sequence[str],
    sources: bool,
    list_added: bool = False,
) -> None:
    """Count `row` against the stored row it would replace (`old`, None for a new figure).
    `sources`: a different source of an equal figure is a change (the row states its own)."""
    changes = _of(found, row[IND])
    if old is None:
        changes.new += 1
        if list_added:
            changes.added.append(change_of(row, "", row[VALUE]))
    elif Decimal(old[VALUE]) != Decimal(row[VALUE]):
        changes.changed.append(change_of(row, old[VALUE], row[VALUE]))
    elif sources and tuple(old[SOURCE_NAME:]) != tuple(row[SOURCE_NAME:]):
        changes.changed.append(change_of(row, old[VALUE], row[VALUE], source_only=True))
    else:
        changes.unchanged += 1


def count_removed(
    found: dict[str, IndicatorChanges],
    old_rows: dict[tuple, Sequence[str]],
    kept: Collection[tuple],
    indicators: Collection[str] | None = None,
) -> None:
    """Stored rows whose key is not `kept`, of `indicators` (None: of every indicator)."""
    for key, old in old_rows.items():
        if key not in kept and (indicators is None or key[0] in indicators):
            _of(found, key[0]).removed.append(change_of(key, old[VALUE], ""))


def compare_observations(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, IndicatorChanges]:
    """Every difference between two stored observation tables, sources included."""
    before, after = observation_rows(old), observation_rows(new)
    found: dict[str, IndicatorChanges] = {}
    for key, row in after.items():
        count_row(found, before.get(key), row, sources=True, list_added=True)
    count_removed(found, before, after.keys())
    return found


@dataclass(frozen=True)
class IndicatorSummary:
    """One indicator's changes as shown: the counts, and the first CHANGE_ROWS of each list."""

    indicator: str
    new: int
    unchanged: int
    changed: tuple[Change, ...]
    changed_count: int
    removed: tuple[Change, ...]
    removed_count: int
    added: tuple[Change, ...] = ()  # listed when the comparison lists them (versions)

    @classmethod
    def of(cls, changes: IndicatorChanges) -> IndicatorSummary:
        return cls(
            indicator=changes.indicator,
            new=changes.new,
            unchanged=changes.unchanged,
            changed=tuple(changes.changed[:CHANGE_ROWS]),
            changed_count=len(changes.changed),
            removed=tuple(changes.removed[:CHANGE_ROWS]),
            removed_count=len(changes.removed),
            added=tuple(changes.added[:CHANGE_ROWS]),
        )

    @property
    def differs(self) -> bool:
        return bool(self.new or self.changed_count or self.removed_count)
