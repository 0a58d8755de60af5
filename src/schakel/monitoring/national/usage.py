"""Who uses which law when: users per law with the CBS overlaps, as spells over the three-year window.

A *spell* is an uninterrupted period in which a person uses a law. The number of spells is set so that the
yearly client counts match the rates in :mod:`.params` in a stationary process: with exponential spells of
mean ``D`` years and ``C`` clients per year, ``C·(3 + D)/(1 + D)`` persons use the law at some time in a
three-year window, a share ``D/(3 + D)`` of them already at its start. Persons with two laws (the stapeling
quotas) get aligned spells: the second starts during the first, so both fall in the same years.

Selection is weighted sampling without replacement (Efraimidis–Spirakis: the ``k`` largest
``log(u)/w``), vectorised with ``argpartition``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import params
from .population import KIND_COUPLE, KIND_FAMILY, KIND_SINGLE, KIND_SINGLE_PARENT, REL_CHILD, Population

LAW_INDEX = {law: i for i, law in enumerate(params.LAWS)}
WMO, JEUGD, PWET, SCHULD = (LAW_INDEX[law] for law in params.LAWS)
OPEN = np.iinfo(np.int32).max  # end "day" of a spell still running at the reference date


@dataclass
class Spells:
    person: np.ndarray  # int64 local person index
    law: np.ndarray  # int8 LAW_INDEX
    start: np.ndarray  # int64 day number (days since 1970-01-01)
    end: np.ndarray  # int64 day number, OPEN if running at the reference date
    case: np.ndarray  # int64 local case number (aligned spells share the case of their primary spell)
    primary: np.ndarray  # bool: the spell that opened the case


def weighted_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` items drawn without replacement with probability ∝ ``weights`` (0 = never)."""
    eligible = np.flatnonzero(weights > 0)
    k = min(int(k), len(eligible))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    keys = np.log(rng.random(len(eligible))) / weights[eligible]
    top = np.argpartition(-keys, k - 1)[:k] if k < len(eligible) else np.arange(len(eligible))
    top = top[np.argsort(-keys[top], kind="stable")]
    return eligible[top]


def _ever(yearly: float, law: str) -> int:
    d = params.MEAN_YEARS[law]
    return int(round(yearly * (3 + d) / (1 + d)))


def _exp_days(rng: np.random.Generator, law: str, n: int) -> np.ndarray:
    return np.maximum(1, (rng.exponential(params.MEAN_YEARS[law] * 365.25, n)).astype(np.int64))


def _fresh_spells(rng: np.random.Generator, law: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end days of ``n`` spells that overlap the window (stationary renewal process)."""
    d = params.MEAN_YEARS[law]
    prior = rng.random(n) < d / (3 + d)
    start = params.W0 + (rng.random(n) * params.WINDOW_DAYS).astype(np.int64)
    end = start + _exp_days(rng, law, n)
    # Already running at the window start: backward and forward recurrence times are exponential too.
    start = np.where(prior, params.W0 - _exp_days(rng, law, n), start)
    end = np.where(prior, params.W0 + _exp_days(rng, law, n), end)
    return start, end


def _aligned(rng: np.random.Generator, law: str, start: np.ndarray, end: np.ndarray):
    """A spell of ``law`` starting during the spells ``start..end``."""
    n = len(start)
    length = np.minimum(end, params.REF + 365) - start
    s = np.minimum(start + (rng.random(n) * 0.3 * np.maximum(length, 1)).astype(np.int64), params.REF)
    return s, s + _exp_days(rng, law, n)


def assign_spells(rng: np.random.Generator, pop: Population, factors: dict[str, float]) -> Spells:
    """Spells per law for the persons of one municipality (factors: the municipality's rate multipliers)."""
    n, age = pop.n, pop.age.astype(np.int64)
    kind = pop.hh_kind[pop.hh]
    persons: list[np.ndarray] = []
    laws: list[int] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    parent_of: list[np.ndarray | None] = []  # index into the primary spell arrays built so far

    def add(who, law_i, s, e, parent=None):
        persons.append(np.asarray(who, dtype=np.int64))
        laws.append(law_i)
        starts.append(s)
        ends.append(e)
        parent_of.append(parent)

    # Participatiewet (bijstand): one applicant per household, mostly singles and single parents, 18–66.
    k_p = _ever(params.PWET_PER_1000 * n / 1000 * factors["participatie"], "participatie")
    kind_w = np.select(
        [kind == KIND_SINGLE, kind == KIND_SINGLE_PARENT, kind == KIND_COUPLE, kind == KIND_FAMILY],
        [2.2, 5.0, 0.45, 0.6],
    )
    age_w = np.select([age < 18, age < 27, age < 45, age <= 66], [0.0, 0.6, 1.0, 1.2], 0.0)
    w_p = kind_w * age_w * np.where(pop.relation == REL_CHILD, 0.3, 1.0)
    cand = weighted_sample(rng, w_p, int(k_p * 1.6))
    _u, first = np.unique(pop.hh[cand], return_index=True)
    p_users = cand[np.sort(first)][:k_p]
    p_start, p_end = _fresh_spells(rng, "participatie", len(p_users))
    add(p_users, PWET, p_start, p_end)
    base_p = 0  # index of the P-wet spells in the lists

    # P + Wmo per person (aligned).
    pw = weighted_sample(
        rng, params.wmo_weight(age[p_users]) + 0.2, round(params.PWET_ALSO_WMO * len(p_users))
    )
    s, e = _aligned(rng, "wmo", p_start[pw], p_end[pw])
    add(p_users[pw], WMO, s, e, (base_p, pw))
    # P + Jeugd per person: young adults on bijstand with verlengde jeugdhulp.
    young = np.flatnonzero(age[p_users] <= 22)
    pj = young[weighted_sample(rng, np.ones(len(young)), round(params.PWET_YOUNG_ALSO_JEUGD * len(young)))]
    s, e = _aligned(rng, "jeugd", p_start[pj], p_end[pj])
    add(p_users[pj], JEUGD, s, e, (base_p, pj))
    # J + P per household: a child with jeugdhulp in a bijstand household (case of the parent).
    p_households = np.zeros(len(pop.hh_kind), dtype=bool)
    p_households[pop.hh[p_users]] = True
    child_ok = (pop.relation == REL_CHILD) & (age < 23) & p_households[pop.hh]
    child_w = np.where(child_ok, params.jeugd_weight(age) + 0.01, 0.0)
    n_hh_children = len(np.unique(pop.hh[child_ok]))
    kids = weighted_sample(rng, child_w, int(n_hh_children * 2))
    _u, first = np.unique(pop.hh[kids], return_index=True)
    kids = kids[np.sort(first)][: round(params.PWET_HOUSEHOLD_CHILD_JEUGD * n_hh_children)]
    applicant_of_hh = np.full(len(pop.hh_kind), -1, dtype=np.int64)
    applicant_of_hh[pop.hh[p_users]] = np.arange(len(p_users))
    parent_spell = applicant_of_hh[pop.hh[kids]]
    s, e = _aligned(rng, "jeugd", p_start[parent_spell], p_end[parent_spell])
    add(kids, JEUGD, s, e, (base_p, parent_spell))

    # The rest of Jeugd, outside bijstand households; a few (12+) also have a Wmo voorziening.
    k_j = _ever(params.JEUGD_SHARE_UNDER_23 * int((age < 23).sum()) * factors["jeugd"], "jeugd")
    have_j = len(pj) + len(kids)
    w_j = np.where(p_households[pop.hh], 0.0, params.jeugd_weight(age))
    j_rest = weighted_sample(rng, w_j, max(0, k_j - have_j))
    s_j, e_j = _fresh_spells(rng, "jeugd", len(j_rest))
    base_j = len(persons)
    add(j_rest, JEUGD, s_j, e_j)
    older = np.flatnonzero(age[j_rest] >= 12)
    jw = older[weighted_sample(rng, np.ones(len(older)), round(params.JEUGD_ALSO_WMO * k_j))]
    s, e = _aligned(rng, "wmo", s_j[jw], e_j[jw])
    add(j_rest[jw], WMO, s, e, (base_j, jw))

    # The rest of Wmo, outside bijstand households and jeugd clients.
    k_w = _ever(params.WMO_PER_1000 * n / 1000 * factors["wmo"], "wmo")
    taken = np.zeros(n, dtype=bool)
    taken[j_rest] = True
    taken[kids] = True
    w_w = np.where(p_households[pop.hh] | taken, 0.0, params.wmo_weight(age))
    w_rest = weighted_sample(rng, w_w, max(0, k_w - len(pw) - len(jw)))
    s, e = _fresh_spells(rng, "wmo", len(w_rest))
    add(w_rest, WMO, s, e)

    # Schuldhulp: mostly bijstand applicants (Wgs), outside the stapeling statistics.
    k_s = _ever(params.SCHULDHULP_PER_1000 * n / 1000, "schuldhulp")
    in_p = np.zeros(n, dtype=bool)
    in_p[p_users] = True
    w_s = np.where(age >= 18, np.where(in_p, 25.0, 0.2), 0.0)
    s_users = weighted_sample(rng, w_s, k_s)
    s, e = _fresh_spells(rng, "schuldhulp", len(s_users))
    add(s_users, SCHULD, s, e)

    # Cases: every spell without a parent opens a case; aligned spells join their parent's case.
    n_cases = 0
    own_case = {}
    for i, parent in enumerate(parent_of):
        if parent is None:
            c = n_cases + np.arange(len(persons[i]))
            n_cases += len(persons[i])
            own_case[i] = c
    case_list: list[np.ndarray] = []
    for i, parent in enumerate(parent_of):
        if parent is None:
            case_list.append(own_case[i])
        else:
            base, idx = parent
            case_list.append(own_case[base][idx])
    person = np.concatenate(persons)
    law = np.concatenate(
        [np.full(len(p), law_i, dtype=np.int8) for p, law_i in zip(persons, laws, strict=True)]
    )
    start = np.concatenate(starts)
    end = np.concatenate(ends)
    case = np.concatenate(case_list)
    primary = np.concatenate(
        [np.full(len(p), parent is None) for p, parent in zip(persons, parent_of, strict=True)]
    )

    # Re-entry: some ended spells are followed by a new spell (a new case) after a gap.
    ended = np.flatnonzero(end <= params.REF)
    p_re = np.array([params.REENTRY[lw] for lw in params.LAWS])[law[ended]]
    again = ended[rng.random(len(ended)) < p_re]
    gap = rng.integers(30, 700, len(again))
    re_start = end[again] + gap
    keep = re_start <= params.REF
    again, re_start = again[keep], re_start[keep]
    re_len = np.empty(len(again), dtype=np.int64)
    for law_i, name in enumerate(params.LAWS):
        m = law[again] == law_i
        re_len[m] = _exp_days(rng, name, int(m.sum()))
    person = np.concatenate([person, person[again]])
    law = np.concatenate([law, law[again]])
    start = np.concatenate([start, re_start])
    end = np.concatenate([end, re_start + re_len])
    case = np.concatenate([case, n_cases + np.arange(len(again))])
    primary = np.concatenate([primary, np.ones(len(again), dtype=bool)])
    end = np.where(end > params.REF, OPEN, end)
    return Spells(person=person, law=law, start=start, end=end, case=case, primary=primary)
