"""Plan endpoints: ``/plannen`` (read, record the citizen's agreement), ``/doelen`` and ``/acties``.

"Eén gezin, één plan": goals per life domain (Zelfredzaamheid-Matrix) with actions, each saying who
carries it. Visibility follows the case (``Case.objects.visible_to``); changes go through
``add_goal``/``update_goal``/``add_action``/``update_action``/``agree_plan`` in :mod:`schakel.cases.services`.
There is no delete: a goal that is dropped gets the status ``niet_bereikt``, keeping the plan's history.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet, household_members

from .. import services
from ..models import Action, Case, Goal, Plan
from . import serializers as s
from .views import IdFilter, filters, members_prefetch

GOAL_FIELDS = {
    "life_domain": "leefgebied",
    "description": "omschrijving",
    "person": "persoon",
    "target_date": "streefdatum",
    "status": "voortgang",
}
ACTION_FIELDS = {"description": "omschrijving", "carrier": "uitvoerder", "network_contact": "netwerkcontact"}


def visible_cases(user):
    return Case.objects.visible_to(user)


class PlanPartViewSet(SchakelViewSet):
    """Common behaviour of plans, goals and actions: logged reads, writes through the services.

    Subclasses list this class *before* the DRF mixins, so that its logged ``retrieve`` wins.
    """

    list_categories = ("naam", "casusgegevens", "plan")
    detail_categories = list_categories
    case_path = ""

    def case_of(self, obj) -> Case:
        for part in self.case_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def persons_of(self, obj):
        return household_members(self.case_of(obj).household)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.log_read([obj], detail=True)
        return Response(self.get_serializer(obj).data)

    def _body(self, serializer_class, *, partial=False, initial=None):
        data = self.request.data
        if partial and isinstance(data, dict):
            data = {**(initial or {}), **data}
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _fresh(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        obj = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(obj).data, status=code)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Een plan inzien",
        description="Het plan van een casus met doelen per leefgebied en acties. Wordt vastgelegd "
        "in de verwerkingenlog.",
    ),
    update=extend_schema(
        summary="Akkoord van de inwoner vastleggen",
        description="Legt vast wanneer en hoe de inwoner akkoord gaf met het plan. Een plan zonder "
        "doelen kan niet worden vastgesteld.",
        request=s.PlanAgreementSerializer,
        responses={200: s.PlanSerializer},
    ),
)
class PlanViewSet(PlanPartViewSet, mixins.RetrieveModelMixin, mixins.UpdateModelMixin):
    serializer_class = s.PlanSerializer
    http_method_names = ["get", "put", "head", "options"]
    log_object_type = "plan"
    log_operation = "plannen"
    gemeente_path = "case__gemeente_id"
    case_path = "case"
    service_fields = {"agreed_on": "akkoordOp", "agreement_method": "wijzeVanAkkoord"}

    def get_queryset(self):
        return (
            Plan.objects.filter(case__in=visible_cases(self.request.user))
            .select_related("case__household")
            .prefetch_related(
                members_prefetch("case__household__"),
                Prefetch(
                    "goals",
                    queryset=Goal.objects.prefetch_related(
                        Prefetch("actions", queryset=Action.objects.order_by("id"))
                    ).order_by("position", "id"),
                ),
            )
            .order_by("id")
        )

    def update(self, request, *args, **kwargs):
        plan = self.get_object()
        data = self._body(s.PlanAgreementSerializer)
        self.call_service(
            services.agree_plan,
            request.user,
            plan.case,
            agreed_on=data["akkoordOp"],
            method=data["wijzeVanAkkoord"],
        )
        return self._fresh(plan.pk)


class GoalFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", help_text="Id van het plan.")
    casus = IdFilter(field_name="plan__case_id", help_text="Id van de casus.")

    class Meta:
        model = Goal
        fields = ["plan", "casus"]


@extend_schema_view(
    list=extend_schema(summary="Doelen", description="Doelen uit de plannen in uw werkvoorraad, met acties."),
    retrieve=extend_schema(summary="Een doel inzien"),
    create=extend_schema(
        summary="Een doel toevoegen aan een plan",
        request=s.GoalWriteSerializer,
        responses={201: s.GoalSerializer},
    ),
    update=extend_schema(
        summary="Een doel wijzigen", request=s.GoalUpdateSerializer, responses={200: s.GoalSerializer}
    ),
    partial_update=extend_schema(
        summary="Een doel gedeeltelijk wijzigen",
        request=s.GoalUpdateSerializer,
        responses={200: s.GoalSerializer},
    ),
)
class GoalViewSet(
    PlanPartViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    serializer_class = s.GoalSerializer
    filterset_class = GoalFilter
    log_object_type = "doel"
    log_operation = "doelen"
    gemeente_path = "plan__case__gemeente_id"
    case_path = "plan__case"
    service_fields = GOAL_FIELDS

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def get_queryset(self):
        return (
            Goal.objects.filter(plan__case__in=visible_cases(self.request.user))
            .select_related("plan__case__household")
            .prefetch_related(
                members_prefetch("plan__case__household__"),
                Prefetch("actions", queryset=Action.objects.order_by("id")),
            )
            .order_by("plan_id", "position", "id")
        )

    def create(self, request, *args, **kwargs):
        data = self._body(s.GoalWriteSerializer)
        goal = self.call_service(
            services.add_goal,
            request.user,
            data["plan"].case,
            life_domain=data["leefgebied"],
            description=data["omschrijving"],
            person=data.get("persoon"),
            target_date=data.get("streefdatum"),
        )
        return self._fresh(goal.pk, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        goal = self.get_object()
        current = {
            "leefgebied": goal.life_domain,
            "omschrijving": goal.description,
            "persoon": goal.person_id,
            "streefdatum": goal.target_date,
            "voortgang": goal.status,
        }
        data = self._body(s.GoalUpdateSerializer, partial=kwargs.get("partial", False), initial=current)
        self.call_service(
            services.update_goal,
            request.user,
            goal,
            life_domain=data["leefgebied"],
            description=data["omschrijving"],
            person=data.get("persoon"),
            target_date=data.get("streefdatum"),
            status=data.get("voortgang"),
        )
        return self._fresh(goal.pk)


class ActionFilter(filters.FilterSet):
    doel = IdFilter(field_name="goal_id", help_text="Id van het doel.")

    class Meta:
        model = Action
        fields = ["doel"]


@extend_schema_view(
    list=extend_schema(summary="Acties", description="Acties bij de doelen in uw werkvoorraad."),
    retrieve=extend_schema(summary="Een actie inzien"),
    create=extend_schema(
        summary="Een actie toevoegen aan een doel",
        description="Zeg wie de actie uitvoert: de inwoner, het netwerk, een vrijwilliger, een "
        "algemene voorziening of een professional (maatwerk).",
        request=s.ActionWriteSerializer,
        responses={201: s.ActionSerializer},
    ),
    update=extend_schema(
        summary="Een actie wijzigen", request=s.ActionUpdateSerializer, responses={200: s.ActionSerializer}
    ),
    partial_update=extend_schema(
        summary="Een actie gedeeltelijk wijzigen",
        request=s.ActionUpdateSerializer,
        responses={200: s.ActionSerializer},
    ),
)
class ActionViewSet(
    PlanPartViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    serializer_class = s.ActionSerializer
    filterset_class = ActionFilter
    log_object_type = "actie"
    log_operation = "acties"
    gemeente_path = "goal__plan__case__gemeente_id"
    case_path = "goal__plan__case"
    service_fields = ACTION_FIELDS

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def get_queryset(self):
        return (
            Action.objects.filter(goal__plan__case__in=visible_cases(self.request.user))
            .select_related("goal__plan__case__household")
            .prefetch_related(members_prefetch("goal__plan__case__household__"))
            .order_by("goal_id", "id")
        )

    def create(self, request, *args, **kwargs):
        data = self._body(s.ActionWriteSerializer)
        new = self.call_service(
            services.add_action,
            request.user,
            data["doel"],
            description=data["omschrijving"],
            carrier=data["uitvoerder"],
            carrier_name=data.get("naamUitvoerder", ""),
            network_contact=data.get("netwerkcontact"),
            due_date=data.get("uiterlijk"),
        )
        return self._fresh(new.pk, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        item = self.get_object()
        current = {
            "omschrijving": item.description,
            "uitvoerder": item.carrier,
            "naamUitvoerder": item.carrier_name,
            "netwerkcontact": item.network_contact_id,
            "uiterlijk": item.due_date,
            "gedaan": item.done,
        }
        data = self._body(s.ActionUpdateSerializer, partial=kwargs.get("partial", False), initial=current)
        self.call_service(
            services.update_action,
            request.user,
            item,
            description=data["omschrijving"],
            carrier=data["uitvoerder"],
            carrier_name=data.get("naamUitvoerder", ""),
            network_contact=data.get("netwerkcontact"),
            due_date=data.get("uiterlijk"),
            done=data.get("gedaan", False),
        )
        return self._fresh(item.pk)
