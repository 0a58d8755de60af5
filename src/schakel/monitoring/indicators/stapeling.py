"""Stapeling: persons and households by combination of Jeugdwet, Participatiewet and Wmo 2015.

The seven categories of the CBS table "Gebruik voorzieningen sociaal domein; aantal voorzieningen, wijken"
(85994NED and predecessors): Alleen Jeugd, Alleen P-wet, Alleen Wmo, Jeugd en P-wet, Jeugd en Wmo,
P-wet en Wmo, Jeugd, P-wet en Wmo. Persons and households are separate units (reference §5.4 point 6); a
household uses a law when one of its members does.
"""

from __future__ import annotations

import ibis

from ..extract.schema import STAPELING_LAWS
from .base import Params, Tables, clients, indicator

#: Combination code → CBS label, in the CBS column order.
COMBINATIONS: dict[str, str] = {
    "J": "Alleen Jeugd",
    "P": "Alleen P-wet",
    "W": "Alleen Wmo",
    "JP": "Jeugd en P-wet",
    "JW": "Jeugd en Wmo",
    "PW": "P-wet en Wmo",
    "JPW": "Jeugd, P-wet en Wmo",
}


def _combination(unit: ibis.Table, key: str, by: tuple[str, ...]) -> ibis.Table:
    flags = unit.group_by([key, *by]).aggregate(
        j=(unit.law == "jeugd").any(),
        p=(unit.law == "participatie").any(),
        w=(unit.law == "wmo").any(),
    )
    code = (
        ibis.ifelse(flags.j, "J", "") + ibis.ifelse(flags.p, "P", "") + ibis.ifelse(flags.w, "W", "")
    ).name("combination")
    counted = flags.mutate(combination=code).group_by(["combination", *by]).aggregate(n=flags[key].count())
    labels = ibis.memtable(
        {"combination": list(COMBINATIONS), "label": list(COMBINATIONS.values()), "order": list(range(7))}
    )
    out = counted.join(labels, "combination")
    return out.order_by([*by, "order"]).select(*by, "combination", "label", "n")


def _units(t: Tables, p: Params) -> ibis.Table:
    c = clients(t, p, laws=STAPELING_LAWS)
    return c.mutate(household_key=c.household_key.fill_null("p:" + c.person_key))


@indicator(
    theme="stapeling",
    title="Personen naar combinatie van wetten (stapeling)",
    keys=("combination",),
    counts=("persons",),
    description="Personen met een voorziening in de periode, naar de combinatie van Jeugdwet, Participatiewet "
    "en Wmo (de zeven CBS-categorieën).",
)
def stapeling_persons(t: Tables, p: Params) -> ibis.Table:
    return _combination(_units(t, p), "person_key", ()).rename(persons="n")


@indicator(
    theme="stapeling",
    title="Huishoudens naar combinatie van wetten (stapeling)",
    keys=("combination",),
    counts=("households",),
    description="Huishoudens waarvan een lid een voorziening heeft in de periode, naar de combinatie van "
    "Jeugdwet, Participatiewet en Wmo (de zeven CBS-categorieën).",
)
def stapeling_households(t: Tables, p: Params) -> ibis.Table:
    return _combination(_units(t, p), "household_key", ()).rename(households="n")


@indicator(
    theme="stapeling",
    title="Personen naar combinatie van wetten, per wijk",
    keys=("wijk_code", "combination"),
    counts=("persons",),
    description="Als stapeling_persons, per wijk (CBS-tabel 'Gebruik voorzieningen sociaal domein; wijken').",
)
def stapeling_persons_by_wijk(t: Tables, p: Params) -> ibis.Table:
    return _combination(_units(t, p), "person_key", ("wijk_code",)).rename(persons="n")


@indicator(
    theme="stapeling",
    title="Huishoudens naar combinatie van wetten, per wijk",
    keys=("wijk_code", "combination"),
    counts=("households",),
    description="Als stapeling_households, per wijk (de wijk van het lid met de voorziening).",
)
def stapeling_households_by_wijk(t: Tables, p: Params) -> ibis.Table:
    return _combination(_units(t, p), "household_key", ("wijk_code",)).rename(households="n")


@indicator(
    theme="stapeling",
    title="Cliënten naar aantal voorzieningen",
    keys=("provisions",),
    counts=("persons",),
    description="Personen naar het aantal verschillende voorzieningen (alle wetten) in de periode: 1 t/m 5 en "
    "6 of meer (CBS 83264NED).",
)
def number_of_provisions(t: Tables, p: Params) -> ibis.Table:
    c = clients(t, p)
    per = c.group_by("person_key").aggregate(n=c.provision_id.nunique())
    bucket = ibis.ifelse(per.n >= 6, "6+", per.n.cast("string"))
    return (
        per.mutate(provisions=bucket)
        .group_by("provisions")
        .aggregate(persons=per.person_key.count())
        .order_by("provisions")
    )
