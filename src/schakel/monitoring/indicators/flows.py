"""Flows per law: inflow, outflow, duration and re-entry within a year (CBS 85585NED pattern for bijstand).

Definitions (per person and law, municipality-filtered; the wijk is the person's current wijk):

* **inflow**: a client in the period who was not a client on the day before the period starts.
* **outflow**: a client in the period who is no longer a client on the last day of the period.
* **duration**: of provisions that ended in the period, the number of days from start to end (inclusive).
* **re-entry within a year**: inflow persons whose previous provision of the same law ended in the 365 days
  before the period starts (SCP "Voorzieningen in 3D" counts re-entry after a gap; reference §3.3).
"""

from __future__ import annotations

from datetime import timedelta

import ibis
from ibis import _

from .base import Params, Tables, clients, indicator, persons


def _active_on(t: Tables, p: Params, day) -> ibis.Table:
    pr = t["provisions"]
    pr = pr.filter((pr.start_date <= day) & (pr.end_date.isnull() | (pr.end_date >= day)))
    if p.gemeente_code:
        pr = pr.filter(pr.gemeente_code == p.gemeente_code)
    return pr.select("person_key", "law").distinct()


def _inflow_pairs(t: Tables, p: Params) -> ibis.Table:
    now = clients(t, p).select("person_key", "law", "wijk_code").distinct()
    before = _active_on(t, p, p.period_start - timedelta(days=1))
    return now.anti_join(before, ["person_key", "law"])


@indicator(
    theme="flows",
    title="Instroom, uitstroom en cliënten per wet",
    keys=("law",),
    counts=("clients", "inflow", "outflow"),
    description="Cliënten in de periode; instroom = cliënten die op de dag vóór de periode geen voorziening van "
    "de wet hadden; uitstroom = cliënten die op de laatste dag van de periode geen voorziening meer hebben.",
)
def inflow_outflow(t: Tables, p: Params) -> ibis.Table:
    now = clients(t, p).select("person_key", "law").distinct()
    total = now.group_by("law").aggregate(clients=_.person_key.count())
    inflow = _inflow_pairs(t, p).group_by("law").aggregate(inflow=_.person_key.count())
    at_end = _active_on(t, p, p.period_end)
    outflow = (
        now.anti_join(at_end, ["person_key", "law"]).group_by("law").aggregate(outflow=_.person_key.count())
    )
    out = total.join(inflow, "law", how="left").join(outflow, "law", how="left")
    return out.select(
        "law", "clients", inflow=out.inflow.fill_null(0), outflow=out.outflow.fill_null(0)
    ).order_by("law")


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
    inflow = _inflow_pairs(t, p)
    pr = t["provisions"]
    window_start, window_end = p.period_start - timedelta(days=365), p.period_start - timedelta(days=1)
    earlier = pr.filter(
        pr.end_date.notnull() & (pr.end_date >= window_start) & (pr.end_date <= window_end)
    ).select("person_key", "law")
    back = inflow.semi_join(earlier, ["person_key", "law"])
    a = inflow.group_by("law").aggregate(inflow=_.person_key.count())
    b = back.group_by("law").aggregate(reentry=_.person_key.count())
    out = a.join(b, "law", how="left")
    out = out.mutate(reentry=out.reentry.fill_null(0))
    return out.select("law", "inflow", "reentry", reentry_share=(out.reentry * 100.0 / out.inflow)).order_by(
        "law"
    )
