"""The help screen: every key of the screen it was opened from."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_table(screen: Screen[object], app_bindings: Iterable[Binding | tuple[str, ...]],
              key_display: Callable[[Binding], str]) -> Table:
    """A two-column table of the keys and what they do, screen keys first."""
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    seen: set[str] = set()
    for binding in [*getattr(type(screen), "BINDINGS", []), *app_bindings]:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        keys = " / ".join(key_display(Binding(key, binding.action)) for key in binding.key.split(","))
        table.add_row(keys, binding.tooltip or binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, under: Screen[object]):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("Keys", classes="dialog-title")
            yield Static(key_table(self.under, self.app.BINDINGS, self.app.get_key_display))
            yield Static("\nEscape closes this.", classes="dim")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
