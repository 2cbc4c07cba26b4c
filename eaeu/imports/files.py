"""What a file really is, read safely: type sniffing, zip and XML guards, workbooks to grids."""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib
from pathlib import PurePath

from defusedxml import ElementTree as SafeET

from eaeu.imports.csv_text import read_csv_grid
from eaeu.imports.density import CellCounter, check_declared, check_ods, too_dense
from eaeu.imports.grid import HEAD_ROWS, Grid, Refused
from eaeu.imports.limits import Limits, bomb_message, check_shape
from eaeu.messages import Message, msg
from eaeu.model import Problem

SPREADSHEET_TYPES = (".xlsx", ".xlsm", ".ods")


def assert_openpyxl_uses_defusedxml() -> None:
    """openpyxl parses untrusted XML safely only when defusedxml is importable: fail loudly."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError("openpyxl is not using defusedxml: install defusedxml")


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the name says: zip, xls, binary or text."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with BOM (Excel's "Unicode text")
    head = data[:8192]
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return "binary" if controls > len(head) // 100 else "text"


def zip_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            return "ods"
        return "odf"
    return "zip"


def check_zip(archive: zipfile.ZipFile, file: str, limits: Limits) -> set[str]:
    """Zip-bomb guard: bounded member count, declared size and actually inflated size; dense
    sheets (more cells declared or present than the limit) are refused here too.

    Returns the worksheets holding formulas (seen while inflating, to avoid a second pass).
    """
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        message = msg("too_many_members", count=len(members), limit=limits.max_zip_members)
        raise Refused([Problem(file, message)])
    refused = Refused([Problem(file, bomb_message(limits))])
    if sum(m.file_size for m in members) > limits.max_uncompressed:
        raise refused
    names = _sheet_names(archive)
    check_declared(archive, file, limits, names)
    budget = limits.max_uncompressed
    with_formulas = set()
    for member in members:
        sheet = member.filename.startswith("xl/worksheets/")
        cells = CellCounter()
        # Deflate cannot inflate more than ~1032x: small members need no streaming check.
        if member.compress_size * 1100 < budget and not sheet:
            budget -= member.file_size
            continue
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    raise refused
                if sheet and cells.add(chunk) > limits.max_cells:
                    raise too_dense(file, names.get(member.filename, member.filename), limits)
                if sheet and member.filename not in with_formulas and _has_formula(tail + chunk):
                    with_formulas.add(member.filename)
                tail = chunk[-16:]
    return with_formulas


def _has_formula(xml: bytes) -> bool:
    # bytes.find is many times faster than the regex: run the regex only where it can match.
    return any(mark in xml for mark in FORMULA_HINTS) and FORMULA_TAG.search(xml) is not None


def read_grids(data: bytes, file: str, limits: Limits) -> tuple[str, list[Grid]]:
    """Check size and type, then read every sheet: ('xlsx'|'ods'|'csv', grids)."""
    if not data:
        raise Refused([Problem(file, msg("file_empty"))])
    too_big = limits.size_problem(len(data), file)
    if too_big:
        raise Refused([too_big])
    suffix = PurePath(file).suffix.casefold()
    content = sniff(data)
    if suffix == ".csv":
        if content != "text":
            raise Refused([Problem(file, _not_csv_message(content, data))])
        return "csv", [read_csv_grid(data, file, limits)]
    if suffix in SPREADSHEET_TYPES:
        return _read_workbook(data, file, suffix, content, limits)
    message = msg("unsupported_type", suffix=suffix) if suffix else msg("no_file_type")
    raise Refused([Problem(file, message)])


def _not_csv_message(content: str, data: bytes) -> Message:
    if content == "zip":
        kind = _zip_kind_of(data)
        if kind in ("xlsx", "ods"):
            return msg("workbook_not_csv", kind=kind)
    if content == "xls":
        return msg("xls_not_csv")
    return msg("binary_not_csv")


def _zip_kind_of(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return zip_kind(archive)
    except ZIP_DAMAGE:
        return "zip"


def _read_workbook(
    data: bytes, file: str, suffix: str, content: str, limits: Limits
) -> tuple[str, list[Grid]]:
    expected = "ods" if suffix == ".ods" else "xlsx"
    if content != "zip":
        kinds = {"text": "text_not_workbook", "xls": "xls_workbook"}
        raise Refused([Problem(file, msg(kinds.get(content, "binary_not_workbook")))])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_DAMAGE:
        raise Refused([Problem(file, msg("workbook_not_zip"))]) from None
    try:
        with archive:
            return _read_archive(archive, data, file, suffix, expected, limits)
    except ZIP_DAMAGE as exc:
        message = msg("workbook_damaged", error=f"{type(exc).__name__}: {exc}")
        raise Refused([Problem(file, message)]) from None


# What a damaged or odd zip raises while inflating or parsing its XML.
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    SafeET.ParseError,
    ValueError,  # e.g. "negative seek value" from damaged offsets
    KeyError,
    struct.error,
)


def _read_archive(
    archive: zipfile.ZipFile, data: bytes, file: str, suffix: str, expected: str, limits: Limits
) -> tuple[str, list[Grid]]:
    with_formulas = check_zip(archive, file, limits)
    kind = zip_kind(archive)
    if kind != expected:
        found = {"xlsx": "content_is_xlsx", "ods": "content_is_ods"}
        message = msg(found.get(kind, "content_is_zip"), suffix=suffix)
        raise Refused([Problem(file, message)])
    if kind == "ods":
        check_ods(archive, file, limits)
    grids = _calamine_grids(data, file, limits)
    if kind == "xlsx":
        for grid in grids:
            grid.uncached = _formulas_without_values(archive, file, grid.name, with_formulas)
    return kind, grids


def _calamine_grids(data: bytes, file: str, limits: Limits) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in workbook.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
                continue  # hidden sheets hold lists and helpers, never the data
            sheet = workbook.get_sheet_by_name(meta.name)
            check_shape(sheet.height, sheet.width, file, meta.name, limits)
            # iter_rows starts at the sheet's first row and its first used column.
            rows = sheet.iter_rows()
            head = list(itertools.islice(rows, HEAD_ROWS))
            left = sheet.start[1] if sheet.start else 0
            merged = list(sheet.merged_cell_ranges or [])
            grids.append(Grid(meta.name, head, 0, left, True, merged, more=rows))
        return grids
    except Refused:
        raise
    except Exception as exc:  # calamine raises its own types for every kind of damage
        message = msg("workbook_unreadable", error=f"{type(exc).__name__}: {exc}")
        raise Refused([Problem(file, message)]) from None


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
FORMULA_HINTS = (b"<f", b":f")  # every formula tag holds one of these
CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _formulas_without_values(
    archive: zipfile.ZipFile, file: str, sheet: str, with_formulas: set[str]
) -> list[Problem]:
    """calamine shows a formula with no cached value as an empty cell: find and name them."""
    path = _sheet_paths(archive).get(sheet)
    if path not in with_formulas:
        return []
    xml = archive.read(path)
    problems = []
    for _, element in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
        if _local(element.tag) != "c":
            continue
        children = {_local(child.tag): child for child in element}
        formula = children.get("f")
        if formula is not None:
            cached = children.get("v")
            empty = cached is None or (not cached.text and element.get("t") != "str")
            if empty:
                problems.append(_formula_problem(file, sheet, element.get("r", "?"), formula.text))
        element.clear()
    return problems


def _formula_problem(file: str, sheet: str, ref: str, formula: str | None) -> Problem:
    match = CELL_REF.match(ref)
    row, column = (int(match[2]), match[1]) if match else (None, ref)
    if formula:
        message = msg("formula_no_value", formula=f"={formula}")
    else:
        message = msg("shared_formula_no_value")
    return Problem(file, message, row, column, sheet)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """XML path -> sheet name, to name a sheet refused before it is read; {} if unreadable."""
    try:
        return {path: name for name, path in _sheet_paths(archive).items()}
    except ZIP_DAMAGE:
        return {}


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> XML path inside the xlsx, from workbook.xml and its relationships."""
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = {}
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        paths[element.get("name")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return paths
