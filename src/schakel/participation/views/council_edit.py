"""Councils and their members, created and changed by the ambtelijk secretaris (or the functioneel beheerder)
in the UI, through :mod:`schakel.participation.services` (permissions from ``data/configuration.yaml``:
``add_council``, ``change_council``, ``change_councilmember``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import CouncilForm, MemberForm, apply_service_error
from ..models import Council, CouncilMember
from .common import can, chosen_gemeente, visible

ALIASES = {"budget_cents": "budget"}


@login_required
def council_new(request):
    user = request.user
    gemeente, gemeenten = chosen_gemeente(request, "participation.add_council")
    form = CouncilForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.create_council(user, gemeente, **form.service_kwargs())
        except ValidationError as exc:
            apply_service_error(form, exc, ALIASES)
        else:
            messages.success(request, _("De raad is aangemaakt."))
            return redirect("participation:council", pk=council.pk)
    return render(
        request,
        "participation/council_form.html",
        {"form": form, "gemeente": gemeente, "gemeenten": gemeenten, "council": None},
    )


@login_required
def council_edit(request, pk: int):
    user = request.user
    council = visible(
        Council.objects.select_related("gemeente").prefetch_related("constituent_councils"), user, pk
    )
    if not can(user, "participation.change_council", council.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    form = CouncilForm(
        request.POST or None,
        gemeente=council.gemeente,
        instance=council,
        initial=CouncilForm.initial_for(council),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_council(user, council, **form.service_kwargs())
        except ValidationError as exc:
            apply_service_error(form, exc, ALIASES)
        else:
            messages.success(request, _("De raad is gewijzigd."))
            return redirect("participation:council", pk=council.pk)
    return render(
        request,
        "participation/council_form.html",
        {"form": form, "gemeente": council.gemeente, "council": council},
    )


@login_required
def member_edit(request, pk: int):
    user = request.user
    member = get_object_or_404(
        CouncilMember.objects.select_related("council", "council__gemeente"),
        pk=pk,
        council__in=Council.objects.visible_to(user),
    )
    if not can(user, "participation.change_councilmember", member.council.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    initial = {
        "name": member.name,
        "role": member.role,
        "term_start": member.term_start,
        "term_end": member.term_end,
        "experience_expert": member.experience_expert,
        "constituency": member.constituency,
    }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(user, member, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het lid is gewijzigd."))
            return redirect("participation:council", pk=member.council_id)
    return render(request, "participation/member_form.html", {"form": form, "member": member})
