"""Shown over everything while the terminal is too small to use; the session goes on beneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Says how much room hamcoach needs; it closes itself when the terminal grows.

    Over a session, space still pauses and resumes it (the request goes to the session
    as a message), and ``status`` (set by the session) says where it is. q quits
    hamcoach anywhere (asking first when something would be lost).
    """

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen Static {
        width: 100%;
        content-align: center middle;
        text-align: center;
    }
    TooSmallScreen #too-small-status {
        text-style: bold;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("space", "pause_session", "Pause/resume", show=False),
        # Asks first, as ctrl+q does, when a session runs or changes are unsaved.
        Binding("q", "app.quit", "Quit", show=False),
    ]

    status: reactive[str] = reactive("")

    def __init__(self, min_width: int, min_height: int):
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-text")
        yield Static(id="too-small-status", markup=False)

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)
        self.watch_status(self.status)

    def watch_status(self, status: str) -> None:
        if self.is_mounted:
            self.query_one("#too-small-status", Static).update(status)

    def show_size(self, width: int, height: int) -> None:
        """Update the message with the current size."""
        self.query_one("#too-small-text", Static).update(
            f"hamcoach needs at least {self.min_width}x{self.min_height}; "
            f"this terminal is {width}x{height}. Make it larger: the timer keeps running. q quits.")

    def action_pause_session(self) -> None:
        """Pause or resume the session underneath, if there is one."""
        from hamcoach.ui.screens.session import SessionScreen

        under = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(under, SessionScreen):
            under.post_message(SessionScreen.PauseRequested())
