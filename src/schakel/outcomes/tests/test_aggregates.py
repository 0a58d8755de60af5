"""Set-based aggregates: change first → latest per person and household, share of goals achieved, groups by
product, wijk and period; instrument versions never mixed; the per-case loop (baseline) agrees."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.cases import services as case_services
from schakel.cases.models import Decision, DecisionProduct
from schakel.outcomes import services
from schakel.outcomes.models import Measurement

from .conftest import measure

pytestmark = pytest.mark.django_db
S = services.ScoreInput


@pytest.fixture
def history(world, open_case, person, zrm, zrm_old):
    """Intake two weeks ago, evaluation today: financiën 2 → 4, huisvesting 3 → 2; one old-version score."""
    open_case.opened_on = date.today() - timedelta(days=60)
    open_case.save()
    user = world.regisseur
    measure(user, open_case, person, zrm, on=date.today() - timedelta(days=30))
    measure(
        user,
        open_case,
        person,
        zrm,
        moment="tussenmeting",
        on=date.today() - timedelta(days=10),
        scores=[S("financien", True, 3), S("huisvesting", True, 3)],
    )
    measure(
        user,
        open_case,
        person,
        zrm,
        moment="evaluatie",
        scores=[S("financien", True, 4), S("huisvesting", True, 2), S("justitie", True, 5)],
    )
    measure(user, open_case, person, zrm_old, scores=[S("verslaving", True, 1)])
    return open_case


def _by_domain(rows):
    return {(r.instrument.split(" (")[1].rstrip(")"), r.domain): r for r in rows}


def test_change_first_to_latest_per_person(world, history, person):
    rows = _by_domain(services.domain_changes(world.gemeente.pk, by="persoon"))
    fin = rows[("2017", "Financiën")]
    assert (fin.group, fin.persons, fin.measured_twice, fin.mean_change) == (str(person.pk), 1, 1, 2.0)
    assert (fin.improved, fin.same, fin.declined) == (1, 0, 0)
    housing = rows[("2017", "Huisvesting")]
    assert housing.mean_change == -1.0 and housing.declined == 1
    justice = rows[("2017", "Justitie")]  # one score only: counted, no change
    assert justice.measured_twice == 0 and justice.mean_change is None


def test_instrument_versions_are_never_mixed(world, history):
    rows = services.domain_changes(world.gemeente.pk)
    versions = {(r.instrument_id, r.domain_id) for r in rows}
    assert len(versions) == len(rows)
    old = [r for r in rows if "11 domeinen" in r.instrument]
    assert [r.domain for r in old] == ["Verslaving"] and old[0].measured_twice == 0


def test_per_household_and_per_wijk(world, history, person):
    household = services.domain_changes(world.gemeente.pk, by="huishouden")
    assert {r.group for r in household} == {str(history.household_id)}
    person.wijk_code = "WK0001"
    person.save()
    wijk = services.domain_changes(world.gemeente.pk, by="wijk")
    assert {r.group for r in wijk} == {"WK0001"}


def test_per_product(world, history, person):
    aanvraag = case_services.record_aanvraag(
        world.regisseur, history, received_on=date.today(), law="wmo", description="Begeleiding"
    )
    decision = Decision.objects.create(
        case=history,
        aanvraag=aanvraag,
        law="wmo",
        decided_on=date.today(),
        outcome="toegekend",
        motivation="x",
        bezwaar_deadline=date.today(),
        decided_by=world.regisseur,
    )
    DecisionProduct.objects.create(
        decision=decision,
        person=person,
        product_category="02",
        product_code="02A01",
        description="Begeleiding",
        start_date=date.today(),
    )
    rows = services.domain_changes(world.gemeente.pk, by="productcategorie")
    assert {r.group for r in rows} == {"02"}
    assert {r.group for r in services.domain_changes(world.gemeente.pk, by="productcode")} == {"02:02A01"}
    goals = services.goal_attainment(world.gemeente.pk, by="productcategorie")
    assert goals == [] or goals[0].group == "02"


def test_per_period(world, history):
    rows = services.domain_changes(world.gemeente.pk, by="jaar")
    assert {r.group for r in rows} == {str(date.today().year)}
    quarter = (date.today().month - 1) // 3 + 1
    assert {r.group for r in services.domain_changes(world.gemeente.pk, by="kwartaal")} == {
        f"{date.today().year}-K{quarter}"
    }
    # a window that holds only the intake has no change
    window = services.domain_changes(world.gemeente.pk, end=date.today() - timedelta(days=20))
    assert all(r.measured_twice == 0 for r in window)


def test_share_of_goals_achieved(world, history, person):
    user = world.regisseur
    goals = [
        case_services.add_goal(user, history, life_domain="financien", description=f"Doel {i}", person=person)
        for i in range(4)
    ]
    services.record_goal_attainment(user, goals[0], result="bereikt", gas_score=1)
    services.record_goal_attainment(user, goals[1], result="bereikt", gas_score=0)
    services.record_goal_attainment(user, goals[2], result="niet_bereikt")
    (share,) = services.goal_attainment(world.gemeente.pk)
    assert (share.goals, share.achieved, share.not_achieved, share.still_open) == (4, 2, 1, 1)
    assert share.share_achieved == round(2 / 3, 4) and share.mean_gas == 0.5
    by_household = services.goal_attainment(world.gemeente.pk, by="huishouden")
    assert by_household[0].group == str(history.household_id)


def test_other_municipalities_are_not_counted(world, history):
    assert services.domain_changes(world.other_gemeente.pk) == []


def test_unknown_dimension(world):
    with pytest.raises(ValueError):
        services.domain_changes(world.gemeente.pk, by="bsn")


def test_the_per_case_loop_agrees_with_the_set_based_aggregate(world, history):
    loop = services.per_case_loop([history.pk])[history.pk]
    rows = services.domain_changes(world.gemeente.pk, by="persoon")
    for row in rows:
        first, last = loop[(int(row.group), row.domain_id)]
        if row.measured_twice:
            assert last - first == row.mean_change


def test_aggregate_is_one_query(world, history, django_assert_num_queries):
    services.domain_changes(world.gemeente.pk)  # warm the label caches of nothing: labels are 2 queries
    with django_assert_num_queries(3):
        services.domain_changes(world.gemeente.pk, by="wijk")
    with django_assert_num_queries(1):
        services.goal_attainment(world.gemeente.pk, by="wijk")
    assert Measurement.objects.count() == 4


def test_per_provider_and_contract(world, history, person):
    """Joined once through contracts.Allocation (granted product → provider, contract product → contract)."""
    from schakel.contracts.tests import helpers as h

    provider = h.provider("98000001", "Zorggroep De Linde")
    contract = h.contract(provider, world.gemeente)
    product = h.product(contract)
    h.allocation(h.decision_product(history, person), product)
    rows = services.domain_changes(world.gemeente.pk, by="aanbieder")
    assert {r.group for r in rows} == {str(provider.pk)}
    fin = next(r for r in rows if r.domain == "Financiën" and "2017" in r.instrument)
    assert fin.mean_change == 2.0
    assert {r.group for r in services.domain_changes(world.gemeente.pk, by="contract")} == {str(contract.pk)}
    goal = case_services.add_goal(
        world.regisseur, history, life_domain="financien", description="D", person=person
    )
    services.record_goal_attainment(world.regisseur, goal, result="bereikt")
    (share,) = services.goal_attainment(world.gemeente.pk, by="contract")
    assert share.group == str(contract.pk) and share.share_achieved == 1.0
