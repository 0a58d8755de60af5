"""Stapeling: persons and households by combination of Jeugdwet, Participatiewet and Wmo 2015.

The seven categories of the CBS table "Gebruik voorzieningen sociaal domein; aantal voorzieningen, wijken"
(85994NED and predecessors): Alleen Jeugd, Alleen P-wet, Alleen Wmo, Jeugd en P-wet, Jeugd en Wmo,
P-wet en Wmo, Jeugd, P-wet en Wmo. Persons and households are separate units (reference §5.4 point 6); a
household uses a law when one of its members does.
"""

from __future__ import annotations

import ibis

from ..extract.schema import STAPELING_LAWS
from .base import Params, Tables, clients, indicator, person_laws, shared

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


#: The combination codes as bit sums (Jeugd 1, P-wet 2, Wmo 4): grouping on a small integer instead of a string.
_BITS = {"J": 1, "P": 2, "W": 4}


def _units(t: Tables, p: Params) -> ibis.Table:
    """Clients per stapeling law (one row per person and law) with wijk and household (``"p:" + person_key``
    for a person without one)."""
    c = person_laws(t, p)
    return c.filter(c.law.isin(list(STAPELING_LAWS)))


def _person_flags(t: Tables, p: Params) -> ibis.Table:
    """One row per client of a stapeling law, with wijk, household and 1/0 flags ``j``, ``p``, ``w`` for the
    laws used (shared by the four stapeling indicators)."""

    def build():
        u = _units(t, p)
        return u.group_by(["person_key", "wijk_code", "household_key"]).aggregate(
            j=(u.law == "jeugd").cast("int8").max(),
            p=(u.law == "participatie").cast("int8").max(),
            w=(u.law == "wmo").cast("int8").max(),
        )

    return shared(t, "stapeling_persons", p, build)


def _household_flags(t: Tables, p: Params, by: tuple[str, ...]) -> ibis.Table:
    """A household uses a law when one of its members does (per wijk: the members living in that wijk)."""
    f = _person_flags(t, p)
    return f.group_by(["household_key", *by]).aggregate(j=f.j.max(), p=f.p.max(), w=f.w.max())


def _combination(flags: ibis.Table, by: tuple[str, ...]) -> ibis.Table:
    """Units (one row each, with flags ``j``, ``p``, ``w``) counted per combination (and ``by``)."""
    coded = flags.mutate(bits=(flags.j * 1 + flags.p * 2 + flags.w * 4).cast("int8"))
    counted = coded.group_by(["bits", *by]).aggregate(n=coded.count())
    labels = ibis.memtable(
        {
            "bits": [sum(_BITS[letter] for letter in code) for code in COMBINATIONS],
            "combination": list(COMBINATIONS),
            "label": list(COMBINATIONS.values()),
            "order": list(range(7)),
        },
        schema={"bits": "int8", "combination": "string", "label": "string", "order": "int64"},
    )
    out = counted.join(labels, "bits")
    return out.order_by([*by, "order"]).select(*by, "combination", "label", "n")


@indicator(
    theme="stapeling",
    title="Personen naar combinatie van wetten (stapeling)",
    keys=("combination",),
    counts=("persons",),
    description="Personen met een voorziening in de periode, naar de combinatie van Jeugdwet, Participatiewet "
    "en Wmo (de zeven CBS-categorieën).",
)
def stapeling_persons(t: Tables, p: Params) -> ibis.Table:
    return _combination(_person_flags(t, p), ()).rename(persons="n")


@indicator(
    theme="stapeling",
    title="Huishoudens naar combinatie van wetten (stapeling)",
    keys=("combination",),
    counts=("households",),
    description="Huishoudens waarvan een lid een voorziening heeft in de periode, naar de combinatie van "
    "Jeugdwet, Participatiewet en Wmo (de zeven CBS-categorieën).",
)
def stapeling_households(t: Tables, p: Params) -> ibis.Table:
    return _combination(_household_flags(t, p, ()), ()).rename(households="n")


@indicator(
    theme="stapeling",
    title="Personen naar combinatie van wetten, per wijk",
    keys=("wijk_code", "combination"),
    counts=("persons",),
    description="Als stapeling_persons, per wijk (CBS-tabel 'Gebruik voorzieningen sociaal domein; wijken').",
)
def stapeling_persons_by_wijk(t: Tables, p: Params) -> ibis.Table:
    return _combination(_person_flags(t, p), ("wijk_code",)).rename(persons="n")


@indicator(
    theme="stapeling",
    title="Huishoudens naar combinatie van wetten, per wijk",
    keys=("wijk_code", "combination"),
    counts=("households",),
    description="Als stapeling_households, per wijk (de wijk van het lid met de voorziening).",
)
def stapeling_households_by_wijk(t: Tables, p: Params) -> ibis.Table:
    return _combination(_household_flags(t, p, ("wijk_code",)), ("wijk_code",)).rename(households="n")


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
    per = c.group_by("person_key").aggregate(n=c.count())  # a clients row is one provision
    bucket = ibis.ifelse(per.n >= 6, "6+", per.n.cast("string"))
    return (
        per.mutate(provisions=bucket)
        .group_by("provisions")
        .aggregate(persons=per.person_key.count())
        .order_by("provisions")
    )
