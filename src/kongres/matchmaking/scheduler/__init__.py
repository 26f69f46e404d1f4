"""B2B meeting scheduler: accepted meetings to (slot, table). Pure Python, no Django.

    from kongres.matchmaking.scheduler import schedule
    result = schedule(instance_dict, time_limit=30)

``instance_dict`` and ``result`` have the JSON shapes of the command
(``python -m kongres.matchmaking.scheduler < instance.json > schedule.json``), described in
``docs/scheduler.md``. A malformed instance raises ``InstanceError``.

Objectives, in this order: the most meetings, then the highest total priority, then the
fewest people left without any meeting although they have accepted ones, then the fewest
breaks (idle available slots between two of a person's meetings on one day), then the fewest
people with a break, then breaks as late in the day as possible.
``upper_bound`` is a proven bound on the number of meetings any schedule could reach
(``bound.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .bound import lp_bound, residual
from .breaks import breaks_lower_bound, count_breaks, people_with_breaks
from .improve import improve_secondary
from .model import (
    Assignment,
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Schedule,
    Slot,
    Stats,
)
from .problem import Problem
from .search import Deadline, State, augment, construct

__all__ = [
    "Assignment",
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Schedule",
    "Slot",
    "Stats",
    "schedule",
    "solve",
]

DEFAULT_TIME_LIMIT = 100.0  # seconds; the search normally stops well before


# ``progress``: an optional plain callable, called with the name of each phase as it starts:
# "bound", "construct", "search", "improve" (a caller shows it; it must not raise).
Progress = Callable[[str], None]


def schedule(
    instance: dict[str, Any],
    *,
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Schedule the instance (a dict in the JSON shape); returns the schedule as a dict."""
    inst = Instance.from_dict(instance)
    return solve(inst, time_limit=time_limit, progress=progress).to_dict()


def solve(
    inst: Instance, *, time_limit: float | None = None, progress: Progress | None = None
) -> Schedule:
    def phase(name: str) -> None:
        if progress is not None:
            progress(name)

    started = time.monotonic()
    limit = time_limit if time_limit is not None else inst.time_limit
    if limit is None:
        limit = DEFAULT_TIME_LIMIT
    deadline = Deadline(limit)
    pb = Problem.from_instance(inst)
    res = residual(pb)
    phase("bound")
    bound = lp_bound(pb, res, time_limit=0.5 * limit)

    st = State(pb, res.allowed)
    free = [m for m in range(pb.n_meetings) if res.allowed[m]]
    y = bound.y
    prio = pb.prio
    allowed = res.allowed
    if y is not None:
        order = sorted(free, key=lambda m: (-round(y[m], 3), -prio[m], len(allowed[m]), m))
    else:
        order = sorted(free, key=lambda m: (-prio[m], len(allowed[m]), m))
    phase("construct")
    construct(st, order, bound.x)
    phase("search")
    augment(st, order, deadline, bound.upper_bound)
    phase("improve")
    improve_secondary(st, order, deadline)

    upper = max(bound.upper_bound, st.count)  # equal unless the bound were wrong
    notes = []
    if upper != bound.upper_bound:  # pragma: no cover - would be a bug in the bound
        notes.append("bound below the schedule found; reported the schedule's count")
    return _result(pb, st, upper, bound, time.monotonic() - started, notes)


def _result(pb: Problem, st: State, upper: int, bound, seconds: float, notes) -> Schedule:
    n_slots = pb.n_slots
    taken: list[set[int]] = [set() for _ in range(n_slots)]
    for m, s in enumerate(pb.fixed_slot):
        if s >= 0:
            taken[s].add(pb.fixed_table[m])
    by_slot: list[list[int]] = [[] for _ in range(n_slots)]
    for m, s in enumerate(st.slot_of):
        if s >= 0:
            by_slot[s].append(m)
    assignments: list[Assignment] = []
    for s in range(n_slots):
        rows: list[tuple[int, int]] = []
        nxt = 1
        for m in by_slot[s]:
            if pb.fixed_slot[m] >= 0:
                rows.append((pb.fixed_table[m], m))
        for m in by_slot[s]:
            if pb.fixed_slot[m] < 0:
                while nxt in taken[s]:
                    nxt += 1
                rows.append((nxt, m))
                nxt += 1
        rows.sort()
        assignments.extend(Assignment(pb.meeting_ids[m], pb.slot_ids[s], t) for t, m in rows)
    unscheduled = [pb.meeting_ids[m] for m in range(pb.n_meetings) if st.slot_of[m] < 0]
    has_any = [False] * pb.n_people
    has_possible = [False] * pb.n_people
    for m in range(pb.n_meetings):
        has_any[pb.ma[m]] = has_any[pb.mb[m]] = True
        if pb.allowed[m] and pb.cap[pb.ma[m]] > 0 and pb.cap[pb.mb[m]] > 0:
            has_possible[pb.ma[m]] = has_possible[pb.mb[m]] = True
    without = sum(1 for p in range(pb.n_people) if has_any[p] and st.cnt[p] == 0)
    without_possible = sum(1 for p in range(pb.n_people) if has_any[p] and not has_possible[p])
    stats = Stats(
        scheduled=st.count,
        priority=sum(pb.prio[m] for m in range(pb.n_meetings) if st.slot_of[m] >= 0),
        people_without_meeting=without,
        people_without_possible_meeting=without_possible,
        breaks=count_breaks(pb, st.slot_of),
        lp_value=None
        if bound.lp_value is None
        else bound.lp_value + sum(1 for s in pb.fixed_slot if s >= 0),
        bound_method=bound.method,
        people_with_breaks=len(people_with_breaks(pb, st.slot_of)),
        breaks_lower_bound=breaks_lower_bound(pb) if st.count == pb.n_meetings else None,
    )
    n_fixed = sum(1 for s in pb.fixed_slot if s >= 0)
    return Schedule(assignments, unscheduled, upper, seconds, stats, n_fixed, list(notes))
