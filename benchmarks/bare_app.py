"""The baseline: a bare Textual app, one Label and a Footer, nothing else.

``--with-models`` first imports ``hamcoach.routines.models`` (pydantic and the model
classes) and does nothing with it: the floor any hamcoach start-up or session
pays while pydantic is on its path. The harness reports it as a note.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Label

MARKER = "bare textual app"


class BareApp(App[None]):
    """What any Textual app costs before it does anything."""

    def compose(self) -> ComposeResult:
        yield Label(f"{MARKER}: one Label and a Footer")
        yield Footer()


if __name__ == "__main__":
    if "--with-models" in sys.argv:
        import hamcoach.routines.models  # noqa: F401
    BareApp().run()
