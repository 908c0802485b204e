"""A thick one-row bar for the phase under way: readable from across a room, without colour."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

STEP_SECONDS = 0.25  # how often a running bar moves on (4 steps a second: 1-2 s rep phases)


class PhaseBar(Widget):
    """``progress`` (0..1) as ``█`` cells on a track of ``░``, in the widget's own colour,
    so it shows on any phase colour and with NO_COLOR. A repaint, never a new layout.

    Set ``progress`` for a bar that moves when its owner says (once a second in a hold);
    :meth:`run` makes it move on by itself until a time on ``clock``, for phases too short
    for whole seconds (a 1 s lift), and :meth:`stop` ends that.
    """

    DEFAULT_CSS = """
    PhaseBar {
        width: 1fr;
        height: 1;
    }
    """

    # Repainted by its watcher, only when a cell changes: a long hold moves the bar by less
    # than a cell a second, and each repaint costs a share of the frame (issue 15).
    progress: reactive[float] = reactive(0.0, layout=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._run: tuple[Callable[[], float], float, float] | None = None  # clock, end, length
        self._timer: Timer | None = None

    def validate_progress(self, progress: float) -> float:
        return min(1.0, max(0.0, progress))

    def watch_progress(self, old: float, new: float) -> None:
        width = self.content_size.width
        if round(old * width) != round(new * width):
            self.refresh()

    def run(self, clock: Callable[[], float], end: float, length: float) -> None:
        """Fill from now to ``end`` (a ``clock`` time), for a phase ``length`` s long."""
        self._run = (clock, end, max(length, 1e-9))
        self._step()
        if self._timer is None:
            self._timer = self.set_interval(STEP_SECONDS, self._step)

    def stop(self) -> None:
        """Stop moving on by itself."""
        self._run = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def running(self) -> bool:
        """True while the bar moves on by itself."""
        return self._run is not None

    def _step(self) -> None:
        if self._run is not None:
            clock, end, length = self._run
            self.progress = 1.0 - max(0.0, end - clock()) / length

    def filled(self, width: int) -> int:
        """Cells filled at ``width`` cells."""
        return round(self.progress * width)

    def render(self) -> Content:
        width = self.content_size.width
        done = self.filled(width)
        return Content.assemble(("█" * done, ""), ("░" * (width - done), "dim"))
