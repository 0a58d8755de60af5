"""One municipality of the national set as Arrow tables in exactly the extract schema
(:mod:`schakel.monitoring.extract.schema`).

Keys: ``person_key`` and ``household_key`` are 128-bit random values as 32 hex characters — the same form
as the extract's truncated HMAC-SHA256 pseudonyms, but there is no BSN behind them. Ids are unique over the
whole country: ``int(gemeentecode) × 10¹⁰ + local number``. Everything is drawn from one random generator
seeded with ``(seed, gemeentecode)``, so a municipality's data do not depend on how the country is chunked.
"""

from __future__ import annotations

import binascii

import numpy as np
import pyarrow as pa

from ..extract import schema as S
from . import params
from .frame import Gemeente
from .population import generate_population
from .records import (
    CASE_STATUS,
    DOMAINS,
    GOAL_STATUS,
    MOMENTS,
    OUTCOMES,
    make_allocation_requests,
    make_cases,
    make_costs,
    make_goals,
    make_measurements,
    make_provisions,
)
from .usage import JEUGD, OPEN, WMO, assign_spells

ID_STRIDE = 10**10
_LAWS = list(params.LAWS)
_LAW_SETS = [
    ",".join(sorted(law for i, law in enumerate(params.LAWS) if mask >> i & 1)) for mask in range(16)
]
_AGE_BOUNDS = np.array([4, 12, 18, 23, 45, 65, 75])
_AGE_GROUPS = list(S.AGE_GROUPS[:8])  # without "onbekend": every synthetic age is known
KEY_WIDTH = 32


def hex_keys(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` random 128-bit keys as 32 lower-case hex characters (numpy ``S32``)."""
    return np.frombuffer(binascii.hexlify(rng.bytes(16 * n)), dtype=f"S{KEY_WIDTH}")


def _keys(keys: np.ndarray, idx: np.ndarray | None = None, null: np.ndarray | None = None) -> pa.Array:
    """A string column of fixed-width keys (zero-copy from the numpy buffer)."""
    values = keys if idx is None else keys[idx]
    n = len(values)
    offsets = pa.py_buffer(np.arange(0, (n + 1) * KEY_WIDTH, KEY_WIDTH, dtype=np.int32))
    data = pa.py_buffer(np.ascontiguousarray(values))
    validity = None
    if null is not None and null.any():
        validity = pa.py_buffer(np.packbits(~null, bitorder="little"))
    return pa.StringArray.from_buffers(n, offsets, data, validity)


def _dict(values: list[str] | pa.Array, idx: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """A dictionary-encoded string column (written to Parquet as a plain UTF-8 column)."""
    idx = np.asarray(idx, dtype=np.int32)
    if null is not None:
        idx = np.where(null, 0, idx)
    indices = pa.array(idx, mask=null)
    return pa.DictionaryArray.from_arrays(
        indices, values if isinstance(values, pa.Array) else pa.array(values)
    )


def _const(value: str, n: int) -> pa.Array:
    return _dict([value], np.zeros(n, dtype=np.int32))


def _date(days: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32(), mask=null)


def _table(name: str, columns: dict) -> pa.Table:
    """The columns in schema order; string columns may be dictionary-encoded (same Parquet type)."""
    schema = S.TABLES[name]
    fields = [pa.field(f.name, columns[f.name].type, nullable=f.nullable) for f in schema]
    return pa.Table.from_arrays([columns[f.name] for f in schema], schema=pa.schema(fields))


def _products(law: np.ndarray, product: np.ndarray) -> tuple[np.ndarray, list[str], list[str]]:
    """Flat product index per provision with the category and code lists (re-integration appended)."""
    cats, codes, offset = [], [], {}
    for name in params.LAWS:
        offset[name] = len(cats)
        for cat, code, *_rest in params.PRODUCTS[name]:
            cats.append(cat)
            codes.append(code)
    reint = len(cats)
    cats.append(params.REINTEGRATION[0])
    codes.append(params.REINTEGRATION[1])
    offsets = np.array([offset[name] for name in params.LAWS])
    flat = np.where(product < 0, reint, offsets[law] + np.maximum(product, 0))
    return flat, cats, codes


def build_gemeente(
    g: Gemeente, seed: int, factors: dict[str, float], provider_pool: pa.Array, cpb: dict[str, np.ndarray]
) -> dict[str, pa.Table]:
    rng = np.random.default_rng([seed, int(g.code)])
    base = int(g.code) * ID_STRIDE
    pop = generate_population(rng, g.wijk_targets)
    n, n_hh = pop.n, len(pop.hh_kind)
    person_keys = hex_keys(rng, n)
    hh_keys = hex_keys(rng, n_hh)
    gm = g.code

    wijk_codes = list(g.wijk_codes)
    buurt_codes = [f"BU{w[2:]}{b:02d}" for w in g.wijk_codes for b in range(30)]
    p_wijk = pop.hh_wijk[pop.hh]
    persons = _table(
        "persons",
        {
            "person_key": _keys(person_keys),
            "gemeente_code": _const(gm, n),
            "wijk_code": _dict(wijk_codes, p_wijk),
            "buurt_code": _dict(buurt_codes, p_wijk.astype(np.int64) * 30 + pop.hh_buurt[pop.hh]),
            "age_group": _dict(_AGE_GROUPS, np.searchsorted(_AGE_BOUNDS, pop.age, side="right")),
            "household_key": _keys(hh_keys, pop.hh),
            "household_type": _dict(list(params.HOUSEHOLD_KINDS), pop.hh_kind[pop.hh]),
        },
    )

    # Usage, provisions and the records around them.
    spells = assign_spells(rng, pop, factors)
    pool_n = len(provider_pool)
    providers = {
        law_i: rng.choice(pool_n, params.PROVIDERS_PER_GEMEENTE[name], replace=False)
        for law_i, name in ((WMO, "wmo"), (JEUGD, "jeugd"))
    }
    prov = make_provisions(rng, spells, providers)
    cases, apps = make_cases(rng, spells, pop.age >= 18)
    n_case_prov = int(spells.case.max()) + 1 if len(spells.case) else 0
    reqs = make_allocation_requests(rng, prov)
    meas = make_measurements(rng, cases, n_case_prov)
    goals = make_goals(rng, cases, n_case_prov)
    prov_person = spells.person[prov.spell]
    costs = make_costs(
        rng, prov, pop.age[prov_person], pop.hh_kind[pop.hh[prov_person]], pop.age, factors["cost"], cpb
    )

    flat, cats, codes = _products(prov.law, prov.product)
    cats_a, codes_a = cats, codes
    n_prov = len(prov.law)
    prov_cost = np.bincount(costs.provision, weights=costs.amount, minlength=n_prov).round().astype(np.int64)
    prov_provider = _dict(provider_pool, prov.provider, prov.provider < 0)
    provisions = _table(
        "provisions",
        {
            "provision_id": pa.array(base + np.arange(n_prov, dtype=np.int64)),
            "person_key": _keys(person_keys, prov_person),
            "gemeente_code": _const(gm, n_prov),
            "case_id": pa.array(base + spells.case[prov.spell]),
            "law": _dict(_LAWS, prov.law),
            "product_category": _dict(cats_a, flat),
            "product_code": _dict(codes_a, flat),
            "start_date": _date(prov.start),
            "end_date": _date(np.where(prov.end == OPEN, 0, prov.end), prov.end == OPEN),
            "provider_key": prov_provider,
            "cost_eurocent": pa.array(prov_cost),
        },
    )

    n_cases = len(cases.person)
    case_hh = pop.hh[cases.person]
    tables = {"persons": persons, "provisions": provisions}
    tables["cases"] = _table(
        "cases",
        {
            "case_id": pa.array(base + np.arange(n_cases, dtype=np.int64)),
            "gemeente_code": _const(gm, n_cases),
            "household_key": _keys(hh_keys, case_hh),
            "person_key": _keys(person_keys, cases.person),
            "wijk_code": _dict(wijk_codes, pop.hh_wijk[case_hh]),
            "laws": _dict(_LAW_SETS, cases.laws_mask),
            "status": _dict(list(CASE_STATUS), cases.status),
            "opened_on": _date(cases.opened),
            "closed_on": _date(np.maximum(cases.closed, 0), cases.closed < 0),
            "melding_on": _date(cases.opened),
            "onderzoek_started_on": _date(cases.onderzoek_started),
            "onderzoek_completed_on": _date(
                np.maximum(cases.onderzoek_completed, 0), cases.onderzoek_completed < 0
            ),
        },
    )
    n_apps = len(apps.case)
    tables["applications"] = _table(
        "applications",
        {
            "aanvraag_id": pa.array(base + np.arange(n_apps, dtype=np.int64)),
            "case_id": pa.array(base + apps.case),
            "gemeente_code": _const(gm, n_apps),
            "law": _dict(_LAWS, apps.law),
            "received_on": _date(apps.received),
            "decided_on": _date(np.maximum(apps.decided, 0), apps.decided < 0),
            "outcome": _dict(list(OUTCOMES), apps.outcome, apps.outcome < 0),
        },
    )
    n_req = len(reqs.provision)
    tables["allocation_requests"] = _table(
        "allocation_requests",
        {
            "request_id": pa.array(base + np.arange(n_req, dtype=np.int64)),
            "gemeente_code": _const(gm, n_req),
            "provider_key": _dict(provider_pool, prov.provider[reqs.provision]),
            "law": _dict(_LAWS, prov.law[reqs.provision]),
            "received_on": _date(reqs.received),
            "answer_due": _date(reqs.due),
            "answered_on": _date(np.maximum(reqs.answered, 0), reqs.answered < 0),
        },
    )
    n_m = len(meas.measurement)
    tables["measurements"] = _table(
        "measurements",
        {
            "measurement_id": pa.array(base + meas.measurement),
            "person_key": _keys(person_keys, meas.person),
            "case_id": pa.array(base + meas.case),
            "gemeente_code": _const(gm, n_m),
            "instrument": _dict(["zrm", "participatieladder"], meas.ladder.astype(np.int64)),
            "instrument_version": _dict(["2017", "1"], meas.ladder.astype(np.int64)),
            "domain": _dict(list(DOMAINS), meas.domain),
            "moment": _dict(list(MOMENTS), meas.moment),
            "measured_on": _date(meas.measured),
            "score": pa.array(meas.score, type=pa.int16()),
            "relevant": pa.array(np.ones(n_m, dtype=bool)),
        },
    )
    n_goals = len(goals.case)
    tables["goals"] = _table(
        "goals",
        {
            "goal_id": pa.array(base + np.arange(n_goals, dtype=np.int64)),
            "case_id": pa.array(base + goals.case),
            "gemeente_code": _const(gm, n_goals),
            "household_key": _keys(hh_keys, pop.hh[goals.person]),
            "person_key": _keys(person_keys, goals.person),
            "life_domain": _dict(list(DOMAINS), goals.domain),
            "status": _dict(list(GOAL_STATUS), goals.status),
            "assessed_on": _date(np.maximum(goals.assessed, 0), goals.assessed < 0),
        },
    )
    n_costs = len(costs.provision)
    c_law = prov.law[costs.provision]
    sources = ["declaratie", "boeking"]
    tables["costs"] = _table(
        "costs",
        {
            "cost_id": pa.array(base + np.arange(n_costs, dtype=np.int64)),
            "gemeente_code": _const(gm, n_costs),
            "person_key": _keys(person_keys, prov_person[costs.provision]),
            "provision_id": pa.array(base + costs.provision),
            "provider_key": _dict(
                provider_pool, prov.provider[costs.provision], prov.provider[costs.provision] < 0
            ),
            "law": _dict(_LAWS, c_law),
            "product_category": _dict(cats_a, flat[costs.provision]),
            "period_start": _date(costs.period_start),
            "period_end": _date(costs.period_end),
            "amount_eurocent": pa.array(costs.amount),
            "source": _dict(sources, ((c_law != WMO) & (c_law != JEUGD)).astype(np.int64)),
        },
    )
    # Budgets: the realised cost per year and law, with a deviation of -8 % .. +6 % (begroting).
    key = costs.year * len(params.LAWS) + c_law
    spent = np.bincount(key, weights=costs.amount, minlength=len(params.YEARS) * len(params.LAWS))
    budget = np.round(spent * rng.uniform(0.92, 1.06, len(spent)) / 100_000) * 100_000
    years = np.repeat(np.array(params.YEARS, dtype=np.int16), len(params.LAWS))
    laws = np.tile(np.arange(len(params.LAWS)), len(params.YEARS))
    nb = len(budget)
    tables["budgets"] = _table(
        "budgets",
        {
            "gemeente_code": _const(gm, nb),
            "year": pa.array(years, type=pa.int16()),
            "law": _dict(_LAWS, laws),
            "product_category": _const("", nb),
            "amount_eurocent": pa.array(budget.astype(np.int64)),
        },
    )
    return tables
