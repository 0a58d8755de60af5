"""Pages of the web shell: the start page and break the glass. Login: ``auth_views``; logs: ``log_views``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schakel.core.access import policy_for
from schakel.core.models import Role
from schakel.people.models import Household

from . import break_glass as glass
from .forms import BreakGlassForm
from .start_pages import start_pages_for


@login_required
def home(request):
    """The start page follows the role: the work queue, the privacy officer's log, the one screen of the
    user's roles (``start_pages``), or a list of them; the admin for a beheerder without other screens."""
    policy = policy_for(request.user)
    if policy.has_perm("cases.view_case"):
        return redirect("cases:workqueue")
    if policy.has_perm("core.view_processinglogentry"):
        return redirect("web:processing_log")
    pages = start_pages_for(policy)
    if len(pages) == 1 and not request.user.is_staff:
        return redirect(pages[0].url)
    if request.user.is_staff and not pages:
        return redirect("admin:index")
    roles = Role.objects.filter(code__in=policy.role_codes()).order_by("name")
    return render(request, "web/home.html", {"roles": roles, "pages": pages})


def household_url(household_id: int) -> str:
    return reverse("cases:household", kwargs={"pk": household_id})


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request, household_id: int):
    """Ask the reason, grant temporary access and go to the household (DESIGN.md §4).

    Only the household's number and municipality are shown before the grant: no personal data.
    """
    household = get_object_or_404(Household.objects.select_related("gemeente"), pk=household_id)
    if not glass.may_break_glass(request.user, household):
        raise PermissionDenied(_("U mag de toegang tot dit huishouden niet doorbreken."))
    if Household.objects.visible_to(request.user).filter(pk=household.pk).exists():
        return redirect(household_url(household.pk))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = glass.grant(request.user, household, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            until = date_format(localtime(grant.expires_at), "DATETIME_FORMAT")
            messages.warning(
                request,
                _(
                    "U heeft de toegang doorbroken tot %(until)s. Deze inzage is vastgelegd en "
                    "zichtbaar voor de privacy officer."
                )
                % {"until": until},
            )
            return redirect(household_url(household.pk))
    context = {
        "form": form,
        "household": household,
        "hours": int(glass.GRANT_DURATION.total_seconds() // 3600),
    }
    return render(request, "web/break_glass.html", context)
