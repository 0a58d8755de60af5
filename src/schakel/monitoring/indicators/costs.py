"""Costs: cost per client and cost per achieved result, per law.

Costs are the ``costs`` rows whose ``period_start`` falls in the period (declared, estimated or booked;
see the extract schema). Clients as in :mod:`.usage`. An achieved result is a plan goal with status
``bereikt`` assessed in the period, in a case with a provision of the law in the period.
"""

from __future__ import annotations

import ibis
from ibis import _

from .base import Params, Tables, clients, indicator, person_laws, persons, shared
from .outcomes import _goals


def _costs(t: Tables, p: Params) -> ibis.Table:
    c = t["costs"]
    c = c.filter((c.period_start >= p.period_start) & (c.period_start <= p.period_end))
    if p.gemeente_code:
        c = c.filter(c.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        c = c.semi_join(persons(t, p), "person_key")
    return c


def _per_law_costs(t: Tables, p: Params) -> ibis.Table:
    """Costs in the period per law (shared by the cost and budget indicators)."""
    return shared(
        t, "costs", p, lambda: _costs(t, p).group_by("law").aggregate(cost_eurocent=_.amount_eurocent.sum())
    )


@indicator(
    theme="costs",
    title="Kosten per cliënt",
    keys=("law",),
    counts=("clients",),
    guarded={"cost_per_client_euro": "clients"},
    unit="euro",
    description="Kosten in de periode gedeeld door het aantal cliënten van de wet in de periode.",
)
def cost_per_client(t: Tables, p: Params) -> ibis.Table:
    cl = person_laws(t, p)
    n = cl.group_by("law").aggregate(clients=cl.count())
    out = _per_law_costs(t, p).join(n, "law", how="outer")
    out = out.select(
        law=ibis.coalesce(out.law, out.law_right),
        cost_eurocent=out.cost_eurocent.fill_null(0),
        clients=out.clients.fill_null(0),
    )
    return out.mutate(
        cost_per_client_euro=ibis.ifelse(
            out.clients > 0, out.cost_eurocent / 100.0 / out.clients, ibis.null("float64")
        )
    ).order_by("law")


@indicator(
    theme="costs",
    title="Kosten per bereikt resultaat",
    keys=("law",),
    counts=("achieved",),
    guarded={"cost_per_result_euro": "achieved"},
    unit="euro",
    description="Kosten van de wet in de periode gedeeld door het aantal bereikte doelen in casussen met een "
    "voorziening van die wet.",
)
def cost_per_result(t: Tables, p: Params) -> ibis.Table:
    g = _goals(t, p).filter(_.status == "bereikt")
    case_laws = clients(t, p).filter(_.case_id.notnull()).select("case_id", "law").distinct()
    achieved = g.join(case_laws, "case_id").group_by("law").aggregate(achieved=_.goal_id.nunique())
    out = _per_law_costs(t, p).join(achieved, "law", how="left")
    out = out.select("law", "cost_eurocent", achieved=out.achieved.fill_null(0))
    return out.mutate(
        cost_per_result_euro=ibis.ifelse(
            out.achieved > 0, out.cost_eurocent / 100.0 / out.achieved, ibis.null("float64")
        )
    ).order_by("law")
