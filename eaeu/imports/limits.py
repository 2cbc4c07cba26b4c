"""What one upload may cost the server, and the messages when a file costs more."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from eaeu.imports.grid import Refused
from eaeu.messages import Message, msg
from eaeu.model import DataError, Problem

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what one upload may cost the server; all configurable."""

    max_bytes: int = 10 * MB
    max_rows: int = 200_000
    max_columns: int = 200
    # Rows x columns of one sheet, checked before it is loaded: a dense 199,000 x 85 sheet is
    # 244 MB of XML that would take a worker ~18 s and 1.2 GB to read.
    max_cells: int = 2_000_000
    max_zip_members: int = 1_000
    max_uncompressed: int = 256 * MB

    def size_problem(self, size: int, file: str) -> Problem | None:
        """The one size check, for the browser's upload and the command line's file alike."""
        if size <= self.max_bytes:
            return None
        message = msg("file_too_big", size=size / MB, limit=self.max_bytes / MB)
        return Problem(file, message)


def decode_upload(contents: str, limits: Limits = Limits(), file: str = "upload") -> bytes:
    """A dcc.Upload data URL -> bytes, refusing oversize before and after decoding."""
    _, _, payload = contents.partition(",")
    # Base64 holds 3 bytes in 4 characters: refuse an oversize file before decoding it.
    too_big = limits.size_problem(max(0, len(payload) * 3 // 4 - 3), file)
    if too_big:
        raise DataError([too_big])
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DataError([Problem(file, msg("not_base64"))]) from None
    too_big = limits.size_problem(len(data), file)
    if too_big:
        raise DataError([too_big])
    return data


def bomb_message(limits: Limits) -> Message:
    return msg("zip_bomb", limit=limits.max_uncompressed / MB)


def check_shape(height: int, width: int, file: str, sheet: str | None, limits: Limits) -> None:
    if height > limits.max_rows:
        message = msg("too_many_rows", count=height, limit=limits.max_rows)
        raise Refused([Problem(file, message, sheet=sheet)])
    if width > limits.max_columns:
        message = msg("too_many_columns", count=width, limit=limits.max_columns)
        raise Refused([Problem(file, message, sheet=sheet)])
    if height * width > limits.max_cells:
        shape = {"rows": height, "columns": width, "cells": height * width}
        message = msg("too_many_cells", limit=limits.max_cells, **shape)
        raise Refused([Problem(file, message, sheet=sheet)])
