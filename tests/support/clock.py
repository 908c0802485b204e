"""A fake monotonic clock for engine tests (the product code never uses it)."""

from __future__ import annotations


class FakeClock:
    """A clock that only moves when told to; call it like ``time.monotonic``."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds``; return the new time."""
        assert seconds >= 0, "a monotonic clock never goes back"
        self.now += seconds
        return self.now

    def set(self, when: float) -> float:
        """Move forward to the clock time ``when``; return it."""
        assert when >= self.now, "a monotonic clock never goes back"
        self.now = float(when)
        return self.now
