"""The start-up baseline (issue 15): a bare Textual app with the picker's widgets, reading nothing.

It composes what hamcoach's routine picker shows in its first frame at 80x24 with the
built-in routines and an empty history: the two header lines (and the "Today" line), a
list with the same number of routines, the detail pane with the same text, and the
compact footer with the same keys, laid out by the picker's own rules from app.tcss.
Every text is written here: it opens no file and imports nothing of hamcoach, so the
difference between the two is what hamcoach's own work costs (its models, its files,
its history) on top of what Textual costs to show the same screen.

When the picker's first frame changes, change the texts here to match:
``benchmarks/run.py --only startup`` compares the two frames' text and says when they
differ (a note row).
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

MARKER = "pick a routine"  # the same marker as hamcoach's picker: the harness waits for it

TITLE = Text.assemble(("hamcoach", "bold"), "  pick a routine  ·  ? keys  ·  ^p commands")
FILTER = Text.assemble(
    Text("At hand: "), Text("[x] 1 mat ", style="bold"), Text("[x] 2 ball ", style="bold"),
    Text("[x] 3 band ", style="bold"), Text("· 6 of 6 shown", style="dim"))
TODAY = "Today: Ball work (not done yet), t to start it"
ROUTINES = [("Ball work", 11), ("Band work", 15), ("Desk break", 8), ("Floor basics", 14), ("Full session", 29),
            ("Standing at the desk", 10)]  # with each one's length in minutes
EXERCISES = [("Core set-up", "2 x 20 s hold"), ("Feet-on-ball hold", "3 x 20 s hold"),
             ("Ball hamstring curl", "2 x 8 reps"), ("Plank on the ball", "3 x 20 s hold"),
             ("Child's pose", "1 x 45 s hold")]


def detail() -> Text:
    out = Text()
    out.append("Ball work", "bold")
    out.append("\nid ", style="dim")
    out.append("ball-work")
    out.append(" · built-in · about 11 min · equipment: ball, mat\n", style="dim")
    out.append("never done\n", style="dim")
    out.append("\nExercise-ball moves for the hamstrings, the trunk and balance: a bridge with the feet on "
               "the ball, the ball curl and a plank.\n")
    out.append("\n")
    for number, (name, prescription) in enumerate(EXERCISES, start=1):
        out.append(f"{number:>2}. ")
        out.append(name)
        out.append(f"  {prescription}\n", style="dim")
    return out


def label(name: str, minutes: int) -> Text:
    """A routine's two lines in the list: its name, then its length and when last done."""
    return Text.assemble(name, ("", "dim"), Text(f"\n  {minutes} min · never", style="dim"))


class BarePicker(Screen[None]):
    """The picker's widgets with the picker's texts, and nothing behind them."""

    BINDINGS = [
        Binding("enter", "nothing('enter')", "Start", priority=True),
        Binding("h", "nothing('h')", "History"),
        Binding("e", "nothing('e')", "Edit"),
        Binding("c", "nothing('c')", "New"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(TITLE, id="picker-title")
        yield Static(FILTER, id="equipment-filter")
        yield Static(TODAY, id="today", markup=False)
        with Horizontal(id="picker-body"):
            yield OptionList(*(Option(label(name, minutes), id=name) for name, minutes in ROUTINES),
                             id="routine-list")
            with VerticalScroll(id="routine-detail"):
                yield Static(detail(), id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def action_nothing(self, key: str) -> None:
        """The keys are there for the footer only."""


class BarePickerApp(App[None]):
    """What Textual costs to show the picker's first frame."""

    # The picker's rules from hamcoach/ui/app.tcss.
    CSS = """
    #picker-title { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    #equipment-filter { padding: 0 1; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #today { padding: 0 1; height: auto; color: $accent; }
    #picker-body { height: 1fr; }
    #routine-list { width: 2fr; max-width: 40; height: 1fr; border: round $primary 50%; }
    #routine-list:focus { border: round $primary; }
    #routine-detail { width: 3fr; height: 1fr; padding: 0 1; border: round $secondary 50%; }
    Footer.-compact FooterLabel { margin-right: 1; }
    """
    BINDINGS = [Binding("question_mark", "nothing('?')", "Help"), Binding("m", "nothing('m')", "Sound")]

    def on_mount(self) -> None:
        self.push_screen(BarePicker())

    def action_nothing(self, key: str) -> None:
        """The keys are there for the footer only."""


def import_models() -> None:
    """``--with-models``: import hamcoach's pydantic models first and use nothing of them:
    what pydantic costs any start-up that has it on the way to the first frame."""
    import hamcoach.history.models  # noqa: F401
    import hamcoach.routines.models  # noqa: F401


if __name__ == "__main__":
    if "--with-models" in sys.argv:
        import_models()
    BarePickerApp().run()
