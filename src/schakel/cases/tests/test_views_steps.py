"""Workflow steps from the household view: onderzoek, aanvraag, beschikking, evaluatie, status, closure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services
from schakel.cases.models import Case, Decision
from schakel.core.models import ProcessingLogEntry


def household_url(case) -> str:
    return reverse("cases:household", kwargs={"pk": case.household_id})


def test_start_and_record_onderzoek(client, login, world, open_case):
    login(client, world.regisseur)
    response = client.post(reverse("cases:start_onderzoek", kwargs={"pk": open_case.pk}))
    assert response.status_code == 302 and response["Location"] == household_url(open_case)
    open_case.refresh_from_db()
    assert open_case.status == "onderzoek"
    page = client.get(reverse("cases:onderzoek", kwargs={"pk": open_case.pk}))
    assert page.status_code == 200 and "Financiën" in page.content.decode()
    assert ProcessingLogEntry.objects.filter(operation="casus.stap_inzien").count() == 4
    empty = client.post(reverse("cases:onderzoek", kwargs={"pk": open_case.pk}), {"complete": "on"})
    assert "Leg voor minstens één leefgebied de bevindingen vast." in empty.content.decode()
    done = client.post(
        reverse("cases:onderzoek", kwargs={"pk": open_case.pk}),
        {"finding_financien": "Betalingsachterstand huur", "complete": "on"},
    )
    assert done.status_code == 302
    open_case.onderzoek.refresh_from_db()
    assert open_case.onderzoek.findings == {"financien": "Betalingsachterstand huur"}
    assert open_case.onderzoek.completed_on == date.today()
    assert "Betalingsachterstand huur" in client.get(household_url(open_case)).content.decode()


def test_aanvraag_validation_and_success(client, login, world, open_case):
    login(client, world.regisseur)
    url = reverse("cases:aanvraag", kwargs={"pk": open_case.pk})
    future = (date.today() + timedelta(days=5)).strftime("%d-%m-%Y")
    bad = client.post(url, {"received_on": future, "law": "wmo", "description": ""}).content.decode()
    assert "Deze datum ligt in de toekomst." in bad and "Dit veld is vereist." in bad
    assert (
        client.post(url, {"received_on": "31-02-2024", "law": "wmo", "description": "x"}).status_code == 200
    )
    ok = client.post(url, {"received_on": date.today().isoformat(), "law": "wmo", "description": "Traplift"})
    assert ok.status_code == 302
    open_case.refresh_from_db()
    assert open_case.status == "aanvraag" and open_case.next_deadline_kind == "beschikking"


def test_decision_with_products(client, login, world, open_case):
    services.record_aanvraag(
        world.regisseur, open_case, received_on=date.today(), law="wmo", description="Traplift"
    )
    member = open_case.household.memberships.first().person
    login(client, world.regisseur)
    url = reverse("cases:decision", kwargs={"pk": open_case.pk})
    assert client.get(url).status_code == 200
    aanvraag = open_case.aanvragen.get()
    base = {
        "aanvraag": aanvraag.pk,
        "decided_on": date.today().isoformat(),
        "outcome": "toegekend",
        "motivation": "Noodzakelijk",
        "product-TOTAL_FORMS": "2",
        "product-INITIAL_FORMS": "0",
        "product-MIN_NUM_FORMS": "0",
        "product-MAX_NUM_FORMS": "20",
    }
    no_products = client.post(url, base).content.decode()
    assert "Een toekenning vermeldt minstens één product." in no_products
    bad_product = client.post(
        url,
        {
            **base,
            "product-0-person": member.pk,
            "product-0-product_category": "A",
            "product-0-description": "Traplift",
            "product-0-start_date": "2025-01-01",
            "product-0-end_date": "2024-01-01",
        },
    ).content.decode()
    assert "Een productcategorie bestaat uit 2 cijfers." in bad_product
    assert "De einddatum ligt vóór de ingangsdatum." in bad_product
    ok = client.post(
        url,
        {
            **base,
            "product-0-person": member.pk,
            "product-0-product_category": "08",
            "product-0-description": "Traplift",
            "product-0-start_date": date.today().isoformat(),
        },
    )
    assert ok.status_code == 302
    decision = Decision.objects.get()
    assert decision.products.get().person == member
    assert decision.bezwaar_deadline == date.today() + timedelta(weeks=6)
    open_case.refresh_from_db()
    assert open_case.status == "beschikt"


def test_status_change_and_close(client, login, world, open_case):
    login(client, world.regisseur)
    url = reverse("cases:status", kwargs={"pk": open_case.pk})
    no_reason = client.post(url, {"status-target": "afgesloten", "status-reason": ""})
    assert "Geef een reden voor het afsluiten." in no_reason.content.decode()
    not_allowed = client.post(url, {"status-target": "beschikt"})
    assert "Selecteer een geldige keuze" in not_allowed.content.decode()
    ok = client.post(url, {"status-target": "afgesloten", "status-reason": "Hulpvraag ingetrokken"})
    assert ok.status_code == 302
    open_case.refresh_from_db()
    assert open_case.status == "afgesloten" and open_case.closed_on == date.today()
    html = client.get(household_url(open_case)).content.decode()
    assert "Dit huishouden heeft geen lopende casus." in html and "Afgesloten: Hulpvraag ingetrokken" in html


def test_evaluation(client, login, world, open_case):
    open_case.status = "uitvoering"
    open_case.save()
    login(client, world.regisseur)
    url = reverse("cases:evaluation", kwargs={"pk": open_case.pk})
    assert (
        "Dit veld is vereist."
        in client.post(url, {"evaluated_on": date.today().isoformat()}).content.decode()
    )
    ok = client.post(
        url, {"evaluated_on": date.today().isoformat(), "summary": "Gaat goed", "continue_support": "on"}
    )
    assert ok.status_code == 302
    assert Case.objects.get(pk=open_case.pk).status == "evaluatie"


@pytest.mark.parametrize("name", ["onderzoek", "aanvraag", "decision", "evaluation", "status"])
@pytest.mark.parametrize("who", ["other_team_regisseur", "foreign_regisseur", "contractmanager"])
def test_steps_denied_to_others(client, login, world, open_case, name, who):
    login(client, getattr(world, who))
    assert client.get(reverse(f"cases:{name}", kwargs={"pk": open_case.pk})).status_code in (403, 404)


def test_start_onderzoek_denied_and_unchanged(client, login, world, open_case):
    login(client, world.other_team_regisseur)
    assert client.post(reverse("cases:start_onderzoek", kwargs={"pk": open_case.pk})).status_code == 403
    open_case.refresh_from_db()
    assert open_case.status == "melding"


def test_unknown_case_is_404(client, login, world):
    login(client, world.regisseur)
    assert client.get(reverse("cases:aanvraag", kwargs={"pk": 999999})).status_code == 404
