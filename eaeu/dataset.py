"""The shipped dataset: readable CSV tables in data/, validated on load into one immutable Dataset."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import pandas as pd

from eaeu.memo import Memo
from eaeu.messages import msg
from eaeu.model import SCHEMAS, DataError, Problem, period_key, validate_table
from eaeu.periods import span_key

TABLES = tuple(SCHEMAS)
T = TypeVar("T")


@dataclass(frozen=True)
class Dataset:
    """Every table, typed and cross-checked; `version` changes whenever any content changes.

    One Dataset is shared by every request thread, so it hands out read-only views: `ds.name`
    and `ds.table(name)` give a shallow copy (pandas copy-on-write: writing to it copies),
    never the shared frame itself.
    """

    tables: Mapping[str, pd.DataFrame]
    version: str
    # The stored form of each table (CSV text): an import's preview keeps the texts it
    # validated, and its commit saves them without serialising or validating again.
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    # What is worked out from the tables alone (a view resolved, an indicator's periods): the
    # tables never change, so the answers are kept beside them and go when they go.
    derived: Memo = field(default_factory=lambda: Memo(1024), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    def cached(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()` worked out once for this dataset (treat the answer as read-only)."""
        return self.derived.get(key, make)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name].copy(deep=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.table(name)
        except KeyError:
            raise AttributeError(name) from None


def read_csv_text(path: Path) -> pd.DataFrame:
    """Every cell as text: typing belongs to the schema, not to pandas' guesses."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The shipped CSV tables as text frames: what an empty store is seeded with."""
    return {name: read_csv_text(data_dir / f"{name}.csv") for name in TABLES}


def current_form(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables saved by an older release, in today's columns: nothing stored is ever rewritten,
    so versions from before a schema change are read through this.

    A table that did not exist yet is empty; a source named once (`source_name`) is that name
    in both languages, as it was shown before.
    """
    tables = {}
    for name in TABLES:
        frame = frames.get(name)
        if frame is None:
            frame = pd.DataFrame(columns=SCHEMAS[name].column_names, dtype=str)
        elif "source_name" in frame.columns and "source_name_ru" not in frame.columns:
            frame = frame.rename(columns={"source_name": "source_name_ru"})
            frame.insert(
                frame.columns.get_loc("source_name_ru") + 1,
                "source_name_en",
                frame["source_name_ru"],
            )
        tables[name] = frame
    return tables


def load_dataset(data_dir: Path) -> Dataset:
    """A Dataset straight from CSV files, without a store (tests and benchmarks)."""
    return build_dataset(read_tables(data_dir))


def build_dataset(raw: dict[str, pd.DataFrame]) -> Dataset:
    """Validate raw text tables; raise DataError listing every problem, or return the Dataset."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name in TABLES:
        frame, found = validate_table(raw[name], SCHEMAS[name], f"{name}.csv")
        tables[name] = frame
        problems.extend(found)
    if not problems:
        problems.extend(_reference_problems(tables))
        problems.extend(_semantic_problems(tables))
    if problems:
        raise DataError(problems)
    texts = {name: table_text(raw[name]) for name in TABLES}
    return Dataset(_derive(tables), content_hash(texts), texts)


def _reference_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for name, schema in SCHEMAS.items():
        for column, target in schema.references.items():
            table, key = target.split(".")
            known = set(tables[table][key])
            for i, value in enumerate(tables[name][column]):
                if value not in known:
                    message = msg(
                        "unknown_reference",
                        column=column,
                        value=f"{value!s:.40}",
                        table=table,
                        target=key,
                    )
                    problems.append(Problem(f"{name}.csv", message, i + 2, column))
    return problems


def _semantic_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    obs = tables["observations"]
    for i in obs.index[obs["period_end"] < obs["period_start"]]:
        problems.append(Problem("observations.csv", msg("period_backwards"), i + 2, "period_end"))
    places = tables["places"]
    for i in places.index[~places["lat"].between(-90, 90)]:
        problems.append(Problem("places.csv", msg("latitude_range"), i + 2, "lat"))
    for i in places.index[~places["lon"].between(-180, 180)]:
        problems.append(Problem("places.csv", msg("longitude_range"), i + 2, "lon"))
    problems.extend(_leader_problems(tables))
    problems.extend(_gap_problems(tables))
    return problems


def _gap_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A figure is either given or withheld, never both."""
    key = ["indicator", "geo", "period_start", "period_end"]
    given = set(tables["observations"][key].itertuples(index=False, name=None))
    return [
        Problem("gaps.csv", msg("gap_has_value"), i + 2, "geo")
        for i, gap in enumerate(tables["gaps"][key].itertuples(index=False, name=None))
        if gap in given
    ]


def parse_leaders(text: str | None) -> list[tuple[str, float]]:
    """'ARM=12.6;BLR=6.4' -> [('ARM', 12.6), ('BLR', 6.4)]."""
    if not text:
        return []
    pairs = []
    for item in text.split(";"):
        code, _, value = item.partition("=")
        pairs.append((code.strip(), float(value)))
    return pairs


def _leader_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A highlight must agree with the observations it quotes: one figure, one truth."""
    obs = tables["observations"]
    problems = []
    for i, row in tables["highlights"].iterrows():
        try:
            quoted = [(row["geo"], row["value"]), *parse_leaders(row["leaders"])]
        except ValueError:
            problems.append(Problem("highlights.csv", msg("leaders_format"), i + 2, "leaders"))
            continue
        for geo, value in quoted:
            match = obs[
                (obs["indicator"] == row["indicator"])
                & (obs["geo"] == geo)
                & (obs["period_end"] == row["period_end"])
            ]
            if match.empty or abs(match["value"].iloc[0] - value) > 1e-9:
                message = msg(
                    "leader_mismatch", geo=geo, value=str(float(value)), indicator=row["indicator"]
                )
                problems.append(Problem("highlights.csv", message, i + 2, "leaders"))
    return problems


def _derive(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    obs = tables["observations"].copy()
    # Few distinct periods, many rows: compute each key once.
    spans = obs[["period_start", "period_end"]].drop_duplicates()
    keys = {(s, e): (period_key(s, e), span_key(s, e)) for s, e in spans.itertuples(index=False)}
    both = [keys[span] for span in zip(obs["period_start"], obs["period_end"], strict=True)]
    obs["period"] = [key for key, _ in both]
    obs["span"] = [span for _, span in both]  # the period's kind and length (eaeu.periods)
    tables["observations"] = obs.sort_values(["indicator", "period_end", "geo"], ignore_index=True)
    places = tables["places"].merge(
        tables["regions"].rename(
            columns={"code": "region", "name_ru": "region_ru", "name_en": "region_en"}
        ),
        on="region",
    )
    tables["missions"] = (
        tables["missions"]
        .merge(places.rename(columns={"id": "place"}), on="place", how="left")
        .sort_values(["as_of", "type", "name_en"], ignore_index=True)
    )
    tables["snapshots"] = tables["snapshots"].sort_values("as_of", ignore_index=True)
    return tables


def table_text(frame: pd.DataFrame) -> str:
    """The stored form of a table: CSV of its text cells ("" for missing)."""
    return frame.fillna("").astype(str).to_csv(index=False)


def content_hash(texts: dict[str, str]) -> str:
    """The dataset's version: a digest of every table's stored text."""
    digest = hashlib.sha256()
    for name in TABLES:
        digest.update(name.encode())
        digest.update(texts[name].encode())
    return digest.hexdigest()[:16]
