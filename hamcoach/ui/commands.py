"""hamcoach's commands in the command palette (ctrl+p), beside Textual's own (theme, quit).

Which commands a screen offers is decided from the screen the palette was opened on:
the routine list, the history and a session's detail can go anywhere (start a routine
by name, the history, a new routine); a session, the summary, the editor and dialogs
offer only what leaves them where they are (sound, voice, the sound check, the keys).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from hamcoach.ui.text import duration_words, literal

if TYPE_CHECKING:
    from textual.screen import Screen

    from hamcoach.ui.app import HamcoachApp


@dataclass(frozen=True)
class PaletteCommand:
    """One line of the palette: what it says, what it does, and a line of help."""

    name: str
    run: Callable[[], object]
    help: str
    discover: bool = True  # listed before anything is typed (routines are found by typing)


def navigates(screen: Screen[object]) -> bool:
    """Whether the palette may take the user elsewhere from this screen: the routine list,
    the history and a saved session's detail hold nothing that would be lost."""
    from hamcoach.ui.screens.history import HistoryScreen
    from hamcoach.ui.screens.picker import PickerScreen
    from hamcoach.ui.screens.session_detail import SessionDetailScreen

    return isinstance(screen, (PickerScreen, HistoryScreen, SessionDetailScreen))


def palette_commands(app: HamcoachApp, screen: Screen[object]) -> Iterator[PaletteCommand]:
    """The hamcoach commands offered on ``screen``, in the order they are listed."""
    if navigates(screen):
        yield PaletteCommand("History", app.open_history, "Sessions, streaks, the calendar and progress")
        yield PaletteCommand("New routine", app.new_routine, "Create a routine in the editor")
        restore = getattr(screen, "action_restore", None)  # the routine list's `u`
        if callable(restore):
            yield PaletteCommand("Restore a deleted routine", restore, "Bring back a routine you deleted")
        for loaded in app.library.routines:
            where = "your routine" if loaded.source == "custom" else "built-in"
            yield PaletteCommand(
                f"Start {literal(loaded.routine.name)}", partial(app.start_session_from_palette, loaded),
                f"{where} {escape(literal(loaded.id))} · about {duration_words(loaded.routine.estimated_seconds())}",
                discover=False)
    muted = app.player.muted
    yield PaletteCommand("Sound on" if muted else "Mute", app.action_toggle_mute,
                         "Turn the cues' sound back on" if muted else "Silence the cues (remembered)")
    # Voice and the sound check come with the voice coaching: offered once the app has them.
    toggle_voice = getattr(app, "action_toggle_voice", None)
    if callable(toggle_voice):
        yield PaletteCommand("Voice", toggle_voice, "Speak the cues, or tones only (remembered)")
    if app.can_sound_check():
        yield PaletteCommand("Sound check", app.sound_check, "Play each cue and a spoken phrase")
    yield PaletteCommand("Theme", app.action_change_theme, "Change the colours (remembered)")
    yield PaletteCommand("Keys", app.action_help, "Every key of this screen")
    yield PaletteCommand("Quit", app.action_quit, "Quit hamcoach (asks first if something would be lost)")


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the query matched highlighted, taken literally: Textual's
    own ``Matcher.highlight`` reads markup, and a routine's name is the user's text."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class HamcoachCommands(Provider):
    """The palette's source of hamcoach commands (see :func:`palette_commands`)."""

    @property
    def hamcoach(self) -> HamcoachApp:
        """The running app, typed."""
        return cast("HamcoachApp", self.app)

    async def discover(self) -> Hits:
        for command in palette_commands(self.hamcoach, self.screen):
            if command.discover:
                yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in palette_commands(self.hamcoach, self.screen):
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, highlight(matcher, command.name), command.run, text=command.name, help=command.help)
