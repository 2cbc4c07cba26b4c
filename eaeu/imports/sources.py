"""Each row's source as the file states it, completed from what the data already cites and from
what the editor enters: never guessed, and never the file's name.

The file states a source per row (source_name_ru / source_name_en / source_url / source_date
columns) or for the whole table, in a line above or below it ("Источник: ЕЭК, https://…,
14.08.2024", "Source: …"). A name the data already cites gets both its names
(`Reference.source`). The editor's entries (`Options`) fill what the file leaves out:

- rows the file states no source for need from the editor a name in Russian and in English,
  the publication date, and the link unless the editor says the source has none;
- a new source the file names in one language only needs its name in the other.

Until then the import is not ready (`ParsedImport.missing` says which field is wanted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from eaeu.imports.cells import cell_text, parse_source_date
from eaeu.imports.columns import SOURCE_DATE, SOURCE_NAME, SOURCE_NAME_EN, SOURCE_URL
from eaeu.imports.grid import Grid
from eaeu.imports.options import Options
from eaeu.imports.reference import Reference
from eaeu.messages import Each, Message, msg
from eaeu.model import Problem

# Footnote marks and numbering before the word: "¹ Источник:", "2) Source:".
MARKS = " \t*¹²³⁴⁵⁶⁷⁸⁹⁰0123456789.)"
SOURCE_LINE = re.compile(
    r"(?:источник\w*|sources?)\b[^:\n]{0,25}:\s*(?P<rest>\S.*)", re.IGNORECASE | re.DOTALL
)
URL = re.compile(r"https?://[^\s,;«»\"'<>]+")
DATE = re.compile(
    r"(?<![\d.-])(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2})(?!\d|[.-]\d)"
)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)")
SEPARATORS = " \t\n,;:–—-"
REPEATED_SEPARATORS = re.compile(r"([,;])(?:\s*[,;])+")
NO_NAME = ("", "")


@dataclass(frozen=True)
class StatedSource:
    """A source as one statement gives it; empty texts where it says nothing."""

    name_ru: str = ""
    name_en: str = ""
    url: str = ""
    date: str = ""

    @property
    def names(self) -> tuple[str, str]:
        return self.name_ru, self.name_en

    def merged(self, other: StatedSource) -> StatedSource:
        """This statement, with what it leaves out taken from `other`."""
        return StatedSource(*(mine or theirs for mine, theirs in zip(self, other, strict=True)))

    def __iter__(self):
        return iter((self.name_ru, self.name_en, self.url, self.date))


def is_source_line(cell: object) -> bool:
    """'Источник: …', 'Источники данных: …', 'Source: …': cheap for the cells that are not."""
    if type(cell) is not str:
        return False
    text = cell.lstrip(MARKS)
    return text[:6].casefold().startswith(("источ", "source")) and bool(SOURCE_LINE.match(text))


def written_in_russian(name: str) -> bool:
    """A name's language, where nothing else says it: Cyrillic letters mean Russian."""
    return bool(CYRILLIC.search(name))


def read_source_line(text: str) -> StatedSource:
    """The name (its language told by its letters), link and date in one source line."""
    match = SOURCE_LINE.match(text.lstrip(MARKS))
    if match is None:
        return StatedSource()
    rest = match["rest"]
    url = ""
    if found := URL.search(rest):
        url = found[0].rstrip(".)")
        rest = rest.replace(url, " ")
    date = ""
    if found := DATE.search(rest):
        try:
            date = parse_source_date(found[1])
            rest = rest.replace(found[1], " ")
        except ValueError:
            date = ""  # not a calendar date: part of the name, then
    # What is left once the link and date are out: "ЕЭК, , ." reads "ЕЭК".
    name = " ".join(EMPTY_BRACKETS.sub(" ", rest).split())
    name = REPEATED_SEPARATORS.sub(r"\1", name).strip(SEPARATORS).rstrip(SEPARATORS + ".")
    if written_in_russian(name):
        return StatedSource(name_ru=name, url=url, date=date)
    return StatedSource(name_en=name, url=url, date=date)


def stated_in(lines: Iterable[str]) -> StatedSource:
    """What the source lines say together ('Источник: …' and 'Source: …'); the first wins."""
    stated = StatedSource()
    for line in lines:
        stated = stated.merged(read_source_line(line))
    return stated


def source_line_in(row: list[object]) -> str | None:
    """The source line a row holds, from its 'Источник:' cell on: a CSV splits such a line at
    its commas, and a sheet may put the link or the date in the next cells."""
    for position, cell in enumerate(row):
        if is_source_line(cell):
            rest = [cell_text(other) for other in row[position + 1 :] if cell_text(other)]
            return ", ".join([cell.strip(), *rest])
    return None


def lines_above(grid: Grid, header: int) -> list[str]:
    """Source lines among the title rows (the footnotes below are met by rows.Reader)."""
    return [line for row in grid.rows[:header] if (line := source_line_in(row))]


def entered_source(options: Options, ref: Reference) -> StatedSource:
    """What the editor entered; `source_name` is a name as written, in whichever language."""
    ru, en = options.source_name_ru or "", options.source_name_en or ""
    if name := options.source_name:
        if written_in_russian(name):
            ru = ru or name
        else:
            en = en or name
    ru, en = both_names((ru, en), ref)
    date = parse_source_date(options.source_date or "")  # checked by parse._check_options
    return StatedSource(ru, en, options.source_url or "", date)


def both_names(names: tuple[str, str], ref: Reference) -> tuple[str, str]:
    """A source the data already cites gets both its names; any other stays as given."""
    ru, en = names
    if (ru and en) or not (ru or en):
        return names
    return ref.source(ru or en) or names


@dataclass
class Sourcing:
    """The outcome for one file: rows filled in place, and what still keeps it from a commit."""

    problems: list[Problem] = field(default_factory=list)  # what the form cannot settle
    missing: list[Problem] = field(default_factory=list)  # fields the editor must still enter
    notes: list[Message] = field(default_factory=list)  # what the file's source lines said
    # False when some rows cite the editor's entry: such an import keeps an unchanged
    # figure's existing citation (plan.py).
    from_file: bool = True


TABLE = ("table",)  # the key of the table-wide source among the per-row names


def fill_sources(
    rows: list[list], ref: Reference, options: Options, stated: StatedSource, where: Problem
) -> Sourcing:
    """Each row's source names, link and date, in place; `where` locates the messages."""
    out = Sourcing()
    editor = entered_source(options, ref)
    keys = {(row[SOURCE_NAME], row[SOURCE_NAME_EN]) for row in rows}
    named = {key: both_names(key, ref) for key in keys if key != NO_NAME}
    table = None
    if NO_NAME in keys and (stated.name_ru or stated.name_en):
        named[TABLE] = both_names(stated.names, ref)
        table = stated.merged(editor)  # the editor may complete the file's link and date
    _complete_names(named, editor, out, where)
    if table is not None:
        out.notes.append(msg("source_stated", name=Each(*_shown(named[TABLE]))))
    unsourced = 0
    for row in rows:
        key = (row[SOURCE_NAME], row[SOURCE_NAME_EN])
        if key != NO_NAME:
            row[SOURCE_NAME], row[SOURCE_NAME_EN] = named[key]
            continue
        if table is None:  # the file states no source for this row: the editor's entry
            unsourced += 1
            names, source = editor.names, editor
        else:
            names, source = named[TABLE], table
        row[SOURCE_NAME], row[SOURCE_NAME_EN] = names
        row[SOURCE_URL] = row[SOURCE_URL] or source.url
        row[SOURCE_DATE] = row[SOURCE_DATE] or source.date
    if unsourced:
        out.from_file = False
        out.missing += _unsourced_needs(editor, options, unsourced, where)
    return out


def _complete_names(
    named: dict[tuple, tuple[str, str]], editor: StatedSource, out: Sourcing, where: Problem
) -> None:
    """A source the file names in one language only: the editor's name in the other completes
    it, when the file names one such source (one form field cannot serve several)."""
    for lang, position in (("ru", 0), ("en", 1)):
        lacking = sorted({pair[1 - position] for pair in named.values() if not pair[position]})
        given = editor.names[position]
        if not lacking:
            continue
        if len(lacking) > 1:
            out.problems.append(replace(where, message=msg(f"sources_need_{lang}", names=lacking)))
        elif given:
            for key, pair in named.items():
                if not pair[position]:
                    named[key] = (given, pair[1]) if position == 0 else (pair[0], given)
        else:
            out.missing.append(replace(where, message=msg(f"need_name_{lang}_of", name=lacking[0])))


def _unsourced_needs(
    editor: StatedSource, options: Options, count: int, where: Problem
) -> list[Problem]:
    """Rows the file states no source for: each field the editor has yet to enter."""
    needed = (
        ("need_name_ru", editor.name_ru),
        ("need_name_en", editor.name_en),
        ("need_date", editor.date),
        ("need_url", editor.url or options.no_source_url),
    )
    return [replace(where, message=msg(key, count=count)) for key, given in needed if not given]


def _shown(names: tuple[str, str]) -> tuple[str, str]:
    ru, en = names
    return ru or en, en or ru
