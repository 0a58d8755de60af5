"""Workflow steps of a case: onderzoek, aanvraag, beschikking, evaluatie, status change and closure.

Each step is a page with one form (reachable from the household view); the rules are enforced by
``cases.services`` (Wmo 2015 art. 2.3.2–2.3.5, Awb art. 3:46, 4:13 and 6:7), whose Dutch messages are
shown at the field they concern.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services, workflow
from ..forms import (
    AanvraagForm,
    DecisionForm,
    EvaluationForm,
    OnderzoekForm,
    ProductFormSet,
    StatusForm,
    apply_service_error,
)
from .common import household_members, load_case, log_members, persons_of


def _household_url(case) -> str:
    return reverse("cases:household", kwargs={"pk": case.household_id})


def _page(
    request, case, members, form, title: str, intro: str = "", template: str = "cases/step.html", **extra
):
    log_members(request.user, members, "casus.stap_inzien")
    context = {
        "case": case,
        "household": case.household,
        "form": form,
        "title": title,
        "intro": intro,
        "members": members,
        **extra,
    }
    return render(request, template, context)


def _run(request, form, action, *, success: str):
    """Call a service; put its validation errors on the form. Returns True on success."""
    try:
        action()
    except ValidationError as exc:
        apply_service_error(form, exc)
    except workflow.TransitionNotAllowed as exc:
        form.add_error(None, str(exc))
    else:
        messages.success(request, success)
        return True
    return False


@login_required
@require_POST
def start_onderzoek(request, pk):
    case = load_case(request.user, pk)
    try:
        services.start_onderzoek(request.user, case)
    except (ValidationError, workflow.TransitionNotAllowed) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Het onderzoek is gestart."))
    return redirect(_household_url(case))


@login_required
def onderzoek(request, pk):
    case = load_case(request.user, pk, related=("household", "onderzoek"))
    members = household_members(case.household_id)
    current = case.onderzoek if hasattr(case, "onderzoek") else None
    initial = {}
    if current is not None:
        initial = {f"finding_{k}": v for k, v in current.findings.items()}
        initial.update(own_strength=current.own_strength, summary=current.summary)
    form = OnderzoekForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request,
            form,
            lambda: services.record_onderzoek(
                request.user,
                case,
                findings=form.findings(),
                own_strength=data["own_strength"],
                summary=data["summary"],
                complete=data["complete"],
            ),
            success=_("Het gespreksverslag is opgeslagen."),
        )
        if done:
            return redirect(_household_url(case))
    return _page(
        request,
        case,
        members,
        form,
        _("Gespreksverslag (onderzoek)"),
        _("Leg per leefgebied vast wat het gesprek opleverde (Wmo 2015 art. 2.3.2 lid 4)."),
        template="cases/onderzoek.html",
    )


@login_required
def aanvraag(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    form = AanvraagForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.record_aanvraag(
                request.user,
                case,
                received_on=data["received_on"],
                law=data["law"],
                description=data["description"],
                signed_report=data["signed_report"],
            ),
            success=_("De aanvraag is vastgelegd; de beslistermijn loopt."),
        ):
            return redirect(_household_url(case))
    return _page(
        request,
        case,
        members,
        form,
        _("Aanvraag vastleggen"),
        _("Vanaf de datum van de aanvraag loopt de termijn voor de beschikking (Wmo 2015 art. 2.3.5)."),
    )


@login_required
def decision(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    persons = persons_of(members)
    form = DecisionForm(request.POST or None, case=case)
    products = ProductFormSet(request.POST or None, prefix="product", form_kwargs={"members": persons})
    if request.method == "POST" and form.is_valid() and products.is_valid():
        data = form.cleaned_data
        granted = [
            services.GrantedProduct(
                person=p["person"],
                product_category=p["product_category"],
                description=p["description"],
                start_date=p["start_date"],
                end_date=p.get("end_date"),
                product_code=p.get("product_code", ""),
                volume=p.get("volume"),
            )
            for p in products.cleaned_data
            if p
        ]
        if _run(
            request,
            form,
            lambda: services.record_decision(
                request.user,
                data["aanvraag"],
                decided_on=data["decided_on"],
                outcome=data["outcome"],
                motivation=data["motivation"],
                products=granted,
            ),
            success=_("De beschikking is vastgelegd."),
        ):
            return redirect(_household_url(case))
    return _page(
        request,
        case,
        members,
        form,
        _("Beschikking vastleggen"),
        _("De bezwaartermijn van zes weken wordt berekend vanaf de datum van het besluit (Awb art. 6:7)."),
        template="cases/decision.html",
        products=products,
    )


@login_required
def evaluation(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.record_evaluation(
                request.user,
                case,
                evaluated_on=data["evaluated_on"],
                summary=data["summary"],
                continue_support=data["continue_support"],
            ),
            success=_("De evaluatie is vastgelegd."),
        ):
            return redirect(_household_url(case))
    return _page(request, case, members, form, _("Evaluatie vastleggen"))


@login_required
def status(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    form = StatusForm(request.POST or None, case=case, prefix="status")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.change_status(request.user, case, data["target"], reason=data["reason"]),
            success=_("De status is gewijzigd."),
        ):
            return redirect(_household_url(case))
    return _page(request, case, members, form, _("Status wijzigen of casus afsluiten"))
