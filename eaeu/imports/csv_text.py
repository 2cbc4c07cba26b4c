"""CSV as Excel and statistics offices save it: encoding and delimiter detection."""

from __future__ import annotations

import codecs
import csv
import io

from eaeu.imports.grid import Grid, Refused
from eaeu.imports.limits import Limits, check_shape
from eaeu.messages import msg
from eaeu.model import Problem


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251 (Excel's 'CSV' in Russia)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise Refused([Problem(file, msg("not_utf8"))]) from None


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most regular, fields."""
    sample = [line for line in text.splitlines()[:50] if line.strip()][:20]
    best, best_score = ";", (-1, -1)
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue  # the full read below reports what is wrong
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common) * (common > 1), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_grid(data: bytes, file: str, limits: Limits) -> Grid:
    text = decode_text(data, file)
    if "\x00" in text:  # past the first 8 KB that files.sniff looks at: binary all the same
        raise Refused([Problem(file, msg("binary_not_csv"))])
    delimiter = detect_delimiter(text)
    rows = []
    # No early stop: the size limit already bounds the work, and the count shown is true.
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([cell.strip() for cell in row])
    except csv.Error as exc:  # e.g. a quote never closed, swallowing the rest of the file
        message = msg("csv_unreadable", line=len(rows) + 1, error=str(exc))
        raise Refused([Problem(file, message)]) from None
    width = max((len(r) for r in rows), default=0)
    check_shape(len(rows), width, file, None, limits)
    return Grid(None, rows, spreadsheet=False)
