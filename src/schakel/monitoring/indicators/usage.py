"""Usage: clients per law per 1,000 inhabitants by wijk and age group (CBS GMSD 86050NED/85639NED pattern).

A client of a law in the period = a person with at least one provision of that law overlapping the period.
"""

from __future__ import annotations

import ibis

from .base import Params, Tables, clients, indicator, inhabitants, person_laws


@indicator(
    theme="usage",
    title="Cliënten per wet per 1.000 inwoners, naar wijk en leeftijd",
    keys=("law", "wijk_code", "age_group"),
    counts=("clients", "inhabitants"),
    guarded={"per_1000": "clients"},
    unit="per 1.000 inwoners",
    description="Personen met minstens één voorziening van de wet in de periode, per 1.000 inwoners van "
    "dezelfde wijk en leeftijdsgroep.",
)
def clients_per_1000(t: Tables, p: Params) -> ibis.Table:
    # One row per client and law: counting rows counts distinct persons (a person has one wijk and age group).
    c = person_laws(t, p)
    per_cell = c.group_by(["law", "wijk_code", "age_group"]).aggregate(clients=c.count())
    joined = per_cell.join(inhabitants(t, p), ["wijk_code", "age_group"], how="left")
    return joined.select(
        "law",
        "wijk_code",
        "age_group",
        "clients",
        inhabitants=joined.inhabitants.fill_null(0),
        per_1000=ibis.ifelse(
            joined.inhabitants > 0, joined.clients * 1000.0 / joined.inhabitants, ibis.null("float64")
        ),
    ).order_by(["law", "wijk_code", "age_group"])


@indicator(
    theme="usage",
    title="Cliënten per wet per 1.000 inwoners",
    keys=("law",),
    counts=("clients", "inhabitants"),
    guarded={"per_1000": "clients"},
    unit="per 1.000 inwoners",
    description="Personen met minstens één voorziening van de wet in de periode, per 1.000 inwoners.",
)
def clients_per_law(t: Tables, p: Params) -> ibis.Table:
    c = person_laws(t, p)
    per_law = c.group_by("law").aggregate(clients=c.count())
    cells = inhabitants(t, p)
    inh = cells.aggregate(inhabitants=cells.inhabitants.sum().fill_null(0))
    joined = per_law.cross_join(inh)
    return joined.select(
        "law",
        "clients",
        "inhabitants",
        per_1000=ibis.ifelse(
            joined.inhabitants > 0, joined.clients * 1000.0 / joined.inhabitants, ibis.null("float64")
        ),
    ).order_by("law")


@indicator(
    theme="usage",
    title="Voorzieningen per wet en productcategorie, naar wijk",
    keys=("law", "product_category", "wijk_code"),
    counts=("provisions", "clients"),
    description="Aantal voorzieningen en cliënten in de periode per productcategorie en wijk "
    "(CBS 83264NED 'aantal maatwerkvoorzieningen').",
)
def provisions_by_category(t: Tables, p: Params) -> ibis.Table:
    # Two plain aggregations instead of two count-distincts: a clients row is one provision (provision_id is
    # the key), so provisions = rows and clients = the (person, cell) groups.
    c = clients(t, p)
    keys = ["law", "product_category", "wijk_code"]
    per_person = c.group_by([*keys, "person_key"]).aggregate(n=c.count())
    return (
        per_person.group_by(keys)
        .aggregate(provisions=per_person.n.sum(), clients=per_person.count())
        .order_by(keys)
    )


def _rate_by(t: Tables, p: Params, key: str) -> ibis.Table:
    c = person_laws(t, p)
    per_cell = c.group_by(["law", key]).aggregate(clients=c.count())
    cells = inhabitants(t, p)
    inh = cells.group_by(key).aggregate(inhabitants=cells.inhabitants.sum())
    joined = per_cell.join(inh, key, how="left")
    return joined.select(
        "law",
        key,
        "clients",
        inhabitants=joined.inhabitants.fill_null(0),
        per_1000=ibis.ifelse(
            joined.inhabitants > 0, joined.clients * 1000.0 / joined.inhabitants, ibis.null("float64")
        ),
    ).order_by([key, "law"])


@indicator(
    theme="usage",
    title="Cliënten per wet per 1.000 inwoners, naar wijk",
    keys=("law", "wijk_code"),
    counts=("clients", "inhabitants"),
    guarded={"per_1000": "clients"},
    unit="per 1.000 inwoners",
    description="Personen met minstens één voorziening van de wet in de periode, per 1.000 inwoners van de wijk.",
)
def clients_by_wijk(t: Tables, p: Params) -> ibis.Table:
    return _rate_by(t, p, "wijk_code")


@indicator(
    theme="usage",
    title="Cliënten per wet per 1.000 inwoners, naar leeftijd",
    keys=("law", "age_group"),
    counts=("clients", "inhabitants"),
    guarded={"per_1000": "clients"},
    unit="per 1.000 inwoners",
    description="Personen met minstens één voorziening van de wet in de periode, per 1.000 inwoners van de "
    "leeftijdsgroep.",
)
def clients_by_age(t: Tables, p: Params) -> ibis.Table:
    return _rate_by(t, p, "age_group")
