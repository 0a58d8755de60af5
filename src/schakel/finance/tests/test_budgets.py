"""Budgets, earmarks and append-only amendments (begrotingswijzigingen)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.core.models import Regio
from schakel.finance import services
from schakel.finance.models import Budget, BudgetAmendment

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_current_amount_is_initial_plus_amendments(fin):
    wmo = fin.budget.earmarks.get(kind="wmo")
    services.amend_budget(
        fin.controller,
        fin.budget,
        delta_cents=500_000_00,
        reason="Extra middelen Wmo",
        decided_on=date(YEAR, 3, 1),
        earmark=wmo,
    )
    services.amend_budget(
        fin.controller, fin.budget, delta_cents=-200_000_00, reason="Bezuiniging", decided_on=date(YEAR, 6, 1)
    )
    amounts = services.current_amounts([fin.budget])
    assert amounts[(fin.budget.pk, None)] == 10_000_000_00 + 500_000_00 - 200_000_00
    assert amounts[(fin.budget.pk, wmo.pk)] == 4_500_000_00
    assert fin.budget.initial_cents == 10_000_000_00  # history is not rewritten


def test_amendments_are_append_only(fin):
    amendment = services.amend_budget(
        fin.controller, fin.budget, delta_cents=1, reason="x", decided_on=date(YEAR, 1, 2)
    )
    amendment.delta_cents = 2
    with pytest.raises(PermissionError):
        amendment.save()
    with pytest.raises(PermissionError):
        amendment.delete()
    with pytest.raises(PermissionError):
        BudgetAmendment.objects.filter(pk=amendment.pk).update(delta_cents=3)
    with pytest.raises(PermissionError):
        BudgetAmendment.objects.all().delete()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"delta_cents": 0}, "delta_cents"),
        ({"delta_cents": 1.5}, "delta_cents"),
        ({"delta_cents": "100"}, "delta_cents"),
        ({"delta_cents": -20_000_000_00}, "delta_cents"),  # budget below zero
        ({"delta_cents": -2_000_000_00}, "delta_cents"),  # below the earmarks (9 mln earmarked)
        ({"reason": "  "}, "reason"),
    ],
)
def test_bad_amendments_are_refused_and_nothing_is_stored(fin, kwargs, field):
    values = {"delta_cents": 100, "reason": "Reden", "decided_on": date(YEAR, 1, 2), **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.amend_budget(fin.controller, fin.budget, **values)
    assert field in exc.value.message_dict
    assert not BudgetAmendment.objects.exists()


def test_earmarks_cannot_exceed_the_budget(fin, world):
    with pytest.raises(ValidationError) as exc:
        services.create_budget(
            fin.controller,
            year=YEAR + 1,
            kind="sociaal_domein",
            name="Te klein",
            initial_cents=100,
            gemeente=world.gemeente,
            earmarks=[services.EarmarkInput("wmo", 101)],
        )
    assert "earmarks" in exc.value.message_dict
    assert not Budget.objects.filter(year=YEAR + 1).exists()


def test_inkomensdeel_is_a_separate_budget_without_earmarks(fin, world):
    budget = services.create_budget(
        fin.controller,
        year=YEAR,
        kind="inkomensdeel",
        name="BUIG",
        initial_cents=3_000_000_00,
        gemeente=world.gemeente,
    )
    assert budget.kind == "inkomensdeel"
    with pytest.raises(ValidationError):
        services.create_budget(
            fin.controller,
            year=YEAR + 1,
            kind="inkomensdeel",
            name="BUIG",
            initial_cents=1,
            gemeente=world.gemeente,
            earmarks=[services.EarmarkInput("wmo", 1)],
        )


def test_one_budget_per_owner_year_and_kind(fin, world):
    with pytest.raises(ValidationError) as exc:
        services.create_budget(
            fin.controller,
            year=YEAR,
            kind="sociaal_domein",
            name="Dubbel",
            initial_cents=1,
            gemeente=world.gemeente,
        )
    assert "year" in exc.value.message_dict


def test_regional_budget_visible_in_member_municipalities(fin, world):
    regio = Regio.objects.create(name="Jeugdregio Noord", kind="jeugdregio")
    regio.gemeenten.add(world.gemeente)
    budget = services.create_budget(
        fin.controller, year=YEAR, kind="sociaal_domein", name="Regionaal jeugd", initial_cents=5, regio=regio
    )
    assert Budget.objects.visible_to(fin.controller, "finance.view_budget").filter(pk=budget.pk).exists()
    assert not Budget.objects.visible_to(world.regisseur, "finance.view_budget").exists()


def test_only_roles_with_the_permission_may_write(fin, world):
    with pytest.raises(PermissionDenied):
        services.amend_budget(
            world.regisseur, fin.budget, delta_cents=1, reason="x", decided_on=date(YEAR, 1, 1)
        )
    with pytest.raises(PermissionDenied):  # a controller of another municipality
        services.create_budget(
            fin.controller,
            year=YEAR,
            kind="sociaal_domein",
            name="x",
            initial_cents=1,
            gemeente=world.other_gemeente,
        )
