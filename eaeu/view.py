"""What one reader is looking at, as a value: parsed from and written to a URL query string."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qsl, urlencode

from eaeu import queries, transforms
from eaeu.dataset import Dataset
from eaeu.i18n import LANGS

TABS = ("indicators", "missions", "table", "data")
TABLES = ("growth", "trend", "missions")
DEFAULT_INDICATOR = "industrial_production"


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

    @classmethod
    def from_query(cls, search: str | None) -> ViewState:
        """Unknown keys are ignored and bad values fall back later in `resolve`: old links keep working."""
        pairs = dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))
        countries = None
        if "countries" in pairs:
            countries = tuple(c for c in pairs["countries"].split(",") if c)
        return cls(
            lang=pairs.get("lang", "ru"),
            tab=pairs.get("tab", "indicators"),
            indicator=pairs.get("indicator", DEFAULT_INDICATOR),
            period=pairs.get("period", ""),
            countries=countries,
            snapshot=pairs.get("snapshot", ""),
            table=pairs.get("table", "growth"),
            transform=pairs.get("transform", "value"),
        )

    def to_query(self) -> str:
        values = {k: v for k, v in asdict(self).items() if v and k != "countries"}
        if self.countries is not None:
            values["countries"] = ",".join(self.countries)
        return "?" + urlencode(values)

    def resolve(self, ds: Dataset) -> ViewState:
        """Replace anything the dataset cannot show with its default."""
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
        return replace(
            self,
            lang=self.lang if self.lang in LANGS else "ru",
            tab=self.tab if self.tab in TABS else "indicators",
            indicator=indicator,
            period=period.key if period else "",
            countries=countries,
            snapshot=snapshot.isoformat() if snapshot else "",
            table=self.table if self.table in TABLES else "growth",
            transform=self.transform if self.transform in transforms.available(kind) else "value",
        )
