"""The partners screens and API: referral from a plan action, partner access, fund, screening, check."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.core.models import ProcessingLogEntry

from .. import leidraad, services
from ..models import Consent, Referral, ScreeningArea
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def iv(world, open_case):
    return f.intervention(world, f.partnership(world))


def _referral_post(iv, **overrides):
    data = {
        "intervention": iv.pk,
        "basis": "vrijwillig",
        "basis_note": "Vrijwillig, los van de re-integratieverplichting",
        "health_before": "2",
        "categories": ["naam", "contact"],
        "share_with_deliverer": "on",
        "given_on": TODAY.isoformat(),
        "valid_until": (TODAY + timedelta(days=180)).isoformat(),
    }
    data.update(overrides)
    return data


def test_referral_from_a_plan_action(world, open_case, iv, client, login):
    action = f.action_for(world, open_case)
    login(client, world.regisseur)
    url = reverse("partners:referral_new", kwargs={"pk": action.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Toestemming" in page.content.decode()
    response = client.post(url, _referral_post(iv))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "partners:referral", kwargs={"pk": referral.pk}
    )
    assert referral.consent.categories == ["contact", "naam"] and referral.health_before == 2
    detail = client.get(response["Location"]).content.decode()
    assert "Toestemming intrekken" in detail and "Gecombineerde leefstijlinterventie" in detail


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"categories": []}, "Dit veld is vereist"),
        ({"share_with_deliverer": ""}, "Kies met wie de gegevens gedeeld mogen worden"),
        ({"valid_until": (TODAY - timedelta(days=1)).isoformat()}, "vóór de datum waarop die is gegeven"),
        ({"basis_note": " "}, "Dit veld is vereist"),
    ],
)
def test_referral_bad_input_stores_nothing(world, open_case, iv, client, login, overrides, message):
    action = f.action_for(world, open_case)
    login(client, world.regisseur)
    response = client.post(
        reverse("partners:referral_new", kwargs={"pk": action.pk}), _referral_post(iv, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_partner_user_sees_only_consented_data_and_is_logged(world, open_case, iv, client, login):
    referral = f.referral(world, open_case, iv, consent=f.consent(categories=("naam",)))
    coach = f.partner_user(world, deliverer=iv.deliverer)
    login(client, coach)
    assert client.get(reverse("partners:overview"))["Location"] == reverse("partners:referrals")
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert referral.person.full_name in listing and open_case.household.name not in listing
    before = ProcessingLogEntry.objects.filter(username=coach.username).count()
    detail = client.get(reverse("partners:referral", kwargs={"pk": referral.pk})).content.decode()
    assert referral.person.full_name in detail and referral.person.postcode not in detail
    assert "Toestemming intrekken" not in detail
    assert ProcessingLogEntry.objects.filter(username=coach.username).count() == before + 1
    response = client.post(
        reverse("partners:referral", kwargs={"pk": referral.pk}),
        {"form": "status", "status-status": "gestart", "status-on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "gestart"
    services.withdraw_consent(world.regisseur, referral)
    assert client.get(reverse("partners:referral", kwargs={"pk": referral.pk})).status_code == 404
    assert client.get(reverse("partners:partnership", kwargs={"pk": iv.partnership_id})).status_code == 404


def test_other_deliverer_cannot_see_the_referral(world, open_case, iv, client, login):
    referral = f.referral(world, open_case, iv)
    other = f.partner_user(
        world,
        deliverer=f.DeliveryPartner.objects.create(gemeente=world.gemeente, name="GGZ Snel"),
        username="ggz",
    )
    login(client, other)
    assert client.get(reverse("partners:referral", kwargs={"pk": referral.pk})).status_code == 404
    assert referral.person.full_name not in client.get(reverse("partners:referrals")).content.decode()


def test_partnership_page_fund_override_and_query_count(
    world, open_case, iv, client, login, django_assert_max_num_queries
):
    controller = f.make_user("controller", world.gemeente, username="controller")
    login(client, controller)
    url = reverse("partners:partnership", kwargs={"pk": iv.partnership_id})
    response = client.post(
        url, {"form": "fund", "fund-kind": "besteding", "fund-amount": "5000", "fund-description": "Groep"}
    )
    assert "onvoldoende saldo" in response.content.decode()
    response = client.post(
        url,
        {
            "form": "fund",
            "fund-kind": "besteding",
            "fund-amount": "5000",
            "fund-description": "Groep",
            "fund-override_reason": "Besluit stuurgroep 12 maart",
        },
    )
    assert response.status_code == 302
    assert services.fund_balance(iv.partnership) == 100_000 - 500_000
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert "-€ 4.000,00" in page.content.decode()


def test_screening_and_collaboration_check(world, open_case, iv, client, login):
    login(client, world.regisseur)
    person = open_case.household.memberships.first().person
    url = reverse("partners:screening", kwargs={"pk": open_case.pk})
    data = {"person": person.pk, "on": TODAY.isoformat()}
    assert client.post(url, data).status_code == 200  # no answers: errors, nothing stored
    data.update(
        {f"area_{code}": "enigszins" for code in ScreeningArea.objects.values_list("code", flat=True)}
    )
    assert client.post(url, data).status_code == 302
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid-view")
    login(client, beleid)
    check_url = reverse("partners:check", kwargs={"pk": iv.partnership_id})
    scores = {f"item_{code}": "4" for code in leidraad.ITEM_CODES}
    assert client.post(check_url, {"party": "gemeente", "on": TODAY.isoformat(), **scores}).status_code == 302
    page = client.get(reverse("partners:partnership", kwargs={"pk": iv.partnership_id})).content.decode()
    assert 'id="samenwerking-spec"' in page and "Procesregie" in page


def test_api_partner_token_and_status(world, open_case, iv):
    referral = f.referral(world, open_case, iv)
    coach = f.partner_user(world, deliverer=iv.deliverer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=coach).key}")
    body = api.get("/api/v1/verwijzingen/").json()
    assert [r["id"] for r in body["results"]] == [referral.pk]
    assert set(body["results"][0]["gedeeldeGegevens"]) == {"naam", "adres"}
    bad = api.post(f"/api/v1/verwijzingen/{referral.pk}/status/", {"status": "afgerond"}, format="json")
    assert bad.status_code == 400 and "status" in bad.json()
    ok = api.post(f"/api/v1/verwijzingen/{referral.pk}/status/", {"status": "gestart"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "gestart"
    assert (
        api.post(
            f"/api/v1/verwijzingen/{referral.pk}/terugkoppeling/", {"tekst": "Goed bezig"}, format="json"
        ).status_code
        == 200
    )
    assert api.get("/api/v1/interventies/").json()["count"] == 1
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.foreign_regisseur).key}")
    assert other.get(f"/api/v1/verwijzingen/{referral.pk}/").status_code == 404


def test_referral_list_query_count_is_bounded(
    world, open_case, iv, client, login, django_assert_max_num_queries
):
    from schakel.cases import services as case_services
    from schakel.testing.factories import household_with_members

    for _ in range(4):
        case = case_services.register_melding(
            world.regisseur,
            household=household_with_members(world.gemeente),
            received_on=TODAY,
            channel="loket",
            laws=["participatie"],
            question="Werk",
            team=world.team,
        )
        f.referral(world, case, iv)
    login(client, world.regisseur)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("partners:referrals"))
    assert response.content.decode().count("/samenwerking/verwijzingen/") >= 4


def test_overview_balance_is_not_multiplied_by_the_interventions(world, open_case, iv, client, login):
    ps = iv.partnership
    for n in range(2):
        f.Intervention.objects.create(
            partnership=ps,
            kind="ips",
            name=f"IPS {n}",
            target_group="x",
            deliverer=iv.deliverer,
            price_cents=1,
        )
    login(client, world.regisseur)
    body = client.get(reverse("partners:overview")).content.decode()
    assert "€ 1.000,00" in body and "€ 3.000,00" not in body


def test_partner_sees_status_history_without_notes(world, open_case, iv, client, login):
    referral = f.referral(world, open_case, iv)
    services.add_feedback(world.regisseur, referral, "Slaapproblemen, in behandeling bij de huisarts")
    coach = f.partner_user(world, deliverer=iv.deliverer)
    services.change_status(coach, referral, "gestart")
    services.add_feedback(coach, referral, "Eerste bijeenkomst geweest")
    login(client, coach)
    body = client.get(reverse("partners:referral", kwargs={"pk": referral.pk})).content.decode()
    assert "Slaapproblemen" not in body and world.regisseur.get_full_name() not in body
    assert "Eerste bijeenkomst geweest" in body and "Gestart" in body
    login(client, world.regisseur)
    assert (
        "Slaapproblemen"
        in client.get(reverse("partners:referral", kwargs={"pk": referral.pk})).content.decode()
    )


def test_partner_api_with_health_data_has_bounded_queries(
    world, open_case, iv, django_assert_max_num_queries
):
    from schakel.cases import services as case_services
    from schakel.testing.factories import household_with_members

    areas = list(ScreeningArea.objects.values_list("code", flat=True))
    for _ in range(3):
        case = case_services.register_melding(
            world.regisseur,
            household=household_with_members(world.gemeente, adults=1, children=0),
            received_on=TODAY,
            channel="loket",
            laws=["participatie"],
            question="Werk",
            team=world.team,
        )
        referral = f.referral(world, case, iv, consent=f.consent(categories=("naam", "gezondheid")))
        services.record_screening(world.regisseur, case, referral.person, dict.fromkeys(areas, "ernstig"))
    coach = f.partner_user(world, deliverer=iv.deliverer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=coach).key}")
    with django_assert_max_num_queries(16):
        body = api.get("/api/v1/verwijzingen/").json()
    assert len(body["results"]) == 3
    assert all(len(r["gedeeldeGegevens"]["gezondheid"]) > 10 for r in body["results"])
