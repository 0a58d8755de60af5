"""Synthetic measurements: realistic trajectories, within the rules, deterministic, removable."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count, F, Min

from schakel.outcomes import services
from schakel.outcomes.models import GoalOutcome, Measurement, MeasurementScore
from schakel.synth.services import generate_municipality

SIZE = 3000


@pytest.fixture
def generated(config):
    return generate_municipality(SIZE, seed=5)


@pytest.mark.django_db
def test_trajectories_follow_the_rules(generated):
    gemeente = generated.gemeente
    measurements = Measurement.objects.filter(gemeente=gemeente)
    assert measurements.count() > 100
    assert not measurements.filter(measured_on__lt=F("case__opened_on")).exists()
    assert not measurements.filter(measured_on__gt=date.today()).exists()
    scores = MeasurementScore.objects.filter(measurement__gemeente=gemeente)
    assert not scores.filter(relevant=False, score__isnull=False).exists()
    assert not scores.filter(relevant=True, score__isnull=True).exists()
    # one measurement per person, instrument, moment and day
    dupes = (
        measurements.values("case", "person", "instrument", "moment", "measured_on")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dupes.exists()
    # most improve, some decline, some drop out after the intake
    rows = [r for r in services.domain_changes(gemeente.pk) if "2017" in r.instrument]
    improved = sum(r.improved for r in rows)
    declined = sum(r.declined for r in rows)
    assert improved > 2 * declined > 0
    mean = sum((r.mean_change or 0) * r.measured_twice for r in rows) / sum(r.measured_twice for r in rows)
    assert 0 < mean <= 1.0
    per_person = measurements.filter(instrument__code="zrm").values("person").annotate(n=Count("id"))
    assert per_person.filter(n=1).exists() and per_person.filter(n__gte=3).exists()
    assert GoalOutcome.objects.filter(gemeente=gemeente).exists()
    assert measurements.aggregate(a=Min("measured_on"))["a"] is not None


@pytest.mark.django_db
def test_deterministic_and_replaceable(config):
    first = generate_municipality(SIZE, seed=7)
    fingerprint = list(
        Measurement.objects.filter(gemeente=first.gemeente)
        .order_by("id")
        .values_list("person_id", "moment", "measured_on")
    )
    again = generate_municipality(SIZE, seed=7, replace=True)
    assert (
        list(
            Measurement.objects.filter(gemeente=again.gemeente)
            .order_by("id")
            .values_list("person_id", "moment", "measured_on")
        )
        == fingerprint
    )
