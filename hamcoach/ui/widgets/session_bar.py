"""The session's progress bar: Textual's ProgressBar, woken only by the session screen."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import ProgressBar
from textual.widgets._progress_bar import UNUSED  # the "not given" of ProgressBar.update


class SessionBar(ProgressBar):
    """Textual's :class:`ProgressBar` without the timer it starts on mount, nor an ETA.

    A ProgressBar refreshes its ETA once a second on a timer of its own. This bar shows no
    ETA, and the session screen updates it at each of its ticks, so that timer only woke
    the app a second time each second, out of step with the tick, for a frame of its own
    (issue 15: CPU while a hold runs). What it shows is the same.
    """

    def _on_mount(self, event: events.Mount) -> None:
        # Instead of ProgressBar.on_mount (update, then the 1 s timer): only the update.
        # prevent_default keeps the handlers of the base classes from running (Widget's
        # _on_mount only sets up scrollbars, which a one-row bar never has).
        event.prevent_default()
        self.update()

    def update(self, *, total: Any = UNUSED, progress: Any = UNUSED, advance: Any = UNUSED) -> None:
        """As :meth:`ProgressBar.update` (``total=None``: indeterminate), without the ETA.

        ProgressBar's update adds an ETA sample and works the ETA out, and setting the
        progress runs it a second time (its watcher calls it): twice a tick for a figure
        this bar never shows. Here the watcher's call finds nothing to change.
        """
        if total is not UNUSED:
            self.total = total
        if progress is not UNUSED:
            self.progress = progress
        if advance is not UNUSED:
            self.progress += advance
