"""The preview of an import as one value: the command line prints it, the browser shows it.

Both render the same summary, with the same cap on listed rows; periods stay dates, so each
renders them in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from eaeu.i18n import period_label
from eaeu.imports.parse import Question
from eaeu.imports.plan import Change
from eaeu.model import Problem, format_problems

CHANGE_ROWS = 50  # changed or removed rows listed per indicator; the counts give the rest


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: str
    new: int
    unchanged: int
    changed: tuple[Change, ...]  # the first CHANGE_ROWS
    changed_count: int
    removed: tuple[Change, ...]  # the first CHANGE_ROWS; replace mode only
    removed_count: int


@dataclass(frozen=True)
class PreviewSummary:
    file_name: str
    sheet: str | None
    layout: str
    rows_read: int
    mode: str
    errors: tuple[Problem, ...]
    questions: tuple[Question, ...]
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...]
    indicators: tuple[IndicatorSummary, ...]
    saved_as: int | None = None  # the new version, once committed

    @classmethod
    def of(cls, outcome) -> PreviewSummary:
        """The summary of an ImportOutcome (eaeu.imports.workflow)."""
        plan, parsed = outcome.plan, outcome.plan.parsed
        indicators = tuple(
            IndicatorSummary(
                indicator=changes.indicator,
                new=changes.new,
                unchanged=changes.unchanged,
                changed=tuple(changes.changed[:CHANGE_ROWS]),
                changed_count=len(changes.changed),
                removed=tuple(changes.removed[:CHANGE_ROWS]),
                removed_count=len(changes.removed),
            )
            for changes in plan.indicators.values()
        )
        version = outcome.version
        return cls(
            file_name=parsed.file_name,
            sheet=parsed.sheet,
            layout=parsed.layout,
            rows_read=len(parsed.rows),
            mode=plan.mode,
            errors=tuple(plan.all_problems + outcome.problems),
            questions=tuple(parsed.questions),
            warnings=tuple(parsed.warnings),
            notes=tuple(parsed.notes),
            indicators=indicators,
            saved_as=version.id if version is not None else None,
        )

    def lines(self) -> list[str]:
        """The summary as plain text lines (the command line's output)."""
        where = f", sheet {self.sheet!r}" if self.sheet else ""
        lines = [
            f"{self.file_name}{where}: {self.rows_read} rows read ({self.layout or 'no table'})"
        ]
        if self.errors:
            lines.append(f"Errors ({len(self.errors)}): the file cannot be imported as it is")
            lines.extend(format_problems(list(self.errors)).splitlines())
        for question in self.questions:
            lines.append(
                f"Question ({question.key}: {' | '.join(question.choices)}): {question.message}"
            )
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines.extend(format_problems(list(self.warnings)).splitlines())
        lines.extend(f"Note: {note}" for note in self.notes)
        for item in self.indicators:
            lines.extend(_indicator_lines(item, self.mode))
        if self.saved_as is not None:
            lines.append(f"Saved as version {self.saved_as}.")
        return lines


def _indicator_lines(item: IndicatorSummary, mode: str) -> list[str]:
    removed = f", {item.removed_count} removed" if mode == "replace" else ""
    lines = [
        f"{item.indicator}: {item.new} new, {item.changed_count} changed, "
        f"{item.unchanged} unchanged{removed}"
    ]
    for change in item.changed:
        period = period_label(change.start, change.end, "en")
        if change.source_only:
            lines.append(f"  changed {change.geo} {period}: source updated (value {change.new})")
        else:
            lines.append(f"  changed {change.geo} {period}: {change.old} -> {change.new}")
    for change in item.removed:
        period = period_label(change.start, change.end, "en")
        lines.append(f"  removed {change.geo} {period}: {change.old}")
    for count, listed, what in (
        (item.changed_count, len(item.changed), "changed"),
        (item.removed_count, len(item.removed), "removed"),
    ):
        if count > listed:
            lines.append(f"  ... and {count - listed} more {what}")
    return lines
