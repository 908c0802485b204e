"""Two hamcoach processes on one data home, each in a real terminal (issue 10, finding 9).

Terminal A runs a session; terminal B is started meanwhile. B must not offer A's live
session as "did not finish", and nothing B does may change A's record: the session ends
as A ran it.
"""

from __future__ import annotations

import sys
import time

import pytest
from support.apps import settings_file, write_routine
from support.terminal import Terminal

from hamcoach.history.store import HistoryStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty and flock")

TINY = """\
name = "Tiny"

[[exercises]]
name = "Short hold"
sets = 3
hold = 2
rest = 4
"""


def _statuses(home) -> list[str]:
    path = home / "history.json"
    return [s.status for s in HistoryStore(path).summaries()] if path.exists() else []


def _wait_for_checkpoint(home, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _statuses(home) == ["in_progress"]:
            return
        time.sleep(0.1)
    raise AssertionError(f"no checkpoint was saved: {_statuses(home)}")


@pytest.mark.parametrize("answer", ["r", "k"], ids=["resume-in-b", "keep-as-partial-in-b"])
def test_a_second_instance_leaves_a_running_session_alone(isolated_home, answer):
    settings_file(isolated_home)
    write_routine(isolated_home, "tiny", TINY)
    with Terminal(isolated_home, "--mute", "run", "tiny") as a:
        _wait_for_checkpoint(isolated_home)  # set 1 done: A's session is on file, in progress
        a.keys(" ")  # pause A, so the test does not race its clock
        assert a.wait_for("space to resume"), a.text()[-2000:]
        with Terminal(isolated_home, "--mute") as b:
            assert b.wait_for("pick a routine") or b.wait_for("did not finish"), b.text()[-2000:]
            time.sleep(1.0)  # the resume question, if any, comes right after the first frame
            offered = "did not finish" in b.text()
            if offered:
                b.keys(answer)  # what a user could do with the question
                time.sleep(1.0)
            assert _statuses(isolated_home) == ["in_progress"], "B changed A's live session"
            a.keys(" ")  # A carries on to the end
            assert a.wait_for("Session complete"), a.text()[-2000:]
            assert _statuses(isolated_home) == ["completed"]
            b.keys("q")  # B quits: from the routine list at once; from a session it asks
            if b.wait_exit(3) is None:
                b.keys("y")  # end the session in B
                time.sleep(1.0)
        assert _statuses(isolated_home) == ["completed"], "B changed A's finished session"
        assert not offered, "B offered A's running session for resume"
        mark = a.mark()
        a.keys("escape")
        assert a.wait_for("pick a routine", since=mark), a.text()[-1500:]
        a.keys("q")
        assert a.wait_exit(20) == 0, a.text()[-1500:]
    assert _statuses(isolated_home) == ["completed"]
