"""The site's font (PT Sans, vendored) in every export, never a system fallback.

PNG and PDF: the export Chromium is started with FONTCONFIG_FILE pointing at
assets/fonts/fonts.conf, which adds the vendored TTFs (assets/fonts/ttf/) to the system's
fonts. Chromium then sees PT Sans as an installed font, both where plotly measures text in
the page and where the SVG it draws is turned into pixels or printed (an SVG drawn as an image
can use installed fonts only, never the page's @font-face).

SVG: an SVG names "PT Sans" but shows it only where it is installed, so the font travels
inside the file: the site's own @font-face rules (assets/02-fonts.css) with the woff2 files
as data: URLs, in a <style> in the SVG's <defs>. Only the faces the SVG needs are embedded
(Cyrillic only for Cyrillic text, bold only if something is bold).
"""

from __future__ import annotations

import base64
import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from eaeu.config import PROJECT_DIR

ASSETS_DIR = PROJECT_DIR / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
FONTCONFIG_FILE = FONTS_DIR / "fonts.conf"
FONTS_CSS = ASSETS_DIR / "02-fonts.css"

_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_URL = re.compile(r"url\(([^)]+)\)")
_BOLD = re.compile(r"font-weight:\s*(?:bold|[6-9]00)\b")


def browser_env(env: Mapping[str, str]) -> dict[str, str]:
    """The export browser's environment: the given one, with PT Sans among its fonts."""
    return {**env, "FONTCONFIG_FILE": str(FONTCONFIG_FILE)}


@dataclass(frozen=True)
class FontFace:
    """One @font-face rule of the site's CSS, its woff2 inlined."""

    weight: int
    ranges: tuple[tuple[int, int], ...]
    rule: str

    def covers(self, chars: set[str]) -> bool:
        return any(lo <= ord(c) <= hi for c in chars for lo, hi in self.ranges)


def _unicode_ranges(value: str) -> tuple[tuple[int, int], ...]:
    ranges = []
    for part in value.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    return tuple(ranges)


def _inline_url(match: re.Match) -> str:
    path = FONTS_CSS.parent / match.group(1).strip("'\"")
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"url(data:font/woff2;base64,{data})"


@functools.cache
def font_faces() -> tuple[FontFace, ...]:
    """The site's PT Sans faces (assets/02-fonts.css), read once per process."""
    faces = []
    for body in _FONT_FACE.findall(FONTS_CSS.read_text(encoding="utf-8")):
        props = dict(
            (key.strip(), value.strip())
            for key, _, value in (p.partition(":") for p in body.split(";"))
            if value
        )
        rule = "@font-face{" + _URL.sub(_inline_url, body.strip()) + "}"
        faces.append(
            FontFace(
                weight=int(props.get("font-weight", "400")),
                ranges=_unicode_ranges(props.get("unicode-range", "U+0-10FFFF")),
                rule=rule,
            )
        )
    if not faces:
        raise RuntimeError(f"no @font-face rule in {FONTS_CSS}")
    return tuple(faces)


def embed_fonts(svg: bytes) -> bytes:
    """The SVG with the PT Sans faces it uses inside, so it shows PT Sans anywhere."""
    text = svg.decode("utf-8")
    chars = set(html.unescape(text))
    bold = bool(_BOLD.search(text))
    rules = [
        face.rule for face in font_faces() if (face.weight < 600 or bold) and face.covers(chars)
    ]
    if not rules:
        return svg
    style = "<style>" + "".join(rules) + "</style>"
    defs = re.search(r"<defs\b[^>]*>", text)
    if defs:
        text = text[: defs.end()] + style + text[defs.end() :]
    else:
        root = re.search(r"<svg\b[^>]*>", text)
        if not root:
            raise ValueError("not an SVG document")
        text = text[: root.end()] + f"<defs>{style}</defs>" + text[root.end() :]
    return text.encode("utf-8")
