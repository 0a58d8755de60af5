"""Budgets per municipality (or region) per year, earmarks, amendments (begrotingswijzigingen) and alerts.

* One social-domain budget (``sociaal_domein``, the "ontschotte" budget) per owner per year, with optional
  earmarks; the Participatiewet inkomensdeel (BUIG, Participatiewet art. 69) is a separate budget
  (``inkomensdeel``) because it may not be mixed with the social-domain budget.
* The current amount is the initial amount plus the sum of the amendments; amendments are appended,
  never edited or deleted (Gemeentewet art. 189 and 192: a begrotingswijziging is a new council decision).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Gemeente, Regio

from ..query import OwnedQuerySet


class BudgetKind(models.TextChoices):
    SOCIAAL_DOMEIN = "sociaal_domein", _("Sociaal domein (integraal budget)")
    INKOMENSDEEL = "inkomensdeel", _("Participatiewet inkomensdeel")


class EarmarkKind(models.TextChoices):
    """Earmarks (oormerken) inside the social-domain budget."""

    WMO = "wmo", _("Wmo")
    JEUGD = "jeugd", _("Jeugd")
    PARTICIPATIE = "participatie", _("Participatie en re-integratie")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    PREVENTIE = "preventie", _("Preventie")
    PARTNER = "partner", _("Interventies met partners")


def owner_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Owned by exactly one municipality or one region."""
    return [
        models.CheckConstraint(
            condition=Q(gemeente__isnull=False, regio__isnull=True)
            | Q(gemeente__isnull=True, regio__isnull=False),
            name=f"{prefix}_gemeente_xor_regio",
        )
    ]


class Budget(models.Model):
    """A budget of one owner (municipality or region, where contracted regionally) for one year."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField(_("begrotingsjaar"))
    kind = models.CharField(_("soort"), max_length=20, choices=BudgetKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    initial_cents = models.BigIntegerField(_("primitieve begroting (eurocent)"))
    alert_margin_bp = models.IntegerField(
        _("signaleringsmarge (basispunten)"),
        default=0,
        help_text=_(
            "Signaal als de prognose het budget met meer dan deze marge overschrijdt; negatief = eerder."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["-year", "kind", "id"]
        constraints = [
            *owner_constraints("budget"),
            models.CheckConstraint(condition=Q(initial_cents__gte=0), name="budget_initial_not_negative"),
            models.CheckConstraint(
                condition=Q(alert_margin_bp__gte=-10000, alert_margin_bp__lte=10000),
                name="budget_margin_range",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "year", "kind"],
                condition=Q(gemeente__isnull=False),
                name="budget_gemeente_unique",
            ),
            models.UniqueConstraint(
                fields=["regio", "year", "kind"], condition=Q(regio__isnull=False), name="budget_regio_unique"
            ),
        ]
        permissions = [("view_finance_detail", "Toewijzingen en declaratieregels achter een budget inzien")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def owner_name(self) -> str:
        return self.gemeente.name if self.gemeente_id else self.regio.name


class Earmark(models.Model):
    """An earmark (oormerk) inside a social-domain budget."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="earmarks")
    kind = models.CharField(_("oormerk"), max_length=20, choices=EarmarkKind.choices)
    initial_cents = models.BigIntegerField(_("primitief bedrag (eurocent)"))

    class Meta:
        verbose_name = _("oormerk")
        verbose_name_plural = _("oormerken")
        ordering = ["budget_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "kind"], name="earmark_unique"),
            models.CheckConstraint(condition=Q(initial_cents__gte=0), name="earmark_initial_not_negative"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Begrotingswijzigingen worden alleen toegevoegd, nooit gewijzigd.")

    def delete(self):
        raise PermissionError("Begrotingswijzigingen worden alleen toegevoegd, nooit verwijderd.")


class BudgetAmendment(models.Model):
    """A begrotingswijziging: a signed change of a budget (or of one of its earmarks) with its reason.

    Append-only: the model and its queryset refuse updates and deletes, so the history can be replayed.
    """

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="amendments")
    earmark = models.ForeignKey(
        Earmark, on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    delta_cents = models.BigIntegerField(_("wijziging (eurocent, met teken)"))
    reason = models.TextField(_("reden"))
    reference = models.CharField(_("kenmerk raadsbesluit"), max_length=60, blank=True)
    decided_on = models.DateField(_("besloten op"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("begrotingswijziging")
        verbose_name_plural = _("begrotingswijzigingen")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(delta_cents=0), name="amendment_not_zero")]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Begrotingswijzigingen worden alleen toegevoegd, nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Begrotingswijzigingen worden alleen toegevoegd, nooit verwijderd.")


class BudgetAlert(models.Model):
    """A signal that the year-end forecast exceeds a budget or earmark by more than its margin.

    One open alert per budget/earmark; re-evaluation updates the figures of the open alert. The controller
    closes it with a note (work-queue item on ``/financien/signalen/``).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDLED = "afgehandeld", _("Afgehandeld")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="alerts")
    earmark = models.ForeignKey(
        Earmark, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    budget_cents = models.BigIntegerField(_("budget (eurocent)"))
    forecast_cents = models.BigIntegerField(_("prognose (eurocent)"))
    limit_cents = models.BigIntegerField(_("signaalgrens (eurocent)"))
    raised_at = models.DateTimeField(_("gesignaleerd op"))
    updated_at = models.DateTimeField(_("bijgewerkt op"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("budgetsignaal")
        verbose_name_plural = _("budgetsignalen")
        ordering = ["-raised_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "earmark"], condition=Q(status="open"), name="alert_one_open_per_target"
            ),
            models.UniqueConstraint(
                fields=["budget"],
                condition=Q(status="open", earmark__isnull=True),
                name="alert_one_open_per_budget",
            ),
        ]

    @property
    def overrun_cents(self) -> int:
        return self.forecast_cents - self.budget_cents
