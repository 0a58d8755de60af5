"""Providers, contracts, contracted products, tariffs and outcome agreements (reference istandaarden.md §4)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from schakel.core.models import Gemeente, Regio

from ..models import (
    Contract,
    ContractProduct,
    ContractTariff,
    OutcomeAgreement,
    Provider,
    ResultArea,
)
from ..vocab import ALLOWED_COMBINATIONS, CATEGORIES, ContractLaw, FinancingVariant, jeugd_product_codes
from ._base import check_period, contract_gemeente_ids, overlaps, require, require_any

_CODE = re.compile(r"^[A-Za-z0-9]{1,5}$")
_JZ21_VARIANT = {
    "Inspanningsgericht": FinancingVariant.INSPANNINGSGERICHT,
    "Outputgericht": FinancingVariant.OUTPUTGERICHT,
}


# --------------------------------------------------------------------------- contracts


def _contract_scope_check(user, perm: str, gemeente: Gemeente | None, regio: Regio | None) -> None:
    if (gemeente is None) == (regio is None):
        raise ValidationError(
            {"gemeente": _("Kies een gemeente of een regio (precies één van beide).")},
            code="gemeente_xor_regio",
        )
    if gemeente is not None:
        require(user, perm, gemeente.pk)
    else:
        require_any(user, perm, regio.gemeenten.values_list("pk", flat=True))


@transaction.atomic
def create_contract(
    user,
    *,
    provider: Provider,
    reference: str,
    name: str,
    start_date: date,
    end_date: date | None = None,
    gemeente: Gemeente | None = None,
    regio: Regio | None = None,
    procurement_form: str = "aanbesteding",
    notes: str = "",
) -> Contract:
    """A contract of a municipality or a region with one provider. Needs ``contracts.add_contract`` there."""
    _contract_scope_check(user, "contracts.add_contract", gemeente, regio)
    check_period(start_date, end_date)
    contract = Contract(
        provider=provider,
        reference=reference,
        name=name,
        start_date=start_date,
        end_date=end_date,
        gemeente=gemeente,
        regio=regio,
        procurement_form=procurement_form,
        notes=notes,
    )
    contract.full_clean()
    contract.save()
    return contract


@transaction.atomic
def update_contract(user, contract: Contract, **fields) -> Contract:
    """Change a contract; its tariffs must stay within the (new) period."""
    require_any(user, "contracts.change_contract", contract_gemeente_ids(contract))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)  # the caller's object stays as it was
    for key, value in fields.items():
        setattr(contract, key, value)
    _contract_scope_check(user, "contracts.change_contract", contract.gemeente, contract.regio)
    check_period(contract.start_date, contract.end_date)
    outside = ContractTariff.objects.filter(product__contract=contract).filter(
        Q(start_date__lt=contract.start_date)
        | (
            Q(end_date__gt=contract.end_date) | Q(end_date__isnull=True)
            if contract.end_date
            else Q(pk__in=[])
        )
    )
    if outside.exists():
        raise ValidationError(
            {"end_date": _("Er zijn tarieven buiten deze contractperiode; pas die eerst aan.")},
            code="tariffs",
        )
    contract.full_clean()
    contract.save()
    return contract


# --------------------------------------------------------------------------- contracted products


def validate_product(
    *,
    law: str,
    product_category: str,
    product_code: str,
    own_code: bool,
    variant: str,
    unit: str,
    frequencies,
) -> None:
    """The product rules of a contract (reference §4 and §6).

    * Productcategorie from the law's own list (WMO020 / JZ020): Wmo and Jeugd are kept apart.
    * Productcode: at most 5 letters/digits; a Jeugd standard code must be in the JZ21 list and belong to the
      category (TR381 → S329), with the list's uitvoeringsvariant; municipal own codes are allowed (``own_code``).
    * Eenheid/frequentie: only the combinations of the variant (reference §4 table; CS338/CS343).
      Taakgericht has neither: no per-client allocation (OP261; §4).
    """
    errors: dict[str, str] = {}
    if law not in ContractLaw.values:
        errors["law"] = _("Kies Wmo of Jeugdwet.")
    elif product_category not in CATEGORIES[law]:
        errors["product_category"] = _("Deze productcategorie bestaat niet voor de %(wet)s.") % {
            "wet": ContractLaw(law).label
        }
    if variant not in FinancingVariant.values:
        errors["variant"] = _("Kies een uitvoeringsvariant.")
    if product_code:
        if not _CODE.match(product_code):
            errors["product_code"] = _("Een productcode bestaat uit hoogstens 5 letters en cijfers.")
        elif law == ContractLaw.JEUGD and not own_code and "product_category" not in errors:
            row = jeugd_product_codes().get(product_code.upper())
            if row is None or product_code[:2] != product_category:
                errors["product_code"] = _(
                    "Deze productcode hoort niet bij de productcategorie in de standaardproductcodelijst "
                    "Jeugdwet (regel TR381, S329). Kies 'eigen productcode' voor een gemeentelijke code."
                )
            elif (
                variant in _JZ21_VARIANT.values()
                and row.get("uitvoeringsvariant") in _JZ21_VARIANT
                and _JZ21_VARIANT[row["uitvoeringsvariant"]] != variant
            ):
                errors["variant"] = _("Deze productcode is in de standaardlijst %(variant)s.") % {
                    "variant": row["uitvoeringsvariant"].lower()
                }
    frequencies = list(frequencies or [])
    if variant == FinancingVariant.TAAKGERICHT:
        if unit or frequencies:
            errors["unit"] = _(
                "Taakgericht wordt niet per cliënt toegewezen: laat eenheid en frequentie leeg."
            )
    elif variant in ALLOWED_COMBINATIONS:
        allowed = ALLOWED_COMBINATIONS[variant]
        if unit not in allowed:
            errors["unit"] = _("Deze eenheid past niet bij %(variant)s financieren (regels CS338/CS343).") % {
                "variant": FinancingVariant(variant).label.lower()
            }
        elif not frequencies:
            errors["frequencies"] = _("Kies ten minste één frequentie.")
        elif not set(frequencies) <= allowed[unit]:
            errors["frequencies"] = _(
                "Deze frequentie is niet toegestaan bij deze eenheid en uitvoeringsvariant (regels CS338/CS343)."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_contract_product(
    user,
    contract: Contract,
    *,
    law: str,
    product_category: str,
    description: str,
    variant: str,
    product_code: str = "",
    own_code: bool = False,
    unit: str = "",
    frequencies=(),
) -> ContractProduct:
    """Add a contracted product (see :func:`validate_product`)."""
    require_any(user, "contracts.add_contractproduct", contract_gemeente_ids(contract))
    product_code = (product_code or "").strip().upper()
    validate_product(
        law=law,
        product_category=product_category,
        product_code=product_code,
        own_code=own_code,
        variant=variant,
        unit=unit,
        frequencies=frequencies,
    )
    if contract.products.filter(
        law=law, product_category=product_category, product_code=product_code
    ).exists():
        raise ValidationError({"product_code": _("Dit product staat al in het contract.")}, code="unique")
    product = ContractProduct(
        contract=contract,
        law=law,
        product_category=product_category,
        product_code=product_code,
        own_code=own_code,
        description=description,
        variant=variant,
        unit=unit,
        frequencies=sorted(set(frequencies or [])),
    )
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def update_contract_product(user, product: ContractProduct, **fields) -> ContractProduct:
    """Change a contracted product. The variant cannot change once allocations refer to the product."""
    require_any(user, "contracts.change_contractproduct", contract_gemeente_ids(product.contract))
    if "product_code" in fields:
        fields["product_code"] = (fields["product_code"] or "").strip().upper()
    if product.allocations.exists() and any(
        fields.get(k, getattr(product, k)) != getattr(product, k)
        for k in ("law", "product_category", "product_code", "variant", "unit")
    ):
        raise ValidationError(
            _("Er zijn toewijzingen op dit product: wet, product, variant en eenheid liggen vast."),
            code="in_use",
        )
    product = ContractProduct.objects.select_for_update().select_related("contract").get(pk=product.pk)
    for key, value in fields.items():
        setattr(product, key, value)
    product.frequencies = sorted(set(product.frequencies or []))
    validate_product(
        law=product.law,
        product_category=product.product_category,
        product_code=product.product_code,
        own_code=product.own_code,
        variant=product.variant,
        unit=product.unit,
        frequencies=product.frequencies,
    )
    clash = product.contract.products.filter(
        law=product.law, product_category=product.product_category, product_code=product.product_code
    ).exclude(pk=product.pk)
    if clash.exists():
        raise ValidationError({"product_code": _("Dit product staat al in het contract.")}, code="unique")
    product.full_clean()
    product.save()
    return product


# --------------------------------------------------------------------------- tariffs


@transaction.atomic
def add_tariff(
    user, product: ContractProduct, *, start_date: date, amount_cents: int, end_date: date | None = None
) -> ContractTariff:
    """A tariff (eurocent per eenheid, IV024) or, for taakgericht, the lump sum for the period.

    Rules: the period lies within the contract period; periods of one product never overlap. An open-ended
    earlier tariff that starts before ``start_date`` is closed the day before (the usual indexation step).
    """
    require_any(user, "contracts.add_contracttariff", contract_gemeente_ids(product.contract))
    check_period(start_date, end_date)
    if amount_cents is None or int(amount_cents) < 0:
        raise ValidationError({"amount_cents": _("Vul een bedrag van 0 of meer in.")}, code="amount")
    contract = product.contract
    if start_date < contract.start_date or (
        contract.end_date and (end_date is None or end_date > contract.end_date)
    ):
        raise ValidationError(
            {"start_date": _("De tariefperiode moet binnen de contractperiode vallen.")},
            code="outside_contract",
        )
    existing = list(product.tariffs.select_for_update().order_by("start_date"))
    for tariff in existing:
        if tariff.end_date is None and tariff.start_date < start_date:
            tariff.end_date = start_date - timedelta(days=1)
            tariff.save(update_fields=["end_date"])
        elif overlaps(tariff.start_date, tariff.end_date, start_date, end_date):
            raise ValidationError(
                {
                    "start_date": _("Deze periode overlapt met het tarief vanaf %(datum)s.")
                    % {"datum": tariff.start_date.strftime("%d-%m-%Y")}
                },
                code="overlap",
            )
    return ContractTariff.objects.create(
        product=product, start_date=start_date, end_date=end_date, amount_cents=int(amount_cents)
    )


def tariff_on(contract_product: ContractProduct, day: date) -> int | None:
    """The tariff (or lump sum) in eurocent valid on ``day``, or ``None`` (TR418 compares claims to it)."""
    found = (
        ContractTariff.objects.filter(product=contract_product, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("amount_cents", flat=True)
        .first()
    )
    return found


# --------------------------------------------------------------------------- result areas


@transaction.atomic
def add_result_area(user, product: ContractProduct, *, name: str, description: str = "") -> ResultArea:
    """Result areas only for outputgericht and taakgericht products (issue 4, reference §4)."""
    require_any(user, "contracts.change_contractproduct", contract_gemeente_ids(product.contract))
    if product.variant == FinancingVariant.INSPANNINGSGERICHT:
        raise ValidationError(
            _("Resultaatgebieden horen bij outputgericht of taakgericht financieren."), code="variant"
        )
    if not name.strip():
        raise ValidationError({"name": _("Vul een naam in.")}, code="required")
    return ResultArea.objects.create(product=product, name=name.strip(), description=description)


@transaction.atomic
def add_outcome_agreement(
    user,
    area: ResultArea,
    *,
    indicator: str,
    target_percent: int,
    start_date: date,
    end_date: date | None = None,
    description: str = "",
) -> OutcomeAgreement:
    """An outcome agreement, e.g. "≥ 70 % of plan goals achieved" (read by the outcomes work)."""
    require_any(user, "contracts.change_contractproduct", contract_gemeente_ids(area.product.contract))
    check_period(start_date, end_date)
    if indicator not in OutcomeAgreement.Indicator.values:
        raise ValidationError({"indicator": _("Kies een indicator.")}, code="indicator")
    if target_percent is None or not 0 <= int(target_percent) <= 100:
        raise ValidationError(
            {"target_percent": _("De streefwaarde ligt tussen 0 en 100 %.")}, code="percent"
        )
    return OutcomeAgreement.objects.create(
        result_area=area,
        indicator=indicator,
        target_percent=int(target_percent),
        start_date=start_date,
        end_date=end_date,
        description=description,
    )


# --------------------------------------------------------------------------- look-ups


def find_contract_product(
    gemeente: Gemeente, law: str, category: str, code: str, provider: Provider, day: date
) -> ContractProduct | None:
    """The product of ``provider``'s contract valid for ``gemeente`` on ``day`` (exchange: level-4 contract
    check; TR418 tariff). An exact code wins; without one, an aspecifiek product of the category."""
    candidates = ContractProduct.objects.filter(
        contract__in=Contract.objects.covering(gemeente, day).filter(provider=provider),
        law=law,
        product_category=category,
        product_code__in=[code or "", ""],
    ).select_related("contract")
    best = None
    for product in candidates:
        if product.product_code == (code or ""):
            return product
        best = best or product
    return best


def products_for(decision_product, *, day: date | None = None):
    """Contracted products (any provider) that can serve a granted product on ``day`` (the allocation form)."""
    case = decision_product.decision.case
    day = day or decision_product.start_date
    return (
        ContractProduct.objects.filter(
            contract__in=Contract.objects.covering(case.gemeente_id, day),
            law=decision_product.decision.law,
            product_category=decision_product.product_category,
            product_code__in=[decision_product.product_code, ""],
        )
        .exclude(variant=FinancingVariant.TAAKGERICHT)
        .select_related("contract__provider")
        .order_by("contract__provider__name", "product_code")
    )
