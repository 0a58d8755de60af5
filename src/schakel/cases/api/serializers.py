"""Serializers of the case API: read representations and the request bodies of the sub-actions.

Field names are Dutch (lowerCamelCase), as the UI and the laws name them. Request bodies are checked
for type and size here; the rules of the law and the workflow are checked by :mod:`schakel.cases.services`.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from schakel.core.access import policy_for
from schakel.core.models import Team, User
from schakel.core.vocab import Law, LifeDomain
from schakel.people.api import CaseSummarySerializer, NamedSerializer
from schakel.people.models import Household, NetworkContact, Person

from .. import workflow
from ..models import (
    Aanvraag,
    Action,
    Case,
    CaseStatus,
    Decision,
    DecisionProduct,
    Evaluation,
    Goal,
    Melding,
    Onderzoek,
    Plan,
)
from ..services import case_deadlines

MAX_INT = 2_147_483_647

# --------------------------------------------------------------------------- read


class MeldingSerializer(serializers.ModelSerializer):
    ontvangenOp = serializers.DateField(source="received_on")
    kanaal = serializers.ChoiceField(source="channel", choices=Melding.Channel.choices)
    wetten = serializers.ListField(source="laws", child=serializers.CharField())
    hulpvraag = serializers.CharField(source="question")

    class Meta:
        model = Melding
        fields = ["id", "ontvangenOp", "kanaal", "wetten", "hulpvraag"]


class OnderzoekSerializer(serializers.ModelSerializer):
    gestartOp = serializers.DateField(source="started_on")
    afgerondOp = serializers.DateField(source="completed_on", allow_null=True)
    bevindingen = serializers.DictField(
        source="findings",
        child=serializers.CharField(),
        help_text="Bevindingen per leefgebied (zelfredzaamheidsmatrix).",
    )
    eigenKracht = serializers.CharField(source="own_strength")
    samenvatting = serializers.CharField(source="summary")

    class Meta:
        model = Onderzoek
        fields = ["gestartOp", "afgerondOp", "bevindingen", "eigenKracht", "samenvatting"]


class AanvraagSerializer(serializers.ModelSerializer):
    ontvangenOp = serializers.DateField(source="received_on")
    wet = serializers.ChoiceField(source="law", choices=Law.choices)
    omschrijving = serializers.CharField(source="description")
    verslagOndertekend = serializers.BooleanField(source="signed_report")

    class Meta:
        model = Aanvraag
        fields = ["id", "ontvangenOp", "wet", "omschrijving", "verslagOndertekend"]


class ProductSerializer(serializers.ModelSerializer):
    persoon = serializers.IntegerField(source="person_id")
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    omschrijving = serializers.CharField(source="description")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date", allow_null=True)
    omvang = serializers.IntegerField(source="volume", allow_null=True)
    eenheid = serializers.CharField(source="unit")
    frequentie = serializers.CharField(source="frequency")

    class Meta:
        model = DecisionProduct
        fields = [
            "id",
            "persoon",
            "productcategorie",
            "productcode",
            "omschrijving",
            "ingangsdatum",
            "einddatum",
            "omvang",
            "eenheid",
            "frequentie",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    casus = serializers.IntegerField(source="case_id")
    aanvraag = serializers.IntegerField(source="aanvraag_id")
    wet = serializers.ChoiceField(source="law", choices=Law.choices)
    besluitdatum = serializers.DateField(source="decided_on")
    uitkomst = serializers.ChoiceField(source="outcome", choices=Decision.Outcome.choices)
    motivering = serializers.CharField(source="motivation")
    bezwaarMogelijkTot = serializers.DateField(
        source="bezwaar_deadline", help_text="Awb art. 6:7: zes weken."
    )
    producten = ProductSerializer(source="products", many=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "casus",
            "aanvraag",
            "wet",
            "besluitdatum",
            "uitkomst",
            "motivering",
            "bezwaarMogelijkTot",
            "producten",
        ]


class EvaluationSerializer(serializers.ModelSerializer):
    evaluatiedatum = serializers.DateField(source="evaluated_on")
    bevindingen = serializers.CharField(source="summary")
    ondersteuningLooptDoor = serializers.BooleanField(source="continue_support")

    class Meta:
        model = Evaluation
        fields = ["id", "evaluatiedatum", "bevindingen", "ondersteuningLooptDoor"]


class DeadlineSerializer(serializers.Serializer):
    soort = serializers.CharField(source="kind")
    omschrijving = serializers.CharField(source="label")
    uiterlijk = serializers.DateField(source="due")
    bron = serializers.CharField(source="source", help_text="Het wetsartikel waaruit de termijn volgt.")
    voldaan = serializers.BooleanField(source="met")
    signaal = serializers.CharField(source="flag")


class CaseSerializer(CaseSummarySerializer):
    huishouden = NamedSerializer(source="household")
    persoon = serializers.IntegerField(source="person_id", allow_null=True)

    class Meta(CaseSummarySerializer.Meta):
        fields = ["id", "huishouden", "persoon", *CaseSummarySerializer.Meta.fields[1:]]


class CaseDetailSerializer(CaseSerializer):
    plan = serializers.IntegerField(source="plan.id", allow_null=True)
    meldingen = MeldingSerializer(many=True)
    onderzoek = serializers.SerializerMethodField()
    aanvragen = AanvraagSerializer(many=True)
    beschikkingen = DecisionSerializer(source="decisions", many=True)
    evaluaties = EvaluationSerializer(source="evaluations", many=True)
    termijnen = serializers.SerializerMethodField(help_text="Wettelijke termijnen van deze casus.")
    toegestaneStatussen = serializers.SerializerMethodField(
        help_text="De statussen die u nu kunt kiezen (POST .../status/)."
    )

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "plan",
            "meldingen",
            "onderzoek",
            "aanvragen",
            "beschikkingen",
            "evaluaties",
            "termijnen",
            "toegestaneStatussen",
        ]

    @extend_schema_field(OnderzoekSerializer(allow_null=True))
    def get_onderzoek(self, case):
        onderzoek = getattr(case, "onderzoek", None) if hasattr(case, "onderzoek") else None
        return OnderzoekSerializer(onderzoek).data if onderzoek else None

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_termijnen(self, case):
        return DeadlineSerializer(case_deadlines(case, timezone.localdate()), many=True).data

    def get_toegestaneStatussen(self, case) -> list[str]:
        return sorted(workflow.allowed_user_targets(case.status) - workflow.SYSTEM_ONLY_STATES)


class ActionSerializer(serializers.ModelSerializer):
    doel = serializers.IntegerField(source="goal_id", read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    uitvoerder = serializers.ChoiceField(source="carrier", choices=Action.Carrier.choices, read_only=True)
    naamUitvoerder = serializers.CharField(source="carrier_name", read_only=True)
    netwerkcontact = serializers.IntegerField(source="network_contact_id", allow_null=True, read_only=True)
    uiterlijk = serializers.DateField(source="due_date", allow_null=True, read_only=True)
    gedaan = serializers.BooleanField(source="done", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "doel",
            "omschrijving",
            "uitvoerder",
            "naamUitvoerder",
            "netwerkcontact",
            "uiterlijk",
            "gedaan",
        ]


class GoalSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_id", read_only=True)
    leefgebied = serializers.CharField(source="life_domain", read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    persoon = serializers.IntegerField(source="person_id", allow_null=True, read_only=True)
    streefdatum = serializers.DateField(source="target_date", allow_null=True, read_only=True)
    voortgang = serializers.ChoiceField(source="status", choices=Goal.Status.choices, read_only=True)
    acties = ActionSerializer(source="actions", many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "plan", "leefgebied", "omschrijving", "persoon", "streefdatum", "voortgang", "acties"]


class PlanSerializer(serializers.ModelSerializer):
    casus = serializers.IntegerField(source="case_id", read_only=True)
    akkoordOp = serializers.DateField(source="agreed_on", allow_null=True, read_only=True)
    wijzeVanAkkoord = serializers.CharField(source="agreement_method", read_only=True)
    doelen = GoalSerializer(source="goals", many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "casus", "akkoordOp", "wijzeVanAkkoord", "doelen"]


# --------------------------------------------------------------------------- write (request bodies)


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/WetEnum"}, "maxItems": 10})
class LawListField(serializers.ListField):
    """A list of law codes, documented with the same enum as the single ``wet`` fields."""


def _user(serializer):
    return serializer.context["request"].user


class VisiblePrimaryKey(serializers.PrimaryKeyRelatedField):
    """A primary key that must be among the objects the user may see (same message as unknown ids)."""

    def __init__(self, visible, **kwargs):
        self.visible = visible
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.visible(self.context["request"].user)


def visible_households(user):
    return Household.objects.visible_to(user)


def visible_persons(user):
    return Person.objects.visible_to(user)


def teams_of(user):
    return Team.objects.filter(gemeente_id__in=policy_for(user).gemeente_ids)


def colleagues_of(user):
    return User.objects.filter(
        is_active=True, memberships__gemeente_id__in=policy_for(user).gemeente_ids
    ).distinct()


class MeldingCreateSerializer(serializers.Serializer):
    huishouden = VisiblePrimaryKey(
        visible_households, queryset=Household.objects.none(), help_text="Een huishouden in uw werkvoorraad."
    )
    persoon = VisiblePrimaryKey(
        visible_persons,
        queryset=Person.objects.none(),
        required=False,
        allow_null=True,
        help_text="Alleen bij een casus voor één persoon uit het huishouden.",
    )
    ontvangenOp = serializers.DateField()
    kanaal = serializers.ChoiceField(choices=Melding.Channel.choices)
    wetten = LawListField(
        child=serializers.ChoiceField(choices=Law.choices),
        max_length=10,
        help_text="Wetten waarop de hulpvraag betrekking heeft.",
    )
    hulpvraag = serializers.CharField(max_length=10_000)
    team = VisiblePrimaryKey(teams_of, queryset=Team.objects.none())
    regisseur = VisiblePrimaryKey(
        colleagues_of,
        queryset=User.objects.none(),
        required=False,
        allow_null=True,
        help_text="Standaard de indiener.",
    )


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    reden = serializers.CharField(
        required=False, allow_blank=True, max_length=2_000, help_text="Verplicht bij afsluiten."
    )


class OnderzoekStartSerializer(serializers.Serializer):
    gestartOp = serializers.DateField(required=False, allow_null=True)

    def validate_gestartOp(self, value):
        if value and value > timezone.localdate():
            raise serializers.ValidationError("Deze datum ligt in de toekomst.")
        return value


class GespreksverslagSerializer(serializers.Serializer):
    bevindingen = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=10_000),
        help_text="Per leefgebied (code) de bevindingen.",
    )
    eigenKracht = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    samenvatting = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    afronden = serializers.BooleanField(required=False, default=False, help_text="Het onderzoek afronden.")


class AanvraagCreateSerializer(serializers.Serializer):
    ontvangenOp = serializers.DateField()
    wet = serializers.ChoiceField(choices=Law.choices)
    omschrijving = serializers.CharField(max_length=10_000)
    verslagOndertekend = serializers.BooleanField(required=False, default=False)


class ProductInputSerializer(serializers.Serializer):
    persoon = VisiblePrimaryKey(visible_persons, queryset=Person.objects.none())
    productcategorie = serializers.CharField(max_length=2)
    productcode = serializers.CharField(required=False, allow_blank=True, max_length=5, default="")
    omschrijving = serializers.CharField(max_length=200)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)
    omvang = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_INT)
    eenheid = serializers.CharField(required=False, allow_blank=True, max_length=2, default="")
    frequentie = serializers.CharField(required=False, allow_blank=True, max_length=1, default="")


class DecisionCreateSerializer(serializers.Serializer):
    aanvraag = serializers.PrimaryKeyRelatedField(
        queryset=Aanvraag.objects.none(), help_text="Een aanvraag van deze casus."
    )
    besluitdatum = serializers.DateField()
    uitkomst = serializers.ChoiceField(choices=Decision.Outcome.choices)
    motivering = serializers.CharField(max_length=20_000)
    producten = ProductInputSerializer(many=True, required=False, max_length=50)

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["aanvraag"].queryset = case.aanvragen.all()


class EvaluationCreateSerializer(serializers.Serializer):
    evaluatiedatum = serializers.DateField()
    bevindingen = serializers.CharField(max_length=10_000)
    ondersteuningLooptDoor = serializers.BooleanField()


class PlanAgreementSerializer(serializers.Serializer):
    akkoordOp = serializers.DateField()
    wijzeVanAkkoord = serializers.ChoiceField(choices=Plan.AgreementMethod.choices)


def visible_plans(user):
    return Plan.objects.filter(case__in=Case.objects.visible_to(user))


def visible_goals(user):
    return Goal.objects.filter(plan__case__in=Case.objects.visible_to(user))


def visible_contacts(user):
    return NetworkContact.objects.filter(person__in=Person.objects.visible_to(user))


class GoalWriteSerializer(serializers.Serializer):
    plan = VisiblePrimaryKey(visible_plans, queryset=Plan.objects.none())
    leefgebied = serializers.ChoiceField(choices=LifeDomain.choices)
    omschrijving = serializers.CharField(max_length=10_000)
    persoon = VisiblePrimaryKey(
        visible_persons, queryset=Person.objects.none(), required=False, allow_null=True
    )
    streefdatum = serializers.DateField(required=False, allow_null=True)
    voortgang = serializers.ChoiceField(
        choices=Goal.Status.choices, required=False, help_text="Open, bereikt, deels bereikt of niet bereikt."
    )


class ActionWriteSerializer(serializers.Serializer):
    doel = VisiblePrimaryKey(visible_goals, queryset=Goal.objects.none())
    omschrijving = serializers.CharField(max_length=10_000)
    uitvoerder = serializers.ChoiceField(choices=Action.Carrier.choices)
    naamUitvoerder = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    netwerkcontact = VisiblePrimaryKey(
        visible_contacts, queryset=NetworkContact.objects.none(), required=False, allow_null=True
    )
    uiterlijk = serializers.DateField(required=False, allow_null=True)
    gedaan = serializers.BooleanField(required=False, default=False)


class GoalUpdateSerializer(GoalWriteSerializer):
    plan = None


class ActionUpdateSerializer(ActionWriteSerializer):
    doel = None
