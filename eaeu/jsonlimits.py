"""JSON from strangers, parsed with a bound on nesting: a deep document is refused before
the parser recurses into it (Python's own limit ends in a RecursionError, or a crash)."""

from __future__ import annotations

import json
import re

STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text`, brackets inside strings aside."""
    depth = deepest = 0
    for match in BRACKETS.finditer(STRINGS.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def loads_limited(data: bytes | str, max_depth: int) -> object:
    """`json.loads`, but ValueError for text nested deeper than `max_depth` or not UTF-8."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if nesting_depth(text) > max_depth:
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    return json.loads(text)
