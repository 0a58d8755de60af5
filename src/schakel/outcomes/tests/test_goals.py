"""Goal targets and goal attainment (issue 3): recording attainment sets the plan goal's status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.cases import services as case_services
from schakel.cases.models import CaseEvent
from schakel.core.models import ProcessingLogEntry
from schakel.outcomes import services
from schakel.outcomes.models import GoalOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(world, open_case, person):
    return case_services.add_goal(
        world.regisseur, open_case, life_domain="financien", description="Schulden op orde", person=person
    )


def test_target_score_on_the_goals_domain(world, goal, zrm):
    outcome = services.set_goal_target(
        world.regisseur, goal, target_score=4, target_date=date.today() + timedelta(90)
    )
    assert outcome.target_domain.code == "financien" and outcome.target_domain.instrument == zrm
    goal.refresh_from_db()
    assert goal.target_date == date.today() + timedelta(90)
    assert outcome.target_score == 4


@pytest.mark.parametrize("score", [0, 6])
def test_target_score_outside_the_scale(world, goal, score):
    with pytest.raises(ValidationError) as exc:
        services.set_goal_target(world.regisseur, goal, target_score=score)
    assert "buiten de schaal" in exc.value.message_dict["target_score"][0]
    assert not GoalOutcome.objects.exists()


def test_attainment_sets_the_goal_status_and_the_timeline(world, goal):
    outcome = services.record_goal_attainment(world.regisseur, goal, result="deels", gas_score=-1)
    goal.refresh_from_db()
    assert goal.status == "deels" and outcome.gas_score == -1 and outcome.assessed_by == world.regisseur
    assert CaseEvent.objects.filter(summary__contains="Deels bereikt").exists()
    assert ProcessingLogEntry.objects.filter(operation="uitkomst.doelrealisatie").exists()
    assert ProcessingLogEntry.objects.filter(operation="plan.doel_status").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"result": "open"}, "result"),
        ({"result": "bereikt", "gas_score": 3}, "gas_score"),
        ({"result": "bereikt", "gas_score": -3}, "gas_score"),
        ({"result": "bereikt", "assessed_on": date.today() + timedelta(1)}, "assessed_on"),
        ({"result": "bereikt", "assessed_on": date(2000, 1, 1)}, "assessed_on"),
    ],
)
def test_bad_attainment_stores_nothing(world, goal, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        services.record_goal_attainment(world.regisseur, goal, **kwargs)
    assert field in exc.value.message_dict
    goal.refresh_from_db()
    assert goal.status == "open" and not GoalOutcome.objects.exists()


@pytest.mark.parametrize("kind", ["other_team_regisseur", "foreign_regisseur", "contractmanager"])
def test_goal_outcome_needs_permission_and_visibility(world, goal, kind):
    with pytest.raises(PermissionDenied):
        services.record_goal_attainment(getattr(world, kind), goal, result="bereikt")
    with pytest.raises(PermissionDenied):
        services.set_goal_target(getattr(world, kind), goal, target_score=4)
