"""The plan editor: goals per life domain and their actions, edited in place with htmx partials.

Every response of an htmx request is the re-rendered plan section (``cases/_plan.html#plan-section``),
with an open form where the user was editing and its validation errors inline. Without JavaScript the
same URLs render a full page and redirect after a successful change (progressive enhancement).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ActionForm, AgreeForm, GoalForm, apply_service_error
from ..models import Action, Goal
from .common import contacts_of, household_members, load_case, log_members, persons_of

PLAN_TEMPLATE = "cases/_plan.html"


def plan_context(case, members, **overrides) -> dict:
    """Everything the plan section needs: two queries for goals and actions, forms without queries."""
    plan = case.plan if hasattr(case, "plan") else None
    goals = []
    if plan is not None:
        goals = list(
            Goal.objects.filter(plan=plan)
            .select_related("person")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("network_contact")))
        )
    editable = plan is not None and case.is_open
    context = {
        "case": case,
        "plan": plan,
        "goals": goals,
        "editable": editable,
        "notice": "",
        "edit_goal_id": None,
        "edit_goal_form": None,
        "action_goal_id": None,
        "action_form": None,
        "edit_action_id": None,
        "edit_action_form": None,
        "goal_form": GoalForm(members=persons_of(members), prefix="nieuw-doel") if editable else None,
        "agree_form": AgreeForm(prefix="akkoord") if editable else None,
    }
    context.update(overrides)
    return context


def render_plan(request, case, members, **overrides):
    context = {"p": plan_context(case, members, **overrides), "household": case.household}
    log_members(request.user, members, "plan.inzien", ("naam", "plan"))
    if request.htmx:
        return render(request, f"{PLAN_TEMPLATE}#plan-section", context)
    return render(request, "cases/plan.html", context)


def _focus(form):
    """Move keyboard focus into a form that htmx just opened (WCAG 2.1 SC 2.4.3 focus order)."""
    first = next(iter(form.fields.values()))
    first.widget.attrs["autofocus"] = True
    return form


def _saved(request, case, members, notice: str):
    if request.htmx:
        return render_plan(request, case, members, notice=notice)
    messages.success(request, notice)
    return redirect(reverse("cases:household", kwargs={"pk": case.household_id}) + "#plan")


def _goal(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("plan"), pk=pk)
    case = load_case(request.user, goal.plan.case_id)
    return goal, case, household_members(case.household_id)


@login_required
def plan(request, pk):
    case = load_case(request.user, pk)
    return render_plan(request, case, household_members(case.household_id))


def _submit(request, case, members, form, call, notice: str):
    """Validate ``form`` and pass its cleaned data to the service ``call``; a service's
    :class:`ValidationError` lands on the form's fields. The saved response, or ``None`` to re-render."""
    if not form.is_valid():
        return None
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        apply_service_error(form, exc)
        return None
    return _saved(request, case, members, notice)


def _goal_fields(data) -> dict:
    keys = ("life_domain", "description", "person", "target_date")
    return {key: data[key] for key in keys}


def _action_fields(data) -> dict:
    keys = ("description", "carrier", "carrier_name", "network_contact", "due_date")
    return {key: data[key] for key in keys}


@login_required
@require_POST
def goal_add(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    form = GoalForm(request.POST, members=persons_of(members), prefix="nieuw-doel")
    saved = _submit(
        request,
        case,
        members,
        form,
        lambda data: services.add_goal(request.user, case, **_goal_fields(data)),
        _("Doel toegevoegd."),
    )
    return saved or render_plan(request, case, members, goal_form=form)


@login_required
def goal_edit(request, pk):
    goal, case, members = _goal(request, pk)
    prefix = f"doel-{goal.pk}"
    if request.method == "POST":
        form = GoalForm(request.POST, members=persons_of(members), editing=True, prefix=prefix)
        saved = _submit(
            request,
            case,
            members,
            form,
            lambda data: services.update_goal(
                request.user, goal, status=data["status"], **_goal_fields(data)
            ),
            _("Doel opgeslagen."),
        )
        if saved:
            return saved
    else:
        initial = GoalForm.initial_for(goal)
        form = _focus(GoalForm(initial=initial, members=persons_of(members), editing=True, prefix=prefix))
    return render_plan(request, case, members, edit_goal_id=goal.pk, edit_goal_form=form)


@login_required
def action_add(request, pk):
    goal, case, members = _goal(request, pk)
    prefix = f"actie-bij-{goal.pk}"
    if request.method == "POST":
        form = ActionForm(request.POST, contacts=contacts_of(members), prefix=prefix)
        saved = _submit(
            request,
            case,
            members,
            form,
            lambda data: services.add_action(request.user, goal, **_action_fields(data)),
            _("Actie toegevoegd."),
        )
        if saved:
            return saved
    else:
        form = _focus(ActionForm(contacts=contacts_of(members), prefix=prefix))
    return render_plan(request, case, members, action_goal_id=goal.pk, action_form=form)


@login_required
def action_edit(request, pk):
    action = get_object_or_404(Action.objects.select_related("goal__plan"), pk=pk)
    case = load_case(request.user, action.goal.plan.case_id)
    members = household_members(case.household_id)
    prefix = f"actie-{action.pk}"
    if request.method == "POST":
        form = ActionForm(request.POST, contacts=contacts_of(members), editing=True, prefix=prefix)
        saved = _submit(
            request,
            case,
            members,
            form,
            lambda data: services.update_action(
                request.user, action, done=data["done"], **_action_fields(data)
            ),
            _("Actie opgeslagen."),
        )
        if saved:
            return saved
    else:
        initial = ActionForm.initial_for(action)
        form = _focus(ActionForm(initial=initial, contacts=contacts_of(members), editing=True, prefix=prefix))
    return render_plan(request, case, members, edit_action_id=action.pk, edit_action_form=form)


@login_required
@require_POST
def plan_agree(request, pk):
    case = load_case(request.user, pk)
    members = household_members(case.household_id)
    form = AgreeForm(request.POST, prefix="akkoord")
    saved = _submit(
        request,
        case,
        members,
        form,
        lambda data: services.agree_plan(
            request.user, case, agreed_on=data["agreed_on"], method=data["agreement_method"]
        ),
        _("Akkoord van de inwoner vastgelegd."),
    )
    return saved or render_plan(request, case, members, agree_form=form)
