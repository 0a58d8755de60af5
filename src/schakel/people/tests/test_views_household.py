"""The household 360° view: content, masking, logging, access and query bounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services
from schakel.core.models import ProcessingLogEntry
from schakel.core.values import mask_bsn
from schakel.people.models import HouseholdMember
from schakel.testing.factories import PersonFactory


def url(household_id: int) -> str:
    return reverse("cases:household", kwargs={"pk": household_id})


def test_regisseur_sees_members_cases_deadlines_and_timeline(client, login, world, open_case):
    login(client, world.regisseur)
    response = client.get(url(open_case.household_id))
    assert response.status_code == 200
    html = response.content.decode()
    person = open_case.household.memberships.first().person
    assert person.full_name in html
    assert mask_bsn(person.bsn) in html and person.bsn not in html
    assert "Buurvrouw Jansen" in html  # informal network
    assert "Onderzoek afronden" in html and "Wmo 2015 art. 2.3.2 lid 1" in html
    assert "Melding ontvangen (Wmo 2015)" in html  # timeline
    assert "Onderzoek starten" in html  # next workflow step
    assert 'id="plan"' in html


def test_every_member_shown_is_logged_once(client, login, world, open_case):
    login(client, world.regisseur)
    client.get(url(open_case.household_id))
    entries = ProcessingLogEntry.objects.filter(
        operation="huishouden.inzien", action=ProcessingLogEntry.Action.READ
    )
    assert entries.count() == open_case.household.memberships.count() == 4
    assert all(e.processing_activity.code == "casusregie-sociaal-domein" for e in entries)
    assert all(
        e.subject_hash and e.subject_hash not in {m.person.bsn for m in open_case.household.memberships.all()}
        for e in entries
    )


@pytest.mark.parametrize("who", ["other_team_regisseur", "foreign_regisseur", "contractmanager"])
def test_access_denied_to_others(client, login, world, open_case, who):
    login(client, getattr(world, who))
    response = client.get(url(open_case.household_id))
    assert response.status_code in (403, 404)
    assert open_case.household.memberships.first().person.full_name not in response.content.decode()


def test_anonymous_is_sent_to_login(client, open_case):
    response = client.get(url(open_case.household_id))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_decision_with_products_and_bezwaar_shown(client, login, world, open_case):
    aanvraag = services.record_aanvraag(
        world.regisseur,
        open_case,
        received_on=date.today() - timedelta(days=3),
        law="wmo",
        description="Huishoudelijke hulp",
    )
    member = open_case.household.memberships.first().person
    services.record_decision(
        world.regisseur,
        aanvraag,
        decided_on=date.today(),
        outcome="toegekend",
        motivation="Past bij de ondersteuningsbehoefte",
        products=[services.GrantedProduct(member, "02", "Huishoudelijke hulp", date.today())],
    )
    login(client, world.regisseur)
    html = client.get(url(open_case.household_id)).content.decode()
    assert "Huishoudelijke hulp (02)" in html
    bezwaar = (date.today() + timedelta(weeks=6)).strftime("%d-%m-%Y")
    assert bezwaar in html


def _grow(household, extra: int):
    for _ in range(extra):
        HouseholdMember.objects.create(
            household=household, person=PersonFactory(gemeente=household.gemeente), relation="kind"
        )


def _add_plan(world, case, goals: int):
    for i in range(goals):
        goal = services.add_goal(world.regisseur, case, life_domain="financien", description=f"Doel {i}")
        services.add_action(world.regisseur, goal, description="Actie", carrier="inwoner")


@pytest.mark.parametrize(("extra_members", "goals"), [(0, 1), (6, 6)])
def test_query_count_independent_of_household_size(
    client, login, world, open_case, django_assert_max_num_queries, extra_members, goals
):
    _grow(open_case.household, extra_members)
    _add_plan(world, open_case, goals)
    login(client, world.regisseur)
    client.get(url(open_case.household_id))
    # session, user, device, policy, household (visibility as one EXISTS), members, network, grant, cases
    # and their meldingen/aanvragen/decisions/products, timeline, goals, actions, log insert, user perms.
    with django_assert_max_num_queries(20):
        response = client.get(url(open_case.household_id))
    assert len(response.context["rows"]) == 4 + extra_members
