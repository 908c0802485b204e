"""One typed way for screens and widgets to reach the app's services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from hamcoach.ui.app import HamcoachApp


class _HasApp(Protocol):
    @property
    def app(self) -> Any: ...


class UsesHamcoach:
    """Mixed into hamcoach's screens: ``self.hamcoach`` is the running app, typed, with its
    store, library, player, clocks and settings (all injected through its constructor)."""

    @property
    def hamcoach(self: _HasApp) -> HamcoachApp:
        """The running :class:`HamcoachApp`."""
        return cast("HamcoachApp", self.app)
