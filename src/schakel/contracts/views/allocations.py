"""Allocation screens: the allocations of a case ("Toewijzen" per granted product), the allocation form, an
allocation's detail with its history and delivery, change / withdraw / delete, and the allocation list
(municipality-wide, or a provider's own allocations for provider staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.cases.models import Case, DecisionProduct
from schakel.core.access import policy_for
from schakel.people.services import log_read as log_person_read

from .. import services
from ..forms import AllocateForm, ChangeAllocationForm, WithdrawAllocationForm, euro_initial
from ..models import Allocation, AllocationStatus
from ..query import VIEW_ALLOCATION, provider_ids_of
from ..services._base import log_read
from ..vocab import ContractLaw
from ._common import form_page, page_of, require_any_perm, run

ALLOCATION_RELATED = ("person", "provider", "contract_product", "gemeente")


def _visible_case(user, pk) -> Case:
    case = Case.objects.visible_to(user).select_related("household").filter(pk=pk).first()
    if case is None:
        raise PermissionDenied
    return case


def _visible_allocation(user, pk) -> Allocation:
    return get_object_or_404(Allocation.objects.visible_to(user).select_related(*ALLOCATION_RELATED), pk=pk)


@login_required
def allocation_list(request):
    """Municipality staff with ``view_allocation``, the case team (their cases) and provider staff (own)."""
    require_any_perm(request.user, VIEW_ALLOCATION, "cases.view_case", provider_user_ok=True)
    allocations = Allocation.objects.visible_to(request.user).select_related(*ALLOCATION_RELATED)
    status = request.GET.get("status", "")
    if status in AllocationStatus.values:
        allocations = allocations.filter(status=status)
    law = request.GET.get("wet", "")
    if law in ContractLaw.values:
        allocations = allocations.filter(law=law)
    page = page_of(request, allocations.order_by("-start_date", "-id"))
    log_read(request.user, page.object_list, operation="toewijzingen.lijst")
    return render(
        request,
        "contracts/allocation_list.html",
        {
            "page": page,
            "status": status,
            "law": law,
            "statuses": AllocationStatus.choices,
            "laws": ContractLaw.choices,
            "own_provider": bool(provider_ids_of(request.user)),
        },
    )


@login_required
def case_allocations(request, pk):
    """The granted Wmo/Jeugdwet products of a case with their allocations and a "Toewijzen" action each."""
    case = _visible_case(request.user, pk)
    allocations = Allocation.objects.select_related("provider").order_by("start_date", "id")
    products = list(
        DecisionProduct.objects.filter(decision__case=case, decision__law__in=ContractLaw.values)
        .exclude(decision__outcome="afgewezen")
        .select_related("decision", "person")
        .prefetch_related(Prefetch("allocations", queryset=allocations))
        .order_by("start_date", "id")
    )
    persons = {p.person_id: p.person for p in products}
    log_person_read(
        request.user,
        persons.values(),
        operation="toewijzingen.casus",
        data_categories=["naam", "toegewezen ondersteuning"],
    )
    can_allocate = policy_for(request.user).has_perm("contracts.add_allocation", case.gemeente_id)
    return render(
        request,
        "contracts/case_allocations.html",
        {"case": case, "household": case.household, "products": products, "can_allocate": can_allocate},
    )


@login_required
def allocate(request, pk):
    dp = get_object_or_404(DecisionProduct.objects.select_related("decision__case", "person"), pk=pk)
    case = _visible_case(request.user, dp.decision.case_id)
    if not policy_for(request.user).has_perm("contracts.add_allocation", case.gemeente_id):
        raise PermissionDenied
    products = services.products_for(dp)
    initial = {
        "start_date": dp.start_date,
        "end_date": dp.end_date,
        "volume": dp.volume,
        "unit": dp.unit,
        "frequency": dp.frequency,
    }
    form = AllocateForm(request.POST or None, products=products, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cp = data["contract_product"]
        budget = data.get("budget")
        omvang = (
            {}
            if budget is not None
            else {
                "volume": data.get("volume"),
                "unit": data.get("unit") or "",
                "frequency": data.get("frequency") or "",
            }
        )
        allocation = run(
            request,
            form,
            lambda: services.allocate(
                request.user,
                dp,
                cp.contract.provider,
                cp,
                start_date=data["start_date"],
                end_date=data.get("end_date"),
                budget_cents=budget,
                comment=data.get("comment", ""),
                **omvang,
            ),
            success=_("Het product is toegewezen."),
        )
        if allocation:
            return redirect("contracts:allocation_detail", pk=allocation.pk)
    log_person_read(
        request.user,
        [dp.person],
        operation="toewijzing.voorbereiden",
        data_categories=["naam", "toegewezen ondersteuning"],
    )
    back = reverse("contracts:case_allocations", kwargs={"pk": case.pk})
    intro = f"{dp.person} — {dp.product_code or dp.product_category} {dp.description}"
    return form_page(
        request,
        form,
        title=_("Toewijzen aan een aanbieder"),
        back_url=back,
        intro=intro,
        submit=_("Toewijzen"),
        no_products=not products.exists(),
    )


@login_required
def allocation_detail(request, pk):
    allocation = _visible_allocation(request.user, pk)
    changes = allocation.changes.select_related("actor")
    log_read(request.user, [allocation], operation="toewijzing.inzien")
    policy = policy_for(request.user)
    can_change = (
        policy.has_perm("contracts.change_allocation", allocation.gemeente_id)
        and allocation.status == AllocationStatus.ACTIVE
        and Case.objects.visible_to(request.user).filter(decisions__products__allocations=allocation).exists()
    )
    return render(
        request,
        "contracts/allocation_detail.html",
        {
            "allocation": allocation,
            "changes": changes,
            "can_change": can_change,
            "case_id": allocation.decision_product.decision.case_id if can_change else None,
        },
    )


@login_required
def allocation_change(request, pk):
    allocation = _visible_allocation(request.user, pk)
    form = ChangeAllocationForm(
        request.POST or None,
        initial={
            "end_date": allocation.end_date,
            "volume": allocation.volume,
            "budget": euro_initial(allocation.budget_cents),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Pass what was filled in; the service refuses what may not change (OP033x1, IV066) at the field.
        kwargs = {"end_date": data.get("end_date")}
        if data.get("volume") is not None:
            kwargs["volume"] = data["volume"]
        if data.get("budget") is not None:
            kwargs["budget_cents"] = data["budget"]
        if run(
            request,
            form,
            lambda: services.change_allocation(request.user, allocation, reason=data["reason"], **kwargs),
            success=_("De toewijzing is gewijzigd."),
        ):
            return redirect("contracts:allocation_detail", pk=allocation.pk)
    back = reverse("contracts:allocation_detail", kwargs={"pk": allocation.pk})
    log_read(request.user, [allocation], operation="toewijzing.wijzigen")
    return form_page(
        request,
        form,
        title=_("Toewijzing wijzigen"),
        back_url=back,
        intro=_(
            "Alleen de einddatum, het budget en (bij frequentie 'totaal') het volume kunnen "
            "wijzigen. Voor andere wijzigingen trekt u de toewijzing in en wijst u opnieuw toe."
        ),
    )


@login_required
def allocation_withdraw(request, pk):
    allocation = _visible_allocation(request.user, pk)
    form = WithdrawAllocationForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            form,
            lambda: services.withdraw_allocation(
                request.user, allocation, end_date=data["end_date"], reason=data["reason"]
            ),
            success=_("De toewijzing is ingetrokken."),
        ):
            return redirect("contracts:allocation_detail", pk=allocation.pk)
    back = reverse("contracts:allocation_detail", kwargs={"pk": allocation.pk})
    log_read(request.user, [allocation], operation="toewijzing.intrekken")
    return form_page(request, form, title=_("Toewijzing intrekken"), back_url=back, submit=_("Intrekken"))


@login_required
@require_POST
def allocation_delete(request, pk):
    allocation = _visible_allocation(request.user, pk)
    try:
        services.delete_allocation(request.user, allocation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De toewijzing is verwijderd (reden 13)."))
    return redirect("contracts:allocation_detail", pk=allocation.pk)
