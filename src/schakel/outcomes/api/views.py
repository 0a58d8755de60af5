"""Endpoints ``/meetinstrumenten`` (read), ``/metingen`` (list, create, detail) and ``/doelrealisaties``.

Reads start from the access-aware querysets (``Measurement.objects.visible_to``, ``Case.objects.visible_to``);
every person shown is written to the processing log (activity ``uitkomstmeting-sociaal-domein``); writes go
through :mod:`schakel.outcomes.services`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet, household_members, unique_persons
from schakel.cases.api.views import IdFilter, members_prefetch
from schakel.cases.models import Case
from schakel.core.access import policy_for
from schakel.people.services import log_read

from .. import services
from ..models import GoalOutcome, Instrument, Measurement, MeasurementScore, Moment
from ..services._base import ACTIVITY, CATEGORIES
from . import serializers as s

MEASUREMENT_FIELDS = {"person": "persoon", "measured_on": "datum", "case": "casus"}
GOAL_FIELDS = {
    "result": "resultaat",
    "gas_score": "gasScore",
    "assessed_on": "beoordeeldOp",
    "target_score": "streefscore",
    "target_domain": "streefdomein",
    "target_date": "streefdatum",
}


class OutcomeViewSet(SchakelViewSet):
    """Logs reads under this app's processing activity. Listed BEFORE the DRF mixins so its logged
    ``list``/``retrieve`` win."""

    def log_read(self, objects, *, detail: bool) -> None:
        persons = unique_persons(p for obj in objects for p in self.persons_of(obj))
        log_read(
            self.request.user,
            persons,
            operation=f"api.{self.log_operation}.{'inzien' if detail else 'lijst'}",
            data_categories=list(self.detail_categories if detail else self.list_categories),
            activity_code=ACTIVITY,
        )

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.log_read([obj], detail=True)
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())


@extend_schema_view(
    list=extend_schema(
        summary="Meetinstrumenten", description="Instrumenten met versie, domeinen en schaal."
    ),
    retrieve=extend_schema(summary="Een meetinstrument"),
)
class InstrumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    """Reference data without personal data: nothing to log."""

    serializer_class = s.InstrumentSerializer
    required_perms = ("outcomes.view_instrument",)

    def get_queryset(self):
        return Instrument.objects.prefetch_related("domains", "levels").order_by("code", "-version")


class MeasurementFilter(filters.FilterSet):
    casus = IdFilter(field_name="case_id", help_text="Id van de casus.")
    persoon = IdFilter(field_name="person_id", help_text="Id van de persoon.")
    huishouden = IdFilter(field_name="household_id", help_text="Id van het huishouden.")
    instrument = IdFilter(field_name="instrument_id", help_text="Id van de instrumentversie.")
    moment = filters.ChoiceFilter(choices=Moment.choices)

    class Meta:
        model = Measurement
        fields = ["casus", "persoon", "huishouden", "instrument", "moment"]


@extend_schema_view(
    list=extend_schema(
        summary="Metingen",
        description="Metingen van personen in huishoudens die u mag zien. Vastgelegd in de verwerkingenlog.",
    ),
    retrieve=extend_schema(summary="Een meting inzien", description="Vastgelegd in de verwerkingenlog."),
    create=extend_schema(
        summary="Een meting vastleggen",
        description="Per domein eerst of het relevant is voor de hulpvraag; alleen relevante domeinen krijgen "
        "een score binnen de schaal van het instrument (AP 2018). Niet vóór de start van de casus, niet in de "
        "toekomst, één meting per moment per dag.",
        request=s.MeasurementCreateSerializer,
        responses={201: s.MeasurementSerializer},
    ),
)
class MeasurementViewSet(
    OutcomeViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin
):
    serializer_class = s.MeasurementSerializer
    filterset_class = MeasurementFilter
    required_perms = ("outcomes.view_measurement",)
    log_object_type = "meting"
    log_operation = "metingen"
    list_categories = tuple(CATEGORIES)
    detail_categories = tuple(CATEGORIES)
    service_fields = MEASUREMENT_FIELDS

    def get_queryset(self):
        return (
            Measurement.objects.visible_to(self.request.user)
            .select_related("instrument", "person")
            .prefetch_related(
                Prefetch(
                    "scores",
                    queryset=MeasurementScore.objects.select_related("domain").order_by("domain__order"),
                )
            )
            .order_by("-measured_on", "-id")
        )

    def persons_of(self, obj):
        return [obj.person]

    def create(self, request, *args, **kwargs):
        body = s.MeasurementCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        scores = [
            services.ScoreInput(
                domain=item["domein"],
                relevant=item["relevant"],
                score=item.get("score"),
                own_strength=item.get("eigenKracht"),
                network=item.get("netwerk"),
                professional=item.get("professioneleHulp"),
            )
            for item in data["scores"]
        ]
        measurement = self.call_service(
            services.record_measurement,
            request.user,
            data["casus"],
            person=data["persoon"],
            instrument=data["instrument"],
            moment=data["moment"],
            measured_on=data["datum"],
            scores=scores,
        )
        fresh = self.get_queryset().get(pk=measurement.pk)
        return Response(s.MeasurementSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Doelrealisaties", description="Streefscores en doelrealisatie van plandoelen."
    ),
    retrieve=extend_schema(summary="Een doelrealisatie inzien"),
    create=extend_schema(
        summary="Streefscore of doelrealisatie vastleggen",
        description="Streefscore op het domein van het doel en/of het resultaat (bereikt, deels, niet bereikt) "
        "met een optionele GAS-score −2..+2. Het resultaat zet ook de status van het doel in het plan.",
        request=s.GoalOutcomeWriteSerializer,
        responses={201: s.GoalOutcomeSerializer},
    ),
)
class GoalOutcomeViewSet(
    OutcomeViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin
):
    serializer_class = s.GoalOutcomeSerializer
    required_perms = ("outcomes.view_goaloutcome",)
    log_object_type = "doelrealisatie"
    log_operation = "doelrealisaties"
    list_categories = ("plan", "doelrealisatie")
    detail_categories = list_categories
    gemeente_path = "gemeente_id"
    service_fields = GOAL_FIELDS

    def get_queryset(self):
        user = self.request.user
        return (
            GoalOutcome.objects.filter(goal__plan__case__in=Case.objects.visible_to(user))
            .filter(gemeente_id__in=policy_for(user).gemeenten_with("outcomes.view_goaloutcome"))
            .select_related("goal__plan__case__household", "target_domain")
            .prefetch_related(members_prefetch("goal__plan__case__household__"))
            .order_by("-id")
        )

    def persons_of(self, obj):
        return household_members(obj.goal.plan.case.household)

    def create(self, request, *args, **kwargs):
        body = s.GoalOutcomeWriteSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        goal = data["doel"]
        with transaction.atomic():
            if "streefscore" in data:
                self.call_service(
                    services.set_goal_target, request.user, goal, target_score=data["streefscore"]
                )
            if "resultaat" in data:
                self.call_service(
                    services.record_goal_attainment,
                    request.user,
                    goal,
                    result=data["resultaat"],
                    gas_score=data.get("gasScore"),
                    assessed_on=data.get("beoordeeldOp"),
                )
        fresh = self.get_queryset().get(goal=goal)
        return Response(s.GoalOutcomeSerializer(fresh).data, status=status.HTTP_201_CREATED)
