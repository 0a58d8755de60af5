"""Forms of the council screens. They parse input; the rules live in :mod:`schakel.participation.services`,
whose ``ValidationError`` keys match these field names (:func:`apply_service_error`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.web.form_styles import (  # noqa: F401 - apply_service_error re-exported for the views
    AccessibleFormMixin,
    apply_service_error,
    date_field,
)

from .models import Council
from .vocab import CouncilKind, MemberRole, OrganisationModel, Outcome, PolicyField, PolicyStage


def council_choices(field: forms.ModelMultipleChoiceField | forms.ModelChoiceField, councils) -> None:
    councils = list(councils)
    field.queryset = Council.objects.filter(pk__in=[c.pk for c in councils])
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
    field.choices = empty + [(c.pk, c.name) for c in councils]


class RequestForm(AccessibleFormMixin, forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting en gevraagde beslissing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Aanleiding, overwogen alternatieven en de besluitvorming daarna."),
    )
    policy_field = forms.ChoiceField(label=_("Beleidsveld"), choices=[("", "—"), *PolicyField.choices])
    stage = forms.ChoiceField(
        label=_("Fase in de beleidscyclus"),
        choices=[("", "—"), *PolicyStage.choices],
        help_text=_("Agendavorming, verkenning en beleidsontwerp tellen als vroegtijdige betrokkenheid."),
    )
    advice_deadline = date_field(_("Uiterste datum advies"))
    response_weeks = forms.IntegerField(
        label=_("Voorgestelde reactietermijn (weken)"), min_value=1, max_value=52, initial=6
    )
    links = forms.CharField(
        label=_("Links naar stukken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Eén adres per regel. Bestanden voegt u toe nadat de aanvraag is aangemaakt."),
    )
    councils = forms.ModelMultipleChoiceField(
        label=_("Gevraagde raden"),
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leeg laten: de raden volgen uit het organisatiemodel van de gemeente."),
    )


class DocumentForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel van het stuk"), max_length=200)
    file = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, DOCX, XLSX, ODT of TXT, ten hoogste 10 MB."), required=False
    )


class AssignForm(AccessibleFormMixin, forms.Form):
    councils = forms.ModelMultipleChoiceField(
        label=_("Raden die adviseren"), queryset=Council.objects.none(), widget=forms.CheckboxSelectMultiple
    )


class AdviceForm(AccessibleFormMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Raad"), queryset=Council.objects.none())
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    policy_field = forms.ChoiceField(
        label=_("Beleidsveld"), choices=[("", "—"), *PolicyField.choices], required=False
    )
    points = forms.CharField(
        label=_("Adviespunten"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Eén adviespunt per regel."),
    )


class JointAdviceForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel van het gezamenlijke advies"), max_length=200)
    points = forms.CharField(
        label=_("Adviespunten"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén adviespunt per regel."),
    )


class PointForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(label=_("Nieuw adviespunt"), widget=forms.Textarea(attrs={"rows": 2}))


class ResponseForm(AccessibleFormMixin, forms.Form):
    """One outcome and motivation field per advice point, plus the link to the raadsvoorstel."""

    summary = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    raadsvoorstel_reference = forms.CharField(
        label=_("Kenmerk raadsvoorstel"), max_length=100, required=False
    )
    raadsvoorstel_url = forms.CharField(
        label=_("Link naar het raadsvoorstel"), max_length=200, required=False
    )

    def __init__(self, *args, points=(), **kwargs):
        self.points = list(points)
        super().__init__(*args, **kwargs)
        for point in self.points:
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=_("Reactie op punt %(n)s") % {"n": point.number},
                choices=Outcome.choices,
                widget=forms.RadioSelect,
                initial=point.outcome or None,
            )
            self.fields[f"motivation_{point.pk}"] = forms.CharField(
                label=_("Motivering bij punt %(n)s") % {"n": point.number},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=point.motivation,
                help_text=_("Verplicht als het punt niet of deels wordt overgenomen."),
            )
        for name, field in self.fields.items():
            if name.startswith(("point_", "motivation_")):
                radio = name.startswith("point_")
                css = (
                    "utrecht-radio-button utrecht-radio-button--html-input"
                    if radio
                    else "utrecht-textarea utrecht-textarea--html-textarea"
                )
                field.widget.attrs["class"] = css
                if field.help_text:
                    field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def rows(self):
        return [(p, self[f"point_{p.pk}"], self[f"motivation_{p.pk}"]) for p in self.points]

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            p.pk: (data.get(f"point_{p.pk}", ""), data.get(f"motivation_{p.pk}", "")) for p in self.points
        }


class SetupForm(AccessibleFormMixin, forms.Form):
    model = forms.ChoiceField(
        label=_("Organisatiemodel"), choices=OrganisationModel.choices, widget=forms.RadioSelect
    )
    coordination_point = forms.ModelChoiceField(
        label=_("Coördinatiepunt"),
        queryset=Council.objects.none(),
        required=False,
        help_text=_("Bij model 1c en 4."),
    )
    advice_weeks = forms.IntegerField(label=_("Standaard adviestermijn (weken)"), min_value=1, max_value=52)
    response_weeks = forms.IntegerField(
        label=_("Standaard reactietermijn (weken)"), min_value=1, max_value=52
    )


class CouncilForm(AccessibleFormMixin, forms.Form):
    """A council's details; the choices of regio, parent and constituent councils are set per municipality."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    kind = forms.ChoiceField(label=_("Soort"), choices=[("", "—"), *CouncilKind.choices])
    policy_fields = forms.MultipleChoiceField(
        label=_("Beleidsvelden"),
        choices=PolicyField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De beleidsvelden waarover de raad adviseert; de routering van aanvragen volgt hieruit."),
    )
    budget = forms.DecimalField(
        label=_("Ondersteuningsbudget per jaar (euro)"),
        min_value=0,
        decimal_places=2,
        max_digits=9,
        initial=0,
    )
    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Council.objects.none(),
        required=False,
        help_text=_("Alleen bij een regionale raad: de samenwerkende gemeenten."),
    )
    parent = forms.ModelChoiceField(
        label=_("Onderdeel van"),
        queryset=Council.objects.none(),
        required=False,
        help_text=_("Bij een kamer: de participatieraad."),
    )
    constituent_councils = forms.ModelMultipleChoiceField(
        label=_("Deelnemende raden"),
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij een werkgroep of coördinatiepunt."),
    )
    active = forms.BooleanField(label=_("Actief"), required=False, initial=True)

    def __init__(self, *args, gemeente, instance: Council | None = None, **kwargs):
        from schakel.core.models import Regio

        super().__init__(*args, **kwargs)
        others = Council.objects.filter(gemeente=gemeente).order_by("name")
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        self.fields["regio"].queryset = Regio.objects.filter(gemeenten=gemeente).order_by("name")
        council_choices(self.fields["parent"], others.filter(kind=CouncilKind.PARTICIPATIERAAD))
        council_choices(self.fields["constituent_councils"], others)
        if instance is None:
            del self.fields["active"]

    @staticmethod
    def initial_for(council: Council) -> dict:
        return {
            "name": council.name,
            "kind": council.kind,
            "policy_fields": council.policy_fields,
            "budget": council.budget_cents / 100,
            "regio": council.regio_id,
            "parent": council.parent_id,
            "constituent_councils": [c.pk for c in council.constituent_councils.all()],
            "active": council.active,
        }

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["budget_cents"] = int(round(data.pop("budget") * 100))
        data["constituent_councils"] = list(data["constituent_councils"])
        return data


class MemberForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    role = forms.ChoiceField(label=_("Rol"), choices=MemberRole.choices)
    term_start = date_field(_("Zittingstermijn vanaf"))
    term_end = date_field(_("Zittingstermijn tot en met"), required=False)
    experience_expert = forms.BooleanField(label=_("Ervaringsdeskundige"), required=False)
    constituency = forms.CharField(label=_("Achterban"), max_length=200, required=False)


class MeetingForm(AccessibleFormMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Raad"), queryset=Council.objects.none())
    date = date_field(_("Datum"))
    location = forms.CharField(label=_("Plaats"), max_length=150, required=False)
    agenda_deadline = date_field(_("Uiterste datum agendapunten"), required=False)


class MinutesForm(AccessibleFormMixin, forms.Form):
    minutes = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    decisions = forms.CharField(
        label=_("Besluiten en afspraken"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Eén besluit of afspraak per regel, met wie wat doet en wanneer."),
    )


class AgendaItemForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    explanation = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class InformationForm(AccessibleFormMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Raad"), queryset=Council.objects.none())
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    provided_on = date_field(_("Verstrekt op"), required=False)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    url = forms.CharField(label=_("Link"), max_length=200, required=False)


class SignalForm(AccessibleFormMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Raad"), queryset=Council.objects.none())
    theme = forms.ChoiceField(label=_("Thema"), choices=[("", "—"), *PolicyField.choices])
    description = forms.CharField(label=_("Signaal"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = date_field(_("Ontvangen op"), required=False)
    anonymous = forms.BooleanField(label=_("Anoniem"), required=False, initial=True)
    sender_name = forms.CharField(label=_("Naam melder"), max_length=150, required=False)
    sender_contact = forms.CharField(label=_("Contactgegevens melder"), max_length=200, required=False)


class RegisterFilterForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100, required=False)
    gemeente = forms.CharField(label=_("Gemeentecode"), max_length=4, required=False)
