"""UI strings of transformations (eaeu/transforms.py), exported images (eaeu/export/) and
the export panel, in both languages; eaeu.i18n merges them into STRINGS."""

from __future__ import annotations

EXPORT_STRINGS: dict[str, dict[str, str]] = {
    "transform_value": {"ru": "Как опубликовано", "en": "As published"},
    "transform_index": {"ru": "Индекс (пред. год = 100)", "en": "Index (previous year = 100)"},
    "transform_pp_change": {"ru": "Изменение, п. п.", "en": "Change, pp"},
    "transform_rank": {"ru": "Место среди стран", "en": "Rank among members"},
    "transform_subtitle_index": {
        "ru": "Индекс к соответствующему периоду предыдущего года (= 100)",
        "en": "Index, same period of the previous year = 100",
    },
    "transform_subtitle_pp_change": {
        "ru": "Изменение к тому же периоду предыдущего года, процентных пунктов",
        "en": "Change on the same period of the previous year, percentage points",
    },
    "transform_subtitle_rank": {
        "ru": "Место среди государств — членов ЕАЭС, сообщивших данные (1 — наибольшее значение)",
        "en": "Rank among the EAEU member states that reported (1 = highest value)",
    },
    "rank_of": {"ru": "{rank} из {count}", "en": "{rank} of {count}"},
    "rank_reporting": {
        "ru": "Данные сообщили {count} из {total} государств",
        "en": "{count} of {total} member states reported",
    },
    "col_reporting": {"ru": "Сообщили данные", "en": "Reporting"},
    "span": {"ru": "Длина периода", "en": "Period length"},
    "span_year": {"ru": "полный год", "en": "full year"},
    "span_quarter": {"ru": "кварталы", "en": "quarters"},
    "span_month": {"ru": "месяцы", "en": "months"},
    "trend_subtitle_span": {"ru": "{span}, по годам", "en": "{span}, year by year"},
    "unit_pp": {"ru": "п. п.", "en": "pp"},
    "export_logo": {"ru": "ЕАЭС в цифрах", "en": "EAEU in figures"},
    "export_bar_chart": {"ru": "Столбчатая диаграмма", "en": "Bar chart"},
    "export_line_chart": {"ru": "Линейный график", "en": "Line chart"},
    "export_matrix": {"ru": "Таблица «страны × периоды»", "en": "Countries × periods table"},
    "export_map": {"ru": "Карта", "en": "Map"},
    "export_from_to": {
        "ru": "{name}: с {first} до {last}",
        "en": "{name}: from {first} to {last}",
    },
    "export_cities": {"ru": "Города", "en": "Cities"},
    "export_view_link": {"ru": "Вид на сайте", "en": "View on the site"},
    "export_data_version": {"ru": "Версия данных", "en": "Data version"},
    "export_exported": {"ru": "Экспортировано", "en": "Exported"},
    "panel_export": {"ru": "Экспорт", "en": "Export"},
    "panel_size": {"ru": "Размер", "en": "Size"},
    "panel_preset_article": {"ru": "Статья, 1200×675", "en": "Article, 1200×675"},
    "panel_preset_square": {"ru": "Квадрат, 1080×1080", "en": "Square, 1080×1080"},
    "panel_preset_social": {"ru": "Соцсети, 1200×630", "en": "Social, 1200×630"},
    "panel_preset_story": {"ru": "Сторис, 1080×1920", "en": "Story, 1080×1920"},
    "panel_card_export": {"ru": "Экспорт карточки", "en": "Export card"},
    "panel_card_download": {"ru": "Скачать карточку", "en": "Download card"},
    "panel_preset_custom": {"ru": "Свой размер", "en": "Custom size"},
    "panel_width": {"ru": "Ширина, px", "en": "Width, px"},
    "panel_height": {"ru": "Высота, px", "en": "Height, px"},
    "panel_scale": {"ru": "Масштаб", "en": "Scale"},
    "panel_format": {"ru": "Формат", "en": "Format"},
    "panel_lang": {"ru": "Язык", "en": "Language"},
    "panel_show": {"ru": "Показывать", "en": "Show"},
    "panel_part_title": {"ru": "заголовок", "en": "title"},
    "panel_part_subtitle": {"ru": "подзаголовок", "en": "subtitle"},
    "panel_part_source": {"ru": "источник и дату", "en": "source and date"},
    "panel_part_logo": {"ru": "логотип", "en": "logo"},
    "panel_note": {"ru": "Примечание", "en": "Note"},
    "panel_download": {"ru": "Скачать изображение", "en": "Download image"},
    "panel_pack": {"ru": "Архив для публикации (ZIP)", "en": "Export pack (ZIP)"},
    "panel_alt": {"ru": "Альтернативный текст", "en": "Alt text"},
    "panel_failed": {"ru": "Не удалось экспортировать", "en": "Export failed"},
    "export_error_chart": {
        "ru": "неизвестный график {value!r}; возможны: {allowed}",
        "en": "unknown chart {value!r}; expected one of {allowed}",
    },
    "export_error_preset": {
        "ru": "неизвестный размер {value!r}; возможны: {allowed}",
        "en": "unknown preset {value!r}; expected one of {allowed}",
    },
    "export_error_format": {
        "ru": "неизвестный формат {value!r}; возможны: {allowed}",
        "en": "unknown format {value!r}; expected one of {allowed}",
    },
    "export_error_scale": {
        "ru": "масштаб — 1, 2 или 3, а не {value!r}",
        "en": "scale must be 1, 2 or 3, not {value!r}",
    },
    "export_error_size": {
        "ru": "ширина и высота — от {min} до {max} px, а не {width}×{height}",
        "en": "width and height must be {min}..{max} px, not {width}x{height}",
    },
    "export_error_too_big": {
        "ru": "{width}×{height} в масштабе {scale} больше {max} px по стороне",
        "en": "{width}x{height} at scale {scale} exceeds {max} px a side",
    },
    "export_error_custom": {
        "ru": "для своего размера нужны ширина и высота",
        "en": "the custom preset needs a width and a height",
    },
    "export_error_number": {
        "ru": "размер — целое число пикселей, а не {value!r}",
        "en": "sizes are whole pixels, not {value!r}",
    },
    "export_error_lang": {
        "ru": "неизвестный язык {value!r}; возможны: {allowed}",
        "en": "unknown language {value!r}; expected one of {allowed}",
    },
    "export_error_card_too_long": {
        "ru": "текст цифры недели не помещается на карточку «{preset}»: выберите больший размер",
        "en": "the figure of the week's text does not fit a {preset} card: choose a larger size",
    },
    "export_error_no_card": {
        "ru": "в данных нет цифры недели",
        "en": "the data has no figure of the week",
    },
    "panel_done": {"ru": "Готово", "en": "Done"},
    # Too many exports at once in the process, or from one client in a minute.
    "export_busy": {
        "ru": "Сервер занят: попробуйте экспортировать ещё раз через {seconds} с",
        "en": "The server is busy: try the export again in {seconds} s",
    },
}
