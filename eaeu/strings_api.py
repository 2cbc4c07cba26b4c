"""UI strings of the data API's errors (eaeu/api.py), in both languages; eaeu.i18n merges
them into STRINGS."""

from __future__ import annotations

API_STRINGS: dict[str, dict[str, str]] = {
    "api_unknown_parameter": {
        "ru": "Неизвестный параметр «{name}». Допустимые: {known}.",
        "en": "Unknown parameter “{name}”. Known: {known}.",
    },
    "api_repeated_parameter": {
        "ru": "Параметр «{name}» указан несколько раз: укажите его один раз.",
        "en": "“{name}” is given more than once: give it once.",
    },
    "api_too_long": {
        "ru": "Значение параметра «{name}» длиннее {limit} символов.",
        "en": "The value of “{name}” is longer than {limit} characters.",
    },
    "api_unknown_value": {
        "ru": "В данных нет значения «{value}» для «{name}». Есть: {known}.",
        "en": "The data has no “{value}” for “{name}”. It has: {known}.",
    },
    "api_bad_lang": {
        "ru": "«{value}» — не язык интерфейса. Допустимые: ru, en.",
        "en": "“{value}” is not an interface language. Known: ru, en.",
    },
    "api_bad_month": {
        "ru": "«{value}» — не месяц вида 2024-09 и не год вида 2024.",
        "en": "“{value}” is not a month such as 2024-09 or a year such as 2024.",
    },
    "api_from_after_to": {
        "ru": "Начало диапазона ({start}) позже его конца ({end}).",
        "en": "The start of the range ({start}) is after its end ({end}).",
    },
    "api_bad_date": {
        "ru": "«{value}» — не дата вида 2023-10-02.",
        "en": "“{value}” is not a date such as 2023-10-02.",
    },
    "api_not_found": {
        "ru": "Такого адреса в API нет. Есть: {known}.",
        "en": "The API has no such address. It has: {known}.",
    },
    "api_rate_limited": {
        "ru": "Слишком много запросов: повторите через {seconds} с.",
        "en": "Too many requests: try again in {seconds} s.",
    },
}
