"""Forms of the outcome screens (the one accessible form implementation, ``web.form_styles``)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Goal
from schakel.web.form_styles import AccessibleFormMixin, date_field

from .models import Instrument, Moment


class MeasurementHeaderForm(AccessibleFormMixin, forms.Form):
    """Who is measured, with which instrument version, at which moment and date."""

    person = forms.TypedChoiceField(label=_("Persoon"), coerce=int)
    instrument = forms.TypedChoiceField(
        label=_("Meetinstrument"), coerce=int, help_text=_("Versies worden nooit met elkaar vergeleken.")
    )
    moment = forms.ChoiceField(label=_("Moment"), choices=Moment.choices)
    measured_on = date_field(_("Datum meting"))

    def __init__(self, *args, persons, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name) for p in persons]
        self.fields["instrument"].choices = [(i.pk, str(i)) for i in instruments]
        self.fields["measured_on"].initial = timezone.localdate()


class GoalOutcomeForm(AccessibleFormMixin, forms.Form):
    """Target score and attainment of one plan goal."""

    target_score = forms.TypedChoiceField(
        label=_("Streefscore"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("De score op het leefgebied van dit doel die de inwoner wil bereiken (ZRM 2017)."),
    )
    target_date = date_field(_("Streefdatum"), required=False)
    result = forms.ChoiceField(
        label=_("Doelrealisatie"),
        required=False,
        choices=[("", _("Nog niet beoordeeld"))]
        + [c for c in Goal.Status.choices if c[0] != Goal.Status.OPEN],
    )
    gas_score = forms.TypedChoiceField(
        label=_("GAS-score (optioneel)"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Goal Attainment Scaling: 0 is het verwachte resultaat."),
    )
    assessed_on = date_field(_("Beoordeeld op"), required=False)

    def __init__(self, *args, levels, gas_levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_score"].choices = [("", _("Geen streefscore"))] + [
            (level.value, f"{level.value} – {level.label}") for level in levels
        ]
        self.fields["gas_score"].choices = [("", _("Geen"))] + [
            (level.value, f"{level.value:+d} – {level.label}") for level in gas_levels
        ]


def measured_instruments():
    return list(
        Instrument.objects.filter(
            active=True, kind__in=[Instrument.Kind.MATRIX, Instrument.Kind.LADDER]
        ).order_by("code", "-version")
    )
