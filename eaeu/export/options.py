"""What an export asks for (chart, view, preset, size, format, toggles) and its checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eaeu.charts import CHART_IDS
from eaeu.i18n import t
from eaeu.view import ViewState

PRESETS: dict[str, tuple[int, int]] = {
    "article": (1200, 675),
    "square": (1080, 1080),
    "social": (1200, 630),
}
PRESET_NAMES = (*PRESETS, "custom")
FORMATS = ("png", "svg", "pdf")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
SCALES = (1, 2, 3)
MIN_SIDE, MAX_SIDE = 300, 4000
# Chromium cannot allocate arbitrarily large bitmaps; 4000 px at 3x would be 12,000 px a side.
MAX_OUTPUT_SIDE = 8000


def export_string(key: str, lang: str, **fields: object) -> str:
    return t(f"export_{key}", lang, **fields)


PART_NAMES = ("title", "subtitle", "source", "logo")  # the texts an image can show or leave out


class ExportError(RuntimeError):
    """A render could not be made; the message is meant for the person who asked for it."""


class OptionError(ValueError):
    """An option out of bounds: English for the command line, `message(lang)` for the page."""

    def __init__(self, key: str, **fields: object):
        self.key, self.fields = key, fields
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t(f"export_error_{self.key}", lang, **self.fields)


@dataclass(frozen=True)
class ExportOptions:
    chart_id: str
    view: ViewState = field(default_factory=ViewState)
    preset: str = "article"
    width: int | None = None  # only for the custom preset
    height: int | None = None
    scale: int = 2
    fmt: str = "png"
    show_title: bool = True
    show_subtitle: bool = True
    show_source: bool = True
    show_logo: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        """Bad options fail here, with a message naming the allowed values."""
        for key, value, allowed in (
            ("chart", self.chart_id, CHART_IDS),
            ("preset", self.preset, PRESET_NAMES),
            ("format", self.fmt, FORMATS),
            ("scale", self.scale, SCALES),
        ):
            if value not in allowed:
                raise OptionError(key, value=value, allowed=", ".join(map(str, allowed)))
        width, height = self.size
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise OptionError("size", min=MIN_SIDE, max=MAX_SIDE, width=width, height=height)
        if max(width, height) * self.scale > MAX_OUTPUT_SIDE:
            raise OptionError(
                "too_big", width=width, height=height, scale=self.scale, max=MAX_OUTPUT_SIDE
            )

    @classmethod
    def from_choices(
        cls,
        chart_id: str,
        view: ViewState,
        *,
        preset: str | None,
        width: object = None,
        height: object = None,
        scale: object = None,
        fmt: str | None,
        parts: Iterable[str],
        note: str | None,
    ) -> ExportOptions:
        """What the export panel and the command line ask for: which texts to show (`parts`,
        of PART_NAMES), and sizes as typed; a custom size must be whole pixels."""
        custom = (preset or "article") == "custom"
        shown = set(parts)
        return cls(
            chart_id=chart_id,
            view=view,
            preset=preset or "article",
            width=_pixels(width) if custom else None,
            height=_pixels(height) if custom else None,
            scale=_pixels(scale) if scale not in (None, "") else 2,
            fmt=(fmt or "png").lower(),
            show_title="title" in shown,
            show_subtitle="subtitle" in shown,
            show_source="source" in shown,
            show_logo="logo" in shown,
            note=note or "",
        )

    @property
    def size(self) -> tuple[int, int]:
        if self.preset != "custom":
            return PRESETS[self.preset]
        if self.width is None or self.height is None:
            raise OptionError("custom")
        return int(self.width), int(self.height)

    @property
    def size_label(self) -> str:
        """'article', or '800x600' for a custom size: part of the file name."""
        return f"{self.size[0]}x{self.size[1]}" if self.preset == "custom" else self.preset

    @property
    def lang(self) -> str:
        return "en" if self.view.lang == "en" else "ru"


def _pixels(value: object) -> int | None:
    """A whole number from a form or the command line; anything else is a size error."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError("number", value=value) from None
    if not number.is_integer():
        raise OptionError("number", value=value)
    return int(number)
