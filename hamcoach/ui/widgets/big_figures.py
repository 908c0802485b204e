"""Big figures and words drawn with block characters, scaled to the room they are given.

Textual's ``Digits`` is 3 rows tall whatever the terminal; a session is read from a mat
a metre or two away, so these glyphs grow with the widget. Each glyph is a small bitmap
(``FIGURES``: digits, ``:`` and ``/``, 7 pixels tall; ``LETTERS``: A-Z, 5 tall). A pixel
is ``sx`` columns wide and ``sy`` half-rows tall (``▀ ▄ █``), so a scale of 3 draws a
7-pixel digit 11 rows tall with square-looking pixels. The widget picks the largest scale
that fits its size, and keeps it while the text changes if given a ``sample`` (the widest
text it will show, ``88`` for a countdown), so a count from 10 to 9 does not jump in size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class Font:
    """Glyph bitmaps, rows of ``#`` (ink) and ``.`` (paper), all ``height`` rows tall."""

    height: int
    glyphs: dict[str, tuple[str, ...]]
    gap: int = 1  # blank pixel columns between glyphs

    def can_draw(self, text: str) -> bool:
        """True when every character of ``text`` has a glyph."""
        return bool(text) and all(char in self.glyphs for char in text)

    def width(self, text: str) -> int:
        """Width of ``text`` in pixels."""
        return sum(len(self.glyphs[char][0]) for char in text) + self.gap * (len(text) - 1)


def _font(height: int, source: str) -> dict[str, tuple[str, ...]]:
    """Glyphs from a block of text: a line with the character, then ``height`` rows."""
    lines = [line.strip() for line in source.strip().splitlines() if line.strip()]
    glyphs: dict[str, tuple[str, ...]] = {}
    for start in range(0, len(lines), height + 1):
        name = lines[start]
        rows = tuple(lines[start + 1:start + 1 + height])
        assert len(rows) == height and len({len(row) for row in rows}) == 1, name
        glyphs["·" if name == "dot" else " " if name == "space" else name] = rows
    return glyphs


FIGURES = Font(7, _font(7, """
0
.###.  #...#  #...#  #...#  #...#  #...#  .###.
1
..#..  .##..  #.#..  ..#..  ..#..  ..#..  #####
2
.###.  #...#  ....#  ...#.  ..#..  .#...  #####
3
.###.  #...#  ....#  ..##.  ....#  #...#  .###.
4
...#.  ..##.  .#.#.  #..#.  #####  ...#.  ...#.
5
#####  #....  ####.  ....#  ....#  #...#  .###.
6
..##.  .#...  #....  ####.  #...#  #...#  .###.
7
#####  ....#  ...#.  ..#..  .#...  .#...  .#...
8
.###.  #...#  #...#  .###.  #...#  #...#  .###.
9
.###.  #...#  #...#  .####  ....#  ...#.  .##..
:
.  .  #  .  #  .  .
/
...#  ...#  ..#.  ..#.  .#..  .#..  #...
space
..  ..  ..  ..  ..  ..  ..
""".replace("  ", "\n")))

LETTERS = Font(5, _font(5, """
A
.##.  #..#  ####  #..#  #..#
B
###.  #..#  ###.  #..#  ###.
C
.###  #...  #...  #...  .###
D
###.  #..#  #..#  #..#  ###.
E
####  #...  ###.  #...  ####
F
####  #...  ###.  #...  #...
G
.###  #...  #.##  #..#  .###
H
#..#  #..#  ####  #..#  #..#
I
###  .#.  .#.  .#.  ###
J
..##  ...#  ...#  #..#  .##.
K
#..#  #.#.  ##..  #.#.  #..#
L
#...  #...  #...  #...  ####
M
#...#  ##.##  #.#.#  #...#  #...#
N
#..#  ##.#  #.##  #..#  #..#
O
.##.  #..#  #..#  #..#  .##.
P
###.  #..#  ###.  #...  #...
Q
.##.  #..#  #..#  #.#.  .#.#
R
###.  #..#  ###.  #.#.  #..#
S
.###  #...  .##.  ...#  ###.
T
#####  ..#..  ..#..  ..#..  ..#..
U
#..#  #..#  #..#  #..#  .##.
V
#...#  #...#  #...#  .#.#.  ..#..
W
#...#  #...#  #.#.#  ##.##  #...#
X
#...#  .#.#.  ..#..  .#.#.  #...#
Y
#...#  .#.#.  ..#..  ..#..  ..#..
Z
####  ...#  .##.  #...  ####
dot
.  .  #  .  .
space
..  ..  ..  ..  ..
""".replace("  ", "\n")))

_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def fit(text: str, font: Font, width: int, height: int) -> tuple[int, int] | None:
    """The largest scale ``(sx, sy)`` at which ``text`` fits ``width`` x ``height`` cells,
    or None when it does not fit even at 1. Pixels stay square where the width allows and
    at most twice as tall as wide where it does not."""
    if not font.can_draw(text) or width < 1 or height < 1:
        return None
    sy = (2 * height) // font.height  # rows needed: ceil(font.height * sy / 2) <= height
    sx = min(sy, width // font.width(text))
    if sx < 1:
        return None
    return sx, min(sy, 2 * sx)


def draw(text: str, font: Font, sx: int, sy: int) -> list[str]:
    """``text`` in block characters at scale ``(sx, sy)``: equal-width lines."""
    pixel_rows: list[str] = []
    for row in range(font.height):
        gap = "." * font.gap
        line = gap.join(font.glyphs[char][row] for char in text)
        pixel_rows.extend(["".join(pixel * sx for pixel in line)] * sy)
    if len(pixel_rows) % 2:
        pixel_rows.append("." * len(pixel_rows[0]))
    return ["".join(_HALVES[top == "#", bottom == "#"] for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(pixel_rows[::2], pixel_rows[1::2], strict=True)]


def rows_at(font: Font, sy: int) -> int:
    """Rows a glyph of ``font`` takes at vertical scale ``sy``."""
    return math.ceil(font.height * sy / 2)


class BigFigures(Widget):
    """Shows ``text`` as large as its size allows, centred.

    ``shorter`` are shorter ways to say the same (``LEFT · HOLD`` for ``LEFT SIDE ·
    HOLD``): the widget shows whichever is drawn largest, the longest on a tie. When
    nothing fits even at scale 1, the text is shown as plain bold text. ``sample`` is
    the widest text this place will show for a while: the scale is chosen for it.
    """

    DEFAULT_CSS = """
    BigFigures {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("", layout=False)
    shorter: reactive[tuple[str, ...]] = reactive((), layout=False)
    sample: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, font: Font = FIGURES, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.font = font
        self.set_reactive(BigFigures.text, text)

    def choose(self, width: int, height: int) -> tuple[str, tuple[int, int] | None]:
        """The text to show in ``width`` x ``height`` and its scale (None: plain text)."""
        best: tuple[str, tuple[int, int] | None] = (self.text, None)
        for candidate in (self.text, *self.shorter):
            if not self.font.can_draw(candidate):
                continue
            sizing = self.sample if self.sample and len(self.sample) >= len(candidate) else candidate
            scale = fit(sizing, self.font, width, height) or fit(candidate, self.font, width, height)
            if scale is not None and (best[1] is None or scale > best[1]):
                best = (candidate, scale)
        return best

    def shown_rows(self) -> int:
        """How many rows the text takes at the widget's present size (1 when plain)."""
        _text, scale = self.choose(self.content_size.width, self.content_size.height)
        return rows_at(self.font, scale[1]) if scale else 1

    def render(self) -> Content:
        size = self.content_size
        text, scale = self.choose(size.width, size.height)
        if scale is None:
            return Content(text)
        return Content("\n".join(draw(text, self.font, *scale)))
