"""Intake helpers for the melding wizard and the person search: from a BRP hit to a household.

Search hits are kept server-side in the session under random tokens, so the browser only ever sends a
token back (never a BSN in a URL or a form field) — BIO 8.11, AVG art. 5 lid 1 sub f.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from schakel.core import activities, processing_log
from schakel.core.access import policy_for
from schakel.core.models import Gemeente, ProcessingLogEntry
from schakel.core.values import format_postcode, mask_bsn

from .brp import BrpPerson
from .models import Household, HouseholdMember, Person
from .services import ensure_person

SESSION_KEY = "person_search_candidates"
ADD_PERSON = "people.add_person"
ADD_HOUSEHOLD = "people.add_household"
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class SearchHit:
    token: str
    person: BrpPerson
    household_id: int | None  # a household of this person the user may see
    household_name: str = ""

    @property
    def name(self) -> str:
        p = self.person
        return " ".join(x for x in (p.voornamen, p.voorvoegsel, p.geslachtsnaam) if x)

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.person.bsn)

    @property
    def address(self) -> str:
        p = self.person
        number = f"{p.huisnummer or ''}{p.huisletter}{('-' + p.toevoeging) if p.toevoeging else ''}"
        return f"{p.straat} {number}, {format_postcode(p.postcode)} {p.woonplaats}".strip(" ,")

    @property
    def birth(self) -> str:
        p = self.person
        if p.geboortedatum:
            return p.geboortedatum.strftime("%d-%m-%Y")
        if p.geboortejaar:
            return f"{p.geboortedag or 0:02d}-{p.geboortemaand or 0:02d}-{p.geboortejaar}"
        return ""


def _to_session(person: BrpPerson) -> dict:
    data = asdict(person)
    data["geboortedatum"] = person.geboortedatum.isoformat() if person.geboortedatum else None
    return data


def _from_session(data: dict) -> BrpPerson:
    data = dict(data)
    data["geboortedatum"] = date.fromisoformat(data["geboortedatum"]) if data.get("geboortedatum") else None
    return BrpPerson(**data)


def remember_candidates(session, found: list[BrpPerson]) -> list[tuple[str, BrpPerson]]:
    """Replace the session's candidates with these hits; returns ``(token, person)`` pairs."""
    pairs = [(secrets.token_urlsafe(12), person) for person in found[:MAX_CANDIDATES]]
    session[SESSION_KEY] = {token: _to_session(person) for token, person in pairs}
    return pairs


def candidate(session, token: str) -> BrpPerson | None:
    data = session.get(SESSION_KEY, {}).get(token or "")
    return _from_session(data) if data else None


def search_hits(user, pairs: list[tuple[str, BrpPerson]]) -> list[SearchHit]:
    """Attach to each hit the household the user may already see (two queries for the whole list)."""
    bsns = [p.bsn for _t, p in pairs]
    visible = HouseholdMember.objects.filter(
        person__bsn__in=bsns, household__in=Household.objects.visible_to(user)
    ).values_list("person__bsn", "household_id", "household__name")
    by_bsn = {bsn: (hid, name) for bsn, hid, name in visible}
    return [SearchHit(token, person, *by_bsn.get(person.bsn, (None, ""))) for token, person in pairs]


def _gemeente_for(user, brp_person: BrpPerson, perm: str) -> int:
    allowed = policy_for(user).gemeenten_with(perm)
    if not allowed:
        raise PermissionDenied(_("U heeft geen recht om personen of huishoudens vast te leggen."))
    if brp_person.gemeentecode:
        match = Gemeente.objects.filter(code=brp_person.gemeentecode, pk__in=allowed).values_list(
            "pk", flat=True
        )
        if match:
            return match[0]
    existing = Person.objects.filter(bsn=brp_person.bsn, gemeente_id__in=allowed).values_list(
        "gemeente_id", flat=True
    )
    if existing:
        return existing[0]
    return sorted(allowed)[0]


@transaction.atomic
def adopt_person(user, brp_person: BrpPerson) -> Person:
    """Take a BRP hit into Schakel (create or refresh the local person), logged as a processing."""
    gemeente_id = _gemeente_for(user, brp_person, ADD_PERSON)
    person = ensure_person(brp_person, gemeente_id)
    processing_log.record(
        user=user,
        action=ProcessingLogEntry.Action.UPDATE,
        operation="melding.persoon_overnemen",
        activity_code=activities.INTAKE_PERSON_SEARCH,
        subjects=[processing_log.Subject("persoon", person.pk, person.bsn, person.gemeente_id)],
        data_categories=["naam", "geboortedatum", "adres"],
    )
    return person


def memberships_of(person: Person) -> list[HouseholdMember]:
    return list(
        HouseholdMember.objects.filter(person=person).select_related("household").order_by("household__name")
    )


@transaction.atomic
def create_household(
    user, person: Person, *, name: str, relation: str = HouseholdMember.Relation.OTHER
) -> Household:
    """A new household with ``person`` as its first member and contact person (one transaction)."""
    if not policy_for(user).has_perm(ADD_HOUSEHOLD, person.gemeente_id):
        raise PermissionDenied(_("U heeft geen recht om een huishouden aan te maken in deze gemeente."))
    household = Household.objects.create(
        gemeente_id=person.gemeente_id,
        name=name.strip() or _("Huishouden %(n)s") % {"n": person.achternaam},
        kind=Household.Kind.SINGLE,
        wijk_code=person.wijk_code,
    )
    HouseholdMember.objects.create(household=household, person=person, relation=relation, is_contact=True)
    processing_log.record(
        user=user,
        action=ProcessingLogEntry.Action.CREATE,
        operation="huishouden.aanmaken",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", person.pk, person.bsn, person.gemeente_id)],
        data_categories=["huishoudsamenstelling"],
    )
    return household
