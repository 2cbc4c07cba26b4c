"""File names for exported images and packs: ASCII slugs of chart, view and date."""

from __future__ import annotations

import datetime as dt
import re

from eaeu.charts import view_chart_ids
from eaeu.dataset import Dataset
from eaeu.export.options import ExportOptions
from eaeu.view import ViewState

# Russian letters to ASCII; the hard and soft signs are dropped.
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
_CYRILLIC = {
    c: "" if latin == "_" else latin
    for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens only: safe in every file system and URL."""
    text = "".join(_CYRILLIC.get(c, c) for c in str(text).lower())
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("-", " ")).strip("-")
    return text or "chart"


def file_stem(options: ExportOptions, ds: Dataset, today: dt.date | None = None) -> str:
    """'eaeu_growth_industrial-production_2024-09_ru_article_2026-11-26': what, when, how big."""
    view = options.view.resolve(ds)
    parts = ["eaeu", options.chart_id]
    if options.chart_id.startswith("missions"):
        parts.append(view.snapshot)
    else:
        parts.append(view.indicator)
        if view.transform != "value":
            parts.append(view.transform)
        if options.chart_id == "growth":
            parts.append(view.period)
    size = f"{options.size[0]}x{options.size[1]}" if options.preset == "custom" else options.preset
    parts += [view.lang, size, (today or dt.date.today()).isoformat()]
    return "_".join(slug(p) for p in parts if p)


def file_name(options: ExportOptions, ds: Dataset, today: dt.date | None = None) -> str:
    return f"{file_stem(options, ds, today)}.{options.fmt}"


def pack_file_name(view: ViewState, ds: Dataset, today: dt.date | None = None) -> str:
    """'eaeu_indicators_industrial-production_2024-09_ru_2026-11-26_pack.zip'."""
    view = view.resolve(ds)
    charts = view_chart_ids(view)
    if all(c.startswith("missions") for c in charts):
        what = [view.snapshot]
    else:
        what = [view.indicator, view.period]
    parts = ["eaeu", view.tab, *what, view.lang, (today or dt.date.today()).isoformat()]
    return "_".join(slug(p) for p in parts if p) + "_pack.zip"
