"""The value rules of a toewijzing, shared by the allocation services and the synthetic data: ToewijzingNummer
(TR332), Omvang/Budget (CD041/CD075/CD076/CD077/CD078/CD080, CS338/CS343), no stacking (OP259) and the
RedenWijziging of a change (IV066, CS336)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Allocation, AllocationNumber
from ..vocab import ALLOWED_COMBINATIONS, RedenWijziging

#: ToewijzingNummer: 8 digits (LDT_Nummer allows 9); numbers start at 10 000 001 so that all have 8.
NUMBER_BASE = 10_000_000
NUMBER_MAX = 99_999_999


@transaction.atomic
def next_number(gemeente_id: int, law: str) -> int:
    """Issue the next ToewijzingNummer, unique per municipality per law (TR332 → 9332; OP275).

    A row per (gemeente, law) is locked for the transaction (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
    serialises writers), so two concurrent allocations never get the same number.
    """
    counter, _created = AllocationNumber.objects.select_for_update().get_or_create(
        gemeente_id=gemeente_id, law=law
    )
    if counter.last_number == 0:
        highest = (
            Allocation.objects.filter(gemeente_id=gemeente_id, law=law)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        counter.last_number = max(highest or 0, NUMBER_BASE)
    counter.last_number += 1
    if counter.last_number > NUMBER_MAX:
        raise ValidationError(_("De toewijzingnummers voor deze wet zijn op."), code="numbers_exhausted")
    counter.save(update_fields=["last_number"])
    return counter.last_number


def validate_omvang(
    *,
    variant: str,
    product_code: str,
    volume,
    unit: str,
    frequency: str,
    budget_cents,
    end_date,
    allowed_unit: str = "",
    allowed_frequencies=(),
) -> None:
    """Omvang/Budget rules of a ToegewezenProduct (reference §3.3 and §4).

    * Omvang and Budget are mutually exclusive (CD077/CD078).
    * Omvang is required when a productcode is filled (CD041/TR411) and empty without one (CD080).
    * Eenheid/frequentie: only the combinations of the financing variant (CS338/CS343) and of the contract.
    * Einddatum required when frequentie = 2 "per week" (CD076) and when Budget is filled (CD075).
    """
    errors: dict[str, str] = {}
    has_omvang = volume is not None or bool(unit) or bool(frequency)
    if has_omvang and budget_cents is not None:
        errors["budget_cents"] = _("Vul een omvang óf een budget in, niet allebei (regels CD077/CD078).")
    elif product_code and not has_omvang:
        errors["volume"] = _(
            "Bij een productcode hoort een omvang: volume, eenheid en frequentie (regel CD041)."
        )
    elif not product_code and has_omvang:
        errors["volume"] = _("Zonder productcode (aspecifiek) wordt geen omvang toegewezen (regel CD080).")
    if has_omvang and not errors:
        if volume is None or int(volume) <= 0:
            errors["volume"] = _("Vul een volume groter dan 0 in.")
        allowed = ALLOWED_COMBINATIONS.get(variant, {})
        if unit not in allowed or (allowed_unit and unit != allowed_unit):
            errors["unit"] = _("Deze eenheid past niet bij het gecontracteerde product (regels CS338/CS343).")
        elif frequency not in allowed[unit] or (allowed_frequencies and frequency not in allowed_frequencies):
            errors["frequency"] = _(
                "Deze frequentie past niet bij de eenheid en het gecontracteerde product (regels CS338/CS343)."
            )
        elif frequency == "2" and end_date is None:
            errors["end_date"] = _("Bij een omvang per week is een einddatum verplicht (regel CD076).")
    if budget_cents is not None and not errors:
        if int(budget_cents) <= 0:
            errors["budget_cents"] = _("Vul een budget groter dan 0 in.")
        elif end_date is None:
            errors["end_date"] = _("Bij een budget is een einddatum verplicht (regel CD075).")
    if errors:
        raise ValidationError(errors)


def check_no_stacking(
    *,
    person_id: int,
    law: str,
    product_category: str,
    product_code: str,
    start: date,
    end: date | None,
    exclude_pk: int | None = None,
) -> None:
    """No stacked allocation of the same product for the same client in overlapping periods (OP259/OP347;
    TR302/TR386/TR410). Deleted allocations do not count (CS335)."""
    clash = (
        Allocation.objects.live()
        .filter(person_id=person_id, law=law, product_category=product_category, product_code=product_code)
        .overlapping(start, end)
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    other = clash.only("number", "start_date").first()
    if other is not None:
        raise ValidationError(
            {
                "start_date": _(
                    "Dit product is in deze periode al toegewezen (toewijzing %(nummer)s). Stapelen is niet "
                    "toegestaan (regel OP259): wijzig of trek die toewijzing eerst in."
                )
                % {"nummer": other.number_display}
            },
            code="OP259",
        )


def _check_reason(reason: str, *, allow_delete: bool = False) -> None:
    """A change carries a RedenWijziging (IV066); 01 may not be used (CS336); 13 only to delete (CS335)."""
    if reason not in RedenWijziging.values or (reason == RedenWijziging.VERWIJDERD and not allow_delete):
        raise ValidationError({"reason": _("Kies een reden van de wijziging (regel IV066).")}, code="IV066")
