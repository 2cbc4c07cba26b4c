"""A sheet as rows of cells, however it was read, and the error that refuses a whole file."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from eaeu.model import Problem, format_problems

HEADER_SCAN_ROWS = 30
HEAD_ROWS = HEADER_SCAN_ROWS + 50  # rows read up front: the header search sees no further


@dataclass
class Grid:
    """One sheet's cells; `top`/`left` place grid[0][0] in the sheet (0-based)."""

    name: str | None
    rows: list[list[object]]
    top: int = 0
    left: int = 0
    spreadsheet: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    uncached: list[Problem] = field(default_factory=list)  # formulas with no stored result
    more: Iterator[list[object]] | None = None  # rows not read yet, after `rows`

    def read_all(self) -> None:
        if self.more is not None:
            self.rows.extend(self.more)
            self.more = None

    def rows_from(self, index: int) -> Iterator[list[object]]:
        """Rows from `index` on, reading the rest of the sheet lazily; each is read once."""
        rest, self.more = self.more, None
        return itertools.chain(self.rows[index:], rest or ())

    def sheet_row(self, index: int) -> int:
        return self.top + index + 1

    def column_label(self, index: int, header: str = "") -> str:
        if not self.spreadsheet:
            return header or str(index + 1)  # "column '3'" when the CSV header cell is empty
        letter = column_letter(self.left + index)
        return f"{letter} ({header})" if header else letter


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Refused(Exception):
    """The whole file is refused; carries the problems to show."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))
