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
    # The source of rows the file states none for, or the language of a name it lacks.
    source_name_ru: str | None = None
    source_name_en: str | None = None
    source_name: str | None = None  # a name as written, in whichever language it is
    source_url: str | None = None
    source_date: str | None = None
    no_source_url: bool = False  # the editor says the source has no link

    @classmethod
    def given(cls, **fields: str | bool | None) -> Options:
        """Options as typed: blank text means not given."""
        return cls(**{name: _typed(value) for name, value in fields.items()})

    def answered(self, answers: Mapping[str, str | None]) -> Options:
        """These options with the importer's questions answered: an answer wins."""
        chosen = {key: answers[key] for key in ANSWERABLE if answers.get(key)}
        return replace(self, **chosen)


def _typed(value: str | bool | None) -> str | bool | None:
    if isinstance(value, bool):
        return value
    return (value or "").strip() or None
