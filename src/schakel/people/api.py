"""API of the people app: persons (``/personen``), the BRP search and households (``/huishoudens``).

Field names follow the Haal Centraal BRP API Personen where one exists (``burgerservicenummer``,
``geslachtsnaam``, ``voorvoegsel``, ``verblijfplaats``). A BSN is accepted only in a request body
(``POST /personen/zoeken/``), never in a URL; objects are addressed by their id.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from schakel.api.base import PEOPLE_READ, SchakelViewSet, household_members
from schakel.cases.models import Case
from schakel.core.deadlines import flag
from schakel.core.values import parse_bsn, parse_postcode

from . import services
from .brp import BrpError, BrpUnavailable, SearchCriteria
from .brp.mapping import clean_criteria
from .models import Household, HouseholdMember, NetworkContact, Person

# --------------------------------------------------------------------------- serializers


class AddressSerializer(serializers.Serializer):
    straat = serializers.CharField()
    huisnummer = serializers.IntegerField(allow_null=True)
    huisletter = serializers.CharField()
    huisnummertoevoeging = serializers.CharField(source="toevoeging")
    postcode = serializers.CharField()
    woonplaats = serializers.CharField()


class PersonSerializer(serializers.ModelSerializer):
    """A person as shown in lists: name, (partial) birth date, gender, address. No BSN."""

    aanschrijfnaam = serializers.CharField(
        read_only=True, help_text="Voorletters en achternaam zoals gebruikt."
    )
    geboortedatum = serializers.DateField(
        source="birth_date",
        read_only=True,
        allow_null=True,
        help_text="Alleen als de datum volledig bekend is.",
    )
    geboortejaar = serializers.IntegerField(source="birth_year", read_only=True, allow_null=True)
    geboortemaand = serializers.IntegerField(source="birth_month", read_only=True, allow_null=True)
    geboortedag = serializers.IntegerField(source="birth_day", read_only=True, allow_null=True)
    geslacht = serializers.ChoiceField(source="gender", choices=Person.Gender.choices, read_only=True)
    verblijfplaats = AddressSerializer(source="*", read_only=True)
    wijkcode = serializers.CharField(source="wijk_code", read_only=True)
    buurtcode = serializers.CharField(source="buurt_code", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "aanschrijfnaam",
            "voornamen",
            "voorvoegsel",
            "geslachtsnaam",
            "geboortedatum",
            "geboortejaar",
            "geboortemaand",
            "geboortedag",
            "geslacht",
            "verblijfplaats",
            "wijkcode",
            "buurtcode",
        ]


class NetworkContactSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    soort = serializers.ChoiceField(source="kind", choices=NetworkContact.Kind.choices)
    telefoon = serializers.CharField(source="phone")
    toelichting = serializers.CharField(source="note")

    class Meta:
        model = NetworkContact
        fields = ["id", "naam", "soort", "telefoon", "toelichting"]


class PersonMembershipSerializer(serializers.ModelSerializer):
    huishouden = serializers.IntegerField(source="household_id")
    relatie = serializers.ChoiceField(source="relation", choices=HouseholdMember.Relation.choices)

    class Meta:
        model = HouseholdMember
        fields = ["huishouden", "relatie"]


class PersonDetailSerializer(PersonSerializer):
    """A person with BSN, households and informal network."""

    burgerservicenummer = serializers.CharField(source="bsn", read_only=True)
    naamgebruik = serializers.ChoiceField(choices=Person.NameUse.choices, read_only=True)
    huishoudens = PersonMembershipSerializer(source="household_memberships", many=True, read_only=True)
    netwerk = NetworkContactSerializer(source="network", many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [
            "id",
            "burgerservicenummer",
            *PersonSerializer.Meta.fields[1:],
            "naamgebruik",
            "huishoudens",
            "netwerk",
        ]


class MemberSerializer(serializers.ModelSerializer):
    persoon = PersonSerializer(source="person", read_only=True)
    relatie = serializers.ChoiceField(source="relation", choices=HouseholdMember.Relation.choices)
    aanspreekpunt = serializers.BooleanField(source="is_contact")

    class Meta:
        model = HouseholdMember
        fields = ["persoon", "relatie", "aanspreekpunt"]


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="__str__")


class CaseSummarySerializer(serializers.ModelSerializer):
    """A case in a household overview: status, laws, regisseur, team and the next legal deadline."""

    statusOmschrijving = serializers.CharField(source="get_status_display")
    wetten = serializers.ListField(source="laws", child=serializers.CharField())
    regisseur = NamedSerializer()
    team = NamedSerializer()
    geopendOp = serializers.DateField(source="opened_on")
    geslotenOp = serializers.DateField(source="closed_on", allow_null=True)
    eerstvolgendeTermijn = serializers.DateField(source="next_deadline", allow_null=True)
    soortTermijn = serializers.CharField(source="next_deadline_kind")
    termijnsignaal = serializers.SerializerMethodField(
        help_text="verlopen, binnenkort (binnen 7 dagen), op_tijd, of leeg als er geen open termijn is."
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "status",
            "statusOmschrijving",
            "wetten",
            "regisseur",
            "team",
            "geopendOp",
            "geslotenOp",
            "eerstvolgendeTermijn",
            "soortTermijn",
            "termijnsignaal",
        ]

    def get_termijnsignaal(self, case) -> str:
        return str(flag(case.next_deadline, timezone.localdate()))


class HouseholdSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    samenstelling = serializers.ChoiceField(source="kind", choices=Household.Kind.choices)
    wijkcode = serializers.CharField(source="wijk_code")
    leden = MemberSerializer(source="memberships", many=True)
    casussen = CaseSummarySerializer(source="cases", many=True)

    class Meta:
        model = Household
        fields = ["id", "naam", "samenstelling", "wijkcode", "leden", "casussen"]


class PersonSearchSerializer(serializers.Serializer):
    """One BRP search: by BSN, by surname and birth date, or by postcode and house number."""

    burgerservicenummer = serializers.CharField(required=False, allow_blank=True, max_length=20)
    geslachtsnaam = serializers.CharField(required=False, allow_blank=True, max_length=200)
    voornamen = serializers.CharField(required=False, allow_blank=True, max_length=200)
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    huisnummer = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99999)
    huisletter = serializers.CharField(required=False, allow_blank=True, max_length=1)
    huisnummertoevoeging = serializers.CharField(required=False, allow_blank=True, max_length=4)

    def _parse(self, parser, value, field):
        try:
            return parser(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({field: exc.messages})

    def validate(self, attrs):
        criteria = self._criteria(attrs)
        try:
            # The BRP's own input rules (names, house numbers), with the adapter's Dutch message.
            return clean_criteria(criteria)
        except BrpError as exc:
            raise serializers.ValidationError({"non_field_errors": [str(exc)]})

    def _criteria(self, attrs) -> SearchCriteria:
        bsn = attrs.get("burgerservicenummer", "").strip()
        if bsn:
            return SearchCriteria(bsn=self._parse(parse_bsn, bsn, "burgerservicenummer"))
        name, born = attrs.get("geslachtsnaam", "").strip(), attrs.get("geboortedatum")
        if name or born:
            errors = {}
            if not name:
                errors["geslachtsnaam"] = ["Vul de geslachtsnaam in."]
            if not born:
                errors["geboortedatum"] = ["Vul de geboortedatum in."]
            elif born > timezone.localdate():
                errors["geboortedatum"] = ["De geboortedatum ligt in de toekomst."]
            if errors:
                raise serializers.ValidationError(errors)
            return SearchCriteria(
                geslachtsnaam=name, geboortedatum=born, voornamen=attrs.get("voornamen", "").strip()
            )
        postcode, number = attrs.get("postcode", "").strip(), attrs.get("huisnummer")
        if postcode or number:
            if not number:
                raise serializers.ValidationError({"huisnummer": ["Vul het huisnummer in."]})
            if not postcode:
                raise serializers.ValidationError({"postcode": ["Vul de postcode in."]})
            return SearchCriteria(
                postcode=self._parse(parse_postcode, postcode, "postcode"),
                huisnummer=number,
                huisletter=attrs.get("huisletter", "").strip(),
                toevoeging=attrs.get("huisnummertoevoeging", "").strip(),
            )
        raise serializers.ValidationError(
            {
                "non_field_errors": [
                    "Zoek op BSN, op geslachtsnaam en geboortedatum, of op postcode en huisnummer."
                ]
            }
        )


class SearchHitSerializer(serializers.Serializer):
    """A person found in the BRP; ``persoonId`` only when the person is in the user's own work."""

    burgerservicenummer = serializers.CharField(source="bsn")
    voornamen = serializers.CharField()
    voorvoegsel = serializers.CharField()
    geslachtsnaam = serializers.CharField()
    geboortedatum = serializers.DateField(allow_null=True)
    geboortejaar = serializers.IntegerField(allow_null=True)
    geslacht = serializers.CharField()
    verblijfplaats = AddressSerializer(source="*")
    persoonId = serializers.IntegerField(
        allow_null=True, help_text="Id van de persoon in Schakel, als u die mag inzien."
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --------------------------------------------------------------------------- viewsets


@extend_schema_view(
    list=extend_schema(
        summary="Personen in uw werkvoorraad",
        description="De personen uit huishoudens waarvan u of uw team een casus heeft. Elke persoon "
        "op de pagina wordt vastgelegd in de verwerkingenlog.",
    ),
    retrieve=extend_schema(
        summary="Een persoon inzien",
        description="Persoonsgegevens met BSN, huishoudens en informeel netwerk. Wordt vastgelegd "
        "in de verwerkingenlog.",
    ),
)
class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    required_perms = PEOPLE_READ
    log_object_type = "persoon"
    log_operation = "personen"
    list_categories = ("naam", "geboortedatum", "adres")
    detail_categories = ("bsn", "naam", "geboortedatum", "adres", "huishouden", "netwerk")

    def get_queryset(self):
        queryset = Person.objects.visible_to(self.request.user).order_by("geslachtsnaam", "voornamen", "id")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("household_memberships", "network")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PersonDetailSerializer
        if self.action == "search":
            return PersonSearchSerializer
        return PersonSerializer

    def persons_of(self, obj):
        return [obj]

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        self.log_read([person], detail=True)
        return Response(self.get_serializer(person).data)

    @extend_schema(
        summary="Personen zoeken in de BRP",
        description="Zoek een persoon om een melding aan te nemen: op BSN, op geslachtsnaam en geboortedatum, of op "
        "postcode en huisnummer. Het BSN staat in de body, nooit in de URL. Elke gevonden persoon wordt vastgelegd "
        "in de verwerkingenlog (verwerkingsactiviteit melding-persoon-zoeken).",
        request=PersonSearchSerializer,
        responses={
            200: SearchHitSerializer(many=True),
            503: OpenApiResponse(ErrorSerializer, "BRP niet bereikbaar"),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="zoeken",
        url_name="zoeken",
        pagination_class=None,
        filter_backends=[],
    )
    def search(self, request, *args, **kwargs):
        serializer = PersonSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            found = services.search_persons(request.user, serializer.validated_data)
        except BrpUnavailable as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        except BrpError as exc:  # the query itself, e.g. too many results
            return Response({"non_field_errors": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        known = dict(
            Person.objects.visible_to(request.user)
            .filter(bsn__in=[p.bsn for p in found])
            .values_list("bsn", "id")
        )
        hits = [{**asdict(hit), "persoonId": known.get(hit.bsn)} for hit in found]
        return Response(SearchHitSerializer(hits, many=True).data)


def households_with_members(queryset):
    """Households with members (and their persons) and cases prefetched: a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("memberships", queryset=HouseholdMember.objects.select_related("person").order_by("id")),
        Prefetch(
            "cases",
            queryset=Case.objects.select_related("regisseur", "team__gemeente").order_by("-opened_on", "-id"),
        ),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Huishoudens in uw werkvoorraad",
        description="Huishoudens met leden en een overzicht van hun casussen. Elk lid op de pagina "
        "wordt vastgelegd in de verwerkingenlog.",
    ),
    retrieve=extend_schema(
        summary="Een huishouden inzien",
        description="Leden en casussen van één huishouden. Wordt vastgelegd in de verwerkingenlog.",
    ),
)
class HouseholdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SchakelViewSet):
    serializer_class = HouseholdSerializer
    required_perms = PEOPLE_READ
    log_object_type = "huishouden"
    log_operation = "huishoudens"
    list_categories = ("naam", "geboortedatum", "adres", "huishouden", "casusgegevens")
    detail_categories = list_categories

    def get_queryset(self):
        return households_with_members(Household.objects.visible_to(self.request.user).order_by("name", "id"))

    def persons_of(self, obj):
        return household_members(obj)

    def list(self, request, *args, **kwargs):
        return self.list_logged(self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        household = self.get_object()
        self.log_read([household], detail=True)
        return Response(self.get_serializer(household).data)
