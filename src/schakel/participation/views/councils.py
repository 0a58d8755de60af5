"""Overview, councils (with members), and the organisation model of the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services
from ..forms import MemberForm, SetupForm, apply_service_error, council_choices
from ..models import Advice, AdviceRequest, Council, CouncilMember, Setup
from ..query import VIEW_COUNCIL
from ..vocab import CouncilKind
from .common import can, chosen_gemeente, flag_badge, gate, visible


@login_required
def home(request):
    """Start page of the councils: my councils, open requests, advice in progress, due items."""
    user = request.user
    gate(user, VIEW_COUNCIL)
    today = timezone.localdate()
    councils = list(Council.objects.visible_to(user).filter(active=True).select_related("gemeente"))
    mine = set(Council.objects.of_user(user).values_list("pk", flat=True))
    requests = list(
        AdviceRequest.objects.visible_to(user)
        .exclude(status__in=["beantwoord", "ingetrokken"])
        .prefetch_related("councils")
        .order_by("advice_deadline", "id")[:20]
    )
    advices = list(
        Advice.objects.visible_to(user)
        .filter(status__in=["concept", "pre_advies", "uitgebracht"])
        .select_related("council")
        .order_by("-created_at")[:20]
    )
    items = services.due_items(AdviceRequest.objects.visible_to(user), Advice.objects.visible_to(user), today)
    return render(
        request,
        "participation/home.html",
        {
            "councils": councils,
            "mine": mine,
            "requests": requests,
            "advices": advices,
            "due": [(i, flag_badge(i.flag)) for i in items],
        },
    )


@login_required
def council_list(request):
    user = request.user
    gate(user, VIEW_COUNCIL)
    councils = (
        Council.objects.visible_to(user)
        .select_related("gemeente", "regio", "parent")
        .annotate(
            n_members=Count(
                "members",
                filter=Q(members__term_end__isnull=True) | Q(members__term_end__gte=timezone.localdate()),
            )
        )
        .order_by("gemeente__name", "name")
    )
    councils = list(councils)
    setups = {
        s.gemeente_id: s for s in Setup.objects.filter(gemeente_id__in={c.gemeente_id for c in councils})
    }
    for council in councils:
        setup_row = setups.get(council.gemeente_id)
        council.setup_label = setup_row.get_model_display() if setup_row else ""
    return render(request, "participation/councils.html", {"councils": councils})


@login_required
def council_detail(request, pk: int):
    user = request.user
    gate(user, VIEW_COUNCIL)
    council = visible(
        Council.objects.select_related("gemeente", "regio", "parent").prefetch_related(
            Prefetch("members", queryset=CouncilMember.objects.order_by("role", "name")),
            "chambers",
            "constituent_councils",
        ),
        user,
        pk,
    )
    may_add = can(user, "participation.add_councilmember", council.gemeente_id)
    form = MemberForm(request.POST or None) if may_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.add_member(user, council, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het lid is toegevoegd."))
            return redirect("participation:council", pk=council.pk)
    today = timezone.localdate()
    members = [
        m
        for m in council.members.all()
        if m.term_start <= today and (m.term_end is None or m.term_end >= today)
    ]
    advices = (
        Advice.objects.visible_to(user)
        .filter(council=council)
        .select_related("council")
        .order_by("-submitted_on", "-id")[:25]
    )
    return render(
        request,
        "participation/council.html",
        {
            "council": council,
            "members": members,
            "form": form,
            "advices": advices,
            "may_change": can(user, "participation.change_council", council.gemeente_id),
            "may_change_member": can(user, "participation.change_councilmember", council.gemeente_id),
        },
    )


@login_required
def setup(request):
    """The organisation model of the municipality (handreiking ch. 4) and the default terms."""
    user = request.user
    gemeente, gemeenten = chosen_gemeente(request, "participation.change_setup")
    current = Setup.objects.filter(gemeente=gemeente).first()
    initial = (
        {
            "model": current.model,
            "coordination_point": current.coordination_point_id,
            "advice_weeks": current.advice_weeks,
            "response_weeks": current.response_weeks,
        }
        if current
        else {"model": "1a", "advice_weeks": 6, "response_weeks": 6}
    )
    form = SetupForm(request.POST or None, initial=initial)
    council_choices(
        form.fields["coordination_point"],
        Council.objects.filter(gemeente=gemeente, kind=CouncilKind.COORDINATIEPUNT),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_setup(user, gemeente, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het organisatiemodel is vastgelegd."))
            return redirect(f"{reverse('participation:setup')}?gemeente={gemeente.pk}")
    return render(
        request,
        "participation/setup.html",
        {"form": form, "gemeente": gemeente, "gemeenten": gemeenten, "setup": current},
    )
