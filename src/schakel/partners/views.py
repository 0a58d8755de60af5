"""Screens of the cooperation with health insurers (``/samenwerking/``).

Staff see partnerships of their municipalities (permission ``partners.view_partnership``) and referrals of
the cases they may see; an external partner user sees only the referrals to their own organisation, with
only the data the citizen consented to. Every page that shows a citizen writes the processing log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.cases.models import Action, Case
from schakel.core.access import policy_for
from schakel.people.models import Person
from schakel.web.form_styles import apply_service_error

from . import charts, cohorts, services, workflow
from .forms import (
    CollaborationCheckForm,
    FeedbackForm,
    FundEntryForm,
    ParticipantsForm,
    ReferralForm,
    ScreeningForm,
    StatusForm,
)
from .models import FundEntry, Intervention, Partnership, ReferralEvent, ScreeningArea
from .query import partner_link, referrals_visible_to

VIEW_PARTNERSHIP = "partners.view_partnership"
VIEW_FUND = "partners.view_fundentry"
VIEW_REFERRAL = "partners.view_referral"


def _partnerships(user):
    """Staff: the partnerships of their municipalities. An insurer's user: the insurer's partnerships (for the
    shared outcomes and the insurer's own collaboration check; not the fund ledger)."""
    link = partner_link(user)
    if link is not None:
        return (
            Partnership.objects.filter(insurer_id=link.insurer_id)
            if link.insurer_id
            else Partnership.objects.none()
        )
    return Partnership.objects.filter(gemeente_id__in=policy_for(user).gemeenten_with(VIEW_PARTNERSHIP))


def _is_insurer_user(user) -> bool:
    link = partner_link(user)
    return link is not None and link.insurer_id is not None


def _partnership(user, pk: int) -> Partnership:
    return get_object_or_404(_partnerships(user).select_related("insurer", "gemeente"), pk=pk)


def _run(request, form, call, success: str) -> bool:
    """Call a service; put its Dutch validation errors on the form. True on success."""
    try:
        call()
    except ValidationError as exc:
        apply_service_error(form, exc)
        return False
    messages.success(request, success)
    return True


@login_required
def overview(request):
    if partner_link(request.user) is not None and not _is_insurer_user(request.user):
        return redirect("partners:referrals")
    if not (_is_insurer_user(request.user) or policy_for(request.user).has_perm(VIEW_PARTNERSHIP)):
        raise PermissionDenied
    # The balance as a subquery: summed over a join with the interventions, every entry would be counted
    # once per intervention.
    balance = (
        FundEntry.objects.filter(partnership=OuterRef("pk"))
        .values("partnership")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )
    partnerships = (
        _partnerships(request.user)
        .select_related("insurer")
        .annotate(
            balance=Coalesce(Subquery(balance), 0),
            interventions_count=Count("interventions", distinct=True),
        )
    )
    return render(request, "partners/overview.html", {"partnerships": partnerships})


@login_required
def partnership(request, pk):
    ps = _partnership(request.user, pk)
    policy = policy_for(request.user)
    may_book = policy.has_perm(services.BOOK_FUND, ps.gemeente_id)
    may_manage = policy.has_perm(services.MANAGE_PARTNERSHIP, ps.gemeente_id)
    fund_form = FundEntryForm(request.POST if request.POST.get("form") == "fund" else None, prefix="fund")
    participants_form = ParticipantsForm(
        request.POST if request.POST.get("form") == "participants" else None, prefix="participants"
    )
    policies = list(ps.policies.prefetch_related("participation"))
    if request.method == "POST":
        if request.POST.get("form") == "fund" and may_book and fund_form.is_valid():
            data = fund_form.cleaned_data
            if _run(
                request,
                fund_form,
                lambda: services.book_fund(
                    request.user,
                    ps,
                    kind=data["kind"],
                    amount_cents=data["amount"],
                    description=data["description"],
                    override_reason=data["override_reason"],
                ),
                _("De boeking is vastgelegd."),
            ):
                return redirect(request.path)
        elif (
            request.POST.get("form") == "participants"
            and may_manage
            and policies
            and participants_form.is_valid()
        ):
            data = participants_form.cleaned_data
            if _run(
                request,
                participants_form,
                lambda: services.record_participants(
                    request.user, policies[0], year=data["year"], participants=data["participants"]
                ),
                _("Het aantal deelnemers is vastgelegd."),
            ):
                return redirect(request.path)
        elif request.POST.get("form") not in ("fund", "participants") or not (may_book or may_manage):
            raise PermissionDenied
    checks = list(ps.checks.all())
    context = {
        "partnership": ps,
        "policies": policies,
        "interventions": ps.interventions.select_related("deliverer").prefetch_related("cost_shares"),
        "entries": ps.fund_entries.all() if policy.has_perm(VIEW_FUND, ps.gemeente_id) else None,
        "balance": services.fund_balance(ps),
        "fund_form": fund_form if may_book else None,
        "participants_form": participants_form if may_manage and policies else None,
        "cohorts": cohorts.cohort_outcomes(ps),
        "min_cell": cohorts.MIN_CELL,
        "checks": checks,
        "check_chart": charts.collaboration_chart(checks) if checks else None,
        "may_check": policy.has_perm(services.ADD_CHECK, ps.gemeente_id) or _is_insurer_user(request.user),
        "is_insurer": _is_insurer_user(request.user),
    }
    return render(request, "partners/partnership.html", context)


@login_required
def collaboration_check(request, pk):
    ps = _partnership(request.user, pk)
    insurer = _is_insurer_user(request.user)
    if not (insurer or policy_for(request.user).has_perm(services.ADD_CHECK, ps.gemeente_id)):
        raise PermissionDenied
    form = CollaborationCheckForm(request.POST or None, insurer=insurer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.record_collaboration_check(
                request.user,
                ps,
                party=data["party"],
                scores=form.scores(),
                agreed_actions=data["agreed_actions"],
                on=data["on"],
            ),
            _("De samenwerkingscheck is vastgelegd."),
        ):
            return redirect("partners:partnership", pk=ps.pk)
    return render(request, "partners/check.html", {"partnership": ps, "form": form})


@login_required
def intervention(request, pk):
    link = partner_link(request.user)
    queryset = Intervention.objects.select_related("partnership__insurer", "deliverer").prefetch_related(
        "steps", "cost_shares"
    )
    if link is not None:
        queryset = (
            queryset.filter(deliverer_id=link.deliverer_id)
            if link.deliverer_id
            else queryset.filter(partnership__insurer_id=link.insurer_id)
        )
    else:
        queryset = queryset.filter(partnership__in=_partnerships(request.user))
    iv = get_object_or_404(queryset, pk=pk)
    return render(
        request, "partners/intervention.html", {"intervention": iv, "split": services.cost_split(iv)}
    )


def _referrals(user):
    if partner_link(user) is None and not policy_for(user).has_perm(VIEW_REFERRAL):
        raise PermissionDenied
    return referrals_visible_to(user).select_related(
        "person", "consent", "intervention__deliverer", "case__household"
    )


@login_required
def referrals(request):
    rows = list(_referrals(request.user)[:200])
    services.log_partner_read(request.user, rows, detail=False)
    is_partner = partner_link(request.user) is not None
    candidates = [] if is_partner else services.target_group(request.user)
    if candidates:
        services.log_persons_read(request.user, [c.person for c in candidates], "screening.doelgroep")
    context = {
        "referrals": rows,
        "is_partner": is_partner,
        "is_insurer": _is_insurer_user(request.user),
        "candidates": candidates,
    }
    return render(request, "partners/referrals.html", context)


@login_required
def referral(request, pk):
    ref = get_object_or_404(
        _referrals(request.user).prefetch_related(
            Prefetch("events", queryset=ReferralEvent.objects.select_related("actor"))
        ),
        pk=pk,
    )
    is_partner = partner_link(request.user) is not None
    form_name = request.POST.get("form")
    status_form = StatusForm(request.POST if form_name == "status" else None, referral=ref, prefix="status")
    feedback_form = FeedbackForm(request.POST if form_name == "feedback" else None, prefix="feedback")
    if request.method == "POST":
        done = False
        if form_name == "status" and status_form.is_valid():
            data = status_form.cleaned_data
            done = _run(
                request,
                status_form,
                lambda: services.change_status(
                    request.user,
                    ref,
                    data["status"],
                    on=data["on"],
                    note=data["note"],
                    health_after=data["health_after"],
                ),
                _("De status van de verwijzing is gewijzigd."),
            )
        elif form_name == "feedback" and feedback_form.is_valid():
            done = _run(
                request,
                feedback_form,
                lambda: services.add_feedback(request.user, ref, feedback_form.cleaned_data["text"]),
                _("De terugkoppeling is vastgelegd."),
            )
        elif form_name == "withdraw" and not is_partner:
            try:
                services.withdraw_consent(request.user, ref)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("De toestemming is ingetrokken: er wordt niets meer gedeeld."))
            done = True
        elif form_name not in ("status", "feedback", "withdraw"):
            raise PermissionDenied
        if done:
            return redirect("partners:referral", pk=ref.pk)
    services.log_partner_read(request.user, [ref], detail=True)
    context = {
        "referral": ref,
        "events": services.events_for(ref, request.user),
        "is_partner": is_partner,
        "shared": services.shared_view(ref, request.user) if is_partner else None,
        "status_form": status_form if workflow.allowed_targets(ref.status) else None,
        "feedback_form": feedback_form,
        "consent_valid": ref.consent.is_valid_on(ref.referred_on.today()),
        "cost": None if is_partner else services.cost_split(ref.intervention),
        "booking": None if is_partner else services.budget_booking(ref),
    }
    return render(request, "partners/referral.html", context)


@login_required
def referral_new(request, pk):
    action = get_object_or_404(Action.objects.select_related("goal__plan__case", "goal__person"), pk=pk)
    case = action.goal.plan.case
    if not Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
        raise Http404
    if not policy_for(request.user).has_perm(services.ADD_REFERRAL, case.gemeente_id):
        raise PermissionDenied
    form = ReferralForm(request.POST or None, gemeente_id=case.gemeente_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = []
        consent = services.ConsentInput(
            categories=tuple(data["categories"]),
            given_on=data["given_on"],
            valid_until=data["valid_until"],
            share_with_deliverer=data["share_with_deliverer"],
            share_with_insurer=data["share_with_insurer"],
        )
        if _run(
            request,
            form,
            lambda: created.append(
                services.create_referral(
                    request.user,
                    action,
                    data["intervention"],
                    basis=data["basis"],
                    basis_note=data["basis_note"],
                    consent=consent,
                    health_before=data["health_before"],
                )
            ),
            _("De verwijzing is aangemaakt."),
        ):
            return redirect("partners:referral", pk=created[0].pk)
    return render(request, "partners/referral_new.html", {"form": form, "action": action, "case": case})


@login_required
def screening(request, pk):
    case = Case.objects.filter(pk=pk).select_related("household").first()
    if case is None or not Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
        raise Http404
    if not policy_for(request.user).has_perm(services.ADD_SCREENING, case.gemeente_id):
        raise PermissionDenied
    persons = list(
        Person.objects.filter(household_memberships__household=case.household_id).order_by("birth_date")
    )
    areas = list(ScreeningArea.objects.filter(active=True))
    form = ScreeningForm(request.POST or None, persons=persons, areas=areas)
    if request.method == "POST" and form.is_valid():
        person = next(p for p in persons if str(p.pk) == form.cleaned_data["person"])
        if _run(
            request,
            form,
            lambda: services.record_screening(
                request.user, case, person, form.answers(), on=form.cleaned_data["on"]
            ),
            _("De screening is vastgelegd."),
        ):
            return redirect(reverse("cases:household", kwargs={"pk": case.household_id}))
    services.log_persons_read(request.user, persons, "screening.formulier")
    return render(request, "partners/screening.html", {"form": form, "case": case})
