"""API permissions: authenticated staff; session users must have passed the second factor."""

from rest_framework.permissions import BasePermission

from schakel.core.middleware import second_factor_required


class IsVerifiedStaff(BasePermission):
    message = "Inloggen met tweestapsverificatie is vereist."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.auth is not None:  # token authentication: a machine credential issued in the admin
            return True
        return not second_factor_required() or user.is_verified()
