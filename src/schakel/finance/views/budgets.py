"""Budget overview (per earmark: budget, committed, realised, forecast, chart), budgets and amendments, and
the drill-down to the allocations and claim lines behind an earmark (roles that may see them)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.access import policy_for
from schakel.core.models import Gemeente, Regio

from .. import services
from ..forms import AmendmentForm, BudgetForm, apply_service_error
from ..models import Budget, BudgetAlert, Commitment, EarmarkKind, PayableLine
from ..services._base import ADD_BUDGET, AMEND_BUDGET, VIEW_ALERT, VIEW_BUDGET, VIEW_DETAIL, log_persons
from .common import chart_spec, require_any, visible_or_404, year_from

PAGE_SIZE = 50


@login_required
def overview(request):
    """All visible budgets of a year with their earmarks; open alerts on top."""
    require_any(request.user, VIEW_BUDGET)
    today = timezone.localdate()
    year = year_from(request, today.year)
    budgets = list(
        Budget.objects.visible_to(request.user, VIEW_BUDGET)
        .filter(year=year)
        .select_related("gemeente", "regio")
    )
    amounts = services.current_amounts(budgets)
    blocks = []
    for budget in budgets:
        figures = services.figures_for(budget, as_of=today, amounts=amounts)
        blocks.append(
            {
                "budget": budget,
                "figures": figures,
                "chart": chart_spec(figures[0]),
                "chart_id": f"grafiek-{budget.pk}",
            }
        )
    alerts = (
        BudgetAlert.objects.filter(
            budget__in=Budget.objects.visible_to(request.user, VIEW_ALERT), status="open"
        ).select_related("budget", "earmark")
        if policy_for(request.user).has_perm(VIEW_ALERT)
        else BudgetAlert.objects.none()
    )
    return render(
        request,
        "finance/overview.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "blocks": blocks,
            "alerts": list(alerts[:20]),
            "can_add": policy_for(request.user).has_perm(ADD_BUDGET),
        },
    )


@login_required
def budget(request, pk: int):
    """One budget: figures per earmark, the monthly chart and the history of amendments."""
    obj = visible_or_404(Budget, request.user, pk, VIEW_BUDGET, related=("gemeente", "regio"))
    figures = services.figures_for(obj)
    amendments = obj.amendments.select_related("earmark", "created_by").order_by("-created_at", "-id")
    policy = policy_for(request.user)
    return render(
        request,
        "finance/budget.html",
        {
            "budget": obj,
            "figures": figures,
            "chart": chart_spec(figures[0]),
            "amendments": amendments,
            "can_amend": policy.has_perm(AMEND_BUDGET),
            "can_drill": policy.has_perm(VIEW_DETAIL),
        },
    )


def _owners(user):
    gemeenten = policy_for(user).gemeenten_with(ADD_BUDGET)
    choices = [(f"g{g.pk}", g.name) for g in Gemeente.objects.filter(pk__in=gemeenten)]
    regios = Regio.objects.filter(gemeenten__in=gemeenten).distinct()
    choices += [(f"r{r.pk}", str(r)) for r in regios]
    return choices


@login_required
def budget_new(request):
    require_any(request.user, ADD_BUDGET)
    owners = _owners(request.user)
    form = BudgetForm(request.POST or None, owners=owners, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data["owner"]
        gemeente = Gemeente.objects.get(pk=int(owner[1:])) if owner.startswith("g") else None
        regio = Regio.objects.get(pk=int(owner[1:])) if owner.startswith("r") else None
        try:
            created = services.create_budget(
                request.user,
                year=data["year"],
                kind=data["kind"],
                name=data["name"],
                initial_cents=data["initial_cents"],
                gemeente=gemeente,
                regio=regio,
                earmarks=[services.EarmarkInput(kind, cents) for kind, cents in form.earmarks()],
                alert_margin_bp=int(Decimal(data["alert_margin"]) * 100),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het budget is vastgelegd."))
            return redirect("finance:budget", pk=created.pk)
    return render(request, "finance/budget_form.html", {"form": form})


@login_required
def budget_amend(request, pk: int):
    obj = visible_or_404(Budget, request.user, pk, VIEW_BUDGET, related=("gemeente", "regio"))
    require_any(request.user, AMEND_BUDGET)
    earmarks = list(obj.earmarks.all())
    form = AmendmentForm(request.POST or None, earmarks=earmarks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        earmark = next((e for e in earmarks if str(e.pk) == data["target"]), None)
        try:
            services.amend_budget(
                request.user,
                obj,
                delta_cents=data["delta_cents"],
                reason=data["reason"],
                reference=data["reference"],
                decided_on=data["decided_on"],
                earmark=earmark,
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("De begrotingswijziging is vastgelegd."))
            return redirect("finance:budget", pk=obj.pk)
    return render(request, "finance/amendment_form.html", {"form": form, "budget": obj})


@login_required
def drilldown(request, pk: int):
    """Allocations (commitments) and claim lines behind an earmark. Shows allocation numbers of persons:
    the persons shown are written to the processing log."""
    obj = visible_or_404(Budget, request.user, pk, VIEW_BUDGET, related=("gemeente", "regio"))
    require_any(request.user, VIEW_DETAIL)
    kind = request.GET.get("oormerk", "")
    if kind and kind not in EarmarkKind.values:
        raise Http404
    from django.apps import apps

    allocation_model = apps.get_model("contracts", "Allocation")
    visible_allocations = allocation_model.objects.visible_to(request.user).values("pk")
    owner = {"gemeente_id": obj.gemeente_id, "regio_id": obj.regio_id, "year": obj.year}
    commitments = Commitment.objects.filter(**owner).filter(
        allocation__isnull=True
    ) | Commitment.objects.filter(**owner, allocation_id__in=visible_allocations)
    lines = PayableLine.objects.filter(**owner).filter(allocation__isnull=True) | PayableLine.objects.filter(
        **owner, allocation_id__in=visible_allocations
    )
    if kind:
        commitments, lines = commitments.filter(earmark_kind=kind), lines.filter(earmark_kind=kind)
    commitment_page = Paginator(
        commitments.select_related("allocation__person", "provider", "contract_product").order_by(
            "-amount_cents", "id"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    line_page = Paginator(
        lines.select_related("allocation__person", "provider").order_by("-period_start", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("regels"))
    persons = {c.allocation.person_id: c.allocation.person for c in commitment_page if c.allocation_id}
    persons.update({ln.allocation.person_id: ln.allocation.person for ln in line_page if ln.allocation_id})
    log_persons(request.user, persons.values(), operation="financien.onderbouwing.inzien")
    return render(
        request,
        "finance/drilldown.html",
        {
            "budget": obj,
            "kind": kind,
            "kind_label": dict(EarmarkKind.choices).get(kind, _("alle oormerken")),
            "kinds": EarmarkKind.choices,
            "commitments": commitment_page,
            "lines": line_page,
        },
    )
