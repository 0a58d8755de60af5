"""Flows per law: inflow, outflow, duration and re-entry within a year (CBS 85585NED pattern for bijstand).

Definitions (per person and law, municipality-filtered; the wijk is the person's current wijk):

* **inflow**: a client in the period who was not a client on the day before the period starts.
* **outflow**: a client in the period who is no longer a client on the last day of the period.
* **duration**: of provisions that ended in the period, the number of days from start to end (inclusive).
* **re-entry within a year**: inflow persons whose previous provision of the same law ended in the 365 days
  before the period starts (SCP "Voorzieningen in 3D" counts re-entry after a gap; reference §3.3).

All three come from one shared table of clients per law with flags (:func:`.base.person_laws`), computed in
one pass over the provisions instead of anti-joins per indicator.
"""

from __future__ import annotations

import ibis
from ibis import _

from .base import Params, Tables, indicator, person_laws, persons


@indicator(
    theme="flows",
    title="Instroom, uitstroom en cliënten per wet",
    keys=("law",),
    counts=("clients", "inflow", "outflow"),
    description="Cliënten in de periode; instroom = cliënten die op de dag vóór de periode geen voorziening van "
    "de wet hadden; uitstroom = cliënten die op de laatste dag van de periode geen voorziening meer hebben.",
)
def inflow_outflow(t: Tables, p: Params) -> ibis.Table:
    c = person_laws(t, p)
    return (
        c.group_by("law")
        .aggregate(
            clients=c.count(),
            inflow=(~c.before).cast("int64").sum(),
            outflow=(~c.at_end).cast("int64").sum(),
        )
        .order_by("law")
    )


@indicator(
    theme="flows",
    title="Duur van beëindigde voorzieningen",
    keys=("law",),
    counts=("ended",),
    guarded={"mean_days": "ended", "max_days": "ended"},
    unit="dagen",
    description="Voorzieningen die in de periode eindigden: aantal en gemiddelde duur in dagen (begin t/m eind).",
)
def duration(t: Tables, p: Params) -> ibis.Table:
    pr = t["provisions"]
    pr = pr.filter(pr.end_date.notnull() & (pr.end_date >= p.period_start) & (pr.end_date <= p.period_end))
    if p.gemeente_code:
        pr = pr.filter(pr.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        pr = pr.semi_join(persons(t, p), "person_key")
    days = pr.mutate(days=pr.end_date.delta(pr.start_date, unit="day") + 1)
    return (
        days.group_by("law")
        .aggregate(ended=_.provision_id.count(), mean_days=_.days.mean(), max_days=_.days.max())
        .order_by("law")
    )


@indicator(
    theme="flows",
    title="Herinstroom binnen een jaar",
    keys=("law",),
    counts=("inflow", "reentry"),
    guarded={"reentry_share": "reentry"},
    unit="%",
    description="Van de instroom: personen van wie een eerdere voorziening van dezelfde wet eindigde in de 365 "
    "dagen vóór de periode.",
)
def reentry(t: Tables, p: Params) -> ibis.Table:
    c = person_laws(t, p)
    inflow = c.filter(~c.before)
    out = inflow.group_by("law").aggregate(
        inflow=inflow.count(), reentry=inflow.ended_window.cast("int64").sum()
    )
    return out.select("law", "inflow", "reentry", reentry_share=(out.reentry * 100.0 / out.inflow)).order_by(
        "law"
    )
