"""Outcome screens: the measurement grid, the household's outcomes (fragment), target and attainment of a goal.

* ``outcomes:measurement_new`` — keyboard-friendly grid: per domain first "relevant voor de hulpvraag?",
  then a score only for the relevant domains (htmx re-renders the grid; without JavaScript the
  "Scores invullen" button does the same).
* ``outcomes:household`` — per person a Vega-Lite chart of the scores per domain over time (one chart per
  instrument version) with a table as text alternative, the change first → latest, and the goals with their
  status. Loaded as an htmx fragment by the household view (``cases:household``), or as a page of its own.
* ``outcomes:goal`` — target score and date, and the goal attainment (sets the goal's status).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.cases.forms import apply_service_error
from schakel.cases.models import Case, Goal
from schakel.cases.views.common import household_members, load_case, log_members
from schakel.core.access import policy_for
from schakel.people.services import visible_household

from . import services
from .charts import chart_spec
from .forms import GoalOutcomeForm, MeasurementHeaderForm, measured_instruments
from .models import GoalOutcome, Instrument, InstrumentDomain, ScaleLevel
from .reference import ZRM_2017
from .services._base import ADD_MEASUREMENT, CHANGE_GOAL_OUTCOME, VIEW_MEASUREMENT


def _require(user, perm: str, gemeente_id: int) -> None:
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _chosen_instrument(instruments: list[Instrument], value) -> Instrument:
    by_pk = {i.pk: i for i in instruments}
    chosen = by_pk.get(_int(value))
    if chosen is None:
        chosen = next((i for i in instruments if (i.code, i.version) == ZRM_2017), instruments[0])
    return Instrument.objects.prefetch_related(
        Prefetch("domains", queryset=InstrumentDomain.objects.order_by("order", "id")), "levels"
    ).get(pk=chosen.pk)


def _grid(instrument: Instrument, data, errors: dict[str, list[str]]) -> list[dict]:
    """One row per domain: relevance, the score (only when relevant) and the optional strength split."""
    levels = list(instrument.levels.all())
    rows = []
    for domain in instrument.domains.all():
        relevant = data is not None and data.get(f"rel-{domain.code}") == "on"
        rows.append(
            {
                "domain": domain,
                "relevant": relevant,
                "score": _int(data.get(f"score-{domain.code}")) if data is not None else None,
                "split": [
                    (key, label, data.get(f"{key}-{domain.code}", "") if data is not None else "")
                    for key, label in (
                        ("eigen", _("Eigen kracht %")),
                        ("netwerk", _("Netwerk %")),
                        ("prof", _("Professionele hulp %")),
                    )
                ],
                "levels": levels,
                "errors": errors.get(f"scores.{domain.code}", []),
            }
        )
    return rows


def _score_inputs(rows: list[dict], data) -> list[services.ScoreInput]:
    """The grid's answers. A domain not marked relevant sends no score, whatever its (hidden) fields hold."""
    result = []
    for row in rows:
        code, relevant = row["domain"].code, row["relevant"]
        split = [
            _int(data.get(f"{key}-{code}")) if relevant else None for key in ("eigen", "netwerk", "prof")
        ]
        result.append(
            services.ScoreInput(
                domain=code,
                relevant=relevant,
                score=_int(data.get(f"score-{code}")) if relevant else None,
                own_strength=split[0],
                network=split[1],
                professional=split[2],
            )
        )
    return result


@login_required
def measurement_new(request, pk: int):
    user = request.user
    case = load_case(user, pk)
    _require(user, ADD_MEASUREMENT, case.gemeente_id)
    members = household_members(case.household_id)
    persons = [m.person for m in members]
    instruments = measured_instruments()
    data = request.POST if request.method == "POST" else None
    initial = {"person": _int(request.GET.get("persoon")) or (case.person_id or persons[0].pk)}
    instrument = _chosen_instrument(instruments, (data or request.GET).get("instrument"))
    initial["instrument"] = instrument.pk
    form = MeasurementHeaderForm(data, persons=persons, instruments=instruments, initial=initial)
    form.fields["instrument"].widget.attrs.update(
        {
            "hx-post": request.path,
            "hx-trigger": "change",
            "hx-target": "#meetraster",
            "hx-swap": "outerHTML",
            "hx-include": "#meetformulier",
            "hx-vals": '{"stap": "raster"}',
        }
    )
    step = data.get("stap", "") if data is not None else ""
    errors: dict[str, list[str]] = {}
    rows = _grid(instrument, data, errors)
    if step == "opslaan" and form.is_valid():
        by_pk = {p.pk: p for p in persons}
        try:
            services.record_measurement(
                user,
                case,
                person=by_pk.get(form.cleaned_data["person"]),
                instrument=instrument,
                moment=form.cleaned_data["moment"],
                measured_on=form.cleaned_data["measured_on"],
                scores=_score_inputs(rows, data),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {k: v.messages if hasattr(v, "messages") else v for k, v in exc.message_dict.items()}
                header = {k: v for k, v in errors.items() if not k.startswith("scores")}
                for field, messages_ in header.items():
                    form.add_error(field if field in form.fields else None, messages_)
                if "scores" in errors:
                    form.add_error(None, errors["scores"])
            else:
                apply_service_error(form, exc)
            rows = _grid(instrument, data, errors)
        else:
            messages.success(request, _("De meting is opgeslagen."))
            return redirect(reverse("cases:household", kwargs={"pk": case.household_id}) + "#uitkomsten")
    log_members(user, members, "uitkomst.meting_invoeren")
    context = {
        "case": case,
        "household": case.household,
        "form": form,
        "instrument": instrument,
        "rows": rows,
        "grid_errors": any(row["errors"] for row in rows),
        "title": _("Meting vastleggen"),
    }
    if request.htmx and step == "raster":
        return render(request, "outcomes/measurement_form.html#grid", context)
    return render(request, "outcomes/measurement_form.html", context)


def _goal_rows(household) -> list[Goal]:
    return list(
        Goal.objects.filter(plan__case__household=household)
        .select_related("person", "plan__case", "outcome__target_domain")
        .order_by("plan__case__opened_on", "position", "id")
    )


@login_required
def household_outcomes(request, pk: int):
    user = request.user
    household = visible_household(user, pk)
    _require(user, VIEW_MEASUREMENT, household.gemeente_id)
    members = household_members(household.pk)
    persons = [m.person for m in members]
    measurements = services.measurements_of(user, persons, operation="uitkomst.huishouden_inzien")
    changes = services.domain_changes(None, by="persoon", household_ids=[household.pk])
    goals = _goal_rows(household)
    open_case = Case.objects.filter(household=household).open().only("pk", "status").first()
    levels = defaultdict(list)
    for instrument_id, value in ScaleLevel.objects.values_list("instrument_id", "value"):
        levels[instrument_id].append(value)
    by_person: dict[int, list] = defaultdict(list)
    for measurement in measurements:
        by_person[measurement.person_id].append(measurement)
    change_by_person: dict[str, list] = defaultdict(list)
    for change in changes:
        change_by_person[change.group].append(change)
    sections = []
    for person in persons:
        own = by_person.get(person.pk, [])
        per_instrument: dict[int, list] = defaultdict(list)
        for measurement in own:
            per_instrument[measurement.instrument_id].append(measurement)
        charts = [
            chart_spec(
                person,
                items[0].instrument,
                items,
                levels[instrument_id],
                f"grafiek-{person.pk}-{instrument_id}",
            )
            for instrument_id, items in per_instrument.items()
        ]
        sections.append(
            {
                "person": person,
                "charts": charts,
                "changes": change_by_person.get(str(person.pk), []),
                "goals": [g for g in goals if g.person_id == person.pk],
            }
        )
    policy = policy_for(user)
    context = {
        "household": household,
        "sections": sections,
        "household_goals": [g for g in goals if g.person_id is None],
        "open_case": open_case,
        "can_measure": open_case is not None and policy.has_perm(ADD_MEASUREMENT, household.gemeente_id),
        "can_assess": open_case is not None and policy.has_perm(CHANGE_GOAL_OUTCOME, household.gemeente_id),
    }
    if request.htmx:
        return render(request, "outcomes/_household.html", context)
    return render(request, "outcomes/household.html", context)


@login_required
def goal_outcome(request, pk: int):
    user = request.user
    goal = Goal.objects.select_related("plan__case", "person").filter(pk=pk).first()
    if goal is None:
        raise Http404
    case = load_case(user, goal.plan.case_id)
    _require(user, CHANGE_GOAL_OUTCOME, case.gemeente_id)
    members = household_members(case.household_id)
    current = GoalOutcome.objects.filter(goal=goal).select_related("target_domain__instrument").first()
    domain = (
        current.target_domain if current and current.target_domain else None
    ) or services.default_domain(goal)
    levels = list(domain.instrument.levels.all()) if domain else []
    gas_levels = list(Instrument.objects.get(code="doelrealisatie", version="1").levels.all())
    initial = {"target_date": goal.target_date}
    if current:
        initial.update(
            target_score=current.target_score,
            result=current.result,
            gas_score=current.gas_score,
            assessed_on=current.assessed_on,
        )
    form = GoalOutcomeForm(request.POST or None, initial=initial, levels=levels, gas_levels=gas_levels)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.set_goal_target(
                    user,
                    goal,
                    target_score=data["target_score"],
                    domain=domain,
                    target_date=data["target_date"],
                )
                if data["result"]:
                    services.record_goal_attainment(
                        user,
                        goal,
                        result=data["result"],
                        gas_score=data["gas_score"],
                        assessed_on=data["assessed_on"],
                    )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("De doelrealisatie is opgeslagen."))
            return redirect(reverse("cases:household", kwargs={"pk": case.household_id}) + "#uitkomsten")
    log_members(user, members, "uitkomst.doel_inzien")
    return render(
        request,
        "outcomes/goal.html",
        {
            "case": case,
            "household": case.household,
            "goal": goal,
            "domain": domain,
            "form": form,
            "title": _("Streefscore en doelrealisatie"),
        },
    )
