"""Booking the cost of a partner intervention as realisation of the earmark *Interventies met partners*.

The partners work (a referral to an intervention completed) calls :func:`book_intervention_cost` with the
intervention's cost and the municipality's share of its four-payer split (gemeente / basisverzekering /
aanvullende verzekering / fonds). One :class:`~schakel.finance.models.PayableLine` with source
``interventie`` is booked: ``amount_cents`` is the whole cost, ``municipal_cents`` the municipal share (the
realisation of the earmark ``partner``), ``partner_cents`` the rest, paid by the payers named in ``partner``.

Without a provider the line is realisation only: it is paid outside Schakel (e.g. on the deliverer's
invoice) and never enters a payment run (check constraint ``payable_provider_unless_intervention``).
Money in integer eurocent (iStandaarden IV024).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.models import Gemeente

from ..models import EarmarkKind, PayableLine
from ._base import check_cents

Source = PayableLine.Source


def _validate(*, gemeente_id, source_ref, on, amount_cents, municipal_cents) -> None:
    errors: dict[str, list[str]] = {}
    for value, name in ((amount_cents, "amount_cents"), (municipal_cents, "municipal_cents")):
        try:
            check_cents(value, name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not errors and municipal_cents > amount_cents:
        errors["municipal_cents"] = [
            _("Het gemeentelijke deel kan niet groter zijn dan de kosten van de interventie.")
        ]
    if not isinstance(source_ref, str) or not source_ref.strip() or len(source_ref) > 64:
        errors["source_ref"] = [_("Elke interventie heeft een eigen kenmerk (maximaal 64 tekens).")]
    if not isinstance(on, date) or isinstance(on, datetime):
        errors["on"] = [_("Geef de datum waarop de interventie is afgerond.")]
    if (
        isinstance(gemeente_id, bool)
        or not isinstance(gemeente_id, int)
        or not Gemeente.objects.filter(pk=gemeente_id).exists()
    ):
        errors["gemeente_id"] = [_("Deze gemeente bestaat niet.")]
    if errors:
        raise ValidationError(errors)


def book_intervention_cost(
    *,
    gemeente_id: int,
    source_ref: str,
    description: str,
    on: date,
    amount_cents: int,
    municipal_cents: int,
    partner: str,
    provider=None,
    user=None,
) -> PayableLine | None:
    """Book the cost of a completed partner intervention; return the new line, or ``None`` when
    ``source_ref`` was booked before (idempotent: nothing is booked twice).

    ``amount_cents`` is the whole cost, ``municipal_cents`` the municipality's share (0 ≤ share ≤ cost);
    the rest is the partners' share (``partner``: the other payers, as text). ``on`` sets the period
    (``period_start = period_end = on``) and the realisation month. ``provider`` (a ``contracts.Provider``
    or its id) only when Schakel pays the deliverer in a payment run; default ``None`` = realisation only.

    Safe inside the caller's transaction: the insert runs in a savepoint, so a concurrent booking of the
    same reference (unique ``(source, source_ref)``) is answered with ``None`` without breaking the
    caller's transaction. ``user`` is accepted for the caller's trail; this is a system booking triggered
    by the partners workflow, which checks its own permissions. Invalid amounts raise ValidationError
    and book nothing.
    """
    _validate(
        gemeente_id=gemeente_id,
        source_ref=source_ref,
        on=on,
        amount_cents=amount_cents,
        municipal_cents=municipal_cents,
    )
    if PayableLine.objects.filter(source=Source.INTERVENTION, source_ref=source_ref).exists():
        return None
    line = PayableLine(
        gemeente_id=gemeente_id,
        provider_id=getattr(provider, "pk", provider),
        source=Source.INTERVENTION,
        source_ref=source_ref,
        law="",
        earmark_kind=EarmarkKind.PARTNER,
        period_start=on,
        period_end=on,
        year=on.year,
        month=on.month,
        amount_cents=amount_cents,
        municipal_cents=municipal_cents,
        partner_cents=amount_cents - municipal_cents,
        partner=(partner or "")[:200],
        status=PayableLine.Status.PAYABLE,
        description=(description or "")[:200],
        booked_at=timezone.now(),
    )
    try:
        with transaction.atomic():  # a savepoint inside the caller's transaction
            line.save(force_insert=True)
    except IntegrityError:
        if PayableLine.objects.filter(source=Source.INTERVENTION, source_ref=source_ref).exists():
            return None  # booked concurrently by another request
        raise
    return line
