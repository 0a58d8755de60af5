"""A completed referral's cost in the integral budget: the municipal share as realisation of the earmark
"Interventies met partners" (issue 7 with issue 5's cost split), once per referral."""

from datetime import date

import pytest

from schakel.contracts.models import Provider
from schakel.finance.models import Budget, Earmark, PayableLine
from schakel.finance.services.forecast import figures_for
from schakel.testing.factories import make_user

from .. import services
from ..models import DeliveryPartner
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def referral(world, open_case):
    ps = f.partnership(world)
    iv = f.intervention(world, ps)  # € 400 per participant: 50 % fund, 50 % municipality
    referral = f.referral(world, open_case, iv)
    return services.change_status(world.regisseur, referral, "gestart")


def _lines():
    return PayableLine.objects.filter(source=PayableLine.Source.INTERVENTION)


def test_completion_books_the_municipal_share_once(world, referral):
    assert not _lines().exists()  # registering and starting book nothing in the budget
    services.change_status(world.regisseur, referral, "afgerond", health_after=4)
    line = _lines().get()
    assert (line.amount_cents, line.municipal_cents, line.partner_cents) == (40_000, 20_000, 20_000)
    assert line.earmark_kind == "partner" and line.gemeente_id == world.gemeente.pk
    assert line.provider_id is None  # the deliverer is not a contracted provider: realisation only
    assert line.period_start == TODAY and "Fonds" in line.partner and "Zorgverzekeraar" in line.partner
    # booking the same referral again (a retried request) adds nothing
    services.book_municipal_share(world.regisseur, referral, TODAY)
    assert _lines().count() == 1


def test_the_share_counts_as_realisation_of_the_partner_earmark(world, referral):
    controller = make_user("controller", world.gemeente, username="controller-partners")
    budget = Budget.objects.create(
        gemeente=world.gemeente,
        year=TODAY.year,
        kind="sociaal_domein",
        name="Sociaal domein",
        initial_cents=100_000_000,
        created_by=controller,
    )
    Earmark.objects.create(budget=budget, kind="partner", initial_cents=1_000_000)

    def realised():
        return {fig.earmark.kind if fig.earmark else None: fig.realised_cents for fig in figures_for(budget)}

    before = realised()
    services.change_status(world.regisseur, referral, "afgerond")
    after = realised()
    assert after["partner"] - before["partner"] == 20_000
    assert after[None] - before[None] == 20_000  # only the municipality's share weighs on the budget


def test_dropout_books_nothing(world, referral):
    services.change_status(world.regisseur, referral, "uitgevallen", note="Verhuisd")
    assert not _lines().exists()


def test_a_contracted_deliverer_is_paid_through_its_payment_run(world, referral):
    provider = Provider.objects.create(agb_code="98000077", name="Leefstijl BV", iban="NL91ABNA0417164300")
    DeliveryPartner.objects.filter(pk=referral.intervention.deliverer_id).update(provider=provider)
    referral.refresh_from_db()
    services.change_status(world.regisseur, referral, "afgerond")
    assert _lines().get().provider_id == provider.pk


def test_the_rounding_remainder_stays_with_the_municipality(world, open_case):
    ps = f.partnership(world)
    iv = f.intervention(world, ps, fund_share_bp=3333, price_cents=10_001)
    referral = services.change_status(world.regisseur, f.referral(world, open_case, iv), "gestart")
    services.change_status(world.regisseur, referral, "afgerond")
    line = _lines().get()
    assert line.partner_cents == 10_001 * 3333 // 10_000
    assert line.municipal_cents + line.partner_cents == 10_001


def test_the_referral_page_shows_the_booking_to_staff_only(world, referral, client, login):
    from django.urls import reverse

    url = reverse("partners:referral", kwargs={"pk": referral.pk})
    login(client, world.regisseur)
    assert "geboekt in het budget bij afronding" in client.get(url).content.decode()
    services.change_status(world.regisseur, referral, "afgerond")
    body = client.get(url).content.decode()
    assert "gemeentelijk deel € 200,00 geboekt op" in body and "€ 400,00" in body
    coach = f.partner_user(world, deliverer=referral.intervention.deliverer)
    login(client, coach)
    assert "gemeentelijk deel" not in client.get(url).content.decode()  # not the deliverer's business
