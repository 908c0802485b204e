"""The coach for the app and the commands: the state of a stored history, and its words.

:mod:`hamcoach.coaching.progression` holds the rules; this module reads the history
store, puts the rules' results into sentences ("cleared twice with low pain: 12 reps
next time"), and builds what ``hamcoach coach`` prints. Core: no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from hamcoach.coaching.prescription import Prescription, identity_of, planned_exercise, prescribe
from hamcoach.coaching.progression import (
    FLARE_PAIN,
    MAX_LEVEL,
    SAFE_PAIN,
    Change,
    CheckIn,
    CoachState,
    ExerciseState,
    Progression,
    SessionLike,
    cautions,
    counted_sessions,
    instant,
    moment,
    replay,
    stepped,
    with_level,
)
from hamcoach.routines.identity import exercise_key
from hamcoach.routines.models import Exercise, Routine

if TYPE_CHECKING:
    from hamcoach.history.documents import LazySession
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.ladders import LadderBook
    from hamcoach.routines.library import RoutineLibrary

SAFETY_LINE = ("Pain of 6 or more is more than this work should cause. Stop if it is sharp or getting worse; "
               "if it keeps happening, check with a clinician before you go on.")
RATE_PAIN_LINE = "Rating pain lets the coach progress: without it, nothing steps up."


def checkins_of(store: HistoryStore) -> list[CheckIn]:
    """The stored check-ins, by date."""
    return [CheckIn(day, answer) for day, answer in sorted(store.checkins().items())]


def state_for(store: HistoryStore, ladders: LadderBook, as_of: date | None) -> CoachState:
    """The coaching state of a stored history as of a day (None: all of it)."""
    progression, flares = _replayed(store, ladders, as_of)
    return progression.state(as_of, cautions(flares, store.checkins(), as_of))


def progression_for(store: HistoryStore, ladders: LadderBook, as_of: date | None,
                    leave_out: str | None = None) -> Progression:
    """Every stored event up to ``as_of`` applied; ``leave_out`` skips one session (by id)."""
    return _replayed(store, ladders, as_of, leave_out)[0]


def _replayed(store: HistoryStore, ladders: LadderBook, as_of: date | None,
              leave_out: str | None = None) -> tuple[Progression, list[tuple[float, date]]]:
    """The replayed history, and the (instant, day) of each counted session with a flare of pain.

    The sessions are read one at a time from the store (:meth:`HistoryStore.lazy_sessions`)
    and dropped once applied, so a long history costs the coach only its summaries. A
    session whose record is not valid counts for nothing, as it did when the whole
    history was validated first.
    """
    loaded: list[LazySession] = []

    def load(lazy: LazySession) -> SessionLike | None:
        record = lazy.load()
        if record is not None:
            loaded.append(lazy)
        return record

    sessions = [s for s in store.lazy_sessions() if s.id != leave_out]
    progression = replay(sessions, checkins_of(store), ladders.specs(), as_of, load=load)
    flares = [(seconds, day) for seconds, _sid, day, s in counted_sessions(loaded, as_of)
              if s.pain is not None and s.pain >= FLARE_PAIN]
    return progression, flares


# --- words -------------------------------------------------------------------------------


def amount(kind: str, value: int) -> str:
    """``12 reps`` or ``35 s``."""
    return f"{value} reps" if kind == "reps" else f"{value} s"


def change_words(change: Change, next_time: Exercise | None) -> str:
    """One change and what it means next time, e.g. ``pain 7: easing off to 8 reps next time``."""
    before, after = change.before, change.after
    if after.rung != before.rung:
        what = f"on to {after.rung}" if change.up else f"back to {after.rung}"
    elif next_time is not None:
        what = ("up to " if change.up else "easing off to ") + amount(next_time.kind, _value(next_time))
    else:
        what = f"level {after.level}"
    return f"{change.why}: {what} next time"


def next_step_words(state: ExerciseState, primed: bool, ladders: LadderBook) -> str:
    """What it takes to step up from here."""
    spec = ladders.find(state.rung)
    top = state.level >= MAX_LEVEL and (spec is None or spec[1] == len(spec[0].ladder.rungs) - 1)
    if top:
        return "at the top: it stays here"
    if primed:
        return f"one more cleared session with pain {SAFE_PAIN} or less steps up"
    return f"2 cleared sessions in a row with pain {SAFE_PAIN} or less step up"


def _value(exercise: Exercise) -> int:
    return exercise.reps if exercise.reps is not None else (exercise.hold or 0)


# --- after a session: what happens next time ---------------------------------------------


@dataclass(frozen=True)
class Outlook:
    """What the summary says after a session (given the ratings typed so far)."""

    lines: tuple[str, ...]  # one per exercise that changed or is about to
    rate_pain: bool  # no pain rating: the session cannot count toward a step up
    safety: bool  # pain of 6 or more


def session_outlook(before: Progression, record: SessionLike, routine: Routine | None, ladders: LadderBook,
                    pain: int | None, effort: int | None) -> Outlook:
    """Apply a just-finished session (with these ratings) to a copy of the coach, and say
    per exercise what happens next time and why. ``routine`` is the routine's own (not as
    run); without it (the file is gone) the lines say the level, not the reps."""
    trial = before.copy()
    rated = _Rated(record, pain, effort)
    outcomes = trial.apply_session(rated) if record.status in ("completed", "partial") else []
    originals: dict[str, Exercise] = {}
    for exercise in routine.exercises if routine is not None else ():
        originals.setdefault(identity_of(exercise.name, ladders), exercise)
    lines = []
    for outcome in outcomes:
        state = trial.exercises[outcome.key]
        original = originals.get(outcome.key)
        next_time = planned_exercise(original, state, ladders).exercise if original is not None else None
        label = state.name if state.ladder is None else state.rung
        if outcome.changes:
            words = "; ".join(change_words(change, next_time) for change in outcome.changes)
            if len(outcome.changes) > 1 and next_time is not None:
                words += f" ({amount(next_time.kind, _value(next_time))})"
            lines.append(f"{_label(outcome.changes[0].before.rung, state)}: {words}")
        elif outcome.primed and next_time is not None and _at_top(state, ladders):  # nothing to step up to
            lines.append(f"{label}: cleared with low pain; at the top of its steps, it stays at "
                         f"{amount(next_time.kind, _value(next_time))}")
        elif outcome.primed and next_time is not None:
            up = planned_exercise(original, _one_up(state, ladders), ladders).exercise if original else next_time
            target = up.name if exercise_key(up.name) != exercise_key(next_time.name) \
                else amount(up.kind, _value(up))
            lines.append(f"{label}: cleared with low pain; clear it once more like this and it goes up to {target}")
        elif pain is not None and 4 <= pain < FLARE_PAIN and next_time is not None:
            lines.append(f"{label}: pain {pain}, holding at {amount(next_time.kind, _value(next_time))}")
    return Outlook(tuple(lines), pain is None, pain is not None and pain >= FLARE_PAIN)


def _label(rung: str, state: ExerciseState) -> str:
    return rung if state.ladder is not None else state.name


def _at_top(state: ExerciseState, ladders: LadderBook) -> bool:
    """Whether a step up would leave the exercise where it is (the top level of its top rung)."""
    higher = _one_up(state, ladders)
    return (higher.rung, higher.level) == (state.rung, state.level)


def _one_up(state: ExerciseState, ladders: LadderBook) -> ExerciseState:
    found = ladders.find(state.rung) if state.ladder is not None else None
    rungs = tuple(rung.name for rung in found[0].ladder.rungs) if found is not None else None
    after = stepped(state.position, rungs, up=True) or state.position
    return ExerciseState(state.key, state.name, state.ladder, after.rung, after.level)


class _Rated:
    """A session record seen with other ratings (the ones typed on the summary)."""

    def __init__(self, record: SessionLike, pain: int | None, effort: int | None) -> None:
        self._record, self.pain, self.effort = record, pain, effort

    def __getattr__(self, name: str) -> Any:
        return getattr(self._record, name)


# --- the next-morning check ------------------------------------------------------------------

MORNING_AFTER = (8 * 3600, 36 * 3600)  # seconds after a session's end in which the check is asked


@dataclass(frozen=True)
class MorningCheck:
    """The session a next-morning check asks about."""

    session_id: str
    routine_name: str
    ended: datetime  # as recorded, with its offset

    def question(self, now: datetime) -> str:
        """The question, naming the session."""
        when = "yesterday" if (now.date() - self.ended.date()).days == 1 else self.ended.strftime("%A")
        return (f"Compared with before your session {when} ({self.routine_name}, ended "
                f"{self.ended:%H:%M}), is your back better, the same, or worse this morning?")


def morning_check_due(summaries: Iterable[SessionSummaryLike], checkins: Mapping[date, str], now: datetime,
                      asked: str) -> MorningCheck | None:
    """Whether to ask the next-morning check now, and about which session.

    Asked about the most recent counted session (by when it ended) when it has a pain
    rating and ended 8 to 36 hours ago; once only (``asked`` is the session last asked
    about, answered or skipped), and not when today already has a check-in.
    """
    latest: tuple[float, SessionSummaryLike, datetime] | None = None
    for summary in summaries:
        when = moment(summary.ended_at) if summary.status in ("completed", "partial") else None
        if when is None:
            continue
        try:
            seconds = instant(when)
        except (OverflowError, OSError, ValueError):
            continue
        if latest is None or seconds > latest[0]:
            latest = (seconds, summary, when)
    if latest is None:
        return None
    seconds, summary, when = latest
    since = instant(now) - seconds
    if summary.pain is None or summary.id == asked or now.date() in checkins:
        return None
    if not MORNING_AFTER[0] <= since <= MORNING_AFTER[1]:
        return None
    return MorningCheck(summary.id, summary.routine_name, when)


class SessionSummaryLike(Protocol):
    """A session's own fields (see :class:`~hamcoach.history.documents.SessionSummary`)."""

    @property
    def id(self) -> str: ...
    @property
    def routine_name(self) -> str: ...
    @property
    def ended_at(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def pain(self) -> int | None: ...


# --- hamcoach coach --------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseReport:
    """One line of ``hamcoach coach``: an exercise, where it stands and its next prescription."""

    state: ExerciseState
    kind: str
    reps: int | None
    hold: int | None
    next_step: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of one exercise."""
        change = self.state.last_change
        return {
            "exercise": self.state.name,
            "ladder": self.state.ladder,
            "rung": self.state.rung,
            "level": self.state.level,
            "kind": self.kind,
            "reps": self.reps,
            "hold": self.hold,
            "last_change": None if change is None else {
                "date": change.day.isoformat(),
                "from": {"rung": change.before.rung, "level": change.before.level},
                "to": {"rung": change.after.rung, "level": change.after.level},
                "reason": change.why,
            },
            "next": self.next_step,
        }


def base_prescription(state: ExerciseState, ladders: LadderBook, library: RoutineLibrary | None) -> tuple[str, int]:
    """The kind and level-0 reps (or seconds) an exercise's prescription builds on.

    A ladder's rung has its own; otherwise the routine it was last run in, if that routine
    is still there; otherwise what the history says was last run.
    """
    rung = ladders.rung(state.rung) if state.ladder is not None else None
    if rung is not None:
        return rung.kind, rung.reps if rung.reps is not None else (rung.hold or 1)
    loaded = library.get(state.last_routine_id) if library is not None else None
    if loaded is not None:
        for exercise in loaded.routine.exercises:
            if identity_of(exercise.name, ladders) == state.key:
                return exercise.kind, _value(exercise)
    return state.kind, max(state.base, 1)


def report(state: CoachState, ladders: LadderBook, library: RoutineLibrary | None = None) -> list[ExerciseReport]:
    """Every exercise in the history, by name, with its next prescription."""
    out = []
    for exercise in state.ordered():
        kind, base = base_prescription(exercise, ladders, library)
        value = with_level(kind, base, exercise.level)
        primed = exercise.primed(state.worse_index)
        out.append(ExerciseReport(exercise, kind, value if kind == "reps" else None,
                                  value if kind == "hold" else None, next_step_words(exercise, primed, ladders)))
    return out


def report_json(state: CoachState, rows: list[ExerciseReport]) -> dict[str, Any]:
    """What ``hamcoach coach --json`` prints."""
    return {
        "as_of": state.as_of.isoformat() if state.as_of else None,
        "exercises": [row.as_dict() for row in rows],
        "cautions": [caution.text for caution in state.cautions],
    }


# --- the app's coach: cached until the history changes -----------------------------------


class Coach:
    """The coaching state of the app's history, recomputed only when the history (or the day) changes.

    The app makes one and screens ask it; ``today`` is the app's injected wall clock.
    """

    def __init__(self, store: HistoryStore, library: RoutineLibrary, today: Callable[[], date]) -> None:
        self.store = store
        self.library = library
        self.today = today
        self._key: tuple[int, date, int] | None = None
        self._progression: Progression | None = None
        self._state: CoachState | None = None

    @property
    def ladders(self) -> LadderBook:
        """The library's ladders."""
        return self.library.ladders

    def _current(self) -> tuple[int, date, int]:
        return (self.store.generation, self.today(), id(self.library.ladders))

    @property
    def ready(self) -> bool:
        """True when the state is computed for the history as it is now."""
        return self._key == self._current()

    def progression(self) -> Progression:
        """Every event up to today applied (cached)."""
        self._refresh()
        assert self._progression is not None
        return self._progression.copy()

    def state(self) -> CoachState:
        """The coaching state as of today (cached)."""
        self._refresh()
        assert self._state is not None
        return self._state

    def prescribe(self, routine: Routine) -> Prescription:
        """The routine as run today."""
        return prescribe(routine, self.state(), self.ladders)

    def _refresh(self) -> None:
        key = self._current()
        if key != self._key:
            today = key[1]
            self._progression, flares = _replayed(self.store, self.ladders, today)
            self._state = self._progression.state(today, cautions(flares, self.store.checkins(), today))
            self._key = key
