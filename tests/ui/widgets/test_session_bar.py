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
