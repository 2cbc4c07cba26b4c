"""The figure of the week as a social card: a plotly figure of texts and shapes laid out for a
social preset, drawn by the charts' renderer in the charts' font."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

from eaeu.dataset import Dataset
from eaeu.export.measure import FILL, text_width, wrap_to_width
from eaeu.export.options import FORMATS, SCALES, OptionError, export_string
from eaeu.export.renderer import Renderer, get_renderer
from eaeu.figures import FONT_FAMILY, INK, MUTED, markup
from eaeu.filenames import card_name
from eaeu.highlight_card import HighlightCard, highlight_card
from eaeu.i18n import LANGS

CARD_PRESETS: dict[str, tuple[int, int]] = {
    "square": (1080, 1080),
    "social": (1200, 630),
    "story": (1080, 1920),
}
ACCENT = "#b3261e"  # the site's accent (assets/03-app.css): the card's bar, kicker and number
LOGO_MARK = "#0072B2"
RULE = "#d0d4da"
# The column's type at scale 1 in px (tuned on the square card), and the least it may shrink
# to: the column grows or shrinks as one to fill the card. The footer is sized by the image.
TYPE = {
    "kicker": (34, 14),
    "number": (190, 28),
    "caption": (46, 14),
    "label": (28, 13),
    "leaders": (36, 14),
}
FOOTER, LOGO = 26, 28
MIN_SCALE, MAX_SCALE = 0.3, 2.0  # 0.3 sets every text at its floor
LINE = 1.3  # plotly's line spacing, in font sizes
# A line's box in plotly (the browser's text box): PT Sans ascent + descent, in font sizes.
ASCENT, DESCENT = 1.018, 0.276
CAP_HEIGHT = 0.7


@dataclass(frozen=True)
class CardOptions:
    preset: str = "square"
    fmt: str = "png"
    lang: str = "ru"
    scale: int = 1  # the presets are the networks' own pixel sizes

    def __post_init__(self) -> None:
        for key, value, allowed in (
            ("preset", self.preset, tuple(CARD_PRESETS)),
            ("format", self.fmt, FORMATS),
            ("lang", self.lang, LANGS),
            ("scale", self.scale, SCALES),
        ):
            if value not in allowed:
                raise OptionError(key, value=value, allowed=", ".join(map(str, allowed)))

    @property
    def size(self) -> tuple[int, int]:
        return CARD_PRESETS[self.preset]


@dataclass(frozen=True)
class TextBlock:
    """Lines of plain text set in one size, weight and colour, `gap` px below what precedes;
    a block that `opens` a group (the figure, the leaders) may be set further apart."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False
    color: str = INK
    gap: float = 0.0
    opens: bool = False

    @property
    def height(self) -> float:
        return ((len(self.lines) - 1) * LINE + ASCENT + DESCENT) * self.size if self.lines else 0.0

    def markup(self) -> str:
        """Escaped for plotly (data text is text), one <br> per wrapped line."""
        lines = [markup(line) for line in self.lines]
        return "<br>".join(f"<b>{line}</b>" if self.bold else line for line in lines)


def _block(text: str, width: float, size: float, **style) -> TextBlock:
    return TextBlock(
        tuple(wrap_to_width(text, width, size, style.get("bold", False))), size, **style
    )


def type_size(part: str, scale: float) -> float:
    base, floor = TYPE[part]
    return max(base * scale, floor)


def _number_size(number: str, width: float, scale: float) -> float:
    """As big as the scale says and one line wide; a long unit wraps rather than shrinking
    the figure below twice the caption's size."""
    one_line = width * FILL / max(text_width(number, 1, bold=True), 1e-6)
    return max(min(type_size("number", scale), one_line), 2 * type_size("caption", scale))


def column(card: HighlightCard, width: float, scale: float) -> list[TextBlock]:
    """Kicker, figure, caption and leaders at `scale`, wrapped to `width`."""
    number = _number_size(card.number, width, scale)
    blocks = [
        _block(card.kicker.upper(), width, type_size("kicker", scale), bold=True, color=ACCENT),
        _block(card.number, width, number, bold=True, color=ACCENT, gap=4 * scale, opens=True),
        _block(card.caption, width, type_size("caption", scale), gap=12 * scale),
    ]
    if card.leaders:
        label = {"bold": True, "color": MUTED, "gap": 36 * scale, "opens": True}
        blocks += [
            _block(f"{card.leaders_label}:", width, type_size("label", scale), **label),
            _block(card.leaders, width, type_size("leaders", scale), gap=4 * scale),
        ]
    return blocks


def stacked_height(blocks: list[TextBlock]) -> float:
    return sum(block.gap + block.height for block in blocks)


def fit_column(card: HighlightCard, width: float, height: float, preset: str) -> list[TextBlock]:
    """The largest type (scale within MIN_SCALE..MAX_SCALE) whose column fits the space; a
    caption that does not fit even in the smallest is refused, never cut."""
    low, high = MIN_SCALE, MAX_SCALE
    best = column(card, width, low)
    if stacked_height(best) > height:
        raise OptionError("card_too_long", preset=preset)
    for _ in range(12):
        middle = (low + high) / 2
        blocks = column(card, width, middle)
        if stacked_height(blocks) <= height:
            low, best = middle, blocks
        else:
            high = middle
    return best


@dataclass(frozen=True)
class Frame:
    """The card's measures in px: padding, accent bar, footer and the column's place."""

    width: int
    height: int

    @property
    def unit(self) -> float:
        """1 on the square card; landscape cards scale by height, so the footer keeps room."""
        return min(self.width, 1.3 * self.height) / 1080

    @property
    def area_unit(self) -> float:
        """The footer's type follows the image's area: a story's footer is read on a phone."""
        return (self.width * self.height) ** 0.5 / 1080

    @property
    def pad(self) -> float:
        return 72 * self.unit

    @property
    def bar(self) -> float:
        return 16 * self.unit

    @property
    def inner(self) -> float:
        return self.width - 2 * self.pad

    def px(self, size: float) -> float:
        return size * self.unit

    def footer_px(self, size: float) -> float:
        return size * self.area_unit


def _logo_width(frame: Frame, logo: str) -> float:
    size = frame.footer_px(LOGO)
    return CAP_HEIGHT * size + 0.4 * size + text_width(logo, size, bold=True)


@dataclass(frozen=True)
class Footer:
    """The source line and the logo: side by side, or the logo on a line of its own under a
    source too long to sit beside it in two lines."""

    source: TextBlock
    logo_top: float  # px below the footer's top
    logo_size: float

    @property
    def height(self) -> float:
        return max(self.source.height, self.logo_top + (ASCENT + DESCENT) * self.logo_size)


def footer(frame: Frame, card: HighlightCard) -> Footer:
    logo_size = frame.footer_px(LOGO)
    beside = frame.inner - _logo_width(frame, export_string("logo", card.lang)) - frame.px(32)
    source = _block(card.source_line, beside, frame.footer_px(FOOTER), color=MUTED)
    if len(source.lines) <= 2:
        return Footer(source, 0.0, logo_size)
    source = _block(card.source_line, frame.inner, frame.footer_px(FOOTER), color=MUTED)
    return Footer(source, source.height + frame.px(12), logo_size)


def _paper(frame: Frame, x: float, y: float) -> dict[str, float]:
    """Pixels from the top left as plotly's paper coordinates (the figure has no margins)."""
    return {"x": x / frame.width, "y": 1 - y / frame.height}


def _text(frame: Frame, block: TextBlock, x: float, top: float, anchor: str = "left") -> dict:
    """An annotation whose box's top left (or top right) corner is at (x, top) px."""
    return {
        "text": block.markup(),
        **_paper(frame, x, top),
        "xref": "paper",
        "yref": "paper",
        "xanchor": anchor,
        "yanchor": "top",
        "align": anchor,
        "showarrow": False,
        "borderpad": 0,
        "borderwidth": 0,
        "font": {"size": block.size, "color": block.color},
    }


def _rect(frame: Frame, left: float, top: float, right: float, bottom: float, color: str) -> dict:
    start, end = _paper(frame, left, bottom), _paper(frame, right, top)
    return {
        "type": "rect", "xref": "paper", "yref": "paper", "x0": start["x"], "y0": start["y"],
        "x1": end["x"], "y1": end["y"], "fillcolor": color, "line": {"width": 0}, "layer": "above",
    }  # fmt: skip


def _logo(frame: Frame, lang: str, top: float, size: float) -> tuple[dict, dict]:
    """The site's mark as a drawn square (PT Sans has no '■', and a fallback font's square
    differs from machine to machine) and the site's name, right-aligned: (text, mark)."""
    logo = export_string("logo", lang)
    right = frame.width - frame.pad
    text = _text(frame, TextBlock((logo,), size, bold=True), right, top, anchor="right")
    baseline = top + ASCENT * size
    mark_right = right - text_width(logo, size, bold=True) - 0.4 * size
    side = CAP_HEIGHT * size
    return text, _rect(frame, mark_right - side, baseline - side, mark_right, baseline, LOGO_MARK)


def card_figure(card: HighlightCard, preset: str) -> go.Figure:
    """The card at a preset's size: accent bar, column, a rule, source line and logo."""
    frame = Frame(*CARD_PRESETS[preset])
    bottom = footer(frame, card)
    footer_top = frame.height - frame.pad - bottom.height
    rule = footer_top - frame.px(24)
    column_top = frame.bar + frame.pad
    space = rule - frame.px(40) - column_top
    blocks = fit_column(card, frame.inner, space, preset)
    # What the largest type leaves is shared evenly above, between the groups and below.
    share = (space - stacked_height(blocks)) / (2 + sum(block.opens for block in blocks))
    y = column_top + share
    texts = []
    for block in blocks:
        y += block.gap + (share if block.opens else 0)
        texts.append(_text(frame, block, frame.pad, y))
        y += block.height
    logo, mark = _logo(frame, card.lang, footer_top + bottom.logo_top, bottom.logo_size)
    rule_bottom = rule + max(1.0, frame.px(2))
    layout = {
        "width": frame.width,
        "height": frame.height,
        "autosize": False,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT_FAMILY, "color": INK},
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "showlegend": False,
        "annotations": [*texts, _text(frame, bottom.source, frame.pad, footer_top), logo],
        "shapes": [
            _rect(frame, 0, 0, frame.width, frame.bar, ACCENT),
            _rect(frame, frame.pad, rule, frame.width - frame.pad, rule_bottom, RULE),
            mark,
        ],
    }
    return go.Figure(layout=layout)


def document_title(card: HighlightCard) -> str:
    """A PDF's Title: 'Цифра недели: 4,4 %'."""
    return f"{card.kicker}: {card.number}"


def render_card(
    ds: Dataset, options: CardOptions, renderer: Renderer | None = None
) -> tuple[HighlightCard, bytes]:
    """The current figure of the week as PNG, SVG or PDF bytes (and the card it shows);
    OptionError when the data has none."""
    card = highlight_card(ds, options.lang)
    if card is None:
        raise OptionError("no_card")
    width, height = options.size
    image = (renderer or get_renderer()).render_figure(
        card_figure(card, options.preset), options.fmt, width, height, options.scale,
        title=document_title(card),
    )  # fmt: skip
    return card, image


def card_file_name(
    card: HighlightCard, options: CardOptions, today: dt.date | None = None, vintage: int = 0
) -> str:
    """Named as the page's files are; `vintage`: the past version the card comes from."""
    return card_name(
        card.indicator, card.highlight_date, card.lang, options.preset, options.fmt, today, vintage
    )
