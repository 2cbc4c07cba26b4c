"""What the figure-of-the-week card says in one language: the page's card and its image."""

from __future__ import annotations

from dataclasses import dataclass

from eaeu import queries
from eaeu.dataset import Dataset
from eaeu.i18n import fmt_date, fmt_value, normalize_lang, t


@dataclass(frozen=True)
class HighlightCard:
    """Plain text, as typed in the data: whoever shows it escapes it for its medium."""

    lang: str
    kicker: str  # "Цифра недели"
    number: str  # "4,4 %"
    caption: str
    leaders_label: str
    leaders: str  # "Армения (12,6 %), Беларусь (6,4 %)" (a name and its value never part), or ""
    source_label: str
    source_name: str
    source_url: str | None
    date: str  # as the language writes it; a partial date stays partial ("2024")
    indicator: str  # for file names
    highlight_date: str  # as stored ("2024", "2024-12-20"), for file names

    @property
    def source_line(self) -> str:
        """'Источник: Евразийская экономическая комиссия · 2024'."""
        source = f"{self.source_label}: {self.source_name}"
        return f"{source} · {self.date}" if self.date else source


def highlight_card(ds: Dataset, lang: str) -> HighlightCard | None:
    """The newest figure of the week in `lang`; None when the data has none."""
    highlight = queries.latest_highlight(ds)
    if highlight is None:
        return None
    lang = normalize_lang(lang)
    names = queries.geo_names(ds, lang)
    leaders = ", ".join(
        f"{names.get(code, code)}\u00a0({fmt_value(value, highlight.unit, lang)})"
        for code, value in highlight.leaders
    )
    return HighlightCard(
        lang=lang,
        kicker=t("figure_of_week", lang),
        number=fmt_value(highlight.value, highlight.unit, lang),
        caption=highlight.text(lang),
        leaders_label=t("leaders", lang),
        leaders=leaders,
        source_label=t("source", lang),
        source_name=highlight.source_name(lang),
        source_url=highlight.source_url,
        date=fmt_date(highlight.date, lang),
        indicator=highlight.indicator,
        highlight_date=str(highlight.date),
    )
