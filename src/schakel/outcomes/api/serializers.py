"""Serializers of the outcomes API. Field names are Dutch (lowerCamelCase); the rules are checked by
:mod:`schakel.outcomes.services` (scale, dates, one measurement per moment per day, relevance)."""

from __future__ import annotations

from rest_framework import serializers

from schakel.cases.models import Case, Goal
from schakel.people.models import Person

from ..models import (
    GoalOutcome,
    Instrument,
    InstrumentDomain,
    Measurement,
    MeasurementScore,
    Moment,
    ScaleLevel,
)

MAX_SCORE = 100


class ScaleLevelSerializer(serializers.ModelSerializer):
    waarde = serializers.IntegerField(source="value")
    omschrijving = serializers.CharField(source="definition")

    class Meta:
        model = ScaleLevel
        fields = ["waarde", "label", "omschrijving"]


class InstrumentDomainSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    volgorde = serializers.IntegerField(source="order")
    leefgebied = serializers.CharField(source="life_domain")

    class Meta:
        model = InstrumentDomain
        fields = ["id", "code", "naam", "volgorde", "leefgebied"]


class InstrumentSerializer(serializers.ModelSerializer):
    versie = serializers.CharField(source="version")
    naam = serializers.CharField(source="name")
    soort = serializers.ChoiceField(source="kind", choices=Instrument.Kind.choices)
    toelichting = serializers.CharField(source="description")
    bron = serializers.CharField(source="source")
    actief = serializers.BooleanField(source="active")
    domeinen = InstrumentDomainSerializer(source="domains", many=True)
    schaal = ScaleLevelSerializer(source="levels", many=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "code",
            "versie",
            "naam",
            "soort",
            "toelichting",
            "bron",
            "actief",
            "domeinen",
            "schaal",
        ]


class MeasurementScoreSerializer(serializers.ModelSerializer):
    domein = serializers.CharField(source="domain.code")
    domeinNaam = serializers.CharField(source="domain.name")
    eigenKracht = serializers.IntegerField(source="own_strength", allow_null=True)
    netwerk = serializers.IntegerField(source="network", allow_null=True)
    professioneleHulp = serializers.IntegerField(source="professional", allow_null=True)

    class Meta:
        model = MeasurementScore
        fields = ["domein", "domeinNaam", "relevant", "score", "eigenKracht", "netwerk", "professioneleHulp"]


class MeasurementSerializer(serializers.ModelSerializer):
    casus = serializers.IntegerField(source="case_id")
    persoon = serializers.IntegerField(source="person_id")
    huishouden = serializers.IntegerField(source="household_id")
    instrument = serializers.IntegerField(source="instrument_id")
    instrumentNaam = serializers.CharField(source="instrument.__str__")
    moment = serializers.ChoiceField(choices=Moment.choices)
    datum = serializers.DateField(source="measured_on")
    afgenomenDoor = serializers.IntegerField(source="assessor_id", allow_null=True)
    scores = MeasurementScoreSerializer(many=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "casus",
            "persoon",
            "huishouden",
            "instrument",
            "instrumentNaam",
            "moment",
            "datum",
            "afgenomenDoor",
            "scores",
        ]


class MeasurementScoreWriteSerializer(serializers.Serializer):
    domein = serializers.CharField(max_length=40, help_text="Code van het domein van het instrument.")
    relevant = serializers.BooleanField(
        help_text="Relevant voor de hulpvraag. Alleen relevante domeinen krijgen een score."
    )
    score = serializers.IntegerField(required=False, allow_null=True, min_value=-100, max_value=MAX_SCORE)
    eigenKracht = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)
    netwerk = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)
    professioneleHulp = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)


class MeasurementCreateSerializer(serializers.Serializer):
    casus = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    persoon = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    moment = serializers.ChoiceField(choices=Moment.choices)
    datum = serializers.DateField()
    scores = MeasurementScoreWriteSerializer(many=True, allow_empty=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["casus"].queryset = Case.objects.visible_to(request.user)


class GoalOutcomeSerializer(serializers.ModelSerializer):
    doel = serializers.IntegerField(source="goal_id")
    leefgebied = serializers.CharField(source="goal.life_domain")
    status = serializers.CharField(source="goal.status")
    streefdatum = serializers.DateField(source="goal.target_date", allow_null=True)
    streefdomein = serializers.CharField(source="target_domain.code", allow_null=True, default=None)
    streefscore = serializers.IntegerField(source="target_score", allow_null=True)
    resultaat = serializers.CharField(source="result")
    gasScore = serializers.IntegerField(source="gas_score", allow_null=True)
    beoordeeldOp = serializers.DateField(source="assessed_on", allow_null=True)

    class Meta:
        model = GoalOutcome
        fields = [
            "id",
            "doel",
            "leefgebied",
            "status",
            "streefdatum",
            "streefdomein",
            "streefscore",
            "resultaat",
            "gasScore",
            "beoordeeldOp",
        ]


class GoalOutcomeWriteSerializer(serializers.Serializer):
    doel = serializers.PrimaryKeyRelatedField(queryset=Goal.objects.none())
    streefscore = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=-100,
        max_value=MAX_SCORE,
        help_text="Streefscore op het domein van het doel (ZRM 2017).",
    )
    resultaat = serializers.ChoiceField(
        required=False,
        choices=[c for c in Goal.Status.choices if c[0] != Goal.Status.OPEN],
        help_text="Doelrealisatie: bereikt, deels of niet_bereikt. Zet ook de status van het doel.",
    )
    gasScore = serializers.IntegerField(required=False, allow_null=True, min_value=-100, max_value=MAX_SCORE)
    beoordeeldOp = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["doel"].queryset = Goal.objects.filter(
                plan__case__in=Case.objects.visible_to(request.user)
            ).select_related("plan__case")

    def validate(self, attrs):
        if "streefscore" not in attrs and "resultaat" not in attrs:
            raise serializers.ValidationError("Geef een streefscore, een resultaat of beide.")
        return attrs
