"""Access-aware querysets of the exchange app.

* Municipal staff see the messages of the municipalities where they hold ``exchange.view_message``;
  messages that could not be routed to a municipality (no readable Ontvanger) only with
  ``exchange.manage_exchange``.
* A provider's user (``contracts.ProviderUser`` with ``exchange.exchange_as_provider``) sees only the
  messages, requests, deliveries and declarations of their own provider(s) — never another provider's.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from schakel.core.access import policy_for

VIEW = "exchange.view_message"
MANAGE = "exchange.manage_exchange"
AS_PROVIDER = "exchange.exchange_as_provider"


def provider_ids_of(user) -> list[int]:
    """The providers ``user`` acts for in the message exchange (needs ``exchange.exchange_as_provider``)."""
    if user is None or not user.is_authenticated or not policy_for(user).has_perm(AS_PROVIDER):
        return []
    from schakel.contracts.query import provider_ids_of as linked

    return linked(user)


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user):
        policy = policy_for(user)
        condition = Q(gemeente_id__in=policy.gemeenten_with(VIEW))
        if policy.has_perm(MANAGE):
            condition |= Q(gemeente__isnull=True)
        providers = provider_ids_of(user)
        if providers:
            condition |= Q(provider_id__in=providers)
        if not policy.gemeenten_with(VIEW) and not providers and not policy.has_perm(MANAGE):
            return self.none()
        return self.filter(condition)

    def of_provider(self, user):
        """Only the messages of the user's own provider(s): the REST transport for providers."""
        return self.filter(provider_id__in=provider_ids_of(user))

    def inbox(self):
        return self.filter(direction="in")

    def outbox(self):
        return self.filter(direction="uit")


class ProviderScopedQuerySet(models.QuerySet):
    """Requests, deliveries and declarations: by municipality for staff, by provider for providers."""

    def visible_to(self, user):
        policy = policy_for(user)
        gemeenten = policy.gemeenten_with(VIEW)
        providers = provider_ids_of(user)
        if not gemeenten and not providers:
            return self.none()
        fields = {f.name for f in self.model._meta.get_fields()}
        if "gemeente" in fields:
            condition = Q(gemeente_id__in=gemeenten)
        elif "declaration" in fields:
            condition = Q(declaration__gemeente_id__in=gemeenten)
        else:
            condition = Q(message__gemeente_id__in=gemeenten)
        if providers:
            condition |= Q(provider_id__in=providers)
        return self.filter(condition)
