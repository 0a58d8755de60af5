"""From spells to the extract's records: provisions, cases, aanvragen, verzoeken om toewijzing,
measurements, goals and costs of one municipality (all vectorised; dates are day numbers since 1970).

Deadlines: onderzoek within 6 weeks of the melding (Wmo 2015 art. 2.3.2 lid 1), beschikking within 2 weeks
of the aanvraag (art. 2.3.5 lid 1), verzoek om toewijzing answered within 5 working days (iWmo/iJw; NL public
holidays from the ``holidays`` package, as :func:`schakel.core.deadlines.add_working_days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays as _holidays
import numpy as np

from . import params
from .usage import JEUGD, OPEN, PWET, SCHULD, WMO, Spells

DAY = np.timedelta64(1, "D")

#: Code lists of the string columns (records carry indices into these; build.py writes dictionaries).
CASE_STATUS = ("onderzoek", "aanvraag", "uitvoering", "evaluatie", "afgesloten")
OUTCOMES = ("toegekend", "deels", "afgewezen")
MOMENTS = ("intake", "tussenmeting", "afsluiting")
GOAL_STATUS = ("open", "bereikt", "deels", "niet_bereikt")
DOMAINS = tuple(dict.fromkeys(d for name in params.LAWS for d in params.DOMAINS_BY_LAW[name])) + (
    "participatie",
)
_DOMAIN = {d: i for i, d in enumerate(DOMAINS)}


@lru_cache(maxsize=1)
def _holiday_array() -> np.ndarray:
    days = _holidays.country_holidays("NL", years=range(params.YEARS[0] - 3, params.YEARS[-1] + 2))
    return np.array(sorted(np.datetime64(d, "D") for d in days))


def add_working_days(days: np.ndarray, amount: np.ndarray | int) -> np.ndarray:
    """Vectorised ``add_working_days``: ``amount`` working days after each day (weekends, holidays skipped)."""
    d = np.asarray(days, dtype="datetime64[D]")
    out = np.busday_offset(d, amount, roll="backward", holidays=_holiday_array())
    return out.astype(np.int64)


def _int(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    return rng.integers(lo, hi + 1, n).astype(np.int64)


@dataclass
class Provisions:
    spell: np.ndarray  # index into spells
    law: np.ndarray
    product: np.ndarray  # index into params.PRODUCTS[law] (-1 = re-integration)
    start: np.ndarray
    end: np.ndarray  # OPEN when running
    provider: np.ndarray  # index into the national provider pool, -1 = none


def make_provisions(rng: np.random.Generator, spells: Spells, providers: dict[int, np.ndarray]) -> Provisions:
    n = len(spells.law)
    count = np.ones(n, dtype=np.int64)
    for law_i, name in ((WMO, "wmo"), (JEUGD, "jeugd")):
        m = spells.law == law_i
        count[m] = 1 + rng.choice(4, int(m.sum()), p=params.EXTRA_PROVISIONS[name])
    m = spells.law == PWET
    count[m] += rng.random(int(m.sum())) < params.REINTEGRATION_SHARE
    spell = np.repeat(np.arange(n), count)
    pos = np.arange(len(spell)) - np.repeat(np.cumsum(count) - count, count)
    law = spells.law[spell]
    s0, e0 = spells.start[spell], spells.end[spell]
    length = np.maximum(np.minimum(e0, params.REF) - s0, 1)
    extra = pos > 0
    start = np.where(extra, s0 + (rng.random(len(spell)) * 0.5 * length).astype(np.int64), s0)
    start = np.minimum(start, params.REF)
    extra_len = np.where(
        law == PWET,
        _int(rng, 180, 540, len(spell)),
        (rng.exponential(365.0, len(spell)) + 30).astype(np.int64),
    )
    end = np.where(extra, np.minimum(e0, start + extra_len), e0)
    end = np.where((end > params.REF) | (end == OPEN), OPEN, end)
    product = np.zeros(len(spell), dtype=np.int64)
    for law_i, name in enumerate(params.LAWS):
        m = law == law_i
        weights = np.array([p[2] for p in params.PRODUCTS[name]], dtype=np.float64)
        product[m] = rng.choice(len(weights), int(m.sum()), p=weights / weights.sum())
    product = np.where((law == PWET) & extra, -1, product)
    provider = np.full(len(spell), -1, dtype=np.int64)
    for law_i, pool in providers.items():
        m = law == law_i
        zipf = 1.0 / np.arange(1, len(pool) + 1)
        provider[m] = pool[rng.choice(len(pool), int(m.sum()), p=zipf / zipf.sum())]
    return Provisions(spell=spell, law=law, product=product, start=start, end=end, provider=provider)


@dataclass
class Cases:
    person: np.ndarray  # local person index of the primary spell
    laws_mask: np.ndarray  # bit mask of LAW indices
    status: np.ndarray  # object array of status strings
    opened: np.ndarray
    closed: np.ndarray  # -1 = open
    onderzoek_started: np.ndarray
    onderzoek_completed: np.ndarray  # -1 = not yet
    law: np.ndarray  # law of the primary spell


@dataclass
class Applications:
    case: np.ndarray
    law: np.ndarray
    received: np.ndarray
    decided: np.ndarray  # -1 = undecided
    outcome: np.ndarray  # object array; None while undecided


def make_cases(rng: np.random.Generator, spells: Spells, adult: np.ndarray):
    """Cases (one per primary spell plus cases without provision) and one aanvraag per spell."""
    n_sp = len(spells.law)
    # Per spell: aanvraag received and decided before the start of the provision.
    on_time = rng.random(n_sp) < params.BESCHIKKING_ON_TIME
    decide = np.where(on_time, _int(rng, 1, 14, n_sp), _int(rng, 15, 56, n_sp))
    gap = _int(rng, 0, 14, n_sp)
    decided = spells.start - gap
    received = decided - decide
    n_cases = int(spells.case.max()) + 1 if n_sp else 0
    prim = np.flatnonzero(spells.primary)
    case_of_prim = spells.case[prim]
    # The onderzoek precedes the aanvraag of the primary spell.
    n_p = len(prim)
    od_on_time = rng.random(n_p) < params.ONDERZOEK_ON_TIME
    od = np.where(od_on_time, _int(rng, 7, 42, n_p), _int(rng, 43, 90, n_p))
    completed = received[prim] - _int(rng, 0, 7, n_p)
    melding = completed - od
    started = melding + _int(rng, 0, 5, n_p)
    person = np.zeros(n_cases, dtype=np.int64)
    law = np.zeros(n_cases, dtype=np.int8)
    opened = np.zeros(n_cases, dtype=np.int64)
    o_started = np.zeros(n_cases, dtype=np.int64)
    o_completed = np.zeros(n_cases, dtype=np.int64)
    person[case_of_prim] = spells.person[prim]
    law[case_of_prim] = spells.law[prim]
    opened[case_of_prim] = melding
    o_started[case_of_prim] = started
    o_completed[case_of_prim] = completed
    laws_mask = np.zeros(n_cases, dtype=np.int64)
    np.bitwise_or.at(laws_mask, spells.case, (1 << spells.law.astype(np.int64)))
    last_end = np.zeros(n_cases, dtype=np.int64)
    np.maximum.at(last_end, spells.case, spells.end)
    running = last_end == OPEN
    closed = np.where(running, -1, np.minimum(last_end + _int(rng, 0, 30, n_cases), params.REF))
    status = np.where(running, np.where(rng.random(n_cases) < 0.15, 3, 2), 4)
    outcome = np.where(rng.random(n_sp) < 0.05, 1, 0)
    apps = Applications(
        case=spells.case.copy(), law=spells.law.copy(), received=received, decided=decided, outcome=outcome
    )

    # Cases without a provision: rejected aanvragen and cases still in onderzoek / awaiting a beschikking.
    n_x = int(round(params.REJECTED_SHARE * n_cases))
    adults = np.flatnonzero(adult)
    x_person = adults[rng.integers(0, len(adults), n_x)] if len(adults) else np.zeros(0, np.int64)
    x_law = rng.choice(3, n_x, p=[0.6, 0.25, 0.15]).astype(np.int8)  # wmo, jeugd, participatie
    x_melding = params.W0 + (rng.random(n_x) * params.WINDOW_DAYS).astype(np.int64)
    x_started = x_melding + _int(rng, 0, 5, n_x)
    x_od = np.where(rng.random(n_x) < params.ONDERZOEK_ON_TIME, _int(rng, 7, 42, n_x), _int(rng, 43, 90, n_x))
    x_completed = x_melding + x_od
    x_received = x_completed + _int(rng, 0, 7, n_x)
    x_decided = x_received + np.where(
        rng.random(n_x) < params.BESCHIKKING_ON_TIME, _int(rng, 1, 14, n_x), _int(rng, 15, 56, n_x)
    )
    in_onderzoek = x_completed > params.REF
    awaiting = ~in_onderzoek & (x_decided > params.REF)
    decided_x = ~in_onderzoek & ~awaiting
    x_closed = np.where(decided_x, np.minimum(x_decided + _int(rng, 0, 30, n_x), params.REF), -1)
    x_status = np.where(in_onderzoek, 0, np.where(awaiting, 1, 4))
    x_case = n_cases + np.arange(n_x)
    has_app = ~in_onderzoek
    apps = Applications(
        case=np.concatenate([apps.case, x_case[has_app]]),
        law=np.concatenate([apps.law, x_law[has_app]]),
        received=np.concatenate([apps.received, x_received[has_app]]),
        decided=np.concatenate([apps.decided, np.where(awaiting, -1, x_decided)[has_app]]),
        outcome=np.concatenate([apps.outcome, np.where(awaiting, -1, 2)[has_app]]),
    )
    cases = Cases(
        person=np.concatenate([person, x_person]),
        laws_mask=np.concatenate([laws_mask, 1 << x_law.astype(np.int64)]),
        status=np.concatenate([status, x_status]),
        opened=np.concatenate([opened, x_melding]),
        closed=np.concatenate([closed, x_closed]),
        onderzoek_started=np.concatenate([o_started, x_started]),
        onderzoek_completed=np.concatenate([o_completed, np.where(in_onderzoek, -1, x_completed)]),
        law=np.concatenate([law, x_law]),
    )
    return cases, apps


@dataclass
class AllocationRequests:
    provision: np.ndarray
    received: np.ndarray
    due: np.ndarray
    answered: np.ndarray  # -1 = not answered yet


def make_allocation_requests(rng: np.random.Generator, prov: Provisions) -> AllocationRequests:
    share = np.zeros(len(prov.law))
    share[prov.law == WMO] = params.ALLOCATION_REQUEST_SHARE["wmo"]
    share[prov.law == JEUGD] = params.ALLOCATION_REQUEST_SHARE["jeugd"]
    idx = np.flatnonzero((rng.random(len(prov.law)) < share) & (prov.provider >= 0))
    n = len(idx)
    received = prov.start[idx] - _int(rng, 1, 20, n)
    epoch = np.datetime64("1970-01-01", "D")
    rec_d = epoch + received * DAY
    due = add_working_days(rec_d, 5)
    k = np.where(rng.random(n) < params.TOEWIJZING_ON_TIME, _int(rng, 1, 5, n), _int(rng, 6, 15, n))
    answered = add_working_days(rec_d, k)
    answered = np.where(answered > params.REF, -1, answered)
    return AllocationRequests(provision=idx, received=received, due=due, answered=answered)


@dataclass
class Measurements:
    measurement: np.ndarray  # local measurement number
    case: np.ndarray
    person: np.ndarray
    ladder: np.ndarray  # bool: Participatieladder (else ZRM 2017)
    domain: np.ndarray  # object array
    moment: np.ndarray  # object array
    measured: np.ndarray
    score: np.ndarray


def make_measurements(rng: np.random.Generator, cases: Cases, n_with_provision: int) -> Measurements:
    """ZRM 2017 (Participatieladder for P-wet cases) at intake and at the end or after about six months."""
    idx = np.flatnonzero(rng.random(n_with_provision) < params.MEASURED_SHARE)
    intake_day = cases.onderzoek_completed[idx]
    closed = cases.closed[idx]
    later_day = np.where(closed >= 0, closed, intake_day + _int(rng, 150, 250, len(idx)))
    has_later = (later_day <= params.REF) & (later_day > intake_day)
    later_moment = np.where(closed >= 0, 2, 1)
    law = cases.law[idx]
    ladder = law == PWET
    # Domains: the law's ZRM domains (2..all of them), or the single ladder domain.
    parts_domain, parts_meas = [], []
    for law_i, name in enumerate(params.LAWS):
        m = np.flatnonzero((law == law_i) & ~ladder)
        if not len(m):
            continue
        doms = np.array([_DOMAIN[d] for d in params.DOMAINS_BY_LAW[name]])
        k = rng.integers(2, len(doms) + 1, len(m))
        rep = np.repeat(m, k)
        within = np.arange(len(rep)) - np.repeat(np.cumsum(k) - k, k)
        shift = np.repeat(rng.integers(0, len(doms), len(m)), k)
        parts_domain.append(doms[(within + shift) % len(doms)])
        parts_meas.append(rep)
    lm = np.flatnonzero(ladder)
    parts_domain.append(np.full(len(lm), _DOMAIN["participatie"]))
    parts_meas.append(lm)
    row_m = np.concatenate(parts_meas) if parts_meas else np.zeros(0, np.int64)
    row_domain = np.concatenate(parts_domain)
    n_rows = len(row_m)
    top = np.where(ladder[row_m], 6, 5)
    intake_score = np.minimum(rng.choice([1, 2, 3, 4], n_rows, p=[0.1, 0.35, 0.4, 0.15]), top)
    change = rng.choice([-1, 0, 1, 2], n_rows, p=[0.12, 0.40, 0.35, 0.13])
    later_score = np.clip(intake_score + change, 1, top)
    # Intake rows for all, later rows where the later moment lies before the reference date.
    later_rows = np.flatnonzero(has_later[row_m])
    n_meas = len(idx)
    return Measurements(
        measurement=np.concatenate([row_m, n_meas + row_m[later_rows]]),
        case=np.concatenate([idx[row_m], idx[row_m[later_rows]]]),
        person=np.concatenate([cases.person[idx[row_m]], cases.person[idx[row_m[later_rows]]]]),
        ladder=np.concatenate([ladder[row_m], ladder[row_m[later_rows]]]),
        domain=np.concatenate([row_domain, row_domain[later_rows]]),
        moment=np.concatenate([np.zeros(n_rows, dtype=np.int64), later_moment[row_m[later_rows]]]),
        measured=np.concatenate([intake_day[row_m], later_day[row_m[later_rows]]]),
        score=np.concatenate([intake_score, later_score[later_rows]]).astype(np.int16),
    )


@dataclass
class Goals:
    case: np.ndarray
    person: np.ndarray
    domain: np.ndarray
    status: np.ndarray
    assessed: np.ndarray  # -1 = not assessed


def make_goals(rng: np.random.Generator, cases: Cases, n_with_provision: int) -> Goals:
    k = rng.integers(1, 4, n_with_provision)
    case = np.repeat(np.arange(n_with_provision), k)
    law = cases.law[case]
    domain = np.zeros(len(case), dtype=np.int64)
    for law_i, name in enumerate(params.LAWS):
        m = law == law_i
        doms = np.array([_DOMAIN[d] for d in params.DOMAINS_BY_LAW[name]])
        domain[m] = doms[rng.integers(0, len(doms), int(m.sum()))]
    closed = cases.closed[case]
    done = closed >= 0
    u = rng.random(len(case))
    status = np.where(done, np.where(u < 0.5, 1, np.where(u < 0.77, 2, 3)), np.where(u < 0.85, 0, 2))
    interim = np.minimum(cases.onderzoek_completed[case] + _int(rng, 90, 300, len(case)), params.REF)
    assessed = np.where(done, closed, np.where(status == 2, interim, -1))
    return Goals(case=case, person=cases.person[case], domain=domain, status=status, assessed=assessed)


@dataclass
class Costs:
    provision: np.ndarray
    year: np.ndarray
    period_start: np.ndarray
    period_end: np.ndarray
    amount: np.ndarray  # eurocent


YEAR_BOUNDS = [
    ((date(y, 1, 1) - params.EPOCH).days, (date(y, 12, 31) - params.EPOCH).days) for y in params.YEARS
]
#: Cost bands of the CPB profile: age in the cost year, in 5-year bands (0..99).
N_BANDS = 20


def make_costs(
    rng: np.random.Generator,
    prov: Provisions,
    person_age: np.ndarray,
    hh_kind: np.ndarray,
    population_ages: np.ndarray,
    cost_factor: float,
    cpb: dict[str, np.ndarray],
) -> Costs:
    """Cost rows per provision and calendar year.

    Wmo and Jeugd: per year and 5-year age band, the municipality's cost is the CPB euro per inhabitant of
    each age summed over its inhabitants (times the municipality's cost factor); it is spread over the
    provision-days of that band weighted by product (HbH cheaper per day than begeleiding or verblijf).
    Bijstand: the monthly norm by household kind; re-integration and schuldhulp a fixed amount per trajectory.
    """
    parts = {k: [] for k in ("provision", "year", "ps", "pe", "amount")}
    end = np.where(prov.end == OPEN, params.REF, prov.end)
    full_len = np.maximum(end - prov.start + 1, 1)
    for yi, (y0, y1) in enumerate(YEAR_BOUNDS):
        ps = np.maximum(prov.start, y0)
        pe = np.minimum(end, y1)
        idx = np.flatnonzero(pe >= ps)
        days = (pe[idx] - ps[idx] + 1).astype(np.float64)
        law = prov.law[idx]
        amount = np.zeros(len(idx), dtype=np.float64)
        shift = params.YEARS[-1] - params.YEARS[yi]
        for law_i, name in ((WMO, "wmo"), (JEUGD, "jeugd")):
            m = np.flatnonzero(law == law_i)
            if not len(m):
                continue
            pop_age = np.clip(population_ages.astype(np.int64) - shift, 0, 99)
            target = (
                np.bincount(pop_age // 5, weights=cpb[name][pop_age], minlength=N_BANDS) * 100 * cost_factor
            )
            age = np.clip(person_age[idx[m]].astype(np.int64) - shift, 0, 99)
            band = age // 5
            pw = np.array([p[3] for p in params.PRODUCTS[name]])[prov.product[idx[m]]]
            weight = days[m] * pw
            per_band = np.bincount(band, weights=weight, minlength=N_BANDS)
            rate = np.divide(target, per_band, out=np.zeros(N_BANDS), where=per_band > 0)
            amount[m] = weight * rate[band]
        m = np.flatnonzero((law == PWET) & (prov.product[idx] >= 0))
        month = np.array([params.BIJSTAND_MONTH[k] for k in params.HOUSEHOLD_KINDS])[hh_kind[idx[m]]]
        amount[m] = days[m] / 30.44 * month
        m = np.flatnonzero(((law == PWET) & (prov.product[idx] < 0)) | (law == SCHULD))
        total = np.where(law[m] == SCHULD, params.SCHULDHULP_EUROCENT, params.REINTEGRATION_EUROCENT)
        amount[m] = total * days[m] / full_len[idx[m]]
        parts["provision"].append(idx)
        parts["year"].append(np.full(len(idx), yi))
        parts["ps"].append(ps[idx])
        parts["pe"].append(pe[idx])
        parts["amount"].append(np.round(amount).astype(np.int64))
    return Costs(
        provision=np.concatenate(parts["provision"]),
        year=np.concatenate(parts["year"]),
        period_start=np.concatenate(parts["ps"]),
        period_end=np.concatenate(parts["pe"]),
        amount=np.concatenate(parts["amount"]),
    )
