"""Accessible forms in the NL Design System style, shared by every screen of Schakel.

:class:`AccessibleFormMixin` gives every widget its Utrecht component class, marks required fields with
``aria-required`` and, after validation, links error messages and help texts to their input with
``aria-describedby`` and ``aria-invalid`` (WCAG 2.1 SC 1.3.1, 3.3.1). Templates render a field with
``{% include "web/_field.html" with field=form.x %}`` and the error summary with ``web/_form_errors.html``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

    def add_error(self, field, error):
        """Errors added after validation (e.g. by a service) are linked to their input too."""
        super().add_error(field, error)
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


def apply_service_error(form: forms.BaseForm, error: ValidationError, aliases: dict | None = None) -> None:
    """Put a service's ``ValidationError`` on the form: at field level where the field exists
    (``aliases``: the service's field name → the form's, where they differ), else as a form error."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
    if isinstance(form, AccessibleFormMixin):
        form.mark_invalid()


#: An amount after the separators are normalised: digits with at most two decimals.
AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")


class EuroField(forms.CharField):
    """An amount typed in euros (``65,50``, ``1.250,50``, ``€ 1.250.000``; with ``signed`` also ``-500``), cleaned
    to integer eurocent — Schakel stores money as eurocent everywhere, as the iStandaarden do (IV024)."""

    def __init__(self, *args, signed: bool = False, **kwargs):
        self.signed = signed
        kwargs.setdefault("help_text", _("In euro's, bijvoorbeeld 1.250,50."))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = (
            (super().to_python(value) or "").strip().replace("€", "").replace(" ", "").replace("\u2212", "-")
        )
        if not text:
            return None
        if len(text) > 24:
            raise ValidationError(_("Dit bedrag is onrealistisch groot."), code="euro")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or re.match(r"^-?\d{1,3}(\.\d{3})+$", text):
            text = text.replace(".", "")  # 1.250.000 = thousands separators
        if not AMOUNT.match(text) or (text.startswith("-") and not self.signed):
            raise ValidationError(_("Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."), code="euro")
        cents = int(Decimal(text) * 100)
        if abs(cents) >= 10**15:
            raise ValidationError(_("Dit bedrag is onrealistisch groot."), code="euro")
        return cents


def euro_initial(cents: int | None) -> str:
    """Eurocent as the text an :class:`EuroField` shows and accepts (``1250,50``)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"
