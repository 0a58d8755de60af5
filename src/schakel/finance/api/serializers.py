"""Serializers of the finance API (Dutch field names; money as integer eurocent, ``...Cent``)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import BudgetAmendment, EarmarkKind, PaymentRun


class FiguresSerializer(serializers.Serializer):
    oormerk = serializers.SerializerMethodField()
    budgetCent = serializers.IntegerField(source="budget_cents")
    gerealiseerdCent = serializers.IntegerField(source="realised_cents")
    verplichtCent = serializers.IntegerField(source="committed_cents")
    nieuweInstroomCent = serializers.IntegerField(source="new_demand_cents")
    prognoseCent = serializers.IntegerField(source="forecast_cents")
    signaalgrensCent = serializers.IntegerField(source="limit_cents")
    overschrijding = serializers.BooleanField(source="over_limit")
    perMaandCent = serializers.ListField(child=serializers.IntegerField(), source="by_month")

    def get_oormerk(self, obj) -> str | None:
        return obj.earmark.kind if obj.earmark else None


class AmendmentSerializer(serializers.ModelSerializer):
    oormerk = serializers.SerializerMethodField()
    wijzigingCent = serializers.IntegerField(source="delta_cents")
    reden = serializers.CharField(source="reason")
    kenmerk = serializers.CharField(source="reference")
    beslotenOp = serializers.DateField(source="decided_on")
    vastgelegdOp = serializers.DateTimeField(source="created_at")

    class Meta:
        model = BudgetAmendment
        fields = ["id", "oormerk", "wijzigingCent", "reden", "kenmerk", "beslotenOp", "vastgelegdOp"]

    def get_oormerk(self, obj) -> str | None:
        return obj.earmark.kind if obj.earmark_id else None


class BudgetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gemeente = serializers.IntegerField(source="gemeente_id", allow_null=True)
    regio = serializers.IntegerField(source="regio_id", allow_null=True)
    jaar = serializers.IntegerField(source="year")
    soort = serializers.CharField(source="kind", help_text="sociaal_domein of inkomensdeel")
    naam = serializers.CharField(source="name")
    primitiefCent = serializers.IntegerField(source="initial_cents")
    signaleringsmargeBasispunten = serializers.IntegerField(source="alert_margin_bp")


class BudgetDetailSerializer(BudgetSerializer):
    cijfers = FiguresSerializer(many=True, source="figures")
    wijzigingen = AmendmentSerializer(many=True, source="amendment_list")


class AmendmentInputSerializer(serializers.Serializer):
    wijzigingCent = serializers.IntegerField(help_text="Met teken; negatief = verlaging.")
    reden = serializers.CharField()
    kenmerk = serializers.CharField(required=False, allow_blank=True, default="")
    beslotenOp = serializers.DateField()
    oormerk = serializers.ChoiceField(
        choices=EarmarkKind.choices, required=False, allow_null=True, default=None
    )


class CommitmentRowSerializer(serializers.Serializer):
    oormerk = serializers.CharField(source="earmark_kind")
    uitvoeringsvariant = serializers.CharField(source="variant")
    productcategorie = serializers.CharField(source="product_category")
    aanbieder = serializers.IntegerField(source="provider_id")
    aantal = serializers.IntegerField(source="n")
    verplichtCent = serializers.IntegerField(source="total")


class RealisationRowSerializer(serializers.Serializer):
    oormerk = serializers.CharField(source="earmark_kind")
    maand = serializers.IntegerField(source="month")
    gemeentelijkCent = serializers.IntegerField(source="municipal")
    partnerCent = serializers.IntegerField(source="partner")
    aantalRegels = serializers.IntegerField(source="n")


class PaymentRunSerializer(serializers.ModelSerializer):
    aanbieder = serializers.IntegerField(source="provider_id")
    gemeente = serializers.IntegerField(source="gemeente_id", allow_null=True)
    kenmerk = serializers.CharField(source="reference")
    status = serializers.CharField(
        help_text="concept, ingediend, goedgekeurd, betaald, afgekeurd of geannuleerd (transitietabel)"
    )
    uitvoeringsdatum = serializers.DateField(source="execution_date")
    totaalCent = serializers.IntegerField(source="total_cents")
    aantalRegels = serializers.IntegerField(source="line_count")
    voorbereidDoor = serializers.CharField(source="prepared_by.username")
    beoordeeldDoor = serializers.CharField(source="approved_by.username", allow_null=True, default=None)

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "gemeente",
            "aanbieder",
            "kenmerk",
            "status",
            "uitvoeringsdatum",
            "totaalCent",
            "aantalRegels",
            "voorbereidDoor",
            "beoordeeldDoor",
        ]


class PrepareRunSerializer(serializers.Serializer):
    gemeente = serializers.IntegerField(min_value=1)
    aanbieder = serializers.IntegerField(min_value=1)
    uitvoeringsdatum = serializers.DateField()


class RunActionSerializer(serializers.Serializer):
    actie = serializers.ChoiceField(
        choices=["indienen", "annuleren", "goedkeuren", "afkeuren", "terugtrekken", "betaald"]
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
