"""Run an app headless and end the process at its first frame that shows the picker.

    python benchmarks/first_frame.py hamcoach|picker|label [--dump FILE]

``hamcoach`` is the real entry point (``hamcoach.cli.main.main([])``), ``picker`` the
same-widgets baseline (``bare_picker.py``; ``picker-models``: the same after importing
hamcoach's pydantic models), ``label`` the plain one-Label app (``bare_app.py``). Each runs headless at 80x24; the first frame handed to the display
whose text holds the marker ("pick a routine", or the Label's text) ends the process
with ``os._exit(0)``, so the run stops at a fixed point and ``valgrind --tool=callgrind``
counts the same instructions each time (to within 0.1 %, whatever else the machine does:
ending after a ``pilot.pause()`` instead varies by several per cent with timing).

``--dump FILE`` writes that frame's text to FILE first (the harness compares the
picker's frame with the baseline's; not done in a counted run).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = (80, 24)


def _line_text(line: object) -> str:
    # A line is a Strip, or the strips (chops) a line is cut into.
    text = getattr(line, "text", None)
    if isinstance(text, str):
        return text
    values = line.values() if hasattr(line, "values") else line
    return "".join(_line_text(part) for part in values if part is not None)  # type: ignore[attr-defined]


def frame_text(renderable: object) -> str:
    """The text of a compositor update: every line of a full one, the changed spans of a partial one."""
    lines = getattr(renderable, "strips", None)
    if lines is None:
        lines = getattr(renderable, "chops", None) or []
    return "\n".join(_line_text(line) for line in lines)


def main() -> None:
    which = sys.argv[1]
    dump = Path(sys.argv[sys.argv.index("--dump") + 1]) if "--dump" in sys.argv else None
    from textual.app import App

    marker = "pick a routine"
    if which == "label":
        from bare_app import MARKER as marker  # noqa: N811

    display, run = App._display, App.run

    def spy(self: App[object], screen: object, renderable: object) -> None:
        if renderable is not None:
            text = frame_text(renderable)
            if marker in text:
                if dump is not None:
                    dump.write_text(text)
                os._exit(0)
        display(self, screen, renderable)

    def headless_run(self: App[object], *args: object, **kwargs: object) -> object:
        kwargs.update(headless=True, size=SIZE)
        return run(self, *args, **kwargs)

    App._display = spy  # type: ignore[method-assign]
    App.run = headless_run  # type: ignore[method-assign]
    if which == "hamcoach":
        from hamcoach.cli.main import main as hamcoach_main

        hamcoach_main([])
    elif which in ("picker", "picker-models"):
        from bare_picker import BarePickerApp, import_models

        if which == "picker-models":
            import_models()
        BarePickerApp().run()
    elif which == "label":
        from bare_app import BareApp

        BareApp().run()
    else:
        raise SystemExit(f"first_frame.py: unknown app {which!r}; choose hamcoach, picker, picker-models or label")
    # The app ended without showing its marker.
    raise SystemExit(f"first_frame.py: {which} ended without a frame showing {marker!r}")


if __name__ == "__main__":
    main()
