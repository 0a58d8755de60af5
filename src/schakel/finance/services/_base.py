"""Shared checks of the finance services: permissions in the owner's municipality, the processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from schakel.core import processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry, Regio

from ..models import EarmarkKind

#: Processing activity of this app (``finance/data/configuration.yaml``).
ACTIVITY = "financiele-verantwoording-sociaal-domein"
CATEGORIES = ["toewijzing", "declaratie", "bedragen"]
Act = ProcessingLogEntry.Action

VIEW_BUDGET = "finance.view_budget"
ADD_BUDGET = "finance.add_budget"
CHANGE_BUDGET = "finance.change_budget"
AMEND_BUDGET = "finance.add_budgetamendment"
VIEW_DETAIL = "finance.view_finance_detail"
BOOK = "finance.add_payableline"
VIEW_PAYABLE = "finance.view_payableline"
VIEW_RUN = "finance.view_paymentrun"
PREPARE_RUN = "finance.add_paymentrun"
APPROVE_RUN = "finance.approve_paymentrun"
VIEW_ALERT = "finance.view_budgetalert"
HANDLE_ALERT = "finance.change_budgetalert"
ADD_RULE = "finance.add_costsplitrule"
COMMIT = "finance.add_commitment"

#: Earmark of a law (allocations and claim lines are booked to it).
LAW_EARMARK = {"wmo": EarmarkKind.WMO, "jeugd": EarmarkKind.JEUGD, "participatie": EarmarkKind.PARTICIPATIE}

MAX_CENTS = 10**15  # far above any municipal budget; refuses typing errors that overflow reports


def owner_gemeente_ids(gemeente_id: int | None, regio_id: int | None) -> list[int]:
    """The municipalities whose permissions count for an object owned by a municipality or a region."""
    if gemeente_id is not None:
        return [gemeente_id]
    return list(
        Regio.gemeenten.through.objects.filter(regio_id=regio_id).values_list("gemeente_id", flat=True)
    )


def require(user, perm: str, gemeente_id: int | None, regio_id: int | None = None) -> None:
    """PermissionDenied unless ``user`` holds ``perm`` in the owner's municipality (or one of the region's)."""
    policy = policy_for(user)
    if not any(policy.has_perm(perm, gid) for gid in owner_gemeente_ids(gemeente_id, regio_id)):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def check_cents(value, field: str, *, allow_negative: bool = False, allow_zero: bool = True) -> int:
    """An amount must be an integer number of eurocent within range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({field: _("Bedragen zijn hele eurocenten (een geheel getal).")})
    if abs(value) >= MAX_CENTS:
        raise ValidationError({field: _("Dit bedrag is onrealistisch groot.")})
    if value < 0 and not allow_negative:
        raise ValidationError({field: _("Het bedrag mag niet negatief zijn.")})
    if value == 0 and not allow_zero:
        raise ValidationError({field: _("Het bedrag mag niet nul zijn.")})
    return value


def check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Geef een begrotingsjaar tussen 2000 en 2100.")})
    return year


def year_window(year: int, as_of: date) -> tuple[date, date]:
    """The remaining part of ``year`` from ``as_of`` (the whole year when ``as_of`` lies before it)."""
    start = max(date(year, 1, 1), as_of)
    return start, date(year, 12, 31)


def log_persons(user, persons: Iterable, *, operation: str, action: str = Act.READ) -> None:
    """One processing-log entry per person shown or changed (activity of this app)."""
    subjects = [processing_log.Subject("persoon", p.pk, p.bsn, p.gemeente_id) for p in persons]
    if subjects:
        processing_log.record(
            user=user,
            action=action,
            operation=operation,
            activity_code=ACTIVITY,
            subjects=subjects,
            data_categories=CATEGORIES,
        )
