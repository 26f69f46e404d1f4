"""Breaks: counting them, a cheap lower bound, and the search that removes them.

A *break* is an idle available slot between two meetings of a person on one day: for each
person and day, the slots of that day strictly between the person's first and last meeting
where the person is available and has no meeting. Unavailable slots are not breaks (the
person is elsewhere), nor is idle time before the first or after the last meeting of a day.
A slot's day is its ``day`` in the instance, or else its session.

The search (``minimise_breaks``) keeps the set of scheduled meetings as it is, so the meeting
count, the priority and the people without a meeting cannot change; it only moves meetings
between slots. Its objective, lexicographic: the fewest breaks, then the fewest people with a
break, then breaks as late in their day as possible (a break before the last meeting of the
day is better than one after the first: ``lateness`` adds, for each break, the number of
slots of its day after it, the smaller the better).

Moves, each judged on the people whose slots change (per-person bit masks, slots as bits):

- *relocate*: a meeting goes to another slot it may take where both people are free and a
  table is free;
- *Kempe swap*: a meeting goes from slot ``s`` to ``t``; the meetings of its people in ``t``
  go to ``s``, the meetings of their people in ``s`` go to ``t``, and so on (the connected
  part of the two slots' meetings); it keeps every person in at most one meeting per slot and
  is made only if every meeting moved may take its new slot and the tables suffice;
- *ejection chain*: a meeting goes to slot ``t``; the one meeting in its way there goes to
  another of its slots (often the one just left), and so on for up to four meetings (this
  rotates a person's meetings, which a swap of two slots cannot);
- *slot exchange*: all meetings of two slots of one day swap (a permutation of the day's
  slots), when every one of them may take the other slot.

Simulated annealing over these moves, starting from the schedule found for the count: runs
of ``max(min_run, moves_per_meeting x meetings)`` moves, each cooling from 0.6 to 0.03 (in
breaks; a person more with a break counts half a break) and starting from the best schedule
seen so far, until ``patience`` runs in a row find no fewer breaks or people with a break
(lateness alone does not count), no break is left, the
``max_moves`` budget is spent or the deadline passes. Budgets are counted in moves, not
seconds, so the result does not depend on the machine's speed (only the deadline can cut it
short). Moves are picked mostly around people who have a break (85 %).
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Hashable, Sequence

from .problem import Problem
from .search import Deadline, State


def day_slots(pb: Problem) -> list[list[int]]:
    """The slots of each day, in time order."""
    out: dict[int, list[int]] = {}
    for s, k in enumerate(pb.day):
        out.setdefault(k, []).append(s)
    return list(out.values())


def person_breaks(avail: list[bool], busy: list[bool], days: list[list[int]]) -> int:
    """Idle available slots strictly between the first and last meeting of each day."""
    total = 0
    for slots in days:
        idx = [i for i, s in enumerate(slots) if busy[s]]
        if len(idx) >= 2:
            total += sum(1 for s in slots[idx[0] + 1 : idx[-1]] if avail[s] and not busy[s])
    return total


def idle_slots(
    days: Sequence[Sequence[Hashable]],
    available: Collection[Hashable],
    busy: Collection[Hashable],
) -> list[Hashable]:
    """One person's breaks, for any slot ids: ``days`` lists each day's slots in time order,
    ``available`` and ``busy`` the person's available slots and those with a meeting."""
    out = []
    for slots in days:
        idx = [i for i, s in enumerate(slots) if s in busy]
        if len(idx) >= 2:
            out.extend(s for s in slots[idx[0] + 1 : idx[-1]] if s in available and s not in busy)
    return out


def _busy(pb: Problem, slot_of: list[int]) -> list[list[bool]]:
    busy = [[False] * pb.n_slots for _ in range(pb.n_people)]
    for m, s in enumerate(slot_of):
        if s >= 0:
            busy[pb.ma[m]][s] = True
            busy[pb.mb[m]][s] = True
    return busy


def count_breaks(pb: Problem, slot_of: list[int]) -> int:
    days = day_slots(pb)
    busy = _busy(pb, slot_of)
    return sum(person_breaks(pb.avail[p], busy[p], days) for p in range(pb.n_people))


def people_with_breaks(pb: Problem, slot_of: list[int]) -> list[int]:
    """The people (numbers) who have at least one break."""
    days = day_slots(pb)
    busy = _busy(pb, slot_of)
    return [p for p in range(pb.n_people) if person_breaks(pb.avail[p], busy[p], days)]


def breaks_lower_bound(pb: Problem) -> int:
    """A lower bound on the breaks of any schedule that places every meeting.

    For a person and a day, the meetings that can only take slots of that day must all be
    there: the day's first meeting is at or before ``L`` (the smallest last-possible slot
    among them) and its last at or after ``R`` (the largest first-possible slot). Every
    available slot strictly between ``L`` and ``R`` then holds a meeting of the person or is
    a break, and at most the person's meetings that may take such a slot can fill them.
    """
    days = day_slots(pb)
    day_of = pb.day
    allowed = [
        (pb.fixed_slot[m],) if pb.fixed_slot[m] >= 0 else pb.allowed[m]
        for m in range(pb.n_meetings)
    ]
    mine: list[list[int]] = [[] for _ in range(pb.n_people)]
    for m in range(pb.n_meetings):
        mine[pb.ma[m]].append(m)
        mine[pb.mb[m]].append(m)
    pos = [0] * pb.n_slots
    for slots in days:
        for i, s in enumerate(slots):
            pos[s] = i
    total = 0
    for p in range(pb.n_people):
        forced: dict[int, tuple[int, int]] = {}  # day: (L, R) as positions in the day
        for m in mine[p]:
            ss = allowed[m]
            if not ss or any(day_of[s] != day_of[ss[0]] for s in ss):
                continue
            k = day_of[ss[0]]
            lo, hi = min(pos[s] for s in ss), max(pos[s] for s in ss)
            left, right = forced.get(k, (hi, lo))
            forced[k] = (min(left, hi), max(right, lo))
        for k, (left, right) in forced.items():
            if right - left < 2:
                continue
            inner = [s for s in days[k][left + 1 : right] if pb.avail[p][s]]
            if not inner:
                continue
            inside = set(inner)
            fillers = sum(1 for m in mine[p] if any(s in inside for s in allowed[m]))
            total += max(0, len(inner) - fillers)
    return total


def _between(b: int) -> int:
    """The bits strictly between the lowest and the highest set bit of b."""
    if b & (b - 1) == 0:  # at most one bit
        return 0
    low = b & -b
    high = 1 << (b.bit_length() - 1)
    return (high - 1) & ~((low << 1) - 1)


class _Scorer:
    """Per-person cost of a busy mask: breaks, then having a break, then lateness."""

    def __init__(self, pb: Problem) -> None:
        days = day_slots(pb)
        self.day_masks = [sum(1 << s for s in slots) for slots in days]
        self.after = [0] * pb.n_slots  # slots of the same day after s
        for slots in days:
            for i, s in enumerate(slots):
                self.after[s] = len(slots) - 1 - i
        self.avail = [sum(1 << s for s in range(pb.n_slots) if row[s]) for row in pb.avail]
        n = max(1, pb.n_slots)
        self.w_person = pb.n_people * n * n + 1  # above any total lateness
        self.w_break = (pb.n_people + 1) * self.w_person  # above any count of people

    def parts(self, p: int, b: int) -> tuple[int, int]:
        """(breaks, lateness) of person p with busy mask b."""
        breaks = late = 0
        avail = self.avail[p]
        after = self.after
        for dm in self.day_masks:
            bd = b & dm
            if bd & (bd - 1) == 0:
                continue
            idle = _between(bd) & dm & avail & ~bd
            while idle:
                low = idle & -idle
                breaks += 1
                late += after[low.bit_length() - 1]
                idle ^= low
        return breaks, late

    def cost(self, p: int, b: int) -> int:
        breaks, late = self.parts(p, b)
        if breaks == 0:
            return 0
        return breaks * self.w_break + self.w_person + late


def minimise_breaks(
    st: State,
    deadline: Deadline,
    *,
    moves_per_meeting: int = 300,
    min_run: int = 20_000,
    max_moves: int = 1_000_000,
    patience: int = 3,
    seed: int = 0,
) -> None:
    """Simulated annealing over relocations, Kempe swaps and slot exchanges (see above)."""
    pb = st.pb
    n_meetings = pb.n_meetings
    ma, mb, occ, slot_of, movable = st.ma, st.mb, st.occ, st.slot_of, st.movable
    used, tables, allowed = st.used, st.tables, st.allowed
    scorer = _Scorer(pb)
    day_of = pb.day
    days = day_slots(pb)
    rng = random.Random(seed)  # noqa: S311 - a seeded choice, not a secret
    rand = rng.random
    long_day = any(len(d) > 1 for d in days)

    busy = [0] * pb.n_people
    for m, s in enumerate(slot_of):
        if s >= 0:
            busy[ma[m]] |= 1 << s
            busy[mb[m]] |= 1 << s
    parts = [scorer.parts(p, busy[p]) for p in range(pb.n_people)]
    cost = [scorer.cost(p, busy[p]) for p in range(pb.n_people)]
    total = sum(cost)
    if total == 0:
        return
    scheduled = [m for m in range(n_meetings) if slot_of[m] >= 0 and movable[m]]
    if not scheduled:
        return
    mine: list[list[int]] = [[] for _ in range(pb.n_people)]
    for m in scheduled:
        mine[ma[m]].append(m)
        mine[mb[m]].append(m)
    # people with a break, as a list with positions for O(1) updates
    bad: list[int] = []
    bad_pos = [-1] * pb.n_people

    def mark(p: int) -> None:
        if cost[p] and bad_pos[p] < 0:
            bad_pos[p] = len(bad)
            bad.append(p)
        elif not cost[p] and bad_pos[p] >= 0:
            i = bad_pos[p]
            last = bad.pop()
            if last != p:
                bad[i] = last
                bad_pos[last] = i
            bad_pos[p] = -1

    for p in range(pb.n_people):
        mark(p)

    best_total = total
    best = list(slot_of)
    w_break, w_person = scorer.w_break, scorer.w_person
    t_start, t_end = 0.6, 0.03
    cooling = t_end / t_start

    def kempe(m: int, t: int, limit: int = 40) -> tuple[list[int], list[int]] | None:
        """The meetings that go s -> t and t -> s when m goes to t; None if impossible."""
        s = slot_of[m]
        to_t, to_s = [m], []
        seen = {m}
        stack = [(m, t)]
        while stack:
            x, target = stack.pop()
            for p in (ma[x], mb[x]):
                y = occ[p][target]
                if y < 0 or y in seen:
                    continue
                back = s if target == t else t
                if not movable[y] or back not in allowed[y]:
                    return None
                seen.add(y)
                (to_s if back == s else to_t).append(y)
                if len(seen) > limit:
                    return None
                stack.append((y, back))
        if used[t] - len(to_s) + len(to_t) > tables[t]:
            return None
        if used[s] - len(to_t) + len(to_s) > tables[s]:
            return None
        return to_t, to_s

    def eject(m: int, t: int, depth: int = 4) -> list[tuple[int, int, int]] | None:
        """m goes to t; the one meeting in its way goes to another of its slots (often the
        one m left), and so on, up to ``depth`` meetings; None if that does not end well."""
        new_slot: dict[int, int] = {}

        def occupants(p: int, u: int) -> set[int]:
            out = set()
            y = occ[p][u]
            if y >= 0 and new_slot.get(y, u) == u:
                out.add(y)
            for x, v in new_slot.items():
                if v == u and (ma[x] == p or mb[x] == p):
                    out.add(x)
            return out

        x, target = m, t
        for _ in range(depth):
            left = slot_of[x]
            new_slot[x] = target
            way = (occupants(ma[x], target) | occupants(mb[x], target)) - {x}
            if not way:
                break
            if len(way) > 1:
                return None
            y = way.pop()
            if not movable[y] or y in new_slot:
                return None
            options = [u for u in allowed[y] if u != target]
            if not options:
                return None
            if left in options and rand() < 0.5:
                x, target = y, left
            else:
                x, target = y, options[int(rand() * len(options))]
        else:
            return None
        load: dict[int, int] = {}
        for x, v in new_slot.items():
            if v != slot_of[x]:
                load[v] = load.get(v, 0) + 1
                load[slot_of[x]] = load.get(slot_of[x], 0) - 1
        for u, change in load.items():
            if used[u] + change > tables[u]:
                return None
        for x, v in new_slot.items():
            if occupants(ma[x], v) != {x} or occupants(mb[x], v) != {x}:
                return None
        moved = [(x, slot_of[x], v) for x, v in new_slot.items() if v != slot_of[x]]
        return moved or None

    def delta_of(moved: list[tuple[int, int, int]]) -> tuple[int, float, dict[int, int]]:
        """Exact cost change if meetings move (meeting, from, to), the same in break units
        (a person more with a break counts half a break), and the people's new masks."""
        new: dict[int, int] = {}
        for m, s, t in moved:
            flip = (1 << s) | (1 << t)
            for p in (ma[m], mb[m]):
                new[p] = new.get(p, busy[p]) ^ flip
        d_breaks = d_people = d_late = 0
        for p, b in new.items():
            if b != busy[p]:
                nb, nl = scorer.parts(p, b)
                ob, ol = parts[p]
                d_breaks += nb - ob
                d_people += (nb > 0) - (ob > 0)
                d_late += nl - ol
        d = d_breaks * w_break + d_people * w_person + d_late
        return d, d_breaks + 0.5 * d_people + 0.01 * d_late, new

    def apply(moved: list[tuple[int, int, int]], new: dict[int, int]) -> None:
        for m, _s, _t in moved:
            st.remove(m)
        for m, _s, t in moved:
            st.place(m, t)
        for p, b in new.items():
            if b != busy[p]:
                busy[p] = b
                parts[p] = scorer.parts(p, b)
                cost[p] = scorer.cost(p, b)
                mark(p)

    def candidate() -> list[tuple[int, int, int]] | None:
        """A random move, as the list of (meeting, from, to)."""
        u = rand()
        if u < 0.04 and long_day:
            k = int(rand() * len(days))
            slots = days[k]
            if len(slots) < 2:
                return None
            s, t = rng.sample(slots, 2)
            in_s, in_t = st.members[s], st.members[t]
            if used[s] != len(in_s) or used[t] != len(in_t):
                return None  # a fixed meeting there
            if len(in_s) > tables[t] or len(in_t) > tables[s]:
                return None
            for x in in_s:
                if t not in allowed[x]:
                    return None
            for x in in_t:
                if s not in allowed[x]:
                    return None
            return [(x, s, t) for x in in_s] + [(x, t, s) for x in in_t]
        if bad and u < 0.85:
            p = bad[int(rand() * len(bad))]
            ms = mine[p]
            if not ms:
                return None
            m = ms[int(rand() * len(ms))]
        else:
            m = scheduled[int(rand() * len(scheduled))]
        s = slot_of[m]
        options = allowed[m]
        if len(options) < 2:
            return None
        t = options[int(rand() * len(options))]
        if t == s:
            return None
        if u < 0.85 and day_of[t] != day_of[s] and rand() < 0.7:
            return None  # mostly stay within the day around a break
        a, b = ma[m], mb[m]
        if occ[a][t] < 0 and occ[b][t] < 0 and used[t] < tables[t]:
            return [(m, s, t)]
        if rand() < 0.5:
            return eject(m, t)
        chain = kempe(m, t)
        if chain is None:
            return eject(m, t)
        to_t, to_s = chain
        return [(x, s, t) for x in to_t] + [(x, t, s) for x in to_s]

    def restore() -> None:
        """Back to the best schedule seen."""
        nonlocal total
        moved = [(m, slot_of[m], best[m]) for m in scheduled if slot_of[m] != best[m]]
        if moved:
            d, _units, new = delta_of(moved)
            apply(moved, new)
            total += d

    # Annealing runs, each from the best schedule so far, until one finds nothing better.
    run_length = max(min_run, moves_per_meeting * len(scheduled))
    spent = failures = 0
    while spent < max_moves and failures < patience and best_total > 0:
        length = min(run_length, max_moves - spent)
        before = best_total // w_person  # (breaks, people with a break); lateness aside
        for i in range(length):
            if i % 256 == 0 and deadline.passed():
                break
            moved = candidate()
            if not moved:
                continue
            d, units, new = delta_of(moved)
            if d > 0:
                if units <= 0:
                    continue
                temp = t_start * cooling ** (i / length)
                if rand() >= math.exp(-units / temp):
                    continue
            apply(moved, new)
            total += d
            if total < best_total:
                best_total = total
                best = list(slot_of)
                if total == 0:
                    break
        spent += length
        restore()
        failures = failures + 1 if best_total // w_person == before else 0
        if deadline.passed():
            break
