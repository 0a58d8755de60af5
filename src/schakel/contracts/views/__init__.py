"""Views of the contracts app (mounted at ``/contracten/``)."""

from .allocations import (
    allocate,
    allocation_change,
    allocation_delete,
    allocation_detail,
    allocation_list,
    allocation_withdraw,
    case_allocations,
)
from .contracts import (
    agreement_new,
    contract_detail,
    contract_edit,
    contract_list,
    contract_new,
    product_edit,
    product_new,
    provider_detail,
    provider_edit,
    provider_list,
    provider_new,
    result_area_new,
    tariff_new,
)

__all__ = [
    "agreement_new",
    "allocate",
    "allocation_change",
    "allocation_delete",
    "allocation_detail",
    "allocation_list",
    "allocation_withdraw",
    "case_allocations",
    "contract_detail",
    "contract_edit",
    "contract_list",
    "contract_new",
    "product_edit",
    "product_new",
    "provider_detail",
    "provider_edit",
    "provider_list",
    "provider_new",
    "result_area_new",
    "tariff_new",
]
