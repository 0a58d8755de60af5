"""The partners services: consent, referral flow, fund, cost split, screening, collaboration check."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.core.models import ProcessingLogEntry, SecurityLogEntry

from .. import leidraad, services
from ..models import Consent, FundEntry, Referral, ReferralEvent, ReferralStatus, ScreeningArea
from ..query import referrals_visible_to
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def setup(world, open_case):
    ps = f.partnership(world)
    iv = f.intervention(world, ps)
    return ps, iv


def test_referral_commits_the_fund_share_and_logs(world, open_case, setup):
    ps, iv = setup
    referral = f.referral(world, open_case, iv, health_before=2)
    assert referral.status == ReferralStatus.REGISTERED
    assert referral.consent.categories == ["contact", "naam"]
    assert services.fund_balance(ps) == 100_000 - 20_000
    assert ProcessingLogEntry.objects.filter(operation="verwijzing.aanmaken").count() == 1
    assert ReferralEvent.objects.filter(referral=referral, to_status="aangemeld").exists()


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"categories": ()}, "categories"),
        ({"categories": ("bsn",)}, "categories"),
        ({"given_on": TODAY + timedelta(days=1), "valid_until": TODAY + timedelta(days=9)}, "given_on"),
        ({"valid_until": TODAY - timedelta(days=5)}, "valid_until"),
        ({"share_with_deliverer": False, "share_with_insurer": False}, "share_with_deliverer"),
    ],
)
def test_no_referral_without_valid_consent(world, open_case, setup, bad, field):
    _ps, iv = setup
    with pytest.raises(ValidationError) as error:
        f.referral(world, open_case, iv, consent=f.consent(**bad))
    assert field in error.value.message_dict
    assert not Referral.objects.exists() and not Consent.objects.exists()
    assert not FundEntry.objects.filter(kind=FundEntry.Kind.COMMITMENT).exists()


def test_basis_note_is_mandatory(world, open_case, setup):
    _ps, iv = setup
    action = f.action_for(world, open_case)
    with pytest.raises(ValidationError) as error:
        services.create_referral(
            world.regisseur, action, iv, basis="vrijwillig", basis_note=" ", consent=f.consent()
        )
    assert "basis_note" in error.value.message_dict


def test_status_flow_completion_spends_the_commitment(world, open_case, setup):
    ps, iv = setup
    referral = f.referral(world, open_case, iv)
    services.change_status(world.regisseur, referral, "gestart")
    referral = services.change_status(world.regisseur, referral, "afgerond", health_after=4)
    assert referral.ended_on == TODAY and referral.health_after == 4
    kinds = list(ps.fund_entries.filter(referral=referral).values_list("kind", "amount_cents"))
    assert kinds == [("verplichting", -20_000), ("vrijval", 20_000), ("besteding", -20_000)]
    assert services.fund_balance(ps) == 80_000


def test_dropout_releases_and_needs_a_reason(world, open_case, setup):
    ps, iv = setup
    referral = f.referral(world, open_case, iv)
    with pytest.raises(ValidationError):
        services.change_status(world.regisseur, referral, "uitgevallen")
    services.change_status(world.regisseur, referral, "uitgevallen", note="Verhuisd")
    assert services.fund_balance(ps) == 100_000


def test_transition_table_is_enforced(world, open_case, setup):
    _ps, iv = setup
    referral = f.referral(world, open_case, iv)
    with pytest.raises(ValidationError):
        services.change_status(world.regisseur, referral, "afgerond")
    referral.refresh_from_db()
    assert referral.status == "aangemeld"


def test_fund_cannot_go_below_zero_without_logged_override(world, open_case):
    ps = f.partnership(world, fund_cents=10_000)
    iv = f.intervention(world, ps)  # fund share 20,000 > balance
    with pytest.raises(ValidationError) as error:
        f.referral(world, open_case, iv)
    assert "amount_cents" in error.value.message_dict
    assert not Referral.objects.exists()
    controller = f.make_user("controller", world.gemeente, username="controller")
    with pytest.raises(ValidationError):
        services.book_fund(controller, ps, kind="besteding", amount_cents=50_000, description="Extra groep")
    services.book_fund(
        controller,
        ps,
        kind="besteding",
        amount_cents=50_000,
        description="Extra groep",
        override_reason="Besluit stuurgroep",
    )
    assert services.fund_balance(ps) == -40_000
    assert SecurityLogEntry.objects.filter(event="fonds.overschrijding").count() == 1


def test_override_needs_the_permission(world, open_case):
    ps = f.partnership(world, fund_cents=0)
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid2")
    with pytest.raises(PermissionDenied):
        services.book_fund(
            beleid, ps, kind="besteding", amount_cents=1, description="x", override_reason="reden"
        )
    assert not ps.fund_entries.exists()


def test_participants_deposit_once_and_correct_the_difference(world):
    ps = f.partnership(world, fund_cents=0)
    policy = ps.policies.create(name="Gemeentepolis Noord", income_limit_percent=120)
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid3")
    services.record_participants(beleid, policy, year=2025, participants=1000)
    services.record_participants(beleid, policy, year=2025, participants=1000)
    services.record_participants(beleid, policy, year=2025, participants=1200)
    entries = list(ps.fund_entries.values_list("kind", "amount_cents"))
    assert entries == [("storting", 100_000), ("correctie", 20_000)]
    assert policy.eligible(income_cents=120_000, social_minimum_cents=100_000)
    assert not policy.eligible(income_cents=120_001, social_minimum_cents=100_000)


def test_cost_split_must_add_up_to_100_percent(world, setup):
    _ps, iv = setup
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid4")
    with pytest.raises(ValidationError) as error:
        services.set_cost_split(beleid, iv, {"gemeente": 5000, "basisverzekering": 4000})
    assert "90" in error.value.message_dict["shares"][0]
    assert services.cost_split(iv) == {"fonds": 20_000, "gemeente": 20_000}
    services.set_cost_split(beleid, iv, {"gemeente": 3333, "basisverzekering": 3333, "aanvullend": 3334})
    split = services.cost_split(iv, 100)
    assert sum(split.values()) == 100 and split["gemeente"] == 34


def test_partner_sees_only_own_referrals_while_consent_is_valid(world, open_case, setup):
    _ps, iv = setup
    referral = f.referral(world, open_case, iv)
    coach = f.partner_user(world, deliverer=iv.deliverer)
    insurer_user = f.partner_user(world, insurer=iv.partnership.insurer, username="verzekeraar")
    other = f.partner_user(
        world,
        deliverer=f.DeliveryPartner.objects.create(gemeente=world.gemeente, name="Ander"),
        username="ander",
    )
    assert list(referrals_visible_to(coach)) == [referral]
    assert list(referrals_visible_to(insurer_user)) == []  # consent does not cover the insurer
    assert list(referrals_visible_to(other)) == []
    assert list(referrals_visible_to(world.foreign_regisseur)) == []
    services.withdraw_consent(world.regisseur, referral)
    assert list(referrals_visible_to(coach)) == []
    assert list(referrals_visible_to(world.regisseur)) == [referral]
    with pytest.raises(PermissionDenied):
        services.add_feedback(coach, referral, "Gestart in groep 3")


def test_partner_reports_progress(world, open_case, setup):
    _ps, iv = setup
    referral = f.referral(world, open_case, iv)
    coach = f.partner_user(world, deliverer=iv.deliverer)
    services.change_status(coach, referral, "gestart")
    services.add_feedback(coach, referral, "Eerste bijeenkomst bijgewoond")
    assert referral.events.filter(kind="terugkoppeling").count() == 1
    assert "naam" in services.shared_view(referral, coach) and "geboortedatum" not in services.shared_view(
        referral, coach
    )


def test_screening_requires_every_area(world, open_case):
    person = open_case.household.memberships.first().person
    areas = list(ScreeningArea.objects.values_list("code", flat=True))
    assert len(areas) == 6
    with pytest.raises(ValidationError):
        services.record_screening(world.regisseur, open_case, person, {areas[0]: "ernstig"})
    screening = services.record_screening(world.regisseur, open_case, person, dict.fromkeys(areas, "geen"))
    assert screening.answers.count() == 6
    with pytest.raises(PermissionDenied):
        services.record_screening(world.foreign_regisseur, open_case, person, dict.fromkeys(areas, "geen"))


def test_collaboration_check(world, setup):
    ps, _iv = setup
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid5")
    scores = dict.fromkeys(leidraad.ITEM_CODES, 3)
    with pytest.raises(ValidationError):
        services.record_collaboration_check(beleid, ps, party="gemeente", scores={**scores, "mandaat": 6})
    check = services.record_collaboration_check(
        beleid, ps, party="gemeente", scores=scores, agreed_actions="Convenant"
    )
    assert leidraad.part_averages(check.scores) == dict.fromkeys([p.code for p in leidraad.PARTS], 3.0)
    assert len(leidraad.ITEM_CODES) == 18
    with pytest.raises(ValidationError):
        services.record_collaboration_check(beleid, ps, party="gemeente", scores=scores)
