"""What an import would change (per indicator, by eaeu/diff.py), and applying it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from eaeu.dataset import build_dataset
from eaeu.diff import IndicatorChanges, count_removed, count_row, observation_rows
from eaeu.imports.columns import (
    IND,
    KEY,
    OBS_COLUMNS,
    SOURCE_DATE,
    SOURCE_NAME,
    SOURCE_NAME_EN,
    SOURCE_URL,
    VALUE,
)
from eaeu.imports.parse import ParsedImport
from eaeu.messages import msg
from eaeu.model import DataError, Problem


@dataclass
class ImportPlan:
    parsed: ParsedImport
    mode: str
    indicators: dict[str, IndicatorChanges]
    problems: list[Problem]
    base_raw: dict[str, pd.DataFrame] | None
    # The new tables' stored texts and row counts, validated by the preview: the commit saves
    # them as they are (no second validation) while no other version has landed meanwhile.
    checked: tuple[dict[str, str], dict[str, int]] | None = None
    # Every row is already in the data as it is: no version to save (set by plan_import).
    changes_nothing: bool = False

    @property
    def ok(self) -> bool:
        return self.parsed.ok and not self.problems

    @property
    def all_problems(self) -> list[Problem]:
        return self.parsed.problems + self.problems

    def apply(self, base_raw: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
        """The new full tables; on a newer base (another commit since) the same upsert applies."""
        if not self.ok:
            pending = self.all_problems or self.parsed.missing
            raise DataError(pending or [Problem(self.parsed.file_name, msg("open_questions"))])
        return apply_rows(base_raw or self.base_raw, self.parsed, self.mode)


def apply_rows(
    base_raw: dict[str, pd.DataFrame], parsed: ParsedImport, mode: str
) -> dict[str, pd.DataFrame]:
    obs = base_raw["observations"]
    columns = list(obs.columns)
    order = [columns.index(c) for c in OBS_COLUMNS]
    records = obs.astype(str).values.tolist()
    at = {tuple(record[i] for i in order[:4]) for record in records}
    incoming = {tuple(row[:4]): row for row in parsed.rows}
    file_indicators = {row[IND] for row in parsed.rows}
    keep = []
    for record in records:
        key = tuple(record[i] for i in order[:4])
        if mode == "replace" and key[0] in file_indicators and key not in incoming:
            continue  # replace: the file is the whole truth for its indicators
        row = incoming.get(key)
        if row is not None and _differs(record, order, row, parsed.source_given):
            for position, i in enumerate(order):
                record[i] = row[position]
        keep.append(record)
    same_order = order == list(range(len(OBS_COLUMNS))) and len(columns) == len(OBS_COLUMNS)
    for key, row in incoming.items():
        if key in at:
            continue
        if same_order:  # the shipped layout: the row already is the record
            keep.append(list(row))
            continue
        record = [""] * len(columns)
        for position, i in enumerate(order):
            record[i] = row[position]
        keep.append(record)
    tables = dict(base_raw)
    tables["observations"] = pd.DataFrame(keep, columns=columns, dtype=object)
    gaps = base_raw["gaps"]
    filled = [
        key in incoming for key in gaps[list(KEY)].astype(str).itertuples(index=False, name=None)
    ]
    if any(filled):  # a figure a source withheld is now given: it is no longer a gap
        tables["gaps"] = gaps[[not f for f in filled]].reset_index(drop=True)
    return tables


def _differs(record: list[str], order: list[int], row: list[str], source_given: bool) -> bool:
    if Decimal(record[order[VALUE]]) != Decimal(row[VALUE]):
        return True
    # Without a source in the file, an equal value keeps its existing, real citation.
    sources = (SOURCE_NAME, SOURCE_NAME_EN, SOURCE_URL, SOURCE_DATE)
    return source_given and any(record[order[i]] != row[i] for i in sources)


def plan_import(
    current_raw: dict[str, pd.DataFrame], parsed: ParsedImport, mode: str = "merge"
) -> ImportPlan:
    """Counts per indicator of new / changed / unchanged / removed rows, and any conflict the
    whole dataset would have after the import (e.g. a highlight quoting a changed figure)."""
    if mode not in ("merge", "replace"):
        raise ValueError("mode must be 'merge' or 'replace'")
    plan = ImportPlan(parsed, mode, {}, [], current_raw)
    if not parsed.ok:
        return plan
    current = observation_rows(current_raw["observations"])
    for row in parsed.rows:
        count_row(plan.indicators, current.get(tuple(row[:4])), row, parsed.source_given)
    if mode == "replace":
        incoming = {tuple(row[:4]) for row in parsed.rows}
        count_removed(plan.indicators, current, incoming, set(plan.indicators))
    plan.changes_nothing = not any(
        c.new or c.changed or c.removed for c in plan.indicators.values()
    )
    if plan.changes_nothing:
        return plan
    new_raw = plan.apply()
    try:
        dataset = build_dataset(new_raw)
    except DataError as exc:
        plan.problems = [_in_context(p, parsed) for p in exc.problems]
        return plan
    plan.checked = (dataset.texts, {name: len(frame) for name, frame in new_raw.items()})
    return plan


def _in_context(problem: Problem, parsed: ParsedImport) -> Problem:
    """Dataset checks name the stored table; say too that this file caused it."""
    message = msg("after_import", reason=problem.message, file=parsed.file_name)
    return Problem(problem.file, message, problem.row, problem.column, problem.sheet)
