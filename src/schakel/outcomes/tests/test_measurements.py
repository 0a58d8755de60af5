"""The measurement rules of issue 3 ("Bad input"): each refused with a Dutch error and nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.core.models import ProcessingLogEntry
from schakel.outcomes import services
from schakel.outcomes.models import Measurement, MeasurementScore
from schakel.testing.factories import household_with_members

from .conftest import days_ago, measure

pytestmark = pytest.mark.django_db
S = services.ScoreInput


def _nothing_stored():
    assert Measurement.objects.count() == 0
    assert MeasurementScore.objects.count() == 0


def test_a_measurement_stores_every_domain_with_its_relevance(world, open_case, person, zrm):
    m = measure(world.regisseur, open_case, person, zrm)
    rows = {s.domain.code: s for s in m.scores.select_related("domain")}
    assert len(rows) == 13
    assert rows["financien"].relevant and rows["financien"].score == 2
    assert not rows["justitie"].relevant and rows["justitie"].score is None
    assert m.assessor == world.regisseur and m.household_id == open_case.household_id


@pytest.mark.parametrize("score", [0, 6, -1, 99])
def test_score_outside_the_scale(world, open_case, person, zrm, score):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, scores=[S("financien", True, score)])
    assert "valt buiten de schaal (1–5)" in exc.value.message_dict["scores.financien"][0]
    _nothing_stored()


def test_ladder_scale_is_one_to_six(world, open_case, person, ladder):
    measure(world.regisseur, open_case, person, ladder, scores=[S("participatie", True, 6)])
    with pytest.raises(ValidationError):
        measure(
            world.regisseur,
            open_case,
            person,
            ladder,
            moment="evaluatie",
            scores=[S("participatie", True, 7)],
        )


def test_date_before_the_case_began(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, on=open_case.opened_on - timedelta(days=1))
    assert "vóór de start van de casus" in exc.value.message_dict["measured_on"][0]
    _nothing_stored()


def test_date_in_the_future(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, on=date.today() + timedelta(days=1))
    assert "in de toekomst" in exc.value.message_dict["measured_on"][0]
    _nothing_stored()


def test_second_measurement_of_the_same_moment_on_the_same_day(world, open_case, person, zrm):
    measure(world.regisseur, open_case, person, zrm)
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm)
    assert "al een meting 'Intake'" in exc.value.message_dict["moment"][0]
    assert Measurement.objects.count() == 1
    # another moment the same day, or the same moment another day, is fine
    measure(world.regisseur, open_case, person, zrm, moment="tussenmeting")
    measure(world.regisseur, open_case, person, zrm, on=days_ago(1))
    assert Measurement.objects.count() == 3


def test_scoring_a_domain_marked_not_relevant(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(
            world.regisseur, open_case, person, zrm, scores=[S("financien", True, 2), S("justitie", False, 3)]
        )
    assert "niet relevant voor de hulpvraag" in exc.value.message_dict["scores.justitie"][0]
    _nothing_stored()


def test_the_database_refuses_a_score_on_a_not_relevant_domain(world, open_case, person, zrm):
    from django.db import IntegrityError, transaction

    m = measure(world.regisseur, open_case, person, zrm)
    row = m.scores.get(domain__code="justitie")
    row.score = 3
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_relevant_domain_without_score_and_no_relevant_domain(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, scores=[S("financien", True, None)])
    assert "Geef een score voor Financiën" in exc.value.message_dict["scores.financien"][0]
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, scores=[S("financien", False)])
    assert "minstens één domein" in exc.value.message_dict["scores"][0]
    _nothing_stored()


def test_unknown_domain_and_domain_of_another_version(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, scores=[S("verslaving", True, 2)])  # 11-domain only
    assert "hoort niet bij" in exc.value.message_dict["scores"][0]
    _nothing_stored()


def test_strength_split(world, open_case, person, zrm):
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm, scores=[S("financien", True, 2, 50, 20, 20)])
    assert "samen 100" in exc.value.message_dict["scores.financien"][0]
    with pytest.raises(ValidationError):
        measure(
            world.regisseur,
            open_case,
            person,
            zrm,
            scores=[S("financien", True, 2), S("justitie", False, None, 100, 0, 0)],
        )
    _nothing_stored()
    m = measure(world.regisseur, open_case, person, zrm, scores=[S("financien", True, 2, 50, 30, 20)])
    row = m.scores.get(domain__code="financien")
    assert (row.own_strength, row.network, row.professional) == (50, 30, 20)


def test_person_outside_the_household(world, open_case, zrm):
    stranger = household_with_members(world.gemeente, adults=1, children=0).memberships.first().person
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, stranger, zrm)
    assert "huishouden" in exc.value.message_dict["person"][0]


def test_inactive_instrument_and_goal_attainment_instrument_are_not_measured(world, open_case, person, zrm):
    from schakel.outcomes.models import Instrument

    zrm.active = False
    zrm.save()
    with pytest.raises(ValidationError) as exc:
        measure(world.regisseur, open_case, person, zrm)
    assert "instrument" in exc.value.message_dict
    gas = Instrument.objects.get(code="doelrealisatie")
    with pytest.raises(ValidationError):
        measure(world.regisseur, open_case, person, gas, scores=[S("doel", True, 0)])


@pytest.mark.parametrize(
    "kind", ["other_team_regisseur", "foreign_regisseur", "contractmanager", "privacy_officer"]
)
def test_outside_the_work_queue_or_without_permission(world, open_case, person, zrm, kind):
    with pytest.raises(PermissionDenied):
        measure(getattr(world, kind), open_case, person, zrm)
    _nothing_stored()


def test_colleague_and_teamleider_may_measure(world, open_case, person, zrm):
    measure(world.colleague, open_case, person, zrm)
    measure(world.teamleider, open_case, person, zrm, moment="tussenmeting")


def test_writing_and_reading_are_in_the_processing_log(world, open_case, person, zrm):
    before = ProcessingLogEntry.objects.count()
    measure(world.regisseur, open_case, person, zrm)
    entry = ProcessingLogEntry.objects.order_by("-id").first()
    assert ProcessingLogEntry.objects.count() == before + 1
    assert entry.operation == "uitkomst.meting_vastleggen"
    assert entry.action == ProcessingLogEntry.Action.CREATE
    assert entry.processing_activity.code == "uitkomstmeting-sociaal-domein"
    assert entry.object_id == str(person.pk)
    found = services.measurements_of(world.regisseur, [person], operation="test.lezen")
    assert len(found) == 1
    read = ProcessingLogEntry.objects.order_by("-id").first()
    assert read.operation == "test.lezen" and read.action == ProcessingLogEntry.Action.READ


def test_visibility_follows_the_household(world, open_case, person, zrm):
    measure(world.regisseur, open_case, person, zrm)
    assert Measurement.objects.visible_to(world.colleague).count() == 1
    for kind in (
        "other_team_regisseur",
        "foreign_regisseur",
        "contractmanager",
        "privacy_officer",
        "beheerder",
    ):
        assert Measurement.objects.visible_to(getattr(world, kind)).count() == 0, kind
