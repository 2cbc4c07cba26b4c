"""Ways to read one indicator: as published, as an index, change in points, rank among members."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from eaeu.i18n import STRINGS, normalize_lang, t
from eaeu.model import UNION
from eaeu.periods import year_before

TRANSFORMS = ("value", "index", "pp_change", "rank")


@dataclass(frozen=True)
class Measure:
    """How transformed values are printed and drawn."""

    transform: str
    unit: str
    decimals: int
    baseline: float

    @property
    def is_rank(self) -> bool:
        return self.transform == "rank"


def available(kind: str) -> tuple[str, ...]:
    """An index only makes sense for growth against the previous year."""
    return TRANSFORMS if kind == "growth_yoy" else ("value", "pp_change", "rank")


def measure(transform: str, unit: str, lang: str) -> Measure:
    lang = normalize_lang(lang)
    if transform == "index":
        return Measure(transform, "", 1, 100.0)
    if transform == "pp_change":
        return Measure(transform, t("unit_pp", lang), 1, 0.0)
    if transform == "rank":
        return Measure(transform, "", 0, 0.0)
    return Measure("value", unit, 1, 0.0)


def transform_label(transform: str, lang: str) -> str:
    return t(f"transform_{transform if transform in TRANSFORMS else 'value'}", lang)


def subtitle(transform: str, lang: str) -> str | None:
    key = f"transform_subtitle_{transform}"
    return t(key, lang) if key in STRINGS else None


def apply(obs: pd.DataFrame, transform: str) -> pd.DataFrame:
    """obs: every observation of ONE indicator. Returns the same rows with `value` transformed;
    rows that have no transformed value (no same period a year before, the union for ranks)
    are dropped. The published figure stays in `published`; ranks say in `reporting` how many
    members had a figure for the period."""
    frame = obs.assign(published=obs["value"])
    if transform == "index":
        return frame.assign(value=100.0 + frame["value"])
    if transform == "pp_change":
        return _change_on_year_before(frame)
    if transform == "rank":
        members = frame[frame["geo"] != UNION]
        ranks = members.groupby("period")["value"].rank(ascending=False, method="min")
        reporting = members.groupby("period")["value"].transform("count")
        return members.assign(value=ranks.astype(float), reporting=reporting.astype(int))
    return frame


def _change_on_year_before(frame: pd.DataFrame) -> pd.DataFrame:
    """Against the same period of the previous year (January-June 2024 on January-June 2023),
    never against a period of another length; without that figure there is no change."""
    before = {
        (geo, start, end): value
        for geo, start, end, value in zip(
            frame["geo"], frame["period_start"], frame["period_end"], frame["value"], strict=True
        )
    }
    earlier = [
        before.get((geo, *year_before(start, end)))
        for geo, start, end in zip(
            frame["geo"], frame["period_start"], frame["period_end"], strict=True
        )
    ]
    changed = frame["value"] - pd.Series(earlier, index=frame.index, dtype="float64")
    return frame.assign(value=changed.round(6)).dropna(subset=["value"])
