"""Filter form of the dashboards and the report (period and wijk)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.web.form_styles import AccessibleFormMixin

from .indicators import Params


class PeriodForm(AccessibleFormMixin, forms.Form):
    gemeente = forms.ChoiceField(label=_("Gemeente"))
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    halfjaar = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Heel jaar")), (1, _("Eerste halfjaar")), (2, _("Tweede halfjaar"))],
    )
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)

    def __init__(self, data=None, *, gemeenten, wijken=(), with_wijk=True):
        super().__init__(data)
        this_year = date.today().year
        self.fields["jaar"].choices = [(y, str(y)) for y in range(this_year, this_year - 6, -1)]
        self.fields["jaar"].initial = this_year
        self.fields["gemeente"].choices = [(g.code, g.name) for g in gemeenten]
        self.fields["wijk"].choices = [("", _("Alle wijken"))] + [(w, w) for w in wijken]
        if not with_wijk:
            del self.fields["wijk"]

    @staticmethod
    def default_year() -> int:
        """The last complete year before July, the current year after (the first half-year is then known)."""
        today = date.today()
        return today.year if today.month >= 7 else today.year - 1

    def params(self) -> Params:
        data = self.cleaned_data
        half = data.get("halfjaar")
        wijk = data.get("wijk") or None
        if half:
            return Params.half_year(data["jaar"], half, wijk_code=wijk)
        return Params.year(data["jaar"], wijk_code=wijk)
