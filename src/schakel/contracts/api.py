"""API v1 routes of the contracts app: ``/aanbieders``, ``/contracten``, ``/contractproducten``, ``/toewijzingen``.

Read-only. Every list and detail starts from the ``visible_to(user)`` querysets of :mod:`schakel.contracts.query`
(the same as the web UI): provider staff (``ProviderUser``, role ``aanbieder``) see only their own provider,
its contracts and its allocations. Allocations carry personal data: every person shown is logged.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import mixins, serializers
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet

from .models import (
    Allocation,
    AllocationStatus,
    Contract,
    ContractProduct,
    ContractTariff,
    OutcomeAgreement,
    Provider,
    ResultArea,
)
from .query import VIEW_ALLOCATION, VIEW_CONTRACT, VIEW_OWN_PROVIDER, VIEW_PROVIDER
from .services._base import ACTIVITY
from .vocab import ContractLaw

# --------------------------------------------------------------------------- serializers


class ProviderSerializer(serializers.ModelSerializer):
    agbCode = serializers.CharField(source="agb_code")
    naam = serializers.CharField(source="name")
    contactpersoon = serializers.CharField(source="contact_name")
    email = serializers.EmailField()
    telefoon = serializers.CharField(source="phone")
    actief = serializers.BooleanField(source="active")

    class Meta:
        model = Provider
        fields = ["id", "agbCode", "naam", "contactpersoon", "email", "telefoon", "actief"]


class TariffSerializer(serializers.ModelSerializer):
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")
    bedragCent = serializers.IntegerField(source="amount_cents")

    class Meta:
        model = ContractTariff
        fields = ["ingangsdatum", "einddatum", "bedragCent"]


class AgreementSerializer(serializers.ModelSerializer):
    streefwaardePercentage = serializers.IntegerField(source="target_percent")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")
    omschrijving = serializers.CharField(source="description")

    class Meta:
        model = OutcomeAgreement
        fields = ["indicator", "omschrijving", "streefwaardePercentage", "ingangsdatum", "einddatum"]


class ResultAreaSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    afspraken = AgreementSerializer(source="agreements", many=True)

    class Meta:
        model = ResultArea
        fields = ["naam", "afspraken"]


class ContractProductSerializer(serializers.ModelSerializer):
    contract = serializers.IntegerField(source="contract_id")
    wet = serializers.CharField(source="law")
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    eigenCode = serializers.BooleanField(source="own_code")
    omschrijving = serializers.CharField(source="description")
    uitvoeringsvariant = serializers.CharField(source="variant")
    eenheid = serializers.CharField(source="unit")
    frequenties = serializers.ListField(source="frequencies", child=serializers.CharField())
    tarieven = TariffSerializer(source="tariffs", many=True)
    resultaatgebieden = ResultAreaSerializer(source="result_areas", many=True)

    class Meta:
        model = ContractProduct
        fields = [
            "id",
            "contract",
            "wet",
            "productcategorie",
            "productcode",
            "eigenCode",
            "omschrijving",
            "uitvoeringsvariant",
            "eenheid",
            "frequenties",
            "tarieven",
            "resultaatgebieden",
        ]


class ContractSerializer(serializers.ModelSerializer):
    aanbieder = serializers.IntegerField(source="provider_id")
    gemeente = serializers.IntegerField(source="gemeente_id", allow_null=True)
    regio = serializers.IntegerField(source="regio_id", allow_null=True)
    contractnummer = serializers.CharField(source="reference")
    naam = serializers.CharField(source="name")
    inkoopvorm = serializers.CharField(source="procurement_form")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")

    class Meta:
        model = Contract
        fields = [
            "id",
            "aanbieder",
            "gemeente",
            "regio",
            "contractnummer",
            "naam",
            "inkoopvorm",
            "ingangsdatum",
            "einddatum",
        ]


class ClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="full_name")


class AllocationSerializer(serializers.ModelSerializer):
    toewijzingNummer = serializers.IntegerField(source="number")
    gemeente = serializers.CharField(source="gemeente.code")
    wet = serializers.CharField(source="law")
    client = ClientSerializer(source="person")
    aanbieder = serializers.IntegerField(source="provider_id")
    contractproduct = serializers.IntegerField(source="contract_product_id")
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    ingangsdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")
    volume = serializers.IntegerField()
    eenheid = serializers.CharField(source="unit")
    frequentie = serializers.CharField(source="frequency")
    budgetCent = serializers.IntegerField(source="budget_cents")
    redenWijziging = serializers.CharField(source="reason")
    toewijzingsmoment = serializers.DateTimeField(source="allocated_at")
    levering = serializers.CharField(source="delivery_status")
    leveringGestartOp = serializers.DateField(source="delivery_started_on")
    leveringGestoptOp = serializers.DateField(source="delivery_stopped_on")

    class Meta:
        model = Allocation
        fields = [
            "id",
            "toewijzingNummer",
            "gemeente",
            "wet",
            "client",
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
            "levering",
            "leveringGestartOp",
            "leveringGestoptOp",
        ]


# --------------------------------------------------------------------------- viewsets


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    """Non-personal reference data: no processing log."""

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def get_object(self):
        return super(SchakelViewSet, self).get_object()


class ProviderViewSet(_ReadOnly):
    """Providers (zorgaanbieders) with their AGB code."""

    serializer_class = ProviderSerializer
    required_perms = (VIEW_PROVIDER, VIEW_OWN_PROVIDER)

    def get_queryset(self):
        return Provider.objects.visible_to(self.request.user).order_by("name", "id")


class ContractViewSet(_ReadOnly):
    """Contracts of a municipality or region with one provider."""

    serializer_class = ContractSerializer
    required_perms = (VIEW_CONTRACT, VIEW_OWN_PROVIDER)

    def get_queryset(self):
        return Contract.objects.visible_to(self.request.user).order_by("-start_date", "id")


class ContractProductFilter(filters.FilterSet):
    contract = filters.NumberFilter(field_name="contract_id", help_text="Id van het contract.")
    wet = filters.ChoiceFilter(field_name="law", choices=ContractLaw.choices)

    class Meta:
        model = ContractProduct
        fields = ["contract", "wet"]


class ContractProductViewSet(_ReadOnly):
    """Contracted products with their variant, allowed eenheid/frequenties, tariffs and outcome agreements."""

    serializer_class = ContractProductSerializer
    filterset_class = ContractProductFilter
    required_perms = (VIEW_CONTRACT, VIEW_OWN_PROVIDER)

    def get_queryset(self):
        return (
            ContractProduct.objects.filter(contract__in=Contract.objects.visible_to(self.request.user))
            .prefetch_related(
                Prefetch("tariffs", queryset=ContractTariff.objects.order_by("start_date")),
                Prefetch("result_areas", queryset=ResultArea.objects.prefetch_related("agreements")),
            )
            .order_by("contract_id", "law", "product_category", "product_code", "id")
        )


class AllocationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=AllocationStatus.choices)
    wet = filters.ChoiceFilter(field_name="law", choices=ContractLaw.choices)
    aanbieder = filters.NumberFilter(field_name="provider_id", help_text="Id van de aanbieder.")
    toewijzingNummer = filters.NumberFilter(field_name="number")

    class Meta:
        model = Allocation
        fields = ["status", "wet", "aanbieder", "toewijzingNummer"]


class AllocationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    """Allocations (toewijzingen). Provider staff see only their own provider's allocations."""

    serializer_class = AllocationSerializer
    filterset_class = AllocationFilter
    required_perms = (VIEW_ALLOCATION, VIEW_OWN_PROVIDER, "cases.view_case")
    log_object_type = "toewijzing"
    log_operation = "toewijzingen"
    list_categories = ("naam", "toegewezen ondersteuning")
    detail_categories = list_categories

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


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("aanbieders", ProviderViewSet, basename="aanbieder")
    router.register("contracten", ContractViewSet, basename="contract")
    router.register("contractproducten", ContractProductViewSet, basename="contractproduct")
    router.register("toewijzingen", AllocationViewSet, basename="toewijzing")
