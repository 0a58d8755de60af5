"""API v1 routes of the contracts app: ``/aanbieders``, ``/contracten``, ``/contractproducten``, ``/toewijzingen``.

Every list and detail starts from the ``visible_to(user)`` querysets of :mod:`schakel.contracts.query` (the same
as the web UI): provider staff (``ProviderUser``, role ``aanbieder``) see only their own provider, its contracts
and its allocations. Reference data (:mod:`.reference`) is read-only; allocations (:mod:`.allocations`) carry
personal data (every person shown is logged) and can be allocated, changed, withdrawn and deleted by municipal
staff through the same services as the screens.
"""

from __future__ import annotations

from .allocations import AllocationSerializer, AllocationViewSet
from .reference import ContractProductViewSet, ContractViewSet, ProviderViewSet

__all__ = [
    "AllocationSerializer",
    "AllocationViewSet",
    "ContractProductViewSet",
    "ContractViewSet",
    "ProviderViewSet",
    "register",
]


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("aanbieders", ProviderViewSet, basename="aanbieder")
    router.register("contracten", ContractViewSet, basename="contract")
    router.register("contractproducten", ContractProductViewSet, basename="contractproduct")
    router.register("toewijzingen", AllocationViewSet, basename="toewijzing")
