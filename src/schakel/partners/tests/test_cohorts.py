"""Shared outcomes per intervention cohort: ladder and self-rated health before/after, disclosure-controlled."""

from datetime import date, timedelta

import pytest

from schakel.cases import services as case_services
from schakel.outcomes.models import Instrument, Measurement, MeasurementScore
from schakel.testing.factories import household_with_members

from .. import cohorts, services
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _ladder(case, person, day, step, user):
    ladder = Instrument.objects.get(code="participatieladder")
    measurement = Measurement.objects.create(
        gemeente_id=case.gemeente_id,
        household_id=case.household_id,
        case=case,
        person=person,
        instrument=ladder,
        moment="intake" if day < TODAY else "afsluiting",
        measured_on=day,
        assessor=user,
    )
    MeasurementScore.objects.create(
        measurement=measurement, domain=ladder.domains.get(), relevant=True, score=step
    )


def _completed_referrals(world, iv, n):
    user = world.regisseur
    for i in range(n):
        household = household_with_members(world.gemeente, adults=1, children=0)
        case = case_services.register_melding(
            user,
            household=household,
            received_on=TODAY - timedelta(days=60),
            channel="loket",
            laws=["participatie"],
            question="Werk",
            team=world.team,
        )
        action = f.action_for(world, case)
        referral = services.create_referral(
            user,
            action,
            iv,
            basis="vrijwillig",
            basis_note="Vrijwillig",
            consent=f.consent(given_on=TODAY - timedelta(days=30)),
            referred_on=TODAY - timedelta(days=30),
            health_before=2,
        )
        services.change_status(user, referral, "gestart", on=TODAY - timedelta(days=20))
        services.change_status(user, referral, "afgerond", on=TODAY, health_after=3 + i % 2)
        _ladder(case, referral.person, TODAY - timedelta(days=40), 2, user)
        _ladder(case, referral.person, TODAY, 3, user)


def test_small_cohort_is_suppressed(world, open_case):
    iv = f.intervention(world, f.partnership(world))
    _completed_referrals(world, iv, 4)
    [row] = cohorts.cohort_outcomes(iv.partnership)
    assert row.referred is None and row.completed is None and row.dropped_out == 0
    assert row.ladder_before is None and row.health_after is None


def test_cohort_of_twelve_is_shown_rounded(world, open_case):
    iv = f.intervention(world, f.partnership(world, fund_cents=10_000_000))
    _completed_referrals(world, iv, 12)
    [row] = cohorts.cohort_outcomes(iv.partnership, year=(TODAY - timedelta(days=30)).year)
    assert row.referred == 10 and row.completed == 10 and row.dropped_out == 0  # 12 → 10; zero stays 0
    assert (row.ladder_before, row.ladder_after) == (2.0, 3.0)
    assert (row.health_before, row.health_after) == (2.0, 3.5)
