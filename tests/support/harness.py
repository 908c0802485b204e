"""Reading what a widget shows in a harness app (a tiny ``App`` of one widget, as Textual
tests its own widgets): the text on screen, line by line, as a person would read it."""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget


def screen_lines(app: App) -> list[str]:
    """Every line of the current screen, as drawn (trailing blanks kept)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_lines(app: App, widget: Widget | str) -> list[str]:
    """The lines drawn in ``widget``'s content region (inside its padding and border; a
    selector or the widget), trailing blanks taken off; none when it is not shown."""
    if isinstance(widget, str):
        widget = app.query_one(widget)
    region = widget.content_region
    lines = screen_lines(app)[region.y:region.bottom]
    return [line[region.x:region.right].rstrip() for line in lines]


def widget_text(app: App, widget: Widget | str) -> str:
    """What ``widget`` shows, its lines joined with newlines, blank lines at the end left out."""
    return "\n".join(widget_lines(app, widget)).rstrip("\n")
