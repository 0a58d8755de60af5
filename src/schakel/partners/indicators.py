"""Indicators of the cooperation with health insurers for the monitor (issue 6: "the partner indicators").

Set-based queries per municipality and year: referrals by intervention and outcome, the health gain reported
by participants, the fund's execution and the gemeentepolis participants. Counts of referrals are counts of
persons: the monitor applies its disclosure rule (``monitoring.disclosure``) before anything reaches the
council or the public.
"""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q, Sum

from .models import FundEntry, Intervention, PolicyParticipation, ReferralStatus


def per_intervention(gemeente_id: int, year: int) -> list[dict]:
    """Per intervention: referred, completed, dropped out in ``year`` (by date of referral) and the mean
    self-rated health gain of those who completed with both scores."""
    in_year = Q(referrals__referred_on__year=year)
    completed = in_year & Q(referrals__status=ReferralStatus.COMPLETED)
    rows = (
        Intervention.objects.filter(partnership__gemeente_id=gemeente_id)
        .annotate(
            referred=Count("referrals", filter=in_year),
            completed=Count("referrals", filter=completed),
            dropped_out=Count("referrals", filter=in_year & Q(referrals__status=ReferralStatus.DROPPED_OUT)),
            health_gain=Avg(
                F("referrals__health_after") - F("referrals__health_before"),
                filter=completed
                & Q(referrals__health_after__isnull=False, referrals__health_before__isnull=False),
            ),
        )
        .values("name", "kind", "referred", "completed", "dropped_out", "health_gain")
        .order_by("name")
    )
    return [
        {**row, "health_gain": None if row["health_gain"] is None else round(float(row["health_gain"]), 2)}
        for row in rows
    ]


def fund(gemeente_id: int, year: int) -> dict[str, int]:
    """The fund's bookings of ``year`` per kind (eurocent, signed) and the balance at the end of the year."""
    entries = FundEntry.objects.filter(partnership__gemeente_id=gemeente_id)
    by_kind = dict(
        entries.filter(booked_on__year=year)
        .values_list("kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    balance = entries.filter(booked_on__year__lte=year).aggregate(total=Sum("amount_cents"))["total"] or 0
    return {**{kind: by_kind.get(kind, 0) for kind in FundEntry.Kind.values}, "saldo": balance}


def summary(gemeente_id: int, year: int) -> dict[str, float | int | None]:
    """Totals for ``year``: referrals, completion rate, gemeentepolis participants, fund spent."""
    rows = per_intervention(gemeente_id, year)
    referred = sum(r["referred"] for r in rows)
    ended = sum(r["completed"] + r["dropped_out"] for r in rows)
    participants = (
        PolicyParticipation.objects.filter(policy__partnership__gemeente_id=gemeente_id, year=year).aggregate(
            n=Sum("participants")
        )["n"]
        or 0
    )
    return {
        "referred": referred,
        "completed": sum(r["completed"] for r in rows),
        "completion_rate": round(sum(r["completed"] for r in rows) / ended, 3) if ended else None,
        "policy_participants": participants,
        "fund_spent_cents": -fund(gemeente_id, year)[FundEntry.Kind.SPENDING],
    }
