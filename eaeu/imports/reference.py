"""What an import needs to know of the current data: country and indicator names."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

FOOTNOTE = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d\)|\s\d$")
GEO_NOISE = re.compile(r"\b(республика|republic of|republic|the)\b")


def normalise_name(text: str) -> str:
    """Case, spacing, 'ё', footnote marks and the word 'Республика' do not tell countries apart."""
    text = FOOTNOTE.sub(" ", str(text).casefold().replace("ё", "е"))
    text = GEO_NOISE.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@dataclass
class Reference:
    """What an import needs to know about the current data."""

    geo_by_name: dict[str, str]
    geo_names: list[str]
    indicator_by_name: dict[str, str]
    indicator_kind: dict[str, str]
    latest_end: dict[str, str]

    @classmethod
    def from_raw(cls, raw: dict[str, pd.DataFrame]) -> Reference:
        geo_by_name: dict[str, str] = {}
        for row in raw["geographies"].itertuples(index=False):
            for name in [row.code, row.name_ru, row.name_en, *str(row.aliases).split("|")]:
                if normalise_name(name):
                    geo_by_name.setdefault(normalise_name(name), row.code)
        indicator_by_name: dict[str, str] = {}
        for row in raw["indicators"].itertuples(index=False):
            for name in (row.id, row.name_ru, row.name_en):
                indicator_by_name.setdefault(normalise_name(name), row.id)
        obs = raw["observations"]
        latest = obs.groupby("indicator")["period_end"].max().to_dict() if len(obs) else {}
        return cls(
            geo_by_name=geo_by_name,
            geo_names=list(raw["geographies"]["name_ru"]),
            indicator_by_name=indicator_by_name,
            indicator_kind=dict(
                zip(raw["indicators"]["id"], raw["indicators"]["kind"], strict=True)
            ),
            latest_end=latest,
        )

    def geo(self, text: str) -> str | None:
        return self.geo_by_name.get(normalise_name(text))

    def indicator(self, text: str) -> str | None:
        return self.indicator_by_name.get(normalise_name(text))
