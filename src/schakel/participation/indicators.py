"""Indicators of the advisory councils for the monitor sociaal domein (issue 8).

Every function takes a municipality id and a calendar year and answers with a fixed number of set-based
queries (aggregates grouped by council or theme), independent of the number of requests and advice. They
read public information only (no signals' senders), so the monitor and the public register can both use them.

* :func:`requests_per_council` — advice requests put to each council (by the year the request was sent);
* :func:`advice_on_time_rate` — share of requested advice submitted on or before the request's deadline;
* :func:`response_on_time_rate` — share of published responses published on or before ``response_due``;
* :func:`adoption_rate` — share of answered advice points adopted (partly adopted counts as half);
* :func:`unrequested_share` — share of advice given on the council's own initiative;
* :func:`themes` — advice and requests per policy field;
* :func:`per_council` — the register's table: per council advice, requested/unrequested, responses, adoption.
"""

from __future__ import annotations

from django.db.models import Case, Count, F, FloatField, Q, Sum, Value, When

from .models import Advice, AdvicePoint, AdviceRequest, Response
from .vocab import Outcome, PolicyField

GIVEN = ("uitgebracht", "beantwoord")


def _ratio(part, whole) -> float | None:
    return round(part / whole, 3) if whole else None


def requests_per_council(gemeente_id: int, year: int) -> dict[str, int]:
    """Council name → number of requests sent to it in ``year``."""
    link = AdviceRequest.councils.through
    rows = (
        link.objects.filter(advicerequest__gemeente_id=gemeente_id, advicerequest__sent_on__year=year)
        .values("council__name")
        .annotate(n=Count("advicerequest_id", distinct=True))
        .order_by("council__name")
    )
    return {row["council__name"]: row["n"] for row in rows}


def advice_on_time_rate(gemeente_id: int, year: int) -> float | None:
    agg = Advice.objects.filter(
        gemeente_id=gemeente_id, status__in=GIVEN, submitted_on__year=year, request__isnull=False
    ).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(submitted_on__lte=F("request__advice_deadline"))),
    )
    return _ratio(agg["on_time"], agg["total"])


def response_on_time_rate(gemeente_id: int, year: int) -> float | None:
    agg = Response.objects.filter(
        advice__gemeente_id=gemeente_id, published_on__year=year, advice__response_due__isnull=False
    ).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(published_on__lte=F("advice__response_due"))),
    )
    return _ratio(agg["on_time"], agg["total"])


_SCORE = Case(
    When(outcome=Outcome.ADOPTED, then=Value(1.0)),
    When(outcome=Outcome.PARTLY, then=Value(0.5)),
    default=Value(0.0),
    output_field=FloatField(),
)


def adoption_rate(gemeente_id: int, year: int) -> float | None:
    """Adopted points / answered points in published responses of ``year`` (partly adopted = 0.5)."""
    agg = (
        AdvicePoint.objects.filter(advice__gemeente_id=gemeente_id, advice__response__published_on__year=year)
        .exclude(outcome="")
        .aggregate(total=Count("id"), score=Sum(_SCORE))
    )
    return _ratio(agg["score"] or 0, agg["total"])


def unrequested_share(gemeente_id: int, year: int) -> float | None:
    agg = Advice.objects.filter(gemeente_id=gemeente_id, status__in=GIVEN, submitted_on__year=year).aggregate(
        total=Count("id"), unrequested=Count("id", filter=Q(request__isnull=True))
    )
    return _ratio(agg["unrequested"], agg["total"])


def themes(gemeente_id: int, year: int) -> list[dict]:
    """Per policy field: advice given and requests sent in ``year`` (two grouped queries)."""
    labels = dict(PolicyField.choices)
    advice = dict(
        Advice.objects.filter(gemeente_id=gemeente_id, status__in=GIVEN, submitted_on__year=year)
        .values_list("policy_field")
        .annotate(n=Count("id"))
        .order_by()
    )
    requests = dict(
        AdviceRequest.objects.filter(gemeente_id=gemeente_id, sent_on__year=year)
        .values_list("policy_field")
        .annotate(n=Count("id"))
        .order_by()
    )
    codes = sorted(set(advice) | set(requests), key=lambda c: PolicyField.values.index(c))
    return [
        {"code": c, "label": str(labels[c]), "advice": advice.get(c, 0), "requests": requests.get(c, 0)}
        for c in codes
    ]


def per_council(gemeente_id: int | None, year: int) -> list[dict]:
    """Per council: advice given (requested / unrequested), responses published, adoption rate — the public
    register's table. Two grouped queries."""
    advice = Advice.objects.filter(status__in=GIVEN, submitted_on__year=year)
    if gemeente_id is not None:
        advice = advice.filter(gemeente_id=gemeente_id)
    rows = (
        advice.values("council_id", "council__name", "gemeente__name")
        .annotate(
            given=Count("id"),
            requested=Count("id", filter=Q(request__isnull=False)),
            unrequested=Count("id", filter=Q(request__isnull=True)),
            answered=Count("id", filter=Q(status="beantwoord")),
            on_time=Count(
                "id", filter=Q(request__isnull=False, submitted_on__lte=F("request__advice_deadline"))
            ),
        )
        .order_by("gemeente__name", "council__name")
    )
    points = (
        AdvicePoint.objects.filter(advice__in=advice.filter(status="beantwoord"))
        .exclude(outcome="")
        .values("advice__council_id")
        .annotate(
            total=Count("id"),
            adopted=Count("id", filter=Q(outcome=Outcome.ADOPTED)),
            partly=Count("id", filter=Q(outcome=Outcome.PARTLY)),
            not_adopted=Count("id", filter=Q(outcome=Outcome.NOT_ADOPTED)),
            score=Sum(_SCORE),
        )
        .order_by()
    )
    by_council = {p["advice__council_id"]: p for p in points}
    result = []
    for row in rows:
        p = by_council.get(row["council_id"], {})
        result.append(
            {
                "council_id": row["council_id"],
                "council": row["council__name"],
                "gemeente": row["gemeente__name"],
                "year": year,
                "given": row["given"],
                "requested": row["requested"],
                "unrequested": row["unrequested"],
                "answered": row["answered"],
                "advice_on_time": _ratio(row["on_time"], row["requested"]),
                "points": p.get("total", 0),
                "adopted": p.get("adopted", 0),
                "partly": p.get("partly", 0),
                "not_adopted": p.get("not_adopted", 0),
                "adoption_rate": _ratio(p.get("score") or 0, p.get("total", 0)),
            }
        )
    return result


def summary(gemeente_id: int, year: int) -> dict:
    """All indicators of one municipality and year, for the monitor."""
    return {
        "requests_per_council": requests_per_council(gemeente_id, year),
        "advice_on_time_rate": advice_on_time_rate(gemeente_id, year),
        "response_on_time_rate": response_on_time_rate(gemeente_id, year),
        "adoption_rate": adoption_rate(gemeente_id, year),
        "unrequested_share": unrequested_share(gemeente_id, year),
        "themes": themes(gemeente_id, year),
    }
