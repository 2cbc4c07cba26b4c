"""Messages as data: a key and its values, put into words in the reader's language when shown.

A problem found while reading data is kept as a `Message` (catalogue key + values), never as a
sentence: the same problem reads in Russian on the Russian page, in English on the command line
and in logs (`str(message)` is English). Numbers, dates and periods among the values are
formatted for the language at that moment. Text stored before messages existed is a plain
`str` and shows as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from eaeu.i18n import fmt_date, fmt_number, normalize_lang, period_label
from eaeu.imports.messages import IMPORT_MESSAGES
from eaeu.strings_vintage import VINTAGE_MESSAGES

# The core's own messages: table checks (eaeu/model.py, eaeu/dataset.py), where a problem is,
# and the notes the store writes into the version history.
DATA_MESSAGES: dict[str, dict[str, str]] = {
    "where_file": {"en": "{file}", "ru": "файл {file}"},
    "where_sheet": {"en": "sheet {sheet:q}", "ru": "лист {sheet:q}"},
    "where_row": {"en": "row {row:d}", "ru": "строка {row:d}"},
    "where_column": {"en": "column {column:q}", "ru": "столбец {column:q}"},
    "more_problems": {"en": "... and {n} more problems", "ru": "… и ещё ошибок: {n}"},
    "value_required": {"en": "a value is required", "ru": "нужно значение"},
    "expected_number": {
        "en": "expected a number, got {got:q}",
        "ru": "ожидалось число, а не {got:q}",
    },
    "expected_date": {
        "en": "expected a date YYYY-MM-DD, got {got:q}",
        "ru": "ожидалась дата ГГГГ-ММ-ДД, а не {got:q}",
    },
    "expected_partial_date": {
        "en": "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {got:q}",
        "ru": "ожидалась дата ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, а не {got:q}",
    },
    "expected_bool": {
        "en": "expected true or false, got {got:q}",
        "ru": "ожидалось true или false, а не {got:q}",
    },
    "expected_url": {
        "en": "expected a URL starting with https://, got {got:q}",
        "ru": "ожидалась ссылка, начинающаяся с https://, а не {got:q}",
    },
    "text_nul": {
        "en": "a text must not hold the invisible NUL character (code 0)",
        "ru": "в тексте не может быть невидимого символа NUL (код 0)",
    },
    "expected_one_of": {
        "en": "expected one of {choices:list}; got {got:q}",
        "ru": "ожидалось одно из значений {choices:list}, а не {got:q}",
    },
    "missing_columns": {
        "en": "missing column(s) {missing:list}; expected {expected:list}",
        "ru": "нет столбцов {missing:list}; нужны столбцы {expected:list}",
    },
    "duplicate_key": {
        "en": "duplicate key ({key}) already given on an earlier row",
        "ru": "повтор ключа ({key}): такая строка уже есть выше",
    },
    "unknown_reference": {
        "en": "unknown {column} {value}; expected one of {table}.{target}",
        "ru": "неизвестное значение {value} в столбце {column}; ожидалось одно из {table}.{target}",
    },
    "period_backwards": {
        "en": "period_end is before period_start",
        "ru": "конец периода (period_end) раньше его начала (period_start)",
    },
    "latitude_range": {
        "en": "latitude must be within -90..90",
        "ru": "широта должна быть в пределах -90..90",
    },
    "longitude_range": {
        "en": "longitude must be within -180..180",
        "ru": "долгота должна быть в пределах -180..180",
    },
    "gap_has_value": {
        "en": "this figure has a value in observations",
        "ru": "у этой цифры есть значение в observations",
    },
    "leaders_format": {
        "en": "leaders must read CODE=value;CODE=value",
        "ru": "лидеры записываются так: КОД=значение;КОД=значение",
    },
    "leader_mismatch": {
        "en": "{geo} {value:num} does not match observations for {indicator}",
        "ru": "{geo} {value:num} не совпадает с данными observations по показателю {indicator}",
    },
    # Version notes the store writes itself (a note an editor types is kept as typed).
    "note_seed": {"en": "shipped data", "ru": "исходные данные"},
    "note_rollback": {
        "en": "rollback to version {version:d}",
        "ru": "откат к версии {version:d}",
    },
    "note_highlight": {
        "en": "figure of the week {date} {indicator} {geo}",
        "ru": "цифра недели {date} {indicator} {geo}",
    },
}

CATALOGUE: dict[str, dict[str, str]] = {**DATA_MESSAGES, **IMPORT_MESSAGES, **VINTAGE_MESSAGES}

Value = object  # str, int, float, None, a tuple of values, Each or Message: all JSON-safe


@dataclass(frozen=True)
class Each:
    """One value said differently in each language (names of countries, of sources)."""

    ru: Value
    en: Value

    def pick(self, lang: str) -> Value:
        return self.ru if normalize_lang(lang) == "ru" else self.en


@dataclass(frozen=True)
class Message:
    """A catalogue key and its values; `text(lang)` puts it into words."""

    key: str
    params: tuple[tuple[str, Value], ...] = ()

    def text(self, lang: str) -> str:
        template = CATALOGUE[self.key][normalize_lang(lang)]
        values = {name: _Shown(value, lang) for name, value in self.params}
        return template.format_map(values)

    def __str__(self) -> str:
        return self.text("en")

    def to_json(self) -> dict:
        return {"key": self.key, "params": {n: _value_json(v) for n, v in self.params}}


def msg(key: str, /, **params: object) -> Message:
    """A message; Decimals are kept as their text, lists as tuples (a Message is a value)."""
    if key not in CATALOGUE:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Message(key, tuple((name, _frozen(value)) for name, value in params.items()))


Text = Message | str  # a message, or text stored before messages existed (shown as it is)


def render(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return text.text(lang) if isinstance(text, Message) else str(text)


def text_to_json(text: Text | None) -> object:
    return text.to_json() if isinstance(text, Message) else text


def text_from_json(data: object) -> Text | None:
    """A message as `text_to_json` wrote it; a plain string stays a string. Data that does not
    fit the catalogue (a stale or tampered copy) becomes its plain text, never an error."""
    if data is None or isinstance(data, str):
        return data
    if not isinstance(data, Mapping) or not isinstance(data.get("params"), Mapping):
        return str(data)
    key = data.get("key")
    if key not in CATALOGUE:
        return str(key)
    params = data["params"]
    if set(params) != placeholders(CATALOGUE[key]["en"]):
        return str(key)
    return Message(key, tuple((n, _value_from_json(v)) for n, v in params.items()))


class Invalid(ValueError):
    """A value refused, the reason kept as a Message (`str(exc)` is English, for logs)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def reason(exc: ValueError) -> Text:
    """Why a parser refused a value: its Message, or the exception's own (English) text."""
    return exc.message if isinstance(exc, Invalid) else str(exc)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def system_note(key: str, /, **params: object) -> str:
    """A version note the store writes itself, kept as its key and values (JSON), so the
    history shows it in the reader's language; `version_note` reads it back."""
    return json.dumps(msg(key, **params).to_json(), ensure_ascii=False)


def version_note(note: str) -> Text:
    """A version's note as the history shows it: an editor's words as written, or a note the
    store wrote (as JSON now; as English words in stores written before messages existed)."""
    if note.startswith('{"key"'):
        try:
            found = text_from_json(json.loads(note))
        except ValueError:
            return note
        return found if isinstance(found, Message) else note
    if note == "shipped data":
        return msg("note_seed")
    if match := ROLLBACK_NOTE.fullmatch(note):
        return msg("note_rollback", version=int(match[1]))
    if match := HIGHLIGHT_NOTE.fullmatch(note):
        return msg("note_highlight", date=match[1], indicator=match[2], geo=match[3])
    return note


ROLLBACK_NOTE = re.compile(r"rollback to version (\d+)")
HIGHLIGHT_NOTE = re.compile(r"figure of the week (\S+) (\S+) (\S+)")


class _Shown:
    """A value as a template shows it: `{x:q}` quoted, `{x:num}` a number given as text, ..."""

    def __init__(self, value: Value, lang: str):
        self.value, self.lang = value, normalize_lang(lang)

    def __format__(self, spec: str) -> str:
        value, lang = self.value, self.lang
        if isinstance(value, Each):
            value = value.pick(lang)
        if isinstance(value, Message):
            return value.text(lang)
        formatter = FORMATS.get(spec)
        if formatter is None:
            raise ValueError(f"unknown message format {spec!r}")
        return formatter(value, lang)


def _plain(value: Value, lang: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return fmt_number(value, lang, 0)
    return "" if value is None else str(value)


def _quoted(value: Value, lang: str) -> str:
    text = render(value, lang) if isinstance(value, Message) else str(value)
    return f"«{text}»" if lang == "ru" else repr(text)


def _number_as_given(value: Value, lang: str) -> str:
    """'1000.0' -> '1,000.0' / '1 000,0': the digits as the source gave them."""
    number = Decimal(str(value))
    decimals = max(0, -number.as_tuple().exponent) if number.is_finite() else 0
    return fmt_number(number, lang, decimals)


def _compact(value: Value, lang: str) -> str:
    """A limit such as 10 or 0.5 (MB): no trailing zeros."""
    number = float(value)
    return fmt_number(number, lang, 0 if number.is_integer() else 1)


def _period(value: Value, lang: str) -> str:
    start, end = (dt.date.fromisoformat(day) for day in value)
    return period_label(start, end, lang)


def _items(value: Value, lang: str) -> str:
    return ", ".join(
        render(item, lang) if isinstance(item, Message) else str(item) for item in value
    )


FORMATS = {
    "": _plain,
    "d": lambda value, lang: str(value),  # a row or version number: never grouped
    "q": _quoted,
    "num": _number_as_given,
    "n1": lambda value, lang: fmt_number(float(value), lang, 1),
    "g": _compact,
    "date": lambda value, lang: fmt_date(value, lang),
    "period": _period,
    "list": _items,
}


def _frozen(value: object) -> Value:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


def _value_json(value: Value) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Each):
        return {"ru": _value_json(value.ru), "en": _value_json(value.en)}
    if isinstance(value, tuple):
        return [_value_json(item) for item in value]
    return value


def _value_from_json(data: object) -> Value:
    if isinstance(data, list):
        return tuple(_value_from_json(item) for item in data)
    if isinstance(data, Mapping):
        if set(data) == {"ru", "en"}:
            return Each(_value_from_json(data["ru"]), _value_from_json(data["en"]))
        return text_from_json(data)
    return data
