"""What an import needs to know of the current data: country and indicator names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from eaeu.messages import Each

FOOTNOTE = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d\)|\s\d$")
GEO_NOISE = re.compile(r"\b(республика|republic of|republic|the)\b")


def normalise_name(text: str) -> str:
    """Case, spacing, 'ё', footnote marks and the word 'Республика' do not tell countries apart."""
    text = FOOTNOTE.sub(" ", str(text).casefold().replace("ё", "е"))
    text = GEO_NOISE.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


# How titles name an indicator besides its names in the data ("Индексы промышленного
# производства", "Валовой внутренний продукт"); words match by their stems (title_stems).
INDICATOR_ALIASES = {
    "industrial_production": ("промышленное производство", "industrial production index"),
    "gdp": ("валовой внутренний продукт", "gross domestic product"),
    "industrial_output_share": ("доля промышленного производства", "share of industrial output"),
    "unemployment": ("безработица", "unemployment"),
}
STOP_WORDS = {"в", "во", "и", "по", "на", "к", "of", "in", "the", "and", "by", "to"}


def title_stems(text: str) -> list[str]:
    """A phrase's words as stems, so Russian cases match: 'производство' ~ 'производства'."""
    words = [w for w in normalise_name(text).split() if w not in STOP_WORDS]
    return [w[: max(3, min(len(w) - 2, 8))] if len(w) > 3 else w for w in words]


def _named_in(stems: list[str], words: list[str]) -> bool:
    return bool(stems) and all(any(w.startswith(s) for w in words) for s in stems)


@dataclass
class Reference:
    """What an import needs to know about the current data."""

    geo_by_name: dict[str, str]
    geo_names: Each  # every country's name, in Russian and in English
    indicator_by_name: dict[str, str]
    indicator_kind: dict[str, str]
    latest_end: dict[str, str]
    # Each source the data already cites, by either of its names: (Russian, English).
    source_by_name: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Each indicator's names and aliases as word stems, to find it named in a title.
    indicator_phrases: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def from_raw(cls, raw: dict[str, pd.DataFrame]) -> Reference:
        geo_by_name: dict[str, str] = {}
        for row in raw["geographies"].itertuples(index=False):
            for name in [row.code, row.name_ru, row.name_en, *str(row.aliases).split("|")]:
                if normalise_name(name):
                    geo_by_name.setdefault(normalise_name(name), row.code)
        indicator_by_name: dict[str, str] = {}
        phrases: dict[str, list[list[str]]] = {}
        for row in raw["indicators"].itertuples(index=False):
            for name in (row.id, row.name_ru, row.name_en):
                indicator_by_name.setdefault(normalise_name(name), row.id)
            names = (row.name_ru, row.name_en, *INDICATOR_ALIASES.get(row.id, ()))
            phrases[row.id] = [title_stems(name) for name in names]
        obs = raw["observations"]
        latest = obs.groupby("indicator")["period_end"].max().to_dict() if len(obs) else {}
        return cls(
            geo_by_name=geo_by_name,
            geo_names=Each(
                tuple(raw["geographies"]["name_ru"]), tuple(raw["geographies"]["name_en"])
            ),
            indicator_by_name=indicator_by_name,
            indicator_kind=dict(
                zip(raw["indicators"]["id"], raw["indicators"]["kind"], strict=True)
            ),
            latest_end=latest,
            source_by_name=_known_sources(raw),
            indicator_phrases=phrases,
        )

    def source(self, text: str) -> tuple[str, str] | None:
        """The Russian and English names of a source the data already cites as `text`."""
        return self.source_by_name.get(normalise_name(text))

    def geo(self, text: str) -> str | None:
        return self.geo_by_name.get(normalise_name(text))

    def indicator(self, text: str) -> str | None:
        return self.indicator_by_name.get(normalise_name(text))

    def indicators_named(self, title: str) -> list[str]:
        """The indicators a title names; of two that match, the one named more fully wins
        ('Доля в промышленном производстве ЕАЭС' is the share, not production itself)."""
        words = normalise_name(title).split()
        best: dict[str, set[str]] = {}
        for indicator, phrases in self.indicator_phrases.items():
            matched = [set(stems) for stems in phrases if _named_in(stems, words)]
            if matched:
                best[indicator] = max(matched, key=len)
        return sorted(i for i, s in best.items() if not any(s < o for o in best.values()))


def _known_sources(raw: dict[str, pd.DataFrame]) -> dict[str, tuple[str, str]]:
    known: dict[str, tuple[str, str]] = {}
    for table in ("observations", "snapshots", "highlights", "gaps"):
        frame = raw.get(table)
        if frame is None or "source_name_en" not in frame.columns:
            continue
        pairs = frame[["source_name_ru", "source_name_en"]].drop_duplicates()
        for ru, en in pairs.itertuples(index=False):
            for name in (ru, en):
                if normalise_name(name):
                    known.setdefault(normalise_name(name), (ru, en))
    return known
