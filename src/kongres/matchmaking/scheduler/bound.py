"""The upper bound: the LP relaxation of the assignment model, certified through its dual.

Variables ``x[m, s]`` for every slot ``s`` meeting ``m`` may take (after fixed meetings are
taken out, see ``residual``), ``0 <= x <= 1``, maximise ``sum x`` subject to

- each meeting at most once:              ``sum_s x[m, s] <= 1``
- each table count:                       ``sum_m x[m, s] <= tables[s]``
- each person at most once per slot:      ``sum_{m ∋ p} x[m, s] <= 1``
- each person's maximum:                  ``sum_{m ∋ p, s} x[m, s] <= cap[p]``

Rows that can never bind (a person's slot used by one meeting only, a person with fewer
meetings than their maximum, a slot with fewer candidate meetings than tables) are left out.

HiGHS solves it with its first-order method (PDLP): fast on these instances but only accurate
to a tolerance, and it may be stopped by the time limit. Neither matters for validity: any
non-negative row prices ``u`` become a feasible solution of the dual LP once every meeting's
price is raised so that each column's prices add up to at least 1
(``u_m = max(0, max_s (1 - other prices in column (m, s)))``), and then, by weak duality,
``sum_rows rhs * u`` is at least the LP optimum, which is at least the best schedule's count.
So the bound is ``floor(that sum + 1e-6)`` and holds whatever the solver returned.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass

from .problem import Problem


@dataclass(slots=True)
class Residual:
    """What is left for the free meetings once the fixed ones are in place."""

    tables: list[int]
    cap: list[int]
    allowed: list[tuple[int, ...]]  # per meeting; () for fixed meetings
    n_fixed: int


def residual(pb: Problem) -> Residual:
    n_slots = pb.n_slots
    tables = list(pb.tables)
    cap = list(pb.cap)
    busy: set[tuple[int, int]] = set()
    n_fixed = 0
    for m, s in enumerate(pb.fixed_slot):
        if s < 0:
            continue
        n_fixed += 1
        tables[s] -= 1
        for p in (pb.ma[m], pb.mb[m]):
            busy.add((p, s))
            cap[p] -= 1
    allowed: list[tuple[int, ...]] = []
    for m in range(pb.n_meetings):
        if pb.fixed_slot[m] >= 0:
            allowed.append(())
            continue
        a, b = pb.ma[m], pb.mb[m]
        if cap[a] <= 0 or cap[b] <= 0:
            allowed.append(())
            continue
        allowed.append(
            tuple(
                s
                for s in pb.allowed[m]
                if tables[s] > 0 and (a, s) not in busy and (b, s) not in busy
            )
        )
    # A person's cap can also not exceed the number of their slots still open.
    open_slots = [0] * pb.n_people
    for p in range(pb.n_people):
        row = pb.avail[p]
        open_slots[p] = sum(1 for s in range(n_slots) if row[s] and (p, s) not in busy)
        cap[p] = max(0, min(cap[p], open_slots[p]))
    return Residual(tables, cap, allowed, n_fixed)


@dataclass(slots=True)
class Bound:
    upper_bound: int  # for the whole instance, fixed meetings included
    lp_value: float | None  # the solver's primal objective (free meetings only)
    method: str  # "lp" or "combinatorial"
    y: list[float] | None  # LP value of each meeting (sum over its slots), for guidance
    x: dict[int, list[tuple[float, int]]] | None  # per meeting: (value, slot), best first


def combinatorial_bound(pb: Problem, res: Residual) -> int:
    """Cheap valid bounds: tables, meetings that have a slot, people's capacities."""
    usable = [m for m in range(pb.n_meetings) if res.allowed[m]]
    deg = [0] * pb.n_people
    for m in usable:
        deg[pb.ma[m]] += 1
        deg[pb.mb[m]] += 1
    by_people = sum(min(deg[p], res.cap[p]) for p in range(pb.n_people)) // 2
    slots_used = {s for m in usable for s in res.allowed[m]}
    by_tables = sum(res.tables[s] for s in slots_used)
    return min(len(usable), by_people, by_tables)


def _components(np, key_a, key_b, n_nodes: int):
    """Connected components (smallest node number as label) by label propagation."""
    label = np.arange(n_nodes, dtype=np.int64)
    while True:
        low = np.minimum(label[key_a], label[key_b])
        new = label.copy()
        np.minimum.at(new, key_a, low)
        np.minimum.at(new, key_b, low)
        while True:  # pointer jumping
            nxt = new[new]
            if np.array_equal(nxt, new):
                break
            new = nxt
        if np.array_equal(new, label):
            return label
        label = new


@contextlib.contextmanager
def _quiet_stdout():
    """HiGHS prints a banner on stdout when first created; keep stdout for the schedule."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real file descriptor (e.g. captured output)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def lp_bound(pb: Problem, res: Residual, *, time_limit: float | None = None) -> Bound:
    comb = combinatorial_bound(pb, res)
    try:
        import highspy
        import numpy as np
    except ImportError:  # pragma: no cover - both are dependencies
        return Bound(res.n_fixed + comb, None, "combinatorial", None, None)

    n_slots = pb.n_slots
    n_people = pb.n_people
    n_meet = pb.n_meetings
    lens = np.fromiter((len(a) for a in res.allowed), dtype=np.int64, count=n_meet)
    n_col = int(lens.sum())
    if n_col == 0:
        return Bound(res.n_fixed, 0.0, "lp", [0.0] * n_meet, {})
    col_m = np.repeat(np.arange(n_meet, dtype=np.int64), lens)
    col_s = np.fromiter((s for a in res.allowed for s in a), dtype=np.int64, count=n_col)
    ma = np.asarray(pb.ma, dtype=np.int64)
    mb = np.asarray(pb.mb, dtype=np.int64)
    col_a = ma[col_m]
    col_b = mb[col_m]
    cap = np.asarray(res.cap, dtype=np.int64)
    tables = np.asarray(res.tables, dtype=np.int64)

    # Row numbering: meetings, then binding slots, people, (person, slot) pairs.
    n_row = n_meet
    slot_cols = np.bincount(col_s, minlength=n_slots)
    slot_row = np.full(n_slots, -1, dtype=np.int64)
    binding = np.nonzero(slot_cols > tables)[0]
    slot_row[binding] = n_row + np.arange(len(binding))
    n_row += len(binding)
    deg = np.bincount(ma[lens > 0], minlength=n_people) + np.bincount(
        mb[lens > 0], minlength=n_people
    )
    person_row = np.full(n_people, -1, dtype=np.int64)
    binding_p = np.nonzero(deg > cap)[0]
    person_row[binding_p] = n_row + np.arange(len(binding_p))
    n_row += len(binding_p)
    ps_count = np.bincount(col_a * n_slots + col_s, minlength=n_people * n_slots) + np.bincount(
        col_b * n_slots + col_s, minlength=n_people * n_slots
    )
    ps_row = np.full(n_people * n_slots, -1, dtype=np.int64)
    binding_ps = np.nonzero(ps_count > 1)[0]
    ps_row[binding_ps] = n_row + np.arange(len(binding_ps))
    n_row += len(binding_ps)

    # Odd sets: in one slot, a group of k people (k odd) holds at most (k - 1) / 2 meetings.
    # Each connected part of a slot's graph (people linked by meetings that may take the
    # slot) of odd size gets that row when it has more candidate meetings than that.
    key_a = col_a * n_slots + col_s
    key_b = col_b * n_slots + col_s
    comp = _components(np, key_a, key_b, n_people * n_slots)
    present = np.nonzero(ps_count > 0)[0]
    size = np.bincount(comp[present], minlength=n_people * n_slots)
    edges = np.bincount(comp[key_a], minlength=n_people * n_slots)
    odd = np.nonzero((size >= 3) & (size % 2 == 1) & (2 * edges > size - 1))[0]
    odd_row = np.full(n_people * n_slots, -1, dtype=np.int64)
    odd_row[odd] = n_row + np.arange(len(odd))
    n_row += len(odd)

    rhs = np.empty(n_row, dtype=np.float64)
    rhs[:n_meet] = 1.0
    rhs[slot_row[binding]] = tables[binding]
    rhs[person_row[binding_p]] = cap[binding_p]
    rhs[ps_row[binding_ps]] = 1.0
    rhs[odd_row[odd]] = (size[odd] - 1) // 2

    entries = np.stack(
        [
            col_m,
            slot_row[col_s],
            person_row[col_a],
            person_row[col_b],
            ps_row[key_a],
            ps_row[key_b],
            odd_row[comp[key_a]],
        ],
        axis=1,
    )
    valid = entries >= 0
    index = entries[valid].astype(np.int32)
    start = np.zeros(n_col + 1, dtype=np.int32)
    np.cumsum(valid.sum(axis=1), out=start[1:])

    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    lp.num_col_ = n_col
    lp.num_row_ = n_row
    lp.col_cost_ = np.full(n_col, -1.0)
    lp.col_lower_ = np.zeros(n_col)
    lp.col_upper_ = np.ones(n_col)
    lp.row_lower_ = np.full(n_row, -highspy.kHighsInf)
    lp.row_upper_ = rhs
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = np.ones(len(index))
    h.passModel(lp)
    h.setOptionValue("solver", "pdlp")
    h.setOptionValue("pdlp_optimality_tolerance", 1e-5)
    if time_limit is not None:
        h.setOptionValue("time_limit", max(0.1, float(time_limit)))
    h.run()
    sol = h.getSolution()
    lp_value = -float(h.getInfo().objective_function_value)

    # The certificate: clip the prices, then raise each meeting's price until every column
    # is covered (see the module docstring).
    u = np.maximum(-np.asarray(sol.row_dual, dtype=np.float64), 0.0)
    if len(u) != n_row or not np.all(np.isfinite(u)):
        u = np.zeros(n_row)
    covered = np.add.reduceat(u[index], start[:-1]) - u[col_m]
    need = np.zeros(n_meet)
    np.maximum.at(need, col_m, 1.0 - covered)
    u[:n_meet] = np.maximum(need, 0.0)
    dual_value = float(u @ rhs)
    bound = min(int(np.floor(dual_value + 1e-6)), comb)

    xv = np.asarray(sol.col_value, dtype=np.float64)
    if len(xv) != n_col or not np.all(np.isfinite(xv)):
        return Bound(res.n_fixed + bound, None, "lp", None, None)
    xv = np.clip(xv, 0.0, 1.0)
    y = np.bincount(col_m, weights=xv, minlength=n_meet)
    # Slot preferences per meeting: columns with a noticeable value, best first.
    keep = np.nonzero(xv > 0.02)[0]
    order = keep[np.lexsort((-xv[keep], col_m[keep]))]
    x: dict[int, list[tuple[float, int]]] = {}
    for m, s, v in zip(
        col_m[order].tolist(), col_s[order].tolist(), xv[order].tolist(), strict=True
    ):
        x.setdefault(m, []).append((v, s))
    return Bound(res.n_fixed + bound, lp_value, "lp", y.tolist(), x)
