"""Access-aware querysets for cases: a case is visible when its household is (see ``people.query``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from schakel.core.access import policy_for
from schakel.people.query import VIEW_ALL, VIEW_SCOPED, household_visibility


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(household_visibility(user, household_field="household"))

    def in_work_of(self, user):
        """The cases the user or one of the user's teams holds, in municipalities where the user may see
        households: the work queue. Always a subset of :meth:`visible_to` (a held case makes its household
        visible), without the per-row visibility subquery."""
        policy = policy_for(user)
        gemeenten = [
            g for g in policy.gemeente_ids if policy.has_perm(VIEW_SCOPED, g) or policy.has_perm(VIEW_ALL, g)
        ]
        return self.filter(gemeente_id__in=gemeenten).filter(
            Q(regisseur_id=policy.user_id) | Q(team_id__in=list(policy.team_ids()))
        )

    def held_by(self, user):
        """The cases the user holds as regisseur."""
        return self.filter(regisseur=user)

    def of_my_teams(self, user):
        return self.filter(team_id__in=list(policy_for(user).team_ids()))

    def open(self):
        return self.exclude(status="afgesloten")
