"""Re-integration together with health insurers ("Samen voor re-integratie", VNG and ZN).

A :class:`Partnership` joins one municipality and one health insurer. It carries the collective health
insurance for minima (:class:`CollectivePolicy`, the *gemeentepolis*) with its participants per year, the
health-intervention fund (:class:`FundEntry`, an append-only ledger), the interventions both parties offer
(:class:`Intervention`, with the brochure's step model and a cost split), referrals of citizens from a plan
action to an intervention (:class:`Referral`, only with :class:`Consent`) and the periodic collaboration
check of the leidraad (:class:`CollaborationCheck`). Money is in integer eurocent; shares in basis points.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Action, Case
from schakel.core.models import Gemeente
from schakel.people.models import Person

validate_uzovi = RegexValidator(r"^\d{4}$", _("Een UZOVI-code bestaat uit 4 cijfers."))


class HealthInsurer(models.Model):
    """A health insurer (zorgverzekeraar), identified by its UZOVI code (Vektis)."""

    uzovi = models.CharField(_("UZOVI-code"), max_length=4, unique=True, validators=[validate_uzovi])
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("zorgverzekeraar")
        verbose_name_plural = _("zorgverzekeraars")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.uzovi})"


class DeliveryPartner(models.Model):
    """An organisation that delivers interventions (e.g. a GLI coach practice, a GGZ provider, an IPS team)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=100, blank=True)
    contact = models.CharField(_("contactpersoon en gegevens"), max_length=300, blank=True)
    provider = models.ForeignKey(
        "contracts.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontracteerde aanbieder"),
        help_text=_(
            "Alleen als de uitvoerder ook een gecontracteerde aanbieder is: dan komt het gemeentelijk deel van "
            "een afgeronde verwijzing in de betaalronde van die aanbieder. Anders is het alleen realisatie "
            "(betaling op factuur van de uitvoerder)."
        ),
    )

    class Meta:
        verbose_name = _("uitvoerder")
        verbose_name_plural = _("uitvoerders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """The cooperation of one municipality and one health insurer on re-integration."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    insurer = models.ForeignKey(HealthInsurer, on_delete=models.PROTECT, related_name="partnerships")
    name = models.CharField(_("naam"), max_length=200)
    ambition = models.TextField(
        _("gedeelde ambitie"), blank=True, help_text=_("Bijvoorbeeld: gezondheidswinst én participatie.")
    )
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    fund_contribution_cents = models.PositiveIntegerField(
        _("bijdrage per deelnemer aan het fonds (eurocent)"),
        default=0,
        help_text=_("Wat de verzekeraar per deelnemer aan de gemeentepolis in het fonds stort."),
    )

    class Meta:
        verbose_name = _("samenwerking")
        verbose_name_plural = _("samenwerkingen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "insurer"], name="partnership_once_per_insurer")
        ]
        permissions = [("override_fund", _("Fonds onder nul laten gaan (met reden)"))]

    def __str__(self) -> str:
        return self.name


class CollectivePolicy(models.Model):
    """The collective health insurance for minima (gemeentepolis) of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="policies")
    name = models.CharField(_("naam"), max_length=200)
    income_limit_percent = models.PositiveSmallIntegerField(
        _("inkomensgrens (% van het sociaal minimum)"),
        validators=[MinValueValidator(100), MaxValueValidator(200)],
        help_text=_("Meestal 110 tot 130 procent."),
    )
    covers_eigen_risico = models.BooleanField(_("dekt het eigen risico"), default=False)
    monthly_discount_cents = models.PositiveIntegerField(
        _("gemeentelijke bijdrage per maand (eurocent)"), default=0
    )

    class Meta:
        verbose_name = _("collectieve zorgverzekering (gemeentepolis)")
        verbose_name_plural = _("collectieve zorgverzekeringen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def eligible(self, income_cents: int, social_minimum_cents: int) -> bool:
        """Eligibility rule: income up to ``income_limit_percent`` of the applicable social minimum."""
        return income_cents * 100 <= social_minimum_cents * self.income_limit_percent


class PolicyParticipation(models.Model):
    """The number of participants of a gemeentepolis in a year (entered or imported)."""

    class Source(models.TextChoices):
        ENTERED = "ingevoerd", _("Ingevoerd")
        IMPORTED = "geimporteerd", _("Geïmporteerd")

    policy = models.ForeignKey(CollectivePolicy, on_delete=models.CASCADE, related_name="participation")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2000)])
    participants = models.PositiveIntegerField(_("deelnemers"))
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.ENTERED)

    class Meta:
        verbose_name = _("deelnemers per jaar")
        verbose_name_plural = _("deelnemers per jaar")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["policy", "year"], name="participation_once_per_year")]


class Intervention(models.Model):
    """A joint (health) intervention: what, for whom, with whom, how — and who pays which share."""

    class Kind(models.TextChoices):
        LIFESTYLE = "leefstijl", _("Leefstijlprogramma (bijv. gecombineerde leefstijlinterventie)")
        GGZ = "snelle_ggz", _("Snelle toegang tot GGZ")
        IPS = "ips", _("IPS / werkcoaching")
        REINTEGRATION = "reintegratie", _("Re-integratiemodule")
        OTHER = "overig", _("Overig")

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="interventions")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    target_group = models.TextField(_("doelgroep (criteria)"))
    deliverer = models.ForeignKey(
        DeliveryPartner, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("uitvoerder")
    )
    price_cents = models.PositiveIntegerField(_("kosten per deelnemer (eurocent)"))
    follow_up = models.TextField(
        _("nazorg door de gemeente"),
        blank=True,
        help_text=_("Bijvoorbeeld: bemiddeling naar regulier sportaanbod."),
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InterventionStep(models.Model):
    """One step of the brochure's model, with each party's role and contribution."""

    class Step(models.TextChoices):
        WHAT = "wat", _("Wat")
        FOR_WHOM = "voor_wie", _("Voor wie")
        WITH_WHOM = "met_wie", _("Met wie")
        HOW = "hoe", _("Hoe")

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("stap"), max_length=10, choices=Step.choices)
    description = models.TextField(_("invulling"))
    gemeente_role = models.TextField(_("rol en bijdrage gemeente"), blank=True)
    insurer_role = models.TextField(_("rol en bijdrage zorgverzekeraar"), blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        constraints = [
            models.UniqueConstraint(fields=["intervention", "step"], name="intervention_step_once")
        ]


class Payer(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    BASIC = "basisverzekering", _("Basisverzekering")
    SUPPLEMENTARY = "aanvullend", _("Aanvullende verzekering")
    FUND = "fonds", _("Fonds gezondheidsinterventies")


class CostShare(models.Model):
    """The share of one payer in an intervention's cost, in basis points (10000 = 100 %)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="cost_shares")
    payer = models.CharField(_("betaler"), max_length=20, choices=Payer.choices)
    share_bp = models.PositiveSmallIntegerField(
        _("aandeel (basispunten)"), validators=[MaxValueValidator(10000)]
    )

    class Meta:
        verbose_name = _("kostenverdeling")
        verbose_name_plural = _("kostenverdeling")
        constraints = [
            models.UniqueConstraint(fields=["intervention", "payer"], name="cost_share_once_per_payer")
        ]


class FundEntry(models.Model):
    """One booking in a partnership's health-intervention fund. Append-only: corrections are new entries.

    Signed amounts: deposits and releases add, commitments and spending subtract; the balance is the sum.
    """

    class Kind(models.TextChoices):
        DEPOSIT = "storting", _("Storting")
        COMMITMENT = "verplichting", _("Verplichting")
        RELEASE = "vrijval", _("Vrijval verplichting")
        SPENDING = "besteding", _("Besteding")
        CORRECTION = "correctie", _("Correctie")

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="fund_entries")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    amount_cents = models.BigIntegerField(_("bedrag (eurocent)"))
    booked_on = models.DateField(_("boekdatum"))
    description = models.CharField(_("omschrijving"), max_length=300)
    year = models.PositiveSmallIntegerField(_("jaar van de storting"), null=True, blank=True)
    referral = models.ForeignKey(
        "Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="fund_entries"
    )
    override_reason = models.CharField(_("reden overschrijding"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fondsboeking")
        verbose_name_plural = _("fondsboekingen")
        ordering = ["booked_on", "id"]
        indexes = [models.Index(fields=["partnership", "booked_on"])]


class ReferralStatus(models.TextChoices):
    REGISTERED = "aangemeld", _("Aangemeld")
    STARTED = "gestart", _("Gestart")
    COMPLETED = "afgerond", _("Afgerond")
    DROPPED_OUT = "uitgevallen", _("Uitgevallen")


class Referral(models.Model):
    """A referral of a citizen from a plan action to an intervention (only with valid consent)."""

    class Basis(models.TextChoices):
        VOLUNTARY = "vrijwillig", _("Vrijwillige deelname")
        OBLIGATION = "verplichting", _("Onderdeel van de re-integratieverplichting (Participatiewet art. 9)")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REGISTERED
    )
    basis = models.CharField(_("grondslag deelname"), max_length=20, choices=Basis.choices)
    basis_note = models.TextField(
        _("toelichting vrijwilligheid en verplichting"),
        help_text=_("Hoe verhoudt vrijwillige deelname zich hier tot de re-integratieverplichting?"),
    )
    referred_on = models.DateField(_("aangemeld op"))
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    health_before = models.PositiveSmallIntegerField(
        _("ervaren gezondheid bij aanmelding (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    health_after = models.PositiveSmallIntegerField(
        _("ervaren gezondheid bij afronding (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-referred_on", "-id"]
        permissions = [("report_referral", _("Voortgang van eigen verwijzingen terugkoppelen (partner)"))]
        indexes = [models.Index(fields=["intervention", "status"])]

    def __str__(self) -> str:
        return f"{self.intervention} ({self.get_status_display()})"


class DataCategory(models.TextChoices):
    """What may be shared with a partner; only what the consent lists is shown to partner users."""

    NAME = "naam", _("Naam")
    CONTACT = "contact", _("Contactgegevens (adres)")
    BIRTH = "geboortedatum", _("Geboortedatum")
    HEALTH = "gezondheid", _("Gezondheidsbelemmeringen uit de screening")
    LADDER = "participatieladder", _("Trede op de participatieladder")


class Consent(models.Model):
    """Explicit consent for sharing (AVG art. 6 lid 1 sub a and art. 9 lid 2 sub a): which data, with whom,
    for how long. Withdrawal stops sharing from that moment; the record stays."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="consent")
    categories = models.JSONField(_("gegevens die gedeeld mogen worden"))
    share_with_deliverer = models.BooleanField(_("delen met de uitvoerder"), default=True)
    share_with_insurer = models.BooleanField(_("delen met de zorgverzekeraar"), default=False)
    given_on = models.DateField(_("toestemming gegeven op"))
    valid_until = models.DateField(_("geldig tot en met"))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("given_on")), name="consent_valid_after_given"
            )
        ]

    def category_labels(self) -> list[str]:
        return [str(DataCategory(c).label) for c in self.categories if c in DataCategory.values]

    def is_valid_on(self, day: date) -> bool:
        withdrawn = self.withdrawn_on is not None and self.withdrawn_on <= day
        return self.given_on <= day <= self.valid_until and not withdrawn


class ReferralEvent(models.Model):
    """Append-only history of a referral: status changes, feedback, consent changes."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Statuswijziging")
        FEEDBACK = "terugkoppeling", _("Terugkoppeling uitvoerder")
        CONSENT = "toestemming", _("Toestemming")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=20, blank=True, choices=ReferralStatus.choices)
    text = models.TextField(_("toelichting"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("gebeurtenis verwijzing")
        verbose_name_plural = _("gebeurtenissen verwijzing")
        ordering = ["at", "id"]


class PartnerUser(models.Model):
    """An external user working for a health insurer or a delivery partner; sees only their own referrals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_link"
    )
    insurer = models.ForeignKey(
        HealthInsurer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    deliverer = models.ForeignKey(
        DeliveryPartner, on_delete=models.CASCADE, null=True, blank=True, related_name="users"
    )

    class Meta:
        verbose_name = _("partnergebruiker")
        verbose_name_plural = _("partnergebruikers")
        constraints = [
            models.CheckConstraint(
                condition=Q(insurer__isnull=True, deliverer__isnull=False)
                | Q(insurer__isnull=False, deliverer__isnull=True),
                name="partner_user_one_organisation",
            )
        ]


class ScreeningArea(models.Model):
    """A configurable area of the health-barrier screening (e.g. "pijn of beperkingen bij bewegen")."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("screeningsonderdeel")
        verbose_name_plural = _("screeningsonderdelen")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class HealthScreening(models.Model):
    """A short screening of health barriers to work, on a case, for one person."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="health_screenings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_screenings")
    screened_on = models.DateField(_("datum screening"))
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("screening gezondheidsbelemmeringen")
        verbose_name_plural = _("screenings gezondheidsbelemmeringen")
        ordering = ["-screened_on", "-id"]


class Barrier(models.TextChoices):
    NONE = "geen", _("Geen belemmering")
    SOME = "enigszins", _("Enigszins belemmerend")
    SEVERE = "ernstig", _("Ernstig belemmerend")


class ScreeningAnswer(models.Model):
    screening = models.ForeignKey(HealthScreening, on_delete=models.CASCADE, related_name="answers")
    area = models.ForeignKey(ScreeningArea, on_delete=models.PROTECT, related_name="+")
    barrier = models.CharField(_("belemmering"), max_length=20, choices=Barrier.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["screening", "area"], name="screening_answer_once")]


class CollaborationCheck(models.Model):
    """One party's periodic self-assessment of the partnership against the leidraad (scores 1–5)."""

    class Party(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        INSURER = "zorgverzekeraar", _("Zorgverzekeraar")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="checks")
    party = models.CharField(_("partij"), max_length=20, choices=Party.choices)
    assessed_on = models.DateField(_("datum"))
    scores = models.JSONField(_("scores per onderdeel"))
    agreed_actions = models.TextField(_("afgesproken acties"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("samenwerkingscheck")
        verbose_name_plural = _("samenwerkingschecks")
        ordering = ["assessed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "party", "assessed_on"], name="check_once_per_day")
        ]
