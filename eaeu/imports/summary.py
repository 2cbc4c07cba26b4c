"""The preview of an import as one value: the command line prints it, the browser shows it.

Both render the same summary, with the same cap on listed rows; its problems, notes and
questions stay messages and its periods dates, so each renders them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from eaeu.diff import Change, IndicatorSummary
from eaeu.imports.parse import Question
from eaeu.messages import Message, Text, msg
from eaeu.model import Problem, format_problems

LAYOUTS = {
    "long": "layout_long",
    "periods as columns": "layout_periods",
    "countries as columns": "layout_countries",
}


@dataclass(frozen=True)
class PreviewSummary:
    file_name: str
    sheet: str | None
    layout: str
    rows_read: int
    mode: str
    errors: tuple[Problem, ...]
    missing: tuple[Problem, ...]  # source fields the editor must still enter
    questions: tuple[Question, ...]
    warnings: tuple[Problem, ...]
    notes: tuple[Text, ...]
    indicators: tuple[IndicatorSummary, ...]
    saved_as: int | None = None  # the new version, once committed
    changes_nothing: bool = False  # every row is already in the data: nothing to save
    # Not saved because another version landed after the preview: (seen, newest).
    stale: tuple[int, int] | None = None

    @classmethod
    def of(cls, outcome) -> PreviewSummary:
        """The summary of an ImportOutcome (eaeu.imports.workflow)."""
        plan, parsed = outcome.plan, outcome.plan.parsed
        indicators = tuple(IndicatorSummary.of(c) for c in plan.indicators.values())
        version = outcome.version
        return cls(
            file_name=parsed.file_name,
            sheet=parsed.sheet,
            layout=parsed.layout,
            rows_read=len(parsed.rows),
            mode=plan.mode,
            errors=tuple(plan.all_problems + outcome.problems),
            missing=tuple(parsed.missing),
            questions=tuple(parsed.questions),
            warnings=tuple(parsed.warnings),
            notes=tuple(parsed.notes),
            indicators=indicators,
            saved_as=version.id if version is not None else None,
            changes_nothing=plan.ok and plan.changes_nothing,
            stale=(outcome.stale_from, outcome.based_on) if outcome.stale_from else None,
        )

    def lines(self, lang: str = "en") -> list[str]:
        """The summary as plain text lines (the command line's output)."""
        layout = msg(LAYOUTS.get(self.layout, "layout_none"))
        head = {"file": self.file_name, "rows": self.rows_read, "layout": layout}
        if self.sheet:
            lines = [msg("summary_head_sheet", sheet=self.sheet, **head).text(lang)]
        else:
            lines = [msg("summary_head", **head).text(lang)]
        lines += _problem_lines("summary_errors", self.errors, lang)
        lines += _problem_lines("summary_source_needed", self.missing, lang)
        lines.extend(_question_line(question, lang) for question in self.questions)
        lines += _problem_lines("summary_warnings", self.warnings, lang)
        lines.extend(msg("summary_note", note=note).text(lang) for note in self.notes)
        for item in self.indicators:
            lines.extend(_indicator_lines(item, self.mode, lang))
        if self.changes_nothing:
            lines.append(msg("nothing_changed").text(lang))
        if self.stale:
            lines.append(self.stale_message().text(lang))
        if self.saved_as is not None:
            lines.append(msg("summary_saved", version=self.saved_as).text(lang))
        return lines

    def stale_message(self) -> Message:
        seen, newest = self.stale or (0, 0)
        return msg("data_changed_meanwhile", seen=seen, newest=newest)


def _problem_lines(key: str, problems: tuple[Problem, ...], lang: str) -> list[str]:
    if not problems:
        return []
    return [
        msg(key, count=len(problems)).text(lang),
        *format_problems(list(problems), lang).splitlines(),
    ]


def _question_line(question: Question, lang: str) -> str:
    choices = " | ".join(question.choices)
    return msg(
        "summary_question", key=question.key, choices=choices, question=question.message
    ).text(lang)


def _indicator_lines(item: IndicatorSummary, mode: str, lang: str) -> list[str]:
    counts = {
        "indicator": item.indicator,
        "new": item.new,
        "changed": item.changed_count,
        "unchanged": item.unchanged,
    }
    if mode == "replace":
        lines = [msg("summary_counts_replace", removed=item.removed_count, **counts).text(lang)]
    else:
        lines = [msg("summary_counts", **counts).text(lang)]
    for change in item.changed:
        where = {"geo": change.geo, "period": _period(change)}
        if change.source_only:
            lines.append(msg("summary_source_updated", new=change.new, **where).text(lang))
        else:
            line = msg("summary_changed", old=change.old, new=change.new, **where)
            lines.append(line.text(lang))
    for change in item.removed:
        line = msg("summary_removed", geo=change.geo, period=_period(change), old=change.old)
        lines.append(line.text(lang))
    for key, count, listed in (
        ("summary_more_changed", item.changed_count, len(item.changed)),
        ("summary_more_removed", item.removed_count, len(item.removed)),
    ):
        if count > listed:
            lines.append(msg(key, count=count - listed).text(lang))
    return lines


def _period(change: Change) -> tuple[str, str]:
    return change.start.isoformat(), change.end.isoformat()
