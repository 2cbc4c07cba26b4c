"""The xlsx template staff fill in, with instructions and example rows from the current data,
worded in the language it is asked for."""

from __future__ import annotations

from eaeu import xlsx
from eaeu.imports.columns import OBS_COLUMNS
from eaeu.messages import msg

STEPS = (
    "template_step_1",
    "template_step_2",
    "template_step_3",
    "template_step_4",
    "template_step_5",
)


def template_xlsx(ds, lang: str = "ru") -> bytes:
    """A workbook to fill in, worded in `lang`: instructions, a data sheet with lists, two real
    example rows. The column headers stay the importer's names in either language."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def words(key: str, **params: object) -> str:
        return msg(key, **params).text(lang)

    data_sheet, lists_sheet = words("template_sheet_data"), words("template_sheet_lists")
    book = xlsx.new_workbook()
    steps = [(words(key, sheet=data_sheet) if key == STEPS[0] else words(key),) for key in STEPS]
    instructions = words("template_sheet_instructions")
    xlsx.add_sheet(book, instructions, (words("template_title"),), steps, widths=(110,))
    # Dates are written as ISO text (xlsx.cell), never as Excel serial numbers.
    data = xlsx.add_sheet(
        book, data_sheet, OBS_COLUMNS, _example_rows(ds), widths=[22] * len(OBS_COLUMNS)
    )
    indicators, geos = list(ds.indicators["id"]), list(ds.geographies["code"])
    lists = [(_at(indicators, i), _at(geos, i)) for i in range(max(len(indicators), len(geos)))]
    xlsx.add_sheet(book, lists_sheet, ("indicator", "geo"), lists).sheet_state = "hidden"
    for column, count in (("A", len(indicators)), ("B", len(geos))):
        rows = f"${column}$2:${column}${count + 1}"
        # Quoted: a sheet name in Cyrillic is a valid reference only in quotes.
        validation = DataValidation(type="list", formula1=f"='{lists_sheet}'!{rows}")
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
