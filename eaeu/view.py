"""What one reader is looking at, as a value: parsed from and written to a URL query string."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qsl, urlencode

from eaeu import queries, transforms
from eaeu.config import public_address
from eaeu.dataset import Dataset
from eaeu.i18n import LANGS

TABS = ("indicators", "missions", "table", "changes", "data")
TABLE_CHARTS = ("growth", "trend", "matrix", "missions")  # what the table tab can list
DEFAULT_INDICATOR = "industrial_production"
# What one address may ask for: longer queries and values are cut or ignored, so a crafted
# link costs no more than an honest one (every value and code the data has is far shorter).
MAX_QUERY = 4_000
MAX_VALUE = 200
MAX_COUNTRIES = 50
CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")  # ISO3 or the union's EAEU
# Charts are drawn compact (eaeu/charts.py build_chart) for a screen, or an embed's frame,
# narrower than this many CSS px (Bootstrap's md breakpoint). The one copy: the dashboard
# (components/server.py) and the embed page (eaeu/embed.py) write it into a <meta> of this
# name, which assets/app.js and assets/embed/embed.js read.
COMPACT_BELOW = 768
COMPACT_META = "eaeu-compact-below"


def _cut(query: str) -> str:
    """At most MAX_QUERY characters, ending at a whole item or parameter."""
    if len(query) <= MAX_QUERY:
        return query
    query = query[: MAX_QUERY + 1]
    return query[: max(query.rfind(","), query.rfind("&"), 0)]


def _countries(text: str) -> tuple[str, ...] | None:
    """Distinct code-looking items, at most MAX_COUNTRIES, in order; None (all) when the
    list named only things that are not codes, () when it named nothing."""
    items = [item for item in text.split(",") if item]
    codes = list(dict.fromkeys(item for item in items if CODE.fullmatch(item)))
    if items and not codes:
        return None
    return tuple(codes[:MAX_COUNTRIES])


@dataclass(frozen=True)
class ViewState:
    lang: str = "ru"
    tab: str = "indicators"
    indicator: str = DEFAULT_INDICATOR
    period: str = ""
    countries: tuple[str, ...] | None = None  # None: every country; (): none ticked
    snapshot: str = ""
    table: str = "growth"
    transform: str = "value"
    span: str = ""  # the trend's period length (eaeu.periods.Span.key), e.g. 'ytd-6'
    # The data as it was published (eaeu/vintage.py checks these, `resolve` drops them):
    version: str = ""  # a version's number
    as_of: str = ""  # or a day, YYYY-MM-DD: the newest version created on or before it
    compare: str = ""  # the "what changed" tab: two versions, 'A..B'

    @classmethod
    def from_query(cls, search: str | None) -> ViewState:
        """Unknown keys are ignored and bad values fall back later in `resolve`: old links keep working."""
        query = _cut((search or "").lstrip("?"))
        pairs = {
            key: value
            for key, value in parse_qsl(query, keep_blank_values=True)
            if len(value) <= MAX_VALUE or key == "countries"
        }
        countries = _countries(pairs["countries"]) if "countries" in pairs else None
        return cls(
            lang=pairs.get("lang", "ru"),
            tab=pairs.get("tab", "indicators"),
            indicator=pairs.get("indicator", DEFAULT_INDICATOR),
            period=pairs.get("period", ""),
            countries=countries,
            snapshot=pairs.get("snapshot", ""),
            table=pairs.get("table", "growth"),
            transform=pairs.get("transform", "value"),
            span=pairs.get("span", ""),
            version=pairs.get("version", ""),
            as_of=pairs.get("as_of", ""),
            compare=pairs.get("compare", ""),
        )

    def to_query(self) -> str:
        """The one writer of view query strings: the address bar, links, embeds and packs."""
        values = {}
        for item in fields(ViewState):
            value = getattr(self, item.name)
            if item.name == "countries":
                if value is not None:
                    values["countries"] = ",".join(value)
            elif value:
                values[item.name] = value
        return "?" + urlencode(values)

    def link(self, site: str) -> str:
        """The view's absolute address on the site at `site` ('https://host/' or with a path):
        a link written into a file must work away from the page, so there is no relative one."""
        base = public_address(site)
        if base is None:
            raise ValueError("a link to the view needs the site's address (PUBLIC_URL)")
        return base + self.to_query()

    def resolve(self, ds: Dataset) -> ResolvedView:
        """Replace anything the dataset cannot show with its default. The version fields are
        the store's business: `eaeu.vintage.open_view` resolves them and sets them again.
        Worked out once per view and dataset: every panel of a change resolves the same view."""
        key = ("view", self)
        try:
            hash(key)
        except TypeError:  # a field holding a list (a caller's choice): worked out each time
            return self._resolve(ds)
        return ds.cached(key, lambda: self._resolve(ds))

    def _resolve(self, ds: Dataset) -> ResolvedView:
        indicator = self.indicator
        if indicator not in set(ds.observations["indicator"]):
            indicator = DEFAULT_INDICATOR
        kind = queries.indicator_row(ds, indicator)["kind"]
        period = queries.find_period(ds, indicator, self.period)
        available = queries.indicator_geos(ds, indicator)
        countries = tuple(available)
        if self.countries is not None:
            known = tuple(c for c in self.countries if c in available)
            # A link naming only unknown codes falls back to all; an empty choice stays empty.
            countries = known if known or not self.countries else countries
        snapshot = queries.find_snapshot(ds, self.snapshot)
        return ResolvedView(
            lang=self.lang if self.lang in LANGS else "ru",
            tab=self.tab if self.tab in TABS else "indicators",
            indicator=indicator,
            period=period.key if period else "",
            countries=countries,
            snapshot=snapshot.isoformat() if snapshot else "",
            table=self.table if self.table in TABLE_CHARTS else "growth",
            transform=self.transform if self.transform in transforms.available(kind) else "value",
            span=queries.find_span(ds, indicator, self.span),
            data_version=ds.version,
        )


@dataclass(frozen=True)
class ResolvedView(ViewState):
    """A view that the dataset `data_version` can show as it is: only `resolve` makes one, and
    resolving it again against the same data costs nothing."""

    countries: tuple[str, ...] = ()
    data_version: str = ""
    # Set by eaeu.vintage.open_view: the version shown when the address asks for one (0: the
    # current data), the day its data stood so (ISO), the two versions the "what changed" tab
    # compares, the current version, and why a version parameter of the address was not
    # followed: (parameter, Message) pairs.
    vintage: int = 0
    published: str = ""
    compared: tuple[int, ...] = ()
    newest: int = 0
    problems: tuple = ()

    def resolve(self, ds: Dataset) -> ResolvedView:
        return self if self.data_version == ds.version else super().resolve(ds)

    def with_lang(self, lang: str) -> ResolvedView:
        """The same view in another language: nothing else depends on it."""
        return replace(self, lang=lang if lang in LANGS else "ru")
