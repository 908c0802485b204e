"""What may change in a saved session, and how: the rules the store enforces.

Two kinds of write change a stored session:

- *Recording* (the session screen's checkpoints and its final save, keeping an
  unfinished session as partial): it follows the session forward and never back.
  A ``completed`` session is never moved to another status, and a ``partial`` one is
  never moved back to ``in_progress``. See :func:`recording_refusal`.
- *Correcting* (``hamcoach history edit``, the history screen's edit form): the user
  fixes pain, effort, the status (``completed`` or ``partial`` only) and a short note.
  See :func:`edit_problem`.

Neither may touch a session that another process is running (see
:mod:`hamcoach.history.live`); the store checks that too.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

from hamcoach.history.models import COMPLETED, IN_PROGRESS, NOTE_MAX_LENGTH, PARTIAL, SessionStatus

#: The statuses a user may set by hand: ``in_progress`` belongs to a running session.
EDITABLE_STATUSES: Final[tuple[SessionStatus, ...]] = (COMPLETED, PARTIAL)


class Keep(Enum):
    """The value of an edit field that is left as it is (``None`` clears a field)."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


def recording_refusal(stored: str | None, new: str) -> str | None:
    """Why a recording write may not replace a session stored with status ``stored`` by one
    with status ``new``, or None when it may (``stored`` is None for a new session)."""
    if stored == COMPLETED and new != COMPLETED:
        return "it is saved as completed, and a completed session stays completed"
    if stored == PARTIAL and new == IN_PROGRESS:
        return "it was ended as partial, and an ended session is not taken up again"
    return None


def edit_problem(pain: int | None | Keep = KEEP, effort: int | None | Keep = KEEP,
                 status: str | Keep = KEEP, note: str | None | Keep = KEEP) -> str | None:
    """What is wrong with a correction, as one sentence, or None if it can be made."""
    if pain is KEEP and effort is KEEP and status is KEEP and note is KEEP:
        return "Nothing to change: give a pain or effort rating, a status or a note."
    for name, value, low in (("Pain", pain, 0), ("Effort", effort, 1)):
        if not isinstance(value, Keep) and value is not None and (type(value) is not int or not low <= value <= 10):
            return f"{name} must be a whole number from {low} to 10."
    if not isinstance(status, Keep) and status not in EDITABLE_STATUSES:
        return f"The status can be set to {' or '.join(EDITABLE_STATUSES)} (got {status!r})."
    if isinstance(note, str) and len(note) > NOTE_MAX_LENGTH:
        return f"A note is at most {NOTE_MAX_LENGTH} characters (this one has {len(note)})."
    return None


def clean_note(note: str | None) -> str | None:
    """A note as stored: surrounding spaces trimmed; an empty note is no note."""
    if note is None:
        return None
    note = note.strip()
    return note or None
