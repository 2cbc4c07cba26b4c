"""The xlsx template staff fill in, with instructions and example rows from the current data."""

from __future__ import annotations

from eaeu import xlsx
from eaeu.imports.columns import OBS_COLUMNS

TEMPLATE_INSTRUCTIONS = (
    ("Как заполнить / How to fill in", ""),
    (
        "1. Заполните лист «Данные»: одна строка — одно значение показателя для страны за период.",
        "1. Fill in the 'Data' sheet: one row is one figure for one country and period.",
    ),
    (
        "2. indicator и geo — выберите из списка; период — даты начала и конца (ГГГГ-ММ-ДД).",
        "2. Pick indicator and geo from the lists; the period is its first and last day (YYYY-MM-DD).",
    ),
    (
        "3. value — прирост в % (4.4 означает +4,4 %), не индекс (104.4).",
        "3. value is growth in % (4.4 means +4.4 %), not an index (104.4).",
    ),
    (
        "4. Укажите источник: название, ссылку (https://...) и дату публикации.",
        "4. Give the source: its name, link (https://...) and publication date.",
    ),
    (
        "5. Загрузите файл: перед сохранением вы увидите, что изменится.",
        "5. Upload the file: you will see what changes before anything is saved.",
    ),
)


def template_xlsx(ds) -> bytes:
    """A workbook to fill in: instructions, a data sheet with lists, two real example rows."""
    from openpyxl.worksheet.datavalidation import DataValidation

    book = xlsx.new_workbook()
    title, *instructions = TEMPLATE_INSTRUCTIONS
    xlsx.add_sheet(book, "Инструкция (Instructions)", title, instructions, widths=(90, 90))
    # Dates are written as ISO text (xlsx.cell), never as Excel serial numbers.
    data = xlsx.add_sheet(
        book, "Данные (Data)", OBS_COLUMNS, _example_rows(ds), widths=[22] * len(OBS_COLUMNS)
    )
    indicators, geos = list(ds.indicators["id"]), list(ds.geographies["code"])
    lists = [(_at(indicators, i), _at(geos, i)) for i in range(max(len(indicators), len(geos)))]
    xlsx.add_sheet(book, "Lists", ("indicator", "geo"), lists).sheet_state = "hidden"
    for column, count in (("A", len(indicators)), ("B", len(geos))):
        rows = f"${column}$2:${column}${count + 1}"
        validation = DataValidation(type="list", formula1=f"=Lists!{rows}")
        data.add_data_validation(validation)
        validation.add(f"{column}2:{column}5000")
    return xlsx.to_bytes(book)


def _at(items: list[str], index: int) -> str | None:
    return items[index] if index < len(items) else None


def _example_rows(ds) -> list[list[object]]:
    obs = ds.observations
    sourced = obs[obs["source_url"].fillna("").astype(str).str.len() > 0].head(2)
    rows = []
    for row in sourced.itertuples(index=False):
        rows.append(
            [
                row.indicator,
                row.geo,
                row.period_start.isoformat(),
                row.period_end.isoformat(),
                float(row.value),
                row.source_name_ru,
                row.source_name_en,
                row.source_url or "",
                row.source_date or "",
            ]
        )
    return rows
