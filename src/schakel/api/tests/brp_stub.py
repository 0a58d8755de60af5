"""A BRP adapter for API tests: answers from Schakel's own person table (synthetic persons only)."""

from __future__ import annotations

from schakel.people.brp import BrpPerson, SearchCriteria
from schakel.people.models import Person


def as_brp(person: Person) -> BrpPerson:
    return BrpPerson(
        bsn=person.bsn,
        voornamen=person.voornamen,
        voorvoegsel=person.voorvoegsel,
        geslachtsnaam=person.geslachtsnaam,
        geboortedatum=person.birth_date,
        geboortejaar=person.birth_year,
        geboortemaand=person.birth_month,
        geboortedag=person.birth_day,
        geslacht=person.gender,
        straat=person.straat,
        huisnummer=person.huisnummer,
        huisletter=person.huisletter,
        toevoeging=person.toevoeging,
        postcode=person.postcode,
        woonplaats=person.woonplaats,
    )


class StubBrp:
    searches: list[tuple[SearchCriteria, str]] = []

    def search(self, criteria: SearchCriteria, *, purpose: str) -> list[BrpPerson]:
        StubBrp.searches.append((criteria, purpose))
        if criteria.bsn:
            found = Person.objects.filter(bsn=criteria.bsn)
        elif criteria.geslachtsnaam:
            found = Person.objects.filter(
                geslachtsnaam__iexact=criteria.geslachtsnaam, birth_date=criteria.geboortedatum
            )
        else:
            found = Person.objects.filter(postcode=criteria.postcode, huisnummer=criteria.huisnummer)
        return [as_brp(p) for p in found.order_by("id")[:20]]
