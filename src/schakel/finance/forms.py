"""Forms of the finance screens. Rules live in ``services``; forms only parse input (euros → eurocent)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.web.form_styles import (  # noqa: F401 - apply_service_error and euro_initial re-exported
    AccessibleFormMixin,
    EuroField,
    apply_service_error,
    date_field,
    euro_initial,
)

from .models import BudgetKind, EarmarkKind


class BudgetForm(AccessibleFormMixin, forms.Form):
    owner = forms.ChoiceField(label=_("Gemeente of regio"))
    year = forms.IntegerField(label=_("Begrotingsjaar"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Soort budget"), choices=BudgetKind.choices)
    name = forms.CharField(label=_("Naam"), max_length=200)
    initial_cents = EuroField(label=_("Primitieve begroting"))
    alert_margin = forms.DecimalField(
        label=_("Signaleringsmarge (%)"),
        localize=True,
        initial=0,
        min_value=-100,
        max_value=100,
        decimal_places=2,
        help_text=_(
            "Signaal als de prognose het budget met meer dan dit percentage overschrijdt; negatief = eerder."
        ),
    )

    earmark_wmo = EuroField(label=_("Oormerk Wmo"), required=False, help_text=_("Optioneel, in euro's."))
    earmark_jeugd = EuroField(label=_("Oormerk Jeugd"), required=False, help_text=_("Optioneel, in euro's."))
    earmark_participatie = EuroField(
        label=_("Oormerk Participatie en re-integratie"), required=False, help_text=_("Optioneel, in euro's.")
    )
    earmark_schuldhulp = EuroField(
        label=_("Oormerk Schuldhulpverlening"), required=False, help_text=_("Optioneel, in euro's.")
    )
    earmark_preventie = EuroField(
        label=_("Oormerk Preventie"), required=False, help_text=_("Optioneel, in euro's.")
    )
    earmark_partner = EuroField(
        label=_("Oormerk Interventies met partners"), required=False, help_text=_("Optioneel, in euro's.")
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)

    def earmarks(self) -> list[tuple[str, int]]:
        return [
            (kind, self.cleaned_data[f"earmark_{kind}"])
            for kind in EarmarkKind.values
            if self.cleaned_data.get(f"earmark_{kind}") is not None
        ]

    def earmark_fields(self):
        return [self[f"earmark_{kind}"] for kind in EarmarkKind.values]

    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith("earmark_")]


class AmendmentForm(AccessibleFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("Wat wijzigt"))
    delta_cents = EuroField(
        label=_("Wijziging"),
        signed=True,
        help_text=_("In euro's; negatief voor een verlaging, bijvoorbeeld -250.000,00."),
    )
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))
    reference = forms.CharField(label=_("Kenmerk raadsbesluit"), max_length=60, required=False)
    decided_on = date_field(_("Besloten op"))

    def __init__(self, *args, earmarks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Het budget (niet geoormerkt deel)"))] + [
            (str(e.pk), e.get_kind_display()) for e in earmarks
        ]
        self.fields["target"].required = False


class PrepareRunForm(AccessibleFormMixin, forms.Form):
    provider = forms.ChoiceField(label=_("Aanbieder"))
    execution_date = date_field(_("Uitvoeringsdatum"))

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("Kies een aanbieder"))] + list(providers)


class RunActionForm(AccessibleFormMixin, forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AlertHandleForm(AccessibleFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Wat is er met het signaal gedaan?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CostSplitForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    law = forms.ChoiceField(
        label=_("Wet"), required=False, choices=[("", "—"), ("wmo", "Wmo 2015"), ("jeugd", "Jeugdwet")]
    )
    product_category = forms.CharField(label=_("Productcategorie"), max_length=2, required=False)
    product_code = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Leeg = alle codes in de categorie."),
    )
    intervention = forms.CharField(
        label=_("Interventie"), max_length=60, required=False, help_text=_("In plaats van een product.")
    )
    partner = forms.CharField(
        label=_("Partner"), max_length=200, help_text=_("Bijvoorbeeld de zorgverzekeraar.")
    )
    partner_share = forms.DecimalField(
        label=_("Aandeel partner (%)"), localize=True, min_value=0, max_value=100, decimal_places=2
    )
    earmark_kind = forms.ChoiceField(
        label=_("Oormerk gemeentelijk deel"),
        required=False,
        choices=[("", _("Oormerk van de wet"))] + list(EarmarkKind.choices),
    )
    valid_from = date_field(_("Geldig vanaf"))
    valid_to = date_field(_("Geldig tot en met"), required=False)
