"""The session's progress bar: what Textual's ProgressBar shows, without a timer of its own."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import ProgressBar

from hamcoach.ui.widgets.session_bar import SessionBar


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SessionBar(id="session-bar", show_eta=False)
        yield ProgressBar(id="textual-bar", show_eta=False)


async def test_the_session_bar_shows_progress_and_starts_no_timer() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 4)) as pilot:
        ours, textuals = app.query_one(SessionBar), app.query_one("#textual-bar", ProgressBar)
        for bar in (ours, textuals):
            bar.update(total=1000, progress=130)
        await pilot.pause()
        assert str(ours.query_one("#percentage").render()) == "13%"
        assert ours.percentage == textuals.percentage
        # Textual's own bar keeps a 1 s timer running (its ETA); the session's has none.
        assert any(timer._active.is_set() for timer in textuals._timers)
        assert not [timer for timer in ours._timers if timer._active.is_set()]


class SideBySideApp(App[None]):
    CSS = "ProgressBar, Bar { width: 1fr; }"

    def compose(self) -> ComposeResult:
        yield SessionBar(id="session-bar", show_eta=False)
        yield ProgressBar(id="textual-bar", show_eta=False)


async def test_the_session_bar_draws_what_textuals_bar_draws_without_working_out_an_eta() -> None:
    app = SideBySideApp()
    async with app.run_test(size=(40, 3)) as pilot:
        ours, textuals = app.query_one(SessionBar), app.query_one("#textual-bar", ProgressBar)
        for progress in (0, 13, 130, 500, 998, 1000):
            for bar in (ours, textuals):
                bar.update(total=1000, progress=progress)
            await pilot.pause()
            first, second = app.screen._compositor.render_strips()[:2]
            assert list(first) == list(second), progress  # the same cells, the same styles
            assert ours.percentage == textuals.percentage
        # Textual's adds ETA samples (and works its ETA out) twice an update; this bar shows none.
        assert textuals._eta._add_count >= 6 and ours._eta._add_count == 0
        ours.update(advance=-500)
        ours.update(total=None)  # as in Textual's: no total is an indeterminate bar
        assert (ours.progress, ours.total, ours.percentage) == (500, None, None)


async def test_a_new_figure_that_shows_no_different_repaints_nothing(monkeypatch) -> None:
    app = BarApp()
    async with app.run_test(size=(80, 4)) as pilot:
        ours = app.query_one(SessionBar)
        ours.update(total=1000, progress=500)
        await pilot.pause()
        repaints: list[str] = []
        for widget in (ours, *ours.children):
            def spy(*args, _widget=widget, _refresh=widget.refresh, **kwargs):
                repaints.append(_widget.id)
                return _refresh(*args, **kwargs)

            monkeypatch.setattr(widget, "refresh", spy)
        ours.update(progress=501)  # 50 %, and the same half cell of the bar
        assert repaints == []
        ours.update(progress=520)  # 52 %, a cell further
        assert sorted(repaints) == ["bar", "percentage"]
