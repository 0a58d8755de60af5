"""Periodic consultation and agenda items (Participatiewet art. 47 sub a, b), the information log (sub c)
and signals from the constituency (named signals are written to the processing log when shown)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services
from ..forms import (
    AgendaItemForm,
    InformationForm,
    MeetingForm,
    MinutesForm,
    SignalForm,
    apply_service_error,
    council_choices,
)
from ..models import Advice, Council, InformationItem, Meeting, Signal
from ..query import VIEW_ALL, VIEW_INFORMATION, VIEW_MEETING, VIEW_SIGNAL
from .common import can, gate, visible


def _councils_with(user, perm: str, *, seat: bool):
    """Councils the user may act for with ``perm``: staff of the municipality, or (``seat``) own councils."""
    from schakel.core.access import policy_for

    policy = policy_for(user)
    staff = [g for g in policy.gemeenten_with(perm) if policy.has_perm(VIEW_ALL, g)]
    qs = Council.objects.filter(active=True, gemeente_id__in=staff)
    if seat:
        member = [g for g in policy.gemeenten_with(perm) if g not in staff]
        qs = qs | Council.objects.filter(
            active=True, gemeente_id__in=member, pk__in=Council.objects.of_user(user).values("pk")
        )
    return qs.order_by("name")


@login_required
def meetings(request):
    user = request.user
    gate(user, VIEW_MEETING)
    form = None
    if can(user, "participation.add_meeting"):
        form = MeetingForm(request.POST or None)
        council_choices(form.fields["council"], _councils_with(user, "participation.add_meeting", seat=False))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.create_meeting(
                    user,
                    data.pop("council"),
                    date=data["date"],
                    location=data["location"],
                    agenda_deadline=data["agenda_deadline"],
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Het overleg is gepland."))
                return redirect("participation:meeting", pk=meeting.pk)
    rows = (
        Meeting.objects.visible_to(user)
        .select_related("council")
        .annotate(n_items=Count("agenda_items"))
        .order_by("-date", "-id")[:100]
    )
    return render(
        request,
        "participation/meetings.html",
        {"meetings": rows, "form": form, "today": timezone.localdate()},
    )


@login_required
def meeting_detail(request, pk: int):
    user = request.user
    gate(user, VIEW_MEETING)
    meeting = visible(Meeting.objects.select_related("council"), user, pk)
    form = (
        AgendaItemForm(request.POST or None)
        if can(user, "participation.add_agendaitem", meeting.gemeente_id)
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.submit_agenda_item(user, meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het agendapunt is aangemeld."))
            return redirect("participation:meeting", pk=meeting.pk)
    items = meeting.agenda_items.select_related("submitted_by").order_by("id")
    return render(
        request,
        "participation/meeting.html",
        {
            "meeting": meeting,
            "items": items,
            "form": form,
            "may_record": meeting.date <= timezone.localdate()
            and can(user, "participation.change_meeting", meeting.gemeente_id),
        },
    )


@login_required
def meeting_minutes(request, pk: int):
    """Edit screen: the minutes and decisions of a meeting that took place."""
    user = request.user
    gate(user, VIEW_MEETING)
    meeting = visible(Meeting.objects.select_related("council"), user, pk)
    if not can(user, "participation.change_meeting", meeting.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    form = MinutesForm(
        request.POST or None, initial={"minutes": meeting.minutes, "decisions": meeting.decisions}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_minutes(user, meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Het verslag is vastgelegd."))
            return redirect("participation:meeting", pk=meeting.pk)
    return render(request, "participation/meeting_minutes.html", {"meeting": meeting, "form": form})


@login_required
def information(request):
    user = request.user
    gate(user, VIEW_INFORMATION)
    form = None
    if can(user, "participation.add_informationitem"):
        form = InformationForm(request.POST or None)
        council_choices(
            form.fields["council"], _councils_with(user, "participation.add_informationitem", seat=False)
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.log_information(user, data.pop("council"), **data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("De verstrekte informatie is vastgelegd."))
                return redirect("participation:information")
    rows = (
        InformationItem.objects.visible_to(user)
        .select_related("council", "request")
        .order_by("-provided_on", "-id")[:200]
    )
    return render(request, "participation/information.html", {"rows": rows, "form": form})


@login_required
def signals(request):
    user = request.user
    gate(user, VIEW_SIGNAL)
    form = None
    if can(user, "participation.add_signal"):
        form = SignalForm(request.POST or None, prefix="signaal")
        council_choices(form.fields["council"], _councils_with(user, "participation.add_signal", seat=True))
        if request.method == "POST" and request.POST.get("actie") == "koppelen":
            _link(request)
            return redirect("participation:signals")
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.record_signal(user, data.pop("council"), **data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Het signaal is vastgelegd."))
                return redirect("participation:signals")
    theme = request.GET.get("thema", "")
    rows = (
        Signal.objects.visible_to(user)
        .select_related("council")
        .prefetch_related("advices")
        .order_by("-received_on", "-id")
    )
    if theme:
        rows = rows.filter(theme=theme)
    rows = list(rows[:200])
    services.log_signal_read(user, rows, "adviesraad.signalen.lijst")
    advices = list(Advice.objects.visible_to(user).only("id", "title", "council_id").order_by("-id")[:100])
    return render(
        request,
        "participation/signals.html",
        {
            "rows": rows,
            "form": form,
            "advices": advices,
            "theme": theme,
            "themes": Signal._meta.get_field("theme").choices,
        },
    )


def _link(request) -> None:
    user = request.user
    try:
        signal = Signal.objects.visible_to(user).get(pk=int(request.POST.get("signaal", "0")))
        advice = Advice.objects.visible_to(user).get(pk=int(request.POST.get("advies", "0")))
        services.link_signal(user, signal, advice)
    except (ValueError, Signal.DoesNotExist, Advice.DoesNotExist):
        messages.error(request, _("Kies een signaal en een advies."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Het signaal is aan het advies gekoppeld."))
