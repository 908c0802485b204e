"""A second, independent statement of the coaching rules (docs/COACHING.md), for tests only.

Written from the document, not from hamcoach/coaching/progression.py, and on purpose in
another shape: plain dicts in, a log of everything applied so far, and every question
("which session came before?", "did a worse check-in fall between?", "did the level
change since?") answered by scanning that log from scratch. A position on a ladder is
one number, ``rung * 4 + level``, so stepping up from level 3 onto the next rung is just
``+ 1``. Slow (quadratic) and plain, which is the point.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

LEVELS = 4  # levels 0..3 on each rung


def _same(name: str) -> str:
    return name.strip().casefold()


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def oracle(sessions: list[dict], checkins: list[tuple[date, str]], ladders: dict[str, list[str]],
           as_of: date | None) -> dict:
    """Returns {"exercises": {key: {...}}, "cautions": set of kinds}.

    ``key`` is ``("ladder", ladder name)`` or ``("exercise", trimmed lower-case name)``;
    each value holds ``name``, ``rung``, ``level`` and ``last_change`` (date, (rung, level)
    before, (rung, level) after) or None.
    """
    rung_home = {}
    for ladder, rungs in ladders.items():
        for n, rung in enumerate(rungs):
            rung_home[_same(rung)] = (ladder, n)

    def key_of(exercise: str):
        if _same(exercise) in rung_home:
            return ("ladder", rung_home[_same(exercise)][0])
        return ("exercise", _same(exercise))

    # 1. What counts, up to the day.
    counted = []
    for s in sessions:
        if s["status"] not in ("completed", "partial"):
            continue
        end = _when(s["ended_at"])
        if as_of is not None and end.date() > as_of:
            continue
        counted.append(dict(s, _end=end, _date=end.date()))
    answers: dict[date, str] = {}
    for day, answer in checkins:  # a later answer for a date replaces the earlier one
        if as_of is None or day <= as_of:
            answers[day] = answer

    # 2. The line: sessions by the instant they ended (then id), and each check-in before
    #    the first session dated on or after it.
    counted.sort(key=lambda s: (s["_end"].timestamp(), s["id"]))
    slots: dict[int, list[date]] = {}
    for day in answers:
        where = len(counted)
        for n, s in enumerate(counted):
            if s["_date"] >= day:
                where = n
                break
        slots.setdefault(where, []).append(day)
    line = []
    for n in range(len(counted) + 1):
        for day in sorted(slots.get(n, [])):
            line.append(("checkin", day, answers[day]))
        if n < len(counted):
            line.append(("session", counted[n]))

    # 3. Walk it, day by day, keeping a log.
    ordinal: dict = {}  # key -> rung * 4 + level
    name: dict = {}
    log: list[dict] = []  # one entry per event applied
    changes: dict = {}  # key -> list of (line index, date, before, after)
    stepped_sessions: set = set()

    def top(key) -> int:
        return (len(ladders[key[1]]) if key[0] == "ladder" else 1) * LEVELS - 1

    def pos(key, value: int) -> tuple[str, int]:
        if key[0] == "ladder":
            return (ladders[key[1]][value // LEVELS], value % LEVELS)
        return (name[key], value)

    def move(key, by: int, index: int, day: date) -> None:
        old = ordinal[key]
        new = min(max(old + by, 0), top(key))
        if new != old:
            ordinal[key] = new
            changes.setdefault(key, []).append((index, day, pos(key, old), pos(key, new)))

    for index, event in enumerate(line):
        if event[0] == "checkin":
            _, day, answer = event
            log.append({"kind": "checkin", "day": day, "answer": answer})
            if answer != "worse":
                continue
            about = None
            for j in range(index - 1, -1, -1):
                if log[j]["kind"] == "session" and log[j]["date"] in (day - timedelta(days=1),
                                                                      day - timedelta(days=2)):
                    about = log[j]
                    break
            if about is None or about["id"] in stepped_sessions:
                continue
            stepped_sessions.add(about["id"])
            for key in about["contains"]:
                move(key, -1, index, day)
            continue

        s = event[1]
        by_key: dict = {}
        for st in s["sets"]:
            by_key.setdefault(key_of(st["exercise"]), []).append(st)
        contains = [k for k, sets in by_key.items() if any(st["achieved"] > 0 for st in sets)]
        entry = {"kind": "session", "id": s["id"], "date": s["_date"], "contains": contains, "good": {}}
        for key in contains:
            sets = by_key[key]
            first_done = [st for st in sets if st["achieved"] > 0][0]
            if key not in ordinal:
                if key[0] == "ladder":
                    ordinal[key] = rung_home[_same(first_done["exercise"])][1] * LEVELS
                    name[key] = key[1]
                else:
                    ordinal[key] = 0
                    name[key] = first_done["exercise"].strip()
            cleared = all(st["achieved"] >= st["target"] and not st["skipped"] for st in sets)
            if key[0] == "ladder":
                current_rung = ladders[key[1]][ordinal[key] // LEVELS]
                if any(_same(st["exercise"]) != _same(current_rung) for st in sets):
                    cleared = False  # swapped for another rung
            pain, effort = s["pain"], s["effort"]
            good = cleared and pain is not None and pain <= 3 and (effort is None or effort <= 8)
            entry["good"][key] = good
            # The previous counted session that contained it:
            previous = None
            for j in range(index - 1, -1, -1):
                if log[j]["kind"] == "session" and key in log[j]["contains"]:
                    previous = j
                    break
            step_up = (
                good and previous is not None and log[previous]["good"][key]
                and not any(log[j]["kind"] == "checkin" and log[j]["answer"] == "worse"
                            for j in range(previous + 1, index))
                and not any(at >= previous for at, *_ in changes.get(key, []))
            )
            if step_up:
                move(key, +1, index, s["_date"])
            if pain is not None and pain >= 6:
                move(key, -1, index, s["_date"])
        log.append(entry)

    exercises = {}
    for key, value in ordinal.items():
        rung, level = pos(key, value)
        last = changes.get(key, [])
        exercises[key] = {"name": name[key], "rung": rung, "level": level,
                          "last_change": last[-1][1:] if last else None}

    # 4. Cautions, by brute force over every pair.
    def recent(day: date) -> bool:
        return as_of is None or (as_of - timedelta(days=27)) <= day <= as_of

    kinds = set()
    flares = [s for s in counted if s["pain"] is not None and s["pain"] >= 6]
    for a in flares:
        for b in flares:
            if a is not b and abs((a["_end"] - b["_end"]).total_seconds()) <= 7 * 24 * 3600 \
                    and recent(max(a["_date"], b["_date"])):
                kinds.add("pain")
    days = sorted(answers)
    for a, b in zip(days, days[1:], strict=False):
        if answers[a] == answers[b] == "worse" and recent(b):
            kinds.add("worse")
    return {"exercises": exercises, "cautions": kinds}
