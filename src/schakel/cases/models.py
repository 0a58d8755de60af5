"""Integral case management (casusregie): melding → onderzoek → aanvraag → plan → beschikking → evaluatie.

One open case per household with exactly one regisseur and a team ("één gezin, één plan, één regisseur").
Status changes go only through :mod:`schakel.cases.workflow`; history is appended to :class:`CaseEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from schakel.core.models import Gemeente, Team
from schakel.core.vocab import Law, LifeDomain
from schakel.people.models import Household, NetworkContact, Person

from .query import CaseQuerySet


class CaseStatus(models.TextChoices):
    MELDING = "melding", _("Melding ontvangen")
    ONDERZOEK = "onderzoek", _("In onderzoek")
    AANVRAAG = "aanvraag", _("Aanvraag ontvangen")
    BESCHIKT = "beschikt", _("Beschikt")
    UITVOERING = "uitvoering", _("Plan in uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Case(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("Alleen bij een casus voor één persoon binnen het huishouden."),
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases_as_regisseur"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.MELDING
    )
    laws = models.JSONField(
        _("wetten"), default=list, help_text=_("Wetten waarop de hulpvraag betrekking heeft.")
    )
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    next_deadline = models.DateField(_("eerstvolgende termijn"), null=True, blank=True, db_index=True)
    next_deadline_kind = models.CharField(_("soort termijn"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=~Q(status="afgesloten"), name="one_open_case_per_household"
            )
        ]
        indexes = [
            models.Index(fields=["regisseur", "status"], name="case_regisseur_status"),
            models.Index(fields=["team", "status"], name="case_team_status"),
        ]

    def __str__(self) -> str:
        return f"Casus {self.pk} — {self.household}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.AFGESLOTEN


class Melding(models.Model):
    """A melding (Wmo 2015 art. 2.3.2 lid 1): the citizen's question reaches the municipality."""

    class Channel(models.TextChoices):
        PHONE = "telefoon", _("Telefoon")
        DESK = "loket", _("Loket / wijkteam")
        EMAIL = "email", _("E-mail")
        ONLINE = "digitaal", _("Digitaal formulier")
        REFERRER = "verwijzer", _("Via een verwijzer (huisarts, school, politie)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meldingen")
    received_on = models.DateField(_("datum melding"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    laws = models.JSONField(_("hulpvraag op"), default=list)
    question = models.TextField(_("hulpvraag"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["received_on", "id"]


class Onderzoek(models.Model):
    """The conversation (Wmo 2015 art. 2.3.2 lid 4): findings per life domain, own strength, network."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="onderzoek")
    started_on = models.DateField(_("gestart op"))
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    findings = models.JSONField(_("bevindingen per leefgebied"), default=dict)
    own_strength = models.TextField(_("eigen kracht en netwerk"), blank=True)
    summary = models.TextField(_("samenvatting (verslag)"), blank=True)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")


class Aanvraag(models.Model):
    """The aanvraag (Wmo 2015 art. 2.3.2 lid 9): from here the decision term runs."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="aanvragen")
    received_on = models.DateField(_("datum aanvraag"))
    law = models.CharField(_("wet"), max_length=20, choices=Law.choices)
    description = models.TextField(_("omschrijving"))
    signed_report = models.BooleanField(_("verslag ondertekend"), default=False)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["received_on", "id"]


class Plan(models.Model):
    """One plan per case: goals per life domain, actions, and the citizen's agreement."""

    class AgreementMethod(models.TextChoices):
        SIGNED = "handtekening", _("Ondertekend")
        DIGITAL = "digitaal", _("Digitaal akkoord")
        VERBAL = "mondeling", _("Mondeling, vastgelegd door de regisseur")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    agreed_on = models.DateField(_("akkoord op"), null=True, blank=True)
    agreement_method = models.CharField(
        _("wijze van akkoord"), max_length=20, choices=AgreementMethod.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACHIEVED = "bereikt", _("Bereikt")
        PARTLY = "deels", _("Deels bereikt")
        NOT_ACHIEVED = "niet_bereikt", _("Niet bereikt")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="goals")
    life_domain = models.CharField(_("leefgebied"), max_length=40, choices=LifeDomain.choices)
    description = models.TextField(pgettext_lazy("plan goal", "doel"))
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("plan goal", "doel")
        verbose_name_plural = _("doelen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_life_domain_display()}: {self.description[:60]}"


class Action(models.Model):
    """A step towards a goal, and who carries it (S2: the citizen first, professionals where needed)."""

    class Carrier(models.TextChoices):
        CITIZEN = "inwoner", _("Inwoner zelf")
        NETWORK = "netwerk", _("Informeel netwerk")
        VOLUNTEER = "vrijwilliger", _("Vrijwilliger")
        GENERAL_PROVISION = "algemene_voorziening", _("Algemene voorziening")
        PROFESSIONAL = "maatwerk", _("Professional (maatwerk)")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"))
    carrier = models.CharField(_("uitgevoerd door"), max_length=30, choices=Carrier.choices)
    network_contact = models.ForeignKey(
        NetworkContact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    carrier_name = models.CharField(_("naam uitvoerder"), max_length=200, blank=True)
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    done = models.BooleanField(_("gedaan"), default=False)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["id"]


class Decision(models.Model):
    """A beschikking (Awb art. 1:3): the decision on an aanvraag, with granted products and periods."""

    class Outcome(models.TextChoices):
        GRANTED = "toegekend", _("Toegekend")
        PARTLY = "deels", _("Deels toegekend")
        REFUSED = "afgewezen", _("Afgewezen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="decisions")
    law = models.CharField(_("wet"), max_length=20, choices=Law.choices)
    decided_on = models.DateField(_("datum besluit"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    motivation = models.TextField(_("motivering"))
    bezwaar_deadline = models.DateField(_("bezwaar mogelijk tot"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-decided_on", "-id"]


class DecisionProduct(models.Model):
    """A granted product of a decision. The seam for allocation (toewijzing) to a provider."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="products")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="granted_products")
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    description = models.CharField(_("omschrijving"), max_length=200)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    volume = models.PositiveIntegerField(_("omvang"), null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=2, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=1, blank=True)

    class Meta:
        verbose_name = _("toegekend product")
        verbose_name_plural = _("toegekende producten")
        ordering = ["start_date", "id"]


class Evaluation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("datum evaluatie"))
    summary = models.TextField(_("bevindingen"))
    continue_support = models.BooleanField(_("ondersteuning loopt door"), default=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["evaluated_on", "id"]


class CaseEvent(models.Model):
    """Append-only timeline of a household's cases. One indexed query per household view."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Statuswijziging")
        MELDING = "melding", _("Melding")
        ONDERZOEK = "onderzoek", _("Onderzoek")
        AANVRAAG = "aanvraag", _("Aanvraag")
        PLAN = "plan", _("Plan")
        DECISION = "beschikking", _("Beschikking")
        EVALUATION = "evaluatie", _("Evaluatie")
        REGISSEUR = "regisseur", _("Regisseur gewijzigd")
        NOTE = "notitie", _("Notitie")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="events")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    occurred_at = models.DateTimeField(_("tijdstip"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    summary = models.CharField(_("omschrijving"), max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["household", "-occurred_at"], name="event_household_time")]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("De tijdlijn is alleen-toevoegen.")
        super().save(*args, **kwargs)
