"""The fund of a partnership (deposits, commitments, spending; below zero only with a logged override) and
the cost split of an intervention (four payers, together 100 %)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import security_log

from ..models import (
    CollectivePolicy,
    CostShare,
    FundEntry,
    Intervention,
    Partnership,
    Payer,
    PolicyParticipation,
)
from ._base import (
    BOOK_FUND,
    FULL,
    MANAGE_PARTNERSHIP,
    OVERRIDE_FUND,
    _require,
)

# --------------------------------------------------------------------------- fund


def fund_balance(partnership: Partnership) -> int:
    """The fund's balance in eurocent: deposits and releases minus commitments and spending."""
    return partnership.fund_entries.aggregate(total=Sum("amount_cents"))["total"] or 0


def _book(
    partnership,
    kind,
    amount_cents,
    description,
    user,
    *,
    on,
    referral=None,
    year=None,
    override="",
    check=True,
):
    """Append one fund entry. With ``check`` an entry that takes the balance below zero needs ``override``
    (a reason) and the override permission, and is written to the security log."""
    balance = fund_balance(partnership) if check and amount_cents < 0 else 0
    if check and amount_cents < 0 and balance + amount_cents < 0:
        if not override:
            raise ValidationError(
                {
                    "amount_cents": _(
                        "Het fonds heeft onvoldoende saldo (€ %(balance)s). Alleen met een expliciete "
                        "overschrijding met reden kan het onder nul."
                    )
                    % {"balance": f"{balance / 100:,.2f}".replace(",", " ").replace(".", ",")}
                }
            )
        _require(user, OVERRIDE_FUND, partnership.gemeente_id)
        security_log.record(
            "fonds.overschrijding",
            user=user,
            object_description=f"samenwerking {partnership.pk}",
            result="toegestaan",
            detail={"bedrag_eurocent": amount_cents, "saldo_eurocent": balance, "reden": override[:300]},
        )
    return FundEntry.objects.create(
        partnership=partnership,
        kind=kind,
        amount_cents=amount_cents,
        booked_on=on,
        description=description[:300],
        referral=referral,
        year=year,
        override_reason=override[:300],
        created_by=user,
    )


SIGN = {
    FundEntry.Kind.DEPOSIT: 1,
    FundEntry.Kind.RELEASE: 1,
    FundEntry.Kind.COMMITMENT: -1,
    FundEntry.Kind.SPENDING: -1,
    FundEntry.Kind.CORRECTION: 1,
}


@transaction.atomic
def book_fund(
    user,
    partnership: Partnership,
    *,
    kind: str,
    amount_cents: int,
    description: str,
    on: date | None = None,
    override_reason: str = "",
) -> FundEntry:
    """Book a manual fund entry. ``amount_cents`` is positive; the kind gives the sign (a correction may be
    negative). Below zero only with ``override_reason`` and the override permission (logged)."""
    _require(user, BOOK_FUND, partnership.gemeente_id)
    if kind not in SIGN:
        raise ValidationError({"kind": _("Onbekende soort boeking.")})
    if kind != FundEntry.Kind.CORRECTION and amount_cents <= 0:
        raise ValidationError({"amount_cents": _("Vul een bedrag groter dan nul in.")})
    if amount_cents == 0:
        raise ValidationError({"amount_cents": _("Een correctie van nul euro boekt niets.")})
    if not description.strip():
        raise ValidationError({"description": _("Geef een omschrijving.")})
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    return _book(
        locked,
        kind,
        SIGN[kind] * amount_cents,
        description.strip(),
        user,
        on=on or timezone.localdate(),
        override=override_reason.strip(),
    )


@transaction.atomic
def record_participants(
    user,
    policy: CollectivePolicy,
    *,
    year: int,
    participants: int,
    source: str = PolicyParticipation.Source.ENTERED,
) -> PolicyParticipation:
    """Record the gemeentepolis participants of ``year`` and deposit the insurer's contribution per
    participant into the fund; a changed count books the difference (never a second deposit)."""
    partnership = Partnership.objects.select_for_update().get(pk=policy.partnership_id)
    _require(user, MANAGE_PARTNERSHIP, partnership.gemeente_id)
    if participants < 0:
        raise ValidationError({"participants": _("Het aantal deelnemers kan niet negatief zijn.")})
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Kies een jaar vanaf 2000 tot en met volgend jaar.")})
    row, _created = PolicyParticipation.objects.update_or_create(
        policy=policy, year=year, defaults={"participants": participants, "source": source}
    )
    due = sum(
        p * partnership.fund_contribution_cents
        for p in PolicyParticipation.objects.filter(policy__partnership=partnership, year=year).values_list(
            "participants", flat=True
        )
    )
    deposited = (
        partnership.fund_entries.filter(
            year=year, kind__in=[FundEntry.Kind.DEPOSIT, FundEntry.Kind.CORRECTION], referral__isnull=True
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    if due != deposited:
        kind = FundEntry.Kind.DEPOSIT if deposited == 0 else FundEntry.Kind.CORRECTION
        _book(
            partnership,
            kind,
            due - deposited,
            _("Bijdrage zorgverzekeraar %(year)s: %(n)s deelnemers gemeentepolis")
            % {"year": year, "n": participants},
            user,
            on=timezone.localdate(),
            year=year,
        )
    return row


# --------------------------------------------------------------------------- interventions


@transaction.atomic
def set_cost_split(user, intervention: Intervention, shares: Mapping[str, int]) -> list[CostShare]:
    """Replace the cost split of ``intervention``: basis points per payer, together exactly 100 %."""
    _require(user, MANAGE_PARTNERSHIP, intervention.partnership.gemeente_id)
    unknown = set(shares) - set(Payer.values)
    if unknown:
        raise ValidationError({"shares": _("Onbekende betaler: %(p)s.") % {"p": ", ".join(sorted(unknown))}})
    if any(v < 0 for v in shares.values()):
        raise ValidationError({"shares": _("Een aandeel kan niet negatief zijn.")})
    if sum(shares.values()) != FULL:
        raise ValidationError(
            {
                "shares": _("De kostenverdeling moet samen 100%% zijn; nu is het %(total)s%%.")
                % {"total": f"{sum(shares.values()) / 100:g}".replace(".", ",")}
            }
        )
    intervention.cost_shares.all().delete()
    return CostShare.objects.bulk_create(
        CostShare(intervention=intervention, payer=payer, share_bp=bp) for payer, bp in shares.items() if bp
    )


def cost_split(intervention: Intervention, amount_cents: int | None = None) -> dict[str, int]:
    """Eurocent per payer for ``amount_cents`` (default: the price per participant); the rounding
    remainder goes to the municipality, so the parts always add up to the whole."""
    amount = intervention.price_cents if amount_cents is None else amount_cents
    parts = {s.payer: amount * s.share_bp // FULL for s in intervention.cost_shares.all()}
    if parts:
        parts[Payer.GEMEENTE] = parts.get(Payer.GEMEENTE, 0) + amount - sum(parts.values())
    return parts


def book_municipal_share(user, referral, on: date):
    """Book a completed referral's cost in the integral budget (issue 5's cost split, used by the partners
    work): the intervention's price per participant as realisation of the earmark "Interventies met
    partners", of which the municipality's share (``cost_split``; the rounding remainder included) counts
    against the budget and the insurer's and the fund's shares are recorded as the partner part.

    Idempotent per referral (``source_ref``); when the deliverer is also a contracted provider the line
    enters that provider's payment run, otherwise it is realisation only (paid on the deliverer's invoice).
    Nothing is booked for an intervention without a price."""
    from schakel.finance.services import book_intervention_cost
    from schakel.web.templatetags.schakel_web import euro

    intervention = referral.intervention
    if not intervention.price_cents:
        return None
    parts = cost_split(intervention)
    municipal = parts.pop(Payer.GEMEENTE, 0) if parts else intervention.price_cents
    insurer = intervention.partnership.insurer.name
    partner = "; ".join(
        f"{Payer(payer).label} {euro(cents)}" for payer, cents in sorted(parts.items()) if cents
    )
    return book_intervention_cost(
        gemeente_id=referral.gemeente_id,
        source_ref=f"verwijzing-{referral.pk}",
        description=_("Verwijzing %(id)s: %(name)s (%(deliverer)s)")
        % {"id": referral.pk, "name": intervention.name, "deliverer": intervention.deliverer.name},
        on=on,
        amount_cents=intervention.price_cents,
        municipal_cents=municipal,
        partner=f"{insurer}: {partner}"[:200] if partner else "",
        provider=intervention.deliverer.provider,
        user=user,
    )


def budget_booking(referral):
    """The budget line :func:`book_municipal_share` booked for ``referral`` (``None`` before completion)."""
    from schakel.finance.models import PayableLine

    return PayableLine.objects.filter(
        source=PayableLine.Source.INTERVENTION, source_ref=f"verwijzing-{referral.pk}"
    ).first()
