"""The household 360° view (``cases:household``): members, informal network, all cases across laws,
deadlines, the plan, decisions and the timeline ("één gezin, één plan, één regisseur").

The household and its members come from the people app (``visible_household``, need-to-know);
:func:`case_sections` adds everything of casusregie. Query count is bounded: it does not grow with the
number of members, goals, actions or decisions.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from schakel.core.access import policy_for
from schakel.core.values import mask_bsn
from schakel.core.vocab import Law, LifeDomain
from schakel.people.models import BreakGlassGrant
from schakel.people.services import log_read, visible_household

from .. import services, workflow
from ..forms import StatusForm
from ..models import Case, CaseStatus, Decision, DecisionProduct
from .common import DEADLINE_KINDS, flag_view, household_members
from .plan import plan_context

CHANGE_CASE = "cases.change_case"
VIEW_MEASUREMENT = "outcomes.view_measurement"

#: Which workflow steps the household page offers per status (the services re-check everything).
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    CaseStatus.MELDING: ("start_onderzoek", "aanvraag"),
    CaseStatus.ONDERZOEK: ("onderzoek", "aanvraag"),
    CaseStatus.AANVRAAG: ("decision", "aanvraag"),
    CaseStatus.BESCHIKT: ("aanvraag",),
    CaseStatus.UITVOERING: ("evaluation", "aanvraag"),
    CaseStatus.EVALUATIE: ("evaluation", "aanvraag"),
}


LAW_LABELS = dict(Law.choices)


def _cases(household) -> list[Case]:
    """All cases of a household the caller has already found visible (visibility is per household).

    Loads what the page shows and the deadline service reads (meldingen, aanvragen, decisions with their
    products); evaluations are not shown here (the outcomes fragment has its own view)."""
    decisions = Decision.objects.prefetch_related(
        Prefetch("products", queryset=DecisionProduct.objects.select_related("person"))
    )
    cases = list(
        Case.objects.filter(household=household)
        .select_related("regisseur", "team", "onderzoek", "plan")
        .prefetch_related("meldingen", "aanvragen", Prefetch("decisions", queryset=decisions))
        .order_by("-opened_on", "-id")
    )
    for case in cases:
        case.law_labels = [str(LAW_LABELS.get(code, code)) for code in case.laws]
    return cases


def _deadline_rows(case: Case, today) -> list[dict]:
    rows = []
    for deadline in services.case_deadlines(case, today):
        row = {"deadline": deadline, "label": DEADLINE_KINDS.get(deadline.kind, deadline.label)}
        if deadline.kind == "bezwaar":
            row["bezwaar_open"] = deadline.due >= today
        else:
            row["flag"] = flag_view(deadline.flag)
        rows.append(row)
    return rows


def case_sections(request, household, members) -> dict:
    user = request.user
    today = timezone.localdate()
    cases = _cases(household)
    open_case = next((c for c in cases if c.is_open), None)
    plan_case = open_case or (cases[0] if cases else None)
    can_change = policy_for(user).has_perm(CHANGE_CASE, household.gemeente_id)
    context = {
        "cases": cases,
        "open_case": open_case,
        "can_change": can_change and open_case is not None,
        "decisions": [d for c in cases for d in c.decisions.all()],
        "timeline": services.timeline(household),
        "today": today,
    }
    if open_case is not None:
        context["deadlines"] = _deadline_rows(open_case, today)
        context["next_steps"] = NEXT_STEPS.get(open_case.status, ())
        context["has_undecided"] = any(
            not any(d.aanvraag_id == a.pk for d in open_case.decisions.all())
            for a in open_case.aanvragen.all()
        )
        targets = workflow.allowed_user_targets(open_case.status)
        context["status_form"] = StatusForm(case=open_case, prefix="status")
        context["status_form"].fields["target"].choices = [
            c for c in context["status_form"].fields["target"].choices if c[0] != CaseStatus.AFGESLOTEN
        ]
        context["can_close"] = CaseStatus.AFGESLOTEN in targets
        onderzoek = open_case.onderzoek if hasattr(open_case, "onderzoek") else None
        context["onderzoek"] = onderzoek
        context["findings"] = [
            (label, onderzoek.findings[value])
            for value, label in LifeDomain.choices
            if onderzoek and onderzoek.findings.get(value)
        ]
    if plan_case is not None:
        context["plan_section"] = plan_context(plan_case, members)
    return context


@login_required
def household(request, pk: int):
    """The household 360° view: members, network, all cases across laws, plan, decisions, timeline."""
    user = request.user
    household = visible_household(user, pk)
    today = timezone.localdate()
    members = household_members(household.pk)
    rows = [
        {"member": m, "person": m.person, "age": m.person.age_on(today), "bsn": mask_bsn(m.person.bsn)}
        for m in members
    ]
    network = [(contact, m.person) for m in members for contact in m.person.network.all()]
    grant = BreakGlassGrant.objects.filter(
        user=user, household=household, expires_at__gt=timezone.now()
    ).first()
    context = {"household": household, "rows": rows, "network": network, "grant": grant}
    # The outcomes section (issue 3) is an htmx fragment of its own view: no extra queries here.
    context["show_outcomes"] = policy_for(user).has_perm(VIEW_MEASUREMENT, household.gemeente_id)
    context.update(case_sections(request, household, members))
    log_read(
        user,
        [m.person for m in members],
        operation="huishouden.inzien",
        data_categories=["naam", "geboortedatum", "adres", "huishoudsamenstelling", "casusgegevens", "plan"],
        break_glass_reason=grant.reason if grant else "",
    )
    return render(request, "cases/household.html", context)
