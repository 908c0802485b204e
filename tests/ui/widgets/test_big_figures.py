"""The big-figure font, and the BigFigures widget in a harness app of its own."""

from __future__ import annotations

from support.harness import screen_lines
from textual.app import App, ComposeResult

from hamcoach.ui.widgets.big_figures import FIGURES, LETTERS, BigFigures, draw, fit, rows_at

# --- the fonts -------------------------------------------------------------------------------


def test_every_glyph_is_as_tall_as_its_font_and_rectangular():
    for font in (FIGURES, LETTERS):
        for char, rows in font.glyphs.items():
            assert len(rows) == font.height, char
            assert len({len(row) for row in rows}) == 1, char
            assert set("".join(rows)) <= {"#", "."}, char


def test_digits_share_one_width_so_a_countdown_does_not_wobble():
    assert {len(FIGURES.glyphs[d][0]) for d in "0123456789"} == {5}
    assert set("0123456789:/ ") <= set(FIGURES.glyphs)
    assert set("ABCDEFGHIJKLMNOPQRSTUVWXYZ ·") <= set(LETTERS.glyphs)


def test_draw_at_scale_one_packs_two_pixel_rows_in_a_text_row():
    assert draw("1", FIGURES, 1, 1) == [
        " ▄█  ",
        "▀ █  ",
        "  █  ",
        "▀▀▀▀▀",
    ]
    lines = draw("10", FIGURES, 2, 3)
    assert len(lines) == rows_at(FIGURES, 3) == 11
    assert {len(line) for line in lines} == {2 * FIGURES.width("10")}


def test_fit_takes_the_largest_scale_and_keeps_pixels_at_most_twice_as_tall_as_wide():
    assert fit("88", FIGURES, 80, 11) == (3, 3)  # 11 rows: 7 pixels x 3 half-rows
    assert fit("88", FIGURES, 80, 10) == (2, 2)
    assert fit("88/88", FIGURES, 80, 11) == (2, 3)  # too wide for 3: narrower pixels
    assert fit("88/88", FIGURES, 28, 40) == (1, 2)  # never more than 2:1
    assert fit("88/88", FIGURES, 27, 3) is None
    assert fit("x", FIGURES, 80, 24) is None  # no glyph: the caller shows plain text


# --- the widget --------------------------------------------------------------------------------


class Harness(App[None]):
    CSS = "#words { height: 3; }"

    def __init__(self) -> None:
        super().__init__()
        self.figure = BigFigures("45", id="figure")
        self.words = BigFigures("LEFT SIDE · HOLD", font=LETTERS, id="words")

    def compose(self) -> ComposeResult:
        yield self.figure
        yield self.words


async def test_the_figure_grows_with_the_terminal():
    rows = {}
    for size in ((60, 18), (80, 24), (120, 40), (200, 60)):
        app = Harness()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            rows[size] = app.figure.shown_rows()
            drawn = [line for line in screen_lines(app)[:app.figure.region.height] if line.strip()]
            assert len(drawn) == rows[size]
    assert rows[(60, 18)] < rows[(80, 24)] < rows[(120, 40)] < rows[(200, 60)]


async def test_words_use_the_shorter_form_that_is_drawn_larger_and_plain_text_when_none_fits():
    app = Harness()
    async with app.run_test(size=(60, 18)) as pilot:
        words = app.words
        words.shorter = ("LEFT · HOLD",)
        await pilot.pause()
        assert words.choose(60, 3) == ("LEFT · HOLD", (1, 1))  # the long form is 70 columns
        assert words.choose(80, 3) == ("LEFT SIDE · HOLD", (1, 1))  # the long form on a tie
        assert words.choose(30, 3) == ("LEFT SIDE · HOLD", None)  # plain text
        await pilot.resize_terminal(30, 18)
        await pilot.pause()
        assert "LEFT SIDE · HOLD" in "\n".join(screen_lines(app))
        words.text = "Hold [b]still[/b]"  # not in the font; and markup is not markup
        await pilot.pause()
        assert "Hold [b]still[/b]" in "\n".join(screen_lines(app))


async def test_a_sample_holds_the_scale_while_the_digits_change():
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        figure = app.figure
        figure.text, figure.sample = "1:00", "8:88"
        await pilot.pause()
        scale = figure.choose(*figure.content_size)[1]
        figure.text = "59"
        await pilot.pause()
        assert figure.choose(*figure.content_size)[1] == scale
        figure.sample = ""
        assert figure.choose(*figure.content_size)[1] > scale  # two digits alone would grow


async def test_a_shorter_form_drawn_larger_is_the_one_shown():
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        figure = app.figure
        figure.text, figure.shorter = "88/88", ("88",)
        assert figure.choose(80, 11) == ("88", (3, 3))  # "88/88" would be drawn at (2, 3)
        figure.shorter = ("88:88:88",)  # smaller than the text itself: the text stays
        assert figure.choose(80, 11) == ("88/88", (2, 3))
        await pilot.pause()
        assert figure.render().plain.split("\n") == draw("88/88", FIGURES, *figure.choose(*figure.content_size)[1])
