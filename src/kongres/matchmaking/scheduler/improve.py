"""Secondary objectives, never at the cost of a meeting: priority, nobody left out, breaks.

The objectives, in order: the most meetings, the highest total priority, the fewest people
without any meeting (of those with accepted ones), the fewest breaks. The first two moves are
compound moves on the ``State`` journal: made, judged by ``_delta``, and undone unless the
schedule is lexicographically better in (meetings, priority, -people without a meeting).
Break moves keep the set of scheduled meetings as it is.

- ``raise_priority``: an unscheduled meeting comes in in place of a scheduled one of lower
  priority that is in its way (a meeting of one of its two people), which goes back in
  elsewhere if it can.
- ``include_everyone``: a person who has accepted meetings but got none gets one of them, in
  place of a meeting of no higher priority (one of the partner's, or one in a full slot it may
  take); whoever that leaves without a meeting may get another of theirs.
- breaks: ``breaks.minimise_breaks``, a local search that only moves scheduled meetings
  between slots (see ``breaks.py`` for the definition of a break and the moves).
"""

from __future__ import annotations

from .breaks import count_breaks, minimise_breaks
from .search import Deadline, State

__all__ = ["count_breaks", "improve_secondary"]


def improve_secondary(st: State, order: list[int], deadline: Deadline) -> None:
    raise_priority(st, order, deadline)
    include_everyone(st, deadline)
    minimise_breaks(st, deadline)


def _meetings_of(st: State) -> list[list[int]]:
    pb = st.pb
    out: list[list[int]] = [[] for _ in range(pb.n_people)]
    for m in range(pb.n_meetings):
        if st.allowed[m] or pb.fixed_slot[m] >= 0:
            out[pb.ma[m]].append(m)
            out[pb.mb[m]].append(m)
    return out


def _delta(st: State, mk: int) -> tuple[int, int, int]:
    """(meetings, priority, people without a meeting) gained since journal mark ``mk``."""
    prio, ma, mb, cnt = st.pb.prio, st.ma, st.mb, st.cnt
    journal = st.journal or []
    change: dict[int, int] = {}
    d_count = d_prio = 0
    for kind, m, _s in journal[mk:]:
        sign = 1 if kind == "p" else -1
        d_count += sign
        d_prio += sign * prio[m]
        for x in (ma[m], mb[m]):
            change[x] = change.get(x, 0) + sign
    d_zero = sum((cnt[x] == 0) - (cnt[x] - c == 0) for x, c in change.items())
    return d_count, d_prio, d_zero


def _better(delta: tuple[int, int, int]) -> bool:
    d_count, d_prio, d_zero = delta
    return (d_count, d_prio, -d_zero) > (0, 0, 0)


def _give_way(
    st: State,
    m: int,
    victims: list[int],
    meetings_of: list[list[int]],
    budget: int,
    tries: int,
) -> bool:
    """m comes in in place of one of the victims, if the schedule gets better."""
    ma, mb, cnt = st.ma, st.mb, st.cnt
    for v in victims[:tries]:
        mk = st.mark()
        st.remove(v)
        if st.insert(m, budget, double=False):
            if not st.insert(v, budget, double=False):  # back in elsewhere if it can
                # whoever v leaves without a meeting may get another one of theirs
                for x in (ma[v], mb[v]):
                    if cnt[x] == 0:
                        for w in meetings_of[x]:
                            if w != v and st.slot_of[w] < 0 and st.insert(w, budget // 2):
                                break
            if _better(_delta(st, mk)):
                st.commit(mk)
                return True
        st.undo(mk)
        st.commit(mk)
    return False


def raise_priority(st: State, order: list[int], deadline: Deadline, budget: int = 200) -> None:
    """Unscheduled meetings, highest priority first, in place of lower ones in their way."""
    prio = st.pb.prio
    if len(set(prio)) <= 1:
        return
    lowest = min(prio)
    ma, mb, slot_of, movable, occ, cnt = st.ma, st.mb, st.slot_of, st.movable, st.occ, st.cnt
    meetings_of = _meetings_of(st)
    cands = sorted((m for m in order if slot_of[m] < 0 and st.allowed[m]), key=lambda m: -prio[m])
    for i, m in enumerate(cands):
        if i % 32 == 0 and deadline.passed():
            return
        if slot_of[m] >= 0:
            continue
        if st.insert(m, budget):  # a meeting more: always better
            continue
        if prio[m] <= lowest:
            break
        # meetings of its two people with lower priority, lowest first
        in_way = {occ[p][s] for p in (ma[m], mb[m]) for s in range(st.n_slots)}
        in_way.discard(-1)
        victims = sorted(
            (v for v in in_way if movable[v] and prio[v] < prio[m]),
            key=lambda v: (cnt[ma[v]] == 1 or cnt[mb[v]] == 1, prio[v]),
        )
        _give_way(st, m, victims, meetings_of, budget, 8)


def include_everyone(st: State, deadline: Deadline, budget: int = 300) -> int:
    """Give people without a meeting one; returns how many got one."""
    pb = st.pb
    ma, mb, slot_of, movable, cnt, prio = st.ma, st.mb, st.slot_of, st.movable, st.cnt, pb.prio
    meetings_of = _meetings_of(st)
    helped = 0
    for p in range(pb.n_people):
        if cnt[p] > 0 or deadline.passed():
            continue
        options = [m for m in meetings_of[p] if st.allowed[m]]
        if not options:
            continue
        options.sort(key=lambda m: (-prio[m], -len(st.allowed[m])))
        if any(st.insert(m, budget) for m in options):
            helped += 1
            continue
        for m in options:
            q = mb[m] if ma[m] == p else ma[m]
            # a meeting of the partner, or one in a full slot that m may take, gives way if
            # that leaves fewer people without a meeting and costs no priority
            victims = [v for v in meetings_of[q] if slot_of[v] >= 0]
            for s in st.allowed[m]:
                if st.used[s] >= st.tables[s]:
                    crowd = st.members[s]
                    victims.extend(sorted(crowd, key=lambda v: -min(cnt[ma[v]], cnt[mb[v]]))[:4])
                else:
                    v = st.occ[q][s]
                    if v >= 0:
                        victims.append(v)
            victims = [v for v in dict.fromkeys(victims) if movable[v] and prio[v] <= prio[m]]
            victims.sort(key=lambda v: (prio[v], -min(cnt[ma[v]], cnt[mb[v]])))
            if _give_way(st, m, victims, meetings_of, budget, 12):
                helped += 1
                break
    return helped
