"""Transition tables of an allocation (toewijzing). Status changes happen only through these tables.

Two independent axes:

* :data:`ALLOCATION_TRANSITIONS` – what the municipality does (301 messages): an active toewijzing may be
  changed (stays active; only OP033x1/IV066 changes), withdrawn (Einddatum brought forward with a
  RedenWijziging) or deleted (RedenWijziging 13, Einddatum = Ingangsdatum, CS335). Withdrawn and deleted
  are final: anything else is a new allocation with a new ToewijzingNummer.
* :data:`DELIVERY_TRANSITIONS` – what the provider reports (305 start / 307 stop). A stop with
  RedenBeeindiging 20 is a temporary stop (OP377); after it only a new start or a definitive stop may follow
  (TR413/TR414). A cancelled start (StatusAanlevering 3) returns to "niet gestart"; a cancelled stop to
  "gestart" (TR063). Start/stop never block a claim (OP364).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AllocationStatus as A
from .models import DeliveryStatus as D

#: (from status, action) → to status. Actions: change, withdraw, delete.
ALLOCATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (A.ACTIVE, "change"): A.ACTIVE,
    (A.ACTIVE, "withdraw"): A.WITHDRAWN,
    (A.ACTIVE, "delete"): A.DELETED,
}

#: (from delivery status, event) → to delivery status. Events: start, stop, stop_temporary, cancel_start,
#: cancel_stop.
DELIVERY_TRANSITIONS: dict[tuple[str, str], str] = {
    (D.NOT_STARTED, "start"): D.STARTED,
    (D.INTERRUPTED, "start"): D.STARTED,
    (D.STARTED, "stop"): D.STOPPED,
    (D.INTERRUPTED, "stop"): D.STOPPED,
    (D.STARTED, "stop_temporary"): D.INTERRUPTED,
    (D.STARTED, "cancel_start"): D.NOT_STARTED,
    (D.STOPPED, "cancel_stop"): D.STARTED,
    (D.INTERRUPTED, "cancel_stop"): D.STARTED,
}

TEMPORARY_STOP = "20"


def next_status(current: str, action: str) -> str:
    try:
        return ALLOCATION_TRANSITIONS[(current, action)]
    except KeyError:
        raise ValidationError(
            _("Deze toewijzing is %(status)s en kan niet meer worden gewijzigd; maak een nieuwe toewijzing.")
            % {"status": A(current).label.lower()},
            code="transition",
        ) from None


def next_delivery_status(current: str, event: str) -> str:
    try:
        return DELIVERY_TRANSITIONS[(current, event)]
    except KeyError:
        raise ValidationError(
            _("Deze levermelding past niet bij de huidige levering (%(status)s).")
            % {"status": D(current).label.lower()},
            code="delivery_transition",
        ) from None
