"""Access-aware querysets for cases: a case is visible when its household is (see ``people.query``)."""

from __future__ import annotations

from django.db import models

from schakel.core.access import policy_for
from schakel.people.query import household_visibility


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(household_visibility(user, household_field="household"))

    def held_by(self, user):
        """The cases the user holds as regisseur."""
        return self.filter(regisseur=user)

    def of_my_teams(self, user):
        return self.filter(team_id__in=list(policy_for(user).team_ids()))

    def open(self):
        return self.exclude(status="afgesloten")
