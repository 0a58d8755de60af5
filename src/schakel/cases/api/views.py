"""Case and decision endpoints: ``/casussen`` (with POST sub-actions) and ``/beschikkingen``.

Reads go through ``Case.objects.visible_to(user)`` — the querysets of the UI (need-to-know, BIO 8.03.02).
Writes call :mod:`schakel.cases.services`, which check permissions, apply the workflow table
(DESIGN.md §5), append to the timeline and write the processing log.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet, household_members
from schakel.core.deadlines import DUE_SOON_DAYS
from schakel.core.vocab import Law
from schakel.people.models import HouseholdMember

from .. import services
from ..models import Case, CaseStatus, Decision, DecisionProduct
from . import case_list
from . import serializers as s

MAX_ID = 2_147_483_647
CASE_FIELDS = {
    "received_on": "ontvangenOp",
    "channel": "kanaal",
    "laws": "wetten",
    "question": "hulpvraag",
    "person": "persoon",
    "reason": "reden",
    "law": "wet",
    "description": "omschrijving",
}


def members_prefetch(prefix: str = "household__") -> Prefetch:
    """The household members (with their person) of each row: one query for the whole page."""
    return Prefetch(
        f"{prefix}memberships", queryset=HouseholdMember.objects.select_related("person").order_by("id")
    )


class IdFilter(filters.NumberFilter):
    """An object id in a query string (a positive integer)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=CaseStatus.choices, help_text="Alleen casussen met deze status.")
    wet = filters.ChoiceFilter(choices=Law.choices, method="filter_law", help_text="Casussen op deze wet.")
    team = IdFilter(field_name="team_id", help_text="Id van het team dat de casus heeft.")
    huishouden = IdFilter(field_name="household_id", help_text="Id van het huishouden.")
    mijn = filters.BooleanFilter(
        method="filter_mine", help_text="true: alleen casussen waarvan u de regisseur bent."
    )
    termijn = filters.ChoiceFilter(
        choices=[
            ("verlopen", "Verlopen"),
            ("binnenkort", "Binnenkort (binnen 7 dagen)"),
            ("op_tijd", "Op tijd"),
        ],
        method="filter_deadline",
        help_text="Signaal van de eerstvolgende wettelijke termijn.",
    )

    class Meta:
        model = Case
        fields = ["status", "wet", "team", "huishouden", "mijn", "termijn"]

    def filter_law(self, queryset, name, value):
        # ``laws`` is a JSON list of law codes; the quoted code cannot match inside another code.
        return queryset.filter(laws__icontains=f'"{value}"')

    def filter_mine(self, queryset, name, value):
        user = self.request.user
        return queryset.filter(regisseur=user) if value else queryset.exclude(regisseur=user)

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + timedelta(days=DUE_SOON_DAYS)
        if value == "verlopen":
            return queryset.filter(next_deadline__lt=today)
        if value == "binnenkort":
            return queryset.filter(next_deadline__gte=today, next_deadline__lte=soon)
        return queryset.filter(next_deadline__gt=soon)


def _detail_response(description: str, request=None):
    return extend_schema(summary=description, request=request, responses={200: s.CaseDetailSerializer})


@extend_schema_view(
    list=extend_schema(
        summary="Casussen in uw werkvoorraad",
        description="Casussen van huishoudens die u of uw team heeft, met filters op status, wet, team, eigen "
        "casussen en termijnsignaal. Elk lid van de huishoudens op de pagina wordt vastgelegd in de verwerkingenlog.",
    ),
    retrieve=extend_schema(
        summary="Een casus inzien",
        description="De casus met meldingen, onderzoek, aanvragen, beschikkingen, evaluaties en wettelijke termijnen. "
        "Wordt vastgelegd in de verwerkingenlog.",
    ),
    create=extend_schema(
        summary="Een melding registreren",
        description="Registreert een melding (Wmo 2015 art. 2.3.2 lid 1) voor een huishouden in uw werkvoorraad. "
        "Opent de casus van het huishouden of voegt de melding toe aan de open casus.",
        request=s.MeldingCreateSerializer,
        responses={201: s.CaseDetailSerializer},
    ),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, SchakelViewSet):
    filterset_class = CaseFilter
    log_object_type = "casus"
    log_operation = "casussen"
    list_categories = ("naam", "huishouden", "casusgegevens")
    detail_categories = ("naam", "huishouden", "casusgegevens", "hulpvraag", "gespreksverslag", "beschikking")
    service_fields = CASE_FIELDS

    def get_queryset(self):
        queryset = (
            Case.objects.visible_to(self.request.user)
            .select_related("household", "regisseur", "team__gemeente")
            .prefetch_related(members_prefetch())
            .order_by("-opened_on", "-id")
        )
        if self.action != "list":
            queryset = queryset.select_related("onderzoek", "plan").prefetch_related(
                "meldingen",
                "aanvragen",
                "evaluations",
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.prefetch_related(
                        Prefetch("products", queryset=DecisionProduct.objects.order_by("start_date", "id"))
                    ),
                ),
            )
        return queryset

    def get_serializer_class(self):
        return s.CaseSerializer if self.action == "list" else s.CaseDetailSerializer

    def persons_of(self, obj):
        return household_members(obj.household)

    def list(self, request, *args, **kwargs):
        """A page of cases: ids first, then only the shown columns (see :mod:`.case_list`)."""
        queryset = self.filter_queryset(Case.objects.visible_to(request.user).order_by("-opened_on", "-id"))
        ids = self.paginate_queryset(queryset.values_list("pk", flat=True))
        rows = case_list.page_rows(list(ids))
        self.log_persons(case_list.members_of([row["household_id"] for row in rows]), detail=False)
        return self.get_paginated_response(case_list.represent(rows))

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        self.log_read([case], detail=True)
        return Response(s.CaseDetailSerializer(case, context=self.get_serializer_context()).data)

    def _fresh(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        case = self.get_queryset().get(pk=pk)
        return Response(s.CaseDetailSerializer(case, context=self.get_serializer_context()).data, status=code)

    def _body(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def create(self, request, *args, **kwargs):
        data = self._body(s.MeldingCreateSerializer)
        case = self.call_service(
            services.register_melding,
            request.user,
            household=data["huishouden"],
            received_on=data["ontvangenOp"],
            channel=data["kanaal"],
            laws=data["wetten"],
            question=data["hulpvraag"],
            team=data["team"],
            regisseur=data.get("regisseur"),
            person=data.get("persoon"),
        )
        return self._fresh(case.pk, status.HTTP_201_CREATED)

    @_detail_response("Status van de casus wijzigen", s.StatusChangeSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.StatusChangeSerializer)
        self.call_service(
            services.change_status, request.user, case, data["status"], reason=data.get("reden", "")
        )
        return self._fresh(case.pk)

    @_detail_response("Het onderzoek starten (Wmo 2015 art. 2.3.2)", s.OnderzoekStartSerializer)
    @action(detail=True, methods=["post"], url_path="onderzoek")
    def start_onderzoek(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.OnderzoekStartSerializer)
        self.call_service(services.start_onderzoek, request.user, case, started_on=data.get("gestartOp"))
        return self._fresh(case.pk)

    @_detail_response(
        "Het gespreksverslag vastleggen (Wmo 2015 art. 2.3.2 lid 4)", s.GespreksverslagSerializer
    )
    @action(detail=True, methods=["post"], url_path="gespreksverslag")
    def record_onderzoek(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.GespreksverslagSerializer)
        self.service_fields = {
            "findings": "bevindingen",
            "own_strength": "eigenKracht",
            "summary": "samenvatting",
        }
        self.call_service(
            services.record_onderzoek,
            request.user,
            case,
            findings=data["bevindingen"],
            own_strength=data.get("eigenKracht", ""),
            summary=data.get("samenvatting", ""),
            complete=data.get("afronden", False),
        )
        return self._fresh(case.pk)

    @extend_schema(
        summary="Een aanvraag registreren (Wmo 2015 art. 2.3.5)",
        request=s.AanvraagCreateSerializer,
        responses={201: s.CaseDetailSerializer},
        description="Vanaf de aanvraag loopt de beslistermijn. De status wordt door het systeem gezet.",
    )
    @action(detail=True, methods=["post"], url_path="aanvragen")
    def add_aanvraag(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.AanvraagCreateSerializer)
        self.call_service(
            services.record_aanvraag,
            request.user,
            case,
            received_on=data["ontvangenOp"],
            law=data["wet"],
            description=data["omschrijving"],
            signed_report=data.get("verslagOndertekend", False),
        )
        return self._fresh(case.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een beschikking vastleggen (Awb art. 1:3)",
        request=s.DecisionCreateSerializer,
        responses={201: s.CaseDetailSerializer},
        description="Besluit op een aanvraag van deze casus met de toegekende producten. De bezwaartermijn "
        "(Awb art. 6:7) wordt berekend.",
    )
    @action(detail=True, methods=["post"], url_path="beschikkingen")
    def add_decision(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.DecisionCreateSerializer, case=case)
        products = [
            services.GrantedProduct(
                person=p["persoon"],
                product_category=p["productcategorie"],
                product_code=p.get("productcode", ""),
                description=p["omschrijving"],
                start_date=p["ingangsdatum"],
                end_date=p.get("einddatum"),
                volume=p.get("omvang"),
                unit=p.get("eenheid", ""),
                frequency=p.get("frequentie", ""),
            )
            for p in data.get("producten", [])
        ]
        self.service_fields = {
            "decided_on": "besluitdatum",
            "outcome": "uitkomst",
            "motivation": "motivering",
            "products": "producten",
        }
        self.call_service(
            services.record_decision,
            request.user,
            data["aanvraag"],
            decided_on=data["besluitdatum"],
            outcome=data["uitkomst"],
            motivation=data["motivering"],
            products=products,
        )
        return self._fresh(case.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een evaluatie vastleggen",
        request=s.EvaluationCreateSerializer,
        responses={201: s.CaseDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="evaluaties")
    def add_evaluation(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._body(s.EvaluationCreateSerializer)
        self.service_fields = {"evaluated_on": "evaluatiedatum", "summary": "bevindingen"}
        self.call_service(
            services.record_evaluation,
            request.user,
            case,
            evaluated_on=data["evaluatiedatum"],
            summary=data["bevindingen"],
            continue_support=data["ondersteuningLooptDoor"],
        )
        return self._fresh(case.pk, status.HTTP_201_CREATED)


class DecisionFilter(filters.FilterSet):
    casus = IdFilter(field_name="case_id", help_text="Id van de casus.")
    wet = filters.ChoiceFilter(field_name="law", choices=Law.choices, help_text="Wet van de beschikking.")
    uitkomst = filters.ChoiceFilter(
        field_name="outcome", choices=Decision.Outcome.choices, help_text="Uitkomst van het besluit."
    )

    class Meta:
        model = Decision
        fields = ["casus", "wet", "uitkomst"]


@extend_schema_view(
    list=extend_schema(
        summary="Beschikkingen in uw werkvoorraad",
        description="Beschikkingen met toegekende producten. Elk lid van de betrokken huishoudens wordt "
        "vastgelegd in de verwerkingenlog.",
    ),
    retrieve=extend_schema(
        summary="Een beschikking inzien", description="Wordt vastgelegd in de verwerkingenlog."
    ),
)
class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    serializer_class = s.DecisionSerializer
    filterset_class = DecisionFilter
    log_object_type = "beschikking"
    log_operation = "beschikkingen"
    list_categories = ("casusgegevens", "beschikking")
    detail_categories = list_categories
    gemeente_path = "case__gemeente_id"

    def get_queryset(self):
        return (
            Decision.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case__household")
            .prefetch_related(
                members_prefetch("case__household__"),
                Prefetch("products", queryset=DecisionProduct.objects.order_by("start_date", "id")),
            )
            .order_by("-decided_on", "-id")
        )

    def persons_of(self, obj):
        return household_members(obj.case.household)

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        decision = self.get_object()
        self.log_read([decision], detail=True)
        return Response(self.get_serializer(decision).data)
