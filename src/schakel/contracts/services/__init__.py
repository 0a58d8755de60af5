"""The contracts app's one door: providers, contracts, products, tariffs and allocations (toewijzingen).

Every function is one transaction; bad input raises ``django.core.exceptions.ValidationError`` with Dutch
messages (per field where possible) and stores nothing; a missing permission raises ``PermissionDenied``.
Rule ids refer to iWmo/iJw 3.2 (reference ``istandaarden.md``). Public API (used by exchange and finance):

Providers (``contracts.services.providers``) and contracts (``contracts.services.contracts``)
    ``create_provider(user, *, agb_code, name, contact_name="", email="", phone="", iban="") -> Provider``
    ``update_provider(user, provider, **fields)``, ``link_provider_user(user, provider, staff)``
    ``providers_of(user) -> QuerySet[Provider]`` – the providers a (provider) user works for (REST auth)
    ``create_contract(user, *, provider, reference, name, start_date, end_date=None, gemeente=None, regio=None,
    procurement_form="aanbesteding", notes="")``, ``update_contract(user, contract, **fields)``
    ``add_contract_product(user, contract, *, law, product_category, description, variant, product_code="",
    own_code=False, unit="", frequencies=())``, ``update_contract_product(user, product, **fields)``,
    ``validate_product(...)`` (TR381/S329, CS338/CS343)
    ``add_tariff(user, product, *, start_date, amount_cents, end_date=None)`` – no overlapping periods
    ``tariff_on(contract_product, day) -> int | None`` – eurocent (TR418)
    ``add_result_area(...)``, ``add_outcome_agreement(...)`` – outputgericht/taakgericht only
    ``find_contract_product(gemeente, law, category, code, provider, day) -> ContractProduct | None``
    ``products_for(decision_product, day=None)`` – contracted products able to serve a granted product

Allocations (``contracts.services.allocations``)
    ``allocate(user, decision_product, provider, contract_product, *, start_date=None, end_date=KEEP,
    volume=KEEP, unit=KEEP, frequency=KEEP, budget_cents=None, referentie_aanbieder="", comment="", at=None)``
    ``change_allocation(user, allocation, *, reason, end_date=KEEP, budget_cents=KEEP, volume=KEEP)``
    ``withdraw_allocation(user, allocation, *, end_date, reason)``, ``delete_allocation(user, allocation)``
    ``allocation_by_number(gemeente, law, number)``, ``allocations_for_provider(provider, *, gemeente=None,
    law=None, current_on=None)``, ``current_allocations(person, provider, *, law, on=None)`` (OP087)
    ``record_claim_approved(allocation, lines=1)`` – finance: blocks deletion afterwards (TR385)
    ``record_claims_approved({allocation_id: lines})`` – the same, set-based (exchange, per chunk)
    ``next_number(gemeente_id, law)`` – ToewijzingNummer (TR332)

Delivery (``contracts.services.delivery``), for 305/307 (exchange)
    ``record_start(allocation, *, start_date, source="", cancel=False, user=None, at=None) -> Allocation``
    ``record_stop(allocation, *, end_date, reason, source="", cancel=False, user=None, at=None) -> Allocation``

Update and allocation functions work on a fresh, locked copy and return it: use the return value (the object
passed in is not modified, also not on a ValidationError).
"""

from ._base import KEEP
from .allocations import (
    allocate,
    allocation_by_number,
    allocations_for_provider,
    change_allocation,
    check_no_stacking,
    current_allocations,
    delete_allocation,
    next_number,
    record_claim_approved,
    record_claims_approved,
    validate_omvang,
    withdraw_allocation,
)
from .contracts import (
    add_contract_product,
    add_outcome_agreement,
    add_result_area,
    add_tariff,
    create_contract,
    find_contract_product,
    products_for,
    tariff_on,
    update_contract,
    update_contract_product,
    validate_product,
)
from .delivery import record_start, record_stop
from .providers import create_provider, link_provider_user, parse_iban, providers_of, update_provider

__all__ = [
    "KEEP",
    "add_contract_product",
    "add_outcome_agreement",
    "add_result_area",
    "add_tariff",
    "allocate",
    "allocation_by_number",
    "allocations_for_provider",
    "change_allocation",
    "check_no_stacking",
    "create_contract",
    "create_provider",
    "current_allocations",
    "delete_allocation",
    "find_contract_product",
    "link_provider_user",
    "next_number",
    "parse_iban",
    "products_for",
    "providers_of",
    "record_claim_approved",
    "record_claims_approved",
    "record_start",
    "record_stop",
    "tariff_on",
    "update_contract",
    "update_contract_product",
    "update_provider",
    "validate_omvang",
    "validate_product",
    "withdraw_allocation",
]
