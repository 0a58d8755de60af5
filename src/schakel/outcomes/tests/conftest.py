"""Fixtures of the outcomes tests: the shipped instruments and a person of the open case's household."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.outcomes import services
from schakel.outcomes.models import Instrument
from schakel.outcomes.reference import install


@pytest.fixture
def instruments(db):
    """The shipped instruments (migration 0002); reinstalled after a transactional test's flush removed them."""
    if not Instrument.objects.exists():
        install()


@pytest.fixture
def zrm(instruments):
    return Instrument.objects.get(code="zrm", version="2017")


@pytest.fixture
def zrm_old(instruments):
    return Instrument.objects.get(code="zrm", version="2013")


@pytest.fixture
def ladder(instruments):
    return Instrument.objects.get(code="participatieladder", version="1")


@pytest.fixture
def person(open_case, instruments):
    return open_case.household.memberships.order_by("id").first().person


def measure(user, case, person, instrument, *, moment="intake", on=None, scores=None):
    """Record a measurement (default: financiën 2 and huisvesting 3 relevant)."""
    return services.record_measurement(
        user,
        case,
        person=person,
        instrument=instrument,
        moment=moment,
        measured_on=on or date.today(),
        scores=scores
        or [
            services.ScoreInput("financien", relevant=True, score=2),
            services.ScoreInput("huisvesting", relevant=True, score=3),
        ],
    )


def days_ago(n: int) -> date:
    return date.today() - timedelta(days=n)
