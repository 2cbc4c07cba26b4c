"""Russian and English: UI strings, and numbers and dates formatted per locale with Babel."""

from __future__ import annotations

import datetime as dt
import math

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from eaeu.strings_export import EXPORT_STRINGS

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
    # The Data tab and the editor login (components/data_panel.py, components/header.py).
    "tab_data": {"ru": "Данные", "en": "Data"},
    "editor_login": {"ru": "Вход для редакторов", "en": "Editor login"},
    "logout": {"ru": "Выйти", "en": "Log out"},
    "signed_in_as": {"ru": "Редактор: {name}", "en": "Editor: {name}"},
    # The login page (components/auth.py), in the language of the page the editor came from.
    "login_name": {"ru": "Имя", "en": "Name"},
    "login_password": {"ru": "Пароль", "en": "Password"},
    "login_submit": {"ru": "Войти", "en": "Log in"},
    "login_back": {"ru": "Вернуться без входа", "en": "Back without logging in"},
    "login_wrong": {"ru": "Неверное имя или пароль", "en": "Wrong name or password"},
    "login_throttled": {
        "ru": "Слишком много попыток входа. Попробуйте через минуту.",
        "en": "Too many login attempts. Try again in a minute.",
    },
    "data_import_title": {"ru": "Загрузка данных", "en": "Import data"},
    "data_recorded_as": {
        "ru": "Ваши изменения записываются в историю версий от имени «{name}».",
        "en": "Your changes are recorded in the version history as “{name}”.",
    },
    "data_drop": {
        "ru": "Перетащите файл сюда или нажмите, чтобы выбрать его",
        "en": "Drop a file here or click to choose one",
    },
    "data_drop_limits": {
        "ru": "Форматы .xlsx, .xlsm, .ods, .csv, не больше {mb} МБ. "
        "Файлы другого типа или большего размера не принимаются.",
        "en": "Formats .xlsx, .xlsm, .ods, .csv, at most {mb} MB. "
        "Files of other types or larger ones are not accepted.",
    },
    "data_mode": {"ru": "Режим загрузки", "en": "Import mode"},
    "data_mode_merge": {
        "ru": "Дополнить: добавить и обновить значения, остальные не трогать",
        "en": "Merge: add and update figures, leave the rest as they are",
    },
    "data_mode_replace": {
        "ru": "Заменить: по показателям из файла удалить всё, чего в файле нет",
        "en": "Replace: for the file's indicators, remove every figure the file lacks",
    },
    "data_indicator": {
        "ru": "Показатель (если в файле нет столбца показателя)",
        "en": "Indicator (for a file without an indicator column)",
    },
    "data_indicator_from_file": {"ru": "— из файла —", "en": "— from the file —"},
    "data_source_legend": {
        "ru": "Источник строк, для которых файл его не называет",
        "en": "Source of the rows the file names none for",
    },
    "data_source_name_ru": {"ru": "Название источника по-русски", "en": "Source name in Russian"},
    "data_source_name_en": {
        "ru": "Название источника по-английски",
        "en": "Source name in English",
    },
    "data_source_url": {"ru": "Ссылка на источник", "en": "Source link"},
    "data_source_no_url": {"ru": "У источника нет ссылки", "en": "The source has no link"},
    "data_source_date": {
        "ru": "Дата публикации источника (ГГГГ-ММ-ДД)",
        "en": "Source publication date (YYYY-MM-DD)",
    },
    "data_source_needed": {
        "ru": "Нужен источник: пока его нет, сохранить нельзя",
        "en": "Source needed: nothing can be saved until it is given",
    },
    "data_note": {"ru": "Комментарий для истории версий", "en": "Note for the version history"},
    "data_questions": {"ru": "Нужен ваш ответ", "en": "Your answer is needed"},
    "data_answer_index": {
        "ru": "Это индексы (прошлый год = 100): пересчитать в прирост",
        "en": "These are indices (previous year = 100): convert to growth",
    },
    "data_answer_growth": {"ru": "Это уже прирост, %", "en": "These are growth figures, %"},
    "data_preview": {"ru": "Что изменится", "en": "What will change"},
    "data_rows_read": {
        "ru": "Файл «{file}»: прочитано строк: {n}",
        "en": "File “{file}”: {n} rows read",
    },
    "data_errors": {
        "ru": "Ошибки: файл нельзя загрузить в таком виде",
        "en": "Errors: the file cannot be imported as it is",
    },
    "data_warnings": {
        "ru": "Предупреждения (не мешают сохранению)",
        "en": "Warnings (saving is still possible)",
    },
    "data_notes": {"ru": "Примечания", "en": "Notes"},
    "data_col_new": {"ru": "Новых", "en": "New"},
    "data_col_changed": {"ru": "Изменено", "en": "Changed"},
    "data_col_unchanged": {"ru": "Без изменений", "en": "Unchanged"},
    "data_col_removed": {"ru": "Удаляется", "en": "Removed"},
    "data_col_old": {"ru": "Было", "en": "Was"},
    "data_col_becomes": {"ru": "Станет", "en": "Becomes"},
    "data_changed_rows": {"ru": "Изменённые значения", "en": "Changed figures"},
    "data_removed_rows": {"ru": "Удаляемые значения", "en": "Removed figures"},
    "data_more_rows": {"ru": "…и ещё {n}", "en": "…and {n} more"},
    "data_source_only": {"ru": "обновлён только источник", "en": "only the source is updated"},
    "data_commit": {"ru": "Сохранить как новую версию", "en": "Save as a new version"},
    "data_cancel": {"ru": "Отменить", "en": "Cancel"},
    "data_saved": {"ru": "Сохранено как версия {version}.", "en": "Saved as version {version}."},
    "data_cancelled": {
        "ru": "Загрузка отменена, ничего не сохранено.",
        "en": "Import cancelled; nothing was saved.",
    },
    "data_expired": {
        "ru": "Загруженный файл больше не хранится (прошло больше 30 минут). Загрузите его снова.",
        "en": "The uploaded file is no longer kept (over 30 minutes passed). Upload it again.",
    },
    "data_not_saved": {"ru": "Не сохранено:", "en": "Not saved:"},
    "history_title": {"ru": "История версий", "en": "Version history"},
    "history_template": {
        "ru": "Скачать шаблон для заполнения (xlsx)",
        "en": "Download the template to fill in (xlsx)",
    },
    "col_version": {"ru": "Версия", "en": "Version"},
    "col_time": {"ru": "Время (UTC)", "en": "Time (UTC)"},
    "col_editor": {"ru": "Редактор", "en": "Editor"},
    "col_file": {"ru": "Файл", "en": "File"},
    "col_kind": {"ru": "Тип", "en": "Kind"},
    "col_rows": {"ru": "Наблюдений", "en": "Observations"},
    "col_actions": {"ru": "Действия", "en": "Actions"},
    "kind_seed": {"ru": "исходные данные", "en": "shipped data"},
    "kind_import": {"ru": "загрузка", "en": "import"},
    "kind_rollback": {"ru": "откат", "en": "rollback"},
    "kind_edit": {"ru": "правка", "en": "edit"},
    "history_current": {"ru": "текущая", "en": "current"},
    "history_version": {"ru": "№\u00a0{id}", "en": "v{id}"},
    "history_download": {"ru": "Скачать xlsx", "en": "Download xlsx"},
    "history_rollback": {"ru": "Вернуть эту версию", "en": "Roll back to this version"},
    "history_confirm": {
        "ru": "Сохранить содержимое версии {version} как новую версию? История сохранится.",
        "en": "Save the content of version {version} as a new version? The history is kept.",
    },
    "history_rolled_back": {
        "ru": "Сохранено как версия {new}: содержимое версии {old}.",
        "en": "Saved as version {new}: the content of version {old}.",
    },
    "history_shown": {
        "ru": "Показаны последние {n} версий из {total}.",
        "en": "The latest {n} of {total} versions are shown.",
    },
    "highlight_form_title": {"ru": "Цифра недели: правка", "en": "Figure of the week: edit"},
    "highlight_form_hint": {
        "ru": "Строка с той же датой, показателем и страной заменяется, иначе добавляется новая; "
        "на сайте видна самая поздняя по дате. Значение и лидеры должны совпадать с данными.",
        "en": "A row with the same date, indicator and country is replaced, else a new one is "
        "added; the site shows the latest by date. The value and leaders must match the data.",
    },
    # Field labels: an error names its field by this label (eaeu/highlight_form_rules.py).
    "highlight_date": {"ru": "Дата", "en": "Date"},
    "highlight_date_hint": {
        "ru": "ГГГГ, ММ.ГГГГ или ДД.ММ.ГГГГ",
        "en": "YYYY, MM/YYYY or DD/MM/YYYY",
    },
    "highlight_indicator": {"ru": "Показатель", "en": "Indicator"},
    "highlight_geo": {"ru": "Страна или союз", "en": "Country or union"},
    "highlight_period_end": {"ru": "Конец периода", "en": "Period end"},
    "highlight_period_end_hint": {"ru": "ДД.ММ.ГГГГ", "en": "DD/MM/YYYY"},
    "highlight_value": {"ru": "Значение", "en": "Value"},
    "highlight_unit": {"ru": "Единица", "en": "Unit"},
    "highlight_headline_ru": {"ru": "Заголовок (рус.)", "en": "Headline (Russian)"},
    "highlight_headline_en": {"ru": "Заголовок (англ.)", "en": "Headline (English)"},
    "highlight_text_ru": {"ru": "Текст (рус.)", "en": "Text (Russian)"},
    "highlight_text_en": {"ru": "Текст (англ.)", "en": "Text (English)"},
    "highlight_leaders": {"ru": "Лидеры", "en": "Leaders"},
    "highlight_leaders_hint": {
        "ru": "КОД=значение; КОД=значение",
        "en": "CODE=value; CODE=value",
    },
    "highlight_source_name_ru": {"ru": "Источник (по-русски)", "en": "Source (in Russian)"},
    "highlight_source_name_en": {"ru": "Источник (по-английски)", "en": "Source (in English)"},
    "highlight_source_url": {"ru": "Ссылка на источник", "en": "Source link"},
    "highlight_save": {"ru": "Сохранить цифру недели", "en": "Save the figure of the week"},
    "highlight_unchanged": {
        "ru": "Ничего не изменилось: новая версия не создана.",
        "en": "Nothing changed: no new version was created.",
    },
    # What is wrong with a field of the figure-of-the-week form: "{label}: {problem}".
    "highlight_problem": {"ru": "{label}: {problem}", "en": "{label}: {problem}"},
    "highlight_error_required": {"ru": "заполните это поле", "en": "fill in this field"},
    "highlight_error_date": {
        "ru": "введите дату, например 30.09.2024",
        "en": "enter a date such as 30/09/2024",
    },
    "highlight_error_partial_date": {
        "ru": "введите год, месяц или дату, например 2024, 12.2024 или 20.12.2024",
        "en": "enter a year, month or date such as 2024, 12/2024 or 20/12/2024",
    },
    "highlight_error_no_such_date": {
        "ru": "даты {text} нет в календаре; {expected}",
        "en": "there is no date {text}; {expected}",
    },
    "highlight_error_year_digits": {
        "ru": "укажите год четырьмя цифрами, например {example}",
        "en": "write the year in four digits, such as {example}",
    },
    "highlight_error_number": {
        "ru": "введите число, например 4,4",
        "en": "enter a number such as 4.4",
    },
    "highlight_error_url": {
        "ru": "введите ссылку, начинающуюся с https://",
        "en": "enter a link starting with https://",
    },
    "highlight_error_too_long": {
        "ru": "не длиннее {limit} знаков",
        "en": "at most {limit} characters",
    },
    "highlight_error_leaders": {
        "ru": "введите КОД=значение через точку с запятой, например ARM=12,6; BLR=6,4",
        "en": "enter CODE=value pairs separated by semicolons, such as ARM=12.6; BLR=6.4",
    },
    "highlight_error_indicator": {
        "ru": "выберите показатель из списка",
        "en": "choose an indicator from the list",
    },
    "highlight_error_geo": {
        "ru": "выберите страну или союз из списка",
        "en": "choose a country or the union from the list",
    },
    "highlight_error_code": {
        "ru": "нет страны с кодом {code}; возможны: {codes}",
        "en": "no country has the code {code}; use one of {codes}",
    },
    "highlight_error_mismatch": {
        "ru": "{value} не совпадает с данными ({indicator}, {geo}, {period}: {expected})",
        "en": "{value} does not match the data ({indicator}, {geo}, {period}: {expected})",
    },
    "highlight_error_no_figure": {
        "ru": "в данных нет цифры, с которой можно сверить {value} "
        "({indicator}, {geo}, период по {date})",
        "en": "the data have no figure to check {value} against "
        "({indicator}, {geo}, period ending {date})",
    },
}


# Transformations, exported images and the export panel: eaeu/strings_export.py.
STRINGS.update(EXPORT_STRINGS)

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
