"""In a real browser (issue 7): a referral from a plan action to completion. The regisseur refers with
consent from the plan on the household view; the deliverer's coach logs in, sees only the consented data,
starts and completes the referral with feedback; the regisseur sees the outcome. axe-core on every page."""

from __future__ import annotations

import re

import pytest

from schakel.partners.models import Referral
from schakel.testing.browser import assert_accessible as _accessible
from schakel.testing.browser import login as _login

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referral_from_plan_to_completion(page, world, open_case):  # noqa: F811 - fixture
    intervention = f.intervention(world, f.partnership(world))
    action = f.action_for(world, open_case)
    coach = f.partner_user(world, deliverer=intervention.deliverer)

    _login(page, world.regisseur)
    page.goto(f"/casussen/huishouden/{open_case.household_id}/")
    page.get_by_role("link", name=re.compile("Verwijzen naar interventie")).first.click()
    page.wait_for_url(re.compile(rf"/samenwerking/verwijzingen/nieuw/{action.pk}/"))
    _accessible(page, "verwijzing aanmaken")
    page.get_by_role("button", name="Verwijzing aanmaken").click()  # empty: errors, nothing stored
    assert page.locator(".utrecht-form-field-error-message").count() >= 2
    assert not Referral.objects.exists()
    page.get_by_label("Interventie", exact=True).select_option(str(intervention.pk))
    page.get_by_label("Vrijwillige deelname").check()
    page.get_by_label("Toelichting vrijwilligheid en verplichting").fill(
        "Vrijwillig; geen gevolgen voor de uitkering."
    )
    page.get_by_label("Naam", exact=True).check()
    page.get_by_role("button", name="Verwijzing aanmaken").click()
    page.wait_for_url(re.compile(r"/samenwerking/verwijzingen/\d+/$"))
    assert "De verwijzing is aangemaakt" in page.content()
    _accessible(page, "verwijzing (regisseur)")
    page.goto("/uitloggen/") if page.locator("text=Uitloggen").count() == 0 else page.get_by_role(
        "button", name="Uitloggen"
    ).click()

    page.context.clear_cookies()
    _login(page, coach)
    page.goto("/samenwerking/verwijzingen/")
    _accessible(page, "verwijzingen (uitvoerder)")
    person = action.goal.person
    page.get_by_role("link", name=person.full_name).click()
    assert person.postcode not in page.content()  # address not consented
    page.get_by_label("Nieuwe status").select_option("gestart")
    page.get_by_role("button", name="Status opslaan").click()
    page.get_by_label("Terugkoppeling").fill("Eerste groepsbijeenkomst bijgewoond.")
    page.get_by_role("button", name="Terugkoppeling opslaan").click()
    page.get_by_label("Nieuwe status").select_option("afgerond")
    page.get_by_label("Ervaren gezondheid bij afronding (1–5)").select_option("4")
    page.get_by_role("button", name="Status opslaan").click()
    _accessible(page, "verwijzing (uitvoerder)")
    referral = Referral.objects.get()
    assert referral.status == "afgerond" and referral.health_after == 4
    assert referral.events.filter(kind="terugkoppeling").exists()
