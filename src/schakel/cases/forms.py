"""Forms of the regisseur's screens. They validate input; the rules themselves live in ``cases.services``.

Field names match the keys of the services' ``ValidationError`` dicts, so a service error lands at the
field it concerns (:func:`apply_service_error`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Team, User
from schakel.core.vocab import Law, LifeDomain
from schakel.people.models import HouseholdMember, NetworkContact, Person
from schakel.web.form_styles import (  # noqa: F401 - apply_service_error re-exported for the case views
    AccessibleFormMixin,
    apply_service_error,
    date_field,
    not_in_future,
)

from . import workflow
from .models import Aanvraag, Action, CaseStatus, Decision, Goal, Melding, Plan

CHANGE_CASE_CODENAME = "change_case"


def limit_choices(field: forms.ModelChoiceField, objects, label=str) -> None:
    """Restrict a model choice to ``objects`` (already loaded) without an extra query when rendering."""
    objects = list(objects)
    model = field.queryset.model
    field.queryset = model.objects.filter(pk__in=[o.pk for o in objects])
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(o.pk, label(o)) for o in objects]


def person_label(person) -> str:
    return person.full_name


class PastDateMixin:
    """Dates of things that already happened may not lie in the future (Awb: no antedating the future)."""

    past_date_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.past_date_fields:
            try:
                not_in_future(data.get(name))
            except ValidationError as exc:
                self.add_error(name, exc)
        return data


# --------------------------------------------------------------------------- work queue


class WorkqueueFilterForm(forms.Form):
    """The work queue's filters; read from the query string (no personal data in it)."""

    TABS = [
        ("mijn", _("Mijn casussen")),
        ("team", _("Team")),
        ("binnenkort", _("Termijn binnenkort")),
        ("verlopen", _("Termijn verlopen")),
    ]
    SORTS = [
        ("termijn", _("Eerstvolgende termijn")),
        ("-geopend", _("Nieuwste eerst")),
        ("geopend", _("Oudste eerst")),
    ]

    tab = forms.ChoiceField(choices=TABS, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle open casussen"))] + list(CaseStatus.choices)
    )
    wet = forms.ChoiceField(
        label=_("Wet"), required=False, choices=[("", _("Alle wetten"))] + list(Law.choices)
    )
    sorteer = forms.ChoiceField(label=_("Sorteren op"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def value(self, name: str) -> str:
        if self.is_valid():
            return self.cleaned_data.get(name) or ""
        return ""


# --------------------------------------------------------------------------- melding wizard


class HouseholdChoiceForm(AccessibleFormMixin, forms.Form):
    """Step 2: an existing household of the person, or a new one."""

    household = forms.ChoiceField(label=_("Huishouden"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Naam van het nieuwe huishouden"), required=False, max_length=200)
    relation = forms.ChoiceField(
        label=_("Rol van deze persoon in het nieuwe huishouden"),
        choices=HouseholdMember.Relation.choices,
        initial=HouseholdMember.Relation.OTHER,
    )

    def __init__(self, *args, memberships, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(m.household_id), m.household.name) for m in memberships]
        choices.append(("nieuw", _("Nieuw huishouden aanmaken")))
        self.fields["household"].choices = choices
        self.fields["household"].initial = choices[0][0]
        self.fields["name"].initial = _("Huishouden %(n)s") % {"n": person.achternaam}


class MeldingForm(PastDateMixin, AccessibleFormMixin, forms.Form):
    """Step 3: the melding itself (Wmo 2015 art. 2.3.2 lid 1; Jeugdwet art. 2.3)."""

    past_date_fields = ("received_on",)

    received_on = date_field(_("Datum melding"))
    channel = forms.ChoiceField(label=_("Hoe kwam de melding binnen?"), choices=Melding.Channel.choices)
    laws = forms.MultipleChoiceField(
        label=_("Waar gaat de hulpvraag over?"), choices=Law.choices, widget=forms.CheckboxSelectMultiple
    )
    question = forms.CharField(
        label=_("Hulpvraag"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    regisseur = forms.ModelChoiceField(label=_("Regisseur"), queryset=User.objects.none(), empty_label=None)
    person = forms.ModelChoiceField(
        label=_("Voor wie (optioneel)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Het hele huishouden"),
    )

    def __init__(self, *args, user, household, policy, members, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente_id = household.gemeente_id
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["team"].queryset = Team.objects.filter(gemeente_id=gemeente_id).order_by("name")
        my_teams = sorted(policy.team_ids(gemeente_id))
        if my_teams:
            self.fields["team"].initial = my_teams[0]
        self.fields["regisseur"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__gemeente_id=gemeente_id,
                memberships__role__permissions__codename=CHANGE_CASE_CODENAME,
                memberships__role__permissions__content_type__app_label="cases",
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["regisseur"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["regisseur"].initial = user.pk
        limit_choices(self.fields["person"], members, person_label)


# --------------------------------------------------------------------------- workflow steps


class OnderzoekForm(AccessibleFormMixin, forms.Form):
    """The conversation report per life domain (Wmo 2015 art. 2.3.2 lid 4; Zelfredzaamheid-Matrix)."""

    own_strength = forms.CharField(
        label=_("Eigen kracht en netwerk"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary = forms.CharField(
        label=_("Samenvatting (verslag)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    complete = forms.BooleanField(
        label=_("Onderzoek afronden"),
        required=False,
        help_text=_("Vink aan als het gesprek is afgerond; de onderzoekstermijn is dan gehaald."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in LifeDomain.choices:
            self.fields[f"finding_{value}"] = forms.CharField(
                label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.order_fields(
            [f"finding_{v}" for v in LifeDomain.values] + ["own_strength", "summary", "complete"]
        )
        for name, field in self.fields.items():
            if name.startswith("finding_"):
                field.widget.attrs["class"] = "utrecht-textarea utrecht-textarea--html-textarea"

    def finding_fields(self):
        return [self[f"finding_{v}"] for v in LifeDomain.values]

    def findings(self) -> dict[str, str]:
        return {v: self.cleaned_data.get(f"finding_{v}", "") for v in LifeDomain.values}


class AanvraagForm(PastDateMixin, AccessibleFormMixin, forms.Form):
    past_date_fields = ("received_on",)

    received_on = date_field(_("Datum aanvraag"))
    law = forms.ChoiceField(label=_("Wet"), choices=Law.choices)
    description = forms.CharField(label=_("Wat wordt aangevraagd?"), widget=forms.Textarea(attrs={"rows": 3}))
    signed_report = forms.BooleanField(label=_("Het verslag is ondertekend door de inwoner"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        if case.laws:
            self.fields["law"].initial = case.laws[0]


class DecisionForm(PastDateMixin, AccessibleFormMixin, forms.Form):
    """A beschikking (Awb art. 1:3) on one aanvraag; motivated (Awb art. 3:46)."""

    past_date_fields = ("decided_on",)

    aanvraag = forms.ModelChoiceField(label=_("Aanvraag"), queryset=Aanvraag.objects.none(), empty_label=None)
    decided_on = date_field(_("Datum besluit"))
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Decision.Outcome.choices)
    motivation = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["aanvraag"].queryset = case.aanvragen.filter(decisions__isnull=True)
        self.fields["aanvraag"].label_from_instance = lambda a: (
            f"{a.received_on:%d-%m-%Y} — {a.get_law_display()}: {a.description[:60]}"
        )


class ProductForm(AccessibleFormMixin, forms.Form):
    """One granted product (iWmo/iJw productcategorie and -code; the seam for toewijzing)."""

    person = forms.ModelChoiceField(label=_("Voor"), queryset=Person.objects.none())
    product_category = forms.RegexField(
        label=_("Productcategorie"),
        regex=r"^\d{2}$",
        max_length=2,
        error_messages={"invalid": _("Een productcategorie bestaat uit 2 cijfers.")},
    )
    product_code = forms.CharField(label=_("Productcode (optioneel)"), required=False, max_length=5)
    description = forms.CharField(label=_("Omschrijving"), max_length=200)
    start_date = date_field(_("Ingangsdatum"))
    end_date = date_field(_("Einddatum (optioneel)"), required=False)
    volume = forms.IntegerField(label=_("Omvang (optioneel)"), required=False, min_value=1, max_value=99999)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["person"], members or [], person_label)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de ingangsdatum."))
        return data


ProductFormSet = forms.formset_factory(ProductForm, extra=2, max_num=20, validate_max=True)


class EvaluationForm(PastDateMixin, AccessibleFormMixin, forms.Form):
    past_date_fields = ("evaluated_on",)

    evaluated_on = date_field(_("Datum evaluatie"))
    summary = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 4}))
    continue_support = forms.BooleanField(
        label=_("De ondersteuning loopt door"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluated_on"].initial = timezone.localdate()


class StatusForm(AccessibleFormMixin, forms.Form):
    """A user-settable status change (``workflow.USER_TRANSITIONS``); closing needs a reason."""

    target = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        targets = workflow.allowed_user_targets(case.status)
        self.fields["target"].choices = [(s.value, s.label) for s in CaseStatus if s.value in targets]

    def clean(self):
        data = super().clean()
        if data.get("target") == CaseStatus.AFGESLOTEN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden voor het afsluiten."))
        return data


# --------------------------------------------------------------------------- plan


class GoalForm(AccessibleFormMixin, forms.Form):
    life_domain = forms.ChoiceField(
        label=_("Leefgebied"), choices=[("", _("Kies een leefgebied"))] + LifeDomain.choices
    )
    person = forms.ModelChoiceField(
        label=_("Voor wie"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Het hele huishouden"),
    )
    description = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    target_date = date_field(_("Streefdatum"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices, initial=Goal.Status.OPEN)

    def __init__(self, *args, members, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["person"], members, person_label)
        if not editing:
            del self.fields["status"]

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        return {
            "life_domain": goal.life_domain,
            "person": goal.person_id,
            "description": goal.description,
            "target_date": goal.target_date,
            "status": goal.status,
        }


class ActionForm(AccessibleFormMixin, forms.Form):
    description = forms.CharField(label=_("Actie"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    carrier = forms.ChoiceField(
        label=_("Wie voert de actie uit?"),
        choices=[("", _("Kies wie de actie uitvoert"))] + Action.Carrier.choices,
    )
    network_contact = forms.ModelChoiceField(
        label=_("Contact uit het netwerk"),
        queryset=NetworkContact.objects.none(),
        required=False,
        empty_label=_("Geen"),
    )
    carrier_name = forms.CharField(label=_("Naam uitvoerder (optioneel)"), required=False, max_length=200)
    due_date = date_field(_("Uiterlijk"), required=False)
    done = forms.BooleanField(label=_("Gedaan"), required=False)

    def __init__(self, *args, contacts, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["network_contact"], contacts)
        if not editing:
            del self.fields["done"]

    def clean(self):
        data = super().clean()
        if data.get("network_contact") and data.get("carrier") not in (
            Action.Carrier.NETWORK,
            Action.Carrier.VOLUNTEER,
        ):
            self.add_error(
                "network_contact",
                _("Een contact uit het netwerk past bij 'Informeel netwerk' of 'Vrijwilliger'."),
            )
        return data

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        return {
            "description": action.description,
            "carrier": action.carrier,
            "network_contact": action.network_contact_id,
            "carrier_name": action.carrier_name,
            "due_date": action.due_date,
            "done": action.done,
        }


class AgreeForm(PastDateMixin, AccessibleFormMixin, forms.Form):
    """The citizen's agreement with the plan (date, how given)."""

    past_date_fields = ("agreed_on",)

    agreed_on = date_field(_("Datum akkoord"))
    agreement_method = forms.ChoiceField(
        label=_("Hoe gaf de inwoner akkoord?"), choices=Plan.AgreementMethod.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_on"].initial = timezone.localdate()
