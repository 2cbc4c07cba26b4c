"""The public data API's answers (pure): parameters read and checked, then observations,
indicators, missions and a chart view's rows as frames, written as CSV or JSON.

Unlike the page, whose old links must keep working, the API never falls back: a parameter
the data cannot answer as given is a `BadParameter` naming it (the web layer answers 400 with
its message in the request's language). Periods are named as the data names them: by the
month they end in (`2024-09` is January-September 2024), so `from`/`to` bound that month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from urllib.parse import urlencode

import orjson
import pandas as pd

from eaeu import queries, transforms
from eaeu.charts import CHART_IDS, Chart
from eaeu.dataset import Dataset
from eaeu.downloads import chart_table, iso_dates, to_csv
from eaeu.i18n import DEFAULT_LANG, LANGS, t
from eaeu.periods import span_of, whole_months
from eaeu.view import MAX_QUERY, MAX_VALUE, TABLE_CHARTS, TABS, ResolvedView, ViewState

# Each parameter's values as given: a query may repeat one (`geo=ARM&geo=BLR`).
Args = Mapping[str, Sequence[str]]

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
# Every address takes `version` (and but for missions, whose `as_of` is a list's date, `as_of`):
# the data as it was published then (components/public.py request_dataset).
VINTAGE_PARAMETERS = ("version", "as_of")
OBSERVATION_PARAMETERS = ("indicator", "geo", "from", "to", "lang", *VINTAGE_PARAMETERS)
MISSION_PARAMETERS = ("as_of", "lang", "version")
VIEW_PARAMETERS = tuple(item.name for item in fields(ViewState))
MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def _echo(text: object, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


class BadParameter(ValueError):
    """A parameter the API cannot answer: `parameter` names it, `key` and `values` word why."""

    def __init__(self, parameter: str, key: str, **values: object):
        super().__init__(f"{parameter}: {key}")
        self.parameter = _echo(parameter)
        self.key = key
        # What the client sent is quoted back cut short; what the data knows, whole.
        self.values = {k: _echo(v) if k in ("name", "value") else v for k, v in values.items()}

    def payload(self, lang: str) -> dict:
        return {
            "error": "bad_parameter",
            "parameter": self.parameter,
            "message": t(self.key, lang, **self.values),
        }


def _single(args: Args, name: str, limit: int = MAX_VALUE) -> str:
    """One value ('' when absent or blank)."""
    values = list(args.get(name) or [])
    if len(values) > 1:
        raise BadParameter(name, "api_repeated_parameter", name=name)
    value = values[0].strip() if values else ""
    if len(value) > limit:
        raise BadParameter(name, "api_too_long", name=name, limit=limit)
    return value


def _items(args: Args, name: str) -> tuple[str, ...]:
    """Comma-separated items, from one value or several, each once, in order."""
    text = ",".join(args.get(name) or [])
    if len(text) > MAX_QUERY:
        raise BadParameter(name, "api_too_long", name=name, limit=MAX_QUERY)
    return tuple(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))


def check_only(args: Args, allowed: Sequence[str]) -> None:
    """A misspelt filter would silently answer everything: name it instead."""
    for name in args:
        if name not in allowed:
            raise BadParameter(name, "api_unknown_parameter", name=name, known=", ".join(allowed))


def request_lang(args: Args) -> str:
    """The answer's language: `lang` (ru or en; Russian when absent, as on the page)."""
    lang = _single(args, "lang") or DEFAULT_LANG
    if lang not in LANGS:
        raise BadParameter("lang", "api_bad_lang", value=lang)
    return lang


def error_lang(args: Args) -> str:
    """The language of an error message: the request's when it names a good one."""
    values = args.get("lang") or []
    return values[0] if len(values) == 1 and values[0] in LANGS else DEFAULT_LANG


def _known(name: str, given: Sequence[str], known: Sequence[str]) -> None:
    for value in given:
        if value not in known:
            raise BadParameter(
                name, "api_unknown_value", name=name, value=value, known=", ".join(known)
            )


def _month(name: str, text: str, last: bool) -> str:
    """'2024-09' as it is; a year is its first (or, for `to`, last) month."""
    match = MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2) or 1) <= 12:
        raise BadParameter(name, "api_bad_month", value=text)
    return f"{match.group(1)}-{match.group(2) or ('12' if last else '01')}"


@dataclass(frozen=True)
class ObservationQuery:
    indicators: tuple[str, ...] = ()  # () means every indicator
    geos: tuple[str, ...] = ()  # () means every geography
    start: str = ""  # the first month ('YYYY-MM') a period may end in; '' no bound
    end: str = ""  # the last one
    lang: str = DEFAULT_LANG

    def key(self) -> str:
        """The query in one normal form: equal keys, equal answers."""
        return urlencode(
            {
                "indicator": ",".join(sorted(self.indicators)),
                "geo": ",".join(sorted(self.geos)),
                "from": self.start,
                "to": self.end,
                "lang": self.lang,
            }
        )


def observation_query(ds: Dataset, args: Args) -> ObservationQuery:
    check_only(args, OBSERVATION_PARAMETERS)
    lang = request_lang(args)
    indicators, geos = _items(args, "indicator"), _items(args, "geo")
    _known("indicator", indicators, list(ds.indicators["id"]))
    _known("geo", geos, list(ds.geographies["code"]))
    start = _single(args, "from")
    end = _single(args, "to")
    start = _month("from", start, last=False) if start else ""
    end = _month("to", end, last=True) if end else ""
    if start and end and start > end:
        raise BadParameter("to", "api_from_after_to", start=start, end=end)
    return ObservationQuery(indicators, geos, start, end, lang)


OBSERVATION_COLUMNS = (
    "indicator",
    "geo",
    "period",
    "period_start",
    "period_end",
    "period_kind",
    "period_months",
    "span",
    "value",
    "unit",
    "source_name",
    "source_url",
    "source_date",
)


def observations(ds: Dataset, query: ObservationQuery) -> pd.DataFrame:
    """One row per published figure: ids and ISO codes, the period as ISO dates with its
    key, kind and length in months, the value as published, its unit and its source."""
    obs = ds.observations
    if query.indicators:
        obs = obs[obs["indicator"].isin(query.indicators)]
    if query.geos:
        obs = obs[obs["geo"].isin(query.geos)]
    months = obs["period_end"].map(lambda end: f"{end.year:04d}-{end.month:02d}")
    if query.start:
        obs, months = obs[months >= query.start], months[months >= query.start]
    if query.end:
        obs = obs[months <= query.end]
    obs = obs.reset_index(drop=True)
    pairs = list(zip(obs["period_start"], obs["period_end"], strict=True))
    units = ds.indicators.set_index("id")["unit"]
    out = obs.reindex(columns=OBSERVATION_COLUMNS).assign(
        period_start=iso_dates(obs["period_start"]),
        period_end=iso_dates(obs["period_end"]),
        period_kind=[span_of(start, end).kind for start, end in pairs],
        period_months=pd.array([whole_months(s, e) for s, e in pairs], dtype="Int64"),
        unit=obs["indicator"].map(units),
        source_name=obs[queries.source_column(query.lang)],
    )
    return out


def indicators(ds: Dataset, lang: str) -> list[dict]:
    """Every indicator of the catalogue, with what the data holds for it: the geographies,
    the period lengths (`span`) and the periods, newest first."""
    obs = ds.observations
    out = []
    for row in ds.indicators.itertuples(index=False):
        rows = obs[obs["indicator"] == row.id]
        periods = queries.periods(ds, row.id)
        out.append(
            {
                "id": row.id,
                "name": getattr(row, f"name_{lang}"),
                "definition": getattr(row, f"definition_{lang}"),
                "unit": row.unit,
                "kind": row.kind,
                "observations": len(rows),
                "geos": queries.indicator_geos(ds, row.id),
                "spans": [span.key for span in queries.spans(ds, row.id)],
                "periods": [
                    {"period": p.key, "period_start": p.start, "period_end": p.end} for p in periods
                ],
            }
        )
    return out


@dataclass(frozen=True)
class MissionQuery:
    as_of: dt.date | None = None  # None: every snapshot
    lang: str = DEFAULT_LANG

    def key(self) -> str:
        return urlencode({"as_of": self.as_of.isoformat() if self.as_of else "", "lang": self.lang})


def mission_query(ds: Dataset, args: Args) -> MissionQuery:
    check_only(args, MISSION_PARAMETERS)
    lang = request_lang(args)
    text = _single(args, "as_of")
    if not text:
        return MissionQuery(None, lang)
    try:
        as_of = dt.date.fromisoformat(text)
    except ValueError:
        raise BadParameter("as_of", "api_bad_date", value=text) from None
    dates = queries.snapshot_dates(ds)
    _known("as_of", [as_of.isoformat()], [d.isoformat() for d in dates])
    return MissionQuery(as_of, lang)


MISSION_COLUMNS = (
    "as_of",
    "snapshot_complete",
    "sending_country",
    "place",
    "place_name",
    "region",
    "region_name",
    "federal_district",
    "lat",
    "lon",
    "type",
    "status",
    "note",
    "source_name",
    "source_url",
    "source_date",
)


def missions(ds: Dataset, query: MissionQuery) -> pd.DataFrame:
    """One row per mission of a published list (`as_of`), or of every list: a list marked
    incomplete names only the missions its source named."""
    dates = [query.as_of] if query.as_of else queries.snapshot_dates(ds)
    snapshots = ds.snapshots.set_index("as_of")
    frames = []
    for as_of in dates:
        rows = queries.missions_frame(ds, as_of, query.lang)
        snap = snapshots.loc[as_of]
        frames.append(
            rows.assign(
                snapshot_complete=bool(snap["complete"]),
                place_name=rows["city"],
                source_name=snap[queries.source_column(query.lang)],
                source_url=snap["source_url"],
                source_date=snap["source_date"],
            )
        )
    if not frames:
        return pd.DataFrame(columns=MISSION_COLUMNS)
    out = pd.concat(frames, ignore_index=True).reindex(columns=MISSION_COLUMNS)
    return out.assign(as_of=iso_dates(out["as_of"]))


def check_chart_view(ds: Dataset, chart_id: str, args: Args, view: ResolvedView) -> None:
    """Each of the page's view parameters given must be what `view` (the query resolved
    against `ds`) shows: the page falls back quietly, the API names what it cannot show."""
    if chart_id not in CHART_IDS:
        raise BadParameter(
            "chart", "api_unknown_value", name="chart", value=chart_id, known=", ".join(CHART_IDS)
        )
    check_only(args, VIEW_PARAMETERS)
    request_lang(args)
    for name in args:
        value = _single(args, name, MAX_QUERY)
        wanted = value.split(",") if name == "countries" else [value]
        shown = view.countries if name == "countries" else [getattr(view, name)]
        for item in wanted:
            if item and item not in shown:
                known = ", ".join(_view_values(ds, view, name))
                raise BadParameter(name, "api_unknown_value", name=name, value=item, known=known)


def _view_values(ds: Dataset, view: ResolvedView, name: str) -> list[str]:
    """What a view parameter may be, for the message naming a bad one."""
    kind = queries.indicator_row(ds, view.indicator)["kind"]
    return {
        "lang": list(LANGS),
        "tab": list(TABS),
        "table": list(TABLE_CHARTS),
        "indicator": list(dict.fromkeys(ds.observations["indicator"])),
        "period": [p.key for p in queries.periods(ds, view.indicator)],
        "countries": queries.indicator_geos(ds, view.indicator),
        "snapshot": [d.isoformat() for d in queries.snapshot_dates(ds)],
        "transform": list(transforms.available(kind)),
        "span": [s.key for s in queries.spans(ds, view.indicator)],
    }[name]


def observations_file(ds: Dataset, query: ObservationQuery, fmt: str) -> bytes:
    meta = {"data_version": ds.version, "query": query.key()}
    return table_file(observations(ds, query), fmt, meta)


def missions_file(ds: Dataset, query: MissionQuery, fmt: str) -> bytes:
    meta = {"data_version": ds.version, "query": query.key()}
    return table_file(missions(ds, query), fmt, meta)


def indicators_file(ds: Dataset, lang: str) -> bytes:
    return to_json({"data_version": ds.version, "lang": lang, "data": indicators(ds, lang)})


def chart_file(ds: Dataset, chart: Chart, view: ResolvedView, fmt: str) -> bytes:
    """Exactly the rows of the chart's data download (eaeu/downloads.py), with its texts."""
    meta = {
        "data_version": ds.version,
        "chart": chart.chart_id,
        "view": view.to_query().lstrip("?"),
        "title": chart.text.title,
        "subtitle": chart.text.subtitle,
        "source": chart.text.source,
        "note": chart.text.note,
    }
    return table_file(chart_table(ds, chart), fmt, meta)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts, missing values as None (JSON null)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def to_json(payload: object) -> bytes:
    return orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY)


def table_file(frame: pd.DataFrame, fmt: str, meta: dict) -> bytes:
    """CSV as the data downloads write it (UTF-8, comma, ISO dates), or JSON: `meta`, then
    the column names and one object per row."""
    if fmt == "csv":
        return to_csv(frame)
    return to_json(
        {**meta, "count": len(frame), "columns": list(frame.columns), "data": records(frame)}
    )
