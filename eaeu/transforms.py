"""Ways to read one indicator: as published, as an index, change in points, rank among members."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from eaeu.i18n import STRINGS, normalize_lang, t
from eaeu.model import UNION

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
    rows that have no transformed value (no previous period, the union for ranks) are dropped.
    The published figure stays in `published`."""
    frame = obs.assign(published=obs["value"])
    if transform == "index":
        return frame.assign(value=100.0 + frame["value"])
    if transform == "pp_change":
        return _change_on_previous(frame)
    if transform == "rank":
        members = frame[frame["geo"] != UNION]
        ranks = members.groupby("period")["value"].rank(ascending=False, method="min")
        return members.assign(value=ranks.astype(float))
    return frame


def _change_on_previous(frame: pd.DataFrame) -> pd.DataFrame:
    """Against the previous period of the indicator's series; a gap there leaves no value."""
    order = frame.drop_duplicates("period").sort_values("period_end")["period"].tolist()
    previous = dict(zip(order[1:], order[:-1], strict=True))
    before = frame.set_index(["geo", "period"])["value"]
    keys = [(g, previous.get(p)) for g, p in zip(frame["geo"], frame["period"], strict=True)]
    earlier = [before.get(k) if k[1] else None for k in keys]
    changed = frame["value"] - pd.Series(earlier, index=frame.index, dtype="float64")
    return frame.assign(value=changed.round(6)).dropna(subset=["value"])
