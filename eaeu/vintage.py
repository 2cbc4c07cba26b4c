"""Data as it was published: which stored version an address asks for, and what changed
between two versions.

`?version=N` shows version N; `?as_of=YYYY-MM-DD` the newest version created on or before
that day (UTC, as the store records it); with both, the version wins. `?compare=A..B` is what
the "what changed" tab compares. `Repository.vintage` turns a request's version and as_of
into a dataset (VintageError when it cannot: the parameter and why, in either language);
`open_view` does it for a whole view, falling back to the current data with the reason kept
for the page to show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eaeu.dataset import Dataset
from eaeu.messages import Invalid, msg
from eaeu.view import ResolvedView, ViewState

if TYPE_CHECKING:
    from eaeu.repository import Repository
    from eaeu.store import VersionInfo

NUMBER = re.compile(r"[0-9]{1,9}")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PAIR = re.compile(r"([0-9]{1,9})\.\.([0-9]{1,9})")


class VintageError(Invalid):
    """A version, day or comparison that cannot be shown; `parameter` names it."""

    def __init__(self, parameter: str, key: str, **values: object):
        self.parameter = parameter
        super().__init__(msg(key, **values))


@dataclass(frozen=True)
class Vintage:
    """The data of one version. `pinned`: the request asked for it (by version or day);
    `published`: the day the data stood so (the day asked for, else the version's)."""

    dataset: Dataset
    version: int
    newest: int  # the current version when this was resolved
    pinned: bool = False
    published: dt.date | None = None


def created_day(info: VersionInfo) -> dt.date:
    return info.created_at.astimezone(dt.UTC).date()


def parse_version(text: str | int) -> int:
    value = str(text).strip()
    if not NUMBER.fullmatch(value) or int(value) == 0:
        raise VintageError("version", "vintage_bad_version", value=value)
    return int(value)


def parse_day(text: str | dt.date, today: dt.date) -> dt.date:
    day = text if isinstance(text, dt.date) else _iso_day(str(text).strip())
    if day is None:
        raise VintageError("as_of", "vintage_bad_date", value=str(text).strip())
    if day > today:
        raise VintageError("as_of", "vintage_future", date=day.isoformat())
    return day


def _iso_day(text: str) -> dt.date | None:
    if not DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def find_version(history: Sequence[VersionInfo], version: int, parameter: str) -> VersionInfo:
    """`history`: newest first, as the store lists it."""
    for info in history:
        if info.id == version:
            return info
    raise VintageError(parameter, "vintage_no_version", version=version, newest=history[0].id)


def version_on(history: Sequence[VersionInfo], day: dt.date) -> VersionInfo:
    """The newest version created on or before `day`."""
    for info in history:
        if created_day(info) <= day:
            return info
    first = created_day(history[-1]).isoformat()
    raise VintageError("as_of", "vintage_too_early", date=day.isoformat(), first=first)


def pick(
    history: Sequence[VersionInfo],
    version: str | int | None,
    as_of: str | dt.date | None,
    today: dt.date | None = None,
) -> tuple[VersionInfo, dt.date] | None:
    """The version a request asks for and the day it names; None when it asks for none."""
    if version not in (None, ""):
        info = find_version(history, parse_version(version), "version")
        return info, created_day(info)
    if as_of not in (None, ""):
        day = parse_day(as_of, today or dt.datetime.now(dt.UTC).date())
        return version_on(history, day), day
    return None


def compared(
    text: str, history: Sequence[VersionInfo], shown: int = 0
) -> tuple[tuple[int, ...], VintageError | None]:
    """The two versions to compare: those `text` ('A..B') names, else by default what changed
    since the version `shown` (0: since the one before the current), and why not `text`."""
    newest = history[0].id
    if shown and shown != newest:
        default: tuple[int, ...] = (shown, newest)
    else:
        default = (history[1].id, newest) if len(history) > 1 else ()
    if not text:
        return default, None
    match = PAIR.fullmatch(text)
    if match is None:
        return default, VintageError("compare", "vintage_bad_compare", value=text)
    try:
        pair = tuple(find_version(history, int(number), "compare").id for number in match.groups())
    except VintageError as error:
        return default, error
    return pair, None


def open_view(
    repository: Repository, state: ViewState, newest: tuple[int, Dataset] | None = None
) -> tuple[Dataset, ResolvedView]:
    """The view an address asks for with the dataset it shows: the version it names, else the
    current data (`newest`, as the request read it), with the reason among the view's problems."""
    problems = []
    try:
        vintage = repository.vintage(state.version, state.as_of, newest=newest)
    except VintageError as error:
        problems.append((error.parameter, error.message))
        vintage = repository.vintage(newest=newest)
    history = repository.versions(vintage.newest)
    pair, refused = compared(state.compare, history, vintage.version if vintage.pinned else 0)
    if refused is not None:
        problems.append((refused.parameter, refused.message))
    by_version = vintage.pinned and state.version not in ("", None)
    view = replace(
        state.resolve(vintage.dataset),
        version=str(vintage.version) if by_version else "",
        as_of=vintage.published.isoformat() if vintage.pinned and not by_version else "",
        compare="..".join(map(str, pair)) if state.compare and refused is None else "",
        vintage=vintage.version if vintage.pinned else 0,
        published=vintage.published.isoformat() if vintage.pinned else "",
        compared=pair,
        newest=vintage.newest,
        problems=tuple(problems),
    )
    return vintage.dataset, view


def current_query(view: ResolvedView) -> str:
    """The same view of the current data."""
    return replace(view, version="", as_of="").to_query()


def changes_query(view: ResolvedView) -> str:
    """What changed since the version the view shows, up to the current one."""
    since = f"{view.vintage}..{view.newest}" if view.vintage else ""
    return replace(view, tab="changes", version="", as_of="", compare=since).to_query()
