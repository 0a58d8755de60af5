"""Forms of the partners screens. They check shape only; the rules live in :mod:`schakel.partners.services`."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.web.form_styles import AccessibleFormMixin, date_field

from . import leidraad, workflow
from .models import (
    Barrier,
    CollaborationCheck,
    DataCategory,
    FundEntry,
    Intervention,
    Referral,
    ReferralStatus,
)


class ReferralForm(AccessibleFormMixin, forms.Form):
    intervention = forms.ModelChoiceField(label=_("Interventie"), queryset=Intervention.objects.none())
    basis = forms.ChoiceField(
        label=_("Grondslag deelname"), choices=Referral.Basis.choices, widget=forms.RadioSelect
    )
    basis_note = forms.CharField(
        label=_("Toelichting vrijwilligheid en verplichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: deelname is vrijwillig en heeft geen gevolgen voor de uitkering."),
    )
    health_before = forms.TypedChoiceField(
        label=_("Ervaren gezondheid nu (1 = slecht, 5 = uitstekend)"),
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    categories = forms.MultipleChoiceField(
        label=_("Toestemming: welke gegevens mogen gedeeld worden?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deel alleen wat de uitvoerder nodig heeft (dataminimalisatie)."),
    )
    share_with_deliverer = forms.BooleanField(
        label=_("Delen met de uitvoerder van de interventie"), required=False
    )
    share_with_insurer = forms.BooleanField(label=_("Delen met de zorgverzekeraar"), required=False)
    given_on = date_field(_("Toestemming gegeven op"))
    valid_until = date_field(_("Toestemming geldig tot en met"))

    def __init__(self, *args, gemeente_id: int, **kwargs):
        initial = kwargs.setdefault("initial", {})
        today = timezone.localdate()
        initial.setdefault("given_on", today)
        initial.setdefault("valid_until", today + timedelta(days=365))
        initial.setdefault("share_with_deliverer", True)
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.filter(
            partnership__gemeente_id=gemeente_id, active=True
        ).select_related("deliverer")


class StatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"))
    on = date_field(_("Datum"))
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij uitval: de reden."),
    )
    health_after = forms.TypedChoiceField(
        label=_("Ervaren gezondheid bij afronding (1–5)"),
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, ReferralStatus(s).label) for s in sorted(workflow.allowed_targets(referral.status))
        ]


class FeedbackForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Terugkoppeling"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class FundEntryForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort boeking"), choices=FundEntry.Kind.choices)
    amount = forms.DecimalField(label=_("Bedrag (€)"), max_digits=12, decimal_places=2)
    description = forms.CharField(label=_("Omschrijving"), max_length=300)
    override_reason = forms.CharField(
        label=_("Reden om onder nul te gaan"),
        required=False,
        max_length=300,
        help_text=_("Alleen invullen als het fonds bewust onder nul mag gaan; dit wordt vastgelegd."),
    )

    def clean_amount(self):
        return int(self.cleaned_data["amount"] * 100)


class ParticipantsForm(AccessibleFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    participants = forms.IntegerField(label=_("Aantal deelnemers"), min_value=0)


class ScreeningForm(AccessibleFormMixin, forms.Form):
    person = forms.ChoiceField(label=_("Persoon"))
    on = date_field(_("Datum screening"))

    def __init__(self, *args, persons, areas, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name) for p in persons]
        for area in areas:
            self.fields[f"area_{area.code}"] = forms.ChoiceField(
                label=area.name, choices=Barrier.choices, widget=forms.RadioSelect
            )
        for name, field in self.fields.items():
            if name.startswith("area_"):
                field.widget.attrs["class"] = "utrecht-radio-button utrecht-radio-button--html-input"

    def answers(self) -> dict[str, str]:
        return {name[5:]: value for name, value in self.cleaned_data.items() if name.startswith("area_")}


class CollaborationCheckForm(AccessibleFormMixin, forms.Form):
    party = forms.ChoiceField(label=_("Ingevuld door"), choices=CollaborationCheck.Party.choices)
    on = date_field(_("Datum"))
    agreed_actions = forms.CharField(
        label=_("Afgesproken acties"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, insurer: bool = False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if insurer:  # the insurer's user fills in the insurer's check only
            self.fields["party"].choices = [
                (CollaborationCheck.Party.INSURER, CollaborationCheck.Party.INSURER.label)
            ]
        for part in leidraad.PARTS:
            for item in part.items:
                self.fields[f"item_{item.code}"] = forms.TypedChoiceField(
                    label=item.text,
                    choices=[(i, str(i)) for i in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect(
                        attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
                    ),
                )

    def parts(self):
        """The score fields grouped per part of the leidraad, for the template."""
        return [(part, [self[f"item_{item.code}"] for item in part.items]) for part in leidraad.PARTS]

    def scores(self) -> dict[str, int]:
        return {name[5:]: value for name, value in self.cleaned_data.items() if name.startswith("item_")}
