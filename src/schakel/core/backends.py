"""Authentication backend whose permissions come from the user's roles (:class:`~schakel.core.models.Role`).

Roles are assigned per municipality through memberships; for the admin (functional configuration) the
union over all memberships applies. Screens with personal data use the per-municipality policy in
:mod:`schakel.core.access` instead.
"""

from django.contrib.auth.backends import ModelBackend

from .access import policy_for


class RolePermissionBackend(ModelBackend):
    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        policy = policy_for(user_obj)
        return set().union(*policy.perms_by_gemeente.values()) if policy.perms_by_gemeente else set()
