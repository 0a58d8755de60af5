"""Need-to-know querysets for referrals (BIO 8.03.02).

Staff see the referrals of the cases they may see (``Case.objects.visible_to``). An external partner user
sees only the referrals to their own organisation — the deliverer of the intervention, or the insurer of
the partnership — and only while the citizen's consent covers sharing with that organisation.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from schakel.cases.models import Case

from .models import PartnerUser, Referral


def partner_link(user) -> PartnerUser | None:
    """The partner organisation of an external user (cached on the user object), or ``None``."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_partner_link_cache"):
        user._partner_link_cache = PartnerUser.objects.filter(user=user).first()
    return user._partner_link_cache


def consent_valid_on(day: date, prefix: str = "consent__") -> Q:
    return Q(**{f"{prefix}given_on__lte": day, f"{prefix}valid_until__gte": day}) & (
        Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": day})
    )


def referrals_visible_to(user, *, today: date | None = None):
    today = today or timezone.localdate()
    link = partner_link(user)
    if link is not None:
        if link.deliverer_id:
            scope = Q(intervention__deliverer_id=link.deliverer_id, consent__share_with_deliverer=True)
        else:
            scope = Q(intervention__partnership__insurer_id=link.insurer_id, consent__share_with_insurer=True)
        return Referral.objects.filter(scope & consent_valid_on(today))
    if not getattr(user, "is_authenticated", False):
        return Referral.objects.none()
    return Referral.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
