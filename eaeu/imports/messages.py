"""The importer's words, in Russian and English: every problem, warning, note, question and
summary line an upload can bring, by key (eaeu/messages.py puts them together with values).

Placeholders: `{x}` as it is (whole numbers grouped), `{x:d}` a row or version number, `{x:q}`
quoted ('x' / «x»), `{x:num}` a figure as the file gave it, `{x:n1}` one decimal, `{x:g}` a
limit, `{x:date}` a date, `{x:period}` a (start, end) period, `{x:list}` items with commas.
"""

ACCEPTED = {"en": ".xlsx, .xlsm, .ods or .csv", "ru": ".xlsx, .xlsm, .ods или .csv"}

IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    # What a file is, and what it may cost (files.py, csv_text.py, limits.py).
    "file_empty": {"en": "the file is empty", "ru": "файл пуст"},
    "file_too_big": {
        "en": "the file is {size:n1} MB; the limit is {limit:g} MB",
        "ru": "размер файла {size:n1} МБ, а допускается не больше {limit:g} МБ",
    },
    "not_base64": {
        "en": "the upload is not valid base64 data",
        "ru": "загрузка повреждена: это не данные base64",
    },
    "zip_bomb": {
        "en": "the archive unpacks to more than {limit:g} MB; refused as a possible zip bomb",
        "ru": "архив распаковывается больше чем в {limit:g} МБ; отклонён как возможная zip-бомба",
    },
    "too_many_rows": {
        "en": "the sheet has {count} rows; at most {limit} are accepted",
        "ru": "строк на листе: {count}, а принимается не больше {limit}",
    },
    "too_many_columns": {
        "en": "the sheet has {count} columns; at most {limit} are accepted",
        "ru": "столбцов на листе: {count}, а принимается не больше {limit}",
    },
    "too_many_cells": {
        "en": "the sheet is {rows} rows by {columns} columns, {cells} cells; at most {limit} "
        "cells are accepted: delete the empty or unneeded rows and columns, or split the sheet",
        "ru": "на листе {rows} строк на {columns} столбцов, ячеек: {cells}, а принимается не "
        "больше {limit}: удалите пустые и лишние строки и столбцы или разделите лист",
    },
    "too_many_cells_counted": {
        "en": "the sheet holds more cells than the {limit} accepted: delete the empty or "
        "unneeded rows and columns, or split the sheet",
        "ru": "на листе больше ячеек, чем принимается ({limit}): удалите пустые и лишние строки "
        "и столбцы или разделите лист",
    },
    "too_many_members": {
        "en": "the archive has {count} members; at most {limit} are accepted",
        "ru": "файлов в архиве: {count}, а принимается не больше {limit}",
    },
    "workbook_not_csv": {
        "en": "the content is a spreadsheet workbook ({kind}), not CSV text; rename the file to .{kind}",
        "ru": "внутри книга электронной таблицы ({kind}), а не текст CSV; переименуйте файл в .{kind}",
    },
    "xls_not_csv": {
        "en": "the content is an old Excel 97-2003 workbook (.xls); save it as .xlsx or CSV",
        "ru": "внутри старая книга Excel 97-2003 (.xls); сохраните её как .xlsx или CSV",
    },
    "binary_not_csv": {
        "en": f"the content is not text (binary data); upload {ACCEPTED['en']}",
        "ru": f"внутри не текст, а двоичные данные; загрузите {ACCEPTED['ru']}",
    },
    "unsupported_type": {
        "en": f"unsupported file type {{suffix:q}}; upload {ACCEPTED['en']}",
        "ru": f"тип файла {{suffix:q}} не поддерживается; загрузите {ACCEPTED['ru']}",
    },
    "no_file_type": {
        "en": f"the file name has no type (extension); upload {ACCEPTED['en']}",
        "ru": f"у имени файла нет расширения; загрузите {ACCEPTED['ru']}",
    },
    "text_not_workbook": {
        "en": "the content is text, not a spreadsheet workbook; rename the file to .csv or save it as .xlsx",
        "ru": "внутри текст, а не книга электронной таблицы; переименуйте файл в .csv или сохраните его как .xlsx",
    },
    "xls_workbook": {
        "en": "the content is an old Excel 97-2003 workbook (.xls); save it as .xlsx",
        "ru": "внутри старая книга Excel 97-2003 (.xls); сохраните её как .xlsx",
    },
    "binary_not_workbook": {
        "en": f"the content is not a spreadsheet (binary data); upload {ACCEPTED['en']}",
        "ru": f"внутри не электронная таблица, а двоичные данные; загрузите {ACCEPTED['ru']}",
    },
    "workbook_not_zip": {
        "en": "the workbook is damaged (not a valid zip archive)",
        "ru": "книга повреждена (это не zip-архив)",
    },
    "workbook_damaged": {
        "en": "the workbook is damaged ({error})",
        "ru": "книга повреждена ({error})",
    },
    "content_is_xlsx": {
        "en": "the content is an Excel workbook (xlsx), not what the name {suffix} says",
        "ru": "внутри книга Excel (xlsx), а не то, что обещает расширение {suffix}",
    },
    "content_is_ods": {
        "en": "the content is an OpenDocument spreadsheet (ods), not what the name {suffix} says",
        "ru": "внутри таблица OpenDocument (ods), а не то, что обещает расширение {suffix}",
    },
    "content_is_zip": {
        "en": "the content is a zip archive, not a spreadsheet, not what the name {suffix} says",
        "ru": "внутри zip-архив, а не электронная таблица, как обещает расширение {suffix}",
    },
    "workbook_unreadable": {
        "en": "the workbook could not be read ({error})",
        "ru": "книгу не удалось прочитать ({error})",
    },
    "formula_no_value": {
        "en": "formula {formula} has no cached value; open and save the file in Excel",
        "ru": "у формулы {formula} нет сохранённого значения; откройте и сохраните файл в Excel",
    },
    "shared_formula_no_value": {
        "en": "a shared formula has no cached value; open and save the file in Excel",
        "ru": "у общей формулы нет сохранённого значения; откройте и сохраните файл в Excel",
    },
    "not_utf8": {
        "en": "the text is neither UTF-8 nor Windows-1251; save the CSV as UTF-8",
        "ru": "текст не в кодировке UTF-8 и не в Windows-1251; сохраните CSV в UTF-8",
    },
    "csv_unreadable": {
        "en": "the CSV cannot be read at line {line:d}: {error}",
        "ru": "CSV не читается в строке {line:d}: {error}",
    },
    "unforeseen": {
        "en": "the file could not be read; please send it to the developers",
        "ru": "файл не удалось прочитать; пожалуйста, отправьте его разработчикам",
    },
    # What the table holds (parse.py, rows.py, cells.py).
    "unknown_indicator": {
        "en": "unknown indicator {got:q}; expected one of {known:list}",
        "ru": "неизвестный показатель {got:q}; ожидался один из: {known:list}",
    },
    "unknown_country": {
        "en": "unknown country {got:q}; expected one of {known:list}",
        "ru": "неизвестная страна {got:q}; ожидалась одна из: {known:list}",
    },
    "indicator_required": {"en": "an indicator is required", "ru": "нужен показатель"},
    "country_required": {"en": "a country is required", "ru": "нужна страна"},
    "expected_period": {
        "en": "expected a period like 'Jan–Sep 2024', 'январь–сентябрь 2024' or '2024-09', got {got:q}",
        "ru": "ожидался период вида «январь–сентябрь 2024», «Jan–Sep 2024» или «2024-09», а не {got:q}",
    },
    "expected_a_date": {
        "en": "expected a number, got a date ({got})",
        "ru": "ожидалось число, а не дата ({got})",
    },
    "bad_value_form": {
        "en": "value_form must be 'growth' or 'index'",
        "ru": "value_form — это 'growth' или 'index'",
    },
    "bad_source_url": {"en": "source link: {reason}", "ru": "ссылка на источник: {reason}"},
    "bad_source_date": {"en": "source date: {reason}", "ru": "дата источника: {reason}"},
    "no_sheet": {
        "en": "no sheet {sheet:q}; the workbook has: {sheets:list}",
        "ru": "нет листа {sheet:q}; в книге есть: {sheets:list}",
    },
    "no_table": {
        "en": "no table found: expected a header row with country, period and value columns, "
        "or periods or countries as column headers",
        "ru": "таблица не найдена: нужна строка заголовков со столбцами страны, периода и "
        "значения либо периоды или страны в заголовках столбцов",
    },
    "no_data_rows": {
        "en": "the table has a header but no data rows below it",
        "ru": "у таблицы есть заголовок, но под ним нет ни одной строки данных",
    },
    "no_values": {
        "en": "the table under this header has no figures: its {count} cells are empty or 'no data'",
        "ru": "в таблице под этим заголовком нет значений: все её ячейки ({count}) пусты или "
        "«нет данных»",
    },
    "ask_indicator": {
        "en": "the file has no indicator column: which indicator are these values?",
        "ru": "в файле нет столбца показателя: к какому показателю относятся эти значения?",
    },
    "indicator_from_title": {
        "en": "indicator {indicator}, as the title above the table names it",
        "ru": "показатель {indicator}, как его называет заголовок над таблицей",
    },
    "ask_value_form": {
        "en": "values look like indices ({example:num}); convert to growth % ({growth:num})?",
        "ru": "значения похожи на индексы ({example:num}); пересчитать в прирост, % ({growth:num})?",
    },
    "skipped_cells": {
        "en": "{count} empty or 'no data' cells were skipped (gaps stay gaps)",
        "ru": "пропущено пустых ячеек и ячеек «нет данных»: {count} (пропуски остаются пропусками)",
    },
    "indices_as_chosen": {
        "en": "values read as indices (previous year = 100) as you chose, converted to growth %",
        "ru": "значения прочитаны как индексы (прошлый год = 100), как вы указали, и пересчитаны в прирост, %",
    },
    "indices_as_titled": {
        "en": "values read as indices (previous year = 100) as the file's title says, "
        "converted to growth %",
        "ru": "значения прочитаны как индексы (прошлый год = 100), как сказано в заголовке файла, "
        "и пересчитаны в прирост, %",
    },
    "duplicate_row": {
        "en": "duplicate: {geo} {period:period} is already given on row {row:d}",
        "ru": "повтор: {geo}, {period:period}, уже есть в строке {row:d}",
    },
    "growth_beyond": {
        "en": "growth of {value:num} % is beyond ±{limit} %: is it an index?",
        "ru": "прирост {value:num} % — за пределами ±{limit} %: может быть, это индекс?",
    },
    "old_rows": {
        "en": "{count} {indicator} rows are for periods {years}+ years older than the latest "
        "(ending {latest:date}), the oldest ending {oldest:date}",
        "ru": "{indicator}: строк за периоды на {years} года и более старше последнего "
        "(он заканчивается {latest:date}): {count}; самый ранний заканчивается {oldest:date}",
    },
    "open_questions": {"en": "open questions", "ru": "есть вопросы без ответа"},
    "after_import": {
        "en": "{reason} (after importing {file})",
        "ru": "{reason} (после загрузки {file})",
    },
    # Sources (sources.py): stated by the file or entered by the editor, never guessed.
    "need_name_ru": {
        "en": "enter the source's name in Russian: the file states no source for {count} rows",
        "ru": "укажите название источника по-русски: в файле нет источника для строк: {count}",
    },
    "need_name_en": {
        "en": "enter the source's name in English: the file states no source for {count} rows",
        "ru": "укажите название источника по-английски: в файле нет источника для строк: {count}",
    },
    "need_date": {
        "en": "enter the source's publication date: the file states no source for {count} rows",
        "ru": "укажите дату публикации источника: в файле нет источника для строк: {count}",
    },
    "need_url": {
        "en": "enter the link to the source, or say that it has none: the file states no source "
        "for {count} rows",
        "ru": "укажите ссылку на источник или отметьте, что ссылки нет: в файле нет источника "
        "для строк: {count}",
    },
    "need_name_en_of": {
        "en": "enter the source's name in English: the file names {name:q} in Russian only",
        "ru": "укажите название источника по-английски: в файле {name:q} названо только по-русски",
    },
    "need_name_ru_of": {
        "en": "enter the source's name in Russian: the file names {name:q} in English only",
        "ru": "укажите название источника по-русски: в файле {name:q} названо только по-английски",
    },
    "sources_need_en": {
        "en": "the file names several sources in Russian only ({names:list}): give their English "
        "names in a source_name_en column",
        "ru": "в файле несколько источников названы только по-русски ({names:list}): укажите их "
        "английские названия в столбце source_name_en",
    },
    "sources_need_ru": {
        "en": "the file names several sources in English only ({names:list}): give their Russian "
        "names in a source_name_ru column",
        "ru": "в файле несколько источников названы только по-английски ({names:list}): укажите "
        "их русские названия в столбце source_name_ru",
    },
    "source_stated": {
        "en": "source as the file states it: {name}",
        "ru": "источник, как он указан в файле: {name}",
    },
    # The preview as lines (summary.py) and the command line (cli/store.py).
    "layout_long": {"en": "long", "ru": "длинная таблица"},
    "layout_periods": {"en": "periods as columns", "ru": "периоды по столбцам"},
    "layout_countries": {"en": "countries as columns", "ru": "страны по столбцам"},
    "layout_none": {"en": "no table", "ru": "таблица не найдена"},
    "summary_head": {
        "en": "{file}: {rows} rows read ({layout})",
        "ru": "{file}: прочитано строк: {rows} ({layout})",
    },
    "summary_head_sheet": {
        "en": "{file}, sheet {sheet:q}: {rows} rows read ({layout})",
        "ru": "{file}, лист {sheet:q}: прочитано строк: {rows} ({layout})",
    },
    "summary_errors": {
        "en": "Errors ({count}): the file cannot be imported as it is",
        "ru": "Ошибки ({count}): файл нельзя загрузить в таком виде",
    },
    "summary_source_needed": {
        "en": "Source needed ({count}): nothing is saved until it is given",
        "ru": "Нужен источник ({count}): пока его нет, ничего не сохранится",
    },
    "summary_question": {
        "en": "Question ({key}: {choices}): {question}",
        "ru": "Вопрос ({key}: {choices}): {question}",
    },
    "summary_warnings": {"en": "Warnings ({count}):", "ru": "Предупреждения ({count}):"},
    "summary_note": {"en": "Note: {note}", "ru": "Примечание: {note}"},
    "summary_counts": {
        "en": "{indicator}: {new} new, {changed} changed, {unchanged} unchanged",
        "ru": "{indicator}: новых {new}, изменено {changed}, без изменений {unchanged}",
    },
    "summary_counts_replace": {
        "en": "{indicator}: {new} new, {changed} changed, {unchanged} unchanged, {removed} removed",
        "ru": "{indicator}: новых {new}, изменено {changed}, без изменений {unchanged}, "
        "удаляется {removed}",
    },
    "summary_changed": {
        "en": "  changed {geo} {period:period}: {old:num} -> {new:num}",
        "ru": "  изменено {geo} {period:period}: {old:num} -> {new:num}",
    },
    "summary_source_updated": {
        "en": "  changed {geo} {period:period}: source updated (value {new:num})",
        "ru": "  изменено {geo} {period:period}: обновлён источник (значение {new:num})",
    },
    "summary_removed": {
        "en": "  removed {geo} {period:period}: {old:num}",
        "ru": "  удаляется {geo} {period:period}: {old:num}",
    },
    "summary_more_changed": {
        "en": "  ... and {count} more changed",
        "ru": "  … и ещё изменённых: {count}",
    },
    "summary_more_removed": {
        "en": "  ... and {count} more removed",
        "ru": "  … и ещё удаляемых: {count}",
    },
    "data_changed_meanwhile": {
        "en": "Not saved: the data changed meanwhile (version {newest:d} was saved after "
        "version {seen:d}, which this preview was made against). The preview now shows what "
        "the file changes in version {newest:d}: check it and commit again.",
        "ru": "Не сохранено: данные тем временем изменились (после версии {seen:d}, с которой "
        "сравнивался предпросмотр, сохранена версия {newest:d}). Предпросмотр теперь "
        "показывает, что файл меняет в версии {newest:d}: проверьте и сохраните снова.",
    },
    "cli_based_on": {
        "en": "Previewed against version {version:d}; to save exactly this change, run again "
        "without --dry-run and with --based-on {version:d}.",
        "ru": "Сравнивалось с версией {version:d}; чтобы сохранить именно это изменение, "
        "запустите снова без --dry-run и с --based-on {version:d}.",
    },
    "cli_stale_run_again": {
        "en": "Run again (with --based-on {version:d} to save this preview) if it is right.",
        "ru": "Если всё верно, запустите снова (с --based-on {version:d}, чтобы сохранить этот "
        "предпросмотр).",
    },
    "nothing_changed": {
        "en": "Nothing changed: every row is already in the data; no version is saved.",
        "ru": "Ничего не изменилось: все строки уже есть в данных; новая версия не сохраняется.",
    },
    "summary_saved": {
        "en": "Saved as version {version:d}.",
        "ru": "Сохранено как версия {version:d}.",
    },
    "cli_answer": {
        "en": "Answer with --{option} {choices} and run again.",
        "ru": "Ответьте параметром --{option} {choices} и запустите снова.",
    },
    "cli_give_source": {
        "en": "Give the source with --source-name-ru, --source-name-en, --source-date and "
        "--source-url (or --no-source-url), and run again.",
        "ru": "Укажите источник параметрами --source-name-ru, --source-name-en, --source-date и "
        "--source-url (или --no-source-url) и запустите снова.",
    },
    "cli_dry_run": {
        "en": "Dry run: nothing was saved.",
        "ru": "Пробный запуск: ничего не сохранено.",
    },
    "cli_unreadable": {
        "en": "{path}: cannot read the file ({error})",
        "ru": "{path}: файл не читается ({error})",
    },
    "cli_rolled_back": {
        "en": "Saved as version {new:d}: the content of version {old:d}.",
        "ru": "Сохранено как версия {new:d}: содержимое версии {old:d}.",
    },
    # The import template (template.py).
    "template_sheet_instructions": {"en": "Instructions", "ru": "Инструкция"},
    "template_sheet_data": {"en": "Data", "ru": "Данные"},
    "template_sheet_lists": {"en": "Lists", "ru": "Списки"},
    "template_title": {"en": "How to fill in", "ru": "Как заполнить"},
    "template_step_1": {
        "en": "1. Fill in the '{sheet}' sheet: one row is one figure for one country and period.",
        "ru": "1. Заполните лист «{sheet}»: одна строка — одно значение показателя для страны за период.",
    },
    "template_step_2": {
        "en": "2. Pick indicator and geo from the lists; the period is its first and last day "
        "(YYYY-MM-DD).",
        "ru": "2. indicator и geo выберите из списка; период — даты его начала и конца (ГГГГ-ММ-ДД).",
    },
    "template_step_3": {
        "en": "3. value is growth in % (4.4 means +4.4 %), not an index (104.4).",
        "ru": "3. value — прирост в % (4.4 означает +4,4 %), а не индекс (104.4).",
    },
    "template_step_4": {
        "en": "4. Give the source: its name in Russian (source_name_ru) and in English "
        "(source_name_en), its link (https://...) and publication date.",
        "ru": "4. Укажите источник: название по-русски (source_name_ru) и по-английски "
        "(source_name_en), ссылку (https://...) и дату публикации.",
    },
    "template_step_5": {
        "en": "5. Upload the file: you will see what changes before anything is saved.",
        "ru": "5. Загрузите файл: перед сохранением вы увидите, что изменится.",
    },
}
