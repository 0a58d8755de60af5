"""Budget execution (budgetuitputting): costs in the period against the yearly budget, per law.

For a half-year the share is the exhaustion so far of the year's budget. Budgets come from the finance
app when it has delivered them (``budgets`` table); without a budget the share is empty and only the
realised costs are shown.
"""

from __future__ import annotations

import ibis
from ibis import _

from .base import Params, Tables, indicator
from .costs import _per_law_costs


@indicator(
    theme="budget",
    title="Budgetuitputting per wet",
    keys=("law",),
    unit="%",
    description="Gerealiseerde kosten in de periode als percentage van de begroting van het jaar.",
)
def budget_execution(t: Tables, p: Params) -> ibis.Table:
    b = t["budgets"]
    b = b.filter(b.year == p.period_start.year)
    if p.gemeente_code:
        b = b.filter(b.gemeente_code == p.gemeente_code)
    budget = b.group_by("law").aggregate(budget_eurocent=_.amount_eurocent.sum())
    out = _per_law_costs(t, p).join(budget, "law", how="outer")
    out = out.select(
        law=ibis.coalesce(out.law, out.law_right),
        cost_eurocent=out.cost_eurocent.fill_null(0),
        budget_eurocent=out.budget_eurocent,
    )
    return out.mutate(
        execution_share=ibis.ifelse(
            out.budget_eurocent > 0, out.cost_eurocent * 100.0 / out.budget_eurocent, ibis.null("float64")
        )
    ).order_by("law")
