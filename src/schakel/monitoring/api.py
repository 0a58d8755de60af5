"""API v1 routes of the monitoring app: ``/monitor/indicatoren`` (list) and ``/monitor/indicatoren/{id}``.

Only disclosure-controlled aggregates leave through the API, exactly as in the dashboards and the council
report (:func:`schakel.monitoring.services.results` → :func:`schakel.monitoring.disclosure.protect`): counts of
persons, households, cases and goals rounded to multiples of 5, counts of 1–9 suppressed, and derived figures
resting on a suppressed count suppressed too (CBS GMSD practice; reference §3.1 and §5.4 point 6). There is no
drill-through to cases or persons here: that stays in the web UI, behind ``monitoring.drill_through`` and the
processing log. The figures hold no personal data, so these endpoints write no processing-log entries.

Access: ``monitoring.view_dashboard`` in the municipality asked for (``gemeente``, CBS code; may be left out
by a user who has the permission in one municipality only).
"""

from __future__ import annotations

import math
import re

import pandas as pd
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from schakel.api.base import SchakelViewSet
from schakel.core.models import Gemeente

from . import services
from .indicators import REGISTRY, THEMES, Params

WIJK_CODE = re.compile(r"^WK\d{6}$")
GEMEENTE_CODE = re.compile(r"^\d{4}$")


class IndicatorSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Naam van de indicator, bijvoorbeeld clients_per_law.")
    titel = serializers.CharField()
    thema = serializers.CharField(help_text="usage, stapeling, flows, outcomes, costs, deadlines of budget.")
    themaTitel = serializers.CharField()  # noqa: N815
    eenheid = serializers.CharField(help_text="Eenheid van het afgeleide cijfer (leeg als er geen is).")
    omschrijving = serializers.CharField()
    sleutels = serializers.ListField(child=serializers.CharField(), help_text="De uitsplitsing (kolommen).")
    aantallen = serializers.ListField(
        child=serializers.CharField(), help_text="Kolommen met aantallen: afgerond op 5, onder 10 onderdrukt."
    )
    afgeleid = serializers.ListField(
        child=serializers.CharField(),
        help_text="Afgeleide kolommen (per 1.000, aandeel, gemiddelde): onderdrukt met hun aantal.",
    )


class MonitorQuerySerializer(serializers.Serializer):
    """The filters of a result; error messages in Dutch."""

    jaar = serializers.IntegerField(
        help_text="Het jaar.",
        error_messages={
            "required": _("Geef het jaar op (jaar=2025)."),
            "invalid": _("Het jaar moet een geheel getal zijn."),
        },
    )
    halfjaar = serializers.IntegerField(
        required=False,
        help_text="1 of 2 voor het eerste of tweede halfjaar; weglaten voor het hele jaar.",
        error_messages={"invalid": _("Het halfjaar moet 1 of 2 zijn.")},
    )
    wijk = serializers.CharField(required=False, help_text="CBS-wijkcode, bijvoorbeeld WK036301.")
    gemeente = serializers.CharField(
        required=False,
        help_text="CBS-gemeentecode; mag weg als u de monitor van één gemeente mag zien.",
    )

    def validate_wijk(self, value: str) -> str:
        if not WIJK_CODE.match(value):
            raise serializers.ValidationError(_("Geef de wijk als CBS-wijkcode, bijvoorbeeld WK036301."))
        return value

    def validate_gemeente(self, value: str) -> str:
        if not GEMEENTE_CODE.match(value):
            raise serializers.ValidationError(_("Geef de gemeente als CBS-gemeentecode van vier cijfers."))
        return value


class KolomSerializer(serializers.Serializer):
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=["sleutel", "aantal", "afgeleid", "bedrag", "overig"])


class ResultaatSerializer(serializers.Serializer):
    indicator = IndicatorSerializer()
    gemeente = serializers.CharField()
    van = serializers.DateField(help_text="Eerste dag van de periode.")
    tot = serializers.DateField(help_text="Laatste dag van de periode (inclusief).")
    wijk = serializers.CharField(allow_null=True)
    kolommen = KolomSerializer(many=True)
    rijen = serializers.ListField(
        child=serializers.DictField(),
        help_text="Eén object per rij, kolomnaam → waarde. Een onderdrukte cel is null en staat in 'onderdrukt' "
        "van de rij (in de raadsrapportage een punt).",
    )


def describe(name: str) -> dict:
    ind = REGISTRY[name]
    return {
        "id": name,
        "titel": ind.title,
        "thema": ind.theme,
        "themaTitel": THEMES.get(ind.theme, ind.theme),
        "eenheid": ind.unit,
        "omschrijving": ind.description,
        "sleutels": list(ind.keys),
        "aantallen": list(ind.counts),
        "afgeleid": list(ind.guarded),
    }


def _kind(column: str, ind) -> str:
    if column in ind.keys:
        return "sleutel"
    if column in ind.counts:
        return "aantal"
    if column in ind.guarded:
        return "afgeleid"
    if column.endswith("_euro"):
        return "bedrag"
    return "overig"


def _cell(value):
    """A protected cell as JSON: ``None`` for suppressed/unknown, plain Python numbers otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value if isinstance(value, (int, float, bool)) else str(value)


def rows_of(frame: pd.DataFrame, ind) -> list[dict]:
    """The protected frame as JSON rows; ``onderdrukt`` lists the cells disclosure control suppressed."""
    controlled = [c for c in frame.columns if c in ind.counts or c in ind.guarded]
    out = []
    for record in frame.to_dict("records"):
        row = {column: _cell(value) for column, value in record.items()}
        row["onderdrukt"] = [c for c in controlled if row[c] is None]
        out.append(row)
    return out


_FILTERS = [
    OpenApiParameter("jaar", OpenApiTypes.INT, required=True, description="Het jaar."),
    OpenApiParameter(
        "halfjaar", OpenApiTypes.INT, enum=[1, 2], description="1 of 2; weglaten: het hele jaar."
    ),
    OpenApiParameter("wijk", OpenApiTypes.STR, description="CBS-wijkcode, bijvoorbeeld WK036301."),
    OpenApiParameter(
        "gemeente",
        OpenApiTypes.STR,
        description="CBS-gemeentecode; mag weg als u de monitor van één gemeente mag zien.",
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="De indicatoren van de monitor sociaal domein",
        description="Id, titel, thema, eenheid en omschrijving van elke indicator, en welke kolommen aantallen "
        "en afgeleide cijfers zijn (die vallen onder de afronding en onderdrukking).",
        responses={200: IndicatorSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="De uitkomst van één indicator, afgerond en onderdrukt zoals in de raadsrapportage",
        description="Aantallen afgerond op vijftallen; aantallen van 1 tot 10 onderdrukt (null, en genoemd in "
        "'onderdrukt'), net als afgeleide cijfers die op zo'n aantal rusten. Per gemeente, jaar of halfjaar en "
        "eventueel één wijk. Geen doorklikken naar personen of casussen.",
        parameters=[
            OpenApiParameter(
                "id",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Id van de indicator (zie de lijst).",
            ),
            *_FILTERS,
        ],
        responses={200: ResultaatSerializer},
    ),
)
class IndicatorViewSet(SchakelViewSet):
    """Monitor indicators: metadata for everyone with the monitor permission, results per municipality."""

    required_perms = (services.VIEW,)
    lookup_field = "pk"
    lookup_value_regex = "[a-z0-9_]+"
    pagination_class = None
    serializer_class = IndicatorSerializer

    def log_read(self, objects, *, detail):  # aggregates only: no personal data shown
        return None

    def _log_denied(self):
        return None

    def get_queryset(self):
        # Not a model resource: indicators come from the registry, results from the extract. An empty queryset
        # of the scope (the municipality) keeps DRF and the schema generator content.
        return Gemeente.objects.none()

    def list(self, request, *args, **kwargs):
        return Response([describe(name) for name in REGISTRY])

    def retrieve(self, request, pk=None, *args, **kwargs):
        if pk not in REGISTRY:
            raise Http404
        query = MonitorQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        v = query.validated_data
        gemeente = self._gemeente(v.get("gemeente"))
        params = self.call_service(services.validate_period, v["jaar"], v.get("halfjaar"))
        wijk = v.get("wijk")
        if wijk:
            known = services.wijken(gemeente)
            if known and wijk not in known:
                raise exceptions.ValidationError({"wijk": [_("Deze wijk hoort niet bij de gemeente.")]})
            params = Params(params.period_start, params.period_end, gemeente.code, wijk)
        frame = services.results(request.user, gemeente, params, [pk])[pk]
        ind = REGISTRY[pk]
        return Response(
            {
                "indicator": describe(pk),
                "gemeente": gemeente.code,
                "van": params.period_start,
                "tot": params.period_end,
                "wijk": wijk,
                "kolommen": [{"naam": c, "soort": _kind(c, ind)} for c in frame.columns],
                "rijen": rows_of(frame, ind),
            }
        )

    def _gemeente(self, code: str | None):
        allowed = services.gemeenten_for(self.request.user)
        if code is None:
            if len(allowed) == 1:
                return allowed[0]
            raise exceptions.ValidationError(
                {"gemeente": [_("U mag de monitor van meer gemeenten zien: kies er een (gemeente=0363).")]}
            )
        for gemeente in allowed:
            if gemeente.code == code:
                return gemeente
        raise PermissionDenied(_("U mag de monitor van deze gemeente niet zien."))


def register(router) -> None:
    """Register this app's viewsets on the v1 ``router`` (called by ``schakel.api.v1``)."""
    router.register("monitor/indicatoren", IndicatorViewSet, basename="monitor-indicator")
