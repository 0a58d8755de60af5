"""The access policy (need-to-know, BIO 8.03.02), evaluated once per user and request.

A user's permissions are the union of the permissions of the roles they hold *in a municipality*;
roles and their permissions are configured in the admin. Querysets (``query.py`` of each app) use
:func:`policy_for` so that lists and detail pages apply exactly the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .models import Membership


@dataclass(frozen=True)
class AccessPolicy:
    """What one user may do, per municipality id."""

    user_id: int | None
    perms_by_gemeente: dict[int, frozenset[str]] = field(default_factory=dict)
    teams_by_gemeente: dict[int, frozenset[int]] = field(default_factory=dict)
    roles_by_gemeente: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def gemeente_ids(self) -> frozenset[int]:
        return frozenset(self.perms_by_gemeente)

    def has_perm(self, perm: str, gemeente_id: int | None = None) -> bool:
        """``perm`` as ``app_label.codename``; without a municipality: held in any of them."""
        if gemeente_id is None:
            return any(perm in perms for perms in self.perms_by_gemeente.values())
        return perm in self.perms_by_gemeente.get(gemeente_id, frozenset())

    def gemeenten_with(self, perm: str) -> list[int]:
        return [gid for gid, perms in self.perms_by_gemeente.items() if perm in perms]

    def team_ids(self, gemeente_id: int | None = None) -> frozenset[int]:
        if gemeente_id is None:
            return (
                frozenset().union(*self.teams_by_gemeente.values()) if self.teams_by_gemeente else frozenset()
            )
        return self.teams_by_gemeente.get(gemeente_id, frozenset())

    def role_codes(self) -> list[str]:
        return sorted(frozenset().union(*self.roles_by_gemeente.values())) if self.roles_by_gemeente else []


ANONYMOUS = AccessPolicy(user_id=None)


def policy_for(user) -> AccessPolicy:
    """Build (and cache on the user object for this request) the user's access policy."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_schakel_policy", None)
    if cached is not None:
        return cached
    perms: dict[int, set[str]] = defaultdict(set)
    teams: dict[int, set[int]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    rows = Membership.objects.filter(user=user).values_list(
        "gemeente_id",
        "team_id",
        "role__code",
        "role__permissions__content_type__app_label",
        "role__permissions__codename",
    )
    for gemeente_id, team_id, role_code, app_label, codename in rows:  # one query per request
        roles[gemeente_id].add(role_code)
        perms.setdefault(gemeente_id, set())  # a membership without permissions still counts
        if team_id:
            teams[gemeente_id].add(team_id)
        if codename:
            perms[gemeente_id].add(f"{app_label}.{codename}")
    policy = AccessPolicy(
        user_id=user.pk,
        perms_by_gemeente={g: frozenset(p) for g, p in perms.items()},
        teams_by_gemeente={g: frozenset(t) for g, t in teams.items()},
        roles_by_gemeente={g: frozenset(r) for g, r in roles.items()},
    )
    user._schakel_policy = policy
    return policy
