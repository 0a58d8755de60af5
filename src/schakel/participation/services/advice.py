"""Advice of the councils (requested and unrequested, joint, pre-advice) and the municipality's response.

Wmo 2015 art. 2.1.3 lid 3 sub b: residents can give requested and unrequested advice. The college answers per
advice point: adopted, partly adopted or not adopted; a motivation is mandatory unless the point is fully
adopted (Awb art. 3:46 by analogy; Leiden practice: the college always explains what it does not adopt).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Advice,
    AdvicePoint,
    AdviceRequest,
    AdviceStatus,
    Council,
    RequestStatus,
    Response,
    Setup,
)
from ..vocab import CouncilKind, Outcome, PolicyField
from ._base import require, require_seat, required_text, transition_advice, transition_request


@transaction.atomic
def create_advice(
    user,
    council: Council,
    *,
    title: str,
    summary: str = "",
    policy_field: str = "",
    request: AdviceRequest | None = None,
    points: list[str] = (),
    joint_councils: list[Council] = (),
) -> Advice:
    """A draft advice of ``council``; on a request (requested) or on the council's own initiative."""
    require(user, "participation.add_advice", council.gemeente_id)
    require_seat(user, council)
    title = required_text(title, "title", _("Geef de titel van het advies."))
    if request is not None:
        request = AdviceRequest.objects.get(pk=request.pk)  # the current status, not a stale copy
        asked = request.councils.filter(pk=council.pk).exists() or request.coordination_point_id == council.pk
        if not asked:
            raise ValidationError({"request": _("Deze raad is niet om advies gevraagd op deze aanvraag.")})
        if request.status not in (RequestStatus.UITGEZET, RequestStatus.COORDINATIE, RequestStatus.ADVIES):
            raise ValidationError({"request": _("Op deze aanvraag kan geen advies meer worden gegeven.")})
        policy_field = request.policy_field
    if policy_field not in PolicyField.values:
        raise ValidationError({"policy_field": _("Kies het beleidsveld van het advies.")})
    advice = Advice.objects.create(
        gemeente_id=council.gemeente_id,
        council=council,
        request=request,
        title=title,
        summary=(summary or "").strip(),
        policy_field=policy_field,
    )
    joint = list(joint_councils) or (
        list(council.constituent_councils.all())
        if council.kind in (CouncilKind.WERKGROEP, CouncilKind.COORDINATIEPUNT)
        else []
    )
    if joint:
        advice.joint_councils.set(joint)
    for number, text in enumerate([p.strip() for p in points if p and p.strip()], start=1):
        AdvicePoint.objects.create(advice=advice, number=number, text=text)
    return advice


@transaction.atomic
def add_point(user, advice: Advice, text: str) -> AdvicePoint:
    require(user, "participation.change_advice", advice.gemeente_id)
    require_seat(user, advice.council)
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status != AdviceStatus.CONCEPT:
        raise ValidationError({"text": _("Een uitgebracht advies kan niet meer worden gewijzigd.")})
    text = required_text(text, "text", _("Geef de tekst van het adviespunt."))
    number = (advice.points.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return AdvicePoint.objects.create(advice=advice, number=number, text=text)


@transaction.atomic
def withdraw_advice(user, advice: Advice) -> Advice:
    """The council withdraws its draft advice (transition table: concept → ingetrokken). Advice that was
    given is a public document and cannot be withdrawn; a withdrawn draft stays visible to its council only."""
    require(user, "participation.change_advice", advice.gemeente_id)
    require_seat(user, advice.council)
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status != AdviceStatus.CONCEPT:
        raise ValidationError({"status": _("Alleen een conceptadvies kan worden ingetrokken.")})
    transition_advice(advice, AdviceStatus.INGETROKKEN)
    advice.save(update_fields=["status"])
    return advice


def _response_due(advice: Advice, today):
    if advice.request_id:
        weeks = advice.request.response_weeks
    else:
        setup = Setup.objects.filter(gemeente_id=advice.gemeente_id).first()
        weeks = setup.response_weeks if setup else 6
    return today + timedelta(weeks=weeks)


@transaction.atomic
def submit_advice(user, advice: Advice) -> Advice:
    """Submit the advice: to the municipality, or — when the request runs via a coordination point and this
    council is not that point — as pre-advice to the coordination point (handreiking model 1c)."""
    require(user, "participation.change_advice", advice.gemeente_id)
    require_seat(user, advice.council)
    advice = Advice.objects.select_for_update(of=("self",)).select_related("request").get(pk=advice.pk)
    if not advice.points.exists():
        raise ValidationError({"points": _("Een advies heeft minstens één adviespunt.")})
    today = timezone.localdate()
    request = advice.request
    if (
        request is not None
        and request.coordination_point_id
        and request.coordination_point_id != advice.council_id
    ):
        transition_advice(advice, AdviceStatus.PRE_ADVICE)
        advice.is_pre_advice = True
        advice.submitted_on = today
        advice.save(update_fields=["status", "is_pre_advice", "submitted_on"])
        return advice
    transition_advice(advice, AdviceStatus.UITGEBRACHT)
    advice.submitted_on = today
    advice.response_due = _response_due(advice, today)
    advice.save(update_fields=["status", "submitted_on", "response_due"])
    if request is not None and request.status in (RequestStatus.UITGEZET, RequestStatus.COORDINATIE):
        request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
        transition_request(request, RequestStatus.ADVIES)
        request.save(update_fields=["status"])
    return advice


@transaction.atomic
def issue_joint_advice(user, request: AdviceRequest, *, title: str, points: list[str], summary: str = ""):
    """The coordination point issues one joint advice after comparing the pre-advice side by side."""
    if request.coordination_point_id is None:
        raise ValidationError({"request": _("Deze aanvraag loopt niet via een coördinatiepunt.")})
    councils = list(
        Council.objects.filter(advices__request=request, advices__status=AdviceStatus.PRE_ADVICE).distinct()
    )
    advice = create_advice(
        user,
        request.coordination_point,
        title=title,
        summary=summary,
        request=request,
        points=points,
        joint_councils=councils,
    )
    if not advice.points.exists():
        raise ValidationError({"points": _("Een advies heeft minstens één adviespunt.")})
    return submit_advice(user, advice)


@transaction.atomic
def record_response(
    user,
    advice: Advice,
    *,
    outcomes: dict[int, tuple[str, str]],
    summary: str = "",
    raadsvoorstel_reference: str = "",
    raadsvoorstel_url: str = "",
) -> Response:
    """Record the response per advice point (``{point_id: (outcome, motivation)}``); not yet published.

    Refused as a whole when a point that is not fully adopted has no motivation."""
    require(user, "participation.add_response", advice.gemeente_id)
    if advice.status not in (AdviceStatus.UITGEBRACHT,):
        raise ValidationError({"status": _("Alleen op een uitgebracht advies kan worden gereageerd.")})
    points = {p.pk: p for p in advice.points.all()}
    errors: dict[str, list[str]] = {}
    for point_id, point in points.items():
        outcome, motivation = outcomes.get(point_id, ("", ""))
        key = f"point_{point_id}"
        if outcome not in Outcome.values:
            errors[key] = [_("Kies de reactie op adviespunt %(n)s.") % {"n": point.number}]
        elif outcome != Outcome.ADOPTED and not (motivation or "").strip():
            errors[key] = [
                _("Motiveer waarom adviespunt %(n)s niet of deels wordt overgenomen.") % {"n": point.number}
            ]
        else:
            point.outcome, point.motivation = outcome, (motivation or "").strip()
    if raadsvoorstel_url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["https", "http"])(raadsvoorstel_url)
        except ValidationError:
            errors["raadsvoorstel_url"] = [_("Geen geldige link naar het raadsvoorstel.")]
    if errors:
        raise ValidationError(errors)
    AdvicePoint.objects.bulk_update(list(points.values()), ["outcome", "motivation"])
    response, _created = Response.objects.update_or_create(
        advice=advice,
        defaults={
            "summary": (summary or "").strip(),
            "raadsvoorstel_reference": (raadsvoorstel_reference or "").strip(),
            "raadsvoorstel_url": raadsvoorstel_url or "",
            "created_by": user,
        },
    )
    return response


@transaction.atomic
def publish_response(user, advice: Advice) -> Response:
    """Publish the response (register); the request is answered when all its advice is answered."""
    require(user, "participation.publish_response", advice.gemeente_id)
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    response = Response.objects.filter(advice=advice).first()
    if response is None or advice.points.filter(outcome="").exists():
        raise ValidationError({"status": _("Leg eerst de reactie op elk adviespunt vast.")})
    missing = advice.points.exclude(outcome=Outcome.ADOPTED).filter(motivation="")
    if missing.exists():
        raise ValidationError({"status": _("Een niet of deels overgenomen punt heeft een motivering nodig.")})
    transition_advice(advice, AdviceStatus.BEANTWOORD)
    advice.save(update_fields=["status"])
    response.published_on = timezone.localdate()
    response.save(update_fields=["published_on"])
    if advice.request_id:
        request = AdviceRequest.objects.select_for_update().get(pk=advice.request_id)
        open_advice = request.advices.filter(status=AdviceStatus.UITGEBRACHT).exists()
        if request.status == RequestStatus.ADVIES and not open_advice:
            transition_request(request, RequestStatus.BEANTWOORD)
            request.save(update_fields=["status"])
    return response
