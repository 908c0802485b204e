"""A routine for the session-screen tests and snapshots: reps, sides, a change of position.

    0 get ready 15 (standing -> floor) | bridge set 1: 10 reps of 5 s 15-65 | rest 65-95 |
    set 2 95-145 | rest before the curl 145-185 (shows the curl) | get ready 185-200
    (floor -> band) | curl set 1 left 200-240 | switch 240-245 | right 245-285 | done
"""

from __future__ import annotations

from pathlib import Path

from hamcoach.ui.app import HamcoachApp
from support.apps import make_app, write_routine

MAT_ID = "mat-and-band"
MAT_TOML = """\
name = "Mat and band"
equipment = ["mat", "band"]

[[exercises]]
name = "Hip bridge"
position = "floor"
cues = [
    "Roll the back of the pelvis down, then lift from the hips.",
    "Press through both heels with the same effort.",
    "Keep both hip points level at the top.",
]
sets = 2
reps = 10
tempo = { up = 2, hold = 1, down = 2 }
rest = 30
rest_after = 40

[[exercises]]
name = "Band hamstring curl"
position = "band"
cues = [
    "Lie face down, band around the ankle; keep the pelvis heavy.",
    "Bend the knee slowly against the band, then let it back slowly.",
    "Keep the foot relaxed; let the knee and hip do the bending.",
    "Match the reps and pace on both legs.",
]
sets = 1
reps = 10
tempo = { up = 2, hold = 0, down = 2 }
per_side = true
"""

# Seconds from the start to moments worth a look.
BRIDGE_REP_3_LIFT = 15 + 10 + 1  # rep 3 of set 1, 1 s into its 2 s lift
REST_BEFORE_CURL = 145 + 15  # 25 s of the rest before the curl left
CURL_GET_READY = 185 + 5  # 10 s of the get-ready left
CURL_LEFT_REP_3 = 200 + 8 + 1  # left side, rep 3, 1 s into its lift


def mat_app(home: Path) -> HamcoachApp:
    """Straight into the mat-and-band session, on a fake clock."""
    write_routine(home, MAT_ID, MAT_TOML)
    return make_app(home, start_routine=MAT_ID)
