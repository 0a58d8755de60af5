"""API v1 of the cooperation with health insurers: ``/interventies`` (read) and ``/verwijzingen``.

Referrals are visible as in the web UI (``query.referrals_visible_to``): staff through the case, external
partner users (DRF token) only for their own organisation and only while the consent covers them — and
then only the data categories the citizen consented to. Every read is in the processing log.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet
from schakel.core.access import policy_for

from . import services
from .models import HealthScreening, Intervention, Referral, ReferralStatus
from .query import partner_link, referrals_visible_to


class CostShareSerializer(serializers.Serializer):
    betaler = serializers.CharField(source="payer")
    aandeelBasispunten = serializers.IntegerField(source="share_bp")


class InterventionSerializer(serializers.ModelSerializer):
    soort = serializers.CharField(source="kind")
    naam = serializers.CharField(source="name")
    doelgroep = serializers.CharField(source="target_group")
    uitvoerder = serializers.CharField(source="deliverer.name")
    kostenPerDeelnemerEurocent = serializers.IntegerField(source="price_cents")
    nazorg = serializers.CharField(source="follow_up")
    kostenverdeling = CostShareSerializer(source="cost_shares", many=True)
    actief = serializers.BooleanField(source="active")

    class Meta:
        model = Intervention
        fields = [
            "id",
            "soort",
            "naam",
            "doelgroep",
            "uitvoerder",
            "kostenPerDeelnemerEurocent",
            "nazorg",
            "kostenverdeling",
            "actief",
        ]


@extend_schema_view(
    list=extend_schema(summary="Interventies van de samenwerkingen met zorgverzekeraars"),
    retrieve=extend_schema(summary="Een interventie"),
)
class InterventionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    serializer_class = InterventionSerializer
    required_perms = ("partners.view_intervention",)
    gemeente_path = "partnership__gemeente_id"

    def get_queryset(self):
        user = self.request.user
        queryset = (
            Intervention.objects.select_related("deliverer").prefetch_related("cost_shares").order_by("id")
        )
        link = partner_link(user)
        if link is not None:
            if link.deliverer_id:
                return queryset.filter(deliverer_id=link.deliverer_id)
            return queryset.filter(partnership__insurer_id=link.insurer_id)
        return queryset.filter(
            partnership__gemeente_id__in=policy_for(user).gemeenten_with("partners.view_partnership")
        )


class ReferralSerializer(serializers.ModelSerializer):
    interventie = serializers.IntegerField(source="intervention_id")
    status = serializers.CharField()
    aangemeldOp = serializers.DateField(source="referred_on")
    gestartOp = serializers.DateField(source="started_on", allow_null=True)
    beeindigdOp = serializers.DateField(source="ended_on", allow_null=True)
    gedeeldeGegevens = serializers.SerializerMethodField(
        help_text="Alleen de gegevens waarvoor de inwoner toestemming gaf (voor partners); voor medewerkers "
        "van de gemeente de naam."
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "interventie",
            "status",
            "aangemeldOp",
            "gestartOp",
            "beeindigdOp",
            "gedeeldeGegevens",
        ]

    def get_gedeeldeGegevens(self, referral) -> dict[str, str]:
        user = self.context["request"].user
        if partner_link(user) is not None:
            return {key: str(value) for key, value in services.shared_view(referral, user).items()}
        return {"naam": referral.person.full_name}


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    datum = serializers.DateField(required=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    ervarenGezondheid = serializers.IntegerField(required=False, min_value=1, max_value=5, allow_null=True)


class FeedbackSerializer(serializers.Serializer):
    tekst = serializers.CharField(max_length=4000)


@extend_schema_view(
    list=extend_schema(
        summary="Verwijzingen naar interventies", description="Wordt vastgelegd in de verwerkingenlog."
    ),
    retrieve=extend_schema(summary="Een verwijzing", description="Wordt vastgelegd in de verwerkingenlog."),
)
class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    serializer_class = ReferralSerializer
    required_perms = ("partners.view_referral",)
    service_fields = {
        "on": "datum",
        "note": "toelichting",
        "health_after": "ervarenGezondheid",
        "text": "tekst",
    }

    def get_queryset(self):
        queryset = (
            referrals_visible_to(self.request.user)
            .select_related("person", "consent", "case")
            .order_by("-id")
        )
        if partner_link(self.request.user) is not None:  # shared_view may show the latest screening
            screenings = HealthScreening.objects.prefetch_related("answers__area")
            queryset = queryset.prefetch_related(Prefetch("case__health_screenings", queryset=screenings))
        return queryset

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.log_partner_read(request.user, page, detail=False)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        services.log_partner_read(request.user, [referral], detail=True)
        return Response(self.get_serializer(referral).data)

    @extend_schema(
        summary="Status van een verwijzing wijzigen", request=StatusSerializer, responses=ReferralSerializer
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, *args, **kwargs):
        referral = self.get_object()
        body = StatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        updated = self.call_service(
            services.change_status,
            request.user,
            referral,
            data["status"],
            on=data.get("datum"),
            note=data["toelichting"],
            health_after=data.get("ervarenGezondheid"),
        )
        return Response(self.get_serializer(updated).data)

    @extend_schema(
        summary="Terugkoppeling van de uitvoerder", request=FeedbackSerializer, responses=ReferralSerializer
    )
    @action(detail=True, methods=["post"], url_path="terugkoppeling")
    def feedback(self, request, *args, **kwargs):
        referral = self.get_object()
        body = FeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.call_service(services.add_feedback, request.user, referral, body.validated_data["tekst"])
        return Response(self.get_serializer(referral).data)


def register(router) -> None:
    """Register this app's viewsets on the v1 router (called by ``schakel.api.v1``)."""
    router.register("interventies", InterventionViewSet, basename="interventie")
    router.register("verwijzingen", ReferralViewSet, basename="verwijzing")
