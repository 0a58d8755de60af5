"""Advice requests: create, attach documents, send (routed by the organisation model), coordination, withdraw.

Wmo 2015 art. 2.1.3 lid 3 and the verordeningen ask for early involvement: the stage of the policy cycle is
recorded with each request and early involvement derived from it. The request carries the proposed
response term (Movisie advice-request form) and a deadline for the advice, which may not lie in the past.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.models import Gemeente

from ..models import AdviceRequest, Council, RequestDocument, RequestStatus
from ..vocab import EARLY_STAGES, PolicyField, PolicyStage
from ._base import not_in_past, require, require_seat, required_text, transition_request
from .councils import councils_of, route

#: Documents: at most 10 MB, and only these types (checked on extension *and* leading bytes).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_DOCUMENTS = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
}


def _validate_links(links: str) -> str:
    lines = [line.strip() for line in (links or "").splitlines() if line.strip()]
    check = URLValidator(schemes=["https", "http"])
    for line in lines:
        try:
            check(line)
        except ValidationError:
            raise ValidationError({"links": _("Geen geldige link: %(v)s") % {"v": line[:80]}})
    return "\n".join(lines)


@transaction.atomic
def create_request(
    user,
    gemeente: Gemeente,
    *,
    subject: str,
    policy_field: str,
    stage: str,
    advice_deadline: date,
    response_weeks: int = 6,
    description: str = "",
    links: str = "",
    councils: list[Council] | None = None,
) -> AdviceRequest:
    """Register an advice request (concept). Without ``councils`` the organisation model's routing decides."""
    require(user, "participation.add_advicerequest", gemeente.pk)
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = _("Geef het onderwerp van de adviesaanvraag.")
    if policy_field not in PolicyField.values:
        errors["policy_field"] = _("Kies het beleidsveld.")
    if stage not in PolicyStage.values:
        errors["stage"] = _("Kies de fase in de beleidscyclus.")
    if advice_deadline is None:
        errors["advice_deadline"] = _("Geef de uiterste datum voor het advies.")
    if not response_weeks or not 1 <= response_weeks <= 52:
        errors["response_weeks"] = _("De reactietermijn ligt tussen 1 en 52 weken.")
    if errors:
        raise ValidationError(errors)
    not_in_past(advice_deadline, "advice_deadline")
    allowed = {c.pk for c in councils_of(gemeente.pk)}
    if councils and any(c.pk not in allowed for c in councils):
        raise ValidationError({"councils": _("Deze raad adviseert niet voor deze gemeente.")})
    request = AdviceRequest.objects.create(
        gemeente=gemeente,
        subject=subject.strip(),
        description=(description or "").strip(),
        policy_field=policy_field,
        stage=stage,
        early_involvement=stage in EARLY_STAGES,
        advice_deadline=advice_deadline,
        response_weeks=response_weeks,
        links=_validate_links(links),
        created_by=user,
    )
    routing = route(gemeente.pk, policy_field)
    if councils:
        request.councils.set(councils)
    elif routing.coordination_point is None:
        request.councils.set(routing.councils)
    request.coordination_point = routing.coordination_point if not councils else None
    request.save(update_fields=["coordination_point"])
    return request


@transaction.atomic
def add_document(user, request: AdviceRequest, *, title: str, upload) -> RequestDocument:
    """Attach a document: size and type are checked (extension and file signature), never executed."""
    require(user, "participation.change_advicerequest", request.gemeente_id)
    title = required_text(title, "title", _("Geef de titel van het stuk."))
    if upload is None:
        raise ValidationError({"file": _("Kies een bestand.")})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("Het bestand is groter dan 10 MB.")})
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_DOCUMENTS:
        raise ValidationError({"file": _("Alleen PDF, DOCX, XLSX, ODT of TXT is toegestaan.")})
    content_type, signatures = ALLOWED_DOCUMENTS[suffix]
    head = upload.read(8)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError({"file": _("De inhoud van het bestand past niet bij de extensie.")})
    if not signatures and b"\x00" in head:
        raise ValidationError({"file": _("Een tekstbestand mag geen binaire inhoud hebben.")})
    upload.name = f"stuk{suffix}"  # never trust the client's file name on disk
    return RequestDocument.objects.create(
        request=request, title=title, file=upload, content_type=content_type, size=upload.size
    )


@transaction.atomic
def send_request(user, request: AdviceRequest) -> AdviceRequest:
    """Send the request: to the coordination point (models 1c, 4) or to the asked council(s)."""
    require(user, "participation.change_advicerequest", request.gemeente_id)
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    not_in_past(request.advice_deadline, "advice_deadline")
    if request.coordination_point_id:
        transition_request(request, RequestStatus.COORDINATIE)
    else:
        if not request.councils.exists():
            raise ValidationError({"councils": _("Kies minstens één raad om advies aan te vragen.")})
        transition_request(request, RequestStatus.UITGEZET)
    request.sent_on = timezone.localdate()
    request.save(update_fields=["status", "sent_on"])
    return request


@transaction.atomic
def assign_councils(user, request: AdviceRequest, councils: list[Council]) -> AdviceRequest:
    """The coordination point decides which council(s) advise (handreiking model 1c and 4)."""
    if request.coordination_point_id is None:
        raise ValidationError({"councils": _("Deze aanvraag loopt niet via een coördinatiepunt.")})
    require(user, "participation.add_advice", request.gemeente_id)
    require_seat(user, request.coordination_point)
    if not councils:
        raise ValidationError({"councils": _("Kies minstens één raad.")})
    allowed = {c.pk for c in councils_of(request.gemeente_id)}
    if any(c.pk not in allowed for c in councils):
        raise ValidationError({"councils": _("Deze raad adviseert niet voor deze gemeente.")})
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    transition_request(request, RequestStatus.UITGEZET)
    request.save(update_fields=["status"])
    request.councils.set(councils)
    return request


@transaction.atomic
def withdraw_request(user, request: AdviceRequest) -> AdviceRequest:
    require(user, "participation.change_advicerequest", request.gemeente_id)
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    transition_request(request, RequestStatus.INGETROKKEN, by_system=False)
    request.save(update_fields=["status"])
    return request
