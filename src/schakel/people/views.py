"""People screens: person search (BRP, by POST only). The household 360° view is ``cases:household``.

Every page that shows a person's data writes one processing-log entry per person shown (VNG
Verwerkingenlogging; AVG art. 30), in one bulk insert.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import intake
from .brp import BrpError
from .forms import PersonSearchForm
from .services import can_search, search_persons


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
