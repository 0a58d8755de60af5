"""Allocation rules (reference istandaarden.md §3.3–§4): one test per rule, nothing half-stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.contracts import services, workflow
from schakel.contracts.models import Allocation, AllocationChange
from schakel.core.models import ProcessingLogEntry

from . import helpers as h

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def test_allocate_takes_the_granted_omvang_and_numbers_per_gemeente_and_law(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    assert (a.volume, a.unit, a.frequency, a.budget_cents) == (3, "04", "2", None)
    assert a.number == services.allocations.NUMBER_BASE + 1 and len(a.number_display) == 8
    assert a.reason == ""  # IV066: an initial toewijzing has no RedenWijziging
    assert a.changes.get().kind == AllocationChange.Kind.ALLOCATED
    assert ProcessingLogEntry.objects.filter(object_id=str(market.person.pk), action="toevoegen").exists()
    jeugd_dp = h.decision_product(
        market.case, market.person, law="jeugd", category="45", code="45A48", frequency="4"
    )
    jeugd_cp = h.product(market.contract, law="jeugd", category="45", code="45A48", frequencies=("4",))
    j = services.allocate(world.regisseur, jeugd_dp, market.linde, jeugd_cp)
    assert j.number == services.allocations.NUMBER_BASE + 1  # TR332: unique per gemeente *per law*


def test_tr332_numbers_are_unique_per_gemeente_per_law(world, market):
    first = services.next_number(world.gemeente.pk, "wmo")
    assert services.next_number(world.gemeente.pk, "wmo") == first + 1
    assert services.next_number(world.other_gemeente.pk, "wmo") == first


def test_cd077_omvang_and_budget_are_mutually_exclusive(world, market):
    with pytest.raises(ValidationError) as exc:
        services.allocate(
            world.regisseur,
            market.dp,
            market.linde,
            market.hh,
            budget_cents=10000,
            volume=3,
            unit="04",
            frequency="2",
        )
    assert "CD077" in _codes(exc.value)
    assert not Allocation.objects.exists()


def test_cd041_code_needs_omvang_and_cd080_aspecifiek_has_none(world, market):
    with pytest.raises(ValidationError, match="CD041"):
        services.allocate(
            world.regisseur, market.dp, market.linde, market.hh, volume=None, unit="", frequency=""
        )
    dp = h.decision_product(
        market.case, market.person, category="02", code="", volume=None, unit="", frequency=""
    )
    with pytest.raises(ValidationError, match="CD080"):
        services.allocate(
            world.regisseur, dp, market.linde, market.aspecifiek, volume=2, unit="04", frequency="2"
        )
    a = services.allocate(world.regisseur, dp, market.linde, market.aspecifiek, budget_cents=250000)
    assert a.budget_cents == 250000 and a.volume is None


def test_cd075_budget_needs_an_end_date(world, market):
    dp = h.decision_product(
        market.case, market.person, category="02", code="", volume=None, unit="", frequency=""
    )
    dp.end_date = None
    dp.save()
    with pytest.raises(ValidationError, match="CD075"):
        services.allocate(
            world.regisseur, dp, market.linde, market.aspecifiek, budget_cents=1000, end_date=None
        )


def test_cd076_per_week_needs_an_end_date(world, market):
    dp = h.decision_product(market.case, market.person)
    dp.end_date = None
    dp.save()
    with pytest.raises(ValidationError, match="CD076"):
        services.allocate(world.regisseur, dp, market.linde, market.hh)


@pytest.mark.parametrize(
    ("unit", "frequency"),
    [
        ("82", "2"),
        ("04", "3"),
        ("14", "1"),
    ],  # output unit in inspanning; unknown freq; etmaal per dag (CS338)
)
def test_cs338_cs343_unit_frequency_combinations(world, market, unit, frequency):
    with pytest.raises(ValidationError, match="CS338"):
        services.allocate(world.regisseur, market.dp, market.linde, market.hh, unit=unit, frequency=frequency)


def test_frequency_must_be_contracted(world, market):
    with pytest.raises(ValidationError, match="CS343"):
        services.allocate(world.regisseur, market.dp, market.linde, market.hh, frequency="1")


def test_cs003_end_before_start(world, market):
    with pytest.raises(ValidationError, match="CS003"):
        services.allocate(
            world.regisseur,
            market.dp,
            market.linde,
            market.hh,
            start_date=TODAY,
            end_date=TODAY - timedelta(1),
        )


def test_allocation_stays_within_the_granted_period_and_contract(world, market):
    with pytest.raises(ValidationError, match="beschikte periode"):
        services.allocate(
            world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(900)
        )
    market.contract.end_date = TODAY + timedelta(30)
    market.contract.save()
    with pytest.raises(ValidationError, match="langer dan het contract"):
        services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError, match="niet bij het contract"):
        services.allocate(world.regisseur, market.dp, market.beuk, market.hh)


def test_taakgericht_is_not_allocated_per_client(world, market):
    eik = h.provider("98000003", "Wijkzorg De Eik")
    cp = h.product(h.contract(eik, world.gemeente), variant="taakgericht", unit="", frequencies=())
    with pytest.raises(ValidationError, match="Taakgericht"):
        services.allocate(world.regisseur, market.dp, eik, cp)


def test_refused_decision_and_other_laws_are_not_allocated(world, market):
    dp = h.decision_product(market.case, market.person, outcome="afgewezen")
    with pytest.raises(ValidationError, match="afgewezen"):
        services.allocate(world.regisseur, dp, market.linde, market.hh)
    dp = h.decision_product(market.case, market.person, law="participatie")
    with pytest.raises(ValidationError, match="Wmo- en Jeugdwet"):
        services.allocate(world.regisseur, dp, market.linde, market.hh)


def test_op259_no_stacking_in_overlapping_periods_even_at_another_provider(world, market):
    services.allocate(world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(100))
    with pytest.raises(ValidationError, match="OP259"):
        services.allocate(world.regisseur, market.dp, market.beuk, market.hh_beuk)
    assert Allocation.objects.count() == 1
    later = services.allocate(
        world.regisseur, market.dp, market.beuk, market.hh_beuk, start_date=TODAY + timedelta(101)
    )
    assert later.provider == market.beuk  # consecutive periods are fine


def test_deleted_allocation_does_not_count_as_stacking(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    services.delete_allocation(world.regisseur, a)
    services.allocate(world.regisseur, market.dp, market.beuk, market.hh_beuk)


def test_permission_and_need_to_know(world, market):
    with pytest.raises(PermissionDenied):
        services.allocate(world.contractmanager, market.dp, market.linde, market.hh)
    with pytest.raises(PermissionDenied):
        services.allocate(world.other_team_regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(PermissionDenied):
        services.allocate(world.foreign_regisseur, market.dp, market.linde, market.hh)


# --------------------------------------------------------------------------- changes (OP033x1, IV066, OP380)


def test_change_end_date_keeps_the_number_and_appends_history(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    changed = services.change_allocation(world.regisseur, a, end_date=TODAY + timedelta(200), reason="05")
    assert changed.number == a.number and changed.end_date == TODAY + timedelta(200)
    assert changed.allocated_at > a.allocated_at  # IV013: the latest version wins
    kinds = list(changed.changes.values_list("kind", flat=True))
    assert kinds == ["toegewezen", "gewijzigd"]
    assert changed.changes.last().before["end_date"] == a.end_date.isoformat()


def test_op033x1_volume_only_with_frequency_6(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError, match="OP033x1"):
        services.change_allocation(world.regisseur, a, volume=5, reason="14")
    assert Allocation.objects.get(pk=a.pk).volume == 3
    dp = h.decision_product(
        market.case,
        market.person,
        category="11",
        code="11X01",
        unit="82",
        frequency="6",
        volume=1,
        start=TODAY + timedelta(1),
    )
    b = services.allocate(world.regisseur, dp, market.linde, market.output)
    assert services.change_allocation(world.regisseur, b, volume=2, reason="14").volume == 2


def test_iv066_change_needs_a_reason_not_01_nor_13(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    for reason in ("", "01", "13"):
        with pytest.raises(ValidationError, match="IV066"):
            services.change_allocation(world.regisseur, a, end_date=TODAY + timedelta(50), reason=reason)


def test_budget_change_only_on_a_budget_allocation(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError, match="IV066"):
        services.change_allocation(world.regisseur, a, budget_cents=5000, reason="14")
    dp = h.decision_product(
        market.case, market.person, category="02", code="", volume=None, unit="", frequency=""
    )
    b = services.allocate(world.regisseur, dp, market.linde, market.aspecifiek, budget_cents=1000)
    assert services.change_allocation(world.regisseur, b, budget_cents=2000, reason="04").budget_cents == 2000


def test_op380_extend_only_while_the_old_end_date_has_not_passed(world, market):
    dp = h.decision_product(market.case, market.person, start=TODAY - timedelta(100))
    a = services.allocate(world.regisseur, dp, market.linde, market.hh, end_date=TODAY - timedelta(5))
    with pytest.raises(ValidationError, match="OP380"):
        services.change_allocation(world.regisseur, a, end_date=TODAY + timedelta(50), reason="04")
    # shortening is always allowed
    services.change_allocation(world.regisseur, a, end_date=TODAY - timedelta(10), reason="05")


def test_nothing_changed_is_refused(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        services.change_allocation(world.regisseur, a, end_date=a.end_date, reason="05")


def test_withdraw_is_final(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    w = services.withdraw_allocation(world.regisseur, a, end_date=TODAY, reason="09")
    assert (w.status, w.end_date, w.reason) == ("ingetrokken", TODAY, "09")
    with pytest.raises(ValidationError, match="nieuwe toewijzing"):
        services.change_allocation(world.regisseur, w, end_date=TODAY + timedelta(3), reason="04")
    with pytest.raises(ValidationError):
        services.withdraw_allocation(world.regisseur, w, end_date=TODAY, reason="09")


def test_withdraw_cannot_extend(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(10))
    with pytest.raises(ValidationError, match="niet later"):
        services.withdraw_allocation(world.regisseur, a, end_date=TODAY + timedelta(20), reason="09")


def test_cs335_delete_sets_reason_13_and_end_is_start(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    d = services.delete_allocation(world.regisseur, a)
    assert (d.status, d.reason, d.end_date) == ("verwijderd", "13", d.start_date)
    assert d.changes.last().kind == "verwijderd"


def test_tr385_no_delete_after_approved_claims(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    services.record_claim_approved(a)
    with pytest.raises(ValidationError, match="TR385"):
        services.delete_allocation(world.regisseur, a)
    assert Allocation.objects.get(pk=a.pk).status == "actief"


def test_history_is_append_only(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    row = a.changes.get()
    row.summary = "gewijzigd"
    with pytest.raises(PermissionError):
        row.save()


# --------------------------------------------------------------------------- delivery (305/307)


def test_delivery_start_stop_and_temporary_stop(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    a = services.record_start(a, start_date=a.start_date, source="B1")
    assert (a.delivery_status, a.delivery_started_on) == ("gestart", a.start_date)
    a = services.record_stop(a, end_date=TODAY, reason="20", source="B2")
    assert a.delivery_status == "onderbroken" and a.delivery_stopped_on == TODAY
    a = services.record_start(a, start_date=TODAY + timedelta(3))
    assert a.delivery_status == "gestart" and a.delivery_stopped_on is None
    a = services.record_stop(a, end_date=TODAY + timedelta(9), reason="31")
    assert (a.delivery_status, a.delivery_stop_reason) == ("gestopt", "31")
    a = services.record_stop(a, end_date=TODAY + timedelta(9), reason="31", cancel=True)
    assert a.delivery_status == "gestart" and a.delivery_stopped_on is None
    assert a.deliveries.count() == 5


def test_delivery_transitions_refuse_impossible_events(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError):
        services.record_stop(a, end_date=TODAY, reason="31")  # no start yet
    a = services.record_start(a, start_date=a.start_date)
    with pytest.raises(ValidationError):
        services.record_start(a, start_date=a.start_date)  # TR326: no second current start
    with pytest.raises(ValidationError, match="TR018"):
        services.record_stop(a, end_date=a.start_date - timedelta(1), reason="31")
    assert a.deliveries.count() == 1


def test_transition_tables_are_closed():
    assert set(workflow.ALLOCATION_TRANSITIONS.values()) <= {"actief", "ingetrokken", "verwijderd"}
    for (state, _action), _target in workflow.ALLOCATION_TRANSITIONS.items():
        assert state == "actief"  # withdrawn and deleted are final
    with pytest.raises(ValidationError):
        workflow.next_status("verwijderd", "change")


def test_lookups_for_exchange(world, market):
    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    assert services.allocation_by_number(world.gemeente, "wmo", a.number) == a
    assert list(services.allocations_for_provider(market.linde)) == [a]
    assert list(services.current_allocations(market.person, market.linde, law="wmo")) == [a]
    services.delete_allocation(world.regisseur, a)
    assert not services.allocations_for_provider(market.linde).exists()
