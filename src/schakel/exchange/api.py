"""REST transport for providers (``/api/v1/aanbieder/...``), authenticated per provider.

A provider's user (``contracts.ProviderUser`` with ``exchange.exchange_as_provider``; a DRF token issued in
the admin, or a session with the second factor) sees only the messages and allocations of their own
provider(s): every queryset starts from :meth:`MessageQuerySet.of_provider`.

* ``GET  /aanbieder/berichten/`` — messages to and from the provider (``?richting=uit&status=klaar`` = to fetch)
* ``GET  /aanbieder/berichten/{id}/`` — one message with its XML
* ``POST /aanbieder/berichten/`` — deliver a message (body: the XML, ``Content-Type: application/xml``, or
  JSON ``{"xml": "..."}``); it is received, processed and answered at once; the answer names the retour
* ``POST /aanbieder/berichten/{id}/opgehaald/`` — mark an outgoing message as fetched (sent)
* ``GET  /aanbieder/toewijzingen/`` — the provider's allocations
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet

from . import pipeline, services, xml
from .models import Message
from .query import AS_PROVIDER, provider_ids_of
from .views.common import explained, log_message_read

#: Allocations are read under the contracts app's processing activity (toewijzing aan een zorgaanbieder).
PROVIDER_ACTIVITY = "toewijzing-zorgaanbieder"


class XmlBodyParser(BaseParser):
    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"xml_bytes": stream.read(xml.MAX_BYTES + 1)}


class MessageSerializer(serializers.ModelSerializer):
    bericht = serializers.CharField(source="name", read_only=True)
    richting = serializers.CharField(source="direction", read_only=True)
    retourcodes = serializers.SerializerMethodField()
    retourbericht = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "bericht", "richting", "identificatie", "dagtekening", "status", "retourcodes", "error",
                  "received_at", "sent_at", "retourbericht"]  # fmt: skip

    def get_retourcodes(self, obj) -> list[dict]:
        return explained(obj.codes)

    def get_retourbericht(self, obj) -> int | None:
        retours = getattr(obj, "_retour_ids", None)
        return retours[0] if retours else None


class MessageDetailSerializer(MessageSerializer):
    xml = serializers.SerializerMethodField()

    class Meta(MessageSerializer.Meta):
        fields = [*MessageSerializer.Meta.fields, "xml"]

    def get_xml(self, obj) -> str:
        return bytes(obj.raw or b"").decode("utf-8", errors="replace")


class ProviderAllocationSerializer(serializers.Serializer):
    toewijzingnummer = serializers.IntegerField(source="number")
    wet = serializers.CharField(source="law")
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")
    volume = serializers.IntegerField()
    eenheid = serializers.CharField(source="unit")
    frequentie = serializers.CharField(source="frequency")
    budget = serializers.IntegerField(source="budget_cents")
    status = serializers.CharField()
    levering = serializers.CharField(source="delivery_status")


class ProviderViewSet(SchakelViewSet):
    required_perms = (AS_PROVIDER,)
    gemeente_path = "gemeente_id"


class ProviderMessageViewSet(ProviderViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Berichten van en voor uw eigen organisatie (zorgaanbieder)."""

    serializer_class = MessageSerializer
    parser_classes = [XmlBodyParser, JSONParser]
    log_operation = "aanbieder.berichten"

    def get_queryset(self):
        qs = Message.objects.of_provider(self.request.user).defer("raw").order_by("-received_at", "-id")
        if self.action == "retrieve":
            qs = Message.objects.of_provider(self.request.user)
        direction = self.request.query_params.get("richting")
        if direction in ("in", "uit"):
            qs = qs.filter(direction=direction)
        wanted = self.request.query_params.get("status")
        if wanted:
            qs = qs.filter(status=wanted)
        return qs

    def get_serializer_class(self):
        return MessageDetailSerializer if self.action == "retrieve" else MessageSerializer

    @extend_schema(
        summary="Uw berichten",
        description="Berichten van en aan uw organisatie; filter op richting en status.",
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary="Eén bericht met de XML", description="Wordt vastgelegd in de verwerkingenlog.")
    def retrieve(self, request, *args, **kwargs):
        message = self.get_object()
        log_message_read(request.user, message, "api.aanbieder.berichten.inzien")
        return Response(self.get_serializer(message).data)

    @extend_schema(
        summary="Een bericht aanleveren",
        description="Het bericht (XML, max. 25 MB) wordt ontvangen, gecontroleerd en direct beantwoord met een "
        "retourbericht (op te halen via de lijst). Een bericht dat niet aan het XSD voldoet wordt afgewezen "
        "zonder retourbericht (niveau 1).",
        request={"application/xml": bytes},
        responses={201: MessageSerializer},
    )
    def create(self, request, *args, **kwargs):
        providers = provider_ids_of(request.user)
        if not hasattr(request.data, "get"):  # e.g. a JSON array
            raise ValidationError({"xml": ["Lever het bericht aan als XML."]})
        data = request.data.get("xml_bytes")
        if data is None:
            text = request.data.get("xml") if hasattr(request.data, "get") else None
            if not isinstance(text, str) or not text.strip():
                raise ValidationError({"xml": ["Lever het bericht aan als XML."]})
            data = text.encode("utf-8")
        if len(providers) != 1:
            raise ValidationError({"non_field_errors": ["Uw account hoort niet bij precies één aanbieder."]})
        from schakel.contracts.models import Provider

        message = pipeline.receive(data, source="api", provider=Provider.objects.get(pk=providers[0]))
        pipeline.process_pending(only_ids=[message.pk])
        message.refresh_from_db()
        message._retour_ids = list(message.retours.values_list("pk", flat=True))
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Bericht opgehaald", request=None, responses={200: MessageSerializer})
    @action(detail=True, methods=["post"], url_path="opgehaald")
    def fetched(self, request, pk=None, **kwargs):
        message = self.get_object()
        if message.direction != "uit":
            raise ValidationError(
                {"non_field_errors": ["Alleen berichten aan u kunnen als opgehaald worden gemeld."]}
            )
        services.mark_sent([message])
        return Response(MessageSerializer(message).data)


class ProviderAllocationViewSet(ProviderViewSet, mixins.ListModelMixin):
    """De toewijzingen aan uw eigen organisatie."""

    serializer_class = ProviderAllocationSerializer
    log_operation = "aanbieder.toewijzingen"

    def get_queryset(self):
        from schakel.contracts.models import Allocation

        # visible_to limits provider staff to the municipalities where they hold the provider permission
        return (
            Allocation.objects.visible_to(self.request.user)
            .filter(provider_id__in=provider_ids_of(self.request.user))
            .select_related("person")
            .order_by("number")
        )

    @extend_schema(
        summary="Uw toewijzingen",
        description="De toewijzingen aan uw eigen organisatie. Wordt vastgelegd in de verwerkingenlog.",
    )
    def list(self, request, *args, **kwargs):
        from schakel.people.services import log_read

        page = self.paginate_queryset(self.get_queryset())
        log_read(
            request.user,
            {a.person_id: a.person for a in page}.values(),
            operation="api.aanbieder.toewijzingen.lijst",
            data_categories=["naam", "toewijzing"],
            activity_code=PROVIDER_ACTIVITY,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("aanbieder/berichten", ProviderMessageViewSet, basename="aanbieder-bericht")
    router.register("aanbieder/toewijzingen", ProviderAllocationViewSet, basename="aanbieder-toewijzing")
