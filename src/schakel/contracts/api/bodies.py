"""Request bodies of the allocation write endpoints (``POST /toewijzingen/`` and its actions).

The edge checks only types and ranges (LDT_Volume and LDT_Budget: 0..99 999 999, iWmo/iJw 3.2 basisschema);
every rule of a toewijzing (OP259, CD041/CD075–CD080, CS338/CS343, OP033x1/IV066, OP380, CS335, TR385, …) is
enforced by :mod:`schakel.contracts.services`, whose Dutch messages the viewset returns per field. Unknown
fields are refused instead of ignored: a client that sends ``eenheid`` to ``wijzigen`` must learn that the
unit cannot change (OP033x1, IV066), not believe it did.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from schakel.cases.api.serializers import VisiblePrimaryKey
from schakel.cases.models import Case, DecisionProduct

from ..models import Contract, ContractProduct, Provider
from ..vocab import Eenheid, Frequentie

#: LDT_Volume / LDT_Budget maxInclusive (basisschema iWmo/iJw 3.2).
LDT_MAX = 99_999_999

#: Fields of a toewijzing that can never change in place (OP033x1, IV066): withdraw and allocate anew.
FIXED_FIELDS = frozenset(
    {"beschiktProduct", "contractproduct", "aanbieder", "ingangsdatum", "eenheid", "frequentie", "commentaar"}
)

REASON_HELP = (
    "RedenWijziging (WMO002/JZ002): 02–12 of 14. 01 mag niet meer worden gebruikt (CS336); 13 (verwijderd) "
    "alleen via verwijderen (CS335)."
)


def visible_decision_products(user):
    """Granted products of the cases the user may see (need-to-know, the same as the case screens)."""
    return DecisionProduct.objects.filter(decision__case__in=Case.objects.visible_to(user)).select_related(
        "decision__case", "person"
    )


def visible_contract_products(user):
    return ContractProduct.objects.filter(contract__in=Contract.objects.visible_to(user)).select_related(
        "contract__provider"
    )


def visible_providers(user):
    return Provider.objects.visible_to(user)


class _StrictBody(serializers.Serializer):
    """A body whose unknown fields are an error (with the OP033x1/IV066 message for fixed ones)."""

    #: Fields named with the "cannot change in place" message instead of "unknown field".
    fixed: frozenset[str] = frozenset()

    def validate(self, attrs):
        extra = [key for key in self.initial_data if key not in self.fields]
        if extra:
            raise serializers.ValidationError(
                {
                    str(key): [
                        _(
                            "Dit gegeven van een toewijzing kan niet wijzigen (regels OP033x1 en IV066). "
                            "Trek de toewijzing in en wijs opnieuw toe."
                        )
                        if key in self.fixed
                        else _("Onbekend veld.")
                    ]
                    for key in extra[:20]
                }
            )
        return attrs


class ToewijzingNieuwSerializer(_StrictBody):
    """``POST /toewijzingen/``: allocate a granted product to a contracted product of a provider."""

    beschiktProduct = VisiblePrimaryKey(
        visible_decision_products,
        queryset=DecisionProduct.objects.none(),
        help_text="Id van het beschikte product (beschikking → producten[].id) in uw werkvoorraad.",
    )
    contractproduct = VisiblePrimaryKey(
        visible_contract_products,
        queryset=ContractProduct.objects.none(),
        help_text="Id van het gecontracteerde product; bepaalt de aanbieder.",
    )
    aanbieder = VisiblePrimaryKey(
        visible_providers,
        queryset=Provider.objects.none(),
        required=False,
        help_text="Optioneel: id van de aanbieder, ter controle (moet de aanbieder van het contract zijn).",
    )
    ingangsdatum = serializers.DateField(
        required=False, help_text="Weggelaten: de ingangsdatum van het beschikte product."
    )
    einddatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Weggelaten: de einddatum van het beschikte product; null: geen einddatum.",
    )
    volume = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LDT_MAX,
        help_text="Omvang; weggelaten: uit de beschikking (niet bij een budget).",
    )
    eenheid = serializers.ChoiceField(
        choices=Eenheid.choices, required=False, allow_null=True, help_text="Eenheid (WJ756)."
    )
    frequentie = serializers.ChoiceField(
        choices=Frequentie.choices, required=False, allow_null=True, help_text="Frequentie (WMO757)."
    )
    budgetCent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LDT_MAX,
        help_text="Budget in eurocent, in plaats van een omvang (CD077/CD078); einddatum verplicht (CD075).",
    )
    commentaar = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class ToewijzingWijzigingSerializer(_StrictBody):
    """``POST /toewijzingen/{id}/wijzigen/``: only Einddatum, Budget and (frequentie 6) Volume (OP033x1)."""

    fixed = FIXED_FIELDS

    redenWijziging = serializers.CharField(max_length=2, help_text=REASON_HELP)
    einddatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Nieuwe einddatum: verkorten, of verlengen zolang de oude niet verstreken is (OP380).",
    )
    budgetCent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LDT_MAX,
        help_text="Nieuw budget (alleen bij een toewijzing met budget).",
    )
    volume = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LDT_MAX,
        help_text="Nieuw volume (alleen bij frequentie 6, totaal binnen geldigheidsduur toewijzing).",
    )


class ToewijzingIntrekkingSerializer(_StrictBody):
    """``POST /toewijzingen/{id}/intrekken/``: a new, earlier Einddatum with a RedenWijziging."""

    fixed = FIXED_FIELDS

    redenWijziging = serializers.CharField(max_length=2, help_text=REASON_HELP)
    einddatum = serializers.DateField(help_text="De nieuwe einddatum (niet later dan de huidige).")


def _messages(help_text: str):
    return serializers.ListField(child=serializers.CharField(), required=False, help_text=help_text)


class ToewijzingFoutSerializer(serializers.Serializer):
    """400: Dutch messages per field (the API's field names); nothing was stored."""

    non_field_errors = _messages("Meldingen die niet bij één veld horen.")
    beschiktProduct = _messages("")
    contractproduct = _messages("")
    aanbieder = _messages("")
    ingangsdatum = _messages("Onder meer stapelen (OP259) en de beschikte periode.")
    einddatum = _messages("")
    volume = _messages("")
    eenheid = _messages("")
    frequentie = _messages("")
    budgetCent = _messages("")
    redenWijziging = _messages("")
    commentaar = _messages("")
