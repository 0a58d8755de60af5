"""Access-matrix entries of the contracts app, merged by ``tests/test_access_matrix.py``.

See that module for the user kinds and the meaning of the entries. Provider staff (role ``aanbieder``) are
not a matrix user kind; their access (own provider only) is tested in ``test_access.py``.
"""

from __future__ import annotations

CASE_TEAM = {"regisseur", "colleague", "teamleider"}
REGISSEURS = CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}
#: Roles with contracts.view_provider / view_contract somewhere (regisseur, teamleider, contractmanager,
#: functioneel beheerder).
READERS = REGISSEURS | {"contractmanager", "beheerder"}
#: ... in the municipality of the matrix's contract.
LOCAL_READERS = READERS - {"foreign_regisseur"}
MANAGER = {"contractmanager"}

#: URL name → (key in ``objects`` the ``pk`` refers to, user kinds allowed).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    "contracts:provider_list": (None, READERS),
    "contracts:provider_new": (None, MANAGER | {"beheerder"}),
    "contracts:provider_detail": ("provider", READERS),
    "contracts:provider_edit": ("provider", MANAGER | {"beheerder"}),
    "contracts:contract_list": (None, READERS),
    "contracts:contract_new": (None, MANAGER),
    "contracts:contract_detail": ("contract", LOCAL_READERS),
    "contracts:contract_edit": ("contract", MANAGER),
    "contracts:product_new": ("contract", MANAGER),
    "contracts:product_edit": ("contract_product", MANAGER),
    "contracts:tariff_new": ("contract_product", MANAGER),
    "contracts:result_area_new": ("contract_product", MANAGER),
    "contracts:agreement_new": ("result_area", MANAGER),
    "contracts:allocation_list": (None, REGISSEURS),
    "contracts:case_allocations": ("case", CASE_TEAM),
    "contracts:allocate": ("decision_product", CASE_TEAM),
    "contracts:allocation_detail": ("allocation", CASE_TEAM),
    "contracts:allocation_change": ("allocation", CASE_TEAM),
    "contracts:allocation_withdraw": ("allocation", CASE_TEAM),
    "contracts:allocation_delete": ("allocation", CASE_TEAM),
    "api:aanbieder-list": (None, READERS),
    "api:aanbieder-detail": ("provider", READERS),
    "api:contract-list": (None, READERS),
    "api:contract-detail": ("contract", LOCAL_READERS),
    "api:contractproduct-list": (None, READERS),
    "api:contractproduct-detail": ("contract_product", LOCAL_READERS),
    "api:toewijzing-list": (None, REGISSEURS),
    "api:toewijzing-detail": ("allocation", CASE_TEAM),
    # API writes (issue 4): the case team with add/change_allocation; 404 outside their work, 403 without
    # the permission. The matrix POSTs ``{}``: 400 for wijzigen/intrekken, and verwijderen is refused (400)
    # because contracts:allocation_delete above has already deleted the allocation — answered, not denied.
    "api:toewijzing-wijzigen": ("allocation", CASE_TEAM),
    "api:toewijzing-intrekken": ("allocation", CASE_TEAM),
    "api:toewijzing-verwijderen": ("allocation", CASE_TEAM),
}
#: List routes whose body must not show the protected household to others.
LIST_ROUTES: set[str] = {"contracts:allocation_list", "api:toewijzing-list"}
#: Admin URL name → (object key, user kinds allowed).
ADMIN_URLS: dict[str, tuple[str | None, set[str]]] = {
    "admin:contracts_provider_changelist": (None, {"beheerder"}),
    "admin:contracts_contract_changelist": (None, {"beheerder"}),
    "admin:contracts_provideruser_changelist": (None, {"beheerder"}),
    "admin:contracts_allocation_changelist": (None, set()),  # personal data: not for the beheerder
}


def add_objects(world, objects: dict) -> None:
    """Add this app's objects (by key) to the matrix's ``objects``."""
    from . import helpers as h

    provider = h.provider("98000099", "Matrixzorg")
    contract = h.contract(provider, world.gemeente)
    product = h.product(
        contract, category="11", code="11X01", variant="outputgericht", unit="82", frequencies=["6"]
    )
    area = product.result_areas.create(name="Mobiliteit")
    dp = h.decision_product(
        objects["case"], objects["person"], category="11", code="11X01", unit="82", frequency="6", volume=1
    )
    objects.update(
        provider=provider,
        contract=contract,
        contract_product=product,
        result_area=area,
        decision_product=dp,
        allocation=h.allocation(dp, product),
    )
