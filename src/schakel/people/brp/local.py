"""The embedded BRP: Schakel's own person registry (:class:`~schakel.people.models.Person`).

The default adapter (``SCHAKEL_BRP_ADAPTER=local``), used by the demo, the synthetic municipality and the
tests. It answers the same three search types as the Haal Centraal BRP API Personen 2.x
(``RaadpleegMetBurgerservicenummer``, ``ZoekMetGeslachtsnaamEnGeboortedatum``,
``ZoekMetPostcodeEnHuisnummer``) with the same minimal :class:`~.base.BrpPerson` and the same limits.

Case-insensitive names, index-friendly. ``geslachtsnaam__iexact`` becomes ``LIKE`` on SQLite and
``UPPER(...) =`` on PostgreSQL; neither can use the index on ``(geslachtsnaam, birth_date)``, so every
name search would scan the table. Instead we look the name up with *equality* on the few spellings a BRP
surname can have (as typed, lower case, upper case, capitalised per word part: ``Al-Muwallad``,
``O'Brien``): an index lookup on both databases. Only when that finds nobody do we fall back to the
complete ``iexact`` scan, so a name stored with unusual inner capitals (``McDonald`` searched as
``mcdonald``) is still found. Measured on 100,000 persons: see ``docs/brp.md``.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ..models import Person
from .base import BrpError, BrpPerson, SearchCriteria
from .mapping import clean_criteria

#: The most persons one search may return (also the API's maximum of BSNs per consultation).
MAX_RESULTS = 20

_FIELDS = (
    "bsn",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "partner_voorvoegsel",
    "partner_geslachtsnaam",
    "naamgebruik",
    "birth_year",
    "birth_month",
    "birth_day",
    "birth_date",
    "gender",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats",
    "gemeente__code",
)
_WORD_START = re.compile(r"(^|[\s\-'.])(\w)")


def name_variants(name: str) -> list[str]:
    """The spellings of a surname to look up with equality (index-friendly), most likely first."""
    lower = name.lower()
    per_part = _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), lower)
    candidates = [name, per_part, name.capitalize(), lower, name.upper(), per_part[:1].lower() + per_part[1:]]
    return list(dict.fromkeys(candidates))


def too_many() -> BrpError:
    return BrpError(_("Te veel resultaten, verfijn de zoekvraag."))


class LocalBrp:
    """Search the local person registry; see the module docstring."""

    max_results = MAX_RESULTS

    def search(self, criteria: SearchCriteria, *, purpose: str, user=None) -> list[BrpPerson]:
        """Find persons. ``purpose`` and ``user`` are accepted for parity with the remote adapter: the
        caller writes the processing log (:func:`schakel.people.services.search_persons`)."""
        criteria = clean_criteria(criteria)
        persons = Person.objects.select_related("gemeente").only(*_FIELDS)
        kind = criteria.kind
        if kind == "RaadpleegMetBurgerservicenummer":
            found = list(persons.filter(bsn=criteria.bsn)[:1])
        elif kind == "ZoekMetGeslachtsnaamEnGeboortedatum":
            found = self._by_name(persons, criteria)
        else:
            found = self._by_address(persons, criteria)
        if len(found) > self.max_results:
            raise too_many()
        return [to_brp_person(p) for p in found]

    def _limited(self, queryset) -> list[Person]:
        """At most one more than allowed: enough to know there are too many."""
        return list(queryset[: self.max_results + 1])

    @staticmethod
    def name_queryset(persons, criteria: SearchCriteria, *, exhaustive: bool = False):
        """Persons by surname and birth date: equality on the name's likely spellings (an index lookup on
        ``person_name_birth``), or with ``exhaustive`` the complete case-insensitive scan."""
        born = persons.filter(birth_date=criteria.geboortedatum)
        if exhaustive:
            return born.filter(geslachtsnaam__iexact=criteria.geslachtsnaam)
        return born.filter(geslachtsnaam__in=name_variants(criteria.geslachtsnaam))

    def _by_name(self, persons, criteria: SearchCriteria) -> list[Person]:
        found = self._limited(self.name_queryset(persons, criteria))
        if not found:
            found = self._limited(self.name_queryset(persons, criteria, exhaustive=True))
        if criteria.voornamen:
            prefix = criteria.voornamen.casefold()
            found = [p for p in found if p.voornamen.casefold().startswith(prefix)]
        return found

    def _by_address(self, persons, criteria: SearchCriteria) -> list[Person]:
        at_number = persons.filter(postcode=criteria.postcode, huisnummer=criteria.huisnummer)
        if not (criteria.huisletter or criteria.toevoeging):
            return self._limited(at_number)
        # Huisletter and toevoeging are compared case-insensitively in Python, on the few rows of one
        # number (the index on (postcode, huisnummer) has already narrowed them down).
        rows = list(at_number[:500])
        if len(rows) == 500:
            raise too_many()
        letter, addition = criteria.huisletter.casefold(), criteria.toevoeging.casefold()
        return [
            p
            for p in rows
            if (not letter or p.huisletter.casefold() == letter)
            and (not addition or p.toevoeging.casefold() == addition)
        ]


def to_brp_person(person: Person) -> BrpPerson:
    """The minimal BRP view of a registered person."""
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
        gemeentecode=person.gemeente.code,
        naamgebruik=person.naamgebruik,
        partner_voorvoegsel=person.partner_voorvoegsel,
        partner_geslachtsnaam=person.partner_geslachtsnaam,
        aanschrijfwijze=person.aanschrijfnaam,
        overleden=False,
    )
