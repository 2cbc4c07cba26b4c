"""What the person importing says about a file, from the form, the command line or answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

# The questions an import can ask, each settled by one option.
ANSWERABLE = ("indicator", "value_form")


@dataclass(frozen=True)
class Options:
    """None: read it from the file, or ask when the file does not say."""

    indicator: str | None = None
    value_form: str | None = None  # "growth" | "index" | None (ask when ambiguous)
    sheet: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    source_date: str | None = None

    @classmethod
    def given(cls, **fields: str | None) -> Options:
        """Options as typed: blank text means not given."""
        return cls(**{name: (value or "").strip() or None for name, value in fields.items()})

    def answered(self, answers: Mapping[str, str | None]) -> Options:
        """These options with the importer's questions answered: an answer wins."""
        chosen = {key: answers[key] for key in ANSWERABLE if answers.get(key)}
        return replace(self, **chosen)
