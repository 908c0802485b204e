"""Shown over everything while the terminal is too small to use; the session goes on beneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Says how much room hamcoach needs; it closes itself when the terminal grows."""

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
    """

    def __init__(self, min_width: int, min_height: int):
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        """Update the message with the current size."""
        self.query_one("#too-small-text", Static).update(
            f"hamcoach needs at least {self.min_width}x{self.min_height}; "
            f"this terminal is {width}x{height}. Make it larger: the timer keeps running.")
