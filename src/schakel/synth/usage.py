"""Who uses which social-domain provision in the past year, at the rates of outcomes-and-monitoring.md §3.6.

* Wmo maatwerk: ≈ 72 clients per 1,000 inhabitants, rising steeply with age (CBS 86050NED, 2024).
* Jeugdhulp: ≈ 11 % of under-23s, peaking at 8–17 and dropping at 18 (CBS/NJi 2023–2024).
* Bijstand (Participatiewet): ≈ 23 per 1,000 aged 18–66, one applicant per household, concentrated in
  single-person and single-parent households (CBS 85585NED).
* Stapeling: 8–9 % of users and 12–15 % of using households in ≥ 2 laws, mostly Participatiewet + Wmo;
  Jeugd + Participatiewet mainly within one household (CBS 85994NED Utrecht 2024, 85375NED Zutphen 2022).

The counts are drawn exactly (weighted sampling without replacement, Efraimidis–Spirakis), so the rates
hold for every seed; the overlaps are set by explicit quotas.
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict

from .population import SPerson

WMO_PER_1000 = 72
JEUGD_SHARE_UNDER_23 = 0.11
BIJSTAND_PER_1000_18_66 = 23
SCHULDHULP_PER_1000 = 3

#: Quotas for the overlaps (fractions of the number of bijstand clients or jeugd clients).
BIJSTAND_ALSO_WMO = 0.58  # persons with Participatiewet + Wmo
JEUGD_ALSO_WMO = 0.04  # young people with jeugdhulp and Wmo
BIJSTAND_HOUSEHOLD_WITH_JEUGD = 0.35  # bijstand households where a child has jeugdhulp (J + P per household)
BIJSTAND_YOUNG_ALSO_JEUGD = 0.25  # bijstand clients aged 18–22 with verlengde jeugdhulp (J + P per person)


def wmo_weight(age: int) -> float:
    if age < 18:
        return 0.0
    for upper, weight in (
        (29, 0.25),
        (44, 0.35),
        (54, 0.6),
        (64, 0.9),
        (74, 1.7),
        (79, 3.4),
        (84, 5.5),
        (89, 8.0),
    ):
        if age <= upper:
            return weight
    return 10.0


def jeugd_weight(age: int) -> float:
    if age < 4:
        return 0.35
    if age < 8:
        return 0.8
    if age < 18:
        return 1.6
    return 0.15 if age < 23 else 0.0


def bijstand_weight(person: SPerson) -> float:
    if not 18 <= person.age <= 66:
        return 0.0
    kind = {"alleenstaand": 2.2, "eenouder": 5.0, "paar": 0.45, "gezin": 0.6}.get(person.hh.kind, 1.0)
    age = 0.6 if person.age < 27 else (1.0 if person.age < 45 else 1.2)
    return kind * age * (1.0 if person.relation != "kind" else 0.3)


def _sample(rng: random.Random, items, weight, k: int) -> list:
    """``k`` items without replacement, with probability proportional to ``weight`` (Efraimidis–Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), i) for i, item in enumerate(items) if (w := weight(item)) > 0]
    return [items[i] for _key, i in heapq.nlargest(k, keyed)]


def assign_use(rng: random.Random, persons: list[SPerson]) -> dict[int, set[str]]:
    """Map person index → set of laws (``wmo``, ``jeugd``, ``participatie``, ``schuldhulp``) used this year."""
    use: dict[int, set[str]] = defaultdict(set)
    n_under23 = sum(1 for p in persons if p.age < 23)
    n_18_66 = sum(1 for p in persons if 18 <= p.age <= 66)
    k_wmo = round(WMO_PER_1000 * len(persons) / 1000)
    k_jeugd = round(JEUGD_SHARE_UNDER_23 * n_under23)
    k_bijstand = round(BIJSTAND_PER_1000_18_66 * n_18_66 / 1000)

    # Bijstand: one applicant per household.
    bijstand: list[SPerson] = []
    households: set[int] = set()
    for person in _sample(rng, persons, bijstand_weight, k_bijstand * 3):
        if person.hh.idx not in households and len(bijstand) < k_bijstand:
            households.add(person.hh.idx)
            bijstand.append(person)
    for person in bijstand:
        use[person.idx].add("participatie")

    # P + W per person; J + P per person (young adults) and per household (a child in a bijstand household).
    for person in _sample(
        rng, bijstand, lambda p: wmo_weight(p.age), round(BIJSTAND_ALSO_WMO * len(bijstand))
    ):
        use[person.idx].add("wmo")
    young = [p for p in bijstand if p.age <= 22]
    for person in _sample(rng, young, lambda p: 1.0, round(BIJSTAND_YOUNG_ALSO_JEUGD * len(young))):
        use[person.idx].add("jeugd")
    with_children = [p for p in bijstand if any(m.relation == "kind" and m.age < 23 for m in p.hh.members)]
    for parent in _sample(
        rng, with_children, lambda p: 1.0, round(BIJSTAND_HOUSEHOLD_WITH_JEUGD * len(bijstand))
    ):
        children = [m for m in parent.hh.members if m.relation == "kind" and m.age < 23]
        for child in _sample(rng, children, lambda p: jeugd_weight(p.age) + 0.01, 1 + (rng.random() < 0.2)):
            use[child.idx].add("jeugd")

    # The rest of jeugdhulp, outside bijstand households; a few of them also have Wmo.
    have_jeugd = sum(1 for laws in use.values() if "jeugd" in laws)
    rest = [p for p in persons if p.age < 23 and p.hh.idx not in households and p.idx not in use]
    jeugd = _sample(rng, rest, lambda p: jeugd_weight(p.age), max(0, k_jeugd - have_jeugd))
    for person in jeugd:
        use[person.idx].add("jeugd")
    adults_jeugd = [p for p in jeugd if p.age >= 16]
    for person in _sample(rng, adults_jeugd, lambda p: 1.0, round(JEUGD_ALSO_WMO * k_jeugd)):
        use[person.idx].add("wmo")

    # The rest of Wmo, outside bijstand households and jeugd clients.
    have_wmo = sum(1 for laws in use.values() if "wmo" in laws)
    rest = [p for p in persons if p.hh.idx not in households and p.idx not in use]
    for person in _sample(rng, rest, lambda p: wmo_weight(p.age), max(0, k_wmo - have_wmo)):
        use[person.idx].add("wmo")

    # Schuldhulp: mostly in bijstand households (Wgs), counted apart from the three-law statistics.
    applicants = {p.idx for p in bijstand}
    adults = [p for p in persons if p.age >= 18]
    for person in _sample(
        rng,
        adults,
        lambda p: 6.0 if p.idx in applicants else 0.2,
        round(SCHULDHULP_PER_1000 * len(persons) / 1000),
    ):
        use[person.idx].add("schuldhulp")
    return dict(use)


THREE_LAWS = frozenset({"wmo", "jeugd", "participatie"})


def overlap_stats(persons: list[SPerson], use: dict[int, set[str]]) -> dict[str, float]:
    """Shares of users and of using households in ≥ 2 of the three laws (CBS stapeling definition)."""
    by_household: dict[int, set[str]] = defaultdict(set)
    users = multi = 0
    for idx, laws in use.items():
        three = laws & THREE_LAWS
        if not three:
            continue
        users += 1
        multi += len(three) >= 2
        by_household[persons[idx].hh.idx] |= three
    multi_hh = sum(1 for laws in by_household.values() if len(laws) >= 2)
    return {
        "users": users,
        "households": len(by_household),
        "users_multi_share": multi / users if users else 0.0,
        "households_multi_share": multi_hh / len(by_household) if by_household else 0.0,
    }
