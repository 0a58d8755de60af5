"""API v1 routes of periodic consultation: ``/overleggen`` (meetings with their agenda items, Participatiewet
art. 47 sub a and b) and ``/informatielog`` (information provided to the councils, art. 47 sub c).

Read-only, scoped exactly like the web pages (:class:`schakel.participation.query.CouncilScopedQuerySet`): staff
with ``view_all_councils`` see their municipality, a council member only the councils they hold a seat in.
Who submitted an item or provided information (user accounts) is not exposed. Signals stay out of the API:
they may name their sender (personal data)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from .api import _NoPersonalData
from .models import AgendaItem, InformationItem, Meeting
from .query import VIEW_INFORMATION, VIEW_MEETING


class AgendapuntSerializer(serializers.ModelSerializer):
    onderwerp = serializers.CharField(source="title")
    toelichting = serializers.CharField(source="explanation")
    doorRaad = serializers.BooleanField(
        source="by_council", help_text="Aangemeld door de raad (art. 47 sub b)."
    )  # noqa: N815

    class Meta:
        model = AgendaItem
        fields = ["id", "onderwerp", "toelichting", "doorRaad"]


class OverlegSerializer(serializers.ModelSerializer):
    raad = serializers.IntegerField(source="council_id")
    gemeente = serializers.IntegerField(source="gemeente_id")
    datum = serializers.DateField(source="date")
    plaats = serializers.CharField(source="location")
    uitersteDatumAgendapunten = serializers.DateField(source="agenda_deadline", allow_null=True)  # noqa: N815
    verslag = serializers.CharField(source="minutes")
    besluiten = serializers.CharField(source="decisions")
    verslagVastgelegdOp = serializers.DateField(source="minutes_recorded_on", allow_null=True)  # noqa: N815
    agendapunten = AgendapuntSerializer(source="agenda_items", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "raad",
            "gemeente",
            "datum",
            "plaats",
            "uitersteDatumAgendapunten",
            "verslag",
            "besluiten",
            "verslagVastgelegdOp",
            "agendapunten",
        ]


class InformatieSerializer(serializers.ModelSerializer):
    raad = serializers.IntegerField(source="council_id")
    gemeente = serializers.IntegerField(source="gemeente_id")
    verstrektOp = serializers.DateField(source="provided_on")  # noqa: N815
    onderwerp = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    link = serializers.CharField(source="url")
    aanvraag = serializers.IntegerField(source="request_id", allow_null=True)

    class Meta:
        model = InformationItem
        fields = ["id", "raad", "gemeente", "verstrektOp", "onderwerp", "omschrijving", "link", "aanvraag"]


@extend_schema_view(
    list=extend_schema(
        summary="Periodiek overleg met de agendapunten (een raadslid ziet alleen de eigen raad)"
    ),
    retrieve=extend_schema(summary="Een overleg met agenda, verslag en besluiten"),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoPersonalData):
    serializer_class = OverlegSerializer
    required_perms = (VIEW_MEETING,)

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user)
            .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("id")))
            .order_by("-date", "-id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Informatielog: aan de raden verstrekte informatie (Participatiewet art. 47 sub c)"
    ),
    retrieve=extend_schema(summary="Eén verstrekte informatie"),
)
class InformationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoPersonalData):
    serializer_class = InformatieSerializer
    required_perms = (VIEW_INFORMATION,)

    def get_queryset(self):
        return InformationItem.objects.visible_to(self.request.user).order_by("-provided_on", "-id")


def register(router) -> None:
    router.register("overleggen", MeetingViewSet, basename="overleg")
    router.register("informatielog", InformationViewSet, basename="informatie")
