"""Access-aware querysets of the outcomes app: a measurement is visible when its household is
(``people.query.household_visibility``, need-to-know) and the user may view measurements there."""

from __future__ import annotations

from django.db import models

from schakel.core.access import policy_for
from schakel.people.query import household_visibility

VIEW_MEASUREMENT = "outcomes.view_measurement"


class MeasurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        gemeenten = policy_for(user).gemeenten_with(VIEW_MEASUREMENT)
        if not gemeenten:
            return self.none()
        return self.filter(household_visibility(user, household_field="household"), gemeente_id__in=gemeenten)
