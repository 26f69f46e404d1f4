"""The instance in integer form: slots, people and meetings numbered from 0.

Slots keep their input (time) order. ``allowed[m]`` lists the slots meeting ``m`` may take:
both sides available, the slot among the meeting's own ``slots`` if it has them, and the slot
having at least one table. ``cap[p]`` is the most meetings person ``p`` can have:
``min(max_meetings, number of available slots)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Instance


@dataclass(slots=True)
class Problem:
    slot_ids: list[str]
    session: list[int]  # session number of each slot
    day: list[int]  # day number of each slot (breaks are counted per day)
    tables: list[int]
    person_ids: list[str]
    avail: list[list[bool]]  # avail[p][s]
    cap: list[int]
    meeting_ids: list[str]
    ma: list[int]
    mb: list[int]
    prio: list[int]
    allowed: list[tuple[int, ...]]
    fixed_slot: list[int]  # -1: not fixed
    fixed_table: list[int]  # 0: not fixed

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_people(self) -> int:
        return len(self.person_ids)

    @property
    def n_meetings(self) -> int:
        return len(self.meeting_ids)

    @classmethod
    def from_instance(cls, inst: Instance) -> Problem:
        slot_ids = [s.id for s in inst.slots]
        sidx = {s: i for i, s in enumerate(slot_ids)}
        sessions: dict[str, int] = {}
        session = [sessions.setdefault(s.session, len(sessions)) for s in inst.slots]
        days: dict[tuple[str, str], int] = {}
        day = [
            days.setdefault(("d", s.day) if s.day is not None else ("s", s.session), len(days))
            for s in inst.slots
        ]
        tables = [s.tables for s in inst.slots]
        n = len(slot_ids)
        person_ids = [p.id for p in inst.participants]
        pidx = {p: i for i, p in enumerate(person_ids)}
        avail = []
        cap = []
        for p in inst.participants:
            row = [False] * n
            for s in p.available:
                row[sidx[s]] = True
            avail.append(row)
            cap.append(min(p.max_meetings, len(p.available)))
        meeting_ids = []
        ma = []
        mb = []
        prio = []
        allowed = []
        for m in inst.meetings:
            a, b = pidx[m.a], pidx[m.b]
            av_a, av_b = avail[a], avail[b]
            cand = range(n) if m.slots is None else sorted(sidx[s] for s in m.slots)
            meeting_ids.append(m.id)
            ma.append(a)
            mb.append(b)
            prio.append(m.priority)
            allowed.append(tuple(s for s in cand if av_a[s] and av_b[s] and tables[s] > 0))
        midx = {m: i for i, m in enumerate(meeting_ids)}
        fixed_slot = [-1] * len(meeting_ids)
        fixed_table = [0] * len(meeting_ids)
        for f in inst.fixed:
            fixed_slot[midx[f.meeting]] = sidx[f.slot]
            fixed_table[midx[f.meeting]] = f.table
        return cls(
            slot_ids,
            session,
            day,
            tables,
            person_ids,
            avail,
            cap,
            meeting_ids,
            ma,
            mb,
            prio,
            allowed,
            fixed_slot,
            fixed_table,
        )
