"""The footer of every hamcoach screen: one compact style, the keys in one order."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer in its compact style (the same on every screen, and whole at 60
    columns); a screen mixes in :class:`hamcoach.ui.keys.StableKeys` for the order."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin-right: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
