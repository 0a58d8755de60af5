"""Forms of the web shell: login, second factor, log filters, break the glass (styling: ``form_styles``)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schakel.core.models import ProcessingActivity, ProcessingLogEntry, SecurityLogEntry, User
from schakel.core.values import parse_bsn

from .form_styles import AccessibleFormMixin, DateInput


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    """Username and password (step 1 of 2). Django-axes counts failures and locks the account."""

    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. Let op: na %(limit)s mislukte pogingen "
            "wordt het account tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de functioneel beheerder."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def get_invalid_login_error(self):
        from django.conf import settings

        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": getattr(settings, "AXES_FAILURE_LIMIT", 5)},
        )


class TokenForm(AccessibleFormMixin, forms.Form):
    """The six-digit code from the authenticator app (TOTP, RFC 6238)."""

    token = forms.RegexField(
        label=_("Code uit de authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        help_text=_("Zes cijfers, bijvoorbeeld 123456. De code verandert elke 30 seconden."),
        error_messages={
            "required": _("Vul de code van zes cijfers in."),
            "invalid": _("De code bestaat uit zes cijfers."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class BsnLookupForm(AccessibleFormMixin, forms.Form):
    """A BSN to filter the processing log on; only ever posted, never put in a URL."""

    bsn = forms.CharField(
        label=_("BSN van de betrokkene"),
        max_length=20,
        help_text=_("Het BSN wordt niet opgeslagen: er wordt alleen gezocht op de sleutel-hash."),
        error_messages={"required": _("Vul een BSN in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_bsn(self) -> str:
        return parse_bsn(self.cleaned_data["bsn"])


class PeriodMixin(forms.Form):
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data


class ProcessingLogFilterForm(AccessibleFormMixin, PeriodMixin):
    """Filters of the processing-log viewer (all in the query string; the person filter is not)."""

    user = forms.ModelChoiceField(
        label=_("Medewerker"), queryset=User.objects.none(), required=False, empty_label=_("Alle medewerkers")
    )
    action = forms.ChoiceField(label=_("Actie"), required=False)
    result = forms.ChoiceField(label=_("Resultaat"), required=False)
    activity = forms.ModelChoiceField(
        label=_("Verwerkingsactiviteit"),
        queryset=ProcessingActivity.objects.all(),
        required=False,
        empty_label=_("Alle activiteiten"),
    )
    break_glass = forms.BooleanField(label=_("Alleen doorbrekingen (break the glass)"), required=False)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if users is not None:
            self.fields["user"].queryset = users
        self.fields["action"].choices = [("", _("Alle acties")), *ProcessingLogEntry.Action.choices]
        self.fields["result"].choices = [("", _("Alle resultaten")), *ProcessingLogEntry.Result.choices]


class SecurityLogFilterForm(AccessibleFormMixin, PeriodMixin):
    event = forms.ChoiceField(label=_("Gebeurtenis"), required=False)
    username = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Alle gebeurtenissen")), *SecurityLogEntry.Event.choices]


class BreakGlassForm(AccessibleFormMixin, forms.Form):
    """The mandatory reason for breaking the glass (DESIGN.md §4)."""

    MIN_LENGTH = 20

    reason = forms.CharField(
        label=_("Reden"),
        min_length=MIN_LENGTH,
        max_length=2000,
        help_text=_(
            "Minimaal 20 tekens. Beschrijf waarom u dit huishouden nu moet inzien, bijvoorbeeld een "
            "crisismelding of vervanging van een collega. De privacy officer ziet deze reden."
        ),
        error_messages={
            "required": _("Geef een reden op."),
            "min_length": _("Geef een reden van minimaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < self.MIN_LENGTH:
            raise ValidationError(
                self.fields["reason"].error_messages["min_length"],
                params={"limit_value": self.MIN_LENGTH, "show_value": len(reason)},
            )
        return reason
