"""Screens and API: access, bad input in Dutch, the four-eyes flow, query counts independent of list size."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.core.models import ProcessingLogEntry
from schakel.finance import services
from schakel.finance.models import Budget, BudgetAmendment, PaymentRun

from .conftest import YEAR, claim

pytestmark = pytest.mark.django_db
TOMORROW = date.today() + timedelta(days=1)


def _lines(fin, n: int, start: int = 0):
    services.book_claim_lines(
        [claim(fin, f"323:{i}", 1000 + i, month=1 + i % 12) for i in range(start, start + n)]
    )


def test_overview_shows_figures_and_chart(client, login, fin):
    _lines(fin, 3)
    login(client, fin.controller)
    response = client.get(reverse("finance:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sociaal domein" in body and "Prognose jaareinde" in body and "grafiek-" in body
    assert "vega-embed.min.js" in body


@pytest.mark.parametrize("n", [1, 40])
def test_overview_query_count_does_not_grow_with_lines(client, login, fin, django_assert_max_num_queries, n):
    _lines(fin, n)
    services.recompute_commitments(fin.gemeente, YEAR)
    login(client, fin.controller)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("finance:overview")).status_code == 200


@pytest.mark.parametrize("n", [1, 40])
def test_budget_and_drilldown_query_counts(client, login, fin, django_assert_max_num_queries, n):
    _lines(fin, n)
    services.recompute_commitments(fin.gemeente, YEAR)
    login(client, fin.controller)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("finance:budget", kwargs={"pk": fin.budget.pk})).status_code == 200
    with django_assert_max_num_queries(22):
        response = client.get(reverse("finance:drilldown", kwargs={"pk": fin.budget.pk}) + "?oormerk=wmo")
    assert response.status_code == 200
    assert fin.allocation.number_display in response.content.decode()


def test_drilldown_logs_the_persons_shown(client, login, fin):
    _lines(fin, 1)
    login(client, fin.controller)
    client.get(reverse("finance:drilldown", kwargs={"pk": fin.budget.pk}))
    entry = ProcessingLogEntry.objects.filter(operation="financien.onderbouwing.inzien").get()
    assert entry.processing_activity.code == "financiele-verantwoording-sociaal-domein"


def test_contractmanager_reads_but_cannot_drill_down_or_amend(client, login, fin, world):
    login(client, world.contractmanager)
    assert client.get(reverse("finance:budget", kwargs={"pk": fin.budget.pk})).status_code == 200
    assert client.get(reverse("finance:drilldown", kwargs={"pk": fin.budget.pk})).status_code == 403
    assert client.post(reverse("finance:budget_amend", kwargs={"pk": fin.budget.pk}), {}).status_code == 403


def test_other_municipality_gets_404(client, login, fin, world):
    from schakel.testing.factories import make_user

    foreign = make_user("controller", world.other_gemeente, username="buurcontroller")
    login(client, foreign)
    assert client.get(reverse("finance:budget", kwargs={"pk": fin.budget.pk})).status_code == 404


def test_amendment_form_bad_input_in_dutch_and_nothing_stored(client, login, fin):
    login(client, fin.controller)
    url = reverse("finance:budget_amend", kwargs={"pk": fin.budget.pk})
    response = client.post(url, {"delta_cents": "veel", "reason": "", "decided_on": "31-02-2026"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een bedrag in euro&#x27;s in" in body and 'aria-invalid="true"' in body
    assert not BudgetAmendment.objects.exists()
    response = client.post(
        url, {"delta_cents": "-99.999.999,00", "reason": "Te veel", "decided_on": "01-03-2026"}
    )
    assert "negatief" in response.content.decode()
    response = client.post(
        url, {"delta_cents": "-1.250,50", "reason": "Bijstelling", "decided_on": "01-03-2026"}
    )
    assert response.status_code == 302
    assert BudgetAmendment.objects.get().delta_cents == -125050


def test_new_budget_form(client, login, fin):
    login(client, fin.controller)
    url = reverse("finance:budget_new")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "owner": f"g{fin.gemeente.pk}",
            "year": YEAR + 1,
            "kind": "sociaal_domein",
            "name": "Sociaal domein",
            "initial_cents": "12.000.000,00",
            "alert_margin": "2,5",
            "earmark_wmo": "4.000.000",
            "earmark_jeugd": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    budget = Budget.objects.get(year=YEAR + 1)
    assert budget.initial_cents == 12_000_000_00 and budget.alert_margin_bp == 250
    assert budget.earmarks.get().initial_cents == 4_000_000_00


def test_payment_run_screens_four_eyes(client, login, fin):
    _lines(fin, 3)
    login(client, fin.controller)
    response = client.post(
        reverse("finance:runs"),
        {"provider": f"{fin.gemeente.pk}:{fin.provider.pk}", "execution_date": TOMORROW.isoformat()},
    )
    run = PaymentRun.objects.get()
    assert response.status_code == 302
    action = reverse("finance:run_action", kwargs={"pk": run.pk})
    client.post(action, {"action": "indienen"})
    page = client.get(reverse("finance:run", kwargs={"pk": run.pk})).content.decode()
    assert "Vier ogen" in page and 'value="goedkeuren"' not in page
    client.post(action, {"action": "goedkeuren"})
    run.refresh_from_db()
    assert run.status == "ingediend"
    assert client.get(reverse("finance:run_sepa", kwargs={"pk": run.pk})).status_code == 409
    login(client, fin.approver)
    client.post(action, {"action": "goedkeuren"})
    run.refresh_from_db()
    assert run.status == "goedgekeurd" and run.approved_by == fin.approver
    response = client.get(reverse("finance:run_sepa", kwargs={"pk": run.pk}))
    assert response.status_code == 200 and b"pain.001.001.03" in response.content
    assert client.get(reverse("finance:run_csv", kwargs={"pk": run.pk})).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_runs_list_and_detail_query_counts(client, login, fin, django_assert_max_num_queries, n):
    _lines(fin, n)
    run = services.prepare_run(
        fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
    )
    login(client, fin.controller)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("finance:runs")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("finance:run", kwargs={"pk": run.pk})).status_code == 200


def test_alerts_work_queue(client, login, fin):
    wmo = fin.budget.earmarks.get(kind="wmo")
    services.amend_budget(
        fin.controller,
        fin.budget,
        delta_cents=-3_999_999_00,
        reason="Krimp",
        decided_on=date(YEAR, 1, 2),
        earmark=wmo,
    )
    services.recompute_commitments(fin.gemeente, YEAR, as_of=date(YEAR, 1, 1))
    alert = services.evaluate_alerts(fin.budget, as_of=date(YEAR, 1, 1))[0]
    login(client, fin.controller)
    assert "Afhandelen" in client.get(reverse("finance:alerts")).content.decode()
    url = reverse("finance:alert_handle", kwargs={"pk": alert.pk})
    assert 'aria-invalid="true"' in client.post(url, {"note": " "}).content.decode()
    assert client.post(url, {"note": "Bijgestuurd"}).status_code == 302


def test_costsplit_screen(client, login, fin):
    login(client, fin.controller)
    url = reverse("finance:costsplit")
    response = client.post(
        url, {"name": "x", "partner": "Zilver", "partner_share": "25", "valid_from": "2026-01-01"}
    )
    assert "Geef een productcategorie óf een interventie" in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Valpreventie",
            "intervention": "valpreventie",
            "partner": "Zilver",
            "partner_share": "40",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302


# ----------------------------------------------------------------------------------------------- API


def api(name, **kwargs):
    return reverse(f"api:{name}", kwargs={"version": "v1", **kwargs})


@pytest.mark.parametrize("n", [1, 30])
def test_api_budget_detail_and_realisation(client, login, fin, django_assert_max_num_queries, n):
    _lines(fin, n)
    services.recompute_commitments(fin.gemeente, YEAR)
    login(client, fin.controller)
    with django_assert_max_num_queries(18):
        body = client.get(api("budget-detail", pk=fin.budget.pk)).json()
    assert body["cijfers"][0]["oormerk"] is None and body["cijfers"][1]["oormerk"] == "wmo"
    assert body["cijfers"][1]["gerealiseerdCent"] == sum(1000 + i for i in range(n))
    with django_assert_max_num_queries(10):
        rows = client.get(api("realisatie-list") + f"?budget={fin.budget.pk}").json()
    assert sum(r["gemeentelijkCent"] for r in rows) == sum(1000 + i for i in range(n))
    rows = client.get(api("verplichting-list") + f"?budget={fin.budget.pk}").json()
    assert {r["uitvoeringsvariant"] for r in rows} == {"inspanningsgericht", "taakgericht"}
    assert client.get(api("budget-list")).json()["count"] == 1


def test_api_amendment_and_bad_input(client, login, fin):
    login(client, fin.controller)
    url = api("budget-wijziging", pk=fin.budget.pk)
    response = client.post(
        url, {"wijzigingCent": 0, "reden": "x", "beslotenOp": "2026-01-01"}, content_type="application/json"
    )
    assert response.status_code == 400 and "wijzigingCent" in response.json()
    response = client.post(
        url,
        {"wijzigingCent": 5000, "reden": "Extra", "beslotenOp": "2026-01-01", "oormerk": "wmo"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["oormerk"] == "wmo"


def test_api_payment_run_four_eyes(client, login, fin):
    _lines(fin, 2)
    login(client, fin.controller)
    response = client.post(
        api("betaalronde-list"),
        {"gemeente": fin.gemeente.pk, "aanbieder": fin.provider.pk, "uitvoeringsdatum": TOMORROW.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    url = api("betaalronde-actie", pk=run_id)
    assert client.post(url, {"actie": "indienen"}, content_type="application/json").status_code == 200
    assert client.post(url, {"actie": "goedkeuren"}, content_type="application/json").status_code == 403
    login(client, fin.approver)
    assert (
        client.post(url, {"actie": "goedkeuren"}, content_type="application/json").json()["status"]
        == "goedgekeurd"
    )
    assert client.post(url, {"actie": "goedkeuren"}, content_type="application/json").status_code == 400


def test_api_lists_are_scoped(client, login, fin, world):
    login(client, world.regisseur)
    assert client.get(api("budget-list")).status_code == 403
    login(client, world.contractmanager)
    assert client.get(api("budget-list")).json()["count"] == 1
    assert client.get(api("betaalronde-list")).status_code == 200
