"""Rules on requests: verzoek om toewijzing (315) and verzoek om wijziging (317)."""

from __future__ import annotations

from datetime import date

from .base import rule

CUTOFF = date(2020, 12, 31)


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return (a_end is None or a_end >= b_start) and (b_end is None or b_end >= a_start)


# ---------------------------------------------------------------- level 2 (in-message)


@rule("CS003", "0001", level=2, soorten="315", target="aangevraagd")
def cs003_requested_period(ctx, product) -> bool:
    """CS003: ToewijzingEinddatum is on or after ToewijzingIngangsdatum."""
    return (
        product.ToewijzingEinddatum is not None
        and product.ToewijzingEinddatum < product.ToewijzingIngangsdatum
    )


@rule("CS003", "0001", level=2, soorten="317", target="nieuw")
def cs003_new_product_period(ctx, product) -> bool:
    """CS003: the Einddatum of a NieuwProduct is on or after its GewensteIngangsdatum."""
    return product.Einddatum is not None and product.Einddatum < product.GewensteIngangsdatum


@rule("CS003", "0001", level=2, soorten="317", target="tewijzigen")
def cs003_changed_product_period(ctx, product) -> bool:
    """CS003: the Einddatum of a TeWijzigenProduct is on or after its GewensteIngangsdatum."""
    return product.Einddatum is not None and product.Einddatum < product.GewensteIngangsdatum


@rule("TR383", "0001", level=2, soorten="315", target="aangevraagd")
def tr383_referentie_unique_in_message(ctx, product) -> bool:
    """TR383: ReferentieAanbieder is unique within one verzoek om toewijzing."""
    refs = [p.ReferentieAanbieder for p in ctx.client.AangevraagdeProducten]
    return refs.count(product.ReferentieAanbieder) > 1


@rule("CD077", "0001", level=2, soorten="315", target="aangevraagd")
def cd077_omvang_xor_budget(ctx, product) -> bool:
    """CD077/CD078: Omvang and Budget are mutually exclusive."""
    return product.Omvang is not None and product.Budget is not None


@rule("TR352", "0001", level=2, soorten="317", target="verzoek")
def tr352_vow_has_current_product(ctx, verzoek) -> bool:
    """TR352: a VOW holds at least one OngewijzigdProduct or TeWijzigenProduct."""
    return not verzoek.OngewijzigdeProducten and not verzoek.TeWijzigenProducten


@rule("TR353", "0001", level=2, soorten="317", target="verzoek")
def tr353_vow_changes_something(ctx, verzoek) -> bool:
    """TR353: a VOW holds at least one TeWijzigenProduct or NieuwProduct."""
    return not verzoek.TeWijzigenProducten and not verzoek.NieuweProducten


# ---------------------------------------------------------------- level 3 (history)


@rule("TR347", "9347", level=3, soorten="315", target="aangevraagd")
def tr347_referentie_unique_vot(ctx, product) -> bool:
    """TR347: ReferentieAanbieder is unique for the aanbieder within the wettelijk domein (9347)."""
    return (ctx.provider_id, ctx.law, product.ReferentieAanbieder) in ctx.state.requests


@rule("TR347", "9347", level=3, soorten="317", target="verzoek")
def tr347_referentie_unique_vow(ctx, verzoek) -> bool:
    """TR347: ReferentieAanbieder of a VOW is unique for the aanbieder within the wettelijk domein (9347)."""
    return (ctx.provider_id, ctx.law, verzoek.ReferentieAanbieder) in ctx.state.requests


@rule("TR374", "9374", level=3, soorten="315 317", target="client")
def tr374_one_open_request(ctx, client) -> bool:
    """TR374/OP350: only one open request (VOT/VOW) per client per aanbieder at a time (9374)."""
    return bool(ctx.state.open_requests.get((ctx.provider_id, ctx.law, client.Bsn)))


@rule("TR361", "9361", level=3, soorten="315", target="aangevraagd")
def tr361_no_stacked_request(ctx, product) -> bool:
    """TR361/OP347: the same product is not requested more than once with overlapping periods (9361)."""
    key = (product.Product.Categorie, product.Product.Code) if product.Product else None
    for other in ctx.client.AangevraagdeProducten:
        if other is product or other.Product is None or key is None:
            continue
        if (other.Product.Categorie, other.Product.Code) == key and _overlap(
            other.ToewijzingIngangsdatum, other.ToewijzingEinddatum,
            product.ToewijzingIngangsdatum, product.ToewijzingEinddatum,
        ):  # fmt: skip
            return True
    return False


def _current(ctx, number):
    found = ctx.allocation(number)
    if found is None or found.provider_id != ctx.provider_id or found.bsn != ctx.client.Bsn:
        return None
    return found if found.current_on(ctx.dagtekening) else None


@rule("TR349", "9349", level=3, soorten="317", target="verzoek")
def tr349_vow_lists_all_current(ctx, verzoek) -> bool:
    """TR349: a VOW lists every current toewijzing of the client at this aanbieder, as OngewijzigdProduct
    or TeWijzigenProduct (9349)."""
    listed = {p.ToewijzingNummer for p in verzoek.OngewijzigdeProducten} | {
        p.ToewijzingNummer for p in verzoek.TeWijzigenProducten
    }
    current = ctx.state.client_allocations.get((ctx.provider_id, ctx.law, ctx.client.Bsn), ())
    return any(a.current_on(ctx.dagtekening) and a.number not in listed for a in current)


@rule("TR350", "9350", level=3, soorten="317", target="ongewijzigd")
def tr350_unchanged_is_current(ctx, product) -> bool:
    """TR350: an OngewijzigdProduct refers to a current toewijzing by ToewijzingNummer (9350)."""
    return _current(ctx, product.ToewijzingNummer) is None


@rule("TR351", "9351", level=3, soorten="317", target="tewijzigen")
def tr351_changed_is_current(ctx, product) -> bool:
    """TR351: a TeWijzigenProduct refers to a current toewijzing by ToewijzingNummer (9351)."""
    return _current(ctx, product.ToewijzingNummer) is None


@rule("TR357", "9357", level=3, soorten="317", target="tewijzigen")
def tr357_no_retroactive_change(ctx, product) -> bool:
    """TR357: a GewensteIngangsdatum on or before the Dagtekening equals the Ingangsdatum of the original
    toewijzing (9357)."""
    found = _current(ctx, product.ToewijzingNummer)
    return (
        found is not None
        and product.GewensteIngangsdatum <= ctx.dagtekening
        and product.GewensteIngangsdatum != found.start
    )


@rule("TR373", "9373", level=3, soorten="317", target="tewijzigen")
def tr373_budget_change_keeps_start(ctx, product) -> bool:
    """TR373: when the Budget changes, GewensteIngangsdatum equals the Ingangsdatum of the toewijzing (9373)."""
    found = _current(ctx, product.ToewijzingNummer)
    return (
        found is not None
        and product.Budget is not None
        and product.Budget != found.budget
        and product.GewensteIngangsdatum != found.start
    )


@rule("TR411", "9411", level=3, soorten="317", target="tewijzigen")
def tr411_omvang_required_with_code(ctx, product) -> bool:
    """TR411: Omvang is filled when the toewijzing's Product has a Code (9411)."""
    found = _current(ctx, product.ToewijzingNummer)
    return found is not None and bool(found.code) and product.Omvang is None


@rule("TR412", "9412", level=3, soorten="317", target="tewijzigen")
def tr412_no_omvang_without_code(ctx, product) -> bool:
    """TR412: Omvang is empty when the toewijzing has a category but no Code and its Einddatum is after
    31-12-2020 or empty (9412)."""
    found = _current(ctx, product.ToewijzingNummer)
    return (
        found is not None and bool(found.category) and not found.code and product.Omvang is not None
        and (found.end is None or found.end > CUTOFF)
    )  # fmt: skip


@rule("TR375", "9375", level=3, soorten="317", target="tewijzigen")
def tr375_no_omvang_generiek(ctx, product) -> bool:
    """TR375: Omvang is empty when the toewijzing has no Product (generiek) and its Einddatum is after
    31-12-2020 or empty (9375)."""
    found = _current(ctx, product.ToewijzingNummer)
    return (
        found is not None and not found.category and product.Omvang is not None
        and (found.end is None or found.end > CUTOFF)
    )  # fmt: skip


# ---------------------------------------------------------------- level 4 (external lists)


def _product_code_mismatch(product) -> bool:
    return product is not None and bool(product.Code) and product.Code[:2] != product.Categorie


@rule("TR381", "S329", level=4, soorten="315", target="aangevraagd")
def tr381_code_in_category_vot(ctx, product) -> bool:
    """TR381: the ProductCode belongs to the ProductCategorie in the product code list in use (S329).

    The standard lists (JZ21 for Jeugd, the hulpmiddelen scheme for Wmo) start every code with its category."""
    return _product_code_mismatch(product.Product)


@rule("TR381", "S329", level=4, soorten="317", target="nieuw")
def tr381_code_in_category_vow(ctx, product) -> bool:
    """TR381: the ProductCode of a NieuwProduct belongs to its ProductCategorie (S329)."""
    return _product_code_mismatch(product.Product)
