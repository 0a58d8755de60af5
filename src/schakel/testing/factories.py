"""Factories for tests and benchmarks (synthetic data only; Faker ``nl_NL``)."""

from __future__ import annotations

import random
from datetime import date

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.core.models import Gemeente, Membership, Role, Team, User
from schakel.people.models import Household, HouseholdMember, NetworkContact, Person

_rng = random.Random(1234)


def synthetic_bsn(rng: random.Random = _rng) -> str:
    """A random 9-digit number that passes the 11-proef. Always mark the person as synthetic."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        digits[0] = rng.randint(1, 9)
        check = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        if check <= 9:
            return "".join(map(str, digits)) + str(check)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    gemeente = factory.SubFactory(GemeenteFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("Wachtwoord-voor-test-1")


def make_user(role: str, gemeente: Gemeente, team: Team | None = None, username: str | None = None) -> User:
    """A user with one membership. Roles must exist (``configuration.apply()``)."""
    user = UserFactory(username=username) if username else UserFactory()
    Membership.objects.create(user=user, gemeente=gemeente, team=team, role=Role.objects.get(code=role))
    return user


def add_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    gemeente = factory.SubFactory(GemeenteFactory)
    bsn = factory.LazyFunction(synthetic_bsn)
    voornamen = factory.Faker("first_name", locale="nl_NL")
    geslachtsnaam = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    birth_year = factory.LazyAttribute(lambda o: o.birth_date.year if o.birth_date else None)
    birth_month = factory.LazyAttribute(lambda o: o.birth_date.month if o.birth_date else None)
    birth_day = factory.LazyAttribute(lambda o: o.birth_date.day if o.birth_date else None)
    gender = factory.Iterator(["M", "V"])
    straat = factory.Faker("street_name", locale="nl_NL")
    huisnummer = factory.Sequence(lambda n: n % 200 + 1)
    postcode = "1234AB"
    woonplaats = "Teststad"
    is_synthetic = True


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    gemeente = factory.SubFactory(GemeenteFactory)
    name = factory.Sequence(lambda n: f"Huishouden {n}")
    kind = Household.Kind.FAMILY


def household_with_members(gemeente: Gemeente, adults: int = 2, children: int = 1) -> Household:
    household = HouseholdFactory(gemeente=gemeente)
    for i in range(adults):
        person = PersonFactory(gemeente=gemeente)
        HouseholdMember.objects.create(
            household=household,
            person=person,
            relation="partner" if adults > 1 else "ouder",
            is_contact=i == 0,
        )
    for _ in range(children):
        birth = date(2015, 5, 17)
        child = PersonFactory(gemeente=gemeente, birth_date=birth)
        HouseholdMember.objects.create(household=household, person=child, relation="kind")
    first = household.memberships.first().person
    NetworkContact.objects.create(person=first, name="Buurvrouw Jansen", kind=NetworkContact.Kind.NEIGHBOUR)
    return household
