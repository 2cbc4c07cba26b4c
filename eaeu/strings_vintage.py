"""Words of past versions (the banner, the "what changed" tab) and of their address's problems,
in both languages; eaeu.i18n merges the strings into STRINGS, eaeu.messages the messages into
its catalogue."""

from __future__ import annotations

VINTAGE_STRINGS: dict[str, dict[str, str]] = {
    "vintage_banner": {
        "ru": "Данные в том виде, в каком они были опубликованы {date} (версия {version}).",
        "en": "Data as published on {date} (version {version}).",
    },
    "vintage_see_current": {"ru": "Смотреть текущие данные", "en": "See the current data"},
    "vintage_see_changes": {"ru": "Что изменилось с тех пор", "en": "What changed since"},
    "vintage_fallback": {
        "ru": "Показаны текущие данные: {reason}.",
        "en": "Showing the current data: {reason}.",
    },
    "compare_fallback": {
        "ru": "Показаны последние изменения: {reason}.",
        "en": "Showing the latest changes: {reason}.",
    },
    "vintage_data_tab": {
        "ru": "Эта вкладка всегда работает с текущими данными (версия {current}); "
        "остальные вкладки показывают версию {version}.",
        "en": "This tab always works on the current data (version {current}); "
        "the other tabs show version {version}.",
    },
    "tab_changes": {"ru": "Что изменилось", "en": "What changed"},
    "changes_intro": {
        "ru": "Каждое обновление данных сохраняется как новая версия. Выберите две версии, "
        "чтобы увидеть, какие цифры пересмотрены, добавлены или удалены.",
        "en": "Every update of the data is kept as a new version. Choose two versions to see "
        "which figures were revised, added or removed.",
    },
    "changes_from": {"ru": "Версия «было»", "en": "From version"},
    "changes_to": {"ru": "Версия «стало»", "en": "To version"},
    "changes_option": {"ru": "№\u00a0{id} — {date}, {kind}", "en": "v{id} — {date}, {kind}"},
    "changes_current": {"ru": "текущая", "en": "current"},
    "changes_heading": {
        "ru": "Версия {old} ({old_date}) → версия {new} ({new_date})",
        "en": "Version {old} ({old_date}) → version {new} ({new_date})",
    },
    "changes_counts": {
        "ru": "изменено: {changed}, добавлено: {added}, удалено: {removed}",
        "en": "changed: {changed}, added: {added}, removed: {removed}",
    },
    "changes_nothing": {
        "ru": "Ни одна цифра показателей в этих версиях не различается.",
        "en": "No indicator figure differs between these versions.",
    },
    "changes_only_one": {
        "ru": "Пока опубликована только одна версия данных: сравнивать не с чем.",
        "en": "Only one version of the data has been published so far: nothing to compare.",
    },
    "changes_col_change": {"ru": "Изменение", "en": "Change"},
    "changes_col_before": {"ru": "Было", "en": "Before"},
    "changes_col_after": {"ru": "Стало", "en": "After"},
    "changes_revised": {"ru": "пересмотрено", "en": "revised"},
    "changes_added": {"ru": "добавлено", "en": "added"},
    "changes_removed": {"ru": "удалено", "en": "removed"},
    "changes_source": {"ru": "сменился источник", "en": "source changed"},
    "changes_open": {"ru": "Данные версии {id}", "en": "Data of version {id}"},
}

# Why an address's version, date or comparison cannot be shown (eaeu/vintage.py).
VINTAGE_MESSAGES: dict[str, dict[str, str]] = {
    "vintage_bad_version": {
        "en": "a version is a whole number such as 3, not {value:q}",
        "ru": "номер версии — целое число, например 3, а не {value:q}",
    },
    "vintage_no_version": {
        "en": "there is no version {version:d}; the versions are 1 to {newest:d}",
        "ru": "версии {version:d} нет; есть версии с 1 по {newest:d}",
    },
    "vintage_bad_date": {
        "en": "as_of is a date written YYYY-MM-DD, such as 2025-01-31, not {value:q}",
        "ru": "дата as_of пишется как ГГГГ-ММ-ДД, например 2025-01-31, а не {value:q}",
    },
    "vintage_too_early": {
        "en": "no data had been published by {date:date}; the first version is of {first:date}",
        "ru": "на {date:date} данные ещё не публиковались; первая версия — от {first:date}",
    },
    "vintage_future": {
        "en": "{date:date} has not come yet",
        "ru": "{date:date} ещё не наступило",
    },
    "vintage_bad_compare": {
        "en": "compare names two versions as A..B, such as 2..5, not {value:q}",
        "ru": "сравнение задаётся двумя версиями как A..B, например 2..5, а не {value:q}",
    },
}
