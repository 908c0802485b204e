"""What the voice says at each cue, and what a whole session will play: pure functions.

A moment of a session (the cues the engine reports together) sounds once: the phrase
of its most important cue that has one when the voice is on, else the tone of its most
important cue that has one. Reps are counted aloud: the rep number at the start of each
rep (the tones still mark lift, hold and lower).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.coaching.engine import Engine
from hamcoach.coaching.timeline import CUE_PRIORITY, Cue, CueKind, Phase, PhaseKind
from hamcoach.routines.models import Routine

VOICE_ONLY = frozenset({CueKind.READY, CueKind.NEXT_UP})
"""Cues that only the voice marks: with the voice off they make no sound."""

MUST_PLAY = frozenset({CueKind.COMPLETE, CueKind.SWITCH_SIDES})
"""Cues a burst never coalesces away."""


@dataclass(frozen=True)
class Moment:
    """What one moment of a session sounds like: a tone, a phrase, or both to choose from."""

    at: float
    tone: str | None  # a sound name (a CueKind value with a WAV), or None
    speech: str | None  # the phrase for the voice, or None
    must_play: bool = False  # never coalesced away by a burst

    def sound(self, voice: bool) -> str | None:
        """What plays: the phrase with the voice on (and a phrase to say), else the tone."""
        return self.speech if voice and self.speech else self.tone


def _rank(cue: Cue) -> int:
    return CUE_PRIORITY.index(cue.kind)


def moment(cues: Sequence[Cue], timeline: Sequence[Phase], routine: Routine) -> Moment | None:
    """The sound of a batch of cues (one moment): the most important tone and phrase in it."""
    if not cues:
        return None
    ranked = sorted(cues, key=_rank)
    tone = next((c for c in ranked if c.kind not in VOICE_ONLY), None)
    spoken = [(c, text) for c in ranked if (text := phrase(c, timeline, routine))]
    first = spoken[0][0] if spoken else tone
    if first is None:
        return None
    return Moment(
        at=(tone or first).at,
        tone=tone.kind.value if tone is not None else None,
        speech=spoken[0][1] if spoken else None,
        must_play=any(c.kind in MUST_PLAY for c in cues),
    )


def phrase(cue: Cue, timeline: Sequence[Phase], routine: Routine) -> str | None:
    """The words for one cue, or None where a tone says it better (ticks, mid-rep phases)."""
    kind = cue.kind
    here = timeline[cue.phase] if cue.phase is not None and 0 <= cue.phase < len(timeline) else None
    if kind is CueKind.COMPLETE:
        return "Session complete"
    if kind is CueKind.HALFWAY:
        return "Halfway"
    if kind is CueKind.COUNTDOWN:
        return str(cue.count) if cue.count in (1, 2, 3) else None  # the same phrase as a rep count
    if kind is CueKind.SWITCH_SIDES:
        side = here.side if here is not None else None
        return f"Switch sides, {side} side" if side else "Switch sides"
    if here is None or cue.phase is None:
        return None
    if kind is CueKind.READY:
        work = _next_work(timeline, cue.phase)
        return announcement(work, routine) if work is not None else None
    if kind is CueKind.NEXT_UP:
        work = _next_work(timeline, cue.phase)
        return f"Next: {announcement(work, routine)}" if work is not None else None
    if kind is CueKind.SET_DONE and here.kind is PhaseKind.REST:
        return f"Rest, {here.seconds} seconds"
    if kind in (CueKind.GO, CueKind.REP_PHASE):
        if here.rep and _starts_rep(timeline, cue.phase):
            return str(here.rep)
        return "Go" if kind is CueKind.GO else None
    return None


def announcement(work: Phase, routine: Routine) -> str:
    """``Hip bridge, set 1 of 3, left side``: the exercise, the set (when there are several), the side."""
    exercise = routine.exercises[work.exercise_index]
    parts = [exercise.name]
    if exercise.sets > 1:
        parts.append(f"set {work.set_number} of {exercise.sets}")
    if work.side:
        parts.append(f"{work.side} side")
    return ", ".join(parts)


def _next_work(timeline: Sequence[Phase], index: int) -> Phase | None:
    """The first work phase after ``index`` (the one a get-ready or a rest leads to)."""
    for phase in timeline[index + 1:]:
        if phase.is_work:
            return phase
        if phase.kind is PhaseKind.DONE:
            return None
    return None


def _starts_rep(timeline: Sequence[Phase], index: int) -> bool:
    before = timeline[index - 1] if index > 0 else None
    here = timeline[index]
    return before is None or before.rep != here.rep or before.set_key != here.set_key


@dataclass(frozen=True)
class PlannedSound:
    """One sound of a session run without pauses: seconds from the start, and the moment."""

    offset: float
    moment: Moment


def session_plan(routine: Routine) -> list[PlannedSound]:
    """Every sound of ``routine`` run straight through, from the real engine on a paper clock."""
    now = [0.0]
    engine = Engine(routine, lambda: now[0])
    plan: list[PlannedSound] = []

    def add(cues: list[Cue]) -> None:
        # A tick reports every cue due since the last: one moment per due time.
        for at in sorted({c.at for c in cues}):
            found = moment([c for c in cues if c.at == at], engine.timeline, routine)
            if found is not None:
                plan.append(PlannedSound(at, found))

    add(engine.start())
    while not engine.finished:
        wake = engine.next_wakeup()
        if wake is None:  # pragma: no cover - a running engine always has a next change
            break
        now[0] = max(wake, now[0])
        add(engine.tick())
    return plan


def session_phrases(routine: Routine) -> list[str]:
    """Every phrase a session of ``routine`` may say, each once, in the order first needed.

    A pause or a jump back adds only "Go", which is in the list when the routine
    has a hold; it is added anyway so that no phrase is ever missing.
    """
    seen: dict[str, None] = {}
    for planned in session_plan(routine):
        if planned.moment.speech:
            seen.setdefault(planned.moment.speech)
    seen.setdefault("Go")
    return list(seen)
