"""Access-aware querysets for persons and households (need-to-know, BIO 8.03.02; DESIGN.md §4).

A household is visible to a user when, in the household's municipality, the user

* holds ``people.view_all_households``; or
* holds ``people.view_household`` and the household has a case held by the user (as regisseur)
  or by one of the user's teams; or
* has an unexpired break-the-glass grant for it.

Persons are visible when they belong to a visible household. Lists and detail pages both go
through :meth:`HouseholdQuerySet.visible_to`, so they can never disagree.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from schakel.core.access import policy_for

VIEW_SCOPED = "people.view_household"
VIEW_ALL = "people.view_all_households"


def household_visibility(user, household_field: str = "pk", *, single: bool = False) -> Q:
    """A ``Q`` on a model that has a household under ``household_field`` (``pk`` for Household itself).

    For lists, the held and break-the-glass households are uncorrelated ``IN (SELECT household_id …)``
    subqueries, evaluated once per query rather than once per row. For one row (``single=True``: a detail
    page) the same rule is a correlated ``EXISTS``: it looks at that household's cases only instead of
    listing every household the user's team holds (~2,000 on the 100k data set).
    """
    policy = policy_for(user)
    if policy.user_id is None:
        return Q(pk__in=[])
    prefix = "" if household_field == "pk" else f"{household_field}__"
    gemeente_field = f"{prefix}gemeente_id"
    household_id = "pk" if household_field == "pk" else f"{household_field}_id"
    condition = Q(pk__in=[])
    all_gemeenten = policy.gemeenten_with(VIEW_ALL)
    if all_gemeenten:
        condition |= Q(**{f"{gemeente_field}__in": all_gemeenten})
    scoped = [g for g in policy.gemeenten_with(VIEW_SCOPED) if g not in all_gemeenten]
    if scoped:
        case_model = apps.get_model("cases", "Case")
        held = case_model.objects.filter(
            Q(regisseur_id=policy.user_id) | Q(team_id__in=list(policy.team_ids()))
        )
        if single:
            held_here = Exists(held.filter(household_id=OuterRef(household_id)))
            condition |= Q(**{f"{gemeente_field}__in": scoped}) & Q(held_here)
        elif household_field == "pk":
            condition |= Q(gemeente_id__in=scoped, pk__in=held.values("household_id"))
        else:
            # Through a household relation (cases, ...): the municipality is checked inside the subquery on
            # the held households, so the outer query needs no join to all households (PostgreSQL hashed
            # all 49,000 of them for a team's 2,000 cases).
            household_model = apps.get_model("people", "Household")
            held_households = household_model.objects.filter(
                gemeente_id__in=scoped, pk__in=held.values("household_id")
            ).values("pk")
            condition |= Q(**{f"{household_id}__in": held_households})
    grant_model = apps.get_model("people", "BreakGlassGrant")
    grants = grant_model.objects.filter(user_id=policy.user_id, expires_at__gt=timezone.now()).values(
        "household_id"
    )
    condition |= Q(**{f"{household_id}__in": grants})
    return condition


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user, *, single: bool = False):
        return self.filter(household_visibility(user, single=single))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        household_model = apps.get_model("people", "Household")
        visible = household_model.objects.visible_to(user).filter(memberships__person=OuterRef("pk"))
        return self.filter(Exists(visible))
