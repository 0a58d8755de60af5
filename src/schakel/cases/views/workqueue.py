"""The work queue: my cases, my team's cases, deadlines due soon and overdue (sortable, filterable).

Filters live in the query string (no personal data), so every filtered view has a working URL; htmx
swaps only the results table. The page shows household names, so the households shown are written to
the processing log (one bulk insert per request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.shortcuts import render
from django.urls import reverse
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
from ..models import Case, CaseStatus
from .common import DEADLINE_KINDS, flag_view

PAGE_SIZE = 50
VIEW_CASE = "cases.view_case"
LAW_LABELS = dict(Law.choices)
#: The work queue's tabs; "evaluatie" lists cases whose outcome evaluation is due (outcomes app, issue 3).
TABS = [*WorkqueueFilterForm.TABS, ("evaluatie", gettext_lazy("Evaluatie nodig"))]


class CountedPaginator(Paginator):
    """A paginator told its count (counted on the bare filtered queryset, not on the joined page query)."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count  # ``Paginator.count`` is a cached_property


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


#: The columns a row shows (plus what the processing log needs): no model instances for 50 rows.
ROW_COLUMNS = (
    "id",
    "gemeente_id",
    "household_id",
    "household__name",
    "regisseur__first_name",
    "regisseur__last_name",
    "regisseur__username",
    "team__name",
    "status",
    "laws",
    "opened_on",
    "next_deadline",
    "next_deadline_kind",
    "evaluation_due",
)


@dataclass(frozen=True)
class RowCase:
    """The identity of a row's case (``row["case"].pk``), without loading the model."""

    pk: int
    household_id: int
    gemeente_id: int


def _rows(values, today) -> list[dict]:
    """Display values of a page of cases, prepared once in Python so that the template only prints them
    (50 rows of ``{{ x.y.z|date }}`` lookups were a third of the page's CPU time)."""
    status_labels = {value: str(label) for value, label in CaseStatus.choices}
    household_url = reverse("cases:household", kwargs={"pk": 0})[: -len("0/")]
    rows = []
    for case in values:
        due = case["next_deadline"]
        full_name = f"{case['regisseur__first_name']} {case['regisseur__last_name']}".strip()
        rows.append(
            {
                "case": RowCase(case["id"], case["household_id"], case["gemeente_id"]),
                "url": f"{household_url}{case['household_id']}/",
                "household": case["household__name"],
                "regisseur": full_name or case["regisseur__username"],
                "team": case["team__name"],
                "status": status_labels.get(case["status"], case["status"]),
                "evaluation_due": case["evaluation_due"],
                "laws": ", ".join(str(LAW_LABELS.get(code, code)) for code in case["laws"] or ()),
                "opened": _dmy(case["opened_on"]),
                "deadline": _dmy(due),
                "deadline_kind": str(DEADLINE_KINDS.get(case["next_deadline_kind"], "")),
                "flag": flag_view(flag(due, today)) if due else None,
            }
        )
    return rows


def _dmy(value) -> str:
    """The template filter ``date:"d-m-Y"``."""
    return value.strftime("%d-%m-%Y") if value else ""


def _log_households(user, rows) -> None:
    subjects = [
        processing_log.Subject("huishouden", r["case"].household_id, "", r["case"].gemeente_id) for r in rows
    ]
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
    total = cases.count()  # without the joins and the annotation of the page query
    ordering = _ordering(sort)
    page = CountedPaginator(cases.order_by(*ordering).values("pk"), PAGE_SIZE, count=total).get_page(
        request.GET.get("pagina")
    )
    # The page's ids as a LIMIT subquery: the joins and the evaluation check run for 50 rows, not for all
    # open cases of the work queue before sorting.
    page_rows = (
        Case.objects.filter(pk__in=page.object_list)
        .annotate(evaluation_due=ExpressionWrapper(due, output_field=BooleanField()))
        .order_by(*ordering)
        .values(*ROW_COLUMNS)
    )
    rows = _rows(page_rows, today)
    _log_households(user, rows)
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
