"""Advice requests: new request (with routing preview), the request page with its actions, documents.

The request page compares pre-advice of several councils side by side for the coordination point
(handreiking model 1c) before one joint advice goes out.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import (
    AssignForm,
    DocumentForm,
    JointAdviceForm,
    RequestForm,
    apply_service_error,
    council_choices,
)
from ..models import Advice, AdvicePoint, AdviceRequest, RequestDocument
from ..query import VIEW_REQUEST
from ..services._base import holds_seat
from ..services.councils import councils_of
from .common import can, chosen_gemeente, gate, visible


class _Invalid(Exception):
    """The action's form did not validate: render it with its errors."""


@login_required
def request_new(request):
    user = request.user
    gemeente, gemeenten = chosen_gemeente(request, "participation.add_advicerequest")
    form = RequestForm(request.POST or None)
    council_choices(form.fields["councils"], councils_of(gemeente.pk))
    routing = None
    field = request.POST.get("policy_field") or request.GET.get("beleidsveld")
    if field:
        routing = services.route(gemeente, field)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_request(user, gemeente, **{**data, "councils": list(data["councils"])})
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("De adviesaanvraag is aangemaakt als concept."))
            return redirect("participation:request", pk=created.pk)
    return render(
        request,
        "participation/request_new.html",
        {"form": form, "routing": routing, "gemeente": gemeente, "gemeenten": gemeenten},
    )


def _compare(advices) -> tuple[list, list]:
    """Pre-advice side by side: one column per council, one row per point number."""
    columns = [a for a in advices if a.status == "pre_advies"]
    depth = max((len(a.points.all()) for a in columns), default=0)
    rows = [
        [(list(a.points.all())[i] if i < len(a.points.all()) else None) for a in columns]
        for i in range(depth)
    ]
    return columns, rows


@login_required
def request_detail(request, pk: int):
    user = request.user
    gate(user, VIEW_REQUEST)
    obj = visible(
        AdviceRequest.objects.select_related("gemeente", "coordination_point", "created_by").prefetch_related(
            "councils", "documents"
        ),
        user,
        pk,
    )
    advices = list(
        Advice.objects.visible_to(user)
        .filter(request=obj)
        .select_related("council")
        .prefetch_related(Prefetch("points", queryset=AdvicePoint.objects.order_by("number")))
        .order_by("id")
    )
    may_change = can(user, "participation.change_advicerequest", obj.gemeente_id)
    coordinator = bool(obj.coordination_point_id) and (
        holds_seat(user, obj.coordination_point)
        or can(user, "participation.view_council_drafts", obj.gemeente_id)
    )
    doc_form = DocumentForm(prefix="stuk") if may_change else None
    assign_form = joint_form = None
    if coordinator:
        assign_form = AssignForm(prefix="toewijzen")
        council_choices(
            assign_form.fields["councils"], councils_of(obj.gemeente_id).exclude(pk=obj.coordination_point_id)
        )
        joint_form = JointAdviceForm(prefix="gezamenlijk")
    if request.method == "POST":
        action = request.POST.get("actie", "")
        try:
            if action == "versturen" and may_change:
                services.send_request(user, obj)
                messages.success(request, _("De adviesaanvraag is verstuurd."))
            elif action == "intrekken" and may_change:
                services.withdraw_request(user, obj)
                messages.success(request, _("De adviesaanvraag is ingetrokken."))
            elif action == "stuk" and may_change:
                doc_form = DocumentForm(request.POST, request.FILES, prefix="stuk")
                if not doc_form.is_valid():
                    raise _Invalid
                services.add_document(
                    user, obj, title=doc_form.cleaned_data["title"], upload=request.FILES.get("stuk-file")
                )
                messages.success(request, _("Het stuk is toegevoegd."))
            elif action == "toewijzen" and coordinator:
                assign_form = AssignForm(request.POST, prefix="toewijzen")
                council_choices(
                    assign_form.fields["councils"],
                    councils_of(obj.gemeente_id).exclude(pk=obj.coordination_point_id),
                )
                if not assign_form.is_valid():
                    raise _Invalid
                services.assign_councils(user, obj, list(assign_form.cleaned_data["councils"]))
                messages.success(request, _("De raden zijn gevraagd om (pre-)advies."))
            elif action == "gezamenlijk" and coordinator:
                joint_form = JointAdviceForm(request.POST, prefix="gezamenlijk")
                if not joint_form.is_valid():
                    raise _Invalid
                services.issue_joint_advice(
                    user,
                    obj,
                    title=joint_form.cleaned_data["title"],
                    points=joint_form.cleaned_data["points"].splitlines(),
                )
                messages.success(request, _("Het gezamenlijke advies is uitgebracht."))
            else:
                raise PermissionDenied(_("U heeft geen recht op deze handeling."))
        except _Invalid:
            pass
        except ValidationError as exc:
            target = {"stuk": doc_form, "toewijzen": assign_form, "gezamenlijk": joint_form}.get(action)
            if target is not None:
                apply_service_error(target, exc)
            else:
                for message in exc.messages:
                    messages.error(request, message)
        else:
            return redirect("participation:request", pk=obj.pk)
    columns, rows = _compare(advices)
    return render(
        request,
        "participation/request.html",
        {
            "obj": obj,
            "advices": [a for a in advices if a.status != "pre_advies"],
            "pre_columns": columns,
            "pre_rows": rows,
            "may_change": may_change,
            "coordinator": coordinator,
            "doc_form": doc_form,
            "assign_form": assign_form,
            "joint_form": joint_form,
            "may_advise": can(user, "participation.add_advice", obj.gemeente_id)
            and obj.status in ("uitgezet", "bij_coordinatiepunt", "advies_ontvangen"),
        },
    )


@login_required
def document(request, pk: int):
    """Download a request document, if its request is visible to the user (never served as static media)."""
    doc = get_object_or_404(RequestDocument.objects.select_related("request"), pk=pk)
    if not AdviceRequest.objects.visible_to(request.user).filter(pk=doc.request_id).exists():
        raise Http404
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"stuk-{doc.pk}{doc.file.name[doc.file.name.rfind('.') :]}",
        content_type=doc.content_type,
    )
