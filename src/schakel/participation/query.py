"""Access-aware querysets of the participation app (need-to-know, BIO 8.03.02).

Two ways to see a council's work, per municipality:

* **municipal staff** (beleidsmedewerker, secretaris adviesraad) with ``participation.view_all_councils``
  see the work of every council of the municipality — drafts (``concept``) only with
  ``participation.view_council_drafts`` (the ambtelijk secretaris);
* **council members** (external users, role ``adviesraadlid``) with the base view permission see only the
  work of the councils they currently hold a seat in (:class:`~schakel.participation.models.CouncilMember`
  linked to their account): requests put to those councils, their advice including drafts, pre-advice
  before the coordination point they sit on, their meetings, information log and signals. Drafts of other
  councils never.

Lists, detail pages and the API all start from these querysets.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from schakel.core.access import policy_for

VIEW_ALL = "participation.view_all_councils"
VIEW_DRAFTS = "participation.view_council_drafts"
VIEW_COUNCIL = "participation.view_council"
VIEW_REQUEST = "participation.view_advicerequest"
VIEW_ADVICE = "participation.view_advice"
VIEW_MEETING = "participation.view_meeting"
VIEW_INFORMATION = "participation.view_informationitem"
VIEW_SIGNAL = "participation.view_signal"


def my_council_ids(user):
    """Subquery: the councils in which ``user`` currently holds a seat."""
    member = apps.get_model("participation", "CouncilMember")
    return member.objects.filter(user_id=policy_for(user).user_id).current().values("council_id")


def _scopes(user, perm: str) -> tuple[list[int], list[int], list[int]]:
    """(municipalities where everything is visible, … with drafts, … where only own councils are)."""
    policy = policy_for(user)
    with_perm = policy.gemeenten_with(perm)
    everything = [g for g in with_perm if policy.has_perm(VIEW_ALL, g)]
    drafts = [g for g in everything if policy.has_perm(VIEW_DRAFTS, g)]
    own = [g for g in with_perm if g not in everything]
    return everything, drafts, own


class MemberQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(term_start__lte=today).filter(Q(term_end__isnull=True) | Q(term_end__gte=today))


class CouncilQuerySet(models.QuerySet):
    def visible_to(self, user):
        everything, _drafts, own = _scopes(user, VIEW_COUNCIL)
        if not everything and not own:
            return self.none()
        return self.filter(
            Q(gemeente_id__in=everything) | Q(gemeente_id__in=own, pk__in=my_council_ids(user))
        )

    def of_user(self, user):
        """The councils the user holds a seat in."""
        return self.filter(pk__in=my_council_ids(user))

    def advisory(self):
        from .vocab import ADVISORY_KINDS

        return self.filter(active=True, kind__in=list(ADVISORY_KINDS))


class RequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        everything, _drafts, own = _scopes(user, VIEW_REQUEST)
        if not everything and not own:
            return self.none()
        mine = my_council_ids(user)
        link = apps.get_model("participation", "AdviceRequest").councils.through
        asked = link.objects.filter(council_id__in=mine).values("advicerequest_id")
        member_scope = (
            Q(gemeente_id__in=own)
            & ~Q(status="concept")
            & (Q(pk__in=asked) | Q(coordination_point_id__in=mine))
        )
        return self.filter(Q(gemeente_id__in=everything) | member_scope)


class AdviceQuerySet(models.QuerySet):
    def visible_to(self, user):
        everything, drafts, own = _scopes(user, VIEW_ADVICE)
        if not everything and not own:
            return self.none()
        mine = my_council_ids(user)
        link = apps.get_model("participation", "Advice").joint_councils.through
        joint = link.objects.filter(council_id__in=mine).values("advice_id")
        # a withdrawn draft stays a draft: only its council and the ambtelijk secretaris see it
        staff = Q(gemeente_id__in=drafts) | (
            Q(gemeente_id__in=everything) & ~Q(status__in=["concept", "ingetrokken"])
        )
        member = Q(gemeente_id__in=own) & (
            Q(council_id__in=mine)
            | Q(pk__in=joint)
            | (Q(status="pre_advies") & Q(request__coordination_point_id__in=mine))
        )
        return self.filter(staff | member)

    def published(self):
        """What the public register shows: advice that was given (not drafts, not pre-advice)."""
        return self.filter(status__in=["uitgebracht", "beantwoord"])


class CouncilScopedQuerySet(models.QuerySet):
    """Meetings, the information log and signals: visible per council."""

    #: The permission needed, per model.
    PERMS = {
        "meeting": VIEW_MEETING,
        "informationitem": VIEW_INFORMATION,
        "signal": VIEW_SIGNAL,
    }

    def visible_to(self, user):
        everything, _drafts, own = _scopes(user, self.PERMS[self.model._meta.model_name])
        if not everything and not own:
            return self.none()
        return self.filter(
            Q(gemeente_id__in=everything) | Q(gemeente_id__in=own, council_id__in=my_council_ids(user))
        )
