"""Questions the dashboard asks of a Dataset: pure functions returning tidy frames."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

import pandas as pd

from eaeu import transforms
from eaeu.dataset import Dataset, parse_leaders
from eaeu.i18n import (
    FEDERAL_DISTRICTS,
    MISSION_STATUSES,
    MISSION_TYPES,
    fmt_date,
    label,
    normalize_lang,
    period_label,
    t,
)
from eaeu.periods import Span, ordered_spans, span_of

SOURCE_LINE_WIDTH = 120


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date

    def label(self, lang: str) -> str:
        return period_label(self.start, self.end, lang)


def indicator_row(ds: Dataset, indicator: str) -> pd.Series:
    return ds.indicators.set_index("id").loc[indicator]


def indicator_name(ds: Dataset, indicator: str, lang: str) -> str:
    return indicator_row(ds, indicator)[f"name_{normalize_lang(lang)}"]


def indicator_options(ds: Dataset, lang: str) -> list[dict[str, str]]:
    column = f"name_{normalize_lang(lang)}"
    with_data = set(ds.observations["indicator"])
    rows = ds.indicators[ds.indicators["id"].isin(with_data)]
    return [{"label": r[column], "value": r["id"]} for _, r in rows.iterrows()]


def periods(ds: Dataset, indicator: str) -> list[Period]:
    """Periods with data for the indicator, newest first."""
    return list(ds.cached(("periods", indicator), lambda: _periods(ds, indicator)))


def _periods(ds: Dataset, indicator: str) -> tuple[Period, ...]:
    obs = ds.observations[ds.observations["indicator"] == indicator]
    unique = obs.drop_duplicates("period").sort_values("period_end", ascending=False)
    return tuple(Period(r.period, r.period_start, r.period_end) for r in unique.itertuples())


def find_period(ds: Dataset, indicator: str, key: str | None) -> Period | None:
    found = periods(ds, indicator)
    by_key = {p.key: p for p in found}
    return by_key.get(key or "", found[0] if found else None)


def periods_with_members(ds: Dataset, indicator: str, transform: str = "value") -> list[Period]:
    """Periods with a (transformed) figure for at least one member state, newest first."""
    obs = indicator_frame(ds, indicator, transform)
    obs = obs[obs["geo"].isin(member_codes(ds))]
    with_members = set(obs["period"])
    return [p for p in periods(ds, indicator) if p.key in with_members]


def spans(ds: Dataset, indicator: str) -> list[Span]:
    """The period lengths the indicator has data for, in the selector's order."""
    return list(ds.cached(("spans", indicator), lambda: tuple(_spans(ds, indicator))))


def _spans(ds: Dataset, indicator: str) -> list[Span]:
    obs = ds.observations[ds.observations["indicator"] == indicator]
    unique = obs.drop_duplicates("span")
    pairs = zip(unique.period_start, unique.period_end, strict=True)
    return ordered_spans(span_of(start, end) for start, end in pairs)


def default_span(ds: Dataset, indicator: str) -> str:
    """The length with the most periods (the longest series to compare), the newest on a tie."""
    return ds.cached(("default_span", indicator), lambda: _default_span(ds, indicator))


def _default_span(ds: Dataset, indicator: str) -> str:
    obs = ds.observations[ds.observations["indicator"] == indicator]
    if obs.empty:
        return ""
    series = obs.drop_duplicates("period").groupby("span")["period_end"].agg(["count", "max"])
    return series.sort_values(["count", "max"], ascending=False).index[0]


def find_span(ds: Dataset, indicator: str, key: str | None) -> str:
    known = {s.key for s in spans(ds, indicator)}
    return key if key in known else default_span(ds, indicator)


def geo_names(ds: Dataset, lang: str) -> dict[str, str]:
    column = f"name_{normalize_lang(lang)}"
    return dict(zip(ds.geographies["code"], ds.geographies[column], strict=True))


def member_codes(ds: Dataset) -> list[str]:
    geos = ds.geographies
    return list(geos.loc[geos["kind"] == "member", "code"])


def _with_names(frame: pd.DataFrame, ds: Dataset, lang: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["name"] = frame["geo"].map(geo_names(ds, lang))
    return frame


def indicator_frame(ds: Dataset, indicator: str, transform: str = "value") -> pd.DataFrame:
    """Every observation of one indicator, read the way the transform asks."""
    obs = ds.observations
    return transforms.apply(obs[obs["indicator"] == indicator], transform)


def growth_frame(
    ds: Dataset, indicator: str, period: Period, lang: str, transform: str = "value"
) -> pd.DataFrame:
    """One row per geography with a value in the period, highest value first."""
    obs = indicator_frame(ds, indicator, transform)
    rows = _with_names(obs[obs["period"] == period.key], ds, lang)
    ascending = transform == "rank"
    return rows.sort_values(["value", "name"], ascending=[ascending, True], ignore_index=True)


def missing_members(
    ds: Dataset, frame: pd.DataFrame, lang: str, indicator: str = "", period: Period | None = None
) -> list[str]:
    """Member states with no value in the frame: said on the chart, never filled in. A figure
    the source withheld says why: 'Беларусь (источник сообщает только о снижении ...)'."""
    names = geo_names(ds, lang)
    present = set(frame["geo"])
    notes = gap_notes(ds, indicator, period, lang) if period else {}
    return [
        f"{names[c]} ({notes[c]})" if c in notes else names[c]
        for c in member_codes(ds)
        if c not in present
    ]


def gap_notes(ds: Dataset, indicator: str, period: Period, lang: str) -> dict[str, str]:
    """Why a source gives no figure, by geography, for one indicator and period."""
    gaps = ds.gaps
    rows = gaps[
        (gaps["indicator"] == indicator)
        & (gaps["period_start"] == period.start)
        & (gaps["period_end"] == period.end)
    ]
    return dict(zip(rows["geo"], rows[f"note_{normalize_lang(lang)}"], strict=True))


def trend_frame(
    ds: Dataset,
    indicator: str,
    geos: list[str],
    lang: str,
    transform: str = "value",
    span: str = "",
) -> pd.DataFrame:
    """Observations of one period length (`span`, e.g. 'ytd-6'), by geography over years."""
    obs = indicator_frame(ds, indicator, transform)
    rows = obs[obs["geo"].isin(geos) & (obs["span"] == span)]
    rows = _with_names(rows, ds, lang)
    rows["period_label"] = [
        period_label(s, e, lang) for s, e in zip(rows.period_start, rows.period_end, strict=True)
    ]
    return rows.sort_values(["geo", "period_end"], ignore_index=True)


def indicator_geos(ds: Dataset, indicator: str) -> list[str]:
    """Geographies with any value for the indicator, union first then members in order."""
    return list(ds.cached(("geos", indicator), lambda: tuple(_indicator_geos(ds, indicator))))


def _indicator_geos(ds: Dataset, indicator: str) -> list[str]:
    present = set(ds.observations.loc[ds.observations["indicator"] == indicator, "geo"])
    return [c for c in ds.geographies["code"] if c in present]


def source_column(lang: str) -> str:
    """The column naming a row's source in the reader's language."""
    return f"source_name_{normalize_lang(lang)}"


def sources_line(frame: pd.DataFrame, lang: str) -> str:
    """'Источник: ТАСС, 18 января 2024 г.' with every distinct source of the rows shown."""
    seen: list[str] = []
    for name, date in zip(frame[source_column(lang)], frame["source_date"], strict=True):
        text = f"{name}, {fmt_date(date, lang)}" if isinstance(date, str) and date else name
        if text not in seen:
            seen.append(text)
    key = "source" if len(seen) <= 1 else "sources"
    line = f"{t(key, lang)}: {'; '.join(seen)}" if seen else ""
    # Long source lists wrap so they fit inside an exported image (figures print '\n' as <br>).
    return "\n".join(textwrap.wrap(line, SOURCE_LINE_WIDTH, break_on_hyphens=False))


def snapshot_dates(ds: Dataset) -> list[dt.date]:
    return list(ds.snapshots["as_of"])


def snapshot_row(ds: Dataset, as_of: dt.date) -> pd.Series:
    return ds.snapshots.set_index("as_of").loc[as_of]


def find_snapshot(ds: Dataset, key: str | None) -> dt.date | None:
    dates = snapshot_dates(ds)
    by_key = {d.isoformat(): d for d in dates}
    return by_key.get(key or "", dates[-1] if dates else None)


def missions_frame(ds: Dataset, as_of: dt.date, lang: str) -> pd.DataFrame:
    lang = normalize_lang(lang)
    rows = ds.missions[ds.missions["as_of"] == as_of].copy()
    rows["city"] = rows[f"name_{lang}"]
    rows["region_name"] = rows[f"region_{lang}"]
    rows["district"] = [label(FEDERAL_DISTRICTS, d, lang) for d in rows["federal_district"]]
    rows["note"] = rows[f"note_{lang}"]
    return rows.reset_index(drop=True)


def counts_by(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Missions per region (or district), type and open-or-not, the region with most first."""
    frame = frame.assign(open=frame["status"] == "open")
    counts = frame.groupby([column, "type", "open"], as_index=False).size()
    counts = counts.rename(columns={"size": "n"})
    totals = counts.groupby(column)["n"].transform("sum")
    counts = counts.assign(total=totals)
    return counts.sort_values(["total", column], ascending=[False, True], ignore_index=True)


@dataclass(frozen=True)
class MissionChange:
    kind: str  # added | removed | changed
    city: str
    before: str | None
    after: str | None


def previous_complete(ds: Dataset, as_of: dt.date) -> dt.date | None:
    snaps = ds.snapshots
    earlier = snaps[(snaps["as_of"] < as_of) & snaps["complete"]]
    return earlier["as_of"].iloc[-1] if not earlier.empty else None


def mission_changes(
    ds: Dataset, as_of: dt.date, lang: str
) -> tuple[dt.date | None, list[MissionChange]]:
    """What differs between a complete snapshot and the complete one before it, city by city."""
    before_date = previous_complete(ds, as_of)
    if before_date is None or not snapshot_row(ds, as_of)["complete"]:
        return None, []
    before = _missions_by_city(missions_frame(ds, before_date, lang), lang)
    after = _missions_by_city(missions_frame(ds, as_of, lang), lang)
    changes = []
    for city in sorted(set(before) | set(after)):
        old, new = before.get(city), after.get(city)
        if old == new:
            continue
        kind = "added" if old is None else "removed" if new is None else "changed"
        changes.append(MissionChange(kind, city, old, new))
    return before_date, changes


def _missions_by_city(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    described: dict[str, list[str]] = {}
    for row in frame.itertuples():
        text = label(MISSION_TYPES, row.type, lang)
        if row.status != "open":
            text += f" ({label(MISSION_STATUSES, row.status, lang)})"
        described.setdefault(row.city, []).append(text)
    return {city: ", ".join(sorted(items)) for city, items in described.items()}


def snapshot_label(as_of: dt.date, lang: str) -> str:
    return fmt_date(as_of, lang)


@dataclass(frozen=True)
class Highlight:
    date: str
    value: float
    unit: str
    text_ru: str
    text_en: str
    leaders: list[tuple[str, float]]
    source_name_ru: str
    source_name_en: str
    source_url: str | None
    indicator: str = ""

    def text(self, lang: str) -> str:
        return self.text_en if normalize_lang(lang) == "en" else self.text_ru

    def source_name(self, lang: str) -> str:
        return self.source_name_en if normalize_lang(lang) == "en" else self.source_name_ru


def latest_highlight(ds: Dataset) -> Highlight | None:
    """The figure of the week: the newest highlight row (dates sort as text: YYYY[-MM[-DD]])."""
    if ds.highlights.empty:
        return None
    row = ds.highlights.sort_values("date").iloc[-1]
    return Highlight(
        date=row["date"],
        value=float(row["value"]),
        unit=row["unit"] or "",
        text_ru=row["text_ru"],
        text_en=row["text_en"],
        leaders=parse_leaders(row["leaders"]),
        source_name_ru=row["source_name_ru"],
        source_name_en=row["source_name_en"],
        source_url=row["source_url"],
        indicator=row["indicator"],
    )
