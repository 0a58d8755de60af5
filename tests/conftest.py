"""Fixtures for the cross-cutting tests in this folder."""

from datetime import date

import pytest

from schakel.cases import services
from schakel.testing.matrix import APP_MATRICES


@pytest.fixture
def objects(world, household):
    user = world.regisseur
    case = services.register_melding(
        user,
        household=household,
        received_on=date.today(),
        channel="loket",
        laws=["wmo"],
        question="Hulp bij het huishouden",
        team=world.team,
    )
    services.start_onderzoek(user, case)
    person = household.memberships.first().person
    goal = services.add_goal(user, case, life_domain="huisvesting", description="Veilig wonen", person=person)
    action = services.add_action(user, goal, description="Traplift aanvragen", carrier="maatwerk")
    aanvraag = services.record_aanvraag(
        user, case, received_on=date.today(), law="wmo", description="Traplift"
    )
    decision = services.record_decision(
        user,
        aanvraag,
        decided_on=date.today(),
        outcome="afgewezen",
        motivation="Voorliggende voorziening volstaat",
    )
    result = {
        "case": case,
        "household": household,
        "person": person,
        "goal": goal,
        "action": action,
        "plan": case.plan,
        "decision": decision,
    }
    for matrix in APP_MATRICES:
        matrix.add_objects(world, result)
    return result
