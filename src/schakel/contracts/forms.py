"""Forms of the contracts screens. Validation of the rules lives in ``services``; forms only parse input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.core.access import policy_for
from schakel.core.models import Gemeente, Regio
from schakel.web.form_styles import (  # noqa: F401 - apply_service_error and euro_initial re-exported
    AccessibleFormMixin,
    EuroField,
    apply_service_error,
    date_field,
    euro_initial,
)

from .models import Contract, OutcomeAgreement, Provider
from .vocab import (
    JEUGD_CATEGORIES,
    WMO_CATEGORIES,
    ContractLaw,
    Eenheid,
    FinancingVariant,
    Frequentie,
    ProcurementForm,
    RedenWijziging,
)

CATEGORY_CHOICES = [
    ("", "---------"),
    (ContractLaw.WMO.label, [(c, f"{c} {n}") for c, n in WMO_CATEGORIES.items()]),
    (ContractLaw.JEUGD.label, [(c, f"{c} {n}") for c, n in JEUGD_CATEGORIES.items()]),
]


class ProviderForm(AccessibleFormMixin, forms.Form):
    """Formats (AGB, IBAN) and uniqueness are checked by the service (one Dutch message per rule)."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    agb_code = forms.CharField(label=_("AGB-code"), max_length=20, help_text=_("8 cijfers (Vektis)."))
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    iban = forms.CharField(label=_("IBAN"), max_length=40, required=False)
    active = forms.BooleanField(label=_("Actief"), required=False, initial=True)


class ContractForm(AccessibleFormMixin, forms.Form):
    provider = forms.ModelChoiceField(label=_("Aanbieder"), queryset=Provider.objects.none())
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Gemeente.objects.none(), required=False)
    regio = forms.ModelChoiceField(
        label=_("of regio"),
        queryset=Regio.objects.none(),
        required=False,
        help_text=_("Kies een gemeente óf een regio."),
    )
    reference = forms.CharField(label=_("Contractnummer"), max_length=40)
    name = forms.CharField(label=_("Naam"), max_length=200)
    procurement_form = forms.ChoiceField(label=_("Inkoopvorm"), choices=ProcurementForm.choices)
    start_date = date_field(_("Ingangsdatum"))
    end_date = date_field(_("Einddatum"), required=False)
    notes = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = policy_for(user).gemeenten_with("contracts.add_contract") or policy_for(
            user
        ).gemeenten_with("contracts.change_contract")
        self.fields["provider"].queryset = Provider.objects.filter(active=True)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(pk__in=gemeenten)
        self.fields["regio"].queryset = Regio.objects.filter(gemeenten__in=gemeenten).distinct()


class ContractProductForm(AccessibleFormMixin, forms.Form):
    law = forms.ChoiceField(label=_("Wet"), choices=ContractLaw.choices)
    product_category = forms.ChoiceField(label=_("Productcategorie"), choices=CATEGORY_CHOICES)
    product_code = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Leeg laten voor aspecifiek (alleen categorie)."),
    )
    own_code = forms.BooleanField(label=_("Eigen (gemeentelijke) productcode"), required=False)
    description = forms.CharField(label=_("Omschrijving"), max_length=200)
    variant = forms.ChoiceField(label=_("Uitvoeringsvariant"), choices=FinancingVariant.choices)
    unit = forms.ChoiceField(
        label=_("Eenheid"), choices=[("", _("geen (taakgericht)")), *Eenheid.choices], required=False
    )
    frequencies = forms.MultipleChoiceField(
        label=_("Toegestane frequenties"),
        choices=Frequentie.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TariffForm(AccessibleFormMixin, forms.Form):
    start_date = date_field(_("Ingangsdatum"))
    end_date = date_field(_("Einddatum"), required=False)
    amount = EuroField(label=_("Bedrag"))


class ResultAreaForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OutcomeAgreementForm(AccessibleFormMixin, forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=OutcomeAgreement.Indicator.choices)
    target_percent = forms.IntegerField(label=_("Streefwaarde (%)"), min_value=0, max_value=100)
    description = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)
    start_date = date_field(_("Ingangsdatum"))
    end_date = date_field(_("Einddatum"), required=False)


class AllocateForm(AccessibleFormMixin, forms.Form):
    contract_product = forms.ModelChoiceField(
        label=_("Aanbieder en product"), queryset=None, empty_label=None
    )
    start_date = date_field(_("Ingangsdatum"))
    end_date = date_field(_("Einddatum"), required=False)
    volume = forms.IntegerField(label=_("Volume"), min_value=1, required=False)
    unit = forms.ChoiceField(
        label=_("Eenheid"), choices=[("", "---------"), *Eenheid.choices], required=False
    )
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "---------"), *Frequentie.choices], required=False
    )
    budget = EuroField(label=_("Budget (in plaats van een omvang)"), required=False)
    comment = forms.CharField(label=_("Commentaar voor de aanbieder"), max_length=200, required=False)

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract_product"].queryset = products
        self.fields["contract_product"].label_from_instance = lambda p: (
            f"{p.contract.provider.name} — {p.product_code or p.product_category} {p.description} "
            f"({p.get_variant_display().lower()})"
        )


REASON_CHOICES = [("", "---------")] + [
    (code, f"{code} {label}") for code, label in RedenWijziging.choices if code != RedenWijziging.VERWIJDERD
]


class ChangeAllocationForm(AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reden wijziging"), choices=REASON_CHOICES)
    end_date = date_field(_("Einddatum"), required=False)
    volume = forms.IntegerField(
        label=_("Volume"),
        min_value=1,
        required=False,
        help_text=_("Alleen bij frequentie 'totaal binnen geldigheidsduur toewijzing'."),
    )
    budget = EuroField(label=_("Budget"), required=False)


class WithdrawAllocationForm(AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reden wijziging"), choices=REASON_CHOICES)
    end_date = date_field(_("Nieuwe einddatum"))


class ContractFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)


def contract_initial(contract: Contract) -> dict:
    return {
        "provider": contract.provider_id,
        "gemeente": contract.gemeente_id,
        "regio": contract.regio_id,
        "reference": contract.reference,
        "name": contract.name,
        "procurement_form": contract.procurement_form,
        "start_date": contract.start_date,
        "end_date": contract.end_date,
        "notes": contract.notes,
    }
