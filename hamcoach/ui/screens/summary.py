"""After a session: what was done against the plan, the time, and optional ratings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.validation import Number
from textual.widgets import DataTable, Input, Label, Static

from hamcoach.coaching.coach import RATE_PAIN_LINE, SAFETY_LINE, Outlook, progression_for, session_outlook
from hamcoach.coaching.progression import Progression
from hamcoach.errors import StoreError
from hamcoach.history.models import COMPLETED, SessionRecord, SetRecord
from hamcoach.history.outcomes import set_outcome, tally
from hamcoach.routines.library import LoadedRoutine
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import join, plain
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.wording import format_duration


def done_text(record_set: SetRecord) -> str:
    """``10/10 reps``, ``8/10 reps, partly done`` or ``skipped`` (see hamcoach.history.outcomes)."""
    outcome = set_outcome(record_set.achieved, record_set.target)
    if outcome == "skipped":
        return "skipped"
    unit = "reps" if record_set.kind == "reps" else "s"
    text = f"{record_set.achieved}/{record_set.target} {unit}"
    return text if outcome == "done" else f"{text}, partly done"


class SummaryScreen(UsesHamcoach, StableKeys, Screen[None]):
    """The session is already saved; ratings are added to it when given."""

    BINDINGS = [
        Binding("ctrl+s", "save_ratings", "Save ratings"),
        Binding("escape", "close", "Done"),
        Binding("ctrl+r", "retry_save", "Retry save"),
    ]

    def __init__(self, record: SessionRecord, loaded: LoadedRoutine | None, save_error: str | None = None,
                 before: Progression | None = None):
        super().__init__()
        self.record = record
        self.loaded = loaded
        self.save_error = save_error
        self.before = before  # the coach before this session (None: worked out from the history)
        self._leave_unsaved = False
        self._outlook: Outlook | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Static(id="summary-title")
            yield Static(id="summary-status")
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="summary-coach")
            with Horizontal(id="ratings"):
                yield Label("Pain now (0-10)")
                yield Input(placeholder="0-10", id="pain", type="integer", max_length=2,
                            validators=[Number(minimum=0, maximum=10)])
                yield Label("Effort (1-10)")
                yield Input(placeholder="1-10", id="effort", type="integer", max_length=2,
                            validators=[Number(minimum=1, maximum=10)])
            yield Static("Ratings are optional: Tab moves between the boxes, Enter saves, Escape skips.",
                         id="ratings-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        record = self.record
        done = "Session complete" if record.status == COMPLETED else "Session ended early"
        self.query_one("#summary-title", Static).update(join(
            Text(done, style="bold"), "  ·  ", plain(record.routine_name),
            f"  ·  {format_duration(record.duration_seconds or 0)}"))
        self._show_status()
        table = self.query_one("#summary-table", DataTable)
        table.add_columns("Exercise", "Set", "Side", "Done")
        for s in record.sets:
            table.add_row(plain(s.exercise), f"{s.set}/{s.sets}", s.side or "", done_text(s))
        self._show_outlook()
        self.query_one("#pain", Input).focus()

    # --- what the coach makes of it -------------------------------------------------------

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._show_outlook()

    def outlook(self) -> Outlook | None:
        """What happens next time, for the ratings typed so far (None if the coach cannot say)."""
        pain, pain_ok = self._rating("pain", 0, 10)
        effort, effort_ok = self._rating("effort", 1, 10)
        app = self.hamcoach
        try:
            if self.before is None:
                self.before = progression_for(app.store, app.coach.ladders, app.wall_clock().date(),
                                              leave_out=self.record.id)
            return session_outlook(self.before, self.record, self.loaded.routine if self.loaded else None,
                                   app.coach.ladders, pain if pain_ok else None, effort if effort_ok else None)
        except Exception:  # the summary never fails for the coach's sake
            return None

    def _show_outlook(self) -> None:
        outlook = self.outlook()
        if outlook == self._outlook:
            return
        self._outlook = outlook
        widget = self.query_one("#summary-coach", Static)
        if outlook is None:
            widget.update("")
            return
        out = Text()
        for line in outlook.lines:
            out.append("Next time: ", style="bold")
            out.append(plain(line))
            out.append("\n")
        if outlook.safety:
            out.append(SAFETY_LINE + "\n", style="bold")
        elif outlook.rate_pain:
            out.append(RATE_PAIN_LINE + "\n", style="dim")
        out.rstrip()
        widget.update(out)

    def _show_status(self) -> None:
        status = self.query_one("#summary-status", Static)
        if self.save_error:
            status.update(join(Text("Not saved: ", style="bold"), plain(self.save_error),
                               "  Press ctrl+r to try again."))
            status.add_class("-error")
        else:
            status.update(f"Saved to your history. {tally(self.record.sets).words().capitalize()}.")
            status.remove_class("-error")
        self.refresh_bindings()  # show or hide "Retry save"

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save_ratings()

    def _rating(self, input_id: str, low: int, high: int) -> tuple[int | None, bool]:
        text = self.query_one(f"#{input_id}", Input).value.strip()
        if not text:
            return None, True
        try:
            value = int(text)
        except ValueError:
            return None, False
        return value, low <= value <= high

    def action_save_ratings(self) -> None:
        """Add the ratings to the saved session and go back to the routines."""
        pain, pain_ok = self._rating("pain", 0, 10)
        effort, effort_ok = self._rating("effort", 1, 10)
        if not (pain_ok and effort_ok):
            self.notify("Pain is 0 to 10 and effort 1 to 10; leave a box empty to skip it.",
                        severity="warning")
            return
        if pain is not None or effort is not None:
            self.record = self.record.model_copy(update={"pain": pain, "effort": effort})
            try:
                if self.save_error:
                    self.hamcoach.store.save_session(self.record)
                    self.save_error = None
                else:
                    self.hamcoach.store.set_ratings(self.record.id, pain, effort)
            except (StoreError, OSError) as exc:
                self.save_error = str(exc)
                self._show_status()
                return
            # Said after the write, so the confirmation is true; it stays up on the routine list.
            rated = [f"pain {pain}" if pain is not None else "", f"effort {effort}" if effort is not None else ""]
            self.notify(f"Saved: {', '.join(r for r in rated if r)}.", title="Ratings", timeout=4)
        self.action_close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Retry save" is in the footer only while there is something to retry.
        if action == "retry_save":
            return bool(self.save_error)
        return True

    def action_retry_save(self) -> None:
        """Try saving the session again after a failure."""
        if not self.save_error:
            return
        try:
            self.hamcoach.store.save_session(self.record)
        except (StoreError, OSError) as exc:
            self.save_error = str(exc)
        else:
            self.save_error = None
        self._show_status()

    def unsaved_work(self) -> str | None:
        """What quitting the app now would lose (asked before ctrl+q quits)."""
        if self.save_error:
            return "This session could not be saved to your history."
        if any(self.query_one(f"#{name}", Input).value.strip() for name in ("pain", "effort")):
            return "The ratings you typed are not saved (Enter saves them)."
        return None

    def action_close(self) -> None:
        """Back to the routine list."""
        if self.save_error and not self._leave_unsaved:
            self.notify("This session is not saved yet: press ctrl+r to try again, or Escape again to leave it.",
                        severity="warning", markup=False)
            self._leave_unsaved = True  # a second Escape leaves; ctrl+r still retries
            return
        self.dismiss(None)
