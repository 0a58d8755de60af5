"""The work queue: my cases, my team's cases, deadlines due soon and overdue (sortable, filterable).

Filters live in the query string (no personal data), so every filtered view has a working URL; htmx
swaps only the results table. The page shows household names, so the households shown are written to
the processing log (one bulk insert per request).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.core import activities, processing_log
from schakel.core.access import policy_for
from schakel.core.deadlines import DUE_SOON_DAYS, flag
from schakel.core.models import ProcessingLogEntry
from schakel.core.vocab import Law
from schakel.outcomes.services import evaluation_due_q

from ..forms import WorkqueueFilterForm
from ..models import Case
from .common import DEADLINE_KINDS, flag_view

PAGE_SIZE = 50
VIEW_CASE = "cases.view_case"
LAW_LABELS = dict(Law.choices)
#: The work queue's tabs; "evaluatie" lists cases whose outcome evaluation is due (outcomes app, issue 3).
TABS = [*WorkqueueFilterForm.TABS, ("evaluatie", gettext_lazy("Evaluatie nodig"))]


def _ordering(sort: str) -> list:
    if sort == "-geopend":
        return ["-opened_on", "-id"]
    if sort == "geopend":
        return ["opened_on", "id"]
    return [F("next_deadline").asc(nulls_last=True), "opened_on", "id"]


def _tab_counts(base, user, today, due: Q) -> dict:
    teams = list(policy_for(user).team_ids())
    return base.open().aggregate(
        evaluatie=Count("id", filter=due),
        mijn=Count("id", filter=Q(regisseur=user)),
        team=Count("id", filter=Q(team_id__in=teams)),
        binnenkort=Count(
            "id", filter=Q(next_deadline__gte=today, next_deadline__lte=today + timedelta(DUE_SOON_DAYS))
        ),
        verlopen=Count("id", filter=Q(next_deadline__lt=today)),
    )


def _log_households(user, cases) -> None:
    subjects = [processing_log.Subject("huishouden", c.household_id, "", c.gemeente_id) for c in cases]
    if subjects:
        processing_log.record(
            user=user,
            action=ProcessingLogEntry.Action.READ,
            operation="werkvoorraad.inzien",
            activity_code=activities.CASE_MANAGEMENT,
            subjects=subjects,
            data_categories=["huishoudnaam", "casusgegevens"],
        )


@login_required
def workqueue(request):
    user = request.user
    if not policy_for(user).has_perm(VIEW_CASE):
        raise PermissionDenied(_("U heeft geen werkvoorraad met casussen."))
    today = timezone.localdate()
    form = WorkqueueFilterForm(request.GET or None)
    form.fields["tab"].choices = TABS
    due = evaluation_due_q(policy_for(user).gemeente_ids, today)
    tab = form.value("tab") or "mijn"
    status, law, sort = form.value("status"), form.value("wet"), form.value("sorteer") or "termijn"

    base = Case.objects.in_work_of(user)
    cases = base.filter(status=status) if status else base.open()
    if tab == "mijn":
        cases = cases.held_by(user)
    elif tab == "team":
        cases = cases.of_my_teams(user)
    elif tab == "binnenkort":
        cases = cases.filter(next_deadline__gte=today, next_deadline__lte=today + timedelta(DUE_SOON_DAYS))
    elif tab == "verlopen":
        cases = cases.filter(next_deadline__lt=today)
    elif tab == "evaluatie":
        cases = cases.filter(due)
    if law:
        cases = cases.filter(laws__icontains=f'"{law}"')
    cases = (
        cases.select_related("household", "regisseur", "team")
        .annotate(evaluation_due=ExpressionWrapper(due, output_field=BooleanField()))
        .order_by(*_ordering(sort))
    )

    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [
        {
            "case": case,
            "laws": [LAW_LABELS.get(code, code) for code in case.laws],
            "deadline_kind": DEADLINE_KINDS.get(case.next_deadline_kind, ""),
            "flag": flag_view(flag(case.next_deadline, today)) if case.next_deadline else None,
        }
        for case in page.object_list
    ]
    _log_households(user, [r["case"] for r in rows])
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "tab": tab,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "today": today,
        "sort": sort,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "cases/workqueue.html#results", context)
    counts = _tab_counts(base, user, today, due)
    context["tabs"] = [(code, label, counts.get(code, 0)) for code, label in TABS]
    return render(request, "cases/workqueue.html", context)
