"""Writing the security log (BIO 8.15.01): who did what, to which object, with what result, from where."""

from __future__ import annotations

from .models import SecurityLogEntry
from .request_context import current_context


def record(
    event: str,
    *,
    user=None,
    username: str = "",
    object_description: str = "",
    result: str = "",
    detail: dict | None = None,
) -> SecurityLogEntry:
    """Append one security event. Never pass secrets or a BSN in ``detail`` (BIO 8.15.02)."""
    context = current_context()
    return SecurityLogEntry.objects.create(
        event=event,
        user=user if getattr(user, "is_authenticated", False) else None,
        username=username or getattr(user, "username", "") or "",
        object_description=object_description[:300],
        result=result,
        origin=context.origin,
        detail=detail or {},
    )
