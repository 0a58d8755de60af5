"""Advice: drafting (members), submitting, and the municipality's response per advice point."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import AdviceForm, PointForm, ResponseForm, apply_service_error, council_choices
from ..models import Advice, AdviceRequest, Council, Response, Signal
from ..query import VIEW_ADVICE, VIEW_DRAFTS
from ..services._base import holds_seat
from .common import can, gate, visible


def _acting_councils(user):
    """Councils the user may draft advice for: their seats, or all (ambtelijk secretaris)."""
    from schakel.core.access import policy_for

    policy = policy_for(user)
    drafts = policy.gemeenten_with(VIEW_DRAFTS)
    return Council.objects.filter(active=True).filter(
        pk__in=Council.objects.of_user(user).values("pk")
    ) | Council.objects.filter(active=True, gemeente_id__in=drafts)


@login_required
def advice_new(request):
    user = request.user
    gate(user, "participation.add_advice")
    on_request = None
    if request.GET.get("aanvraag", "").isdigit():
        on_request = visible(
            AdviceRequest.objects.prefetch_related("councils"), user, int(request.GET["aanvraag"])
        )
    form = AdviceForm(request.POST or None)
    councils = _acting_councils(user).order_by("name")
    if on_request is not None:
        asked = {c.pk for c in on_request.councils.all()} | {on_request.coordination_point_id}
        councils = [c for c in councils if c.pk in asked]
    councils = list(councils)
    council_choices(form.fields["council"], councils)
    if len(councils) == 1:
        form.fields["council"].initial = councils[0].pk
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            advice = services.create_advice(
                user,
                data["council"],
                title=data["title"],
                summary=data["summary"],
                policy_field=data["policy_field"],
                request=on_request,
                points=data["points"].splitlines(),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het conceptadvies is aangemaakt."))
            return redirect("participation:advice", pk=advice.pk)
    return render(request, "participation/advice_new.html", {"form": form, "on_request": on_request})


@login_required
def advice_detail(request, pk: int):
    user = request.user
    gate(user, VIEW_ADVICE)
    advice = visible(
        Advice.objects.select_related("council", "request", "gemeente").prefetch_related(
            "points", "joint_councils"
        ),
        user,
        pk,
    )
    response = Response.objects.filter(advice=advice).first()
    acting = can(user, VIEW_DRAFTS, advice.gemeente_id) or holds_seat(user, advice.council)
    editable = (
        acting and advice.status == "concept" and can(user, "participation.change_advice", advice.gemeente_id)
    )
    point_form = PointForm() if editable else None
    if request.method == "POST":
        action = request.POST.get("actie", "")
        try:
            if action == "punt" and editable:
                point_form = PointForm(request.POST)
                if point_form.is_valid():
                    services.add_point(user, advice, point_form.cleaned_data["text"])
                    messages.success(request, _("Het adviespunt is toegevoegd."))
                    return redirect("participation:advice", pk=advice.pk)
            elif action == "uitbrengen" and editable:
                services.submit_advice(user, advice)
                messages.success(request, _("Het advies is uitgebracht."))
                return redirect("participation:advice", pk=advice.pk)
            elif action == "intrekken" and editable:
                services.withdraw_advice(user, advice)
                messages.success(request, _("Het conceptadvies is ingetrokken."))
                return redirect("participation:advice", pk=advice.pk)
            elif action == "publiceren" and can(user, "participation.publish_response", advice.gemeente_id):
                services.publish_response(user, advice)
                messages.success(request, _("De reactie is gepubliceerd in het openbare register."))
                return redirect("participation:advice", pk=advice.pk)
            else:
                raise PermissionDenied(_("U heeft geen recht op deze handeling."))
        except ValidationError as exc:
            if point_form is not None and action == "punt":
                apply_service_error(point_form, exc)
            else:
                for message in exc.messages:
                    messages.error(request, message)
    signals = list(Signal.objects.visible_to(user).filter(advices=advice).order_by("-received_on"))
    services.log_signal_read(user, signals, "adviesraad.advies.signalen")
    return render(
        request,
        "participation/advice.html",
        {
            "advice": advice,
            "points": list(advice.points.all()),
            "response": response,
            "editable": editable,
            "point_form": point_form,
            "signals": signals,
            "may_respond": advice.status == "uitgebracht"
            and can(user, "participation.add_response", advice.gemeente_id),
            "may_publish": advice.status == "uitgebracht"
            and response is not None
            and can(user, "participation.publish_response", advice.gemeente_id),
        },
    )


@login_required
def respond(request, pk: int):
    """The college's response per advice point (adopted / partly / not adopted; motivation unless adopted)."""
    user = request.user
    gate(user, "participation.add_response")
    advice = visible(Advice.objects.select_related("council", "request"), user, pk)
    if not can(user, "participation.add_response", advice.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    points = list(advice.points.all())
    response = Response.objects.filter(advice=advice).first()
    initial = (
        {
            "summary": response.summary,
            "raadsvoorstel_reference": response.raadsvoorstel_reference,
            "raadsvoorstel_url": response.raadsvoorstel_url,
        }
        if response
        else {}
    )
    form = ResponseForm(request.POST or None, points=points, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # recorded and published together, or not at all
                services.record_response(
                    user,
                    advice,
                    outcomes=form.outcomes(),
                    summary=data["summary"],
                    raadsvoorstel_reference=data["raadsvoorstel_reference"],
                    raadsvoorstel_url=data["raadsvoorstel_url"],
                )
                if request.POST.get("actie") == "publiceren":
                    services.publish_response(user, advice)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("De reactie is vastgelegd."))
            return redirect("participation:advice", pk=advice.pk)
    return render(request, "participation/respond.html", {"advice": advice, "form": form})
