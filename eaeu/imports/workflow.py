"""Import into a store: preview and commit, the one path the command line and the browser share."""

from __future__ import annotations

from dataclasses import dataclass, field

from eaeu.imports.limits import Limits
from eaeu.imports.options import Options
from eaeu.imports.parse import parse_upload
from eaeu.imports.plan import ImportPlan, apply_rows, plan_import
from eaeu.model import DataError, Problem


@dataclass
class ImportOutcome:
    plan: ImportPlan
    based_on: int
    version: object | None = None  # eaeu.store.VersionInfo once committed
    problems: list[Problem] = field(default_factory=list)  # found at commit time
    # Set when a commit was refused because another version landed after the preview (this
    # outcome is then a fresh preview against `based_on`, the newest): the version previewed.
    stale_from: int | None = None

    @property
    def committed(self) -> bool:
        return self.version is not None


def preview_import(
    store,
    data: bytes,
    file_name: str,
    options: Options = Options(),
    mode: str = "merge",
    limits: Limits = Limits(),
) -> ImportOutcome:
    """Parse and plan against the store's newest version; changes nothing."""
    based_on = store.current_version()
    current = store.load_raw(based_on)
    parsed = parse_upload(data, file_name, current, options, limits)
    return ImportOutcome(plan_import(current, parsed, mode), based_on)


def commit_import(store, outcome: ImportOutcome, editor: str, note: str = "") -> ImportOutcome:
    """Save a clean preview as a new version, exactly as previewed.

    If another version landed since the preview, nothing is saved: the answer is a fresh
    preview of the same rows against the newest version (`stale_from` says which version the
    editor saw), for the editor to read and commit again. Saving the old preview's tables, or
    even its rows, could undo the other editor's change unseen (in replace mode, remove it).
    """
    plan, parsed = outcome.plan, outcome.plan.parsed
    if not plan.ok or plan.changes_nothing:
        return outcome  # nothing to save: the summary says so
    from eaeu.store import StaleVersion

    meta = {"editor": editor, "file_name": parsed.file_name, "sha256": parsed.sha256}
    try:
        version = _save(store, outcome, meta, note)
    except StaleVersion as stale:
        return fresh_preview(store, outcome, stale.newest)
    except DataError as exc:
        outcome.problems = list(exc.problems)
        return outcome
    outcome.version = version
    return outcome


def _save(store, outcome: ImportOutcome, meta: dict, note: str):
    plan = outcome.plan
    if plan.checked is not None:
        # The preview validated these tables: saved as they are.
        change = None
    else:  # a preview kept by an older release: its rows, onto the version it was made on
        rows = plan.parsed

        def change(current):
            return apply_rows(current, rows, plan.mode)

    return store.commit(
        change, **meta, note=note, kind="import",
        checked=plan.checked, require_current=outcome.based_on,
    )  # fmt: skip


def fresh_preview(store, outcome: ImportOutcome, newest: int | None = None) -> ImportOutcome:
    """The same parsed rows planned again against the newest version; saves nothing."""
    newest = newest if newest is not None else store.current_version()
    plan = plan_import(store.load_raw(newest), outcome.plan.parsed, outcome.plan.mode)
    return ImportOutcome(plan, newest, stale_from=outcome.based_on)


def import_into(
    store, data: bytes, file_name: str, *, editor: str, options: Options = Options(),
    mode: str = "merge", note: str = "", dry_run: bool = False, limits: Limits = Limits(),
    based_on: int | None = None,
) -> ImportOutcome:  # fmt: skip
    """Preview, then commit unless it is a dry run or anything is wrong.

    `based_on`: the version a dry run previewed against; if another has landed since, nothing
    is saved and the outcome is the fresh preview, marked stale, as when a commit races.
    """
    outcome = preview_import(store, data, file_name, options, mode, limits)
    if based_on is not None and based_on != outcome.based_on:
        outcome.stale_from = based_on
        return outcome
    if dry_run:
        return outcome
    return commit_import(store, outcome, editor, note)
