"""Models of the participation app: advisory councils, advice requests, advice, the municipality's response,
periodic consultation (Participatiewet art. 47), the information log and signals from the constituency.

Advice and responses are public documents of the municipality (they are published in the register); signals
may contain personal data of the sender and are handled as such (processing log, never public).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente, Regio

from . import query
from .vocab import (
    CouncilKind,
    MemberRole,
    OrganisationModel,
    Outcome,
    PolicyField,
    PolicyStage,
)


def document_storage() -> FileSystemStorage:
    """Uploaded request documents live under ``SCHAKEL_VAR_DIR/adviesraden`` (never served directly)."""
    return FileSystemStorage(location=str(settings.VAR_DIR / "adviesraden"))


class Council(models.Model):
    """An advisory council (adviesraad), a chamber, a joint working group or a coordination point."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="councils")
    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("regio"),
        help_text=_("Alleen bij een regionale raad: de samenwerkende gemeenten."),
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=CouncilKind.choices)
    policy_fields = models.JSONField(_("beleidsvelden"), default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chambers",
        verbose_name=_("onderdeel van"),
    )
    constituent_councils = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="joint_bodies",
        verbose_name=_("deelnemende raden"),
        help_text=_("Bij een werkgroep of coördinatiepunt: de raden die erin samenwerken."),
    )
    budget_cents = models.PositiveIntegerField(_("ondersteuningsbudget per jaar (eurocent)"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    objects = query.CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("adviesraad")
        verbose_name_plural = _("adviesraden")
        ordering = ["gemeente__name", "name"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "name"], name="unique_council_name")]
        permissions = [
            ("view_all_councils", _("Werk van alle adviesraden van de gemeente inzien")),
            ("view_council_drafts", _("Concepten van alle adviesraden inzien (ambtelijk secretaris)")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_regional(self) -> bool:
        return self.regio_id is not None

    @property
    def budget_euro(self) -> str:
        return f"{self.budget_cents // 100:,}".replace(",", ".") + f",{self.budget_cents % 100:02d}"

    def policy_field_labels(self) -> list[str]:
        labels = dict(PolicyField.choices)
        return [str(labels.get(code, code)) for code in self.policy_fields]


class CouncilMember(models.Model):
    """A seat in a council: role, term, experience expert, constituency; linked to the external user account."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("rol"), max_length=30, choices=MemberRole.choices, default=MemberRole.LID)
    term_start = models.DateField(_("zittingstermijn vanaf"))
    term_end = models.DateField(_("zittingstermijn tot en met"), null=True, blank=True)
    experience_expert = models.BooleanField(_("ervaringsdeskundige"), default=False)
    constituency = models.CharField(_("achterban"), max_length=200, blank=True)

    objects = query.MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid van een adviesraad")
        verbose_name_plural = _("leden van adviesraden")
        ordering = ["council", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.council})"


class Setup(models.Model):
    """The organisation model of one municipality (handreiking ch. 4) and its default terms."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="participation_setup")
    model = models.CharField(_("organisatiemodel"), max_length=2, choices=OrganisationModel.choices)
    coordination_point = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coördinatiepunt"),
    )
    advice_weeks = models.PositiveSmallIntegerField(_("standaard adviestermijn (weken)"), default=6)
    response_weeks = models.PositiveSmallIntegerField(_("standaard reactietermijn (weken)"), default=6)

    class Meta:
        verbose_name = _("organisatie adviesraden")
        verbose_name_plural = _("organisatie adviesraden")

    def __str__(self) -> str:
        return f"{self.gemeente.name}: {self.get_model_display()}"


class RequestStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    COORDINATIE = "bij_coordinatiepunt", _("Bij het coördinatiepunt")
    UITGEZET = "uitgezet", _("Uitgezet bij de raad")
    ADVIES = "advies_ontvangen", _("Advies ontvangen")
    BEANTWOORD = "beantwoord", _("Reactie gepubliceerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class AdviceRequest(models.Model):
    """A request for advice from the college to one or more councils."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="advice_requests")
    subject = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("toelichting en gevraagde beslissing"), blank=True)
    policy_field = models.CharField(_("beleidsveld"), max_length=20, choices=PolicyField.choices)
    stage = models.CharField(_("fase in de beleidscyclus"), max_length=20, choices=PolicyStage.choices)
    early_involvement = models.BooleanField(_("vroegtijdig betrokken"), default=False)
    advice_deadline = models.DateField(_("uiterste datum advies"))
    response_weeks = models.PositiveSmallIntegerField(_("voorgestelde reactietermijn (weken)"), default=6)
    links = models.TextField(_("links naar stukken"), blank=True, help_text=_("Eén adres per regel."))
    councils = models.ManyToManyField(
        Council, blank=True, related_name="advice_requests", verbose_name=_("gevraagde raden")
    )
    coordination_point = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_requests",
        verbose_name=_("coördinatiepunt"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.CONCEPT
    )
    sent_on = models.DateField(_("verzonden op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = query.RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("adviesaanvraag")
        verbose_name_plural = _("adviesaanvragen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["gemeente", "status"])]

    def __str__(self) -> str:
        return self.subject

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class RequestDocument(models.Model):
    """A document attached to an advice request (PDF, office file or plain text; size-checked on upload)."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="stukken/%Y/", storage=document_storage)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stuk bij een adviesaanvraag")
        verbose_name_plural = _("stukken bij adviesaanvragen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class AdviceStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    PRE_ADVICE = "pre_advies", _("Pre-advies aan het coördinatiepunt")
    UITGEBRACHT = "uitgebracht", _("Uitgebracht")
    BEANTWOORD = "beantwoord", _("Reactie gepubliceerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Advice(models.Model):
    """Advice of a council: requested (``request`` set) or unrequested; joint when given on behalf of several
    councils (a working group or coordination point); a pre-advice goes to the coordination point first."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="advices")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="advices")
    request = models.ForeignKey(
        AdviceRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="advices"
    )
    joint_councils = models.ManyToManyField(
        Council, blank=True, related_name="joint_advices", verbose_name=_("namens de raden")
    )
    is_pre_advice = models.BooleanField(_("pre-advies"), default=False)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    policy_field = models.CharField(_("beleidsveld"), max_length=20, choices=PolicyField.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.CONCEPT
    )
    submitted_on = models.DateField(_("uitgebracht op"), null=True, blank=True)
    response_due = models.DateField(_("uiterste datum reactie"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = query.AdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["gemeente", "status", "submitted_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def requested(self) -> bool:
        return self.request_id is not None

    @cached_property
    def on_time(self) -> bool | None:
        if not self.request_id or not self.submitted_on:
            return None
        return self.submitted_on <= self.request.advice_deadline


class AdvicePoint(models.Model):
    """One numbered point (recommendation) of an advice; the municipality answers per point."""

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("adviespunt"))
    outcome = models.CharField(_("reactie"), max_length=20, choices=Outcome.choices, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("adviespunt")
        verbose_name_plural = _("adviespunten")
        ordering = ["advice", "number"]
        constraints = [models.UniqueConstraint(fields=["advice", "number"], name="unique_point_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Response(models.Model):
    """The college's response to an advice (the outcome is recorded per point); published in the register."""

    advice = models.OneToOneField(Advice, on_delete=models.CASCADE, related_name="response")
    summary = models.TextField(_("toelichting"), blank=True)
    raadsvoorstel_reference = models.CharField(_("kenmerk raadsvoorstel"), max_length=100, blank=True)
    raadsvoorstel_url = models.URLField(_("link naar het raadsvoorstel"), blank=True)
    published_on = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reactie op een advies")
        verbose_name_plural = _("reacties op adviezen")
        permissions = [("publish_response", _("Reactie op een advies publiceren"))]

    def __str__(self) -> str:
        return f"{_('Reactie')}: {self.advice}"


class Meeting(models.Model):
    """Periodic consultation between the municipality and a council (Participatiewet art. 47 sub a)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="council_meetings")
    date = models.DateField(_("datum"))
    location = models.CharField(_("plaats"), max_length=150, blank=True)
    agenda_deadline = models.DateField(_("uiterste datum agendapunten"), null=True, blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    decisions = models.TextField(_("besluiten en afspraken"), blank=True)
    minutes_recorded_on = models.DateField(_("verslag vastgelegd op"), null=True, blank=True)

    objects = query.CouncilScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("periodiek overleg")
        verbose_name_plural = _("periodieke overleggen")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.council} {self.date:%d-%m-%Y}"


class AgendaItem(models.Model):
    """An agenda item of a meeting; ``by_council`` when the council put it on the agenda (art. 47 sub b)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("onderwerp"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)
    by_council = models.BooleanField(_("aangemeld door de raad"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class InformationItem(models.Model):
    """Information provided to a council for adequate participation (Participatiewet art. 47 sub c)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="information")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    provided_on = models.DateField(_("verstrekt op"))
    title = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    url = models.URLField(_("link"), blank=True)
    request = models.ForeignKey(
        AdviceRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="information"
    )
    provided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = query.CouncilScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verstrekte informatie")
        verbose_name_plural = _("informatielog")
        ordering = ["-provided_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Signal(models.Model):
    """A signal from a council's constituency, named or anonymous, by theme; linkable to advice.

    The sender's name and contact details are personal data: every read and change is in the processing log
    and they never leave the council (not in the register, not in exports)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="signals")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("ontvangen op"))
    theme = models.CharField(_("thema"), max_length=20, choices=PolicyField.choices)
    description = models.TextField(_("signaal"))
    anonymous = models.BooleanField(_("anoniem"), default=True)
    sender_name = models.CharField(_("naam melder"), max_length=150, blank=True)
    sender_contact = models.CharField(_("contactgegevens melder"), max_length=200, blank=True)
    advices = models.ManyToManyField(Advice, blank=True, related_name="signals", verbose_name=_("adviezen"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = query.CouncilScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal uit de achterban")
        verbose_name_plural = _("signalen uit de achterban")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} {self.received_on:%d-%m-%Y}"


class Reminder(models.Model):
    """A reminder sent for an advice or response that is due soon or overdue (one per item, kind and flag)."""

    class Kind(models.TextChoices):
        ADVICE = "advies", _("Advies")
        RESPONSE = "reactie", _("Reactie")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    flag = models.CharField(max_length=20)
    due = models.DateField()
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "flag"], name="unique_reminder_per_flag")
        ]
