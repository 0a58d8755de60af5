"""API v1 routes of the finance app: ``/budgetten``, ``/verplichtingen``, ``/realisatie``, ``/betaalrondes``.

Budgets, commitments and realisation are aggregates without personal data (no processing log needed);
payment runs carry no BSN or names. Writes go through :mod:`schakel.finance.services`.
"""

from .views import BudgetViewSet, CommitmentViewSet, PaymentRunViewSet, RealisationViewSet


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("budgetten", BudgetViewSet, basename="budget")
    router.register("verplichtingen", CommitmentViewSet, basename="verplichting")
    router.register("realisatie", RealisationViewSet, basename="realisatie")
    router.register("betaalrondes", PaymentRunViewSet, basename="betaalronde")
