"""What an export asks for (chart, view, preset, size, format, toggles) and its checks."""

from __future__ import annotations

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


class ExportError(RuntimeError):
    """A render could not be made; the message is meant for the person who asked for it."""


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
        if self.chart_id not in CHART_IDS:
            raise ValueError(
                f"unknown chart {self.chart_id!r}; expected one of {', '.join(CHART_IDS)}"
            )
        if self.preset not in PRESET_NAMES:
            raise ValueError(
                f"unknown preset {self.preset!r}; expected one of {', '.join(PRESET_NAMES)}"
            )
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}; expected one of {', '.join(FORMATS)}")
        if self.scale not in SCALES:
            raise ValueError(f"scale must be 1, 2 or 3, not {self.scale!r}")
        width, height = self.size
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise ValueError(
                f"width and height must be {MIN_SIDE}..{MAX_SIDE} px, not {width}x{height}"
            )
        if max(width, height) * self.scale > MAX_OUTPUT_SIDE:
            raise ValueError(
                f"{width}x{height} at scale {self.scale} exceeds {MAX_OUTPUT_SIDE} px a side"
            )

    @property
    def size(self) -> tuple[int, int]:
        if self.preset != "custom":
            return PRESETS[self.preset]
        if self.width is None or self.height is None:
            raise ValueError("the custom preset needs a width and a height")
        return int(self.width), int(self.height)

    @property
    def size_label(self) -> str:
        """'article', or '800x600' for a custom size: part of the file name."""
        return f"{self.size[0]}x{self.size[1]}" if self.preset == "custom" else self.preset

    @property
    def lang(self) -> str:
        return "en" if self.view.lang == "en" else "ru"
