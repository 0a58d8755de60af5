"""Public entry points of the people app: finding persons and reading households, always logged."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from schakel.core import activities, processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry

from .brp import BrpPerson, SearchCriteria, get_adapter
from .models import Household, Person

Act = ProcessingLogEntry.Action
SEARCH_PERMS = ("people.view_household", "people.view_all_households")


def can_search(user) -> bool:
    policy = policy_for(user)
    return any(policy.has_perm(p) for p in SEARCH_PERMS)


def search_persons(user, criteria: SearchCriteria) -> list[BrpPerson]:
    """Search the BRP to take a melding (activity ``melding-persoon-zoeken``). Each hit is logged."""
    if not can_search(user):
        raise PermissionDenied(_("U heeft geen recht om personen te zoeken."))
    found = get_adapter().search(criteria, purpose=activities.INTAKE_PERSON_SEARCH, user=user)
    gemeente_ids = policy_for(user).gemeente_ids
    gemeente_id = next(iter(gemeente_ids)) if len(gemeente_ids) == 1 else None
    processing_log.record(
        user=user,
        action=Act.SEARCH,
        operation=f"brp.{criteria.kind}",
        activity_code=activities.INTAKE_PERSON_SEARCH,
        subjects=[processing_log.Subject("brp-persoon", "-", p.bsn, gemeente_id) for p in found],
        data_categories=["naam", "geboortedatum", "adres"],
    )
    return found


def log_read(
    user,
    persons: Iterable[Person],
    *,
    operation: str,
    data_categories: Iterable[str],
    activity_code: str = activities.CASE_MANAGEMENT,
    break_glass_reason: str = "",
) -> None:
    """Write one processing-log entry per person whose data is shown (no sampling)."""
    processing_log.record(
        user=user,
        action=Act.READ,
        operation=operation,
        activity_code=activity_code,
        subjects=[processing_log.Subject("persoon", p.pk, p.bsn, p.gemeente_id) for p in persons],
        data_categories=data_categories,
        break_glass_reason=break_glass_reason,
    )


def visible_household(user, household_id: int) -> Household:
    """The household if the user may see it (need-to-know), else :class:`PermissionDenied` — logged."""
    household = Household.objects.visible_to(user, single=True).filter(pk=household_id).first()
    if household is None:
        exists = Household.objects.filter(pk=household_id).first()
        if exists is not None:
            processing_log.record(
                user=user,
                action=Act.READ,
                operation="huishouden.inzien",
                activity_code=activities.CASE_MANAGEMENT,
                subjects=[processing_log.Subject("huishouden", household_id, "", exists.gemeente_id)],
                result=ProcessingLogEntry.Result.DENIED,
            )
        raise PermissionDenied(_("Dit huishouden valt buiten uw werkvoorraad."))
    return household


@transaction.atomic
def ensure_person(brp_person: BrpPerson, gemeente_id: int) -> Person:
    """Create or refresh the local copy of a person found in the BRP."""
    defaults = {
        "gemeente_id": gemeente_id,
        "voornamen": brp_person.voornamen,
        "voorvoegsel": brp_person.voorvoegsel,
        "geslachtsnaam": brp_person.geslachtsnaam,
        "birth_date": brp_person.geboortedatum,
        "birth_year": brp_person.geboortejaar,
        "birth_month": brp_person.geboortemaand,
        "birth_day": brp_person.geboortedag,
        "gender": brp_person.geslacht or "O",
        "straat": brp_person.straat,
        "huisnummer": brp_person.huisnummer,
        "huisletter": brp_person.huisletter,
        "toevoeging": brp_person.toevoeging,
        "postcode": brp_person.postcode,
        "woonplaats": brp_person.woonplaats,
        "naamgebruik": brp_person.naamgebruik or "E",
        "partner_voorvoegsel": brp_person.partner_voorvoegsel,
        "partner_geslachtsnaam": brp_person.partner_geslachtsnaam,
    }
    person, _created = Person.objects.update_or_create(bsn=brp_person.bsn, defaults=defaults)
    return person
