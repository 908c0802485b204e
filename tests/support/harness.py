"""Reading what a widget shows in a harness app (a tiny ``App`` of one widget, as Textual
tests its own widgets): the text on screen, line by line, as a person would read it."""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget


def screen_lines(app: App) -> list[str]:
    """Every line of the current screen, as drawn (trailing blanks kept)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_lines(app: App, widget: Widget | type[Widget] | str) -> list[str]:
    """The lines drawn in ``widget``'s content region (inside its padding and border; a
    widget, its type or a selector), trailing blanks taken off; none when it is not shown."""
    if not isinstance(widget, Widget):
        widget = app.query_one(widget)
    region = widget.content_region
    lines = screen_lines(app)[region.y:region.bottom]
    return [line[region.x:region.right].rstrip() for line in lines]


def widget_text(app: App, widget: Widget | type[Widget] | str) -> str:
    """What ``widget`` shows, its lines joined with newlines, blank lines at the end left out."""
    return "\n".join(widget_lines(app, widget)).rstrip("\n")


def reverse_text(app: App, widget: Widget | type[Widget] | str) -> list[str]:
    """The runs of text drawn in reverse video in ``widget``'s content region (a cursor
    that reads without colour), as on the screen."""
    if not isinstance(widget, Widget):
        widget = app.query_one(widget)
    region = widget.content_region
    strips = list(app.screen._compositor.render_strips())[region.y:region.bottom]
    return [segment.text for strip in strips for segment in strip.crop(region.x, region.right)
            if segment.style is not None and segment.style.reverse]
