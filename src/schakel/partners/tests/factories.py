"""Test objects for the partners app: a partnership with a fund, an intervention with a cost split, a
deliverer with a partner user, and a referral with consent."""

from __future__ import annotations

from datetime import date, timedelta

from schakel.cases import services as case_services
from schakel.testing.factories import make_user

from .. import services
from ..models import DeliveryPartner, FundEntry, HealthInsurer, Intervention, Partnership, PartnerUser

__all__ = ["DeliveryPartner", "make_user"]  # used by the tests through this module


def partnership(world, *, fund_cents: int = 100_000) -> Partnership:
    insurer, _ = HealthInsurer.objects.get_or_create(uzovi="3311", defaults={"name": "Zorgverzekeraar Noord"})
    result = Partnership.objects.create(
        gemeente=world.gemeente,
        insurer=insurer,
        name="Samen gezond aan het werk",
        started_on=date(2024, 1, 1),
        fund_contribution_cents=100,
    )
    if fund_cents:
        FundEntry.objects.create(
            partnership=result,
            kind=FundEntry.Kind.DEPOSIT,
            amount_cents=fund_cents,
            booked_on=date.today() - timedelta(days=30),
            description="Beginsaldo",
            created_by=world.beheerder,
        )
    return result


def intervention(
    world, ps: Partnership, *, fund_share_bp: int = 5000, price_cents: int = 40_000
) -> Intervention:
    deliverer, _ = DeliveryPartner.objects.get_or_create(gemeente=world.gemeente, name="Leefstijlcoach Oost")
    result = Intervention.objects.create(
        partnership=ps,
        kind=Intervention.Kind.LIFESTYLE,
        name="Gecombineerde leefstijlinterventie",
        target_group="Uitkeringsgerechtigden met overgewicht",
        deliverer=deliverer,
        price_cents=price_cents,
    )
    shares = (
        {"fonds": fund_share_bp, "gemeente": 10_000 - fund_share_bp}
        if fund_share_bp
        else {"gemeente": 10_000}
    )
    beleid = make_user("beleidsmedewerker", world.gemeente, username="beleid-partners")
    services.set_cost_split(beleid, result, shares)
    return result


def partner_user(world, deliverer=None, insurer=None, username="coach"):
    user = make_user("partner", world.gemeente, username=username)
    PartnerUser.objects.create(user=user, deliverer=deliverer, insurer=insurer)
    return user


def consent(**overrides) -> services.ConsentInput:
    values = {
        "categories": ("naam", "contact"),
        "given_on": date.today() - timedelta(days=1),
        "valid_until": date.today() + timedelta(days=365),
    }
    values.update(overrides)
    return services.ConsentInput(**values)


def action_for(world, case):
    person = case.household.memberships.first().person
    case_services.start_onderzoek(world.regisseur, case)
    goal = case_services.add_goal(
        world.regisseur,
        case,
        life_domain="lichamelijke_gezondheid",
        description="Fitter worden",
        person=person,
    )
    return case_services.add_action(world.regisseur, goal, description="Meedoen aan GLI", carrier="maatwerk")


def referral(world, case, iv, **kwargs):
    return services.create_referral(
        world.regisseur,
        action_for(world, case),
        iv,
        basis="vrijwillig",
        basis_note="Vrijwillig; staat los van de re-integratieverplichting.",
        consent=kwargs.pop("consent", consent()),
        **kwargs,
    )
