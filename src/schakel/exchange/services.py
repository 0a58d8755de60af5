"""The exchange app's one door for people and other apps.

* :func:`answer_request` — a 319 on a verzoek (afwijzen, with the woonplaatsbeginsel gemeente for reason
  8, or "in onderzoek"); the toewijzing itself is made in the contracts app and answered by its 301.
* :func:`send_allocation` — the hook that queues a 301 after ``contracts.services.allocate``,
  ``change_allocation``, ``withdraw_allocation`` or ``delete_allocation`` (wired in ``apps.ready`` on the
  append-only ``contracts.AllocationChange``; runs on commit).
* :func:`mark_sent` — outgoing messages handed to a transport.
* Receiving and processing live in :mod:`schakel.exchange.pipeline`; transports in :mod:`.transports`.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.access import policy_for
from schakel.core.values import parse_gemeentecode

from . import outbox, workflow
from .models import Message, MessageStatus, Request

log = logging.getLogger(__name__)
CHANGE_REQUEST = "exchange.change_request"
REASONS = {str(n) for n in range(1, 10)}
WOONPLAATSBEGINSEL = "8"


@transaction.atomic
def answer_request(
    user, request: Request, *, antwoord: str, reden: str = "", woonplaats_gemeente: str = ""
) -> Message:
    """Answer a VOT/VOW with a 319 (OP274/OP346). ``antwoord`` "1" rejects (``reden`` WJ759 required;
    reason 8 needs the responsible ``woonplaats_gemeente``, Jeugdwet only, OP359) or "2" (in onderzoek)."""
    if not policy_for(user).has_perm(CHANGE_REQUEST, request.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht om verzoeken te beantwoorden."))
    request = (
        Request.objects.select_for_update()
        .select_related("gemeente", "provider", "message")
        .get(pk=request.pk)
    )
    if request.status not in (Request.Status.OPEN, Request.Status.IN_ONDERZOEK):
        raise ValidationError(_("Dit verzoek is al definitief beantwoord."))
    errors = {}
    if antwoord not in ("1", "2"):
        errors["antwoord"] = _("Kies afwijzen of 'aanvraag in onderzoek'.")
    if antwoord == "1" and reden not in REASONS:
        errors["reden"] = _("Kies de reden van de afwijzing.")
    if antwoord == "2":
        reden = ""
    place = ""
    if reden == WOONPLAATSBEGINSEL:
        if request.law != "jeugd":
            errors["reden"] = _("Het woonplaatsbeginsel geldt alleen voor de Jeugdwet.")
        else:
            try:
                place = parse_gemeentecode(woonplaats_gemeente)
            except ValidationError:
                errors["woonplaats_gemeente"] = _(
                    "Vul de CBS-code (4 cijfers) van de verantwoordelijke gemeente in."
                )
            if place == request.gemeente.code:
                errors["woonplaats_gemeente"] = _(
                    "Noem de gemeente die wél verantwoordelijk is, niet uw eigen gemeente."
                )
    elif woonplaats_gemeente:
        errors["woonplaats_gemeente"] = _(
            "Een gemeente noemt u alleen bij afwijzing wegens het woonplaatsbeginsel."
        )
    if errors:
        raise ValidationError(errors)
    return outbox.answer_message(request, antwoord=antwoord, reden=reden, woonplaats_gemeente=place)


def send_allocation(allocation) -> Message | None:
    """Queue the 301 for a changed allocation (the contracts hook). Errors are logged, not raised: the
    allocation stands, and the outbox shows no 301 for it (a functional administrator resends)."""
    try:
        with transaction.atomic():
            return outbox.allocation_message(allocation)
    except ValidationError as exc:
        log.warning("301 not queued for allocation %s: %s", allocation.pk, "; ".join(exc.messages))
        return None


def on_allocation_change(sender, instance, created, **kwargs) -> None:
    """post_save of ``contracts.AllocationChange``: a new allocate/change/withdraw/delete row → a 301."""
    if not created or instance.kind not in ("toegewezen", "gewijzigd", "ingetrokken", "verwijderd"):
        return
    allocation = instance.allocation
    transaction.on_commit(lambda: send_allocation(allocation))


@transaction.atomic
def mark_sent(messages) -> int:
    """Outgoing messages handed to a transport (export folder, provider fetch): ``klaar`` → ``verzonden``."""
    now = timezone.now()
    count = 0
    for message in messages:
        if message.status != MessageStatus.READY:
            continue
        workflow.check(message.status, MessageStatus.SENT)
        message.status = MessageStatus.SENT
        message.sent_at = now
        count += 1
    Message.objects.bulk_update(
        [m for m in messages if m.status == MessageStatus.SENT], ["status", "sent_at"]
    )
    return count
