"""Models of the exchange app: the iWmo/iJw 3.2 messages (inbox and outbox) and what they record.

* :class:`Message` — one heenbericht or retourbericht, incoming or outgoing, with its raw XML kept as
  received/sent (reference §10 item 11). Status changes only through :mod:`schakel.exchange.workflow`.
* :class:`Request` — one verzoek (VOT 315 per AangevraagdProduct, VOW 317 per Verzoek) by its
  ReferentieAanbieder, with the deadlines of OP090 (retour, 3 werkdagen) and OP274/OP346 (answer, 5
  werkdagen): the work-queue item of the municipality.
* :class:`DeliveryRecord` — a StartProduct (305) or StopProduct (307) as accepted, keyed as TR063/TR074
  describe, for the start/stop rules (TR071, TR326, TR413–TR415).
* :class:`Declaration` / :class:`DeclarationLine` — a 323 claim and its prestaties, money in eurocent
  (IV024), each line approved or rejected: the approved lines are the input of the finance work.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente

from .query import MessageQuerySet, ProviderScopedQuerySet


class Direction(models.TextChoices):
    IN = "in", _("Inkomend")
    OUT = "uit", _("Uitgaand")


class ExchangeLaw(models.TextChoices):
    """The two standards: iWmo (Wmo 2015) and iJw (Jeugdwet); values equal ``core.vocab.Law``."""

    WMO = "wmo", _("Wmo 2015 (iWmo)")
    JEUGD = "jeugd", _("Jeugdwet (iJw)")


class MessageType(models.TextChoices):
    """The message number, the same for both standards (WMO301 / JW301 → ``301``)."""

    T301 = "301", _("Toewijzing")
    T302 = "302", _("Toewijzing retour")
    T305 = "305", _("Start zorg")
    T306 = "306", _("Start retour")
    T307 = "307", _("Stop zorg")
    T308 = "308", _("Stop retour")
    T315 = "315", _("Verzoek om toewijzing")
    T316 = "316", _("Verzoek om toewijzing retour")
    T317 = "317", _("Verzoek om wijziging")
    T318 = "318", _("Verzoek om wijziging retour")
    T319 = "319", _("Antwoordbericht")
    T320 = "320", _("Antwoordbericht retour")
    T323 = "323", _("Declaratie")
    T325 = "325", _("Declaratie-antwoord")


class MessageStatus(models.TextChoices):
    # incoming
    RECEIVED = "ontvangen", _("Ontvangen, nog niet verwerkt")
    REJECTED = "afgewezen", _("Technisch afgewezen (geen retour)")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    PARTIAL = "deels", _("Deels afgekeurd")
    DECLINED = "afgekeurd", _("Afgekeurd")
    DUPLICATE = "dubbel", _("Dubbel ontvangen")
    # outgoing
    READY = "klaar", _("Klaar om te verzenden")
    SENT = "verzonden", _("Verzonden")
    ANSWERED = "beantwoord", _("Retour ontvangen")


class Message(models.Model):
    """One iWmo/iJw message. Unique per sender, berichtsoort and Identificatie (TR056): a repeat is kept
    as ``dubbel`` (outside the constraint) and answered with retour code 9056."""

    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    law = models.CharField(_("wet"), max_length=10, choices=ExchangeLaw.choices, blank=True)
    message_type = models.CharField(_("bericht"), max_length=3, choices=MessageType.choices, blank=True)
    bericht_code = models.PositiveSmallIntegerField(_("BerichtCode"), null=True, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    provider = models.ForeignKey(
        "contracts.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    sender = models.CharField(_("afzender"), max_length=8, blank=True)
    receiver = models.CharField(_("ontvanger"), max_length=8, blank=True)
    identificatie = models.CharField(_("BerichtIdentificatie"), max_length=12, blank=True)
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MessageStatus.choices)
    raw = models.BinaryField(_("bericht (XML)"))
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    source = models.CharField(_("bron"), max_length=255, blank=True, help_text=_("Bestandsnaam of kanaal."))
    codes = models.JSONField(_("retourcodes"), default=list, blank=True)
    error = models.TextField(_("reden afwijzing"), blank=True)
    retour_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="retours"
    )
    answers = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answered_by",
        help_text=_("Het verzoek (315/317) dat deze toewijzing of dit antwoordbericht beantwoordt."),
    )
    allocations = models.ManyToManyField(
        "contracts.Allocation", through="MessageAllocation", related_name="messages", blank=True
    )
    received_at = models.DateTimeField(_("ontvangen/aangemaakt"), db_index=True)
    processed_at = models.DateTimeField(_("verwerkt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "sender", "bericht_code", "identificatie"],
                condition=Q(identificatie__gt="") & ~Q(status="dubbel"),
                name="exchange_message_unique_identificatie",
            )
        ]
        indexes = [
            models.Index(fields=["direction", "status"], name="exchange_msg_dir_status"),
            models.Index(fields=["gemeente", "direction", "received_at"], name="exchange_msg_gem_dir"),
        ]
        permissions = [
            ("manage_exchange", "Berichtenverkeer beheren (import, export, technische fouten)"),
            ("exchange_as_provider", "Berichten uitwisselen als zorgaanbieder"),
        ]

    def __str__(self) -> str:
        prefix = "WMO" if self.law == "wmo" else "JW"
        return f"{prefix}{self.message_type} {self.identificatie or self.pk}"

    @property
    def name(self) -> str:
        if not self.message_type:
            return "?"
        return ("WMO" if self.law == "wmo" else "JW") + self.message_type


class MessageAllocation(models.Model):
    """Which allocations (toewijzingen) a message concerns: the per-allocation message history."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="allocation_links")
    allocation = models.ForeignKey("contracts.Allocation", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "allocation"], name="exchange_msgalloc_unique")
        ]


class Request(models.Model):
    """A verzoek om toewijzing (315, per AangevraagdProduct) or om wijziging (317, per Verzoek), keyed by
    ReferentieAanbieder (unique per aanbieder per domain, TR347), with its deadlines."""

    class Kind(models.TextChoices):
        VOT = "vot", _("Verzoek om toewijzing")
        VOW = "vow", _("Verzoek om wijziging")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_ONDERZOEK = "onderzoek", _("Aanvraag in onderzoek")
        TOEGEWEZEN = "toegewezen", _("Toegewezen")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="requests")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey("contracts.Provider", on_delete=models.PROTECT, related_name="+")
    law = models.CharField(_("wet"), max_length=10, choices=ExchangeLaw.choices)
    kind = models.CharField(_("soort"), max_length=3, choices=Kind.choices)
    referentie = models.CharField(_("ReferentieAanbieder"), max_length=36)
    bsn = models.CharField(_("BSN"), max_length=9)
    detail = models.JSONField(_("gevraagd"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    retour_due = models.DateField(_("retour uiterlijk"))
    answer_due = models.DateField(_("antwoord uiterlijk"), db_index=True)
    answered_by = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="answered_requests"
    )
    answered_at = models.DateTimeField(_("beantwoord"), null=True, blank=True)

    objects = ProviderScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["answer_due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "law", "referentie"], name="exchange_request_unique_referentie"
            )
        ]
        indexes = [models.Index(fields=["provider", "law", "bsn"], name="exchange_req_client")]


class DeliveryRecord(models.Model):
    """An accepted StartProduct (305) or StopProduct (307); ``deleted`` once withdrawn with
    StatusAanlevering 3 (TR063), the withdrawal itself kept as a ``cancel`` row. The logical key: Bsn,
    ToewijzingNummer, Begindatum (+ RedenBeeindiging for a stop, new in 3.2). ``applied`` marks that the
    allocation's delivery status was updated through ``contracts.services`` (see
    :func:`schakel.exchange.pipeline.apply_deliveries`)."""

    class Kind(models.TextChoices):
        START = "start", _("Start")
        STOP = "stop", _("Stop")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    provider = models.ForeignKey("contracts.Provider", on_delete=models.PROTECT, related_name="+")
    law = models.CharField(max_length=10, choices=ExchangeLaw.choices)
    allocation = models.ForeignKey(
        "contracts.Allocation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    bsn = models.CharField(max_length=9)
    toewijzing_nummer = models.PositiveIntegerField(null=True, blank=True)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    reden_beeindiging = models.CharField(max_length=2, blank=True)
    deleted = models.BooleanField(default=False)
    cancel = models.BooleanField(
        default=False, help_text="StatusAanlevering 3: withdraws the record with this key."
    )
    applied = models.BooleanField(
        default=False, db_index=True, help_text="Applied to the allocation's delivery status (contracts)."
    )

    objects = ProviderScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["provider", "law", "toewijzing_nummer"], name="exchange_delivery_key")
        ]


class Declaration(models.Model):
    """A 323 declaratie (one calendar month, OP280) by its DeclaratieNummer (unique per aanbieder per
    domain, TR333)."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="declaration")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey("contracts.Provider", on_delete=models.PROTECT, related_name="+")
    law = models.CharField(max_length=10, choices=ExchangeLaw.choices)
    nummer = models.CharField(_("DeclaratieNummer"), max_length=12)
    period_start = models.DateField(_("declaratieperiode van"))
    period_end = models.DateField(_("declaratieperiode tot en met"))
    submitted_cents = models.BigIntegerField(_("ingediend (eurocent, met teken)"))
    approved_cents = models.BigIntegerField(_("toegekend (eurocent, met teken)"), default=0)

    objects = ProviderScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "law", "nummer"], name="exchange_declaration_unique_nummer"
            )
        ]


class DeclarationLine(models.Model):
    """One prestatie of a 323, approved or rejected. Amounts in eurocent (IV024); ``amount_cents`` is
    signed (credit negative)."""

    class Status(models.TextChoices):
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        REJECTED = "afgekeurd", _("Afgekeurd")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines")
    provider = models.ForeignKey("contracts.Provider", on_delete=models.PROTECT, related_name="+")
    law = models.CharField(max_length=10, choices=ExchangeLaw.choices)
    allocation = models.ForeignKey(
        "contracts.Allocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declaration_lines",
    )
    bsn = models.CharField(max_length=9)
    referentie = models.CharField(_("ReferentieNummer"), max_length=36)
    vorig_referentie = models.CharField(_("VorigReferentieNummer"), max_length=36, blank=True)
    toewijzing_nummer = models.PositiveIntegerField(null=True, blank=True)
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    period_start = models.DateField(_("productperiode van"))
    period_end = models.DateField(_("productperiode tot en met"))
    volume = models.BigIntegerField(_("geleverd volume"))
    unit = models.CharField(_("eenheid"), max_length=2)
    tariff_cents = models.BigIntegerField(_("tarief (eurocent)"), null=True, blank=True)
    amount_cents = models.BigIntegerField(_("bedrag (eurocent, met teken)"))
    credit = models.BooleanField(_("credit"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    codes = models.JSONField(_("retourcodes"), default=list, blank=True)

    objects = ProviderScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaratieregel")
        verbose_name_plural = _("declaratieregels")
        indexes = [
            models.Index(fields=["provider", "law", "referentie"], name="exchange_line_ref"),
            models.Index(fields=["allocation", "status"], name="exchange_line_alloc"),
        ]
