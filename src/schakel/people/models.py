"""Persons (as in the BRP), households and their informal network."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente
from schakel.core.values import format_postcode, validate_bsn, validate_postcode

from .query import HouseholdQuerySet, PersonQuerySet


class Person(models.Model):
    """A natural person, with names following BRP conventions (Haal Centraal BRP API Personen 2.x)."""

    class Gender(models.TextChoices):
        MALE = "M", _("man")
        FEMALE = "V", _("vrouw")
        UNKNOWN = "O", _("onbekend")

    class NameUse(models.TextChoices):
        """BRP aanduiding naamgebruik (GBA element 61.10)."""

        OWN = "E", _("eigen geslachtsnaam")
        PARTNER = "P", _("geslachtsnaam partner")
        PARTNER_OWN = "V", _("partner voor eigen geslachtsnaam")
        OWN_PARTNER = "N", _("eigen geslachtsnaam voor partner")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="persons")
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    partner_voorvoegsel = models.CharField(_("voorvoegsel partner"), max_length=20, blank=True)
    partner_geslachtsnaam = models.CharField(_("geslachtsnaam partner"), max_length=200, blank=True)
    naamgebruik = models.CharField(
        _("naamgebruik"), max_length=1, choices=NameUse.choices, default=NameUse.OWN
    )
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("geboortemaand"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("geboortedag"), null=True, blank=True)
    birth_date = models.DateField(
        _("geboortedatum"), null=True, blank=True, help_text=_("Alleen als de datum volledig bekend is.")
    )
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, default=Gender.UNKNOWN)
    straat = models.CharField(_("straat"), max_length=120, blank=True)
    huisnummer = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    toevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True, validators=[validate_postcode])
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)
    wijk_code = models.CharField(_("wijkcode"), max_length=8, blank=True, db_index=True)
    buurt_code = models.CharField(_("buurtcode"), max_length=10, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetisch"), default=False, help_text=_("Gegenereerde testpersoon.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["geslachtsnaam", "voornamen"]
        indexes = [
            models.Index(fields=["geslachtsnaam", "birth_date"], name="person_name_birth"),
            models.Index(fields=["postcode", "huisnummer"], name="person_address"),
        ]

    def __str__(self) -> str:
        return self.aanschrijfnaam

    def clean(self):
        if self.birth_day and not self.birth_month:
            raise ValidationError({"birth_day": _("Een geboortedag zonder maand kan niet.")})
        if self.birth_month and not self.birth_year:
            raise ValidationError({"birth_month": _("Een geboortemaand zonder jaar kan niet.")})
        if self.birth_year and self.birth_month and self.birth_day:
            try:
                complete = date(self.birth_year, self.birth_month, self.birth_day)
            except ValueError:
                raise ValidationError({"birth_day": _("Deze geboortedatum bestaat niet.")})
            if complete > date.today():
                raise ValidationError({"birth_day": _("De geboortedatum ligt in de toekomst.")})
            self.birth_date = complete
        else:
            self.birth_date = None

    @property
    def voorletters(self) -> str:
        return "".join(f"{part[0]}." for part in self.voornamen.split() if part)

    @property
    def achternaam(self) -> str:
        """The surname as used, following aanduiding naamgebruik (BRP adressering)."""
        own = " ".join(p for p in (self.voorvoegsel, self.geslachtsnaam) if p)
        partner = " ".join(p for p in (self.partner_voorvoegsel, self.partner_geslachtsnaam) if p)
        if not partner or self.naamgebruik == self.NameUse.OWN:
            return own
        if self.naamgebruik == self.NameUse.PARTNER:
            return partner
        if self.naamgebruik == self.NameUse.PARTNER_OWN:
            return f"{partner}-{own}"
        return f"{own}-{partner}"

    @property
    def aanschrijfnaam(self) -> str:
        """Name for addressing: voorletters plus surname as used (``J.P. de Vries``)."""
        return " ".join(p for p in (self.voorletters, self.achternaam) if p)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.voornamen, self.achternaam) if p)

    @property
    def birth_display(self) -> str:
        """A partial birth date as the BRP shows it: ``00-00-1970`` when day and month are unknown."""
        if not self.birth_year:
            return _("onbekend")
        return f"{self.birth_day or 0:02d}-{self.birth_month or 0:02d}-{self.birth_year}"

    def age_on(self, day: date) -> int | None:
        if not self.birth_year:
            return None
        month, dom = self.birth_month or 7, self.birth_day or 1
        return day.year - self.birth_year - ((day.month, day.day) < (month, dom))

    @property
    def address_display(self) -> str:
        number = (
            f"{self.huisnummer or ''}{self.huisletter}{('-' + self.toevoeging) if self.toevoeging else ''}"
        )
        return f"{self.straat} {number}, {format_postcode(self.postcode)} {self.woonplaats}".strip(", ")


class Household(models.Model):
    """A household: the unit of the integral plan ("één gezin, één plan, één regisseur")."""

    class Kind(models.TextChoices):
        SINGLE = "alleenstaand", _("Alleenstaande")
        COUPLE = "paar", _("Paar zonder kinderen")
        FAMILY = "gezin", _("Paar met kinderen")
        SINGLE_PARENT = "eenouder", _("Eenoudergezin")
        OTHER = "overig", _("Overig")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("naam"), max_length=200, help_text=_("Bijvoorbeeld 'Huishouden De Vries'."))
    kind = models.CharField(_("samenstelling"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    wijk_code = models.CharField(_("wijkcode"), max_length=8, blank=True, db_index=True)
    members = models.ManyToManyField(Person, through="HouseholdMember", related_name="households")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["name"]
        permissions = [("view_all_households", _("Alle huishoudens van de gemeente inzien"))]

    def __str__(self) -> str:
        return self.name


class HouseholdMember(models.Model):
    class Relation(models.TextChoices):
        PARENT = "ouder", _("ouder")
        CHILD = "kind", _("kind")
        PARTNER = "partner", _("partner")
        OTHER = "overig", _("overig")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="household_memberships")
    relation = models.CharField(_("relatie"), max_length=10, choices=Relation.choices)
    is_contact = models.BooleanField(_("aanspreekpunt"), default=False)

    class Meta:
        verbose_name = _("lid van het huishouden")
        verbose_name_plural = _("leden van het huishouden")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="unique_household_member")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"


class NetworkContact(models.Model):
    """Someone from the informal network of a person (no BSN is recorded for them)."""

    class Kind(models.TextChoices):
        CARER = "mantelzorger", _("mantelzorger")
        NEIGHBOUR = "buur", _("buur")
        FRIEND = "vriend", _("vriend")
        VOLUNTEER = "vrijwilliger", _("vrijwilliger")
        FAMILY = "familie", _("familie")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("contact uit het netwerk")
        verbose_name_plural = _("informeel netwerk")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class BreakGlassGrant(models.Model):
    """Temporary access to one household outside the user's normal scope, with a mandatory reason.

    Logged in the security log and shown to the privacy officer (DESIGN.md §4).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField(_("verleend op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)

    class Meta:
        verbose_name = _("doorbreking (break the glass)")
        verbose_name_plural = _("doorbrekingen (break the glass)")
        ordering = ["-granted_at"]
        permissions = [("break_glass", _("Toegang doorbreken met opgave van reden"))]

    def __str__(self) -> str:
        return f"{self.user} → {self.household} ({self.granted_at:%Y-%m-%d})"
