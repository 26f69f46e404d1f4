"""The instance and the schedule as dataclasses, and the reading of an instance from JSON data.

``Instance.from_dict`` checks everything a malformed instance can get wrong (wrong types,
unknown or duplicate ids, a meeting with one person twice, fixed assignments that break a rule)
and raises ``InstanceError`` with a message naming the problem, e.g.
``meeting m7: unknown participant p999``. Nothing here imports Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


class InstanceError(ValueError):
    """The instance is malformed; the message names the problem."""


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    session: str
    tables: int
    day: str | None = None  # breaks are counted per day; None: the session is the day


@dataclass(frozen=True, slots=True)
class Participant:
    id: str
    available: tuple[str, ...]
    max_meetings: int


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    a: str
    b: str
    priority: int = 1
    slots: tuple[str, ...] | None = None  # the only slots it may take; None: any


@dataclass(frozen=True, slots=True)
class Assignment:
    meeting: str
    slot: str
    table: int

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "slot": self.slot, "table": self.table}


@dataclass(frozen=True, slots=True)
class Instance:
    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    fixed: tuple[Assignment, ...] = ()
    time_limit: float | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Instance:
        return _parse(data)


@dataclass(slots=True)
class Stats:
    """Figures of a schedule (``stats`` in the output)."""

    scheduled: int
    priority: int
    people_without_meeting: int
    people_without_possible_meeting: int
    breaks: int
    lp_value: float | None
    bound_method: str
    people_with_breaks: int = 0
    # no schedule that places every meeting has fewer breaks; None unless all are placed
    breaks_lower_bound: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheduled": self.scheduled,
            "priority": self.priority,
            "people_without_meeting": self.people_without_meeting,
            "people_without_possible_meeting": self.people_without_possible_meeting,
            "breaks": self.breaks,
            "people_with_breaks": self.people_with_breaks,
            "breaks_lower_bound": self.breaks_lower_bound,
            "lp_value": None if self.lp_value is None else round(self.lp_value, 4),
            "bound_method": self.bound_method,
        }


@dataclass(slots=True)
class Schedule:
    assignments: list[Assignment]
    unscheduled: list[str]
    upper_bound: int
    seconds: float
    stats: Stats
    fixed: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "assignments": [a.to_dict() for a in self.assignments],
            "unscheduled": list(self.unscheduled),
            "upper_bound": self.upper_bound,
            "seconds": round(self.seconds, 3),
            "fixed": self.fixed,
            "stats": self.stats.to_dict(),
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


# --- reading -----------------------------------------------------------------------------


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{where}: expected an object, got {type(value).__name__}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _id(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise InstanceError(f"{where}: expected a non-empty string id, got {value!r}")
    return str(value)


def _int(value: Any, where: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where}: expected an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise InstanceError(f"{where}: must be at least {minimum}, got {value}")
    return value


def _parse(data: Any) -> Instance:
    data = _obj(data, "instance")
    for key in ("slots", "participants", "meetings"):
        if key not in data:
            raise InstanceError(f"instance: missing key {key!r}")

    slots: list[Slot] = []
    slot_ids: set[str] = set()
    for i, raw in enumerate(_list(data["slots"], "slots")):
        raw = _obj(raw, f"slots[{i}]")
        if "id" not in raw:
            raise InstanceError(f"slots[{i}]: missing key 'id'")
        sid = _id(raw["id"], f"slots[{i}].id")
        where = f"slot {sid}"
        if sid in slot_ids:
            raise InstanceError(f"duplicate slot id {sid}")
        slot_ids.add(sid)
        session = _id(raw.get("session", ""), f"{where}: session") if "session" in raw else ""
        if "tables" not in raw:
            raise InstanceError(f"{where}: missing key 'tables'")
        tables = _int(raw["tables"], f"{where}: tables", minimum=0)
        day = _id(raw["day"], f"{where}: day") if raw.get("day") is not None else None
        slots.append(Slot(sid, session, tables, day))

    participants: list[Participant] = []
    person_ids: set[str] = set()
    for i, raw in enumerate(_list(data["participants"], "participants")):
        raw = _obj(raw, f"participants[{i}]")
        if "id" not in raw:
            raise InstanceError(f"participants[{i}]: missing key 'id'")
        pid = _id(raw["id"], f"participants[{i}].id")
        where = f"participant {pid}"
        if pid in person_ids:
            raise InstanceError(f"duplicate participant id {pid}")
        person_ids.add(pid)
        if "available" not in raw:
            raise InstanceError(f"{where}: missing key 'available'")
        available: list[str] = []
        seen: set[str] = set()
        for j, s in enumerate(_list(raw["available"], f"{where}: available")):
            s = _id(s, f"{where}: available[{j}]")
            if s not in slot_ids:
                raise InstanceError(f"{where}: unknown slot {s} in available")
            if s in seen:
                raise InstanceError(f"{where}: slot {s} listed twice in available")
            seen.add(s)
            available.append(s)
        if raw.get("max_meetings") is None:
            max_meetings = len(available)
        else:
            max_meetings = _int(raw["max_meetings"], f"{where}: max_meetings", minimum=0)
        participants.append(Participant(pid, tuple(available), max_meetings))

    meetings: list[Meeting] = []
    meeting_ids: set[str] = set()
    for i, raw in enumerate(_list(data["meetings"], "meetings")):
        raw = _obj(raw, f"meetings[{i}]")
        if "id" not in raw:
            raise InstanceError(f"meetings[{i}]: missing key 'id'")
        mid = _id(raw["id"], f"meetings[{i}].id")
        where = f"meeting {mid}"
        if mid in meeting_ids:
            raise InstanceError(f"duplicate meeting id {mid}")
        meeting_ids.add(mid)
        ends = []
        for side in ("a", "b"):
            if side not in raw:
                raise InstanceError(f"{where}: missing key {side!r}")
            pid = _id(raw[side], f"{where}: {side}")
            if pid not in person_ids:
                raise InstanceError(f"{where}: unknown participant {pid}")
            ends.append(pid)
        if ends[0] == ends[1]:
            raise InstanceError(f"{where}: participant {ends[0]} on both sides")
        priority = 1
        if raw.get("priority") is not None:
            priority = _int(raw["priority"], f"{where}: priority")
        only: tuple[str, ...] | None = None
        if raw.get("slots") is not None:
            chosen: list[str] = []
            for j, s in enumerate(_list(raw["slots"], f"{where}: slots")):
                s = _id(s, f"{where}: slots[{j}]")
                if s not in slot_ids:
                    raise InstanceError(f"{where}: unknown slot {s} in slots")
                if s in chosen:
                    raise InstanceError(f"{where}: slot {s} listed twice in slots")
                chosen.append(s)
            only = tuple(chosen)
        meetings.append(Meeting(mid, ends[0], ends[1], priority, only))

    time_limit = None
    if data.get("time_limit") is not None:
        tl = data["time_limit"]
        if isinstance(tl, bool) or not isinstance(tl, int | float) or not math.isfinite(tl):
            raise InstanceError(f"time_limit: expected a number of seconds, got {tl!r}")
        if tl <= 0:
            raise InstanceError(f"time_limit: must be positive, got {tl}")
        time_limit = float(tl)

    fixed = _parse_fixed(data.get("fixed"), slots, participants, meetings)
    return Instance(tuple(slots), tuple(participants), tuple(meetings), fixed, time_limit)


def _parse_fixed(
    raw_list: Any,
    slots: list[Slot],
    participants: list[Participant],
    meetings: list[Meeting],
) -> tuple[Assignment, ...]:
    """Fixed (published) assignments: each must be feasible and none may clash."""
    if raw_list is None:
        return ()
    slot_by_id = {s.id: s for s in slots}
    person_by_id = {p.id: p for p in participants}
    meeting_by_id = {m.id: m for m in meetings}
    available = {p.id: set(p.available) for p in participants}
    fixed: list[Assignment] = []
    meeting_seen: set[str] = set()
    table_taken: dict[tuple[str, int], str] = {}
    person_busy: dict[tuple[str, str], str] = {}
    per_person: dict[str, int] = {}
    for i, raw in enumerate(_list(raw_list, "fixed")):
        raw = _obj(raw, f"fixed[{i}]")
        for key in ("meeting", "slot", "table"):
            if key not in raw:
                raise InstanceError(f"fixed[{i}]: missing key {key!r}")
        mid = _id(raw["meeting"], f"fixed[{i}].meeting")
        where = f"fixed meeting {mid}"
        if mid not in meeting_by_id:
            raise InstanceError(f"{where}: unknown meeting {mid}")
        if mid in meeting_seen:
            raise InstanceError(f"{where}: fixed twice")
        meeting_seen.add(mid)
        sid = _id(raw["slot"], f"{where}: slot")
        if sid not in slot_by_id:
            raise InstanceError(f"{where}: unknown slot {sid}")
        table = _int(raw["table"], f"{where}: table", minimum=1)
        if table > slot_by_id[sid].tables:
            raise InstanceError(
                f"{where}: table {table} does not exist in slot {sid} "
                f"({slot_by_id[sid].tables} tables)"
            )
        m = meeting_by_id[mid]
        if m.slots is not None and sid not in m.slots:
            raise InstanceError(f"{where}: slot {sid} is not among the meeting's slots")
        for pid in (m.a, m.b):
            if sid not in available[pid]:
                raise InstanceError(f"{where}: participant {pid} is not available in slot {sid}")
            other = person_busy.get((pid, sid))
            if other is not None:
                raise InstanceError(
                    f"{where}: participant {pid} already has fixed meeting {other} in slot {sid}"
                )
            person_busy[(pid, sid)] = mid
            per_person[pid] = per_person.get(pid, 0) + 1
            if per_person[pid] > person_by_id[pid].max_meetings:
                raise InstanceError(
                    f"{where}: participant {pid} would exceed max_meetings "
                    f"({person_by_id[pid].max_meetings}) with fixed meetings"
                )
        other = table_taken.get((sid, table))
        if other is not None:
            raise InstanceError(f"{where}: table {table} in slot {sid} is taken by {other}")
        table_taken[(sid, table)] = mid
        fixed.append(Assignment(mid, sid, table))
    return tuple(fixed)
