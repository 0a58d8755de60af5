"""Synthetic inhabitants: households (single, couple, family, single parent), ages, names, addresses.

All in memory and deterministic for a given ``random.Random``. Shares are rounded CBS figures
(Bevolking en huishoudens 2024, 85524NED / 37975): about 39 % single-person households, 28 % couples,
25 % couples with children and 8 % single parents; mean household size ≈ 2.1.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import vocab
from .frame import Frame

HOUSEHOLD_KINDS = (("alleenstaand", 39), ("paar", 32), ("gezin", 22), ("eenouder", 7))

#: Age bands (lo, hi inclusive, weight) of the first adult, per household kind.
HEAD_AGES = {
    "alleenstaand": (
        (18, 24, 9),
        (25, 34, 16),
        (35, 44, 9),
        (45, 54, 11),
        (55, 64, 15),
        (65, 74, 16),
        (75, 84, 16),
        (85, 99, 8),
    ),
    "paar": ((20, 29, 9), (30, 44, 8), (45, 54, 10), (55, 64, 24), (65, 74, 28), (75, 84, 17), (85, 95, 4)),
    "gezin": ((25, 34, 17), (35, 44, 40), (45, 54, 36), (55, 60, 7)),
    "eenouder": ((22, 34, 14), (35, 44, 38), (45, 54, 40), (55, 62, 8)),
}
CHILDREN = {"gezin": ((1, 40), (2, 42), (3, 14), (4, 4)), "eenouder": ((1, 52), (2, 35), (3, 13))}
PARTIAL_BIRTH_SHARE = 0.01  # persons whose day (and sometimes month) of birth is unknown (BRP "00")


class SPerson:
    __slots__ = (
        "idx",
        "hh",
        "relation",
        "is_contact",
        "gender",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "partner_voorvoegsel",
        "partner_geslachtsnaam",
        "naamgebruik",
        "birth",
        "birth_year",
        "birth_month",
        "birth_day",
        "age",
        "bsn",
    )

    def __init__(self, idx: int, hh: SHousehold, relation: str, age: int, gender: str):
        self.idx, self.hh, self.relation, self.age, self.gender = idx, hh, relation, age, gender
        self.is_contact = False
        self.partner_voorvoegsel = self.partner_geslachtsnaam = ""
        self.naamgebruik = "E"
        self.bsn = ""


class SHousehold:
    __slots__ = (
        "idx",
        "kind",
        "wijk_code",
        "buurt_code",
        "name",
        "members",
        "straat",
        "huisnummer",
        "huisletter",
        "postcode",
    )

    def __init__(self, idx: int, kind: str, wijk_code: str):
        self.idx, self.kind, self.wijk_code = idx, kind, wijk_code
        self.members: list[SPerson] = []
        self.huisletter = ""

    def adults(self) -> list[SPerson]:
        return [p for p in self.members if p.relation != "kind"]


def _weighted(rng: random.Random, options):
    return rng.choices([o[0] for o in options], weights=[o[-1] for o in options])[0]


def _band_age(rng: random.Random, bands) -> int:
    lo, hi, _w = rng.choices(bands, weights=[b[2] for b in bands])[0]
    return rng.randint(lo, hi)


class _Addresses:
    """Streets, house numbers, PC6 postcodes and buurt codes per wijk (postcodes pass stdnum.nl.postcode)."""

    LETTERS = [
        a + b
        for a in "ABCDEFGHJKLMNPRSTVWXZ"
        for b in "ABCDEFGHJKLMNPRSTVWXZ"
        if a + b not in {"SA", "SD", "SS"}
    ]

    def __init__(self, rng: random.Random, gemeente_code: str):
        names = [
            f"{p}{s}{x}".strip()
            for p in ("", "Nieuwe ", "Oude ", "Korte ", "Lange ")
            for s in vocab.STREET_STEMS
            for x in vocab.STREET_SUFFIXES
        ]
        rng.shuffle(names)
        self.names = names
        self.rng = rng
        self.pc4 = 1000 + (int(gemeente_code) * 53) % 7000
        self.street_no = 0

    def for_wijk(self, wijk_code: str, households: int):
        """Yield (straat, huisnummer, postcode, buurt_code) for ``households`` addresses in one wijk."""
        rng, self.pc4 = self.rng, self.pc4 + 1
        letter_i, buurt, buurt_households = 0, 1, 0
        per_buurt = max(150, households // 12 + 1)
        made = 0
        while made < households:
            street = self.names[self.street_no % len(self.names)]
            self.street_no += 1
            length = min(households - made, rng.randint(40, 160))
            number = 1
            for start in range(0, length, 20):  # one PC6 per 20 addresses (10 per side of the street)
                if letter_i == len(self.LETTERS):
                    self.pc4, letter_i = self.pc4 + 1, 0
                postcode = f"{self.pc4}{self.LETTERS[letter_i]}"
                letter_i += 1
                for _ in range(min(20, length - start)):
                    yield street, number, postcode, f"BU{wijk_code[2:]}{min(buurt, 99):02d}"
                    number += rng.choice((1, 2, 2, 2))
            made += length
            buurt_households += length
            if buurt_households >= per_buurt:
                buurt, buurt_households = buurt + 1, 0


def _birth(rng: random.Random, age: int, today: date) -> date:
    latest = today.replace(year=today.year - age, day=min(today.day, 28))
    return latest - timedelta(days=rng.randint(0, 364))


def _age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _name(rng: random.Random, gender: str) -> str:
    pool = vocab.MALE_NAMES if gender == "M" else vocab.FEMALE_NAMES
    return " ".join(rng.sample(pool, rng.choice((1, 1, 2, 2, 3))))


def generate_population(
    rng: random.Random, frame: Frame, today: date
) -> tuple[list[SHousehold], list[SPerson]]:
    """Households per wijk until each wijk holds its (scaled) number of inhabitants."""
    households: list[SHousehold] = []
    persons: list[SPerson] = []
    addresses = _Addresses(rng, frame.gemeente.code)
    for wijk in frame.wijken:
        wijk_households: list[SHousehold] = []
        remaining = wijk.inhabitants
        while remaining > 0:
            hh = SHousehold(
                len(households) + len(wijk_households), _weighted(rng, HOUSEHOLD_KINDS), wijk.code
            )
            _fill(rng, hh, persons, remaining)
            remaining -= len(hh.members)
            wijk_households.append(hh)
        for hh, (straat, nr, pc, buurt) in zip(
            wijk_households, addresses.for_wijk(wijk.code, len(wijk_households)), strict=True
        ):
            hh.straat, hh.huisnummer, hh.postcode, hh.buurt_code = straat, nr, pc, buurt
            if rng.random() < 0.04:
                hh.huisletter = rng.choice("ABC")
        households.extend(wijk_households)
    for person in persons:
        birth = _birth(rng, person.age, today)
        person.birth = birth
        person.age = _age_on(birth, today)
        person.birth_year, person.birth_month, person.birth_day = birth.year, birth.month, birth.day
        if rng.random() < PARTIAL_BIRTH_SHARE:
            person.birth = None
            person.birth_day = None
            if rng.random() < 0.5:
                person.birth_month = None
    return households, persons


def _fill(rng: random.Random, hh: SHousehold, persons: list[SPerson], room: int) -> None:
    def add(relation: str, age: int, gender: str) -> SPerson:
        person = SPerson(len(persons), hh, relation, age, gender)
        persons.append(person)
        hh.members.append(person)
        return person

    kind = hh.kind
    if kind in ("paar", "gezin") and room < 2 + (kind == "gezin"):
        kind = hh.kind = "alleenstaand"
    if kind == "eenouder" and room < 2:
        kind = hh.kind = "alleenstaand"
    head_gender = rng.choice("MV") if kind != "eenouder" else ("V" if rng.random() < 0.82 else "M")
    head_age = _band_age(rng, HEAD_AGES[kind])
    voorvoegsel, surname = rng.choice(vocab.SURNAMES)
    head = add(
        "ouder" if kind in ("gezin", "eenouder") else ("partner" if kind != "alleenstaand" else "overig"),
        head_age,
        head_gender,
    )
    head.voornamen, head.voorvoegsel, head.geslachtsnaam, head.is_contact = (
        _name(rng, head_gender),
        voorvoegsel,
        surname,
        True,
    )
    if kind in ("paar", "gezin"):
        gender = ("V" if head_gender == "M" else "M") if rng.random() < 0.97 else head_gender
        partner = add(
            "partner" if kind == "paar" else "ouder", max(18, head_age + rng.randint(-5, 4)), gender
        )
        p_voorvoegsel, p_surname = rng.choice(vocab.SURNAMES)
        partner.voornamen, partner.voorvoegsel, partner.geslachtsnaam = (
            _name(rng, gender),
            p_voorvoegsel,
            p_surname,
        )
        partner.partner_voorvoegsel, partner.partner_geslachtsnaam = voorvoegsel, surname
        head.partner_voorvoegsel, head.partner_geslachtsnaam = p_voorvoegsel, p_surname
        if gender == "V" and rng.random() < 0.4:
            partner.naamgebruik = rng.choice("PVN")
    if kind in ("gezin", "eenouder"):
        count = min(_weighted(rng, CHILDREN[kind]), room - len(hh.members))
        youngest_parent = min(p.age for p in hh.members)
        oldest_child = max(0, min(22, youngest_parent - 19))
        youngest_child = min(oldest_child, max(0, youngest_parent - 44))
        for _ in range(max(1, count)):
            gender = rng.choice("MV")
            child = add("kind", rng.randint(youngest_child, oldest_child), gender)
            child.voornamen, child.voorvoegsel, child.geslachtsnaam = _name(rng, gender), voorvoegsel, surname
    hh.name = f"Huishouden {' '.join(p for p in (voorvoegsel.capitalize(), surname) if p)}"


def assign_bsns(rng: random.Random, persons: list[SPerson], taken: set[str]) -> None:
    """Unique synthetic BSNs that pass the 11-proef (RvIG Logisch Ontwerp BSN 1.6), avoiding ``taken``."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    seen = set(taken)
    for person in persons:
        while True:
            number = rng.randint(10_000_000, 99_999_999)
            digits = f"{number:08d}"
            check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
            if check > 9:
                continue
            bsn = digits + str(check)
            if bsn not in seen:
                seen.add(bsn)
                person.bsn = bsn
                break
