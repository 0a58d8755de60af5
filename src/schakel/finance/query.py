"""Access-aware querysets of the finance app.

Finance rows are owned by a municipality or by a region (regional contracting). A user sees the rows of
the municipalities where they hold the permission, and the rows of every region one of those
municipalities belongs to. Lists, detail pages and the API all start here.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from schakel.core.access import policy_for

VIEW_BUDGET = "finance.view_budget"


def owner_scope(user, perm: str, prefix: str = "") -> Q:
    """The condition "owned by a municipality (or a region of one) where ``user`` holds ``perm``"."""
    gemeenten = policy_for(user).gemeenten_with(perm)
    if not gemeenten:
        return Q(pk__in=[])
    regio_model = apps.get_model("core", "Regio")
    regios = regio_model.objects.filter(gemeenten__in=gemeenten).values("pk")
    return Q(**{f"{prefix}gemeente_id__in": gemeenten}) | Q(**{f"{prefix}regio_id__in": regios})


class OwnedQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str | None = None):
        if policy_for(user).user_id is None:
            return self.none()
        if perm is None:
            perm = f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"
        return self.filter(owner_scope(user, perm))

    def of_owner(self, gemeente_id: int | None, regio_id: int | None):
        return self.filter(gemeente_id=gemeente_id, regio_id=regio_id)
