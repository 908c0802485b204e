"""A cue's sound: from the moment it is due to its first sample, as aplay really plays it.

``/work/shared/tools/sound-sink`` (or ``sound-sink`` on the PATH) runs the real app with
ALSA's default device routed to files and logs, for every stream any player opened,
the ``time.monotonic()`` when the device was opened and the offset of its first audible
sample; it sets ``PLAYSOUND3_BACKEND=alsa`` so playsound3 plays through aplay. The app
logs when each sound was due (``HAMCOACH_SOUND_LOG``: the engine's planned time of the
moment). A cue's latency is the stream's open time + its onset minus its due time.

Two sessions of a short routine (two 5 s holds, a 5 s rest): one with ``--no-voice``
(every cue a tone: the tone budget, median <= 30 ms and max <= 80 ms), one with the
voice on (where a speech engine is installed): its first spoken phrase, rendered ahead
while the app starts, must come no later than the slowest tone of the first session.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from common import REPO, DataHome, Row, clean_env, hamcoach_argv, median, verdict
from ptyproc import PtyProcess

SINK_PLACES = ("/work/shared/tools/sound-sink",)
MEDIAN_BUDGET, MAX_BUDGET = 0.030, 0.080
SUMMARY_MARKER = b"Pain now"
ROUTINE = '''name = "Bench sound"
description = "Short holds and a rest, for timing the cues."
equipment = []

[[exercises]]
name = "Hold A"
sets = 2
hold = 5
rest = 5
'''


def sink() -> str | None:
    return shutil.which("sound-sink") or next((p for p in SINK_PLACES if Path(p).is_file()), None)


def session(tool: str, home: Path, *options: str) -> list[dict]:
    """Run the routine under the sink; each sound the app logged, with ``latency_s`` from the capture."""
    journal, capture = home / f"journal{'-'.join(options)}.jsonl", home / f"capture{'-'.join(options)}.jsonl"
    argv = [tool, "run", "--out", str(capture), "--wav-dir", str(REPO / "assets" / "sounds"), "--",
            *hamcoach_argv(*options, "run", "bench-sound")]
    env = clean_env(home, HAMCOACH_SOUND_LOG=str(journal))
    with PtyProcess(argv, env) as proc:
        if proc.wait_for(SUMMARY_MARKER, 120) is None:
            raise RuntimeError(f"the sound session never ended; output ends {bytes(proc.output[-300:])!r}")
    sounds = [json.loads(line) for line in journal.read_text().splitlines() if line.strip()]
    streams = sorted((json.loads(line) for line in capture.read_text().splitlines() if line.strip()),
                     key=lambda s: s["t_mono"])
    played = [s for s in sounds if s.get("started") is not None]
    # In order: each sound the app started is the first stream opened after it started.
    out, i = [], 0
    for sound in played:
        while i < len(streams) and streams[i]["t_mono"] < sound["started"] - 0.002:
            i += 1
        if i == len(streams):
            break
        stream = streams[i]
        i += 1
        out.append(dict(sound, latency_s=stream["t_mono"] + stream["onset_ms"] / 1000 - sound["due"]))
    if len(out) != len(played):
        raise RuntimeError(f"{len(played)} sounds started but {len(out)} matched in the capture")
    return out


def run(quick: bool = False) -> list[Row]:
    tool = sink()
    if tool is None:
        why = "sound-sink not found (../shared/tools/sound-sink)"
        return [Row("sound", "cue due -> first sample (tones, aplay)", why, status="FAIL")]
    with DataHome(routines={"bench-sound": ROUTINE}) as home:
        tones = session(tool, home, "--no-voice")
        voiced = session(tool, home, "--voice")
    tone_lat = [s["latency_s"] for s in tones if not s.get("spoken")]
    spoken = [s for s in voiced if s.get("spoken")]
    med, worst = median(tone_lat), max(tone_lat)
    rows = [
        Row("sound", f"cue due -> first sample, tones (median of {len(tone_lat)}, aplay)", f"{med * 1000:.1f} ms",
            "—", "—", f"<= {MEDIAN_BUDGET * 1000:.0f} ms", verdict(med <= MEDIAN_BUDGET), {"tones": tones}),
        Row("sound", "  same, the slowest tone", f"{worst * 1000:.1f} ms", "—", "—", f"<= {MAX_BUDGET * 1000:.0f} ms",
            verdict(worst <= MAX_BUDGET)),
    ]
    if spoken:
        first = spoken[0]["latency_s"]
        rows.append(Row("sound", f"first spoken phrase, due -> first sample ({spoken[0]['speech']!r})",
                        f"{first * 1000:.1f} ms", f"{worst * 1000:.1f} ms slowest tone", "—",
                        "no slower than a tone", verdict(first <= worst), {"voiced": voiced}))
        rest = [s["latency_s"] for s in spoken[1:]]
        if rest:
            rows.append(Row("sound", f"  the other phrases (median, max of {len(rest)})",
                            f"{median(rest) * 1000:.1f} ms", f"{max(rest) * 1000:.1f} ms max", "—", "note", "info"))
    else:
        rows.append(Row("sound", "first spoken phrase", "n/a (no speech engine)", status="n/a"))
    return rows
