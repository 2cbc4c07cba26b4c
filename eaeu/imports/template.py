"""The xlsx template staff fill in, with instructions and example rows from the current data."""

from __future__ import annotations

import io

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
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    guide = workbook.active
    guide.title = "Инструкция (Instructions)"
    for ru, en in TEMPLATE_INSTRUCTIONS:
        guide.append([ru, en])
    guide.column_dimensions["A"].width = guide.column_dimensions["B"].width = 90
    data = workbook.create_sheet("Данные (Data)")
    data.append(list(OBS_COLUMNS))
    for row in _example_rows(ds):
        data.append(row)
        for cell in data[data.max_row][2:4]:
            cell.data_type = "s"  # dates stay ISO text, not Excel serial numbers
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    indicators, geos = list(ds.indicators["id"]), list(ds.geographies["code"])
    for i in range(max(len(indicators), len(geos))):
        lists.append([_at(indicators, i), _at(geos, i)])
    for column, count, letter in (("A", len(indicators), "A"), ("B", len(geos), "B")):
        validation = DataValidation(type="list", formula1=f"=Lists!${letter}$1:${letter}${count}")
        data.add_data_validation(validation)
        validation.add(f"{column}2:{column}5000")
    for column in "ABCDEFGH":
        data.column_dimensions[column].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
                row.source_name,
                row.source_url or "",
                row.source_date or "",
            ]
        )
    return rows
