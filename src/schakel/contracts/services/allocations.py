"""Allocations (toewijzingen): allocate, change, withdraw, delete — each rule cited by its iWmo/iJw 3.2 id.

Reference istandaarden.md §3.3–§4. Every function is one transaction: on a ``ValidationError`` nothing is
stored. History is appended to ``AllocationChange``; ``allocated_at`` (Toewijzingsdatum + -tijd) is set
anew on every version, because the most recent one wins (IV013, OP033x1).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Case, Decision, DecisionProduct

from .. import workflow
from ..models import (
    Allocation,
    AllocationChange,
    ContractProduct,
    Provider,
)
from ..vocab import ContractLaw, FinancingVariant, RedenWijziging
from ._base import KEEP, Act, check_period, log_change, require
from .rules import (  # noqa: F401 - NUMBER_BASE/NUMBER_MAX re-exported
    NUMBER_BASE,
    NUMBER_MAX,
    _check_reason,
    check_no_stacking,
    next_number,
    validate_omvang,
)


def _snapshot(allocation: Allocation) -> dict:
    return {
        "start_date": allocation.start_date.isoformat(),
        "end_date": allocation.end_date.isoformat() if allocation.end_date else None,
        "volume": allocation.volume,
        "unit": allocation.unit,
        "frequency": allocation.frequency,
        "budget_cents": allocation.budget_cents,
        "status": allocation.status,
        "reason": allocation.reason,
    }


def _history(allocation, kind, user, summary, *, before=None, at=None) -> None:
    AllocationChange.objects.create(
        allocation=allocation,
        occurred_at=at or timezone.now(),
        kind=kind,
        reason=allocation.reason,
        before=before or {},
        after=_snapshot(allocation),
        summary=summary[:300],
        actor=user if getattr(user, "is_authenticated", False) else None,
    )


def _require_case_access(user, decision_product: DecisionProduct, perm: str) -> Case:
    case = decision_product.decision.case
    require(user, perm, case.gemeente_id)
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))
    return case


@transaction.atomic
def allocate(
    user,
    decision_product: DecisionProduct,
    provider: Provider,
    contract_product: ContractProduct,
    *,
    start_date: date | None = None,
    end_date: date | None = KEEP,
    volume: int | None = KEEP,
    unit: str = KEEP,
    frequency: str = KEEP,
    budget_cents: int | None = None,
    referentie_aanbieder: str = "",
    comment: str = "",
    at: datetime | None = None,
) -> Allocation:
    """Allocate a granted product to a provider: a new toewijzing with a new ToewijzingNummer.

    Defaults (``KEEP``) come from the decision product. Rules: Wmo/Jeugdwet only; a granted decision; the
    product is in the provider's contract for this municipality on the Ingangsdatum and not taakgericht
    (no per-client allocation, §4); the period lies within the granted period and Einddatum ≥ Ingangsdatum
    (CS003); :func:`validate_omvang`; :func:`check_no_stacking`; ToewijzingNummer by :func:`next_number`
    (TR332). An initial toewijzing carries no RedenWijziging (IV066).
    """
    case = _require_case_access(user, decision_product, "contracts.add_allocation")
    decision = decision_product.decision
    dp = decision_product
    start_date = start_date or dp.start_date
    end_date = dp.end_date if end_date is KEEP else end_date
    if budget_cents is None:
        volume = dp.volume if volume is KEEP else volume
        unit = dp.unit if unit is KEEP else unit
        frequency = dp.frequency if frequency is KEEP else frequency
    else:
        volume = None if volume is KEEP else volume
        unit = "" if unit is KEEP else unit
        frequency = "" if frequency is KEEP else frequency
    if decision.law not in ContractLaw.values:
        raise ValidationError(
            _("Alleen Wmo- en Jeugdwetproducten worden toegewezen aan een aanbieder."), code="law"
        )
    if decision.outcome == Decision.Outcome.REFUSED:
        raise ValidationError(_("Een afgewezen aanvraag kan niet worden toegewezen."), code="refused")
    check_period(start_date, end_date)
    if start_date < dp.start_date or (dp.end_date and (end_date is None or end_date > dp.end_date)):
        raise ValidationError(
            {
                "start_date": _("De toewijzing moet binnen de beschikte periode vallen (%(van)s – %(tot)s).")
                % {
                    "van": dp.start_date.strftime("%d-%m-%Y"),
                    "tot": dp.end_date.strftime("%d-%m-%Y") if dp.end_date else _("geen einddatum"),
                }
            },
            code="outside_decision",
        )
    contract = contract_product.contract
    if contract.provider_id != provider.pk:
        raise ValidationError(
            {"contract_product": _("Dit product hoort niet bij het contract van deze aanbieder.")}
        )
    if (
        contract_product.law != decision.law
        or contract_product.product_category != dp.product_category
        or (
            contract_product.product_code
            and dp.product_code
            and contract_product.product_code != dp.product_code
        )
    ):
        raise ValidationError(
            {"contract_product": _("Het gecontracteerde product past niet bij het beschikte product.")}
        )
    if not type(contract).objects.covering(case.gemeente_id, start_date).filter(pk=contract.pk).exists():
        raise ValidationError(
            {
                "contract_product": _(
                    "Er is op de ingangsdatum geen geldig contract met deze aanbieder voor deze gemeente."
                )
            },
            code="no_contract",
        )
    if contract.end_date and (end_date is None or end_date > contract.end_date):
        raise ValidationError(
            {
                "end_date": _("De toewijzing loopt langer dan het contract (tot %(tot)s).")
                % {"tot": contract.end_date.strftime("%d-%m-%Y")}
            },
            code="after_contract",
        )
    if contract_product.variant == FinancingVariant.TAAKGERICHT:
        raise ValidationError(
            {
                "contract_product": _(
                    "Taakgericht gefinancierde ondersteuning wordt niet per cliënt toegewezen."
                )
            },
            code="taakgericht",
        )
    code = contract_product.product_code
    validate_omvang(
        variant=contract_product.variant,
        product_code=code,
        volume=volume,
        unit=unit or "",
        frequency=frequency or "",
        budget_cents=budget_cents,
        end_date=end_date,
        allowed_unit=contract_product.unit,
        allowed_frequencies=contract_product.frequencies,
    )
    # Take the number first: it locks the counter of this municipality and law, so a concurrent allocation
    # of the same product waits here and then sees the committed row in the stacking check (OP259).
    number = next_number(case.gemeente_id, decision.law)
    check_no_stacking(
        person_id=dp.person_id,
        law=decision.law,
        product_category=dp.product_category,
        product_code=code,
        start=start_date,
        end=end_date,
    )
    allocation = Allocation.objects.create(
        gemeente_id=case.gemeente_id,
        law=decision.law,
        number=number,
        decision_product=dp,
        person_id=dp.person_id,
        provider=provider,
        contract_product=contract_product,
        product_category=dp.product_category,
        product_code=code,
        start_date=start_date,
        end_date=end_date,
        volume=volume,
        unit=unit or "",
        frequency=frequency or "",
        budget_cents=budget_cents,
        allocated_at=at or timezone.now(),
        referentie_aanbieder=referentie_aanbieder,
        comment=comment,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _history(
        allocation,
        AllocationChange.Kind.ALLOCATED,
        user,
        _("Toegewezen aan %(aanbieder)s") % {"aanbieder": provider.name},
        at=at,
    )
    log_change(user, allocation, Act.CREATE, "Toewijzing aan aanbieder")
    return allocation


def _locked(allocation: Allocation) -> Allocation:
    return (
        Allocation.objects.select_for_update()
        .select_related("person", "decision_product")
        .get(pk=allocation.pk)
    )


@transaction.atomic
def change_allocation(
    user,
    allocation: Allocation,
    *,
    reason: str,
    end_date: date | None = KEEP,
    budget_cents: int | None = KEEP,
    volume: int | None = KEEP,
    today: date | None = None,
    at: datetime | None = None,
) -> Allocation:
    """Change a toewijzing in one of the only allowed ways (OP033x1, IV066, OP380); same ToewijzingNummer.

    * Einddatum: shorten, or extend (OP380: stretch the existing toewijzing) — extending only while the old
      Einddatum has not passed and within the granted period; Einddatum ≥ Ingangsdatum (CS003).
    * Budget: only on a toewijzing with a budget.
    * Volume: only when Frequentie = 6 "totaal binnen geldigheidsduur toewijzing" (OP033x1).
    Any other change: withdraw and allocate anew (new ToewijzingNummer).
    """
    allocation = _locked(allocation)
    _require_case_access(user, allocation.decision_product, "contracts.change_allocation")
    workflow.next_status(allocation.status, "change")
    _check_reason(reason)
    today = today or timezone.localdate()
    before = _snapshot(allocation)
    errors: dict[str, str] = {}
    if volume is not KEEP and volume != allocation.volume:
        if allocation.frequency != "6":
            errors["volume"] = _(
                "Het volume mag alleen wijzigen bij frequentie 'totaal binnen geldigheidsduur toewijzing' "
                "(regel OP033x1). Trek de toewijzing in en wijs opnieuw toe."
            )
        elif volume is None or int(volume) <= 0:
            errors["volume"] = _("Vul een volume groter dan 0 in.")
        else:
            allocation.volume = int(volume)
    if budget_cents is not KEEP and budget_cents != allocation.budget_cents:
        if allocation.budget_cents is None:
            errors["budget_cents"] = _(
                "Deze toewijzing heeft een omvang, geen budget. Trek haar in en wijs opnieuw toe (regel IV066)."
            )
        elif budget_cents is None or int(budget_cents) <= 0:
            errors["budget_cents"] = _("Vul een budget groter dan 0 in.")
        else:
            allocation.budget_cents = int(budget_cents)
    if end_date is not KEEP and end_date != allocation.end_date:
        old_end = allocation.end_date
        extends = old_end is not None and (end_date is None or end_date > old_end)
        dp_end = allocation.decision_product.end_date
        if end_date is not None and end_date < allocation.start_date:
            errors["end_date"] = _("De einddatum ligt vóór de ingangsdatum (regel CS003).")
        elif extends and old_end < today:
            errors["end_date"] = _(
                "De oude einddatum is verstreken: verlengen kan niet meer (regel OP380). Wijs opnieuw toe."
            )
        elif dp_end and (end_date is None or end_date > dp_end):
            errors["end_date"] = _("De einddatum valt na de beschikte periode.")
        elif end_date is None and (allocation.frequency == "2" or allocation.budget_cents is not None):
            errors["end_date"] = _("Bij deze toewijzing is een einddatum verplicht (regels CD075/CD076).")
        else:
            allocation.end_date = end_date
            if extends:
                check_no_stacking(
                    person_id=allocation.person_id,
                    law=allocation.law,
                    product_category=allocation.product_category,
                    product_code=allocation.product_code,
                    start=allocation.start_date,
                    end=end_date,
                    exclude_pk=allocation.pk,
                )
    if errors:
        raise ValidationError(errors)
    after = _snapshot(allocation)
    if {k: v for k, v in after.items() if k != "reason"} == {
        k: v for k, v in before.items() if k != "reason"
    }:
        raise ValidationError(_("Er is niets gewijzigd."), code="unchanged")
    allocation.reason = reason
    allocation.allocated_at = at or timezone.now()
    allocation.save()
    _history(
        allocation,
        AllocationChange.Kind.CHANGED,
        user,
        _("Gewijzigd: %(reden)s") % {"reden": RedenWijziging(reason).label},
        before=before,
        at=at,
    )
    log_change(user, allocation, Act.UPDATE, "Toewijzing gewijzigd")
    return allocation


@transaction.atomic
def withdraw_allocation(
    user, allocation: Allocation, *, end_date: date, reason: str, at: datetime | None = None
) -> Allocation:
    """Withdraw (intrekken) a toewijzing: a 301 with RedenWijziging and the new, earlier Einddatum (§3.2).

    Einddatum ≥ Ingangsdatum (CS003; use :func:`delete_allocation` for "never delivered") and not later than
    the current one. Final: the allocation cannot be changed afterwards.
    """
    allocation = _locked(allocation)
    _require_case_access(user, allocation.decision_product, "contracts.change_allocation")
    target = workflow.next_status(allocation.status, "withdraw")
    _check_reason(reason)
    if end_date is None:
        raise ValidationError({"end_date": _("Vul de einddatum van de intrekking in.")}, code="required")
    check_period(allocation.start_date, end_date)
    if allocation.end_date is not None and end_date > allocation.end_date:
        raise ValidationError({"end_date": _("Bij intrekken ligt de einddatum niet later dan de huidige.")})
    before = _snapshot(allocation)
    allocation.end_date = end_date
    allocation.reason = reason
    allocation.status = target
    allocation.allocated_at = at or timezone.now()
    allocation.save()
    _history(
        allocation,
        AllocationChange.Kind.WITHDRAWN,
        user,
        _("Ingetrokken: %(reden)s") % {"reden": RedenWijziging(reason).label},
        before=before,
        at=at,
    )
    log_change(user, allocation, Act.UPDATE, "Toewijzing ingetrokken")
    return allocation


@transaction.atomic
def delete_allocation(user, allocation: Allocation, *, at: datetime | None = None) -> Allocation:
    """Delete a toewijzing: RedenWijziging 13 and Einddatum = Ingangsdatum (CS335); it counts as never sent.

    Not allowed once approved claim lines exist (TR385 → 9385; see :func:`record_claim_approved`).
    """
    allocation = _locked(allocation)
    _require_case_access(user, allocation.decision_product, "contracts.change_allocation")
    target = workflow.next_status(allocation.status, "delete")
    if allocation.approved_claims:
        raise ValidationError(
            _(
                "Er zijn al goedgekeurde declaraties op deze toewijzing: verwijderen kan niet (regel TR385). "
                "Trek de toewijzing in."
            ),
            code="TR385",
        )
    before = _snapshot(allocation)
    allocation.end_date = allocation.start_date
    allocation.reason = RedenWijziging.VERWIJDERD
    allocation.status = target
    allocation.allocated_at = at or timezone.now()
    allocation.save()
    _history(
        allocation, AllocationChange.Kind.DELETED, user, _("Verwijderd (reden 13)"), before=before, at=at
    )
    log_change(user, allocation, Act.DELETE, "Toewijzing verwijderd")
    return allocation


@transaction.atomic
def record_claim_approved(allocation: Allocation, lines: int = 1) -> None:
    """Finance/exchange: count approved claim lines (a deleted toewijzing then stays; TR385)."""
    Allocation.objects.filter(pk=allocation.pk).update(approved_claims=F("approved_claims") + lines)
    allocation.approved_claims = Allocation.objects.values_list("approved_claims", flat=True).get(
        pk=allocation.pk
    )


def record_claims_approved(counts: dict[int, int]) -> None:
    """Finance/exchange, set-based: approved claim lines per allocation id (TR385). One UPDATE per distinct
    count, so a chunk of claims costs a handful of statements instead of two per allocation."""
    by_count: dict[int, list[int]] = {}
    for pk, lines in counts.items():
        by_count.setdefault(lines, []).append(pk)
    for lines, pks in by_count.items():
        Allocation.objects.filter(pk__in=pks).update(approved_claims=F("approved_claims") + lines)


def allocations_for_provider(provider: Provider, *, gemeente=None, law: str | None = None, current_on=None):
    """A provider's live allocations (system use: exchange / finance). Users: ``Allocation.objects.visible_to``."""
    qs = Allocation.objects.live().filter(provider=provider)
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    if law:
        qs = qs.filter(law=law)
    if current_on is not None:
        qs = qs.overlapping(current_on, current_on)
    return qs


def allocation_by_number(gemeente, law: str, number: int) -> Allocation | None:
    """The allocation with this ToewijzingNummer in the municipality and law (start, stop and claims)."""
    return Allocation.objects.filter(gemeente=gemeente, law=law, number=int(number)).first()


def current_allocations(person, provider: Provider, *, law: str, on: date | None = None):
    """All current (not deleted, not ended) toewijzingen of a client at a provider: a 301 carries them all
    (OP087)."""
    on = on or timezone.localdate()
    return (
        Allocation.objects.live()
        .filter(person=person, provider=provider, law=law)
        .overlapping(on, None)
        .order_by("start_date", "number")
    )
