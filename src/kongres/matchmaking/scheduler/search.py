"""The schedule being built: state, moves, and the count-maximising search.

The state keeps, for every person and slot, the meeting that person has there (``occ``), the
number of tables used per slot, each person's meeting count, and the movable meetings of each
slot. Fixed meetings are placed first and never moved.

``insert`` adds an unscheduled meeting with an *ejection chain*: a breadth-first search over
"meeting x has to leave slot s" nodes. From a node, x may go to any other slot it allows where
at most one meeting is in its way (one of its two people is busy there, or the slot has no
free table); that meeting becomes the next node. A node whose meeting finds a slot with nothing
in the way ends the chain, which is then applied from its end back to the new meeting, each
step checked again (a chain that turns out to clash with itself is undone). This is the
augmenting-path idea of matching algorithms carried over to slots.
"""

from __future__ import annotations

import random
import time
from collections import deque

from .problem import Problem


class Deadline:
    def __init__(self, seconds: float | None) -> None:
        self.end = None if seconds is None else time.monotonic() + seconds

    def passed(self) -> bool:
        return self.end is not None and time.monotonic() >= self.end


class State:
    def __init__(self, pb: Problem, allowed: list[tuple[int, ...]], seed: int = 0) -> None:
        self.pb = pb
        self.n_slots = pb.n_slots
        self.ma = pb.ma
        self.mb = pb.mb
        self.allowed = allowed
        self.cap = pb.cap
        self.tables = pb.tables
        self.slot_of = [-1] * pb.n_meetings
        self.occ = [[-1] * pb.n_slots for _ in range(pb.n_people)]
        self.used = [0] * pb.n_slots
        self.cnt = [0] * pb.n_people
        self.movable = [True] * pb.n_meetings
        # movable meetings in each slot, as a list with positions for O(1) removal
        self.members: list[list[int]] = [[] for _ in range(pb.n_slots)]
        self.pos = [-1] * pb.n_meetings
        self.count = 0
        self.rng = random.Random(seed)  # noqa: S311 - a seeded choice, not a secret
        self.journal: list[tuple[str, int, int]] | None = None
        for m, s in enumerate(pb.fixed_slot):
            if s >= 0:
                self.movable[m] = False
                self.place(m, s)

    # --- elementary moves -------------------------------------------------------------

    def place(self, m: int, s: int) -> None:
        if self.journal is not None:
            self.journal.append(("p", m, s))
        a, b = self.ma[m], self.mb[m]
        self.occ[a][s] = m
        self.occ[b][s] = m
        self.used[s] += 1
        self.cnt[a] += 1
        self.cnt[b] += 1
        self.slot_of[m] = s
        self.count += 1
        if self.movable[m]:
            lst = self.members[s]
            self.pos[m] = len(lst)
            lst.append(m)

    def remove(self, m: int) -> None:
        s = self.slot_of[m]
        if self.journal is not None:
            self.journal.append(("r", m, s))
        a, b = self.ma[m], self.mb[m]
        self.occ[a][s] = -1
        self.occ[b][s] = -1
        self.used[s] -= 1
        self.cnt[a] -= 1
        self.cnt[b] -= 1
        self.slot_of[m] = -1
        self.count -= 1
        if self.movable[m]:
            lst = self.members[s]
            i = self.pos[m]
            last = lst.pop()
            if last != m:
                lst[i] = last
                self.pos[last] = i
            self.pos[m] = -1

    def fits(self, m: int, s: int) -> bool:
        """m (unscheduled) can go to s as things are."""
        return (
            self.used[s] < self.tables[s]
            and self.occ[self.ma[m]][s] < 0
            and self.occ[self.mb[m]][s] < 0
        )

    def has_room(self, m: int) -> bool:
        return (
            self.cnt[self.ma[m]] < self.cap[self.ma[m]]
            and self.cnt[self.mb[m]] < self.cap[self.mb[m]]
        )

    # --- journal: compound moves that can be undone ---------------------------------

    def mark(self) -> int:
        if self.journal is None:
            self.journal = []
        return len(self.journal)

    def undo(self, mark: int) -> None:
        journal = self.journal or []
        while len(journal) > mark:
            kind, m, s = journal.pop()
            saved, self.journal = self.journal, None
            if kind == "p":
                self.remove(m)
            else:
                self.place(m, s)
            self.journal = saved

    def commit(self, mark: int) -> None:
        if mark == 0:
            self.journal = None

    # --- ejection chains --------------------------------------------------------------

    def insert(self, m: int, budget: int = 400, eject_sample: int = 2, double: bool = True) -> bool:
        """Schedule unscheduled meeting m, moving others along one chain if needed.

        With ``double``, a slot where both people are busy is also tried: both meetings in
        the way leave, m takes the slot, and each of the two must find a place by a chain
        of its own (all undone if either fails).
        """
        if not self.has_room(m):
            return False
        occ, used, tables, allowed = self.occ, self.used, self.tables, self.allowed
        ma, mb = self.ma, self.mb
        for s in allowed[m]:
            if used[s] < tables[s] and occ[ma[m]][s] < 0 and occ[mb[m]][s] < 0:
                self.place(m, s)
                return True
        if self._chain(m, budget, eject_sample):
            return True
        if not double:
            return False
        movable = self.movable
        for s in allowed[m]:
            y1, y2 = occ[ma[m]][s], occ[mb[m]][s]
            if y1 < 0 or y2 < 0 or y1 == y2 or not movable[y1] or not movable[y2]:
                continue
            mk = self.mark()
            self.remove(y1)
            self.remove(y2)
            self.place(m, s)
            if self._chain(y1, budget // 4, eject_sample, avoid=s) and self._chain(
                y2, budget // 4, eject_sample, avoid=s
            ):
                self.commit(mk)
                return True
            self.undo(mk)
            self.commit(mk)
        return False

    def _chain(self, m: int, budget: int, eject_sample: int, avoid: int = -1) -> bool:
        """Breadth-first search for a chain of moves that lets unscheduled m in.

        A node is a meeting that has to leave its slot (the root: has to enter one). Its
        candidate slots are judged as they will be once its ancestors on the chain have
        moved: a slot an ancestor leaves is free for the people of that ancestor, one an
        ancestor enters is not.
        """
        occ, used, tables, allowed = self.occ, self.used, self.tables, self.allowed
        ma, mb, movable, slot_of = self.ma, self.mb, self.movable, self.slot_of
        # parent[x] = (parent meeting, slot x leaves so that the parent can take it)
        parent: dict[int, tuple[int, int]] = {m: (-1, -1)}
        queue = deque([m])
        expanded = 0
        while queue and expanded < budget:
            x = queue.popleft()
            expanded += 1
            here = slot_of[x]
            # the chain above x: which meetings leave which slot, which slot each enters
            enters: dict[int, list[int]] = {}
            leaves: dict[int, list[int]] = {}
            y = x
            while True:
                py, pt = parent[y]
                if py < 0:
                    break
                enters.setdefault(pt, []).append(py)
                s_py = slot_of[py]
                if s_py >= 0:
                    leaves.setdefault(s_py, []).append(py)
                y = py
            xa_person, xb_person = ma[x], mb[x]
            xa, xb = occ[xa_person], occ[xb_person]
            for t in allowed[x]:
                if t in (here, avoid):
                    continue
                ya, yb = xa[t], xb[t]
                ent = enters.get(t)
                lv = leaves.get(t)
                if ent is not None:
                    clash = False
                    for e in ent:
                        if ma[e] in (xa_person, xb_person) or mb[e] in (xa_person, xb_person):
                            clash = True
                            break
                    if clash:
                        continue
                if lv is not None:
                    if ya >= 0 and ya in lv:
                        ya = -1
                    if yb >= 0 and yb in lv:
                        yb = -1
                if ya >= 0 and yb >= 0:
                    continue
                y = ya if ya >= 0 else yb
                if y >= 0:
                    if y in parent or not movable[y]:
                        continue
                    parent[y] = (x, t)
                    queue.append(y)
                    continue
                load = used[t]
                if ent is not None:
                    load += len(ent)
                if lv is not None:
                    load -= len(lv)
                if load < tables[t]:
                    if self._apply_chain(x, t, parent):
                        return True
                    continue
                lst = self.members[t]
                if not lst:
                    continue
                for _ in range(eject_sample):
                    z = lst[self.rng.randrange(len(lst))]
                    if z not in parent:
                        parent[z] = (x, t)
                        queue.append(z)
        return False

    def _apply_chain(self, x: int, t: int, parent: dict[int, tuple[int, int]]) -> bool:
        """x goes to t, its parent to x's old slot, and so on up to the new meeting.

        The moves are made from the new meeting down (each meeting first leaves its slot),
        then checked; a chain that clashes with itself is undone.
        """
        chain: list[tuple[int, int]] = [(x, t)]
        y = x
        while True:
            py, pt = parent[y]
            if py < 0:
                break
            chain.append((py, pt))
            y = py
        mk = self.mark()
        for y, _t in chain:
            if self.slot_of[y] >= 0:
                self.remove(y)
        ok = True
        for y, ty in chain:
            if not self.fits(y, ty):
                ok = False
                break
            self.place(y, ty)
        if not ok:
            self.undo(mk)
        self.commit(mk)
        return ok


def construct(
    st: State,
    order: list[int],
    prefs: dict[int, list[tuple[float, int]]] | None,
) -> None:
    """Greedy: meetings in the given order, each in its most preferred slot that fits."""
    allowed = st.allowed
    for m in order:
        if st.slot_of[m] >= 0 or not st.has_room(m):
            continue
        chosen = -1
        if prefs is not None:
            for _v, s in prefs.get(m, ()):
                if st.fits(m, s):
                    chosen = s
                    break
        if chosen < 0:
            for s in allowed[m]:
                if st.fits(m, s):
                    chosen = s
                    break
        if chosen >= 0:
            st.place(m, chosen)


def augment(
    st: State, order: list[int], deadline: Deadline, target: int, budgets=(300, 3000)
) -> int:
    """Insert unscheduled meetings by ejection chains until a pass adds nothing.

    Passes run with the first search budget until one adds nothing, then with the next.
    Stops as soon as the count reaches ``target`` (the upper bound: nothing more to gain).
    """
    added = 0
    for budget in budgets:
        added += _augment(st, order, deadline, target, budget)
    return added


def _augment(st: State, order: list[int], deadline: Deadline, target: int, budget: int) -> int:
    added = 0
    while not deadline.passed() and st.count < target:
        gained = 0
        for i, m in enumerate(order):
            if st.slot_of[m] >= 0 or not st.allowed[m]:
                continue
            if i % 64 == 0 and deadline.passed():
                break
            if st.insert(m, budget):
                gained += 1
                if st.count >= target:
                    break
        added += gained
        if gained == 0:
            break
    return added
