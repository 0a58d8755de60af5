"""Commitments (obligo), payable lines (realisation), cost-split rules and result-based payment rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente, Regio

from ..query import OwnedQuerySet
from .budget import EarmarkKind, owner_constraints


class Commitment(models.Model):
    """The obligo of one allocation (or, taakgericht, one contracted product) for one budget year.

    ``amount_cents`` covers the remaining period ``period_start``..``period_end`` (from the reference date
    ``as_of`` to the end of the allocation, capped at the end of the year). Rows are replaced, not edited, by
    ``services.commitments``; the calculation per financing variant is in ``finance.calc``.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )  # commitment_owner_year
    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    earmark_kind = models.CharField(_("oormerk"), max_length=20, choices=EarmarkKind.choices)
    variant = models.CharField(_("uitvoeringsvariant"), max_length=20)
    allocation = models.ForeignKey(
        "contracts.Allocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
        db_index=False,  # commitment_allocation_year
    )
    contract_product = models.ForeignKey(
        "contracts.ContractProduct", on_delete=models.CASCADE, related_name="commitments", db_index=False
    )  # commitment_lumpsum_year / commitment_product
    provider = models.ForeignKey(
        "contracts.Provider", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    product_category = models.CharField(_("productcategorie"), max_length=2)
    period_start = models.DateField(_("vanaf"))
    period_end = models.DateField(_("tot en met"))
    amount_cents = models.BigIntegerField(_("verplichting (eurocent)"))
    as_of = models.DateField(_("peildatum"))

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen (obligo)")
        ordering = ["year", "id"]
        constraints = [
            *owner_constraints("commitment"),
            models.CheckConstraint(condition=Q(amount_cents__gte=0), name="commitment_not_negative"),
            models.UniqueConstraint(
                fields=["allocation", "year"],
                condition=Q(allocation__isnull=False),
                name="commitment_allocation_year",
            ),
            models.UniqueConstraint(
                fields=["contract_product", "year"],
                condition=Q(allocation__isnull=True),
                name="commitment_lumpsum_year",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "year", "earmark_kind"], name="commitment_owner_year"),
            models.Index(fields=["contract_product"], name="commitment_product"),
        ]


class CostSplitRule(models.Model):
    """Divides the cost of a product (or an intervention) between the municipality and a partner.

    ``partner_share_bp`` in basis points (10000 = all). The municipal share is booked to ``earmark_kind``
    (empty: the earmark of the law), the partner share is recorded as recoverable from the partner.
    A product rule matches ``law`` + ``product_category`` (+ ``product_code``; empty = every code); an
    intervention rule matches ``intervention`` (the partners work books interventions with it).
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=200)
    law = models.CharField(_("wet"), max_length=20, blank=True)
    product_category = models.CharField(_("productcategorie"), max_length=2, blank=True)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    intervention = models.CharField(_("interventie"), max_length=60, blank=True)
    partner = models.CharField(_("partner"), max_length=200)
    partner_share_bp = models.PositiveIntegerField(_("aandeel partner (basispunten)"))
    earmark_kind = models.CharField(
        _("oormerk gemeentelijk deel"), max_length=20, choices=EarmarkKind.choices, blank=True
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kostenverdeelregel")
        verbose_name_plural = _("kostenverdeelregels")
        ordering = ["gemeente_id", "law", "product_category", "product_code", "intervention", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(partner_share_bp__lte=10000), name="costsplit_share_range"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="costsplit_period",
            ),
            models.CheckConstraint(
                condition=~Q(product_category="", intervention=""), name="costsplit_product_or_intervention"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ResultPaymentRule(models.Model):
    """How a result area (``contracts.ResultArea``) is paid on results.

    * ``bonus``: when the share of goals achieved reaches the agreement's target, a bonus of ``share_bp``
      of the amount paid for the product in the period;
    * ``withheld``: ``share_bp`` of every claim is withheld and released when the target is reached
      (forfeited otherwise);
    * ``per_result``: ``amount_cents`` per achieved goal.
    """

    class Kind(models.TextChoices):
        BONUS = "bonus", _("Bonus bij behaald resultaat")
        WITHHELD = "ingehouden", _("Ingehouden deel, vrijgegeven bij resultaat")
        PER_RESULT = "per_resultaat", _("Betaling per behaald resultaat")

    result_area = models.ForeignKey(
        "contracts.ResultArea", on_delete=models.CASCADE, related_name="payment_rules"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    share_bp = models.PositiveIntegerField(_("percentage (basispunten)"), default=0)
    amount_cents = models.BigIntegerField(_("bedrag per resultaat (eurocent)"), default=0)
    target_percent = models.PositiveSmallIntegerField(_("streefwaarde (%)"), default=0)

    class Meta:
        verbose_name = _("regel resultaatbekostiging")
        verbose_name_plural = _("regels resultaatbekostiging")
        constraints = [
            models.CheckConstraint(condition=Q(share_bp__lte=10000), name="resultrule_share_range"),
            models.CheckConstraint(condition=Q(amount_cents__gte=0), name="resultrule_amount"),
            models.UniqueConstraint(fields=["result_area", "kind"], name="resultrule_unique"),
        ]


class PayableLine(models.Model):
    """One booked amount owed to a provider: an approved claim line (realisation), a credit or correction,
    a taakgericht instalment, a withheld share or a result payment; or the cost of a partner intervention
    (``interventie``, ``services.book_intervention_cost``).

    ``provider`` is NULL only for an intervention paid outside Schakel (e.g. on the deliverer's invoice):
    such a line is realisation only and never enters a payment run (check constraint
    ``payable_provider_unless_intervention``; runs select lines by provider).

    ``(source, source_ref)`` is unique, so booking the same claim line twice is refused by the database
    (idempotent booking). ``municipal_cents`` + ``partner_cents`` = ``amount_cents`` (cost split); the
    municipal share counts as realisation of ``earmark_kind``. A line is paid at most once: see
    :class:`~schakel.finance.models.PaymentRunLine`.
    """

    class Source(models.TextChoices):
        CLAIM = "declaratie", _("Declaratieregel")
        CORRECTION = "correctie", _("Correctie")
        LUMP_SUM = "taakgericht", _("Termijn taakgericht")
        WITHHELD = "ingehouden", _("Ingehouden deel")
        RESULT = "resultaat", _("Resultaatbetaling")
        INTERVENTION = "interventie", _("Interventie met partner")

    class Status(models.TextChoices):
        PAYABLE = "te_betalen", _("Te betalen")
        HELD = "ingehouden", _("Ingehouden")
        FORFEITED = "vervallen", _("Vervallen")

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )  # payable_owner_year
    regio = models.ForeignKey(
        Regio, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    provider = models.ForeignKey(
        "contracts.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )  # payable_provider_status; NULL only for an intervention paid outside Schakel (realisation only)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    source_ref = models.CharField(_("bronkenmerk"), max_length=64)
    allocation = models.ForeignKey(
        "contracts.Allocation", on_delete=models.PROTECT, null=True, blank=True, related_name="payable_lines"
    )
    contract_product = models.ForeignKey(
        "contracts.ContractProduct",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    law = models.CharField(_("wet"), max_length=20, blank=True)
    earmark_kind = models.CharField(_("oormerk"), max_length=20, choices=EarmarkKind.choices)
    product_category = models.CharField(_("productcategorie"), max_length=2, blank=True)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    month = models.PositiveSmallIntegerField(_("maand"))
    amount_cents = models.BigIntegerField(_("bedrag (eurocent, met teken)"))
    municipal_cents = models.BigIntegerField(_("gemeentelijk deel (eurocent)"))
    partner_cents = models.BigIntegerField(_("deel partner (eurocent)"), default=0)
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PAYABLE)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    booked_at = models.DateTimeField(_("geboekt op"))

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("te betalen regel")
        verbose_name_plural = _("te betalen regels")
        ordering = ["period_start", "id"]
        constraints = [
            *owner_constraints("payable"),
            models.UniqueConstraint(fields=["source", "source_ref"], name="payable_source_unique"),
            models.CheckConstraint(
                condition=Q(amount_cents=models.F("municipal_cents") + models.F("partner_cents")),
                name="payable_split_adds_up",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="payable_month_range"),
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | Q(source="interventie"),
                name="payable_provider_unless_intervention",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "year", "earmark_kind"], name="payable_owner_year"),
            models.Index(fields=["regio", "year"], name="payable_regio_year"),
            models.Index(fields=["provider", "status"], name="payable_provider_status"),
        ]


class ClaimIntakeLine(models.Model):
    """A claim line (323 prestatie) waiting for the set-based check against its allocation and for booking
    (``finance.settlement``). Loaded in batches; ``code`` is the first failing rule's retourcode (empty =
    approved). ``finance.settlement.check_and_book`` keeps the allocation's terms in a temporary table and
    writes back only the rejected lines (``code`` and ``allocation_id``); the ``a_*`` columns are not filled
    by it."""

    batch = models.CharField(max_length=32)
    gemeente_id = models.IntegerField()
    provider_id = models.IntegerField()
    law = models.CharField(max_length=20)
    referentie = models.CharField(max_length=20)
    toewijzing_nummer = models.IntegerField()
    product_category = models.CharField(max_length=2)
    product_code = models.CharField(max_length=5, blank=True)
    unit = models.CharField(max_length=2)
    period_start = models.DateField()
    period_end = models.DateField()
    volume = models.BigIntegerField()
    tariff_cents = models.BigIntegerField(null=True)
    amount_cents = models.BigIntegerField()
    allocation_id = models.IntegerField(null=True)
    a_cp = models.IntegerField(null=True)
    a_start = models.DateField(null=True)
    a_end = models.DateField(null=True)
    a_category = models.CharField(max_length=2, null=True)
    a_code = models.CharField(max_length=5, null=True)
    a_unit = models.CharField(max_length=2, null=True)
    a_frequency = models.CharField(max_length=1, null=True)
    a_volume = models.BigIntegerField(null=True)
    a_budget = models.BigIntegerField(null=True)
    code = models.CharField(max_length=4, blank=True)
    status = models.CharField(max_length=12, default="nieuw")

    class Meta:
        verbose_name = _("te controleren declaratieregel")
        verbose_name_plural = _("te controleren declaratieregels")
        indexes = [models.Index(fields=["batch", "status"], name="claimintake_batch")]
