"""Shared kernel: tenancy (Gemeente, Regio), users and roles, the register of processing activities,
the append-only processing log (verwerkingenlogging) and the security log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ids import uuid7
from .values import validate_gemeentecode


class Gemeente(models.Model):
    """A municipality, identified by its 4-digit CBS gemeentecode. Every personal record belongs to one."""

    code = models.CharField(
        _("CBS-gemeentecode"), max_length=4, unique=True, validators=[validate_gemeentecode]
    )
    name = models.CharField(_("naam"), max_length=100)
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Regio(models.Model):
    """A group of municipalities working together (S9): ISD, jeugdregio, arbeidsmarktregio or other."""

    class Kind(models.TextChoices):
        ISD = "isd", _("Intergemeentelijke sociale dienst (ISD)")
        JEUGDREGIO = "jeugdregio", _("Jeugdregio")
        ARBEIDSMARKTREGIO = "arbeidsmarktregio", _("Arbeidsmarktregio")
        OTHER = "overig", _("Overig samenwerkingsverband")

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    gemeenten = models.ManyToManyField(Gemeente, related_name="regios", verbose_name=_("gemeenten"))

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_regio_name_kind")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Team(models.Model):
    """A team within a municipality, e.g. a wijkteam or the toegangsteam Jeugd."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("naam"), max_length=150)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["gemeente__name", "name"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "name"], name="unique_team_per_gemeente")]

    def __str__(self) -> str:
        return f"{self.name} ({self.gemeente.name})"


class Role(models.Model):
    """A role a user holds in a municipality. Its permissions are assigned in the admin (not in code)."""

    class Code(models.TextChoices):
        REGISSEUR = "regisseur", _("Regisseur / consulent")
        TEAMLEIDER = "teamleider", _("Teamleider")
        CONTRACTMANAGER = "contractmanager", _("Contractmanager")
        CONTROLLER = "controller", _("Controller")
        BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
        SECRETARIS_ADVIESRAAD = "secretaris_adviesraad", _("Secretaris adviesraad")
        PRIVACY_OFFICER = "privacy_officer", _("Privacy officer (FG)")
        FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    permissions = models.ManyToManyField(Permission, blank=True, verbose_name=_("rechten"))
    configured_apps = models.JSONField(
        _("apps met standaardrechten"),
        default=list,
        blank=True,
        help_text=_("Apps waarvan de standaardrechten al eens zijn toegekend (setup_configuration)."),
    )

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff (or a partner user). What they may see follows from their memberships."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user holds a role in a municipality, optionally within a team (need-to-know scope, BIO 8.03.02)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "gemeente", "team", "role"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        team = f" / {self.team.name}" if self.team_id else ""
        return f"{self.user} — {self.role} ({self.gemeente.name}{team})"


class ProcessingActivity(models.Model):
    """An entry of the register of processing activities (AVG art. 30): purpose, legal basis, retention.

    Every processing-log entry points at one (VNG Verwerkingenlogging ``verwerkingsactiviteitId``;
    Logius LDV ``dpl.core.processing_activity_id``).
    """

    class Confidentiality(models.TextChoices):
        NORMAL = "normaal", _("Normaal")
        CONFIDENTIAL = "vertrouwelijk", _("Vertrouwelijk")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"), default=15)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL,
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("register van verwerkingsactiviteiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes: log tables are append-only (BIO 8.15.05)."""

    def update(self, **kwargs):
        raise PermissionError("Dit logboek is alleen-toevoegen: wijzigen is niet toegestaan.")

    def delete(self):
        raise PermissionError("Dit logboek is alleen-toevoegen: verwijderen is niet toegestaan.")


class AppendOnlyModel(models.Model):
    """Base for log records: a saved row can never be changed or deleted through the ORM.

    The migration also installs database triggers (SQLite and PostgreSQL) that refuse UPDATE and DELETE.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Dit logboek is alleen-toevoegen: wijzigen is niet toegestaan.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Dit logboek is alleen-toevoegen: verwijderen is niet toegestaan.")


class ProcessingLogEntry(AppendOnlyModel):
    """One processing action on a person's data (VNG Verwerkingenlogging ``Verwerkingsactie``).

    The person is stored as a keyed hash of the BSN (``subject_hash``), never the BSN in clear.
    """

    class Action(models.TextChoices):
        READ = "raadplegen", _("Raadplegen")
        SEARCH = "zoeken", _("Zoeken")
        CREATE = "toevoegen", _("Toevoegen")
        UPDATE = "wijzigen", _("Wijzigen")
        DELETE = "verwijderen", _("Verwijderen")
        EXPORT = "exporteren", _("Exporteren")

    class Result(models.TextChoices):
        SUCCESS = "gelukt", _("Gelukt")
        DENIED = "geweigerd", _("Geweigerd")
        NOT_FOUND = "niet_gevonden", _("Niet gevonden")

    action_id = models.UUIDField(_("actie-id"), default=uuid7, unique=True, editable=False)
    trace_id = models.CharField(_("trace-id"), max_length=64, db_index=True)
    timestamp = models.DateTimeField(_("tijdstip"), db_index=True)
    action = models.CharField(_("actie"), max_length=20, choices=Action.choices)
    operation = models.CharField(_("handeling"), max_length=120)
    processing_activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        related_name="log_entries",
        verbose_name=_("verwerkingsactiviteit"),
    )
    confidentiality = models.CharField(_("vertrouwelijkheid"), max_length=20)
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("gebruiker")
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    roles = models.CharField(_("rollen"), max_length=300, blank=True)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, null=True, related_name="+")
    object_type = models.CharField(_("objecttype"), max_length=60)
    object_id = models.CharField(_("object-id"), max_length=64)
    subject_hash = models.CharField(_("betrokkene (sleutel-hash)"), max_length=64, blank=True)
    data_categories = models.JSONField(_("soorten gegevens"), default=list)
    result = models.CharField(_("resultaat"), max_length=20, choices=Result.choices, default=Result.SUCCESS)
    channel = models.CharField(_("kanaal"), max_length=20, default="web")
    origin = models.CharField(_("oorsprong"), max_length=64, blank=True)
    break_glass_reason = models.TextField(_("reden doorbreking"), blank=True)

    class Meta:
        verbose_name = _("verwerkingslogregel")
        verbose_name_plural = _("verwerkingenlog")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["user", "timestamp"]),
            models.Index(fields=["subject_hash", "timestamp"]),
        ]
        default_permissions = ("view",)
        permissions = [("export_processinglogentry", _("Verwerkingenlog exporteren"))]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"


class SecurityLogEntry(AppendOnlyModel):
    """A security event (BIO 8.15.01: action, object, result, origin, actor, timestamp)."""

    class Event(models.TextChoices):
        LOGIN = "login", _("Ingelogd")
        LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
        SECOND_FACTOR_FAILED = "otp_failed", _("Tweede factor mislukt")
        LOCKOUT = "lockout", _("Account geblokkeerd")
        LOGOUT = "logout", _("Uitgelogd")
        ROLE_CHANGE = "role_change", _("Rol of recht gewijzigd")
        EXPORT = "export", _("Export")
        IBAN_CHANGE = "iban_change", _("Rekeningnummer aanbieder gewijzigd")
        BREAK_GLASS = "break_glass", _("Doorbreking (break the glass)")
        ACCESS_DENIED = "access_denied", _("Toegang geweigerd")

    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=Event.choices, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    object_description = models.CharField(_("object"), max_length=300, blank=True)
    result = models.CharField(_("resultaat"), max_length=40, blank=True)
    origin = models.CharField(_("oorsprong"), max_length=64, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("beveiligingslogregel")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-timestamp", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_event_display()} {self.username}"


class DeadlineRule(models.Model):
    """A configurable legal term (overrides the defaults in :mod:`schakel.cases.deadlines`)."""

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "dagen", _("kalenderdagen")
        WEEKS = "weken", _("weken")
        WORKING_DAYS = "werkdagen", _("werkdagen")

    kind = models.CharField(_("termijn"), max_length=40)
    law = models.CharField(_("wet"), max_length=20)
    amount = models.PositiveSmallIntegerField(_("aantal"))
    unit = models.CharField(_("eenheid"), max_length=12, choices=Unit.choices)
    legal_source = models.CharField(_("wettelijke bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wettelijke termijn")
        verbose_name_plural = _("wettelijke termijnen")
        constraints = [models.UniqueConstraint(fields=["kind", "law"], name="unique_deadline_rule")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.law}): {self.amount} {self.get_unit_display()}"
