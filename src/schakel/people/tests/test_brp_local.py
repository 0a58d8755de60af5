"""The embedded BRP (the local person registry) and the people service that logs each search."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from schakel.core.activities import INTAKE_PERSON_SEARCH
from schakel.core.models import ProcessingLogEntry
from schakel.core.pseudonym import pseudonymise
from schakel.people import services
from schakel.people.brp import BrpError, SearchCriteria, get_adapter
from schakel.people.brp.local import MAX_RESULTS, LocalBrp, name_variants
from schakel.people.models import Person
from schakel.testing.factories import PersonFactory

BORN = date(1982, 4, 10)


def search(**criteria):
    return LocalBrp().search(SearchCriteria(**criteria), purpose=INTAKE_PERSON_SEARCH)


@pytest.fixture
def merel(world):
    return PersonFactory(
        gemeente=world.gemeente,
        voornamen="Merel Anna",
        geslachtsnaam="Kooyman",
        birth_date=BORN,
        gender="V",
        straat="King Olivereiland",
        huisnummer=64,
        postcode="2551JV",
        woonplaats="'s-Gravenhage",
        partner_geslachtsnaam="Maassen",
        naamgebruik="V",
    )


def test_the_default_adapter_is_the_local_registry(settings):
    settings.BRP_ADAPTER = "local"
    assert isinstance(get_adapter(), LocalBrp)


def test_by_bsn_gives_the_minimal_person(merel):
    [found] = search(bsn=merel.bsn)
    assert asdict(found) == {
        "bsn": merel.bsn,
        "voornamen": "Merel Anna",
        "voorvoegsel": "",
        "geslachtsnaam": "Kooyman",
        "geboortedatum": BORN,
        "geboortejaar": 1982,
        "geboortemaand": 4,
        "geboortedag": 10,
        "geslacht": "V",
        "straat": "King Olivereiland",
        "huisnummer": 64,
        "huisletter": "",
        "toevoeging": "",
        "postcode": "2551JV",
        "woonplaats": "'s-Gravenhage",
        "gemeentecode": "0001",
        "naamgebruik": "V",
        "partner_voorvoegsel": "",
        "partner_geslachtsnaam": "Maassen",
        "aanschrijfwijze": "M.A. Maassen-Kooyman",
        "overleden": False,
        "geheimhouding": False,
        "in_onderzoek": False,
    }


def test_a_partial_birth_date_comes_along(world):
    person = PersonFactory(
        gemeente=world.gemeente, birth_date=None, birth_year=1968, birth_month=None, birth_day=None
    )
    [found] = search(bsn=person.bsn)
    assert (found.geboortedatum, found.geboortejaar, found.geboortemaand, found.geboortedag) == (
        None,
        1968,
        None,
        None,
    )


def test_an_invalid_or_unknown_bsn(merel):
    with pytest.raises(BrpError, match="elfproef"):
        search(bsn="123456789")
    assert search(bsn="999990019") == []


@pytest.mark.parametrize("typed", ["Kooyman", "kooyman", "KOOYMAN", " kooyman  "])
def test_by_name_and_birth_date_ignores_case(merel, typed):
    assert [p.bsn for p in search(geslachtsnaam=typed, geboortedatum=BORN)] == [merel.bsn]


def test_by_name_needs_the_right_birth_date(merel):
    assert search(geslachtsnaam="Kooyman", geboortedatum=date(1982, 4, 11)) == []


def test_first_names_narrow_by_prefix(merel, world):
    PersonFactory(gemeente=world.gemeente, voornamen="Anna", geslachtsnaam="Kooyman", birth_date=BORN)
    assert len(search(geslachtsnaam="kooyman", geboortedatum=BORN)) == 2
    assert [p.voornamen for p in search(geslachtsnaam="kooyman", geboortedatum=BORN, voornamen="mer")] == [
        "Merel Anna"
    ]
    assert search(geslachtsnaam="kooyman", geboortedatum=BORN, voornamen="anna m") == []


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Al-Muwallad", "al-muwallad"),
        ("O'Brien", "o'brien"),
        ("Crêpes", "CRÊPES"),
        ("McDonald", "mcdonald"),  # not among the likely spellings: found by the complete scan
    ],
)
def test_unusual_surnames(world, stored, typed):
    person = PersonFactory(gemeente=world.gemeente, geslachtsnaam=stored, birth_date=BORN)
    assert [p.bsn for p in search(geslachtsnaam=typed, geboortedatum=BORN)] == [person.bsn]


def test_name_variants_are_few_and_distinct():
    assert name_variants("al-muwallad") == [
        "al-muwallad",
        "Al-Muwallad",
        "Al-muwallad",
        "AL-MUWALLAD",
        "al-Muwallad",
    ]
    assert len(name_variants("van der berg")) <= 6


def _plan(queryset) -> str:
    """The query plan. PostgreSQL prefers a sequential scan on a test-sized table, so there the planner is
    told to avoid one: the question is whether the index *can* serve the query."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        return queryset.explain()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_the_name_search_uses_the_name_and_birth_date_index(merel):
    queryset = LocalBrp.name_queryset(
        Person.objects.all(), SearchCriteria(geslachtsnaam="kooyman", geboortedatum=BORN)
    )
    plan = _plan(queryset)
    assert "person_name_birth" in plan, plan


def test_the_address_search_uses_the_address_index(merel):
    plan = _plan(Person.objects.filter(postcode="2551JV", huisnummer=64))
    assert "person_address" in plan, plan


@pytest.fixture
def address(world):
    common = {"gemeente": world.gemeente, "postcode": "2741EX", "huisnummer": 64}
    return [
        PersonFactory(**common, huisletter="D", geslachtsnaam="Crêpes"),
        PersonFactory(**common, huisletter="D", geslachtsnaam="Munnik"),
        PersonFactory(**common, huisletter="", toevoeging="2", geslachtsnaam="Boven"),
        PersonFactory(gemeente=world.gemeente, postcode="2741EX", huisnummer=65, geslachtsnaam="Buur"),
    ]


def test_by_postcode_and_huisnummer(address):
    assert {p.geslachtsnaam for p in search(postcode="2741 ex", huisnummer=64)} == {
        "Crêpes",
        "Munnik",
        "Boven",
    }
    assert {p.geslachtsnaam for p in search(postcode="2741EX", huisnummer=64, huisletter="d")} == {
        "Crêpes",
        "Munnik",
    }
    assert [p.geslachtsnaam for p in search(postcode="2741EX", huisnummer=64, toevoeging="2")] == ["Boven"]
    assert search(postcode="2741EX", huisnummer=66) == []


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"postcode": "0123AB", "huisnummer": 1}, "geldige postcode"),
        ({"postcode": "2741EX", "huisnummer": 0}, "huisnummer"),
        ({"postcode": "2741EX", "huisnummer": 1, "huisletter": "AB"}, "huisletter"),
        ({"geslachtsnaam": "Kooyman<script>", "geboortedatum": BORN}, "tekens"),
        ({"geslachtsnaam": "Kooyman"}, "Vul een BSN in"),
    ],
)
def test_invalid_searches_get_a_dutch_message(world, criteria, message):
    with pytest.raises(BrpError, match=message):
        search(**criteria)


def test_too_many_results_ask_to_refine(world):
    PersonFactory.create_batch(MAX_RESULTS + 1, gemeente=world.gemeente, postcode="1011AB", huisnummer=1)
    with pytest.raises(BrpError, match="Te veel resultaten, verfijn de zoekvraag"):
        search(postcode="1011AB", huisnummer=1)
    PersonFactory.create_batch(
        MAX_RESULTS + 1, gemeente=world.gemeente, postcode="1011AC", huisnummer=1, huisletter="A"
    )
    with pytest.raises(BrpError, match="Te veel resultaten"):
        search(postcode="1011AC", huisnummer=1, huisletter="a")


def test_exactly_the_maximum_is_fine(world):
    PersonFactory.create_batch(MAX_RESULTS, gemeente=world.gemeente, postcode="1011AB", huisnummer=1)
    assert len(search(postcode="1011AB", huisnummer=1)) == MAX_RESULTS


def test_a_search_takes_one_query(merel, django_assert_num_queries):
    with django_assert_num_queries(1):
        search(geslachtsnaam="kooyman", geboortedatum=BORN)
    with django_assert_num_queries(1):
        search(postcode="2551JV", huisnummer=64)


# -- the people service: search and processing log ------------------------------------------------------


def test_search_persons_logs_each_hit_with_a_hashed_bsn(world, address, settings):
    settings.BRP_ADAPTER = "local"
    found = services.search_persons(world.regisseur, SearchCriteria(postcode="2741EX", huisnummer=64))
    assert len(found) == 3
    entries = list(ProcessingLogEntry.objects.filter(operation="brp.ZoekMetPostcodeEnHuisnummer"))
    assert sorted(e.subject_hash for e in entries) == sorted(pseudonymise(p.bsn) for p in found)
    for entry in entries:
        assert entry.processing_activity.code == INTAKE_PERSON_SEARCH
        assert entry.username == "regisseur" and entry.gemeente_id == world.gemeente.pk
        stored = " ".join(str(getattr(entry, f.attname)) for f in entry._meta.concrete_fields)
        assert not any(p.bsn in stored for p in found)


def test_no_bsn_in_clear_anywhere_in_the_log_table(world, merel, settings):
    settings.BRP_ADAPTER = "local"
    services.search_persons(world.regisseur, SearchCriteria(bsn=merel.bsn))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ProcessingLogEntry._meta.db_table}")
        rows = cursor.fetchall()
    assert rows and not any(merel.bsn in str(value) for row in rows for value in row)


def test_search_persons_needs_the_right(world, merel):
    with pytest.raises(PermissionDenied):
        services.search_persons(world.contractmanager, SearchCriteria(bsn=merel.bsn))
    assert not ProcessingLogEntry.objects.filter(operation__startswith="brp.").exists()
