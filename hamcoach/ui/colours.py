"""Readable text in every theme, light ones included.

Textual draws dim text (Rich's ``dim``: hamcoach's secondary words, the number of
routines, a set's plan) by blending the colour two thirds of the way back towards the
background. On a dark theme that still reads; on a light one (solarized-light,
textual-light, rose-pine-dawn) it falls to about 2:1 against the background, and some
themes' own colours (a footer's keys, a placeholder) are not much better. The filter
here, run before Textual's own, keeps dim text at :data:`MIN_CONTRAST` and any other
text at :data:`MIN_TEXT_CONTRAST` against what is behind it, moving the colour no
further than that. Glyphs that are not words (borders, bars, the calendar's shades)
keep their colours.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

MIN_CONTRAST = 4.0  # dim text against its background (WCAG asks 4.5 of body text, 3 of large)
MIN_TEXT_CONTRAST = 4.0  # any other text
# Not words: box drawing, block elements and shades, the calendar's dots.
_GLYPHS = frozenset(chr(c) for c in range(0x2500, 0x25A0)) | {"·", "◦", " ", "•"}
DIM_FACTOR = 0.66  # Textual's: how much of the foreground a dim colour keeps
NOT_DIM = Style(dim=False)


def luminance(rgb: ColorTriplet) -> float:
    """The relative luminance of a colour (WCAG 2)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb.red) + 0.7152 * channel(rgb.green) + 0.0722 * channel(rgb.blue)


def contrast(first: ColorTriplet, second: ColorTriplet) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _blend(background: ColorTriplet, color: ColorTriplet, keep: float) -> ColorTriplet:
    return ColorTriplet(*(round(b + (c - b) * keep) for b, c in zip(background, color, strict=True)))


@lru_cache(1024)
def readable_dim(color: ColorTriplet, background: ColorTriplet) -> ColorTriplet:
    """``color`` dimmed towards ``background`` as Textual does, or less when that would
    leave it under :data:`MIN_CONTRAST`; a colour too faint even undimmed is made
    :func:`legible`."""
    keep = DIM_FACTOR
    while keep < 1.0:
        dimmed = _blend(background, color, keep)
        if contrast(dimmed, background) >= MIN_CONTRAST:
            return dimmed
        keep = min(1.0, keep + 0.04)
    return legible(color, background)


@lru_cache(1024)
def legible(color: ColorTriplet, background: ColorTriplet) -> ColorTriplet:
    """``color``, or the nearest colour towards black or white (whichever is further from
    ``background``) that has :data:`MIN_TEXT_CONTRAST` against it."""
    if contrast(color, background) >= MIN_TEXT_CONTRAST:
        return color
    white, black = ColorTriplet(255, 255, 255), ColorTriplet(0, 0, 0)
    target = white if contrast(white, background) >= contrast(black, background) else black
    for step in range(1, 21):
        moved = _blend(color, target, step / 20)
        if contrast(moved, background) >= MIN_TEXT_CONTRAST:
            return moved
    return target


class ReadableText(LineFilter):
    """Dim text to a colour that stays readable (:func:`readable_dim`), any other text
    to :func:`legible`; colours given as terminal colours (the ansi themes) are left to
    the terminal and to Textual."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out = []
        for segment in segments:
            style = segment.style
            if (style is None or style.color is None or style.color.triplet is None
                    or _GLYPHS.issuperset(segment.text)):
                out.append(segment)
                continue
            behind = style.bgcolor.triplet if style.bgcolor is not None else background.rich_color.triplet
            if behind is None:
                out.append(segment)
                continue
            fore = style.color.triplet
            if style.reverse:
                fore, behind = behind, fore
            if style.dim:
                color = readable_dim(fore, behind)
                style = style + NOT_DIM
            else:
                color = legible(fore, behind)
                if color == fore:
                    out.append(segment)
                    continue
            if style.reverse:
                style = style + Style(bgcolor=RichColor.from_triplet(color))
            else:
                style = style + Style(color=RichColor.from_triplet(color))
            out.append(Segment(segment.text, style, segment.control))
        return out
