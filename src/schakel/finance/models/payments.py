"""Payment runs with four-eyes approval (the approver is not the preparer) and the municipality's account.

Status changes only through ``finance.workflow.PAYMENT_RUN_TRANSITIONS``. A payable line is in at most one
active run (partial unique constraint), so it cannot be paid twice; a rejected or cancelled run releases its
lines (``active = False``) and keeps them as history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente, Regio

from ..query import OwnedQuerySet
from .budget import owner_constraints
from .ledger import PayableLine


class PaymentAccount(models.Model):
    """The account a municipality (or region) pays from: the debtor of the SEPA credit transfer."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    regio = models.OneToOneField(Regio, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(_("naam rekeninghouder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11)

    class Meta:
        verbose_name = _("betaalrekening")
        verbose_name_plural = _("betaalrekeningen")
        constraints = owner_constraints("account")


class PaymentRunStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ter goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    PAID = "betaald", _("Betaald")
    REJECTED = "afgekeurd", _("Afgekeurd")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class PaymentRun(models.Model):
    """A payment run (betaalronde) for one provider: payable lines gathered, approved by a second person,
    exported as SEPA pain.001 and CSV, then marked paid."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    provider = models.ForeignKey("contracts.Provider", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("kenmerk"), max_length=35, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentRunStatus.choices, default=PaymentRunStatus.CONCEPT
    )
    execution_date = models.DateField(_("uitvoeringsdatum"))
    total_cents = models.BigIntegerField(_("totaal (eurocent)"), default=0)
    line_count = models.PositiveIntegerField(_("aantal regels"), default=0)
    creditor_name = models.CharField(_("begunstigde"), max_length=70, blank=True)
    creditor_iban = models.CharField(_("IBAN begunstigde"), max_length=34, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("voorbereid op"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    decided_note = models.TextField(_("toelichting beoordeling"), blank=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("betaalronde")
        verbose_name_plural = _("betaalrondes")
        ordering = ["-prepared_at", "-id"]
        permissions = [("approve_paymentrun", "Betaalronde goedkeuren (vier ogen)")]
        constraints = [
            *owner_constraints("paymentrun"),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                name="paymentrun_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class PaymentRunLine(models.Model):
    """A payable line in a run. At most one *active* run line per payable line (never paid twice)."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="lines")
    line = models.ForeignKey(PayableLine, on_delete=models.PROTECT, related_name="run_lines")
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("regel betaalronde")
        verbose_name_plural = _("regels betaalronde")
        constraints = [
            models.UniqueConstraint(fields=["line"], condition=Q(active=True), name="paymentrunline_once"),
            models.UniqueConstraint(fields=["run", "line"], name="paymentrunline_unique"),
        ]
