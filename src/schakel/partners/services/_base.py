"""Shared checks of the partners services: permission in the municipality, processing log, permission names."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from schakel.core import processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry
from schakel.people.models import Person

#: Processing activity of the register (partners/data/configuration.yaml).
ACTIVITY = "reintegratie-samenwerking-zorgverzekeraar"
ADD_REFERRAL = "partners.add_referral"
CHANGE_REFERRAL = "partners.change_referral"
REPORT_REFERRAL = "partners.report_referral"
MANAGE_PARTNERSHIP = "partners.change_partnership"
BOOK_FUND = "partners.add_fundentry"
OVERRIDE_FUND = "partners.override_fund"
ADD_SCREENING = "partners.add_healthscreening"
ADD_CHECK = "partners.add_collaborationcheck"
FULL = 10_000  # basis points
Act = ProcessingLogEntry.Action


def _require(user, perm: str, gemeente_id: int) -> None:
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def _log(user, action: str, operation: str, persons: Iterable[Person], categories: Iterable[str]) -> None:
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=ACTIVITY,
        subjects=[processing_log.Subject("persoon", p.pk, p.bsn, p.gemeente_id) for p in persons],
        data_categories=list(categories),
    )
