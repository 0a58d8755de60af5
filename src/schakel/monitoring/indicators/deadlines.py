"""Deadline compliance (termijnen).

* onderzoek completed within 6 weeks of the melding — Wmo 2015 art. 2.3.2 lid 1;
* beschikking within 2 weeks of the aanvraag — Wmo 2015 art. 2.3.5 lid 1 (Jeugdwet: Awb art. 4:13, 8 weeks,
  reported against the same 2-week norm as the municipal service standard);
* verzoek om toewijzing (iWmo/iJw 315) answered within 5 working days — iStandaarden rule
  (``answer_due`` in the extract).

Items are counted in the period in which their term started; ``met`` counts those completed on time,
``overdue`` those not completed and past their due date at the end of the period.
"""

from __future__ import annotations

import ibis

from .base import Params, Tables, indicator


def _summary(rows: ibis.Table, done, due, by: str, p: Params) -> ibis.Table:
    met = done.notnull() & (done <= due)
    overdue = done.isnull() & (due < p.period_end)
    rows = rows.mutate(_met=met.cast("int64"), _overdue=overdue.cast("int64"))
    out = rows.group_by(by).aggregate(total=rows.count(), met=rows._met.sum(), overdue=rows._overdue.sum())
    return out.mutate(met_share=out.met * 100.0 / out.total).order_by(by)


_GUARD = {"met_share": "total"}


@indicator(
    theme="deadlines",
    title="Onderzoek binnen 6 weken na de melding",
    keys=("law",),
    counts=("total", "met", "overdue"),
    guarded=_GUARD,
    unit="%",
    description="Meldingen in de periode waarvan het onderzoek binnen zes weken is afgerond "
    "(Wmo 2015 art. 2.3.2 lid 1). Per wet van de casus (eerste wet).",
)
def deadline_onderzoek(t: Tables, p: Params) -> ibis.Table:
    c = t["cases"]
    c = c.filter(c.melding_on.notnull() & (c.melding_on >= p.period_start) & (c.melding_on <= p.period_end))
    if p.gemeente_code:
        c = c.filter(c.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        c = c.filter(c.wijk_code == p.wijk_code)
    c = c.mutate(law=ibis.ifelse(c.laws == "", "overig", c.laws.split(",")[0]))
    return _summary(c, c.onderzoek_completed_on, c.melding_on + ibis.interval(days=42), "law", p)


@indicator(
    theme="deadlines",
    title="Beschikking binnen 2 weken na de aanvraag",
    keys=("law",),
    counts=("total", "met", "overdue"),
    guarded=_GUARD,
    unit="%",
    description="Aanvragen in de periode waarop binnen twee weken is beschikt (Wmo 2015 art. 2.3.5 lid 1).",
)
def deadline_beschikking(t: Tables, p: Params) -> ibis.Table:
    a = t["applications"]
    a = a.filter((a.received_on >= p.period_start) & (a.received_on <= p.period_end))
    if p.gemeente_code:
        a = a.filter(a.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        cases = t["cases"].filter(t["cases"].wijk_code == p.wijk_code).select("case_id")
        a = a.semi_join(cases, "case_id")
    return _summary(a, a.decided_on, a.received_on + ibis.interval(days=14), "law", p)


@indicator(
    theme="deadlines",
    title="Verzoek om toewijzing binnen 5 werkdagen beantwoord",
    keys=("law",),
    counts=("total", "met", "overdue"),
    guarded=_GUARD,
    unit="%",
    description="Verzoeken om toewijzing (iWmo/iJw 315) ontvangen in de periode en binnen vijf werkdagen "
    "beantwoord. Niet naar wijk uit te splitsen.",
)
def deadline_toewijzing(t: Tables, p: Params) -> ibis.Table:
    r = t["allocation_requests"]
    r = r.filter((r.received_on >= p.period_start) & (r.received_on <= p.period_end))
    if p.gemeente_code:
        r = r.filter(r.gemeente_code == p.gemeente_code)
    return _summary(r, r.answered_on, r.answer_due, "law", p)
