"""The figure-of-the-week form's rules: what an editor typed -> one highlights row, and every
problem as a message naming the form field by its label, in the interface language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from eaeu.form_input import (
    InputError,
    fmt_date_input,
    fmt_number_input,
    number_text,
    parse_day,
    parse_number,
    parse_partial_date,
)
from eaeu.i18n import fmt_number, normalize_lang, period_label, t
from eaeu.model import SCHEMAS, Column

SCHEMA = SCHEMAS["highlights"]
FIELDS = tuple(SCHEMA.column_names)
# The fields that name the observation a highlight quotes.
FIGURE_KEY = ("indicator", "geo", "period_end")
LEADER = re.compile(r"([A-Za-z]{2,4})\s*=\s*(.+)")
# The longest text each field takes, in characters (what the card and the data can show).
MAX_LENGTH = {
    "headline_ru": 200,
    "headline_en": 200,
    "text_ru": 2000,
    "text_en": 2000,
    "source_name_ru": 300,
    "source_name_en": 300,
    "source_url": 2000,
    "leaders": 500,
}
DEFAULT_MAX_LENGTH = 100  # dates, codes, numbers and units


@dataclass(frozen=True)
class FormReading:
    """`row`: every field as stored text ('' where it could not be read); `errors`: a
    message for each field that could not be read, in the form's order."""

    row: dict[str, str]
    errors: dict[str, str]


class FormProblems(Exception):
    """The row was not saved: field -> message naming the field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("\n".join(errors.values()))


def read_form(values: Mapping[str, object], lang: str) -> FormReading:
    """The form's values as typed in `lang` -> the stored row and the fields it could not read."""
    row: dict[str, str] = {}
    errors: dict[str, str] = {}
    for column in SCHEMA.columns:
        text = str(values.get(column.name) or "").strip()
        try:
            row[column.name] = _stored(column, text, lang)
        except InputError as error:
            row[column.name] = ""
            errors[column.name] = field_message(column.name, _problem(column, error, lang), lang)
    return FormReading(row, errors)


def every_problem(reading: FormReading, tables: Mapping[str, pd.DataFrame], lang: str) -> dict:
    """What could not be read and, for the fields that could, where they disagree with the
    data: every problem at once, in the form's order."""
    found = {**data_problems(reading.row, tables, lang), **reading.errors}
    return {name: found[name] for name in FIELDS if name in found}


def field_message(name: str, problem: str, lang: str) -> str:
    """'Конец периода: введите дату, например 30.09.2024': the field's visible label first."""
    return t("highlight_problem", lang, label=t(f"highlight_{name}", lang), problem=problem)


def form_values(row: Mapping[str, object], lang: str) -> dict[str, str]:
    """A stored row as the form shows it in `lang`: '30.09.2024' / '30/09/2024', '4,4' / '4.4'."""
    shown = {}
    for column in SCHEMA.columns:
        text = str(row.get(column.name) or "")
        if column.kind in ("date", "partial_date"):
            text = fmt_date_input(text, lang)
        elif column.kind == "float":
            text = fmt_number_input(text, lang)
        elif column.name == "leaders":
            text = "; ".join(fmt_number_input(pair, lang) for pair in text.split(";") if pair)
        shown[column.name] = text
    return shown


def _stored(column: Column, text: str, lang: str) -> str:
    limit = MAX_LENGTH.get(column.name, DEFAULT_MAX_LENGTH)
    if len(text) > limit:
        raise InputError("too_long", limit=str(limit))
    if not text:
        if column.required:
            raise InputError("required")
        return ""
    if column.name == "leaders":
        return _stored_leaders(text, lang)
    if column.kind == "partial_date":
        return parse_partial_date(text)
    if column.kind == "date":
        return parse_day(text).isoformat()
    if column.kind == "float":
        return number_text(parse_number(text, lang))
    if column.kind == "url" and not text.startswith(("https://", "http://")):
        raise InputError("url")
    return text


def _stored_leaders(text: str, lang: str) -> str:
    """'ARM=12,6; BLR=6,4' -> 'ARM=12.6;BLR=6.4'."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        match = LEADER.fullmatch(item)
        if not match:
            raise InputError("leaders")
        try:
            value = parse_number(match[2], lang)
        except InputError:
            raise InputError("leaders") from None
        pairs.append(f"{match[1].upper()}={number_text(value)}")
    return ";".join(pairs)


def _problem(column: Column, error: InputError, lang: str) -> str:
    if error.reason == "year_digits":
        example = fmt_date_input(error.details["example_iso"], lang)
        return t("highlight_error_year_digits", lang, example=example)
    if error.reason == "no_such_date":
        expected = t(f"highlight_error_{column.kind}", lang)
        return t(
            "highlight_error_no_such_date", lang, text=error.details["text"], expected=expected
        )
    if error.reason == "too_long":
        limit = fmt_number(int(error.details["limit"]), lang, 0)
        return t("highlight_error_too_long", lang, limit=limit)
    return t(f"highlight_error_{error.reason}", lang)


@dataclass(frozen=True)
class _Names:
    """Indicator and country names in the interface language, by id and code."""

    indicators: dict[str, str]
    geos: dict[str, str]

    @classmethod
    def of(cls, tables: Mapping[str, pd.DataFrame], lang: str) -> _Names:
        column = f"name_{normalize_lang(lang)}"
        indicators, geos = tables["indicators"], tables["geographies"]
        return cls(
            dict(zip(indicators["id"], indicators[column], strict=True)),
            dict(zip(geos["code"], geos[column], strict=True)),
        )


def data_problems(row: Mapping[str, str], tables: Mapping[str, pd.DataFrame], lang: str) -> dict:
    """Where a readable row disagrees with the data: an unknown indicator or country, or a
    value or leader that differs from the observation it quotes (empty fields are skipped)."""
    names = _Names.of(tables, lang)
    problems: dict[str, str] = {}
    if row["indicator"] and row["indicator"] not in names.indicators:
        problems["indicator"] = field_message(
            "indicator", t("highlight_error_indicator", lang), lang
        )
    if row["geo"] and row["geo"] not in names.geos:
        problems["geo"] = field_message("geo", t("highlight_error_geo", lang), lang)
    if problems or not all(row[name] for name in FIGURE_KEY):
        return problems
    check = _FigureCheck(tables["observations"], row, names, lang)
    shown = fmt_number_input(row["value"], lang)
    if row["value"] and (problem := check.problem(row["geo"], row["value"], shown)):
        problems["value"] = field_message("value", problem, lang)
    if leaders := check.leader_problems(row["leaders"]):
        problems["leaders"] = field_message("leaders", "; ".join(leaders), lang)
    return problems


class _FigureCheck:
    """Figures a highlight quotes against the observations of its indicator and period end."""

    def __init__(self, observations: pd.DataFrame, row: Mapping[str, str], names: _Names, lang):
        same = (observations["indicator"] == row["indicator"]) & (
            observations["period_end"] == row["period_end"]
        )
        self.figures = observations[same]
        self.indicator = names.indicators[row["indicator"]]
        self.period_end = row["period_end"]
        self.names = names
        self.lang = lang

    def leader_problems(self, leaders: str) -> list[str]:
        """'ARM=12.6;BLR=6.4' (stored form): a message per leader that is not in the data."""
        problems = []
        for pair in filter(None, leaders.split(";")):
            code, _, value = pair.partition("=")
            if code not in self.names.geos:
                codes = ", ".join(self.names.geos)
                problems.append(t("highlight_error_code", self.lang, code=code, codes=codes))
                continue
            shown = f"{code} {fmt_number_input(value, self.lang)}"
            if problem := self.problem(code, value, shown):
                problems.append(problem)
        return problems

    def problem(self, geo: str, value: str, shown: str) -> str | None:
        """None when `value` (stored text) is the observation for `geo`, else what the data
        hold; `shown`: the figure as the message quotes it ('4,5', 'BLR 9,9')."""
        where = {"indicator": self.indicator, "geo": self.names.geos.get(geo, geo)}
        found = self.figures[self.figures["geo"] == geo]
        if found.empty:
            date = fmt_date_input(self.period_end, self.lang)
            return t("highlight_error_no_figure", self.lang, value=shown, **where, date=date)
        # The first match, as the dataset's own check (eaeu.dataset._leader_problems) reads it.
        figure = found.iloc[0]
        try:
            if abs(float(figure["value"]) - float(value)) <= 1e-9:
                return None
        except ValueError:  # not a row read_form made: the dataset's own check words it
            return None
        start, end = (dt.date.fromisoformat(figure[c]) for c in ("period_start", "period_end"))
        return t(
            "highlight_error_mismatch",
            self.lang,
            value=shown,
            **where,
            period=period_label(start, end, self.lang),
            expected=fmt_number_input(str(figure["value"]), self.lang),
        )
