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
    """Save a clean preview as a new version.

    If another version landed since the preview, the same rows are applied again onto the
    newest version inside the write transaction, so neither change is lost.
    """
    plan, parsed = outcome.plan, outcome.plan.parsed
    if not plan.ok or plan.changes_nothing:
        return outcome  # nothing to save: the summary says so
    meta = {"editor": editor, "file_name": parsed.file_name, "sha256": parsed.sha256}
    try:
        version = _save(store, outcome, meta, note)
    except DataError as exc:
        outcome.problems = list(exc.problems)
        return outcome
    outcome.version = version
    return outcome


def _save(store, outcome: ImportOutcome, meta: dict, note: str):
    from eaeu.store import StaleVersion

    plan = outcome.plan
    if plan.checked is not None:
        # The preview validated these tables: saved as they are, unless a version landed.
        try:
            return store.commit(
                None, **meta, note=note, kind="import",
                checked=plan.checked, require_current=outcome.based_on,
            )  # fmt: skip
        except StaleVersion:
            pass
    # Onto the newest version, inside the write transaction: neither change is lost.
    rows = plan.parsed
    return store.commit(
        lambda current: apply_rows(current, rows, plan.mode), **meta, note=note, kind="import"
    )


def import_into(
    store, data: bytes, file_name: str, *, editor: str, options: Options = Options(),
    mode: str = "merge", note: str = "", dry_run: bool = False, limits: Limits = Limits(),
) -> ImportOutcome:  # fmt: skip
    """Preview, then commit unless it is a dry run or anything is wrong."""
    outcome = preview_import(store, data, file_name, options, mode, limits)
    if dry_run:
        return outcome
    return commit_import(store, outcome, editor, note)
