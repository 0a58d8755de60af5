"""Melding, onderzoek and aanvraag (Wmo 2015 art. 2.3.2; Awb art. 4:1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.models import Team
from schakel.core.vocab import Law, LifeDomain
from schakel.people.models import Household, Person

from ..models import (
    Aanvraag,
    Case,
    CaseEvent,
    CaseStatus,
    Melding,
    Onderzoek,
    Plan,
)
from ._base import (
    ADD_CASE,
    CHANGE_CASE,
    Act,
    _event,
    _log_change,
    _not_in_future,
    _require,
    _require_visible,
    _set_status,
    _validate_laws,
)
from .deadlines import refresh_deadline


@transaction.atomic
def register_melding(
    user,
    *,
    household: Household,
    received_on: date,
    channel: str,
    laws: Iterable[str],
    question: str,
    team: Team,
    regisseur=None,
    person: Person | None = None,
) -> Case:
    """Register a melding. Opens the household's case, or adds the melding to its open case."""
    _require(user, ADD_CASE, household.gemeente_id)
    laws = _validate_laws(laws)
    _not_in_future(received_on, "received_on")
    if channel not in Melding.Channel.values:
        raise ValidationError({"channel": _("Kies hoe de melding binnenkwam.")})
    if not question.strip():
        raise ValidationError({"question": _("Beschrijf de hulpvraag.")})
    if team.gemeente_id != household.gemeente_id:
        raise ValidationError({"team": _("Het team hoort niet bij de gemeente van dit huishouden.")})
    if person is not None and not household.memberships.filter(person=person).exists():
        raise ValidationError({"person": _("Deze persoon hoort niet bij het huishouden.")})
    case = (
        Case.objects.select_for_update()
        .filter(household=household)
        .exclude(status=CaseStatus.AFGESLOTEN)
        .first()
    )
    if case is None:
        case = Case.objects.create(
            gemeente_id=household.gemeente_id,
            household=household,
            person=person,
            regisseur=regisseur or user,
            team=team,
            status=CaseStatus.MELDING,
            laws=laws,
            opened_on=received_on,
        )
        Plan.objects.create(case=case)
    else:
        _require_visible(user, case)
        case.laws = sorted(set(case.laws) | set(laws))
        case.save(update_fields=["laws", "updated_at"])
    Melding.objects.create(
        case=case, received_on=received_on, channel=channel, laws=laws, question=question.strip()
    )
    labels = ", ".join(str(Law(law).label) for law in laws)
    _event(case, CaseEvent.Kind.MELDING, _("Melding ontvangen (%(laws)s)") % {"laws": labels}, user)
    refresh_deadline(case)
    _log_change(user, case, Act.CREATE, "melding.registreren")
    return case


@transaction.atomic
def start_onderzoek(user, case: Case, *, started_on: date | None = None) -> Onderzoek:
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    started_on = started_on or timezone.localdate()
    _set_status(case, CaseStatus.ONDERZOEK, user, by_system=False, summary=_("Onderzoek gestart"))
    onderzoek, _created = Onderzoek.objects.get_or_create(case=case, defaults={"started_on": started_on})
    _log_change(user, case, Act.UPDATE, "onderzoek.starten")
    return onderzoek


@transaction.atomic
def record_onderzoek(
    user,
    case: Case,
    *,
    findings: dict[str, str],
    own_strength: str = "",
    summary: str = "",
    complete: bool = False,
) -> Onderzoek:
    """Record the conversation report per life domain (Wmo 2015 art. 2.3.2 lid 4)."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if case.status != CaseStatus.ONDERZOEK:
        raise ValidationError(
            _("Het onderzoek kan alleen worden vastgelegd zolang de casus in onderzoek is.")
        )
    unknown = [key for key in findings if key not in LifeDomain.values]
    if unknown:
        raise ValidationError({"findings": _("Onbekend leefgebied: %(d)s") % {"d": ", ".join(unknown)}})
    onderzoek, _created = Onderzoek.objects.get_or_create(case=case, defaults={"started_on": case.opened_on})
    onderzoek.findings = {k: v.strip() for k, v in findings.items() if v and v.strip()}
    onderzoek.own_strength = own_strength
    onderzoek.summary = summary
    if complete:
        if not onderzoek.findings:
            raise ValidationError({"findings": _("Leg voor minstens één leefgebied de bevindingen vast.")})
        onderzoek.completed_on = timezone.localdate()
    onderzoek.save()
    _event(
        case,
        CaseEvent.Kind.ONDERZOEK,
        _("Onderzoek afgerond") if complete else _("Gespreksverslag bijgewerkt"),
        user,
    )
    refresh_deadline(case)
    _log_change(user, case, Act.UPDATE, "onderzoek.vastleggen")
    return onderzoek


@transaction.atomic
def record_aanvraag(
    user, case: Case, *, received_on: date, law: str, description: str, signed_report: bool = False
) -> Aanvraag:
    """An aanvraag starts the decision term (Wmo 2015 art. 2.3.5 lid 2; Awb art. 4:13)."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    _validate_laws([law])
    _not_in_future(received_on, "received_on")
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er wordt aangevraagd.")})
    aanvraag = Aanvraag.objects.create(
        case=case,
        received_on=received_on,
        law=law,
        description=description.strip(),
        signed_report=signed_report,
    )
    if case.status != CaseStatus.AANVRAAG:
        _set_status(case, CaseStatus.AANVRAAG, user, by_system=True, summary=_("Aanvraag ontvangen"))
    else:
        _event(case, CaseEvent.Kind.AANVRAAG, _("Aanvraag ontvangen"), user)
        refresh_deadline(case)
    _log_change(user, case, Act.CREATE, "aanvraag.registreren")
    return aanvraag
