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
- ``close_breaks``: the first or last meeting of a person's session moves to a free slot, or
  swaps with a meeting of a full slot, or two meetings of one person exchange their slots,
  when that lowers the number of breaks.

A *break* is an idle available slot between two meetings of a person in one session: for
each person and session, the slots strictly between the person's first and last meeting of
the session where the person is available and has no meeting. Unavailable slots are not
breaks (the person is elsewhere), nor are idle slots before the first or after the last
meeting.
"""

from __future__ import annotations

from .problem import Problem
from .search import Deadline, State


def session_slots(pb: Problem) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for s, k in enumerate(pb.session):
        out.setdefault(k, []).append(s)
    return list(out.values())


def person_breaks(avail: list[bool], busy: list[bool], sessions: list[list[int]]) -> int:
    """Idle available slots strictly between the first and last meeting of each session."""
    total = 0
    for slots in sessions:
        first = last = -1
        for i, s in enumerate(slots):
            if busy[s]:
                if first < 0:
                    first = i
                last = i
        if last - first >= 2:
            for s in slots[first + 1 : last]:
                if avail[s] and not busy[s]:
                    total += 1
    return total


def count_breaks(pb: Problem, slot_of: list[int]) -> int:
    sessions = session_slots(pb)
    busy = [[False] * pb.n_slots for _ in range(pb.n_people)]
    for m, s in enumerate(slot_of):
        if s >= 0:
            busy[pb.ma[m]][s] = True
            busy[pb.mb[m]][s] = True
    return sum(person_breaks(pb.avail[p], busy[p], sessions) for p in range(pb.n_people))


def improve_secondary(st: State, order: list[int], deadline: Deadline) -> None:
    raise_priority(st, order, deadline)
    include_everyone(st, deadline)
    close_breaks(st, deadline)


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


def _between(b: int) -> int:
    """The bits strictly between the lowest and the highest set bit of b."""
    if b & (b - 1) == 0:  # at most one bit
        return 0
    low = b & -b
    high = 1 << (b.bit_length() - 1)
    return (high - 1) & ~((low << 1) - 1)


def _is_end(b: int, bit: int) -> bool:
    return bit == b & -b or bit == 1 << (b.bit_length() - 1)


def close_breaks(st: State, deadline: Deadline, rounds: int = 8, swap_scan: int = 60) -> None:
    """Move meetings (or exchange two of one person's) while that lowers the breaks.

    Per person, slots are bits: ``busy`` (has a meeting), ``avail``; a session's breaks are
    the available, idle bits strictly between its lowest and highest busy bit.
    """
    pb = st.pb
    ma, mb, occ, slot_of, movable = st.ma, st.mb, st.occ, st.slot_of, st.movable
    used, tables, allowed = st.used, st.tables, st.allowed
    sessions = session_slots(pb)
    sess_of = [0] * pb.n_slots
    sess_mask = [0] * len(sessions)
    for k, slots in enumerate(sessions):
        for s in slots:
            sess_of[s] = k
            sess_mask[k] |= 1 << s
    avail = [sum(1 << s for s in range(pb.n_slots) if row[s]) for row in pb.avail]
    busy = [0] * pb.n_people
    for m, s in enumerate(slot_of):
        if s >= 0:
            busy[ma[m]] |= 1 << s
            busy[mb[m]] |= 1 << s

    def brk(p: int, k: int, b: int) -> int:
        b &= sess_mask[k]
        return (_between(b) & avail[p] & ~b).bit_count()

    def total(p: int) -> int:
        return sum(brk(p, k, busy[p]) for k in range(len(sessions)))

    def move(m: int, t: int) -> None:
        s = slot_of[m]
        st.remove(m)
        st.place(m, t)
        flip = (1 << s) | (1 << t)
        busy[ma[m]] ^= flip
        busy[mb[m]] ^= flip

    def move_cost(p: int, b: int, k_from: int, k_to: int, flip: int) -> int:
        """p's breaks after a meeting moves from session k_from to k_to (flip: both slot
        bits), less its breaks before in k_to: the gain is p's breaks before in k_from
        minus this."""
        if k_from == k_to:
            return brk(p, k_from, b ^ flip)
        return brk(p, k_from, b ^ flip) + brk(p, k_to, b ^ flip) - brk(p, k_to, b)

    pbreaks = [total(p) for p in range(pb.n_people)]

    for _ in range(rounds):
        improved = 0
        for m in range(pb.n_meetings):
            if m % 512 == 0 and deadline.passed():
                return
            s = slot_of[m]
            if s < 0 or not movable[m]:
                continue
            a, b = ma[m], mb[m]
            if pbreaks[a] == 0 and pbreaks[b] == 0:
                continue
            ks = sess_of[s]
            ba, bb = busy[a], busy[b]
            bit_s = 1 << s
            base_a, base_b = brk(a, ks, ba), brk(b, ks, bb)
            # Only the first or last meeting of a session can close a break of its person
            # by moving (an inner one leaves a new break behind), and only someone with a
            # break in that session can gain; exchanges are judged the same way below.
            if not (
                (base_a and _is_end(ba & sess_mask[ks], bit_s))
                or (base_b and _is_end(bb & sess_mask[ks], bit_s))
            ):
                continue
            base = base_a + base_b
            # 1. a single move to a free place
            best_t, best_gain = -1, 0
            crowded: list[tuple[int, int]] = []  # (gain, slot) where only a table is missing
            for t in allowed[m]:
                if t == s or occ[a][t] >= 0 or occ[b][t] >= 0:
                    continue
                flip = bit_s | (1 << t)
                gain = (
                    base
                    - move_cost(a, ba, ks, sess_of[t], flip)
                    - move_cost(b, bb, ks, sess_of[t], flip)
                )
                if gain <= 0:
                    continue
                if used[t] >= tables[t]:
                    crowded.append((gain, t))
                elif gain > best_gain:
                    best_t, best_gain = t, gain
            if best_t >= 0:
                move(m, best_t)
                pbreaks[a] = total(a)
                pbreaks[b] = total(b)
                improved += 1
                continue
            # 1b. the slot is full: a meeting there that can take m's slot swaps with it
            done = False
            crowded.sort(reverse=True)
            for gain, t in crowded[:3]:
                kt = sess_of[t]
                flip = bit_s | (1 << t)
                for v in st.members[t][:swap_scan]:
                    c, d = ma[v], mb[v]
                    if s not in allowed[v] or occ[c][s] >= 0 or occ[d][s] >= 0:
                        continue
                    bc, bd = busy[c], busy[d]
                    loss = (
                        move_cost(c, bc, kt, ks, flip)
                        - brk(c, kt, bc)
                        + move_cost(d, bd, kt, ks, flip)
                        - brk(d, kt, bd)
                    )
                    if loss < gain:
                        st.remove(v)
                        move(m, t)
                        st.place(v, s)
                        busy[c] ^= flip
                        busy[d] ^= flip
                        for x in (a, b, c, d):
                            pbreaks[x] = total(x)
                        improved += 1
                        done = True
                        break
                if done:
                    break
            if done:
                continue
            # 2. exchange with another meeting of a or b in the same session
            done = False
            for p, q in ((a, b), (b, a)):
                for t in sessions[ks]:
                    v = occ[p][t]
                    if v < 0 or v == m or not movable[v] or t not in allowed[m]:
                        continue
                    r = mb[v] if ma[v] == p else ma[v]  # v's other person
                    if s not in allowed[v] or occ[q][t] >= 0 or occ[r][s] >= 0:
                        continue
                    flip = bit_s | (1 << t)
                    # p keeps both slots; q moves s -> t, r moves t -> s
                    if brk(q, ks, busy[q] ^ flip) + brk(r, ks, busy[r] ^ flip) < brk(
                        q, ks, busy[q]
                    ) + brk(r, ks, busy[r]):
                        st.remove(v)
                        st.remove(m)
                        st.place(m, t)
                        st.place(v, s)
                        busy[q] ^= flip
                        busy[r] ^= flip
                        pbreaks[q] = total(q)
                        pbreaks[r] = total(r)
                        improved += 1
                        done = True
                        break
                if done:
                    break
        if improved == 0:
            return
