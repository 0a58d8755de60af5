"""Forms of the people screens, and the accessible form styling shared by Schakel's screens.

:class:`AccessibleFormMixin` gives every widget its NL Design System (Utrecht) class and links error
messages and help texts to their input with ``aria-describedby`` (WCAG 2.1 SC 1.3.1, 3.3.1).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.values import parse_bsn, parse_postcode

from .brp import SearchCriteria

#: Dates may be typed the Dutch way (31-12-2024) or come from a date picker (2024-12-31).
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect):
        return "utrecht-radio-button utrecht-radio-button--html-input"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    return "utrecht-textbox utrecht-textbox--html-input"


class DateInput(forms.DateInput):
    """A native date picker; the value is rendered as ISO so the browser can show it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        help_text=help_text,
    )


def not_in_future(value: date | None, message=None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(message or _("Deze datum ligt in de toekomst."))


class NoEchoInput(forms.TextInput):
    """A text input that never writes its value back into the page (a BSN is not echoed into HTML)."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, None, attrs)


class AccessibleFormMixin:
    """Utrecht classes on widgets; ``aria-invalid`` and ``aria-describedby`` pointing at errors and help."""

    #: No HTML ``required``: the browser would style empty fields as invalid before anything was submitted;
    #: ``aria-required`` tells assistive technology instead, and the server validates.
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.required and not isinstance(
                field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                field.widget.attrs["aria-required"] = "true"
            css = _widget_class(field.widget)
            if css:
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            described = [f"{bound.auto_id}-fout"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}-hint")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"
            css = _widget_class(widget)
            if css and "--invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] += f" {css.split()[0]}--invalid"


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
