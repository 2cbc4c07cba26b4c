"""The one data-access layer: every reader asks it for the current Dataset, or for the data of
a past version (`at`, `vintage`), cached by version.

`open_repository(settings)` is the one way the app and every command open the store: created
and seeded from the shipped tables on first use. Nothing here is global; the web app keeps its
repository on the Flask app (see components/services.py).
"""

from __future__ import annotations

import datetime as dt
import threading

from eaeu.config import Settings
from eaeu.dataset import Dataset, build_dataset, read_tables
from eaeu.diff import IndicatorSummary, compare_observations
from eaeu.memo import Memo
from eaeu.store import Store, VersionInfo, read_table_text
from eaeu.vintage import Vintage, pick

# Past versions kept built: a reader of an old link must not rebuild it on every request, and
# a crawler walking every version must not hold them all in memory.
PAST_VERSIONS = 8


class Repository:
    """Reads the store's current version; every reader sees a commit right after it lands.
    Versions never change once saved, so a past one is cached by its number alone."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._version: int | None = None
        self._dataset: Dataset | None = None
        self._past = Memo(PAST_VERSIONS)
        self._history = Memo(2)  # the version list, by the current version
        self._changes = Memo(16)  # comparisons, by their two versions

    def current(self) -> Dataset:
        return self.newest()[1]

    def newest(self) -> tuple[int, Dataset]:
        """The current version's number and data, read together (one cheap query)."""
        version = self.store.current_version()  # one cheap query
        with self._lock:
            if self._dataset is None or version != self._version:
                self._dataset = build_dataset(self.store.load_raw(version))
                self._version = version
            return version, self._dataset

    def current_version(self) -> int:
        return self.store.current_version()

    def at(self, version: int) -> Dataset:
        """The data of `version` exactly as it was saved (LookupError: no such version)."""
        with self._lock:
            if version == self._version and self._dataset is not None:
                return self._dataset
        return self._past.get(version, lambda: build_dataset(self.store.load_raw(version)))

    def versions(self, newest: int | None = None) -> tuple[VersionInfo, ...]:
        """Every version, newest first (`newest`: the current version, if just read)."""
        newest = newest or self.store.current_version()
        # A commit may land between reading `newest` and the history: it is not this one's.
        return self._history.get(
            newest, lambda: tuple(v for v in self.store.history() if v.id <= newest)
        )

    def vintage(
        self,
        version: str | int | None = None,
        as_of: str | dt.date | None = None,
        today: dt.date | None = None,
        newest: tuple[int, Dataset] | None = None,
    ) -> Vintage:
        """The data a request asks for: `version` (a number), else `as_of` (a day: the newest
        version created on or before it), else the current data. The one function every
        reader of a request's version goes through; eaeu.vintage.VintageError names the
        parameter that cannot be followed and why. `newest`: the current version as this
        request already read it (`newest()`), so one answer never mixes two versions."""
        newest, current = newest or self.newest()
        asked = pick(self.versions(newest), version, as_of, today)
        if asked is None:
            return Vintage(current, newest, newest)
        info, day = asked
        return Vintage(self.at(info.id), info.id, newest, pinned=True, published=day)

    def changes(self, old: int, new: int) -> tuple[IndicatorSummary, ...]:
        """What differs between the observations of two versions, per indicator."""

        def compare() -> tuple[IndicatorSummary, ...]:
            before, after = (read_table_text(self.at(v).texts["observations"]) for v in (old, new))
            found = (IndicatorSummary.of(c) for c in compare_observations(before, after).values())
            return tuple(summary for summary in found if summary.differs)

        return self._changes.get((old, new), compare)


def open_repository(settings: Settings) -> Repository:
    """The store the settings name, created and seeded from `settings.data_dir` if empty."""
    store = Store(settings.database_url)
    store.initialise(lambda: read_tables(settings.data_dir))
    return Repository(store)
