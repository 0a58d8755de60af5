"""The plan editor: goals and actions edited in place with htmx partials; validation inline; agreement."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services
from schakel.cases.models import Action, Goal
from schakel.core.models import ProcessingLogEntry

HX = {"HX-Request": "true"}


@pytest.fixture
def goal(world, open_case):
    return services.add_goal(
        world.regisseur, open_case, life_domain="financien", description="Schulden op orde"
    )


def test_add_goal_with_htmx_returns_the_plan_section(client, login, world, open_case):
    login(client, world.regisseur)
    member = open_case.household.memberships.first().person
    response = client.post(
        reverse("cases:goal_add", kwargs={"pk": open_case.pk}),
        {
            "nieuw-doel-life_domain": "huisvesting",
            "nieuw-doel-description": "Passende woning vinden",
            "nieuw-doel-person": member.pk,
            "nieuw-doel-target_date": "",
        },
        headers=HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="plan"') and "<html" not in html
    assert "Passende woning vinden" in html and "Doel toegevoegd." in html
    goal = Goal.objects.get()
    assert goal.life_domain == "huisvesting" and goal.person == member
    assert ProcessingLogEntry.objects.filter(operation="plan.inzien").count() == 4


def test_add_goal_validation_inline(client, login, world, open_case):
    login(client, world.regisseur)
    response = client.post(
        reverse("cases:goal_add", kwargs={"pk": open_case.pk}),
        {
            "nieuw-doel-life_domain": "",
            "nieuw-doel-description": "",
            "nieuw-doel-target_date": "31-02-2025",
        },
        headers=HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_nieuw-doel-description-fout"' in html
    assert 'aria-describedby="id_nieuw-doel-description-fout"' in html
    assert "Voer een geldige datum in." in html
    assert not Goal.objects.exists()


def test_service_validation_lands_on_the_field(client, login, world, open_case):
    login(client, world.regisseur)
    before = (open_case.opened_on - timedelta(days=30)).isoformat()
    response = client.post(
        reverse("cases:goal_add", kwargs={"pk": open_case.pk}),
        {
            "nieuw-doel-life_domain": "financien",
            "nieuw-doel-description": "x",
            "nieuw-doel-target_date": before,
        },
        headers=HX,
    )
    assert "De streefdatum ligt vóór de start van de casus." in response.content.decode()
    assert 'id="id_nieuw-doel-target_date-fout"' in response.content.decode()


def test_add_goal_without_js_redirects(client, login, world, open_case):
    login(client, world.regisseur)
    response = client.post(
        reverse("cases:goal_add", kwargs={"pk": open_case.pk}),
        {
            "nieuw-doel-life_domain": "financien",
            "nieuw-doel-description": "Budget maken",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("cases:household", kwargs={"pk": open_case.household_id}) + "#plan"
    )


def test_edit_goal_in_place(client, login, world, open_case, goal):
    login(client, world.regisseur)
    edit_url = reverse("cases:goal_edit", kwargs={"pk": goal.pk})
    form = client.get(edit_url, headers=HX).content.decode()
    assert f'hx-post="{edit_url}"' in form and "autofocus" in form
    response = client.post(
        edit_url,
        {
            f"doel-{goal.pk}-life_domain": "financien",
            f"doel-{goal.pk}-description": "Schulden geregeld",
            f"doel-{goal.pk}-status": "bereikt",
        },
        headers=HX,
    )
    assert "Schulden geregeld" in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == "bereikt"


def test_add_and_edit_action(client, login, world, open_case, goal):
    login(client, world.regisseur)
    contact = open_case.household.memberships.first().person.network.first()
    add_url = reverse("cases:action_add", kwargs={"pk": goal.pk})
    assert "Wie voert de actie uit?" in client.get(add_url, headers=HX).content.decode()
    prefix = f"actie-bij-{goal.pk}"
    bad = client.post(
        add_url,
        {
            f"{prefix}-description": "Hulp bij post",
            f"{prefix}-carrier": "inwoner",
            f"{prefix}-network_contact": contact.pk,
        },
        headers=HX,
    )
    assert "Een contact uit het netwerk past bij" in bad.content.decode()
    client.post(
        add_url,
        {
            f"{prefix}-description": "Hulp bij post",
            f"{prefix}-carrier": "netwerk",
            f"{prefix}-network_contact": contact.pk,
            f"{prefix}-due_date": "2030-01-31",
        },
        headers=HX,
    )
    action = Action.objects.get()
    assert action.network_contact == contact and action.due_date == date(2030, 1, 31)
    edit_url = reverse("cases:action_edit", kwargs={"pk": action.pk})
    response = client.post(
        edit_url,
        {
            f"actie-{action.pk}-description": "Hulp bij post",
            f"actie-{action.pk}-carrier": "netwerk",
            f"actie-{action.pk}-done": "on",
        },
        headers=HX,
    )
    assert "Actie opgeslagen." in response.content.decode()
    action.refresh_from_db()
    assert action.done


def test_agree_plan(client, login, world, open_case, goal):
    login(client, world.regisseur)
    agree = reverse("cases:plan_agree", kwargs={"pk": open_case.pk})
    future = client.post(
        agree,
        {
            "akkoord-agreed_on": (date.today() + timedelta(days=2)).isoformat(),
            "akkoord-agreement_method": "handtekening",
        },
        headers=HX,
    )
    assert "Deze datum ligt in de toekomst." in future.content.decode()
    ok = client.post(
        agree,
        {"akkoord-agreed_on": date.today().strftime("%d-%m-%Y"), "akkoord-agreement_method": "handtekening"},
        headers=HX,
    )
    assert "Vastgesteld" in ok.content.decode()
    open_case.plan.refresh_from_db()
    assert open_case.plan.is_agreed


def test_agree_plan_without_goals_is_refused(client, login, world, open_case):
    login(client, world.regisseur)
    response = client.post(
        reverse("cases:plan_agree", kwargs={"pk": open_case.pk}),
        {"akkoord-agreed_on": date.today().isoformat(), "akkoord-agreement_method": "mondeling"},
        headers=HX,
    )
    assert "Een plan zonder doelen kan niet worden vastgesteld." in response.content.decode()


@pytest.mark.parametrize("who", ["other_team_regisseur", "foreign_regisseur", "contractmanager"])
def test_plan_changes_denied_to_others(client, login, world, open_case, goal, who):
    login(client, getattr(world, who))
    assert client.post(
        reverse("cases:goal_add", kwargs={"pk": open_case.pk}),
        {"nieuw-doel-life_domain": "financien", "nieuw-doel-description": "x"},
    ).status_code in (403, 404)
    assert client.get(reverse("cases:goal_edit", kwargs={"pk": goal.pk})).status_code in (403, 404)
    assert client.get(reverse("cases:plan", kwargs={"pk": open_case.pk})).status_code in (403, 404)
    assert Goal.objects.count() == 1


def test_plan_page_anonymous_redirects(client, open_case):
    assert client.get(reverse("cases:plan", kwargs={"pk": open_case.pk})).status_code == 302


@pytest.mark.parametrize("goals", [1, 8])
def test_plan_partial_query_bound(client, login, world, open_case, django_assert_max_num_queries, goals):
    for i in range(goals):
        g = services.add_goal(world.regisseur, open_case, life_domain="financien", description=f"Doel {i}")
        services.add_action(world.regisseur, g, description="Actie", carrier="inwoner")
    login(client, world.regisseur)
    url = reverse("cases:plan", kwargs={"pk": open_case.pk})
    client.get(url, headers=HX)
    with django_assert_max_num_queries(16):
        client.get(url, headers=HX)
