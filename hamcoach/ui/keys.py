"""The footer's keys in one order on every screen: the screen's own keys as it declares
them, then the app's (? and m), whatever has focus.

Textual lists the focused widget's keys first, so a key a widget also binds (a text
area's ctrl+z, a list's Enter) would jump to the front when that widget takes focus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.dom import DOMNode


def declared_order(node: DOMNode) -> dict[str, int]:
    """Each action of ``node``'s BINDINGS (base classes first, as Textual merges them)
    with its place."""
    order: dict[str, int] = {}
    for base in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            order.setdefault(binding.action, len(order))
    return order


def stable_order(bindings: dict[str, ActiveBinding], screen: Screen[object]) -> dict[str, ActiveBinding]:
    """``bindings`` sorted: the screen's in its order, then any widget's, then the app's."""
    screen_order, app_order = declared_order(screen), declared_order(screen.app)

    def rank(item: tuple[str, ActiveBinding]) -> tuple[int, int]:
        node, action = item[1].node, item[1].binding.action
        if node is screen:
            return 0, screen_order.get(action, len(screen_order))
        if node is screen.app:
            return 2, app_order.get(action, len(app_order))
        return 1, 0  # a widget's own: in the order Textual found them (a stable sort)

    return dict(sorted(bindings.items(), key=rank))


def footer_width(bindings: dict[str, ActiveBinding], screen: Screen[object]) -> int:
    """The columns a compact footer needs for the shown keys: ``key words `` for each
    action (the footer shows one key of an action bound to several, ``q`` of ``q,escape``)."""
    width = 0
    seen: set[str] = set()
    for active in bindings.values():
        if active.binding.show and active.binding.action not in seen:
            seen.add(active.binding.action)
            width += len(screen.app.get_key_display(active.binding)) + len(active.binding.description) + 2
    return width


def fit_to_width(bindings: dict[str, ActiveBinding], screen: Screen[object], width: int) -> dict[str, ActiveBinding]:
    """Where the screen's keys leave no room for the app's (? and m, at 60 columns), those
    two leave the footer; they still work, and the keys list (?) and the titles name them."""
    if footer_width(bindings, screen) <= width:
        return bindings
    return {key: active._replace(binding=replace(active.binding, show=False)) if active.node is screen.app
            else active for key, active in bindings.items()}


class StableKeys:
    """Mixed into a screen with a footer (before ``Screen``): its active bindings, which
    feed the footer, in :func:`stable_order` and fitted to the width (:func:`fit_to_width`)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        screen = self
        assert isinstance(screen, Screen)
        ordered = stable_order(Screen.active_bindings.fget(screen), screen)  # type: ignore[attr-defined]
        return fit_to_width(ordered, screen, screen.app.size.width)
