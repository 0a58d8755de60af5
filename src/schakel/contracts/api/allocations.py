"""``/toewijzingen``: read allocations (need-to-know, processing log) and manage them as municipal staff.

Writes go through the same services as the screens (:mod:`schakel.contracts.services`: ``allocate``,
``change_allocation``, ``withdraw_allocation``, ``delete_allocation``), one transaction each, so every
iWmo/iJw 3.2 rule holds here too (TR332, OP259, CD041/CD075–CD080, CS338/CS343, IV066/CS336, OP033x1, OP380,
CS335, TR385) and the exchange queues the 301 on commit, as after a change in the UI. A rule that is not met
is a ``400`` with the service's Dutch message at the API field; a missing permission is a ``403``; an
allocation outside the user's work is a ``404`` (logged as ``geweigerd``). The services write the
processing-log entry of every change.
"""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet
from schakel.people.api import ErrorSerializer

from .. import services
from ..models import Allocation, AllocationStatus
from ..query import VIEW_ALLOCATION, VIEW_OWN_PROVIDER
from ..services._base import ACTIVITY
from ..vocab import ContractLaw
from .bodies import (
    ToewijzingFoutSerializer,
    ToewijzingIntrekkingSerializer,
    ToewijzingNieuwSerializer,
    ToewijzingWijzigingSerializer,
)

READ_PERMS = (VIEW_ALLOCATION, VIEW_OWN_PROVIDER, "cases.view_case")
ADD = "contracts.add_allocation"
CHANGE = "contracts.change_allocation"
#: action → the permissions that open it at all (the service checks them again in the case's municipality).
WRITE_PERMS = {"create": (ADD,), "wijzigen": (CHANGE,), "intrekken": (CHANGE,), "verwijderen": (CHANGE,)}


class ClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="full_name")


class AllocationSerializer(serializers.ModelSerializer):
    toewijzingNummer = serializers.IntegerField(source="number")
    gemeente = serializers.CharField(source="gemeente.code")
    wet = serializers.CharField(source="law")
    client = ClientSerializer(source="person")
    beschiktProduct = serializers.IntegerField(source="decision_product_id")
    aanbieder = serializers.IntegerField(source="provider_id")
    contractproduct = serializers.IntegerField(source="contract_product_id")
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date", allow_null=True)
    volume = serializers.IntegerField(allow_null=True)
    eenheid = serializers.CharField(source="unit")
    frequentie = serializers.CharField(source="frequency")
    budgetCent = serializers.IntegerField(source="budget_cents", allow_null=True)
    redenWijziging = serializers.CharField(source="reason")
    toewijzingsmoment = serializers.DateTimeField(source="allocated_at")
    commentaar = serializers.CharField(source="comment")
    levering = serializers.CharField(source="delivery_status")
    leveringGestartOp = serializers.DateField(source="delivery_started_on", allow_null=True)
    leveringGestoptOp = serializers.DateField(source="delivery_stopped_on", allow_null=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "toewijzingNummer",
            "gemeente",
            "wet",
            "client",
            "beschiktProduct",
            "aanbieder",
            "contractproduct",
            "productcategorie",
            "productcode",
            "ingangsdatum",
            "einddatum",
            "volume",
            "eenheid",
            "frequentie",
            "budgetCent",
            "redenWijziging",
            "status",
            "toewijzingsmoment",
            "commentaar",
            "levering",
            "leveringGestartOp",
            "leveringGestoptOp",
        ]


class AllocationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=AllocationStatus.choices)
    wet = filters.ChoiceFilter(field_name="law", choices=ContractLaw.choices)
    aanbieder = filters.NumberFilter(field_name="provider_id", help_text="Id van de aanbieder.")
    toewijzingNummer = filters.NumberFilter(field_name="number")

    class Meta:
        model = Allocation
        fields = ["status", "wet", "aanbieder", "toewijzingNummer"]


def _errors(*extra: int) -> dict:
    """The documented error answers of a write (400 always; 403 without the permission; 404 per id)."""
    answers = {
        400: OpenApiResponse(
            ToewijzingFoutSerializer, "Een regel is niet nageleefd; er is niets opgeslagen."
        ),
        403: OpenApiResponse(
            ErrorSerializer, "Geen recht op deze handeling (bijvoorbeeld medewerker van een aanbieder)."
        ),
    }
    if 404 in extra:
        answers[404] = OpenApiResponse(ErrorSerializer, "Onbekende toewijzing, of buiten uw werkvoorraad.")
    return answers


_LOGGED = "Wordt vastgelegd in de verwerkingenlog."
_SENT = (
    "Eén transactie; bij een fout wordt niets opgeslagen. Na opslaan zet Schakel het toewijzingsbericht "
    "(301) klaar voor de aanbieder. Wordt vastgelegd in de verwerkingenlog."
)


@extend_schema_view(
    list=extend_schema(
        summary="Toewijzingen",
        description="Toewijzingen die u mag zien: die van uw casussen, alle van de gemeente (controller), of "
        "alleen die van uw eigen organisatie (medewerker van een aanbieder). " + _LOGGED,
    ),
    retrieve=extend_schema(summary="Een toewijzing", description=_LOGGED),
    create=extend_schema(
        summary="Een beschikt product toewijzen aan een aanbieder",
        description="Nieuwe toewijzing met een nieuw toewijzingnummer (TR332). Weggelaten periode en omvang "
        "komen uit de beschikking. Omvang óf budget (CD077/CD078); geen stapeling (OP259); taakgericht wordt "
        "niet per cliënt toegewezen. " + _SENT,
        request=ToewijzingNieuwSerializer,
        responses={201: AllocationSerializer, **_errors()},
    ),
)
class AllocationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    """Allocations (toewijzingen). Provider staff see only their own provider's allocations (read-only);
    municipal staff with ``add_allocation``/``change_allocation`` manage those of the cases they may see."""

    serializer_class = AllocationSerializer
    filterset_class = AllocationFilter
    log_object_type = "toewijzing"
    log_operation = "toewijzingen"
    list_categories = ("naam", "toegewezen ondersteuning")
    detail_categories = list_categories
    service_fields = {
        "decision_product": "beschiktProduct",
        "contract_product": "contractproduct",
        "provider": "aanbieder",
        "start_date": "ingangsdatum",
        "end_date": "einddatum",
        "unit": "eenheid",
        "frequency": "frequentie",
        "budget_cents": "budgetCent",
        "reason": "redenWijziging",
        "comment": "commentaar",
    }

    @property
    def required_perms(self) -> tuple[str, ...]:
        return WRITE_PERMS.get(getattr(self, "action", None) or "", READ_PERMS)

    def get_queryset(self):
        return (
            Allocation.objects.visible_to(self.request.user)
            .select_related("person", "gemeente")
            .order_by("-start_date", "-id")
        )

    def persons_of(self, obj):
        return [obj.person]

    def log_read(self, objects, *, detail: bool) -> None:
        from schakel.people.services import log_read

        persons = {o.person.pk: o.person for o in objects}
        log_read(
            self.request.user,
            persons.values(),
            operation=f"api.toewijzingen.{'inzien' if detail else 'lijst'}",
            data_categories=list(self.list_categories),
            activity_code=ACTIVITY,
        )

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        allocation = self.get_object()
        self.log_read([allocation], detail=True)
        return Response(self.get_serializer(allocation).data)

    # ------------------------------------------------------------------ writes

    def _body(self, serializer_class):
        body = serializer_class(data=self.request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        return body.validated_data

    def _answer(self, allocation: Allocation, code: int = status.HTTP_200_OK) -> Response:
        fresh = Allocation.objects.select_related("person", "gemeente").get(pk=allocation.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        """Like the allocate screen: the provider follows from the contracted product (``cp.contract.provider``)."""
        data = self._body(ToewijzingNieuwSerializer)
        product = data["contractproduct"]
        given = {
            name: data[field]
            for field, name in (
                ("einddatum", "end_date"),
                ("volume", "volume"),
                ("eenheid", "unit"),
                ("frequentie", "frequency"),
            )
            if field in data  # absent = KEEP: taken from the decision product by the service
        }
        allocation = self.call_service(
            services.allocate,
            request.user,
            data["beschiktProduct"],
            data.get("aanbieder") or product.contract.provider,
            product,
            start_date=data.get("ingangsdatum"),
            budget_cents=data.get("budgetCent"),
            comment=data["commentaar"],
            **given,
        )
        return self._answer(allocation, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een toewijzing wijzigen (einddatum, budget, volume bij frequentie 6)",
        description="Alleen de wijzigingen van OP033x1/IV066: de einddatum (verkorten, of verlengen zolang de "
        "oude einddatum niet verstreken is, OP380), het budget, en het volume alleen bij frequentie 6. Altijd "
        "met een reden. Elke andere wijziging: intrekken en opnieuw toewijzen. " + _SENT,
        request=ToewijzingWijzigingSerializer,
        responses={200: AllocationSerializer, **_errors(404)},
    )
    @action(detail=True, methods=["post"])
    def wijzigen(self, request, *args, **kwargs):
        allocation = self.get_object()
        data = self._body(ToewijzingWijzigingSerializer)
        given = {
            name: data[field]
            for field, name in (
                ("einddatum", "end_date"),
                ("budgetCent", "budget_cents"),
                ("volume", "volume"),
            )
            if field in data
        }
        changed = self.call_service(
            services.change_allocation, request.user, allocation, reason=data["redenWijziging"], **given
        )
        return self._answer(changed)

    @extend_schema(
        summary="Een toewijzing intrekken",
        description="Een nieuwe, eerdere einddatum met een reden (§3.2); daarna kan de toewijzing niet meer "
        "wijzigen. " + _SENT,
        request=ToewijzingIntrekkingSerializer,
        responses={200: AllocationSerializer, **_errors(404)},
    )
    @action(detail=True, methods=["post"])
    def intrekken(self, request, *args, **kwargs):
        allocation = self.get_object()
        data = self._body(ToewijzingIntrekkingSerializer)
        withdrawn = self.call_service(
            services.withdraw_allocation,
            request.user,
            allocation,
            end_date=data["einddatum"],
            reason=data["redenWijziging"],
        )
        return self._answer(withdrawn)

    @extend_schema(
        summary="Een toewijzing verwijderen (nooit geleverd)",
        description="RedenWijziging 13 en einddatum = ingangsdatum (CS335): de toewijzing telt als nooit "
        "verstuurd. Niet meer mogelijk na goedgekeurde declaraties (TR385). " + _SENT,
        request=None,
        responses={200: AllocationSerializer, **_errors(404)},
    )
    @action(detail=True, methods=["post"])
    def verwijderen(self, request, *args, **kwargs):
        allocation = self.get_object()
        return self._answer(self.call_service(services.delete_allocation, request.user, allocation))
