"""Shared view helpers: the municipality and period from the query string, with the permission check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .. import services
from ..forms import PeriodForm


def period_form(request, perm: str, *, with_wijk: bool = True):
    """``(form, gemeente, params)``; ``params`` is ``None`` when the form is invalid. 403 without ``perm``."""
    gemeenten = services.gemeenten_for(request.user, perm)
    if not gemeenten:
        raise PermissionDenied
    data = request.GET.copy() if request.GET else None
    code = (data or {}).get("gemeente") or gemeenten[0].code
    gemeente = next((g for g in gemeenten if g.code == code), gemeenten[0])
    form = PeriodForm(
        data or {"gemeente": gemeente.code, "jaar": PeriodForm.default_year()},
        gemeenten=gemeenten,
        wijken=services.wijken(gemeente) if with_wijk else (),
        with_wijk=with_wijk,
    )
    params = form.params() if form.is_valid() else None
    return form, gemeente, params
