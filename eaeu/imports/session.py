"""An upload on its way into the store, for the browser: the file kept under a token, the
options and answers given so far, its preview, then commit or cancel.

The browser holds only a PendingUpload (tokens and choices, never the file or its rows); every
step goes through `ImportSession`, which uses the same preview and commit as the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from eaeu.imports.limits import Limits
from eaeu.imports.options import ANSWERABLE, Options
from eaeu.imports.parse import Question
from eaeu.imports.pending import StoredPendingImports, UploadStash, drop_tokens
from eaeu.imports.workflow import ImportOutcome, commit_import, preview_import
from eaeu.messages import Text, text_from_json, text_to_json


@dataclass(frozen=True)
class PendingUpload:
    """What the browser keeps between requests."""

    upload: str  # the stashed file's token
    preview: str | None = None  # the clean preview's token, once there is one
    answers: Mapping[str, str] = field(default_factory=dict)
    # Every question asked about this file, so an answer stays visible and changeable; each
    # is kept as a message, so the page words it in the language it is shown in.
    questions: Mapping[str, tuple[Text, tuple[str, ...]]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        questions = {k: [text_to_json(m), list(c)] for k, (m, c) in self.questions.items()}
        return {
            "upload": self.upload,
            "preview": self.preview,
            "answers": dict(self.answers),
            "questions": questions,
        }

    @classmethod
    def from_dict(cls, data: object) -> PendingUpload | None:
        """The browser's copy, checked: anything malformed is no pending upload at all."""
        if not isinstance(data, dict) or not isinstance(data.get("upload"), str):
            return None
        preview = data.get("preview") if isinstance(data.get("preview"), str) else None
        answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
        asked = data.get("questions") if isinstance(data.get("questions"), dict) else {}
        questions = {}
        for key, item in asked.items():
            if (
                key in ANSWERABLE
                and isinstance(item, list)
                and len(item) == 2
                and isinstance(item[1], list)
            ):
                questions[key] = (text_from_json(item[0]) or "", tuple(str(c) for c in item[1]))
        return cls(
            upload=data["upload"],
            preview=preview,
            answers={k: str(v) for k, v in answers.items() if k in ANSWERABLE and v},
            questions=questions,
        )

    def answer(self, given: Mapping[str, str | None]) -> PendingUpload | None:
        """With new answers; None when nothing changed (re-rendered buttons report again)."""
        answers = {**self.answers, **{k: v for k, v in given.items() if k in ANSWERABLE and v}}
        return None if answers == dict(self.answers) else replace(self, answers=answers)

    def asked(self, questions: list[Question]) -> PendingUpload:
        known = dict(self.questions)
        known.update({q.key: (q.message, tuple(q.choices)) for q in questions})
        return replace(self, questions=known)

    @property
    def tokens(self) -> tuple[str | None, ...]:
        return self.upload, self.preview


class ImportSession:
    """The import steps on one store, with the server's upload limits."""

    def __init__(self, store, limits: Limits):
        self.store, self.limits = store, limits

    def start(self, data: bytes, file_name: str) -> PendingUpload:
        """Keep the file server-side; the browser sends it once."""
        return PendingUpload(UploadStash(self.store).put(data, file_name or "upload"))

    def preview(
        self, pending: PendingUpload, options: Options, mode: str = "merge"
    ) -> tuple[ImportOutcome, PendingUpload] | None:
        """Plan the file with these options and the answers given; None once it expired."""
        stashed = UploadStash(self.store).get(pending.upload)
        if stashed is None:
            self.cancel(pending)
            return None
        data, file_name = stashed
        options = options.answered(pending.answers)
        outcome = preview_import(self.store, data, file_name, options, mode, self.limits)
        drop_tokens(self.store, pending.preview)
        # The validated rows wait server-side under this token until Commit.
        ready = outcome.plan.ok and not outcome.plan.changes_nothing
        token = StoredPendingImports(self.store).put(outcome) if ready else None
        pending = replace(pending, preview=token).asked(outcome.plan.parsed.questions)
        return outcome, pending

    def commit(self, pending: PendingUpload, editor: str, note: str = "") -> ImportOutcome | None:
        """Save exactly the previewed change; None once the preview expired."""
        outcome = StoredPendingImports(self.store).pop(pending.preview) if pending.preview else None
        if outcome is None:
            self.cancel(pending)
            return None
        outcome = commit_import(self.store, outcome, editor, note.strip())
        if outcome.committed:
            drop_tokens(self.store, pending.upload)
        return outcome

    def refreshed(self, pending: PendingUpload, outcome: ImportOutcome) -> PendingUpload:
        """After a commit refused as stale: keep its fresh preview for the next Commit."""
        drop_tokens(self.store, pending.preview)
        ready = outcome.plan.ok and not outcome.plan.changes_nothing
        token = StoredPendingImports(self.store).put(outcome) if ready else None
        return replace(pending, preview=token)

    def cancel(self, pending: PendingUpload | None) -> None:
        if pending is not None:
            drop_tokens(self.store, *pending.tokens)
