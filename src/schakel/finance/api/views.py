"""Finance viewsets. Reads start from the ``visible_to`` querysets (owner scope); writes call the services."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Sum
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet
from schakel.core.access import policy_for
from schakel.core.models import Gemeente

from .. import services
from ..models import Budget, Commitment, PayableLine, PaymentRun
from ..services._base import (
    AMEND_BUDGET,
    APPROVE_RUN,
    PREPARE_RUN,
    VIEW_BUDGET,
    VIEW_PAYABLE,
    VIEW_RUN,
    require,
)
from . import serializers as s

YEAR = OpenApiParameter("jaar", int, description="Begrotingsjaar (standaard: alle jaren / het lopende jaar).")
BUDGET = OpenApiParameter("budget", int, description="Id van het budget (eigenaar en jaar).")


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise ValidationError({name: ["Geef een geheel getal."]}) from exc
    if not 0 < number < 2_147_483_647:
        raise ValidationError({name: ["Waarde buiten bereik."]})
    return number


class _NoLog(SchakelViewSet):
    """Aggregates and amounts without personal data: no processing log entries."""

    log_object_type = "financien"
    log_operation = "financien"


class BudgetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoLog):
    """Budgets per municipality or region per year; the detail has the figures per earmark and the amendments."""

    required_perms = (VIEW_BUDGET,)
    serializer_class = s.BudgetSerializer
    service_fields = {
        "delta_cents": "wijzigingCent",
        "reason": "reden",
        "decided_on": "beslotenOp",
        "earmark": "oormerk",
    }

    def get_queryset(self):
        qs = Budget.objects.visible_to(self.request.user, VIEW_BUDGET).order_by("-year", "id")
        year = _int_param(self.request, "jaar")
        return qs.filter(year=year) if year else qs

    @extend_schema(parameters=[YEAR])
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=s.BudgetDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        budget = super(SchakelViewSet, self).get_object()
        budget.figures = services.figures_for(budget)
        budget.amendment_list = list(budget.amendments.select_related("earmark"))
        return Response(s.BudgetDetailSerializer(budget).data)

    @extend_schema(request=s.AmendmentInputSerializer, responses={201: s.AmendmentSerializer})
    @action(detail=True, methods=["post"], url_path="wijziging")
    def wijziging(self, request, *args, **kwargs):
        """Append a begrotingswijziging (never edits the history)."""
        budget = super(SchakelViewSet, self).get_object()
        require(request.user, AMEND_BUDGET, budget.gemeente_id, budget.regio_id)
        data = s.AmendmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        earmark = None
        if v["oormerk"]:
            earmark = budget.earmarks.filter(kind=v["oormerk"]).first()
            if earmark is None:
                raise ValidationError({"oormerk": ["Dit budget heeft dit oormerk niet."]})
        amendment = self.call_service(
            services.amend_budget,
            request.user,
            budget,
            delta_cents=v["wijzigingCent"],
            reason=v["reden"],
            reference=v["kenmerk"],
            decided_on=v["beslotenOp"],
            earmark=earmark,
        )
        return Response(s.AmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)


def _budget_filter(request, qs, perm: str):
    budget_id = _int_param(request, "budget")
    if budget_id is None:
        raise ValidationError({"budget": ["Geef het budget (id)."]})
    budget = Budget.objects.visible_to(request.user, perm).filter(pk=budget_id).first()
    if budget is None:
        raise NotFound("Budget niet gevonden.")
    return qs.filter(gemeente_id=budget.gemeente_id, regio_id=budget.regio_id, year=budget.year)


class CommitmentViewSet(mixins.ListModelMixin, _NoLog):
    """Commitments (obligo) of a budget's owner and year, summed per earmark, variant, category and provider."""

    required_perms = ("finance.view_commitment",)
    serializer_class = s.CommitmentRowSerializer
    pagination_class = None

    def get_queryset(self):
        return Commitment.objects.none()

    @extend_schema(parameters=[BUDGET], responses=s.CommitmentRowSerializer(many=True))
    def list(self, request, *args, **kwargs):
        qs = _budget_filter(request, Commitment.objects.all(), "finance.view_commitment")
        rows = (
            qs.values("earmark_kind", "variant", "product_category", "provider_id")
            .annotate(n=Count("id"), total=Sum("amount_cents"))
            .order_by("earmark_kind", "variant", "product_category", "provider_id")
        )
        return Response(s.CommitmentRowSerializer(rows, many=True).data)


class RealisationViewSet(mixins.ListModelMixin, _NoLog):
    """Realisation (booked approved claim lines and other payable lines) per earmark and month."""

    required_perms = (VIEW_PAYABLE, VIEW_BUDGET)
    serializer_class = s.RealisationRowSerializer
    pagination_class = None

    def get_queryset(self):
        return PayableLine.objects.none()

    @extend_schema(parameters=[BUDGET], responses=s.RealisationRowSerializer(many=True))
    def list(self, request, *args, **kwargs):
        qs = _budget_filter(
            request, PayableLine.objects.exclude(status=PayableLine.Status.FORFEITED), VIEW_BUDGET
        )
        rows = (
            qs.values("earmark_kind", "month")
            .annotate(municipal=Sum("municipal_cents"), partner=Sum("partner_cents"), n=Count("id"))
            .order_by("earmark_kind", "month")
        )
        return Response(s.RealisationRowSerializer(rows, many=True).data)


class PaymentRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _NoLog):
    """Payment runs: prepare (POST), then actions through the transition table (four eyes)."""

    required_perms = (VIEW_RUN,)
    serializer_class = s.PaymentRunSerializer
    service_fields = {"execution_date": "uitvoeringsdatum", "provider": "aanbieder", "note": "toelichting"}

    def get_queryset(self):
        return (
            PaymentRun.objects.visible_to(self.request.user, VIEW_RUN)
            .select_related("prepared_by", "approved_by")
            .order_by("-prepared_at", "-id")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(super(SchakelViewSet, self).get_object()).data)

    @extend_schema(request=s.PrepareRunSerializer, responses={201: s.PaymentRunSerializer})
    def create(self, request, *args, **kwargs):
        if not policy_for(request.user).has_perm(PREPARE_RUN):
            raise DjangoPermissionDenied("U heeft geen recht op deze handeling.")
        data = s.PrepareRunSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        gemeente = Gemeente.objects.filter(pk=v["gemeente"]).first()
        provider = apps.get_model("contracts", "Provider").objects.filter(pk=v["aanbieder"]).first()
        if gemeente is None or provider is None:
            raise ValidationError({"gemeente" if gemeente is None else "aanbieder": ["Niet gevonden."]})
        run = self.call_service(
            services.prepare_run,
            request.user,
            gemeente=gemeente,
            provider=provider,
            execution_date=v["uitvoeringsdatum"],
        )
        return Response(self.get_serializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RunActionSerializer, responses=s.PaymentRunSerializer)
    @action(detail=True, methods=["post"], url_path="actie")
    def actie(self, request, *args, **kwargs):
        """Submit, approve (not by the preparer), reject, withdraw, cancel or mark paid."""
        run = super(SchakelViewSet, self).get_object()
        try:
            require(request.user, PREPARE_RUN, run.gemeente_id, run.regio_id)
        except DjangoPermissionDenied:
            require(request.user, APPROVE_RUN, run.gemeente_id, run.regio_id)
        data = s.RunActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = self.call_service(
            services.transition,
            request.user,
            run,
            data.validated_data["actie"],
            note=data.validated_data["toelichting"],
        )
        return Response(self.get_serializer(run).data)
