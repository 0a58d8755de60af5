"""Reference data of the contracts API: ``/aanbieders``, ``/contracten``, ``/contractproducten`` (read-only).

Every list and detail starts from the ``visible_to(user)`` querysets of :mod:`schakel.contracts.query` (the
same as the web UI): provider staff (``ProviderUser``, role ``aanbieder``) see only their own provider, its
contracts and products. No personal data, so no processing log.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import mixins, serializers
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet

from ..models import (
    Contract,
    ContractProduct,
    ContractTariff,
    OutcomeAgreement,
    Provider,
    ResultArea,
)
from ..query import VIEW_CONTRACT, VIEW_OWN_PROVIDER, VIEW_PROVIDER
from ..vocab import ContractLaw

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
