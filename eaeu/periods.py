"""The time model: what kind of period a span of dates is, and which periods compare like with like.

Statistics offices publish the same figure over periods of different length: a month, a
quarter, January to N of a year (year to date) or a whole year. Growth over January-February
and over a whole year are different things, so a series only ever holds periods of one
length (a `Span`), one per year for calendar spans, one per month or quarter for those.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from babel.dates import get_month_names

from eaeu.i18n import normalize_lang, t

KINDS = ("year", "ytd", "quarter", "month", "other")


@dataclass(frozen=True, order=True)
class Span:
    """A period's kind and length, whatever its year: 'ytd-6' is January to June."""

    kind: str
    first_month: int = 1
    last_month: int = 12
    # An unusual span keeps its exact days, so only identical spans share a series.
    first_day: int = 1
    last_day: int = 0

    @property
    def key(self) -> str:
        if self.kind == "year":
            return "year"
        if self.kind == "ytd":
            return f"ytd-{self.last_month}"
        if self.kind in ("quarter", "month"):
            return self.kind
        return (
            f"{self.first_month:02d}{self.first_day:02d}-{self.last_month:02d}{self.last_day:02d}"
        )

    @property
    def months(self) -> int:
        """Length in months: 1 for a month, 3 for a quarter, N for January to N."""
        return self.last_month - self.first_month + 1

    def label(self, lang: str) -> str:
        """What the selector offers: 'январь–июнь' / 'Jan–Jun', 'полный год' / 'full year'."""
        lang = normalize_lang(lang)
        if self.kind in ("year", "quarter", "month"):
            return t(f"span_{self.kind}", lang)
        width = "wide" if lang == "ru" else "abbreviated"
        months = get_month_names(width, context="stand-alone", locale=lang)
        if self.kind == "ytd":
            return f"{months[1]}–{months[self.last_month]}"
        return f"{self.first_day} {months[self.first_month]} – {self.last_day} {months[self.last_month]}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def span_of(start: dt.date, end: dt.date) -> Span:
    """The span of one period: a month, a quarter, January to N, a year or another span."""
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        first, last = start.month, end.month
        if first == last:
            return Span("month", first, last)
        if first == 1 and last == 12:
            return Span("year")
        if first == 1:
            return Span("ytd", 1, last)
        if last - first == 2 and first % 3 == 1:
            return Span("quarter", first, last)
    return Span("other", start.month, end.month, start.day, end.day)


def span_key(start: dt.date, end: dt.date) -> str:
    return span_of(start, end).key


def year_before(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same period of the previous year (29 February falls back to the 28th)."""
    before_end = _shift(end, -1)
    if end == _month_end(end.year, end.month):
        before_end = _month_end(end.year - 1, end.month)
    return _shift(start, -1), before_end


def _shift(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def expected_periods(
    span: Span, periods: Iterable[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    """Every period of the span from the first to the last given: those missing are the
    gaps a series must show as gaps (a line never joins across them)."""
    given = sorted(set(periods), key=lambda p: p[1])
    if not given:
        return []
    first, last = given[0], given[-1]
    if span.kind == "month":
        return _stepped(first[0], last[0], 1)
    if span.kind == "quarter":
        return _stepped(first[0], last[0], 3)
    return [
        (_shift(first[0], year - first[0].year), _shift(first[1], year - first[0].year))
        for year in range(first[0].year, last[0].year + 1)
    ]


def _stepped(first: dt.date, last: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        end_month = month + months - 1
        out.append((dt.date(year, month, 1), _month_end(year, end_month)))
        month += months
        if month > 12:
            year, month = year + 1, month - 12
    return out


def ordered_spans(spans: Iterable[Span]) -> list[Span]:
    """The selector's order: the whole year, then January to N longest first, then quarters,
    months and other spans."""
    return sorted(set(spans), key=lambda s: (KINDS.index(s.kind), -s.months, s.key))


def whole_months(start: dt.date, end: dt.date) -> int | None:
    """The period's length in months (9 for January to September, 12 for a year, 18 for
    January 2024 to June 2025); None when it does not start and end on month boundaries."""
    if start.day != 1 or end != _month_end(end.year, end.month):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1
