"""Outcome measurement (issue 3): instruments with versions, domains and scales; measurements per person
with a score per *relevant* domain; targets and attainment of plan goals.

* Zelfredzaamheid-Matrix (ZRM 2017, 13 domains, and the older 11-domain version), © GGD Amsterdam: only
  domain names and scale labels are shipped; the criteria per cell are :class:`DomainCriterion` texts a
  municipality enters in the admin.
* Participatieladder (VNG/Divosa): 6 steps with their definitions.
* Goal attainment per plan goal: bereikt / deels bereikt / niet bereikt, optional Goal Attainment Scale −2..+2.

Only domains relevant to the help question are scored (Autoriteit Persoonsgegevens, February 2018, on the
ZRM in Nijmegen and Zaanstad): a score on a domain marked not relevant is refused by the services and by a
database constraint. Instrument versions are never mixed in one aggregate (scores are not comparable 1-to-1).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case, Goal
from schakel.core.models import Gemeente
from schakel.core.vocab import LifeDomain
from schakel.people.models import Household, Person

from .query import MeasurementQuerySet


class Instrument(models.Model):
    """One version of a measuring instrument (a new version is a new row: scores are not comparable)."""

    class Kind(models.TextChoices):
        MATRIX = "matrix", _("Zelfredzaamheidsmatrix")
        LADDER = "ladder", _("Ladder")
        GOAL_ATTAINMENT = "doelrealisatie", _("Doelrealisatie")

    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("versie"), max_length=20)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("toelichting"), blank=True)
    source = models.CharField(_("bron en rechthebbende"), max_length=300, blank=True)
    active = models.BooleanField(
        _("in gebruik"), default=True, help_text=_("Alleen actieve instrumenten kunnen worden gekozen.")
    )

    class Meta:
        verbose_name = _("meetinstrument")
        verbose_name_plural = _("meetinstrumenten")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="instrument_code_version")]
        permissions = [("view_outcome_aggregates", "Uitkomsten geaggregeerd inzien (zonder personen)")]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class InstrumentDomain(models.Model):
    """A domain (life domain, or the single dimension of a ladder) of one instrument version."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    life_domain = models.CharField(
        _("leefgebied"),
        max_length=40,
        choices=LifeDomain.choices,
        blank=True,
        help_text=_("Het leefgebied van het plan (doelen) waar dit domein bij hoort."),
    )

    class Meta:
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")
        ordering = ["instrument", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="domain_per_instrument")]

    def __str__(self) -> str:
        return f"{self.name} ({self.instrument.code} {self.instrument.version})"


class ScaleLevel(models.Model):
    """A point of an instrument's scale with its label and (where public) its definition."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField(_("waarde"))
    label = models.CharField(_("label"), max_length=100)
    definition = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("schaalniveau")
        verbose_name_plural = _("schaalniveaus")
        ordering = ["instrument", "value"]
        constraints = [models.UniqueConstraint(fields=["instrument", "value"], name="level_per_instrument")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class DomainCriterion(models.Model):
    """The criteria of one cell (domain × score), written by the municipality (ZRM texts are © GGD Amsterdam
    and are not shipped; a municipality with a licence may enter them here)."""

    domain = models.ForeignKey(InstrumentDomain, on_delete=models.CASCADE, related_name="criteria")
    score = models.SmallIntegerField(_("score"))
    text = models.TextField(_("criteria"))

    class Meta:
        verbose_name = _("criterium per cel")
        verbose_name_plural = _("criteria per cel")
        ordering = ["domain", "score"]
        constraints = [models.UniqueConstraint(fields=["domain", "score"], name="criterion_per_cell")]


class OutcomeSettings(models.Model):
    """Per municipality: how often a case's outcome is evaluated (work queue signal, default 6 months)."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="outcome_settings")
    evaluation_interval_months = models.PositiveSmallIntegerField(
        _("evaluatie-interval (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Na zoveel maanden zonder meting verschijnt de casus als 'evaluatie nodig'."),
    )

    class Meta:
        verbose_name = _("instelling uitkomstmeting")
        verbose_name_plural = _("instellingen uitkomstmeting")

    def __str__(self) -> str:
        return str(self.gemeente)


class Moment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    INTERIM = "tussenmeting", _("Tussenmeting")
    EVALUATION = "evaluatie", _("Evaluatie")
    CLOSING = "afsluiting", _("Afsluiting")


class Measurement(models.Model):
    """One measurement of one person with one instrument version at one moment of a case."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measurements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measurements")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="measurements")
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    measured_on = models.DateField(_("datum meting"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("afgenomen door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "instrument", "moment", "measured_on"],
                name="one_measurement_per_moment_day",
            )
        ]
        indexes = [
            models.Index(fields=["person", "instrument", "measured_on"], name="measurement_person_time"),
            models.Index(fields=["case", "measured_on"], name="measurement_case_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} {self.measured_on:%d-%m-%Y}"


class MeasurementScore(models.Model):
    """A domain of a measurement: relevant to the help question or not, and its score if relevant.

    Optional ZRM-Krachtenwijzer split of where the strength comes from (percentages adding up to 100).
    """

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.PROTECT, related_name="+")
    relevant = models.BooleanField(_("relevant voor de hulpvraag"))
    score = models.SmallIntegerField(_("score"), null=True, blank=True)
    own_strength = models.PositiveSmallIntegerField(_("eigen kracht (%)"), null=True, blank=True)
    network = models.PositiveSmallIntegerField(_("netwerk (%)"), null=True, blank=True)
    professional = models.PositiveSmallIntegerField(_("professionele hulp (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["measurement", "domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=Q(relevant=True) | Q(score__isnull=True, own_strength__isnull=True),
                name="score_only_when_relevant",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=-2, score__lte=10), name="score_in_any_scale"
            ),
        ]


class GoalOutcome(models.Model):
    """Target and attainment of one plan goal (``cases.Goal`` keeps its own status and target date).

    The target is a "virtual score" on the goal's domain for a future measurement (ZRM use
    "behandeldoelen"); attainment is bereikt / deels / niet bereikt with an optional GAS score −2..+2.
    """

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="outcome")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    target_domain = models.ForeignKey(
        InstrumentDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_score = models.SmallIntegerField(_("streefscore"), null=True, blank=True)
    result = models.CharField(
        _("doelrealisatie"),
        max_length=20,
        blank=True,
        choices=[(c, label) for c, label in Goal.Status.choices if c != Goal.Status.OPEN],
    )
    gas_score = models.SmallIntegerField(
        _("GAS-score"), null=True, blank=True, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    assessed_on = models.DateField(_("beoordeeld op"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("doelrealisatie")
        verbose_name_plural = _("doelrealisaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(gas_score__isnull=True) | Q(gas_score__gte=-2, gas_score__lte=2), name="gas_range"
            ),
        ]
