"""Helpers shared by the council screens: permission gates, loading visible objects, deadline flags."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.core.access import policy_for
from schakel.core.deadlines import Flag
from schakel.core.models import Gemeente

from ..query import VIEW_ALL

FLAG_VIEW = {
    Flag.OVERDUE: ("danger", gettext_lazy("Verlopen")),
    Flag.DUE_SOON: ("warning", gettext_lazy("Binnenkort")),
    Flag.OK: ("safe", gettext_lazy("Op tijd")),
    Flag.NONE: ("neutral", gettext_lazy("Gehaald")),
}


def gate(user, perm: str) -> None:
    """403 unless the user holds ``perm`` in some municipality."""
    if not policy_for(user).has_perm(perm):
        raise PermissionDenied(_("U heeft geen toegang tot de adviesraden."))


def visible(queryset, user, pk: int):
    """The object if visible to ``user``; else 404 (its existence is not revealed)."""
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def chosen_gemeente(request, perm: str) -> tuple[Gemeente, list[Gemeente]]:
    """The municipality the user acts in, and the ones they may choose from (those where they hold ``perm``).

    ``?gemeente=<id>`` picks one; without it the first by name. A municipality outside the user's choice is a
    404 (its existence is not confirmed). The choice is shown only when there is more than one
    (``participation/_gemeente_choice.html``).
    """
    ids = policy_for(request.user).gemeenten_with(perm)
    if not ids:
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    options = list(Gemeente.objects.filter(pk__in=ids).order_by("name", "pk"))
    raw = request.GET.get("gemeente", "")
    if not raw:
        return options[0], options
    chosen = next((g for g in options if str(g.pk) == raw), None)
    if chosen is None:
        raise Http404
    return chosen, options


def is_staff(user, gemeente_id: int | None = None) -> bool:
    return policy_for(user).has_perm(VIEW_ALL, gemeente_id)


def can(user, perm: str, gemeente_id: int | None = None) -> bool:
    return policy_for(user).has_perm(perm, gemeente_id)


def flag_badge(flag: str) -> dict:
    badge, label = FLAG_VIEW[Flag(flag)]
    return {"code": flag or "gehaald", "badge": badge, "label": label}
