"""Access-aware querysets of the contracts app. Lists, detail pages and the API all start here.

* Providers: everyone holding ``contracts.view_provider`` in some municipality sees all providers (public
  information: name, AGB code); a provider's own staff (:class:`~schakel.contracts.models.ProviderUser`) sees
  their own provider.
* Contracts: in the municipalities where the user holds ``contracts.view_contract`` (a regional contract in
  any of the region's municipalities); provider staff see their provider's contracts.
* Allocations (personal data): municipality-wide with ``contracts.view_allocation``; the case team sees the
  allocations of the cases it may see (``cases.Case.visible_to``); provider staff with
  ``contracts.view_own_provider_allocation`` see only their own provider's allocations in the municipalities
  where they hold that permission.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from schakel.core.access import policy_for

VIEW_PROVIDER = "contracts.view_provider"
VIEW_CONTRACT = "contracts.view_contract"
VIEW_ALLOCATION = "contracts.view_allocation"
VIEW_OWN_PROVIDER = "contracts.view_own_provider_allocation"


def provider_ids_of(user) -> list[int]:
    """The providers the user works for (cached on the user object for the request)."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_schakel_provider_ids", None)
    if cached is None:
        link = apps.get_model("contracts", "ProviderUser")
        cached = list(link.objects.filter(user_id=user.pk).values_list("provider_id", flat=True))
        user._schakel_provider_ids = cached
    return cached


class ProviderQuerySet(models.QuerySet):
    def visible_to(self, user):
        policy = policy_for(user)
        if policy.user_id is None:
            return self.none()
        if policy.has_perm(VIEW_PROVIDER):
            return self.all()
        return self.filter(pk__in=provider_ids_of(user))


def _contract_scope(policy, perm: str, prefix: str = "") -> Q:
    gemeenten = policy.gemeenten_with(perm)
    if not gemeenten:
        return Q(pk__in=[])
    regio_model = apps.get_model("core", "Regio")
    regios = regio_model.objects.filter(gemeenten__in=gemeenten).values("pk")
    return Q(**{f"{prefix}gemeente_id__in": gemeenten}) | Q(**{f"{prefix}regio_id__in": regios})


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        policy = policy_for(user)
        if policy.user_id is None:
            return self.none()
        condition = _contract_scope(policy, VIEW_CONTRACT)
        own = provider_ids_of(user)
        if own and policy.has_perm(VIEW_OWN_PROVIDER):
            condition |= Q(provider_id__in=own)
        return self.filter(condition)

    def covering(self, gemeente, day):
        """Contracts valid for ``gemeente`` (directly or through one of its regions) on ``day``."""
        return self.filter(
            Q(gemeente=gemeente) | Q(regio__gemeenten=gemeente),
            start_date__lte=day,
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class AllocationQuerySet(models.QuerySet):
    def visible_to(self, user):
        policy = policy_for(user)
        if policy.user_id is None:
            return self.none()
        condition = Q(pk__in=[])
        wide = policy.gemeenten_with(VIEW_ALLOCATION)
        if wide:
            condition |= Q(gemeente_id__in=wide)
        if policy.gemeenten_with("cases.view_case"):
            case_model = apps.get_model("cases", "Case")
            cases = case_model.objects.visible_to(user).values("pk")
            condition |= Q(decision_product__decision__case_id__in=cases)
        own = provider_ids_of(user)
        own_gemeenten = policy.gemeenten_with(VIEW_OWN_PROVIDER)
        if own and own_gemeenten:
            condition |= Q(provider_id__in=own, gemeente_id__in=own_gemeenten)
        return self.filter(condition)

    def for_provider(self, provider):
        return self.filter(provider=provider)

    def live(self):
        """Not deleted (RedenWijziging 13 counts as never sent, CS335)."""
        return self.exclude(status="verwijderd")

    def overlapping(self, start, end):
        """Allocations whose period overlaps ``start``..``end`` (``None`` = open-ended)."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs
