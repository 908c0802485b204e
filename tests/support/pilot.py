"""Driving an app under Pilot: keys in a burst, and waits that end when the app is done.

Textual's Pilot decides that the app has finished with what it was sent by watching the
process's CPU time: ``pilot.pause()`` sleeps in 20 ms steps until a step passes with
(almost) no CPU used, and gives up after 1 s; ``pilot.press`` does that twice per key.
Two things follow, and :func:`harden_pilot` (installed for the whole suite by
``tests/conftest.py``) deals with both:

- Time. Every wait costs at least 20 ms, two per key: most of a UI test's time went to
  sleeping. The steps here are 5 ms.
- Reliability. On a loaded machine the CPU test goes wrong both ways: a process that is
  not scheduled looks idle, and a busy one runs out the second. A test then looked
  before the app had handled what it was sent (a focus moved by a callback not yet run,
  say). Now a wait also goes on while the app has anything left to do that a test could
  see: a message or callback waiting in any of its queues, a one-shot timer about to
  fire (a resize, a refresh), or a changed screen not yet drawn (the drawing is done
  then, as ``pilot.pause()`` always did at its end).

:func:`press_quickly` sends keys the way a terminal delivers fast typing: all at once,
then one wait (``pilot.press`` waits and redraws after every key).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import textual._wait
from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot

STEP = 0.005
"""Pilot's idle test: seconds per step (Textual's default is 0.02)."""
SOON = 0.05
"""A one-shot timer due within this many seconds is waited for."""
SETTLE_ROUNDS = 50
"""How many more pauses a wait may take for the app to be done (then it stops, as Pilot does)."""


def key_event(key: str) -> events.Key:
    """The Key event ``pilot.press(key)`` sends: ``key`` is a name ("tab", "ctrl+u") or a
    character ("a", "[", " ")."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def press_quickly(pilot: Pilot, *keys: str) -> None:
    """Send ``keys`` as one burst (as a terminal delivers fast typing), then wait once.

    The app handles them in order, as always; it just does not redraw between them.
    Only for keys whose handling does not depend on the one before having been handled
    all the way: text into a text field (which takes each printable key itself), a run
    of Tabs (each bubbles up to the screen's binding and moves the focus on by one), a
    field's own editing keys. A key that a binding handles runs when it has bubbled up
    to the app, after typed text sent with it: send those separately.
    """
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()


def _pumps(app: App) -> Iterator[MessagePump]:
    yield app
    for screen in app.screen_stack:
        yield from screen.walk_children(with_self=True)


def _timer_due(pump: MessagePump) -> bool:
    return any(timer._repeat == 0 and timer._interval <= SOON and timer._task is not None
               and not timer._task.done() for timer in list(pump._timers))


def _frame_due(app: App) -> bool:
    screen = app.screen
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._dirty_widgets or screen._recompose_required or screen._callbacks)


def busy(app: App) -> list[object]:
    """What the app still has to do: the pumps with a message or callback waiting or a
    one-shot timer about to fire, and the screen if it has changes not yet drawn."""
    if not app.is_running:
        return []
    waiting: list[object] = [pump for pump in _pumps(app) if pump.message_queue_size or pump._next_callbacks
                             or pump._pending_message is not None or _timer_due(pump)]
    if _frame_due(app):
        waiting.append(app.screen)
    return waiting


async def settle(pilot: Pilot) -> None:
    """Pause until the app is done (see :func:`busy`), at most SETTLE_ROUNDS more times."""
    for _ in range(SETTLE_ROUNDS):
        if not busy(pilot.app):
            return
        await _PAUSE(pilot)


_PAUSE = Pilot.pause
_PRESS = Pilot.press


async def _pause(self: Pilot, delay: float | None = None) -> None:
    await _PAUSE(self, delay)
    await settle(self)


async def _press(self: Pilot, *keys: str) -> None:
    await _PRESS(self, *keys)
    await settle(self)


def harden_pilot() -> None:
    """Pilot's waits for this test session: 5 ms steps, and on until the app is done."""
    textual._wait.SLEEP_GRANULARITY = STEP
    textual._wait.SLEEP_IDLE = STEP / 20  # the same share of a step as Textual's
    Pilot.pause = _pause  # type: ignore[method-assign]
    Pilot.press = _press  # type: ignore[method-assign]
