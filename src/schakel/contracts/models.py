"""Providers, contracts, contracted products, tariffs and allocations (issue 4, reference istandaarden.md §3–§4).

* :class:`Provider` – a care provider (zorgaanbieder) identified by its AGB code; :class:`ProviderUser` links
  a provider's staff (role ``aanbieder``) to it.
* :class:`Contract` – an agreement of a municipality (or a region) with one provider for a period.
* :class:`ContractProduct` – a contracted product: law, productcategorie/-code, financing variant (OP261) and
  the eenheid/frequenties it may be allocated with; :class:`ContractTariff` the tariff (or, for taakgericht,
  the lump sum) per period in eurocent; :class:`ResultArea` and :class:`OutcomeAgreement` the agreed results.
* :class:`Allocation` – a toewijzing of a granted product (``cases.DecisionProduct``) to a provider, with its
  ToewijzingNummer; changes only through :mod:`schakel.contracts.services`; history appended to
  :class:`AllocationChange`; delivery (305/307) appended to :class:`AllocationDelivery`.

All money is integer eurocent (IV024). Rules are enforced in ``services`` (not in ``save``) so that each
rule has one place, a rule id and a Dutch message.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente, Regio
from schakel.core.values import validate_agb

from .query import AllocationQuerySet, ContractQuerySet, ProviderQuerySet
from .vocab import ContractLaw, Eenheid, FinancingVariant, Frequentie, ProcurementForm, RedenWijziging


class Provider(models.Model):
    """A zorgaanbieder, identified by its 8-digit AGB code (RS036; Vektis). Not tied to one municipality."""

    agb_code = models.CharField(_("AGB-code"), max_length=8, unique=True, validators=[validate_agb])
    name = models.CharField(_("naam"), max_length=200)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agb_code})"


class ProviderUser(models.Model):
    """A user working for a provider (role ``aanbieder``): sees only that provider's allocations.

    The exchange app authenticates provider REST calls with it (``services.providers_of(user)``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_links"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="users")

    class Meta:
        verbose_name = _("medewerker aanbieder")
        verbose_name_plural = _("medewerkers aanbieders")
        constraints = [models.UniqueConstraint(fields=["user", "provider"], name="provideruser_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.provider.name}"


class Contract(models.Model):
    """An agreement between one municipality (or a region of municipalities) and one provider for a period."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="contracts")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    regio = models.ForeignKey(
        Regio, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    reference = models.CharField(_("contractnummer"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    procurement_form = models.CharField(
        _("inkoopvorm"), max_length=20, choices=ProcurementForm.choices, default=ProcurementForm.AANBESTEDING
    )
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(gemeente__isnull=False, regio__isnull=True)
                    | Q(gemeente__isnull=True, regio__isnull=False)
                ),
                name="contract_gemeente_xor_regio",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="contract_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class ContractProduct(models.Model):
    """A contracted product: law, productcategorie (+ optional productcode), variant and allowed units (§4).

    ``product_code`` empty = aspecifiek (category only). ``own_code`` marks a municipal (bilateral) code that is
    not in the standard list (JZ21 for Jeugd). ``frequencies`` lists the Frequentie codes allowed with
    ``unit``; taakgericht products have neither (no per-client allocation) and carry a lump sum per period.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="products")
    law = models.CharField(_("wet"), max_length=20, choices=ContractLaw.choices)
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    own_code = models.BooleanField(_("eigen (gemeentelijke) productcode"), default=False)
    description = models.CharField(_("omschrijving"), max_length=200)
    variant = models.CharField(_("uitvoeringsvariant"), max_length=20, choices=FinancingVariant.choices)
    unit = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices, blank=True)
    frequencies = models.JSONField(_("toegestane frequenties"), default=list, blank=True)

    class Meta:
        verbose_name = _("gecontracteerd product")
        verbose_name_plural = _("gecontracteerde producten")
        ordering = ["law", "product_category", "product_code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "law", "product_category", "product_code"], name="contractproduct_unique"
            )
        ]
        indexes = [
            models.Index(fields=["law", "product_category", "product_code"], name="contractproduct_code")
        ]

    def __str__(self) -> str:
        code = self.product_code or self.product_category
        return f"{code} {self.description}"

    @property
    def is_taakgericht(self) -> bool:
        return self.variant == FinancingVariant.TAAKGERICHT


class ContractTariff(models.Model):
    """Tariff in eurocent per ``unit`` for a period; for taakgericht the lump sum for the period.

    Periods of one product never overlap (``services.add_tariff``); ``end_date`` empty = open-ended.
    """

    product = models.ForeignKey(ContractProduct, on_delete=models.CASCADE, related_name="tariffs")
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    amount_cents = models.PositiveBigIntegerField(_("bedrag (eurocent)"))

    class Meta:
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        ordering = ["product_id", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="tariff_period_ordered",
            ),
            models.UniqueConstraint(fields=["product", "start_date"], name="tariff_unique_start"),
        ]


class ResultArea(models.Model):
    """A result area (resultaatgebied) of an outputgericht or taakgericht product."""

    product = models.ForeignKey(ContractProduct, on_delete=models.CASCADE, related_name="result_areas")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("resultaatgebied")
        verbose_name_plural = _("resultaatgebieden")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class OutcomeAgreement(models.Model):
    """A measurable outcome agreement in a result area, e.g. "≥ 70 % of plan goals achieved" (outcomes work)."""

    class Indicator(models.TextChoices):
        GOALS_ACHIEVED = "doelen_behaald", _("Aandeel behaalde doelen")
        NO_RELAPSE = "geen_terugval", _("Aandeel zonder terugval binnen een jaar")
        SATISFACTION = "tevredenheid", _("Aandeel tevreden cliënten")
        OTHER = "overig", _("Overig")

    result_area = models.ForeignKey(ResultArea, on_delete=models.CASCADE, related_name="agreements")
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    target_percent = models.PositiveSmallIntegerField(_("streefwaarde (%)"))
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("resultaatafspraak")
        verbose_name_plural = _("resultaatafspraken")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(target_percent__lte=100), name="outcome_target_percent"),
        ]


class AllocationNumber(models.Model):
    """The last ToewijzingNummer issued per municipality per law (unique per gemeente per domein, TR332)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    law = models.CharField(max_length=20, choices=ContractLaw.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gemeente", "law"], name="allocationnumber_unique")]


class AllocationStatus(models.TextChoices):
    """Lifecycle of a toewijzing on the municipality side (see ``workflow.ALLOCATION_TRANSITIONS``)."""

    ACTIVE = "actief", _("Toegewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    DELETED = "verwijderd", _("Verwijderd")


class DeliveryStatus(models.TextChoices):
    """Delivery as reported by the provider (305/307; see ``workflow.DELIVERY_TRANSITIONS``)."""

    NOT_STARTED = "niet_gestart", _("Niet gestart")
    STARTED = "gestart", _("Gestart")
    INTERRUPTED = "onderbroken", _("Tijdelijk gestopt")
    STOPPED = "gestopt", _("Beëindigd")


class Allocation(models.Model):
    """A toewijzing (301 ToegewezenProduct) of a granted product to a provider.

    ``number`` is the ToewijzingNummer (8 digits, unique per municipality per law, TR332/OP275). ``volume``
    + ``unit`` + ``frequency`` (Omvang) and ``budget_cents`` (Budget) are mutually exclusive (CD077/CD078).
    ``allocated_at`` is Toewijzingsdatum + Toewijzingstijd of the latest version (IV013). The delivery fields
    mirror the latest 305/307 (``services.record_start`` / ``record_stop``).
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="allocations")
    law = models.CharField(_("wet"), max_length=20, choices=ContractLaw.choices)
    number = models.PositiveIntegerField(_("toewijzingnummer"))
    decision_product = models.ForeignKey(
        "cases.DecisionProduct", on_delete=models.PROTECT, related_name="allocations"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="allocations")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="allocations")
    contract_product = models.ForeignKey(
        ContractProduct, on_delete=models.PROTECT, related_name="allocations"
    )
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    volume = models.PositiveIntegerField(_("volume"), null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices, blank=True)
    budget_cents = models.PositiveBigIntegerField(_("budget (eurocent)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AllocationStatus.choices, default=AllocationStatus.ACTIVE
    )
    reason = models.CharField(_("reden wijziging"), max_length=2, choices=RedenWijziging.choices, blank=True)
    allocated_at = models.DateTimeField(_("toewijzingsdatum en -tijd"))
    referentie_aanbieder = models.CharField(_("referentie aanbieder"), max_length=20, blank=True)
    comment = models.CharField(_("commentaar"), max_length=200, blank=True)
    delivery_status = models.CharField(
        _("levering"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    delivery_started_on = models.DateField(_("levering gestart op"), null=True, blank=True)
    delivery_stopped_on = models.DateField(_("levering gestopt op"), null=True, blank=True)
    delivery_stop_reason = models.CharField(_("reden beëindiging"), max_length=2, blank=True)
    approved_claims = models.PositiveIntegerField(_("goedgekeurde declaratieregels"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["-start_date", "-id"]
        permissions = [
            ("view_own_provider_allocation", "Toewijzingen van de eigen aanbieder inzien"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "law", "number"], name="allocation_number_unique"),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(budget_cents__isnull=True),
                name="allocation_omvang_xor_budget",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="allocation_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "status"], name="allocation_provider"),
            models.Index(fields=["person", "product_category"], name="allocation_person_product"),
        ]

    def __str__(self) -> str:
        return f"{self.number:08d}"

    @property
    def number_display(self) -> str:
        return f"{self.number:08d}"


class AllocationChange(models.Model):
    """Append-only history of an allocation: one row per allocate / change / withdraw / delete / delivery."""

    class Kind(models.TextChoices):
        ALLOCATED = "toegewezen", _("Toegewezen")
        CHANGED = "gewijzigd", _("Gewijzigd")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")
        DELETED = "verwijderd", _("Verwijderd")
        DELIVERY = "levering", _("Levering")

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="changes")
    occurred_at = models.DateTimeField(_("tijdstip"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reden wijziging"), max_length=2, blank=True)
    before = models.JSONField(_("voor"), default=dict, blank=True)
    after = models.JSONField(_("na"), default=dict, blank=True)
    summary = models.CharField(_("omschrijving"), max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("wijziging toewijzing")
        verbose_name_plural = _("wijzigingen toewijzing")
        ordering = ["occurred_at", "id"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("De geschiedenis van een toewijzing is alleen-toevoegen.")
        super().save(*args, **kwargs)


class AllocationDelivery(models.Model):
    """A start (305) or stop (307) reported by the provider; append-only. ``cancel`` = StatusAanlevering 3."""

    class Kind(models.TextChoices):
        START = "start", _("Start")
        STOP = "stop", _("Stop")

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("datum"))
    reason = models.CharField(_("reden beëindiging"), max_length=2, blank=True)
    cancel = models.BooleanField(_("verwijdering (StatusAanlevering 3)"), default=False)
    source = models.CharField(_("bron (bericht)"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("levering")
        verbose_name_plural = _("leveringen")
        ordering = ["recorded_at", "id"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Leveringsberichten zijn alleen-toevoegen.")
        super().save(*args, **kwargs)
