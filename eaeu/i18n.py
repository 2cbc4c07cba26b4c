"""Russian and English: UI strings, and numbers and dates formatted per locale with Babel."""

from __future__ import annotations

import datetime as dt
import math

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from eaeu.strings_api import API_STRINGS
from eaeu.strings_editors import EDITOR_STRINGS
from eaeu.strings_export import EXPORT_STRINGS
from eaeu.strings_vintage import VINTAGE_STRINGS

LANGS = ("ru", "en")
MINUS = "\u2212"
DEFAULT_LANG = "ru"

# One entry per UI string; every key has both languages (checked by a unit test).
STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ru": "ЕАЭС в цифрах", "en": "EAEU in figures"},
    "app_subtitle": {
        "ru": "Экономические показатели Евразийского экономического союза",
        "en": "Economic indicators of the Eurasian Economic Union",
    },
    "lang_switch": {"ru": "Язык интерфейса", "en": "Interface language"},
    "tab_indicators": {"ru": "Показатели", "en": "Indicators"},
    "tab_missions": {"ru": "Дипмиссии Беларуси", "en": "Belarusian missions"},
    "tab_table": {"ru": "Таблица", "en": "Table"},
    "indicator": {"ru": "Показатель", "en": "Indicator"},
    "period": {"ru": "Период", "en": "Period"},
    "countries": {"ru": "Страны", "en": "Countries"},
    "transform": {"ru": "Показать как", "en": "Show as"},
    "as_of": {"ru": "По состоянию на", "en": "As of"},
    "table_of": {"ru": "Данные графика", "en": "Data behind"},
    "source": {"ru": "Источник", "en": "Source"},
    "sources": {"ru": "Источники", "en": "Sources"},
    "no_data": {"ru": "Нет данных", "en": "No data"},
    "no_data_for": {"ru": "Нет данных: {names}", "en": "No data: {names}"},
    "empty_period": {
        "ru": "За {period} по показателю «{indicator}» нет данных по странам.",
        "en": "No country figures for “{indicator}” in {period}.",
    },
    "empty_union_only": {
        "ru": "Есть только значение по ЕАЭС в целом: {value}.",
        "en": "Only the EAEU as a whole has a figure: {value}.",
    },
    "empty_other_periods": {
        "ru": "По странам есть данные за: {periods}.",
        "en": "Country figures exist for: {periods}.",
    },
    "empty_change": {
        "ru": "За {period} нет данных за тот же период предыдущего года: изменение не рассчитать.",
        "en": "{period} has no figures for the same period of the previous year to compare with.",
    },
    "empty_no_other_period": {
        "ru": "Других периодов в данных нет.",
        "en": "The data has no other period.",
    },
    "empty_span": {
        "ru": "У выбранных стран нет данных за {span}.",
        "en": "The selected countries have no figures for {span}.",
    },
    "empty_countries": {
        "ru": "Не выбрано ни одной страны с данными. Отметьте страны выше.",
        "en": "No country with data is selected. Tick countries above.",
    },
    "empty_missions": {
        "ru": "В этом снимке нет учреждений.",
        "en": "This snapshot lists no missions.",
    },
    "eaeu_reference": {"ru": "ЕАЭС: {value}", "en": "EAEU: {value}"},
    "growth_title": {"ru": "{indicator}: {period}", "en": "{indicator}: {period}"},
    "growth_subtitle": {
        "ru": "Прирост к соответствующему периоду прошлого года, %",
        "en": "Growth on the same period of the previous year, %",
    },
    "trend_title": {"ru": "{indicator}: динамика", "en": "{indicator} over time"},
    "matrix_title": {
        "ru": "{indicator}: страны и периоды",
        "en": "{indicator} by country and period",
    },
    "missions_title": {
        "ru": "Учреждения Беларуси в регионах России",
        "en": "Belarusian missions in Russian regions",
    },
    "missions_subtitle": {"ru": "по состоянию на {date}", "en": "as of {date}"},
    "by_region_title": {"ru": "Учреждения по регионам", "en": "Missions by region"},
    "by_district_title": {
        "ru": "Учреждения по федеральным округам",
        "en": "Missions by federal district",
    },
    "not_yet_open": {"ru": "объявлено или планируется", "en": "announced or planned"},
    "map_group_key": {"ru": "учреждения в одном городе", "en": "missions in one city"},
    "map_region_key": {"ru": "учреждений в регионе: {n}", "en": "missions in the region: {n}"},
    "map_region_key_more": {
        "ru": "учреждений в регионе: {n} и более",
        "en": "missions in the region: {n} or more",
    },
    "changes_title": {"ru": "Изменения с {date}", "en": "Changes since {date}"},
    "changes_none": {"ru": "Без изменений с {date}", "en": "No changes since {date}"},
    "change_added": {"ru": "Новое", "en": "New"},
    "change_removed": {"ru": "Нет в списке", "en": "No longer listed"},
    "change_changed": {"ru": "Изменилось", "en": "Changed"},
    "partial_snapshot": {
        "ru": "Частичный снимок: источник называет только перечисленные учреждения.",
        "en": "Partial snapshot: the source names only the missions shown.",
    },
    "total_missions": {"ru": "Всего учреждений: {n}", "en": "Missions in total: {n}"},
    "partial_names": {
        "ru": "Источник называет {n} {missions}; это не полный перечень.",
        "en": "This source names {n} {missions}; it is not a complete list.",
    },
    "open_missions": {"ru": "действующих: {n}", "en": "open: {n}"},
    "regions_count": {"ru": "регионов: {n}", "en": "regions: {n}"},
    "leaders": {"ru": "В числе лидеров", "en": "Among the leaders"},
    "figure_of_week": {"ru": "Цифра недели", "en": "Figure of the week"},
    "col_indicator": {"ru": "Показатель", "en": "Indicator"},
    "col_geo": {"ru": "Страна", "en": "Country"},
    "col_code": {"ru": "Код", "en": "Code"},
    "col_period": {"ru": "Период", "en": "Period"},
    "col_value": {"ru": "Значение", "en": "Value"},
    "col_unit": {"ru": "Ед.", "en": "Unit"},
    "col_published": {"ru": "Опубликовано, %", "en": "Published, %"},
    "col_source": {"ru": "Источник", "en": "Source"},
    "col_source_date": {"ru": "Дата публикации", "en": "Published"},
    "sheet_sources": {"ru": "Источники", "en": "Sources"},
    "sheet_growth": {"ru": "По странам", "en": "By country"},
    "sheet_trend": {"ru": "Динамика", "en": "Over time"},
    "sheet_matrix": {"ru": "Страны и периоды", "en": "Countries by period"},
    "sheet_missions": {"ru": "Учреждения", "en": "Missions"},
    "sheet_missions_regions": {"ru": "По регионам", "en": "By region"},
    "sheet_missions_districts": {"ru": "По округам", "en": "By district"},
    "col_city": {"ru": "Город", "en": "City"},
    "col_region": {"ru": "Регион", "en": "Region"},
    "col_district": {"ru": "Федеральный округ", "en": "Federal district"},
    "col_type": {"ru": "Тип", "en": "Type"},
    "col_status": {"ru": "Статус", "en": "Status"},
    "col_note": {"ru": "Примечание", "en": "Note"},
    "col_lat": {"ru": "Широта", "en": "Latitude"},
    "col_lon": {"ru": "Долгота", "en": "Longitude"},
    "col_rank": {"ru": "Место", "en": "Rank"},
    "table_growth": {"ru": "Показатель по странам", "en": "Indicator by country"},
    "table_trend": {"ru": "Показатель по периодам", "en": "Indicator over periods"},
    "table_matrix": {"ru": "Страны × периоды", "en": "Countries × periods"},
    "table_missions": {"ru": "Дипмиссии", "en": "Missions"},
    "copy_link": {"ru": "Копировать ссылку на этот вид", "en": "Copy link to this view"},
    "download_data": {"ru": "Скачать данные:", "en": "Download data:"},
    "csv_ru": {"ru": "CSV для Excel (;)", "en": "CSV for Russian Excel (;)"},
    "embed": {"ru": "Встроить график на сайт", "en": "Embed this chart"},
    "embed_code": {"ru": "Код для вставки", "en": "Embed code"},
    "copy_embed": {"ru": "Копировать код", "en": "Copy code"},
    "open_full": {"ru": "Открыть на сайте", "en": "Open the dashboard"},
    "footer_sources": {
        "ru": "Все цифры опубликованы указанными источниками; пропуски оставлены пустыми.",
        "en": "Every figure was published by the source shown; gaps are left empty.",
    },
}


# Transformations, exported images and the export panel: eaeu/strings_export.py.
STRINGS.update(EXPORT_STRINGS)
# The data tab, the login page and the figure-of-the-week form: eaeu/strings_editors.py.
STRINGS.update(EDITOR_STRINGS)
# Past versions: the banner and the "what changed" tab: eaeu/strings_vintage.py.
STRINGS.update(VINTAGE_STRINGS)
# The data API's errors: eaeu/strings_api.py.
STRINGS.update(API_STRINGS)

KIND_LABELS = {
    # The unit is added once, after the kind: 'доля, %'.
    "growth_yoy": {"ru": "прирост г/г", "en": "growth y/y"},
    "index": {"ru": "индекс", "en": "index"},
    "share": {"ru": "доля", "en": "share"},
    "level": {"ru": "уровень", "en": "level"},
}

MISSION_TYPES = {
    "embassy": {"ru": "Посольство", "en": "Embassy"},
    "consulate_general": {"ru": "Генеральное консульство", "en": "Consulate general"},
    "embassy_branch": {"ru": "Отделение посольства", "en": "Embassy branch"},
    "honorary_consul": {"ru": "Почётный консул", "en": "Honorary consul"},
}

MISSION_STATUSES = {
    "open": {"ru": "действует", "en": "open"},
    "announced": {"ru": "объявлено", "en": "announced"},
    "planned": {"ru": "планируется", "en": "planned"},
    "closed": {"ru": "закрыто", "en": "closed"},
}

FEDERAL_DISTRICTS = {
    "central": {"ru": "Центральный", "en": "Central"},
    "northwestern": {"ru": "Северо-Западный", "en": "Northwestern"},
    "southern": {"ru": "Южный", "en": "Southern"},
    "north_caucasian": {"ru": "Северо-Кавказский", "en": "North Caucasian"},
    "volga": {"ru": "Приволжский", "en": "Volga"},
    "ural": {"ru": "Уральский", "en": "Ural"},
    "siberian": {"ru": "Сибирский", "en": "Siberian"},
    "far_eastern": {"ru": "Дальневосточный", "en": "Far Eastern"},
}


# Words whose form follows a number, by Babel's plural category (CLDR): 1 учреждение,
# 2 учреждения, 5 учреждений.
PLURALS = {
    "missions": {
        "ru": {"one": "учреждение", "few": "учреждения", "many": "учреждений"},
        "en": {"one": "mission", "other": "missions"},
    },
}


def plural(word: str, n: int, lang: str) -> str:
    forms = PLURALS[word][normalize_lang(lang)]
    category = Locale.parse(normalize_lang(lang)).plural_form(n)
    return forms.get(category) or forms.get("many") or forms["other"]


def normalize_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **fields: object) -> str:
    text = STRINGS[key][normalize_lang(lang)]
    return text.format(**fields) if fields else text


def label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    entry = table.get(key)
    return entry[normalize_lang(lang)] if entry else key


def fmt_number(value: float | None, lang: str, decimals: int = 1) -> str:
    """12.6 -> '12,6' (ru) or '12.6' (en); missing -> an em dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=normalize_lang(lang))
    # A true minus (U+2212), as on the charts' axes: a hyphen is not a minus sign.
    return text.replace("-", MINUS)


def fmt_percent(value: float | None, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """Russian typography puts a no-break space before %: '12,6 %'; English: '12.6%'."""
    text = fmt_number(value, lang, decimals)
    if text == "—":
        return text
    if signed and value is not None and value > 0:
        text = "+" + text
    return f"{text}\u00a0%" if normalize_lang(lang) == "ru" else f"{text}%"


def fmt_value(value: float | None, unit: str, lang: str, decimals: int = 1) -> str:
    if unit == "%":
        return fmt_percent(value, lang, decimals)
    text = fmt_number(value, lang, decimals)
    return f"{text}\u00a0{unit}" if unit and text != "—" else text


def period_label(start: dt.date, end: dt.date, lang: str, short: bool = False) -> str:
    """'январь–сентябрь 2024' / 'Jan–Sep 2024'; a single month reads 'сентябрь 2024'.

    `short` abbreviates Russian months too ('янв.–сент. 2024') for crowded axes.
    """
    lang = normalize_lang(lang)
    width = "wide" if lang == "ru" and not short else "abbreviated"
    months = get_month_names(width, context="stand-alone", locale=lang)
    if start.year == end.year:
        if start.month == end.month:
            return f"{months[end.month]} {end.year}"
        if start.month == 1 and end.month == 12:
            return f"{end.year}" if lang == "en" else f"{end.year} год"
        return f"{months[start.month]}–{months[end.month]} {end.year}"
    return f"{months[start.month]} {start.year} – {months[end.month]} {end.year}"


def fmt_date(value: dt.date | str | None, lang: str) -> str:
    """Full dates per locale ('26 января 2026 г.' / 'January 26, 2026'); partial ones as given."""
    if value is None or value == "":
        return ""
    lang = normalize_lang(lang)
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            month = dt.date(int(parts[0]), int(parts[1]), 1)
            return format_date(month, "LLLL y", locale=lang)
        value = dt.date.fromisoformat(value)
    return format_date(value, "long", locale=lang)
