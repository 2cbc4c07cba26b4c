"""UI strings of the editors' side: the data tab, the login page, the history and the
figure-of-the-week form, in both languages; eaeu.i18n merges them into STRINGS."""

from __future__ import annotations

EDITOR_STRINGS: dict[str, dict[str, str]] = {
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
