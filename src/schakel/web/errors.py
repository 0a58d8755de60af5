"""Error pages in Dutch, without technical details (BIO 8.15.02: no internals to the user).

The 403 page offers "break the glass" when the refused page is a household (or names one through the
exception's ``household_id`` attribute) and the user may break the glass in that household's municipality.
"""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _


def _refused_household_id(request, exception) -> int | None:
    household_id = getattr(exception, "household_id", None)
    if household_id is not None:
        return int(household_id)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "cases:household":
        pk = match.kwargs.get("pk")
        if pk is not None and str(pk).isdigit():
            return int(pk)
    return None


def break_glass_offer(request, exception) -> int | None:
    """The id of the household the user may break the glass for after this refusal, else ``None``."""
    from schakel.people.models import Household

    from .break_glass import may_break_glass

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    household_id = _refused_household_id(request, exception)
    if household_id is None:
        return None
    household = Household.objects.filter(pk=household_id).only("pk", "gemeente_id").first()
    if household is None or not may_break_glass(user, household):
        return None
    return household.pk


def forbidden(request, exception=None):
    message = str(exception or "") or _("U heeft geen toegang tot deze pagina.")
    context = {
        "title": _("Geen toegang"),
        "message": message,
        "break_glass_household_id": break_glass_offer(request, exception),
    }
    return render(request, "web/error.html", context, status=403)


def not_found(request, exception=None):
    return render(
        request,
        "web/error.html",
        {
            "title": _("Niet gevonden"),
            "message": _("Deze pagina bestaat niet of valt buiten uw werkvoorraad."),
        },
        status=404,
    )


def server_error(request):
    title = _("Er ging iets mis")
    message = _("Er is een fout opgetreden. De fout is vastgelegd; probeer het later opnieuw.")
    try:
        return render(request, "web/error.html", {"title": title, "message": message}, status=500)
    except Exception:  # e.g. the database is down: the navigation cannot be built
        return HttpResponseServerError(
            f"<!DOCTYPE html><title>{title}</title><h1>{title}</h1><p>{message}</p>"
        )
