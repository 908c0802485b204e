"""The session's progress bar: Textual's ProgressBar, woken only by the session screen,
and repainted only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.color import Gradient
from textual.reactive import reactive
from textual.widgets import ProgressBar
from textual.widgets._progress_bar import UNUSED, Bar, PercentageStatus  # not exported by textual.widgets


class SessionBar(ProgressBar):
    """Textual's :class:`ProgressBar` without the timer it starts on mount, nor an ETA.

    A ProgressBar refreshes its ETA once a second on a timer of its own. This bar shows no
    ETA, and the session screen updates it at each of its ticks, so that timer only woke
    the app a second time each second, out of step with the tick, for a frame of its own
    (issue 15: CPU while a hold runs). What it shows is the same, cell for cell
    (tests/ui/widgets/test_session_bar.py draws the two side by side).
    """

    # The bar around the figures draws nothing of its own: a new figure need not repaint it.
    progress: reactive[float] = reactive(0.0, repaint=False)
    total: reactive[float | None] = reactive[float | None](None, repaint=False)
    percentage: reactive[float | None] = reactive[float | None](None, repaint=False)

    def compose(self) -> ComposeResult:
        # ProgressBar.compose binds the bar and the percentage to ``percentage`` with
        # data_bind, which repaints them at every change of it, even one that leaves them as
        # they were. Set by the watcher below instead, each repaints only when what it
        # shows changes (the bar by half cells, the percentage by whole per cents): a long
        # hold moves the bar a cell every few seconds, the percentage once in five (issue 15).
        if self.show_bar:
            yield Bar(id="bar", clock=self._clock, bar_renderable=self.BAR_RENDERABLE, gradient=self.gradient)
        if self.show_percentage:
            yield PercentageStatus(id="percentage")

    def watch_percentage(self, percentage: float | None) -> None:
        for bar in self.query_children(Bar):
            bar.percentage = percentage
        for label in self.query_children(PercentageStatus):
            label.percentage = percentage  # type: ignore[assignment]  # its validator makes whole per cents

    def watch_gradient(self, gradient: Gradient | None) -> None:
        for bar in self.query_children(Bar):
            bar.gradient = gradient

    def _on_mount(self, event: events.Mount) -> None:
        # Instead of ProgressBar.on_mount (update, then the 1 s timer): only the figures
        # handed to the children. prevent_default keeps the handlers of the base classes from running (Widget's
        # _on_mount only sets up scrollbars, which a one-row bar never has).
        event.prevent_default()
        self.watch_percentage(self.percentage)  # a total given before the children were there

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
