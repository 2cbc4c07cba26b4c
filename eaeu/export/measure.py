"""Text widths in the exports' font (PT Sans, assets/fonts/ttf/), and lines wrapped to a width.

Measured with the font files themselves (Pillow's FreeType, with kerning when it has
HarfBuzz), not estimated from an average glyph: a card's big type leaves no slack for guesses.
"""

from __future__ import annotations

import functools
import re

from PIL import ImageFont

from eaeu.export.fonts import FONTS_DIR

FONT_FILES = {
    False: FONTS_DIR / "ttf" / "PTSans-Regular.ttf",
    True: FONTS_DIR / "ttf" / "PTSans-Bold.ttf",
}
_EM = 1000  # measured at this size and scaled: widths are linear in the font size
# Chromium shapes text a little differently from FreeType (hinting, rounding): lines are
# filled to this share of their width, so a measured fit is a fit on the image too.
FILL = 0.97
# Where a line may break: white space, but never a no-break space ('4,4\u00a0%' stays whole).
_BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")


@functools.cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[bold]), _EM)


@functools.lru_cache(maxsize=4096)
def _em_width(text: str, bold: bool) -> float:
    return _font(bold).getlength(text)


def text_width(text: str, font_px: float, bold: bool = False) -> float:
    """The advance width of one line of plain text, in pixels."""
    return _em_width(text, bold) * font_px / _EM if text else 0.0


def _split_word(word: str, limit_em: float, bold: bool) -> list[str]:
    """A word wider than a line (a long link, a number run) broken between characters, by
    the characters' own advances (kerning would only narrow a piece)."""
    pieces, piece, used = [], "", 0.0
    for char in word:
        advance = _em_width(char, bold)
        if piece and used + advance > limit_em:
            pieces.append(piece)
            piece, used = char, advance
        else:
            piece, used = piece + char, used + advance
    return [*pieces, piece] if piece else pieces


def wrap_to_width(text: str, width: float, font_px: float, bold: bool = False) -> list[str]:
    """Plain text in lines no wider than `width` px; every character is kept (runs of white
    space count as one space; no-break spaces hold). Callers escape each line for plotly.

    Words are measured once each (a card tries many sizes); a line is its words and spaces."""
    limit = width * FILL * _EM / font_px  # in units of the measured size
    space = _em_width(" ", bold)
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in _BREAKS.split(text or ""):
        if not word:
            continue
        size = _em_width(word, bold)
        if words and used + space + size <= limit:
            words.append(word)
            used += space + size
            continue
        if words:
            lines.append(" ".join(words))
        pieces = _split_word(word, limit, bold) if size > limit else [word]
        lines.extend(pieces[:-1])
        words, used = [pieces[-1]], _em_width(pieces[-1], bold)
    return [*lines, " ".join(words)] if words else lines
