"""The footer of every hamcoach screen: one compact style, the keys in one order."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer in its compact style (the same on every screen, and whole at 60
    columns); a screen mixes in :class:`hamcoach.ui.keys.StableKeys` for the order.

    ctrl+p (the command palette) is not in it: docked on the right it would cover the
    session's keys at 60 columns. The keys (?) list it, and the routine list's title.
    """

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin-right: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
