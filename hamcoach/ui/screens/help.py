"""The help screen: every key of the screen it was opened from, and the sound check."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.services import UsesHamcoach


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


class HelpScreen(UsesHamcoach, Dialog[None]):
    """Lists the keys (they scroll with the arrows); Escape, q or ? closes it; s (or its
    button) runs the sound check."""

    BINDINGS = [Binding("q,question_mark", "cancel", "Close", show=False)]
    CHECK_GAP = 0.35  # seconds between two sounds of the check

    def __init__(self, under: Screen[object]):
        # The way out is in the title too, so it shows however long the list of keys grows.
        super().__init__("Keys  ·  Escape closes this",
                         [Choice("sound", "Sound check", "s"), Choice("close", "Close", variant="primary")],
                         focus="close", id="help")
        self.under = under
        self._check_lines: list[str] = []
        self.checking = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help-keys", classes="dialog-text"):
            palette = Binding("ctrl+p", "command_palette", "Commands: a routine by name, history, theme...")
            yield Static(key_table(self.under, [*self.app.BINDINGS, palette], self.app.get_key_display))
            yield Static("\ns runs a sound check: each cue and a spoken phrase, naming the player and voice.",
                         id="sound-check", markup=False)

    def focus_first(self) -> None:
        self.set_focus(self.query_one("#help-keys"))  # the arrows scroll a long list

    def choose(self, value: str) -> None:
        if value == "sound":
            self.action_sound_check()
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_sound_check(self) -> None:
        """Play each cue and a spoken phrase through the app's player (off the UI thread)."""
        from hamcoach.sound.check import CheckLine, run_sound_check

        if self.checking:
            return  # one check at a time
        self.checking = True
        self._check_lines = ["Sound check: each cue, then a spoken phrase..."]
        self._show_check()
        player = self.hamcoach.player.for_check()
        app = self.hamcoach

        def show(text: str | None) -> None:
            with contextlib.suppress(RuntimeError):  # the app may have quit meanwhile
                app.call_from_thread(self._add_check_line, text)

        def report(line: CheckLine) -> None:
            show({True: "ok   ", False: "FAIL ", None: ""}[line.ok] + line.text)

        def check() -> None:
            ok = False
            try:
                ok = run_sound_check(player, report, pause=self._pause)
            finally:
                show("Sound works." if ok else "Sound does not work.")
                show(None)

        self.run_worker(check, thread=True, exclusive=True, group="sound-check", exit_on_error=False)

    def _pause(self, seconds: float) -> None:
        import time

        time.sleep(min(seconds, self.CHECK_GAP))

    def _add_check_line(self, text: str | None) -> None:
        if text is None:  # the end of the check
            self.checking = False
            return
        self._check_lines.append(text)
        self._show_check()

    def _show_check(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#sound-check", Static).update("\n" + "\n".join(self._check_lines))
        self.query_one("#help-keys").scroll_end(animate=False)  # the latest line of the check in view
