"""Households and persons of one municipality, vectorised (numpy): every wijk gets exactly its CBS count.

Households are drawn with the CBS 2024 kind mix (single, couple, couple with children, single parent),
filled sequentially into the wijken; the few persons left over at the end of a wijk (fewer than one
household) become single-person households so that every wijk and gemeente total is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import params

KIND_SINGLE, KIND_COUPLE, KIND_FAMILY, KIND_SINGLE_PARENT = range(4)
REL_HEAD, REL_PARTNER, REL_CHILD = range(3)


@dataclass
class Population:
    # households
    hh_kind: np.ndarray  # int8 index into params.HOUSEHOLD_KINDS
    hh_wijk: np.ndarray  # int32 index into gemeente.wijk_codes
    hh_buurt: np.ndarray  # int16 buurt number within the wijk
    hh_size: np.ndarray  # int16
    # persons (grouped by household, in household order)
    age: np.ndarray  # int16, age at the reference date
    hh: np.ndarray  # int64 household index
    relation: np.ndarray  # int8 REL_*

    @property
    def n(self) -> int:
        return len(self.age)


def _band_ages(rng: np.random.Generator, bands, n: int) -> np.ndarray:
    lo = np.array([b[0] for b in bands])
    hi = np.array([b[1] for b in bands])
    w = np.array([b[2] for b in bands], dtype=np.float64)
    band = rng.choice(len(bands), size=n, p=w / w.sum())
    return lo[band] + (rng.random(n) * (hi[band] - lo[band] + 1)).astype(np.int64)


def _children(rng: np.random.Generator, kinds: np.ndarray) -> np.ndarray:
    out = np.zeros(len(kinds), dtype=np.int64)
    for kind, name in ((KIND_FAMILY, "gezin"), (KIND_SINGLE_PARENT, "eenouder")):
        mask = kinds == kind
        values = np.array([v for v, _w in params.CHILDREN[name]])
        weights = np.array([w for _v, w in params.CHILDREN[name]], dtype=np.float64)
        out[mask] = rng.choice(values, size=int(mask.sum()), p=weights / weights.sum())
    return out


def generate_population(rng: np.random.Generator, wijk_targets: np.ndarray) -> Population:
    """Households and persons for wijken with ``wijk_targets`` inhabitants each (exact)."""
    total = int(wijk_targets.sum())
    p_kind = params.HOUSEHOLD_WEIGHTS / params.HOUSEHOLD_WEIGHTS.sum()
    draw = int(total / 2.0) + 64
    kinds = rng.choice(4, size=draw, p=p_kind).astype(np.int8)
    children = _children(rng, kinds)
    sizes = np.where(kinds == KIND_SINGLE, 1, np.where(kinds == KIND_SINGLE_PARENT, 1, 2)) + children
    cs = np.cumsum(sizes)
    # Sequential fill: wijk j takes the households whose cumulative size stays within its target;
    # the remainder (< one household) becomes single-person households.
    starts, ends, rems = [], [], []
    pos, base = 0, 0
    for target in wijk_targets.tolist():
        end = int(np.searchsorted(cs, base + target, side="right"))
        if end >= len(cs):  # pragma: no cover - the draw is ~10 % larger than needed
            raise RuntimeError("household draw too small")
        taken = int(cs[end - 1]) if end > 0 else 0
        used = taken - base if end > pos else 0
        starts.append(pos)
        ends.append(max(end, pos))
        rems.append(target - used)
        pos = max(end, pos)
        base = int(cs[pos - 1]) if pos > 0 else 0
    starts_a, ends_a, rems_a = np.array(starts), np.array(ends), np.array(rems)
    n_wijk = len(wijk_targets)
    counts = ends_a - starts_a
    sel = (
        np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        if counts.sum()
        else np.zeros(0, np.int64)
    )
    hh_kind = np.concatenate([kinds[sel], np.full(int(rems_a.sum()), KIND_SINGLE, np.int8)])
    n_children = np.concatenate([children[sel], np.zeros(int(rems_a.sum()), np.int64)])
    hh_wijk = np.concatenate([np.repeat(np.arange(n_wijk), counts), np.repeat(np.arange(n_wijk), rems_a)])
    order = np.argsort(hh_wijk, kind="stable")
    hh_kind, n_children, hh_wijk = hh_kind[order], n_children[order], hh_wijk[order].astype(np.int32)
    n_hh = len(hh_kind)
    couple = (hh_kind == KIND_COUPLE) | (hh_kind == KIND_FAMILY)
    hh_size = (1 + couple + n_children).astype(np.int16)

    # Buurten: about one per 1,200 inhabitants of the wijk (synthetic numbers within the real wijk).
    n_buurt = np.clip(np.round(wijk_targets / 1200), 1, 30).astype(np.int64)
    hh_buurt = (rng.random(n_hh) * n_buurt[hh_wijk]).astype(np.int16)

    # Ages: the head by household kind, the partner close to the head, children 22–40 years younger.
    head_age = np.zeros(n_hh, dtype=np.int64)
    for kind, name in enumerate(params.HOUSEHOLD_KINDS):
        mask = hh_kind == kind
        head_age[mask] = _band_ages(rng, params.HEAD_AGES[name], int(mask.sum()))
    partner_age = np.clip(head_age + np.round(rng.normal(-1.5, 4.0, n_hh)).astype(np.int64), 18, 99)

    n_persons = int(hh_size.sum())
    hh = np.repeat(np.arange(n_hh, dtype=np.int64), hh_size)
    first = np.cumsum(hh_size) - hh_size
    pos = np.arange(n_persons) - np.repeat(first, hh_size)
    relation = np.where(pos == 0, REL_HEAD, np.where(couple[hh] & (pos == 1), REL_PARTNER, REL_CHILD))
    age = np.where(relation == REL_HEAD, head_age[hh], partner_age[hh])
    is_child = relation == REL_CHILD
    n_child = int(is_child.sum())
    child_age = head_age[hh[is_child]] - rng.integers(22, 41, n_child)
    young = child_age < 0
    child_age[young] = rng.integers(0, 4, int(young.sum()))
    old = child_age > 26
    child_age[old] = rng.integers(12, 27, int(old.sum()))
    age[is_child] = child_age
    if n_persons != total:  # pragma: no cover - guarded by the sequential fill
        raise RuntimeError(f"population {n_persons} != target {total}")
    return Population(
        hh_kind=hh_kind,
        hh_wijk=hh_wijk,
        hh_buurt=hh_buurt,
        hh_size=hh_size,
        age=age.astype(np.int16),
        hh=hh,
        relation=relation.astype(np.int8),
    )
