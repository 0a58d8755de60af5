"""API v1 routes of the participation app: ``/adviesraden``, ``/adviesaanvragen``, ``/adviezen``.

Reads start from the access-aware querysets of :mod:`schakel.participation.query` (a council member sees only
their own council's work); writes call :mod:`schakel.participation.services`. Advice and requests are not
personal data of citizens, so these endpoints write no processing-log entries; signals (which may name a
sender) are not exposed through the API. Meetings and the information log: :mod:`.api_consultation`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from schakel.api.base import SchakelViewSet
from schakel.core.models import Gemeente

from . import services
from .models import Advice, AdvicePoint, AdviceRequest, Council
from .query import VIEW_ADVICE, VIEW_COUNCIL, VIEW_REQUEST
from .vocab import Outcome, PolicyField, PolicyStage


class AdviesraadSerializer(serializers.ModelSerializer):
    soort = serializers.CharField(source="kind")
    naam = serializers.CharField(source="name")
    beleidsvelden = serializers.ListField(source="policy_fields", child=serializers.CharField())
    regio = serializers.IntegerField(source="regio_id", allow_null=True)
    gemeente = serializers.IntegerField(source="gemeente_id")
    budgetEurocentPerJaar = serializers.IntegerField(source="budget_cents")  # noqa: N815

    class Meta:
        model = Council
        fields = [
            "id",
            "naam",
            "soort",
            "gemeente",
            "regio",
            "beleidsvelden",
            "budgetEurocentPerJaar",
            "active",
        ]


class AdviespuntSerializer(serializers.ModelSerializer):
    nummer = serializers.IntegerField(source="number")
    tekst = serializers.CharField(source="text")
    reactie = serializers.CharField(
        source="outcome", help_text="overgenomen, deels, niet_overgenomen of leeg"
    )
    motivering = serializers.CharField(source="motivation")

    class Meta:
        model = AdvicePoint
        fields = ["id", "nummer", "tekst", "reactie", "motivering"]


class AdviesaanvraagSerializer(serializers.ModelSerializer):
    onderwerp = serializers.CharField(source="subject")
    toelichting = serializers.CharField(source="description")
    beleidsveld = serializers.CharField(source="policy_field")
    fase = serializers.CharField(source="stage")
    vroegtijdig = serializers.BooleanField(source="early_involvement")
    uitersteDatumAdvies = serializers.DateField(source="advice_deadline")  # noqa: N815
    reactietermijnWeken = serializers.IntegerField(source="response_weeks")  # noqa: N815
    raden = serializers.PrimaryKeyRelatedField(source="councils", many=True, read_only=True)
    coordinatiepunt = serializers.IntegerField(source="coordination_point_id", allow_null=True)
    verzondenOp = serializers.DateField(source="sent_on")  # noqa: N815
    status = serializers.CharField(
        read_only=True,
        help_text="concept, bij_coordinatiepunt, uitgezet, advies_ontvangen, beantwoord of ingetrokken",
    )

    class Meta:
        model = AdviceRequest
        fields = [
            "id",
            "gemeente",
            "onderwerp",
            "toelichting",
            "beleidsveld",
            "fase",
            "vroegtijdig",
            "uitersteDatumAdvies",
            "reactietermijnWeken",
            "raden",
            "coordinatiepunt",
            "status",
            "verzondenOp",
        ]


class AdviesaanvraagNieuwSerializer(serializers.Serializer):
    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.all(), help_text="CBS-code"
    )
    onderwerp = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(required=False, allow_blank=True)
    beleidsveld = serializers.ChoiceField(choices=PolicyField.choices)
    fase = serializers.ChoiceField(choices=PolicyStage.choices)
    uitersteDatumAdvies = serializers.DateField()  # noqa: N815
    reactietermijnWeken = serializers.IntegerField(min_value=1, max_value=52, default=6)  # noqa: N815
    raden = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all(), many=True, required=False)


class AdviesSerializer(serializers.ModelSerializer):
    raad = serializers.IntegerField(source="council_id")
    aanvraag = serializers.IntegerField(source="request_id", allow_null=True)
    gevraagd = serializers.BooleanField(source="requested")
    preAdvies = serializers.BooleanField(source="is_pre_advice")  # noqa: N815
    namensRaden = serializers.PrimaryKeyRelatedField(source="joint_councils", many=True, read_only=True)  # noqa: N815
    titel = serializers.CharField(source="title")
    samenvatting = serializers.CharField(source="summary")
    beleidsveld = serializers.CharField(source="policy_field")
    uitgebrachtOp = serializers.DateField(source="submitted_on")  # noqa: N815
    uitersteDatumReactie = serializers.DateField(source="response_due")  # noqa: N815
    status = serializers.CharField(
        read_only=True, help_text="concept, pre_advies, uitgebracht, beantwoord of ingetrokken"
    )
    punten = AdviespuntSerializer(source="points", many=True, read_only=True)

    class Meta:
        model = Advice
        fields = [
            "id",
            "raad",
            "aanvraag",
            "gevraagd",
            "preAdvies",
            "namensRaden",
            "titel",
            "samenvatting",
            "beleidsveld",
            "status",
            "uitgebrachtOp",
            "uitersteDatumReactie",
            "punten",
        ]


class AdviesNieuwSerializer(serializers.Serializer):
    raad = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    aanvraag = serializers.PrimaryKeyRelatedField(
        queryset=AdviceRequest.objects.all(), required=False, allow_null=True
    )
    titel = serializers.CharField(max_length=200)
    samenvatting = serializers.CharField(required=False, allow_blank=True)
    beleidsveld = serializers.ChoiceField(choices=PolicyField.choices, required=False)
    punten = serializers.ListField(child=serializers.CharField(), allow_empty=False)


class AdviespuntReactieSerializer(serializers.Serializer):
    punt = serializers.IntegerField(help_text="Id van het adviespunt.")
    reactie = serializers.ChoiceField(choices=Outcome.choices)
    motivering = serializers.CharField(required=False, allow_blank=True, default="")


class AdviesReactieSerializer(serializers.Serializer):
    punten = AdviespuntReactieSerializer(many=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    raadsvoorstelKenmerk = serializers.CharField(required=False, allow_blank=True, default="")  # noqa: N815
    raadsvoorstelUrl = serializers.CharField(required=False, allow_blank=True, default="")  # noqa: N815
    publiceren = serializers.BooleanField(default=False)


class _NoPersonalData(SchakelViewSet):
    def log_read(self, objects, *, detail):  # advice work holds no personal data of citizens
        return None

    def _log_denied(self):
        return None


@extend_schema_view(
    list=extend_schema(summary="Adviesraden die u mag zien"),
    retrieve=extend_schema(summary="Een adviesraad"),
)
class CouncilViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoPersonalData):
    serializer_class = AdviesraadSerializer
    required_perms = (VIEW_COUNCIL,)

    def get_queryset(self):
        return Council.objects.visible_to(self.request.user).order_by("id")


@extend_schema_view(
    list=extend_schema(summary="Adviesaanvragen (een raadslid ziet alleen die van de eigen raad)"),
    retrieve=extend_schema(summary="Een adviesaanvraag"),
)
class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoPersonalData):
    serializer_class = AdviesaanvraagSerializer
    required_perms = (VIEW_REQUEST,)
    service_fields = {
        "subject": "onderwerp",
        "policy_field": "beleidsveld",
        "stage": "fase",
        "advice_deadline": "uitersteDatumAdvies",
        "response_weeks": "reactietermijnWeken",
        "councils": "raden",
    }

    def get_queryset(self):
        return (
            AdviceRequest.objects.visible_to(self.request.user).prefetch_related("councils").order_by("-id")
        )

    @extend_schema(
        summary="Een adviesaanvraag registreren (concept)",
        description="Zonder raden bepaalt het organisatiemodel van de gemeente wie de aanvraag krijgt. Een "
        "uiterste datum in het verleden wordt geweigerd.",
        request=AdviesaanvraagNieuwSerializer,
        responses={201: AdviesaanvraagSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = AdviesaanvraagNieuwSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        created = self.call_service(
            services.create_request,
            request.user,
            v["gemeente"],
            subject=v["onderwerp"],
            description=v.get("toelichting", ""),
            policy_field=v["beleidsveld"],
            stage=v["fase"],
            advice_deadline=v["uitersteDatumAdvies"],
            response_weeks=v["reactietermijnWeken"],
            councils=v.get("raden") or None,
        )
        return ApiResponse(AdviesaanvraagSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="De adviesaanvraag versturen", request=None, responses={200: AdviesaanvraagSerializer}
    )
    @action(detail=True, methods=["post"])
    def versturen(self, request, pk=None, version=None):
        obj = self.get_object()
        return ApiResponse(
            AdviesaanvraagSerializer(self.call_service(services.send_request, request.user, obj)).data
        )


@extend_schema_view(
    list=extend_schema(summary="Adviezen (concepten alleen van uw eigen raad)"),
    retrieve=extend_schema(summary="Een advies met zijn adviespunten en de reactie per punt"),
)
class AdviceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoPersonalData):
    serializer_class = AdviesSerializer
    required_perms = (VIEW_ADVICE,)
    service_fields = {
        "title": "titel",
        "policy_field": "beleidsveld",
        "request": "aanvraag",
        "points": "punten",
    }

    def get_queryset(self):
        return (
            Advice.objects.visible_to(self.request.user)
            .prefetch_related(
                Prefetch("points", queryset=AdvicePoint.objects.order_by("number")), "joint_councils"
            )
            .order_by("-id")
        )

    @extend_schema(
        summary="Een (ongevraagd of gevraagd) conceptadvies registreren",
        request=AdviesNieuwSerializer,
        responses={201: AdviesSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = AdviesNieuwSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        advice = self.call_service(
            services.create_advice,
            request.user,
            v["raad"],
            title=v["titel"],
            summary=v.get("samenvatting", ""),
            policy_field=v.get("beleidsveld", ""),
            request=v.get("aanvraag"),
            points=v["punten"],
        )
        return ApiResponse(
            AdviesSerializer(self.get_queryset().get(pk=advice.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Het advies uitbrengen (of als pre-advies naar het coördinatiepunt)",
        request=None,
        responses={200: AdviesSerializer},
    )
    @action(detail=True, methods=["post"])
    def uitbrengen(self, request, pk=None, version=None):
        advice = self.get_object()
        self.call_service(services.submit_advice, request.user, advice)
        return ApiResponse(AdviesSerializer(self.get_queryset().get(pk=advice.pk)).data)

    @extend_schema(
        summary="De reactie van de gemeente per adviespunt vastleggen (en publiceren)",
        description="Per punt overgenomen, deels of niet overgenomen; een motivering is verplicht tenzij het "
        "punt volledig is overgenomen. Bij een fout wordt niets opgeslagen.",
        request=AdviesReactieSerializer,
        responses={200: AdviesSerializer},
    )
    @action(detail=True, methods=["post"])
    def reactie(self, request, pk=None, version=None):
        from django.db import transaction

        advice = self.get_object()
        data = AdviesReactieSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        with transaction.atomic():
            self.call_service(
                services.record_response,
                request.user,
                advice,
                outcomes={p["punt"]: (p["reactie"], p["motivering"]) for p in v["punten"]},
                summary=v["toelichting"],
                raadsvoorstel_reference=v["raadsvoorstelKenmerk"],
                raadsvoorstel_url=v["raadsvoorstelUrl"],
            )
            if v["publiceren"]:
                self.call_service(services.publish_response, request.user, advice)
        return ApiResponse(AdviesSerializer(self.get_queryset().get(pk=advice.pk)).data)


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("adviesraden", CouncilViewSet, basename="adviesraad")
    router.register("adviesaanvragen", RequestViewSet, basename="adviesaanvraag")
    router.register("adviezen", AdviceViewSet, basename="advies")
    from . import api_consultation

    api_consultation.register(router)
