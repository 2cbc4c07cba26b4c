"""What an import would change (diff per indicator), applying it, and describing it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from eaeu.dataset import Dataset, build_dataset
from eaeu.imports.cells import describe_period
from eaeu.imports.columns import (
    END,
    GEO,
    IND,
    OBS_COLUMNS,
    SOURCE_DATE,
    SOURCE_NAME,
    SOURCE_URL,
    START,
    VALUE,
)
from eaeu.imports.parse import ParsedImport
from eaeu.model import DataError, Problem, format_problems


@dataclass
class Change:
    geo: str
    period: str
    old: str
    new: str
    source_only: bool = False


@dataclass
class IndicatorChanges:
    indicator: str
    new: int = 0
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Change] = field(default_factory=list)


@dataclass
class ImportPlan:
    parsed: ParsedImport
    mode: str
    indicators: dict[str, IndicatorChanges]
    problems: list[Problem]
    base_raw: dict[str, pd.DataFrame]
    new_raw: dict[str, pd.DataFrame] | None = None  # the tables the preview validated
    dataset: Dataset | None = None  # built from new_raw: lets the commit skip re-validation

    @property
    def ok(self) -> bool:
        return self.parsed.ok and not self.problems

    @property
    def all_problems(self) -> list[Problem]:
        return self.parsed.problems + self.problems

    def apply(self, base_raw: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
        """The new full tables; on a newer base (another commit since) the same upsert applies."""
        if not self.ok:
            raise DataError(self.all_problems or [Problem(self.parsed.file_name, "open questions")])
        if base_raw is None and self.new_raw is not None:
            return self.new_raw
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
    return tables


def _differs(record: list[str], order: list[int], row: list[str], source_given: bool) -> bool:
    if Decimal(record[order[VALUE]]) != Decimal(row[VALUE]):
        return True
    # Without a source in the file, an equal value keeps its existing, real citation.
    sources = (SOURCE_NAME, SOURCE_URL, SOURCE_DATE)
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
    obs = current_raw["observations"]
    current = {
        tuple(r[:4]): r
        for r in obs[list(OBS_COLUMNS)].astype(str).itertuples(index=False, name=None)
    }
    for row in parsed.rows:
        _count(plan, current.get(tuple(row[:4])), row)
    if mode == "replace":
        incoming = {tuple(row[:4]) for row in parsed.rows}
        for key, old in current.items():
            if key[0] in plan.indicators and key not in incoming:
                period = describe_period(key[2], key[3])
                plan.indicators[key[0]].removed.append(Change(key[1], period, old[4], ""))
    new_raw = plan.apply()
    try:
        plan.dataset = build_dataset(new_raw)
        plan.new_raw = new_raw
    except DataError as exc:
        plan.problems = [_in_context(p, parsed) for p in exc.problems]
    return plan


def _count(plan: ImportPlan, old: tuple | None, row: list[str]) -> None:
    changes = plan.indicators.get(row[IND])
    if changes is None:
        changes = plan.indicators[row[IND]] = IndicatorChanges(row[IND])
    if old is None:
        changes.new += 1
        return
    period = describe_period(row[START], row[END])
    if Decimal(old[VALUE]) != Decimal(row[VALUE]):
        changes.changed.append(Change(row[GEO], period, old[VALUE], row[VALUE]))
    elif plan.parsed.source_given and old[SOURCE_NAME:] != tuple(row[SOURCE_NAME:]):
        changes.changed.append(Change(row[GEO], period, old[VALUE], row[VALUE], source_only=True))
    else:
        changes.unchanged += 1


def _in_context(problem: Problem, parsed: ParsedImport) -> Problem:
    """Dataset checks name the stored table; say too that this file caused it."""
    message = f"{problem.message} (after importing {parsed.file_name})"
    return Problem(problem.file, message, problem.row, problem.column, problem.sheet)


def describe_plan(plan: ImportPlan) -> list[str]:
    """The preview, as lines: the CLI prints them and the browser shows the same text."""
    parsed = plan.parsed
    where = f", sheet {parsed.sheet!r}" if parsed.sheet else ""
    lines = [
        f"{parsed.file_name}{where}: {len(parsed.rows)} rows read ({parsed.layout or 'no table'})"
    ]
    if plan.all_problems:
        lines.append(f"Errors ({len(plan.all_problems)}): the file cannot be imported as it is")
        lines.extend(format_problems(plan.all_problems).splitlines())
    for question in parsed.questions:
        lines.append(
            f"Question ({question.key}: {' | '.join(question.choices)}): {question.message}"
        )
    if parsed.warnings:
        lines.append(f"Warnings ({len(parsed.warnings)}):")
        lines.extend(format_problems(parsed.warnings).splitlines())
    lines.extend(f"Note: {note}" for note in parsed.notes)
    for changes in plan.indicators.values():
        lines.extend(_describe_indicator(changes, plan.mode))
    return lines


def _describe_indicator(changes: IndicatorChanges, mode: str) -> Iterable[str]:
    removed = f", {len(changes.removed)} removed" if mode == "replace" else ""
    yield (
        f"{changes.indicator}: {changes.new} new, {len(changes.changed)} changed, "
        f"{changes.unchanged} unchanged{removed}"
    )
    for change in changes.changed[:50]:
        if change.source_only:
            yield f"  changed {change.geo} {change.period}: source updated (value {change.new})"
        else:
            yield f"  changed {change.geo} {change.period}: {change.old} -> {change.new}"
    for change in changes.removed[:50]:
        yield f"  removed {change.geo} {change.period}: {change.old}"
