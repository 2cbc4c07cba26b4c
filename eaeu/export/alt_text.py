"""Alt texts for every chart, written from the data it shows, in Russian or English."""

from __future__ import annotations

import pandas as pd

from eaeu.charts import Chart
from eaeu.export.options import export_string
from eaeu.highlight_card import HighlightCard
from eaeu.i18n import MISSION_STATUSES, MISSION_TYPES, fmt_number, fmt_value, label, t
from eaeu.model import UNION


def _alt_value(value: float, unit: str, lang: str) -> str:
    if unit:
        return fmt_value(value, unit, lang)
    decimals = 0 if float(value).is_integer() else 1
    return fmt_number(value, lang, decimals)


def _transformed(data: pd.DataFrame) -> bool:
    """Shown values differ from the published ones (an index, a change, a rank)."""
    return "published" in data and not data["value"].equals(data["published"])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sentences(*parts: str) -> str:
    """Join sentences, ending each with one full stop ('2026 г.' keeps its own)."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p.endswith(".") else p + "." for p in kept)


def _indicator_heading(chart: Chart, period: str | None) -> str:
    """'Промышленное производство, январь–сентябрь 2024' (+ what a transform shows)."""
    title = chart.text.title
    heading = title.removesuffix(f": {period}") + f", {period}" if period else title
    if _transformed(chart.data) and chart.text.subtitle:
        heading += f", {_lower_first(chart.text.subtitle)}"
    return heading


def _member_order(data: pd.DataFrame) -> list[str]:
    """Members by name, then the union: the order a reader scans a legend in."""
    names = data.drop_duplicates("geo").set_index("geo")["name"]
    members = sorted((g for g in names.index if g != UNION), key=lambda g: names[g])
    return [*members, UNION] if UNION in names.index else members


def _growth_alt(chart: Chart, lang: str) -> str:
    data = chart.data
    unit = data["unit"].iloc[0]
    members = data[data["geo"] != UNION]
    union = data[data["geo"] == UNION]
    values = ", ".join(
        f"{n} {_alt_value(v, unit, lang)}"
        for n, v in zip(members["name"], members["value"], strict=True)
    )
    if not union.empty:
        values += f"; {union['name'].iloc[0]} {_alt_value(union['value'].iloc[0], unit, lang)}"
    heading = _indicator_heading(chart, data["period_label"].iloc[0])
    return _sentences(f"{export_string('bar_chart', lang)}: {heading}: {values}", chart.text.note)


def _series_text(rows: pd.DataFrame, unit: str, lang: str) -> str:
    first, last = rows.iloc[0], rows.iloc[-1]
    first_text = f"{_alt_value(first['value'], unit, lang)} ({first['period_label']})"
    if len(rows) == 1:
        return f"{first['name']}: {first_text}"
    last_text = f"{_alt_value(last['value'], unit, lang)} ({last['period_label']})"
    return export_string("from_to", lang, name=first["name"], first=first_text, last=last_text)


def _trend_alt(chart: Chart, lang: str) -> str:
    """Each line by its first and last value: the shape a sighted reader takes away."""
    data = chart.data.dropna(subset=["value"]).sort_values("period_end")
    unit = data["unit"].iloc[0]
    series = [_series_text(data[data["geo"] == g], unit, lang) for g in _member_order(data)]
    heading = f"{export_string('line_chart', lang)}: {_indicator_heading(chart, None)}"
    return _sentences(heading, "; ".join(series), chart.text.note)


def _missions_alt(chart: Chart, lang: str) -> str:
    data = chart.data
    by_type = data["type"].value_counts()
    types = "; ".join(
        f"{_lower_first(label(MISSION_TYPES, k, lang))}: {int(by_type[k])}"
        for k in MISSION_TYPES
        if k in by_type
    )
    cities = sorted(
        {
            city if status == "open" else f"{city} ({label(MISSION_STATUSES, status, lang)})"
            for city, status in zip(data["city"], data["status"], strict=True)
        }
    )
    heading = ", ".join(p for p in (chart.text.title, chart.text.subtitle) if p)
    return _sentences(
        f"{export_string('map', lang)}: {heading}",
        f"{t('total_missions', lang, n=len(data))} ({types})",
        f"{export_string('cities', lang)}: {', '.join(cities)}",
        chart.text.note,
    )


def _counts_alt(chart: Chart, lang: str) -> str:
    column = "region_name" if chart.chart_id == "missions_regions" else "district"
    counts = chart.data.groupby(column).size().items()
    values = ", ".join(f"{n} {int(c)}" for n, c in sorted(counts, key=lambda i: (-i[1], i[0])))
    heading = ", ".join(p for p in (chart.text.title, chart.text.subtitle) if p)
    return _sentences(f"{export_string('bar_chart', lang)}: {heading}: {values}", chart.text.note)


def _matrix_alt(chart: Chart, lang: str) -> str:
    """Each country's figures, period by period, as its row of cells reads."""
    headers = dict(chart.columns)
    fields = [f for f in chart.data.columns if f not in ("name", "geo")]
    cells = chart.data[fields].stack().dropna()
    decimals = 0 if all(float(v).is_integer() for v in cells) else 1  # ranks are whole
    rows = [
        f"{row['name']}: "
        + ", ".join(
            f"{headers[f]} {fmt_number(row[f], lang, decimals)}" for f in fields if pd.notna(row[f])
        )
        for _, row in chart.data.iterrows()
    ]
    heading = ", ".join(p for p in (chart.text.title, chart.text.subtitle) if p)
    return _sentences(f"{export_string('matrix', lang)}: {heading}", "; ".join(rows))


ALT_TEXT = {
    "growth": _growth_alt,
    "trend": _trend_alt,
    "matrix": _matrix_alt,
    "missions": _missions_alt,
    "missions_regions": _counts_alt,
    "missions_districts": _counts_alt,
}
ALT_KIND = {"growth": "bar_chart", "trend": "line_chart", "missions": "map"}


def alt_text(chart: Chart, lang: str) -> str:
    """The chart in one paragraph, from its data: for alt attributes and screen readers."""
    lang = "en" if lang == "en" else "ru"
    if chart.data.empty or "value" in chart.data and chart.data["value"].isna().all():
        kind = export_string(ALT_KIND.get(chart.chart_id, "bar_chart"), lang)
        return _sentences(f"{kind}: {chart.text.title}", t("no_data", lang))
    return ALT_TEXT[chart.chart_id](chart, lang)


def card_alt_text(card: HighlightCard) -> str:
    """The figure-of-the-week card in one paragraph, from the card's own texts: 'Цифра недели:
    4,4 % — составил рост ... В числе лидеров: Армения (12,6 %), ... Источник: ЕЭК, 2024.'"""
    source = ", ".join(p for p in (card.source_name, card.date) if p)
    return _sentences(
        f"{card.kicker}: {card.number} — {card.caption}",
        f"{card.leaders_label}: {card.leaders}" if card.leaders else "",
        f"{card.source_label}: {source}",
    )
