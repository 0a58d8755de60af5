"""Forms of the people screens: the BRP person search (used by the search page and the melding wizard)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schakel.core.values import parse_bsn, parse_postcode
from schakel.web.form_styles import AccessibleFormMixin, NoEchoInput, date_field, not_in_future

from .brp import SearchCriteria


class PersonSearchForm(AccessibleFormMixin, forms.Form):
    """Find a person in the BRP: by BSN, by surname + birth date, or by postcode + house number.

    Always submitted by POST, so no BSN (or other search term) ever appears in a URL or access log.
    """

    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        widget=NoEchoInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    geslachtsnaam = forms.CharField(label=_("Achternaam (geslachtsnaam)"), required=False, max_length=200)
    voornamen = forms.CharField(label=_("Voornamen (optioneel)"), required=False, max_length=200)
    geboortedatum = date_field(_("Geboortedatum"), required=False, help_text=_("Bijvoorbeeld 31-12-1970."))
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox--postal-code-nl-size"}),
    )
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "utrecht-textbox--house-number-size"}),
    )
    huisletter = forms.CharField(
        label=_("Huisletter"),
        required=False,
        max_length=1,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox--house-letter-size"}),
    )

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        return parse_bsn(value) if value else ""

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        return parse_postcode(value) if value else ""

    def clean_geboortedatum(self):
        value = self.cleaned_data["geboortedatum"]
        not_in_future(value, _("De geboortedatum ligt in de toekomst."))
        return value

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("bsn"):
            return data
        name, birth = data.get("geslachtsnaam", "").strip(), data.get("geboortedatum")
        postcode, number = data.get("postcode"), data.get("huisnummer")
        if name or birth:
            if not name:
                self.add_error("geslachtsnaam", _("Vul de achternaam in."))
            if not birth:
                self.add_error("geboortedatum", _("Vul de geboortedatum in."))
            return data
        if postcode or number:
            if not postcode:
                self.add_error("postcode", _("Vul de postcode in."))
            if not number:
                self.add_error("huisnummer", _("Vul het huisnummer in."))
            return data
        raise ValidationError(
            _("Zoek op BSN, op achternaam en geboortedatum, of op postcode en huisnummer."), code="incomplete"
        )

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        if data.get("bsn"):
            return SearchCriteria(bsn=data["bsn"])
        if data.get("geslachtsnaam"):
            return SearchCriteria(
                geslachtsnaam=data["geslachtsnaam"].strip(),
                geboortedatum=data["geboortedatum"],
                voornamen=data.get("voornamen", "").strip(),
            )
        return SearchCriteria(
            postcode=data["postcode"],
            huisnummer=data["huisnummer"],
            huisletter=data.get("huisletter", "").strip().upper(),
        )
