"""Payment runs per provider with four-eyes approval, SEPA credit transfer (pain.001.001.03) and CSV.

* :func:`prepare_run` gathers the provider's payable lines that are in no active run; preparing again
  while a run is open returns that run (idempotent). The partial unique constraint on
  ``PaymentRunLine(line) WHERE active`` makes paying a line twice impossible, also under concurrency; the
  whole preparation is one transaction, so a failure leaves nothing half-prepared.
* :func:`transition` applies ``finance.workflow.USER_TRANSITIONS``; approval by the preparer is refused by
  the workflow and by a database constraint (four eyes).
* :func:`sepa_xml` exports an approved run; the XML is validated against the pain.001.001.03 XSD shipped
  with ``sepaxml``.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from .. import workflow
from ..models import PayableLine, PaymentAccount, PaymentRun, PaymentRunLine
from ..models import PaymentRunStatus as S
from ._base import PREPARE_RUN, VIEW_RUN, require

OPEN = (S.CONCEPT, S.SUBMITTED)


def valid_iban(value: str) -> str:
    try:
        return str(IBAN(value).compact)
    except (SchwiftyException, ValueError) as exc:
        raise ValidationError({"iban": _("Dit is geen geldig IBAN.")}) from exc


def open_lines(gemeente_id, regio_id, provider_id):
    """Payable lines of a provider that are in no active run (``provider_id`` is never None here: lines
    without a provider are realisation only and never paid in a run)."""
    if provider_id is None:
        return PayableLine.objects.none()
    return PayableLine.objects.filter(
        gemeente_id=gemeente_id, regio_id=regio_id, provider_id=provider_id, status=PayableLine.Status.PAYABLE
    ).exclude(run_lines__active=True)


@transaction.atomic
def prepare_run(user, *, provider, execution_date: date, gemeente=None, regio=None) -> PaymentRun:
    """Prepare (or return the open) payment run of ``provider`` for the owner."""
    gid, rid = getattr(gemeente, "pk", None), getattr(regio, "pk", None)
    if (gid is None) == (rid is None):
        raise ValidationError(_("Een betaalronde hoort bij één gemeente of bij één regio."))
    require(user, PREPARE_RUN, gid, rid)
    existing = PaymentRun.objects.filter(
        gemeente_id=gid, regio_id=rid, provider=provider, status__in=OPEN
    ).first()
    if existing is not None:
        return existing
    if not isinstance(execution_date, date) or execution_date < timezone.localdate():
        raise ValidationError({"execution_date": _("De uitvoeringsdatum mag niet in het verleden liggen.")})
    if not provider.iban:
        raise ValidationError({"provider": _("Van deze aanbieder is geen IBAN bekend.")})
    iban = valid_iban(provider.iban)
    lines = list(open_lines(gid, rid, provider.pk).select_for_update().values_list("pk", "amount_cents"))
    if not lines:
        raise ValidationError({"provider": _("Er zijn geen te betalen regels voor deze aanbieder.")})
    total = sum(amount for _pk, amount in lines)
    if total <= 0:
        raise ValidationError(
            {
                "provider": _(
                    "Het saldo is niet positief; de creditregels worden met latere declaraties verrekend."
                )
            }
        )
    owner_code = gemeente.code if gemeente is not None else f"R{regio.pk}"
    now = timezone.now()
    run = PaymentRun.objects.create(
        gemeente_id=gid,
        regio_id=rid,
        provider=provider,
        reference=f"BR-{owner_code}-{provider.agb_code}-{now:%y%m%d%H%M%S%f}"[:35],
        execution_date=execution_date,
        total_cents=total,
        line_count=len(lines),
        creditor_name=provider.name[:70],
        creditor_iban=iban,
        prepared_by=user,
        prepared_at=now,
    )
    try:
        with transaction.atomic():
            PaymentRunLine.objects.bulk_create(PaymentRunLine(run=run, line_id=pk) for pk, _amount in lines)
    except IntegrityError as exc:  # a concurrent run took some of these lines
        raise ValidationError(
            _("Een andere betaalronde heeft deze regels al opgenomen; probeer het opnieuw.")
        ) from exc
    return run


@transaction.atomic
def transition(user, run: PaymentRun, action: str, *, note: str = "") -> PaymentRun:
    """Apply a user action of the transition table to a run (row locked: no double approval)."""
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    table = workflow.USER_TRANSITIONS.get(run.status, {})
    if action not in table:
        raise ValidationError(
            _("Deze handeling kan niet bij een betaalronde met status %(status)s.")
            % {"status": run.get_status_display()}
        )
    new_status, perm, who = table[action]
    require(user, perm, run.gemeente_id, run.regio_id)
    if who == "other" and run.prepared_by_id == user.pk:
        raise PermissionDenied(_("Vier ogen: wie de betaalronde heeft voorbereid, mag haar niet beoordelen."))
    if who == "preparer" and run.prepared_by_id != user.pk:
        raise PermissionDenied(_("Alleen wie de betaalronde heeft voorbereid, kan haar terugtrekken."))
    if action == "afkeuren" and not (note or "").strip():
        raise ValidationError({"note": _("Geef de reden van de afkeuring.")})
    now = timezone.now()
    run.status = new_status
    if action in ("goedkeuren", "afkeuren"):
        run.approved_by, run.approved_at, run.decided_note = user, now, (note or "").strip()
    if action == "betaald":
        run.paid_at = now
    if action == "goedkeuren":
        total = PayableLine.objects.filter(run_lines__run=run, run_lines__active=True).aggregate(
            s=Sum("amount_cents")
        )["s"]
        if total != run.total_cents:
            raise ValidationError(_("Het totaal van de regels wijkt af van het totaal van de betaalronde."))
    run.save()
    if new_status in workflow.RELEASING:
        PaymentRunLine.objects.filter(run=run).update(active=False)
    return run


def _account(run: PaymentRun) -> PaymentAccount:
    account = PaymentAccount.objects.filter(gemeente_id=run.gemeente_id, regio_id=run.regio_id).first()
    if account is None:
        raise ValidationError(_("Er is geen betaalrekening van de gemeente vastgelegd."))
    return account


def sepa_xml(user, run: PaymentRun) -> bytes:
    """The SEPA credit transfer (pain.001.001.03) of an approved run: one transfer to the provider."""
    require(user, VIEW_RUN, run.gemeente_id, run.regio_id)
    if run.status not in workflow.EXPORTABLE:
        raise ValidationError(_("Alleen een goedgekeurde betaalronde kan worden geëxporteerd."))
    from sepaxml import SepaTransfer

    account = _account(run)
    sepa = SepaTransfer(
        {"name": account.name, "IBAN": account.iban, "BIC": account.bic, "batch": True, "currency": "EUR"},
        schema="pain.001.001.03",
    )
    sepa.add_payment(
        {
            "name": run.creditor_name,
            "IBAN": run.creditor_iban,
            "amount": run.total_cents,
            "execution_date": run.execution_date,
            "description": _("Betaalronde %(ref)s, %(n)s regels")
            % {"ref": run.reference, "n": run.line_count},
            "endtoend_id": run.reference.replace("-", "")[:35],
        }
    )
    return sepa.export(validate=True)


CSV_HEADER = [
    "betaalronde",
    "aanbieder_agb",
    "regel",
    "bron",
    "kenmerk",
    "toewijzingnummer",
    "wet",
    "productcategorie",
    "productcode",
    "periode_van",
    "periode_tot",
    "bedrag_eurocent",
    "gemeentelijk_deel_eurocent",
    "deel_partner_eurocent",
    "partner",
]


def run_csv(user, run: PaymentRun) -> str:
    """The lines of a run as CSV (semicolon separated; amounts in eurocent; no BSN or names)."""
    require(user, VIEW_RUN, run.gemeente_id, run.regio_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    lines = (
        PayableLine.objects.filter(run_lines__run=run, run_lines__active=True)
        .select_related("allocation")
        .order_by("period_start", "id")
    )
    agb = run.provider.agb_code
    for line in lines:
        writer.writerow(
            [
                run.reference,
                agb,
                line.pk,
                line.source,
                line.source_ref,
                line.allocation.number_display if line.allocation_id else "",
                line.law,
                line.product_category,
                line.product_code,
                line.period_start.isoformat(),
                line.period_end.isoformat(),
                line.amount_cents,
                line.municipal_cents,
                line.partner_cents,
                line.partner,
            ]
        )
    return out.getvalue()


def set_payment_account(user, *, gemeente, name: str, iban: str, bic: str) -> PaymentAccount:
    """Record the municipality's paying account (debtor of the credit transfers)."""
    require(user, "finance.add_paymentaccount", gemeente.pk)
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Geef de naam van de rekeninghouder.")]
    try:
        iban = valid_iban(iban)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        bic = str(BIC(bic))
    except (SchwiftyException, ValueError):
        errors["bic"] = [_("Dit is geen geldige BIC.")]
    if errors:
        raise ValidationError(errors)
    account, _created = PaymentAccount.objects.update_or_create(
        gemeente=gemeente, defaults={"name": name.strip()[:70], "iban": iban, "bic": bic}
    )
    return account
