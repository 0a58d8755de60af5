"""The synthetic cooperation: consistent with the rules the services enforce, and deterministic."""

import pytest
from django.utils import timezone

from schakel.finance.models import PayableLine
from schakel.synth.services import generate_municipality

from .. import services
from ..models import Intervention, Partnership, PartnerUser, Referral

pytestmark = pytest.mark.django_db


def test_synthetic_cooperation_follows_the_rules(config):
    result = generate_municipality(3000, seed=11)
    partnership = Partnership.objects.get(gemeente=result.gemeente)
    assert result.counts["verwijzingen naar interventies"] == Referral.objects.count() > 0
    for intervention in Intervention.objects.prefetch_related("cost_shares"):
        assert sum(s.share_bp for s in intervention.cost_shares.all()) == 10_000
    for referral in Referral.objects.select_related("consent"):
        assert referral.consent.is_valid_on(referral.referred_on)
        assert referral.person.household_memberships.filter(household=referral.case.household_id).exists()
    assert services.fund_balance(partnership) >= 0
    assert PartnerUser.objects.filter(user__username="partner").exists()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {"afgerond", "gestart"} <= statuses
    completed = Referral.objects.filter(status="afgerond")
    booked = PayableLine.objects.filter(source="interventie", gemeente=result.gemeente)
    assert booked.count() == completed.count()  # each completed intervention is in the budget once
    assert all(line.municipal_cents + line.partner_cents == line.amount_cents for line in booked)
    for referral in completed.prefetch_related("events")[:20]:  # the history carries the referral's own dates
        moments = [timezone.localtime(e.at).date() for e in referral.events.all()]
        assert moments == [referral.referred_on, referral.started_on, referral.ended_on]
    first = sorted(Referral.objects.values_list("person_id", "intervention__name", "status"))
    generate_municipality(3000, seed=11, replace=True)
    assert sorted(Referral.objects.values_list("person_id", "intervention__name", "status")) == first
