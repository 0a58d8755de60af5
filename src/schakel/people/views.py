"""People screens: person search (BRP, by POST only) and the household 360° view.

Every page that shows a person's data writes one processing-log entry per person shown (VNG
Verwerkingenlogging; AVG art. 30), in one bulk insert.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.views.common import household_members
from schakel.cases.views.household import case_sections
from schakel.core.values import mask_bsn

from . import intake
from .brp import BrpError
from .forms import PersonSearchForm
from .models import BreakGlassGrant
from .services import can_search, log_read, search_persons, visible_household


@login_required
def search(request):
    """Find a person by BSN, surname + birth date, or postcode + house number (Wet BRP art. 3.3)."""
    user = request.user
    if not can_search(user):
        raise PermissionDenied(_("U heeft geen recht om personen te zoeken."))
    form = PersonSearchForm(request.POST or None)
    hits, error = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            found = search_persons(user, form.criteria())
        except BrpError as exc:
            error = str(exc)
        else:
            hits = intake.search_hits(user, intake.remember_candidates(request.session, found))
    return render(request, "people/search.html", {"form": form, "hits": hits, "brp_error": error})


@login_required
def household(request, pk: int):
    """The household 360° view: members, network, all cases across laws, plan, decisions, timeline."""
    user = request.user
    household = visible_household(user, pk)
    today = timezone.localdate()
    members = household_members(household.pk)
    rows = [
        {"member": m, "person": m.person, "age": m.person.age_on(today), "bsn": mask_bsn(m.person.bsn)}
        for m in members
    ]
    network = [(contact, m.person) for m in members for contact in m.person.network.all()]
    grant = BreakGlassGrant.objects.filter(
        user=user, household=household, expires_at__gt=timezone.now()
    ).first()
    context = {"household": household, "rows": rows, "network": network, "grant": grant}
    context.update(case_sections(request, household, members))
    log_read(
        user,
        [m.person for m in members],
        operation="huishouden.inzien",
        data_categories=["naam", "geboortedatum", "adres", "huishoudsamenstelling", "casusgegevens", "plan"],
        break_glass_reason=grant.reason if grant else "",
    )
    return render(request, "people/household.html", context)
