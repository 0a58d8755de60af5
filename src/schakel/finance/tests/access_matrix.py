"""Access-matrix entries of the finance app, merged by ``tests/test_access_matrix.py``.

The contract manager reads budgets, alerts, payment runs and cost-split rules (``finance/data/configuration.yaml``);
writing (budgets, amendments, payment runs, approval) and the drill-down to allocations are for the controller,
who is not one of the matrix's user kinds: nobody of them may write.
"""

from __future__ import annotations

NOBODY: set[str] = set()
READERS = {"contractmanager"}

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "finance:overview": (None, READERS),
    "finance:budget_new": (None, NOBODY),
    "finance:budget": ("finance_budget", READERS),
    "finance:budget_amend": ("finance_budget", NOBODY),
    "finance:drilldown": ("finance_budget", NOBODY),
    "finance:alerts": (None, READERS),
    "finance:alert_handle": ("finance_alert", NOBODY),
    "finance:runs": (None, READERS),
    "finance:run": ("finance_run", READERS),
    "finance:run_action": ("finance_run", NOBODY),
    "finance:run_sepa": ("finance_run", READERS),
    "finance:run_csv": ("finance_run", READERS),
    "finance:costsplit": (None, READERS),
    "api:budget-list": (None, READERS),
    "api:budget-detail": ("finance_budget", READERS),
    "api:budget-wijziging": ("finance_budget", NOBODY),
    "api:verplichting-list": (None, READERS),
    "api:realisatie-list": (None, READERS),
    "api:betaalronde-list": (None, READERS),
    "api:betaalronde-detail": ("finance_run", READERS),
    "api:betaalronde-actie": ("finance_run", NOBODY),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {"finance:overview", "finance:runs", "api:budget-list", "api:betaalronde-list"}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {}


def add_objects(world, objects: dict) -> None:
    """A budget with an open alert and a payment run (prepared by a controller) in ``world.gemeente``."""
    from django.utils import timezone

    from schakel.contracts.models import Provider
    from schakel.finance.models import Budget, BudgetAlert, PaymentRun
    from schakel.testing.factories import make_user

    controller = make_user("controller", world.gemeente, username="matrix-controller")
    budget = Budget.objects.create(
        gemeente=world.gemeente,
        year=timezone.localdate().year,
        kind="sociaal_domein",
        name="Sociaal domein",
        initial_cents=100_000_000,
        created_by=controller,
    )
    now = timezone.now()
    alert = BudgetAlert.objects.create(
        budget=budget,
        budget_cents=100_000_000,
        forecast_cents=120_000_000,
        limit_cents=100_000_000,
        raised_at=now,
        updated_at=now,
    )
    provider = Provider.objects.create(
        agb_code="98000098", name="Matrix betaalzorg", iban="NL91ABNA0417164300"
    )
    run = PaymentRun.objects.create(
        gemeente=world.gemeente,
        provider=provider,
        reference="BR-MATRIX-1",
        execution_date=timezone.localdate(),
        total_cents=1000,
        line_count=1,
        prepared_by=controller,
        prepared_at=now,
    )
    objects.update(finance_budget=budget, finance_alert=alert, finance_run=run)
