"""Rules Schakel applies to its OWN outgoing messages before they are sent (301, 319, 325), so the
aanbieder never has to reject them. A violation raises a Dutch ValidationError in the service."""

from __future__ import annotations

from .base import rule


def _request(ctx, referentie):
    return ctx.state.requests.get((ctx.provider_id, ctx.law, referentie))


@rule("TR332", "9332", level=3, soorten="301", target="toegewezen", direction="uit")
def tr332_number_unique(ctx, product) -> bool:
    """TR332/OP275: the ToewijzingNummer is unique within the gemeente per wettelijk domein (9332): it is
    not used by an allocation of another client or aanbieder."""
    found = ctx.allocation(product.ToewijzingNummer)
    return found is not None and (found.provider_id != ctx.provider_id or found.bsn != ctx.client.Bsn)


@rule("TR379", "9379", level=3, soorten="301", target="toegewezen", direction="uit")
def tr379_referentie_only_for_request(ctx, product) -> bool:
    """TR379: ReferentieAanbieder in a toewijzing is filled only when honouring a VOT/VOW of this aanbieder
    (9379)."""
    return bool(product.ReferentieAanbieder) and _request(ctx, product.ReferentieAanbieder) is None


@rule("TR385", "9385", level=3, soorten="301", target="toegewezen", direction="uit")
def tr385_no_delete_with_approved_claims(ctx, product) -> bool:
    """TR385: a toewijzing with approved claim lines cannot be deleted with RedenWijziging 13 (9385)."""
    if product.RedenWijziging != "13":
        return False
    found = ctx.allocation(product.ToewijzingNummer)
    return found is not None and found.claimed_volume + found.claimed_cents != 0


@rule("CS335", "0001", level=2, soorten="301", target="toegewezen", direction="uit")
def cs335_delete_has_end_is_start(ctx, product) -> bool:
    """CS335: a deletion (RedenWijziging 13) has Einddatum equal to Ingangsdatum."""
    return product.RedenWijziging == "13" and product.Einddatum != product.Ingangsdatum


@rule("CS336", "0001", level=2, soorten="301", target="toegewezen", direction="uit")
def cs336_no_reason_01(ctx, product) -> bool:
    """CS336: RedenWijziging 01 (administratieve correctie, vervallen) is not used."""
    return product.RedenWijziging == "01"


@rule("CD077", "0001", level=2, soorten="301", target="toegewezen", direction="uit")
def cd077_allocation_omvang_xor_budget(ctx, product) -> bool:
    """CD077/CD078: Omvang and Budget of a toewijzing are mutually exclusive."""
    return product.Omvang is not None and product.Budget is not None


@rule("TR355", "9355", level=3, soorten="319", target="antwoord", direction="uit")
def tr355_answer_has_request(ctx, antwoord) -> bool:
    """TR355: the ReferentieAanbieder of an antwoordbericht occurs in an earlier VOT or VOW (9355)."""
    return _request(ctx, antwoord.ReferentieAanbieder) is None


@rule("TR359", "9359", level=3, soorten="319", target="antwoord", direction="uit")
def tr359_not_after_allocation(ctx, antwoord) -> bool:
    """TR359: no antwoordbericht once a toewijzing was sent for this ReferentieAanbieder (9359)."""
    found = _request(ctx, antwoord.ReferentieAanbieder)
    return found is not None and found.status == "toegewezen"


@rule("TR360", "9360", level=3, soorten="319", target="antwoord", direction="uit")
def tr360_one_final_answer(ctx, antwoord) -> bool:
    """TR360: no second antwoordbericht for a ReferentieAanbieder that was already answered (9360); a
    first "in onderzoek" answer may be followed by the final one."""
    found = _request(ctx, antwoord.ReferentieAanbieder)
    return found is not None and found.status == "onderzoek" and antwoord.VerzoekAntwoord == "2"


@rule("TR365", "9365", level=3, soorten="319", target="antwoord", direction="uit")
def tr365_not_after_rejection(ctx, antwoord) -> bool:
    """TR365: no antwoordbericht once the request was rejected (VerzoekAntwoord 1) (9365)."""
    found = _request(ctx, antwoord.ReferentieAanbieder)
    return found is not None and found.status == "afgewezen"


@rule("TR377", "0001", level=2, soorten="319", target="antwoord", direction="uit")
def tr377_woonplaatsbeginsel_iff_reason_8(ctx, antwoord) -> bool:
    """TR377/TR409: in a JW319, Woonplaatsbeginsel (the responsible gemeente) is filled if and only if
    RedenAfwijzingVerzoek is 8 (woonplaatsbeginsel)."""
    if ctx.law != "jeugd":
        return antwoord.Woonplaatsbeginsel is not None
    return (antwoord.RedenAfwijzingVerzoek == "8") != (antwoord.Woonplaatsbeginsel is not None)


@rule("TR366", "9366", level=3, soorten="325", target="prestatie", direction="uit")
def tr366_answer_line_in_claim(ctx, prestatie) -> bool:
    """TR366: every prestatie in the declaratie-antwoord occurs (by ProductReferentie) in the 323 (9366)."""
    return prestatie.ProductReferentie.ReferentieNummer not in ctx.extra["origin_lines"]


@rule("TR367", "9367", level=3, soorten="325", target="prestatie", direction="uit")
def tr367_answer_line_mirrors_claim(ctx, prestatie) -> bool:
    """TR367: a prestatie in the declaratie-antwoord has the values of the 323 prestatie with the same
    ProductReferentie (9367)."""
    original = ctx.extra["origin_lines"].get(prestatie.ProductReferentie.ReferentieNummer)
    if original is None:
        return False
    keep = prestatie.RetourCodes
    try:
        prestatie.RetourCodes = original.RetourCodes
        return prestatie != original
    finally:
        prestatie.RetourCodes = keep


@rule("TR371", "0001", level=3, soorten="325", target="header", direction="uit")
def tr371_xsd_version_of_the_claim(ctx, header) -> bool:
    """TR371/OP047: XsdVersieDeclaratie of the declaratie-antwoord equals the XsdVersie of the 323 it
    answers (related by DeclaratieIdentificatie). The standard gives no retour code; Schakel blocks its
    own 325 (0001)."""
    origin = ctx.origin
    if origin is None:
        return False
    sent, claim = header.XsdVersieDeclaratie, origin.Header.XsdVersie
    return (
        header.DeclaratieIdentificatie is None
        or header.DeclaratieIdentificatie.Identificatie != origin.Header.BerichtIdentificatie.Identificatie
        or sent is None
        or (sent.BasisschemaXsdVersie, sent.BerichtXsdVersie)
        != (claim.BasisschemaXsdVersie, claim.BerichtXsdVersie)
    )


@rule("TR378", "S300", level=4, soorten="319", target="antwoord", direction="uit")
def tr378_responsible_gemeente_in_cbs_list(ctx, antwoord) -> bool:
    """TR378: the gemeente named under Woonplaatsbeginsel exists in the CBS list of municipality codes (S300)."""
    from ..state import cbs_codes

    place = antwoord.Woonplaatsbeginsel
    return (
        place is not None
        and place.Gemeente not in cbs_codes()
        and place.Gemeente not in ctx.state.own_gemeente_codes
    )
