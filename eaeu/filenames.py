"""Names of every file the product writes: images, data downloads, packs, versions, template.

One scheme, `eaeu_<chart>_<what it shows>[_v<version>]_<lang>[_<size>][_<variant>]_<date>.<ext>`
(the version when the view shows a past one), in ASCII slugs: the files made from one view sort
together, whichever button or command made them.
"""

from __future__ import annotations

import datetime as dt
import re

from eaeu.charts import MISSIONS, main_chart, shows, view_chart_ids
from eaeu.view import ResolvedView

# Russian letters to ASCII; the hard and soft signs are dropped.
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
_CYRILLIC = {
    c: "" if latin == "_" else latin
    for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}
TEMPLATE = "eaeu_import-template.xlsx"


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens only: safe in every file system and URL."""
    text = "".join(_CYRILLIC.get(c, c) for c in str(text).lower())
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("-", " ")).strip("-")
    return text or "chart"


def _join(parts: list[str]) -> str:
    return "_".join(slug(p) for p in parts if p)


def _subject(chart_id: str, view: ResolvedView) -> list[str]:
    """What the chart shows: the snapshot, or the indicator (its period for the bars)."""
    if shows(chart_id) == MISSIONS:
        return [view.snapshot]
    parts = [view.indicator]
    if view.transform != "value":
        parts.append(view.transform)
    if chart_id == "growth":
        parts.append(view.period)
    return parts


def _published(view: ResolvedView) -> str:
    """A past version's data say which version they are: 'v3'."""
    return f"v{view.vintage}" if view.vintage else ""


def chart_stem(
    chart_id: str,
    view: ResolvedView,
    size: str = "",
    variant: str = "",
    today: dt.date | None = None,
) -> str:
    """'eaeu_growth_industrial-production_2024-09_ru_article_2026-11-26': what, how big, when.

    `size`: an image's preset or WxH; `variant`: a second file of the same kind (CSV for Excel).
    """
    parts = ["eaeu", chart_id, *_subject(chart_id, view), _published(view), view.lang, size]
    parts.append(variant)
    return _join([*parts, (today or dt.date.today()).isoformat()])


def image_name(chart_id: str, view: ResolvedView, size: str, fmt: str, today=None) -> str:
    return f"{chart_stem(chart_id, view, size=size, today=today)}.{fmt}"


# A data download's format: its extension and the variant that tells its file apart.
DATA_FORMATS = {"csv": ("csv", ""), "csv_ru": ("csv", "excel"), "xlsx": ("xlsx", "")}


def data_name(view: ResolvedView, fmt: str, today: dt.date | None = None) -> str:
    """A data download of the view's main chart: 'csv', 'csv_ru' (CSV for Excel) or 'xlsx';
    each format gets its own name ('..._ru_2026-11-26.csv', '..._ru_excel_2026-11-26.csv')."""
    extension, variant = DATA_FORMATS[fmt]
    stem = chart_stem(main_chart(view), view, variant=variant, today=today)
    return f"{stem}.{extension}"


def pack_name(view: ResolvedView, today: dt.date | None = None) -> str:
    """'eaeu_indicators_industrial-production_2024-09_ru_2026-11-26_pack.zip'."""
    charts = view_chart_ids(view)
    if all(shows(c) == MISSIONS for c in charts):
        what = [view.snapshot]
    else:
        what = [view.indicator, view.period]
    day = (today or dt.date.today()).isoformat()
    return _join(["eaeu", view.tab, *what, _published(view), view.lang, day, "pack"]) + ".zip"


def card_name(
    indicator: str,
    shown: str,
    lang: str,
    size: str,
    fmt: str,
    today: dt.date | None = None,
    vintage: int = 0,
) -> str:
    """The figure-of-the-week card as an image: what it quotes and the date it is shown for
    (and the past version it comes from), 'eaeu_card_industrial-production_2024_ru_square_2026-11-26.png'."""
    day = (today or dt.date.today()).isoformat()
    published = f"v{vintage}" if vintage else ""
    return _join(["eaeu", "card", indicator, shown, published, lang, size, day]) + f".{fmt}"


def version_name(version: int) -> str:
    """A whole stored version as a workbook: 'eaeu_data_v12.xlsx'."""
    return f"eaeu_data_v{int(version)}.xlsx"
