"""Generate hamcoach's cue sounds: short 16-bit PCM mono 44.1 kHz WAV files.

Stdlib only (wave, math, struct), and deterministic, so running it again
rewrites byte-identical files. It writes into the folder it lives in:

    python assets/sounds/generate.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
FADE_S = 0.005  # 5 ms ramps at each note's ends: long enough to avoid clicks

# Note frequencies (Hz), equal temperament.
C5, E5, G5, A5, B5, C6, E6, G6, A6 = 523.25, 659.26, 783.99, 880.0, 987.77, 1046.5, 1318.5, 1568.0, 1760.0


def _silence(seconds: float) -> list[float]:
    return [0.0] * round(seconds * RATE)


def _note(
    freq: float,
    seconds: float,
    volume: float = 0.5,
    decay: float = 0.0,
    overtones: tuple[float, ...] = (),
) -> list[float]:
    """One note: a sine plus optional overtones, exponential decay, faded ends.

    ``decay`` is the decay rate per second (0 = steady); ``overtones`` are the
    relative levels of the 2nd, 3rd, ... harmonics, which make a tone brighter.
    """
    n = round(seconds * RATE)
    fade = max(1, round(FADE_S * RATE))
    partials = [(1, 1.0)] + [(k + 2, level) for k, level in enumerate(overtones)]
    norm = sum(level for _, level in partials)
    out = []
    for i in range(n):
        t = i / RATE
        s = sum(level * math.sin(2 * math.pi * freq * k * t) for k, level in partials) / norm
        env = math.exp(-decay * t)
        # Raised-cosine ramps: start and end exactly at zero, so no click.
        if i < fade:
            env *= 0.5 - 0.5 * math.cos(math.pi * i / fade)
        if i >= n - fade:
            env *= 0.5 - 0.5 * math.cos(math.pi * (n - 1 - i) / fade)
        out.append(volume * env * s)
    return out


def _mix(length_s: float, parts: list[tuple[float, list[float]]]) -> list[float]:
    """Overlay (start time, samples) parts into one buffer ``length_s`` long."""
    buf = [0.0] * round(length_s * RATE)
    for start, samples in parts:
        offset = round(start * RATE)
        for i, s in enumerate(samples[: len(buf) - offset]):
            buf[offset + i] += s
    return buf


def _seq(*parts: list[float]) -> list[float]:
    out: list[float] = []
    for p in parts:
        out.extend(p)
    return out


def cues() -> dict[str, list[float]]:
    """Every cue, by file name, as float samples in [-1, 1]."""
    bell = (0.3, 0.15, 0.05)  # overtones for a bell-ish timbre
    return {
        # A short, high blip for the 3-2-1 and the last three seconds.
        "tick.wav": _note(A6, 0.060, volume=0.55, decay=25, overtones=(0.2,)),
        # Brighter and longer: the work starts now.
        "go.wav": _seq(
            _note(A5, 0.110, volume=0.6, decay=4, overtones=(0.4, 0.2)),
            _silence(0.015),
            _note(E6, 0.125, volume=0.6, decay=6, overtones=(0.4, 0.2)),
        ),
        # Soft and low so it can repeat every rep without nagging.
        "rep.wav": _note(G5, 0.040, volume=0.18, decay=40),
        "halfway.wav": _seq(
            _note(C6, 0.070, volume=0.3, decay=20),
            _silence(0.060),
            _note(C6, 0.070, volume=0.3, decay=20),
        ),
        "set_done.wav": _seq(
            _note(B5, 0.140, volume=0.5, decay=8, overtones=(0.25,)),
            _silence(0.020),
            _note(E5, 0.180, volume=0.5, decay=8, overtones=(0.25,)),
        ),
        "rest_over.wav": _seq(
            _note(C5, 0.100, volume=0.5, decay=6, overtones=(0.3,)),
            _note(E5, 0.100, volume=0.5, decay=6, overtones=(0.3,)),
            _note(G5, 0.160, volume=0.5, decay=6, overtones=(0.3,)),
        ),
        # Ding-dong: a bell-like high/low pair, each note ringing out.
        "switch.wav": _mix(
            0.450,
            [
                (0.000, _note(E6, 0.250, volume=0.45, decay=9, overtones=bell)),
                (0.200, _note(C6, 0.250, volume=0.45, decay=9, overtones=bell)),
            ],
        ),
        # A pleasant rising arpeggio whose notes overlap and ring on.
        "complete.wav": _mix(
            0.800,
            [
                (0.000, _note(C6, 0.300, volume=0.3, decay=7, overtones=bell)),
                (0.120, _note(E6, 0.300, volume=0.3, decay=7, overtones=bell)),
                (0.240, _note(G6, 0.300, volume=0.3, decay=7, overtones=bell)),
                (0.360, _note(C6 * 2, 0.440, volume=0.3, decay=6, overtones=bell)),
            ],
        ),
    }


def write_wav(path: Path, samples: list[float]) -> None:
    """Write float samples as a 16-bit PCM mono WAV file."""
    ints = [max(-32767, min(32767, round(s * 32767))) for s in samples]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(ints)}h", *ints))


def main() -> None:
    """Write every cue next to this script."""
    here = Path(__file__).resolve().parent
    for name, samples in cues().items():
        write_wav(here / name, samples)
        print(f"{name:14} {len(samples) / RATE * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
