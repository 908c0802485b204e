"""The coaching rules: each exercise's level and rung, and cautions, from the history alone.

docs/COACHING.md states the contract in words; this module is its implementation, and
tests/coaching/test_progression_oracle.py checks it against a separate re-statement.

A pure function of its inputs (:func:`coach_state`): the sessions (anything shaped like
:class:`~hamcoach.history.models.SessionRecord`), the check-ins, the ladders and the
day to compute it as of. No clock, no files, no pydantic: ``hamcoach status`` uses the
caution rule without loading anything heavy.

The events are applied one at a time by :class:`Progression`; the summary screen uses
the same object to say what a just-finished session will change, before it is rated.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol, TypeVar, cast

from hamcoach.coaching.cautions import (
    CAUTION_ADVICE,
    CAUTION_DAYS,
    CAUTION_GAP,
    COUNTED,
    FLARE_PAIN,
    Caution,
    caution_facts,
    cautions,
    instant,
    moment,
)
from hamcoach.routines.identity import LadderSpec, exercise_key

Answer = Literal["better", "same", "worse"]
ANSWERS: tuple[str, ...] = ("better", "same", "worse")

MAX_LEVEL = 3
REPS_PER_LEVEL = 2
SECONDS_PER_LEVEL = 5
MAX_REPS, MAX_HOLD = 100, 900  # the routine model's limits
SAFE_PAIN = 3  # 0-3: safe, progress
MAX_EFFORT = 8  # 9 and up: too hard to step up


# --- what the rules read ------------------------------------------------------------


class SetLike(Protocol):
    """One recorded set (see :class:`~hamcoach.history.models.SetRecord`)."""

    @property
    def exercise(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def target(self) -> int: ...
    @property
    def achieved(self) -> int: ...
    @property
    def skipped(self) -> bool: ...


class SessionHead(Protocol):
    """What orders a session in the line (and finds a flare): a record's own fields, no sets."""

    @property
    def id(self) -> str: ...
    @property
    def ended_at(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def pain(self) -> int | None: ...


Head = TypeVar("Head", bound=SessionHead)


class SessionLike(SessionHead, Protocol):
    """One recorded session (see :class:`~hamcoach.history.models.SessionRecord`): its head,
    and what the rules read besides."""

    @property
    def routine_id(self) -> str: ...
    @property
    def effort(self) -> int | None: ...
    @property
    def sets(self) -> Sequence[SetLike]: ...


@dataclass(frozen=True)
class CheckIn:
    """A next-morning check: compared with before the last session, the back is ..."""

    day: date
    answer: str  # "better", "same" or "worse"


# --- what the rules say ---------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where an exercise stands: its rung (its own name without a ladder) and level."""

    rung: str
    level: int


@dataclass(frozen=True)
class Change:
    """One change of an exercise's level or rung, and why."""

    key: str
    day: date
    before: Position
    after: Position
    cause: Literal["step_up", "pain", "worse"]
    why: str  # in words: "cleared twice with low pain", "pain 7", "worse on the morning of ..."
    session_id: str | None = None  # the session that caused it (None for a check-in)

    @property
    def up(self) -> bool:
        """True for a step up."""
        return self.cause == "step_up"


@dataclass
class ExerciseState:
    """The coaching state of one exercise identity."""

    key: str
    name: str  # the name as first recorded, or the ladder's name
    ladder: str | None  # the ladder's name, for a ladder identity
    rung: str  # the current rung (the recorded name for an exercise without a ladder)
    level: int = 0
    kind: str = "reps"  # of the last run
    base: int = 0  # the routine's own reps or seconds, as last run (without the level)
    last_routine_id: str = ""
    first_day: date | None = None
    last_day: date | None = None
    sessions: int = 0  # counted sessions that contained it
    last_change: Change | None = None
    # The pair rule's memory: the line position of the last session containing it, whether
    # that one was "good" (cleared, pain <= 3, effort <= 8), and of the last change.
    prev_index: int = -1
    prev_good: bool = False
    change_index: int = -1

    @property
    def position(self) -> Position:
        """Its rung and level."""
        return Position(self.rung, self.level)

    def primed(self, last_worse_index: int) -> bool:
        """True when one more good session would step it up (the first of a pair is done)."""
        return self.prev_good and self.prev_index > self.change_index and self.prev_index > last_worse_index


@dataclass(frozen=True)
class SessionOutcome:
    """What applying one session did to one exercise it contains."""

    key: str
    before: Position
    after: Position
    cleared: bool
    swapped: bool
    good: bool  # cleared with pain <= 3 and effort <= 8 (or none)
    changes: tuple[Change, ...]
    primed: bool  # after it: one more good session steps up


@dataclass
class CoachState:
    """Every exercise's state and the cautions, as of a day."""

    as_of: date | None
    exercises: dict[str, ExerciseState]
    cautions: list[Caution]
    changes: list[Change]  # every change, in the order applied
    worse_index: int = -1

    def get(self, key: str) -> ExerciseState | None:
        """The state of an identity (:func:`hamcoach.routines.identity.exercise_key`, or a ladder's key)."""
        return self.exercises.get(key)

    def ordered(self) -> list[ExerciseState]:
        """The exercises by name (case ignored)."""
        return sorted(self.exercises.values(), key=lambda s: (s.name.casefold(), s.key))


# --- the prescription a level gives ---------------------------------------------------


def with_level(kind: str, base: int, level: int) -> int:
    """Reps (``kind == "reps"``) or seconds at a level: +2 reps or +5 s a level, within limits."""
    if kind == "reps":
        return max(1, min(MAX_REPS, base + REPS_PER_LEVEL * level))
    return max(1, min(MAX_HOLD, base + SECONDS_PER_LEVEL * level))


def without_level(kind: str, value: int, level: int) -> int:
    """The routine's own reps or seconds behind a prescription at a level (at least 1)."""
    step = REPS_PER_LEVEL if kind == "reps" else SECONDS_PER_LEVEL
    return max(1, value - step * level)


def stepped(position: Position, rungs: Sequence[str] | None, up: bool) -> Position | None:
    """One step up or down from a position: a level, or past level 3 (or below 0) onto the
    next rung of its ladder (``rungs``, easiest first; None without a ladder). None at an end."""
    if up and position.level < MAX_LEVEL:
        return Position(position.rung, position.level + 1)
    if not up and position.level > 0:
        return Position(position.rung, position.level - 1)
    at = rungs.index(position.rung) if rungs is not None else 0
    if up and rungs is not None and at < len(rungs) - 1:
        return Position(rungs[at + 1], 0)
    if not up and rungs is not None and at > 0:
        return Position(rungs[at - 1], MAX_LEVEL)
    return None


# --- applying events -------------------------------------------------------------------


@dataclass
class _Applied:
    index: int
    session_id: str
    contained: tuple[str, ...]


class Progression:
    """The rules, applied one event at a time, in the order of :func:`event_line`."""

    def __init__(self, ladders: Iterable[LadderSpec] = ()) -> None:
        self.ladders: dict[str, LadderSpec] = {}
        self._rung_of: dict[str, tuple[LadderSpec, int]] = {}
        for spec in ladders:
            self.ladders[spec.key] = spec
            for position, rung in enumerate(spec.rungs):
                self._rung_of.setdefault(exercise_key(rung), (spec, position))
        self.exercises: dict[str, ExerciseState] = {}
        self.changes: list[Change] = []
        self.index = -1  # the line position of the last event applied
        self.worse_index = -1  # ... of the last `worse` check-in
        self._by_day: dict[date, _Applied] = {}  # the last session applied of each date
        self._stepped: set[str] = set()  # sessions already stepped down by a check-in
        self._names: dict[str, str] = {}  # exercise name -> its identity (a cache)

    def copy(self) -> Progression:
        """An independent copy (to try a session out without applying it).

        Cheap (the summary makes one per keystroke): the exercise states are copied, the
        rest is immutable or only ever added to, so a shallow copy of each container will do.
        """
        other = copy.copy(self)
        other.exercises = {key: dataclasses.replace(state) for key, state in self.exercises.items()}
        other.changes = list(self.changes)
        other._by_day = dict(self._by_day)
        other._stepped = set(self._stepped)
        return other

    # -- sessions

    def apply_session(self, session: SessionLike, day: date | None = None,
                      report: bool = True) -> list[SessionOutcome]:
        """Apply one counted session (the caller checks it is counted); return what it did
        to each exercise it contains (``report=False``: nothing, which is quicker)."""
        if day is None:
            when = moment(session.ended_at)
            if when is None:
                return []
            day = when.date()
        self.index += 1
        groups: dict[str, list[SetLike]] = {}
        for s in session.sets:
            groups.setdefault(self._key_of(s.exercise), []).append(s)
        contained = [key for key, sets in groups.items() if any(s.achieved > 0 for s in sets)]
        pain, effort = session.pain, session.effort
        low = pain is not None and pain <= SAFE_PAIN and (effort is None or effort <= MAX_EFFORT)
        outcomes = []
        for key in contained:
            sets = groups[key]
            state = self.exercises.get(key) or self._new_state(key, sets)
            self.exercises[key] = state
            before = state.position if report else None
            run_level = state.level
            swapped = key in self.ladders and any(self._name_key(s.exercise) != self._name_key(state.rung)
                                                  for s in sets)
            cleared = not swapped and all(s.achieved >= s.target and not s.skipped for s in sets)
            good = cleared and low
            changes = []
            if good and state.prev_good and state.prev_index > state.change_index \
                    and state.prev_index > self.worse_index:
                change = self._step(state, up=True, day=day, cause="step_up",
                                    why="cleared twice with low pain", session_id=session.id)
                if change is not None:
                    changes.append(change)
            if pain is not None and pain >= FLARE_PAIN:
                change = self._step(state, up=False, day=day, cause="pain", why=f"pain {pain}",
                                    session_id=session.id)
                if change is not None:
                    changes.append(change)
            state.prev_index, state.prev_good = self.index, good
            state.sessions += 1
            state.first_day = state.first_day or day
            state.last_day = day
            state.last_routine_id = session.routine_id
            first = sets[0]
            state.kind = first.kind
            if key not in self.ladders:
                state.base = without_level(first.kind, first.target, run_level)
            if before is not None:
                outcomes.append(SessionOutcome(key, before, state.position, cleared, swapped, good, tuple(changes),
                                               state.primed(self.worse_index)))
        self._by_day[day] = _Applied(self.index, session.id, tuple(contained))
        return outcomes

    def _name_key(self, name: str) -> str:
        # A history repeats a few names thousands of times: each is trimmed and folded once.
        key = self._names.get(name)
        if key is None:
            key = self._names[name] = exercise_key(name)
        return key

    def _key_of(self, name: str) -> str:
        key = self._name_key(name)
        found = self._rung_of.get(key)
        return found[0].key if found is not None else key

    def _new_state(self, key: str, sets: list[SetLike]) -> ExerciseState:
        first_run = next(s for s in sets if s.achieved > 0)
        spec = self.ladders.get(key)
        if spec is None:
            name = first_run.exercise.strip()
            return ExerciseState(key, name, None, name)
        rung = spec.rungs[self._rung_of[exercise_key(first_run.exercise)][1]]
        return ExerciseState(key, spec.name, spec.name, rung)

    def _step(self, state: ExerciseState, up: bool, day: date, cause: Literal["step_up", "pain", "worse"],
              why: str, session_id: str | None) -> Change | None:
        spec = self.ladders.get(state.key)
        after = stepped(state.position, spec.rungs if spec is not None else None, up)
        if after is None:
            return None  # at the end of its range: it stays
        change = Change(state.key, day, state.position, after, cause, why, session_id)
        state.rung, state.level = after.rung, after.level
        state.last_change = change
        state.change_index = self.index
        self.changes.append(change)
        return change

    # -- check-ins

    def apply_checkin(self, checkin: CheckIn) -> list[Change]:
        """Apply one check-in; a `worse` one steps down the exercises of the session it is about."""
        self.index += 1
        if checkin.answer != "worse":
            return []
        self.worse_index = self.index
        candidates = [self._by_day[d] for d in (checkin.day - timedelta(days=1), checkin.day - timedelta(days=2))
                      if d in self._by_day]
        if not candidates:
            return []
        about = max(candidates, key=lambda applied: applied.index)
        if about.session_id in self._stepped:
            return []
        self._stepped.add(about.session_id)
        changes = []
        for key in about.contained:
            change = self._step(self.exercises[key], up=False, day=checkin.day, cause="worse",
                                why=f"worse on the morning of {checkin.day}", session_id=None)
            if change is not None:
                changes.append(change)
        return changes

    def forget_days_before(self, day: date) -> None:
        """Forget which sessions were applied on the days before ``day`` (a replay calls it
        when no check-in still to come can be about them; it keeps a long history small)."""
        self._by_day = {d: applied for d, applied in self._by_day.items() if d >= day}

    def state(self, as_of: date | None, cautions: list[Caution]) -> CoachState:
        """The state so far."""
        return CoachState(as_of, dict(self.exercises), cautions, list(self.changes), self.worse_index)


# --- the whole history ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # (one per session of a long history)
class _Event:
    session: SessionHead | None
    checkin: CheckIn | None
    day: date


def latest_checkins(checkins: Iterable[CheckIn]) -> dict[date, str]:
    """One answer per date: a later one in the list replaces an earlier one."""
    out: dict[date, str] = {}
    for checkin in checkins:
        out[checkin.day] = checkin.answer
    return out


def counted_sessions(sessions: Iterable[Head], as_of: date | None) -> list[tuple[float, str, date, Head]]:
    """The counted sessions up to ``as_of`` in line order: (instant, id, date, session)."""
    out = []
    for session in sessions:
        if session.status not in COUNTED:
            continue
        when = moment(session.ended_at)
        if when is None:
            continue
        try:
            seconds = instant(when)
        except (OverflowError, OSError, ValueError):
            continue
        day = when.date()
        if as_of is not None and day > as_of:
            continue
        out.append((seconds, session.id, day, session))
    out.sort(key=lambda item: (item[0], item[1]))
    return out


def event_line(sessions: Iterable[SessionHead], checkins: Iterable[CheckIn], as_of: date | None) -> list[_Event]:
    """Sessions by ended_at (then id); a check-in dated D just before the first session of
    date D or later, at the end if there is none."""
    return list(_events(sessions, checkins, as_of, None))


def _events(sessions: Iterable[Head], checkins: Iterable[CheckIn], as_of: date | None,
            load: Callable[[Head], SessionLike | None] | None) -> Iterator[_Event]:
    """:func:`event_line`, one event at a time; with ``load``, each session is loaded when its
    turn comes, and one that loads as None is left out before the check-ins are placed
    around it (a check-in's place depends on the sessions in the line: the line is the one
    of the sessions that load)."""
    counted = counted_sessions(sessions, as_of)
    answers = sorted((day, answer) for day, answer in latest_checkins(checkins).items()
                     if as_of is None or day <= as_of)
    pending = 0
    for _seconds, _sid, day, head in counted:
        session = head if load is None else load(head)
        if session is None:
            continue
        while pending < len(answers) and answers[pending][0] <= day:
            yield _Event(None, CheckIn(*answers[pending]), answers[pending][0])
            pending += 1
        yield _Event(session, None, day)
    for day, answer in answers[pending:]:
        yield _Event(None, CheckIn(day, answer), day)


def coach_state(sessions: Iterable[SessionLike], checkins: Iterable[CheckIn] = (),
                ladders: Iterable[LadderSpec] = (), as_of: date | None = None) -> CoachState:
    """The coaching state of a history as of a day (None: everything)."""
    sessions = list(sessions)
    checkins = list(checkins)
    progression = replay(sessions, checkins, ladders, as_of)
    flares = [(seconds, day) for seconds, _sid, day, s in counted_sessions(sessions, as_of)
              if s.pain is not None and s.pain >= FLARE_PAIN]
    return progression.state(as_of, cautions(flares, latest_checkins(checkins), as_of))


FORGET_EVERY = 256  # events between two prunings of a replay's record of days (see below)


def replay(sessions: Iterable[SessionLike] | Iterable[Head], checkins: Iterable[CheckIn] = (),
           ladders: Iterable[LadderSpec] = (), as_of: date | None = None,
           load: Callable[[Head], SessionLike | None] | None = None) -> Progression:
    """A :class:`Progression` with every event up to ``as_of`` applied.

    With ``load``, ``sessions`` need only the fields that order the line (id, status,
    ended_at): each counted one is given to ``load`` when its turn comes, and the whole
    session it returns is applied and dropped (None: it is left out, as if it had never
    been in ``sessions``, check-ins placed as in that line). A long history is then
    replayed one session at a time.
    """
    progression = Progression(ladders)
    latest: date | None = None  # the latest day of a session applied
    for n, event in enumerate(_events(cast("Iterable[Head]", sessions), checkins, as_of, load)):
        if event.session is not None:
            progression.apply_session(cast("SessionLike", event.session), event.day, report=False)
            latest = event.day if latest is None else max(latest, event.day)
        elif event.checkin is not None:
            progression.apply_checkin(event.checkin)
        if n % FORGET_EVERY == FORGET_EVERY - 1 and latest is not None:
            # A check-in dated D comes before the first session of date D or later, so every
            # check-in still to come is dated after `latest` and looks back at most to the day
            # before it: what was applied on earlier days is never asked for again.
            progression.forget_days_before(latest - timedelta(days=1))
    return progression


# --- cautions ------------------------------------------------------------------------------


__all__ = [
    "ANSWERS", "Answer", "CAUTION_ADVICE", "CAUTION_DAYS", "CAUTION_GAP", "COUNTED", "FLARE_PAIN", "Caution",
    "CheckIn", "CoachState", "Change", "ExerciseState", "LadderSpec", "Position", "Progression", "SessionHead",
    "SessionLike", "SessionOutcome", "SetLike", "caution_facts", "cautions", "coach_state", "event_line", "instant",
    "latest_checkins", "moment", "replay", "stepped", "with_level", "without_level",
]
