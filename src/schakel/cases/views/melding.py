"""The new-melding wizard: find the person, choose or create the household, register the melding.

Step 1 searches the BRP by POST only (never a BSN in a URL); hits are kept in the session under random
tokens (``people.intake``). Step 3 calls ``cases.services.register_melding``, after which the onderzoek
term runs (Wmo 2015 art. 2.3.2 lid 1: six weeks).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.core import activities
from schakel.core.access import policy_for
from schakel.people import intake
from schakel.people.brp import BrpError
from schakel.people.forms import PersonSearchForm
from schakel.people.models import Household, Person
from schakel.people.services import log_read, search_persons, visible_household

from .. import services
from ..forms import HouseholdChoiceForm, MeldingForm, apply_service_error
from ..models import Case
from .common import household_members, persons_of

WIZARD = "melding_wizard"
ADD_CASE = "cases.add_case"


def _state(request) -> dict:
    return dict(request.session.get(WIZARD, {}))


def _save(request, **state) -> None:
    request.session[WIZARD] = state


def _restart():
    return redirect("cases:melding_new")


def _deadline_message(case: Case) -> str:
    case = (
        Case.objects.prefetch_related("meldingen", "aanvragen", "decisions")
        .select_related("onderzoek")
        .get(pk=case.pk)
    )
    open_terms = [d for d in services.case_deadlines(case) if d.kind == "onderzoek" and not d.met]
    if not open_terms:
        return _("De melding is geregistreerd. Voor deze hulpvraag geldt geen wettelijke onderzoekstermijn.")
    first = min(open_terms, key=lambda d: d.due)
    return _("De melding is geregistreerd. Rond het onderzoek af vóór %(date)s (%(source)s).") % {
        "date": first.due.strftime("%d-%m-%Y"),
        "source": first.source,
    }


def _search_step(request, user):
    form = PersonSearchForm(request.POST)
    hits, error = None, ""
    if form.is_valid():
        try:
            found = search_persons(user, form.criteria())
        except BrpError as exc:
            error = str(exc)
        else:
            hits = intake.search_hits(user, intake.remember_candidates(request.session, found))
    return render(
        request, "cases/melding_new.html", {"step": 1, "form": form, "hits": hits, "brp_error": error}
    )


def _choose_step(request, user):
    brp_person = intake.candidate(request.session, request.POST.get("kandidaat", ""))
    if brp_person is None:
        messages.error(request, _("Deze zoekresultaten zijn verlopen. Zoek de persoon opnieuw."))
        return _restart()
    person = intake.adopt_person(user, brp_person)
    _save(request, person_id=person.pk)
    return _restart()


def _household_step(request, user, person: Person):
    memberships = intake.memberships_of(person)
    form = HouseholdChoiceForm(request.POST or None, memberships=memberships, person=person)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["household"]
        if choice == "nieuw":
            try:
                household = intake.create_household(
                    user, person, name=form.cleaned_data["name"], relation=form.cleaned_data["relation"]
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                _save(request, person_id=person.pk, household_id=household.pk)
                return _restart()
        else:
            _save(request, person_id=person.pk, household_id=int(choice))
            return _restart()
    log_read(
        user,
        [person],
        operation="melding.huishouden_kiezen",
        data_categories=["naam", "huishoudsamenstelling"],
        activity_code=activities.INTAKE_PERSON_SEARCH,
    )
    return render(
        request,
        "cases/melding_new.html",
        {"step": 2, "form": form, "person": person, "memberships": memberships},
    )


def _melding_step(request, user, household: Household, person_id):
    policy = policy_for(user)
    members = household_members(household.pk)
    persons = persons_of(members)
    initial = {"person": person_id} if person_id else {}
    form = MeldingForm(
        request.POST or None, user=user, household=household, policy=policy, members=persons, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.register_melding(
                user,
                household=household,
                received_on=data["received_on"],
                channel=data["channel"],
                laws=data["laws"],
                question=data["question"],
                team=data["team"],
                regisseur=data["regisseur"],
                person=data["person"],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        except PermissionDenied:
            form.add_error(
                None,
                _(
                    "Dit huishouden heeft al een open casus bij een ander team. Neem contact op met "
                    "de regisseur van die casus."
                ),
            )
        else:
            request.session.pop(WIZARD, None)
            messages.success(request, _deadline_message(case))
            if Household.objects.visible_to(user).filter(pk=household.pk).exists():
                return redirect(reverse("cases:household", kwargs={"pk": household.pk}))
            return redirect("cases:workqueue")
    log_read(
        user,
        persons,
        operation="melding.registreren_inzien",
        data_categories=["naam"],
        activity_code=activities.INTAKE_PERSON_SEARCH,
    )
    return render(
        request,
        "cases/melding_new.html",
        {"step": 3, "form": form, "household": household, "members": members},
    )


@login_required
def melding_new(request):
    user = request.user
    if not policy_for(user).has_perm(ADD_CASE):
        raise PermissionDenied(_("U heeft geen recht om meldingen te registreren."))
    if request.method == "GET":
        if "opnieuw" in request.GET:
            request.session.pop(WIZARD, None)
            return _restart()
        if request.GET.get("huishouden", "").isdigit():
            household = visible_household(user, int(request.GET["huishouden"]))
            _save(request, household_id=household.pk)
            return _restart()
    step = request.POST.get("stap", "") if request.method == "POST" else ""
    if step == "zoeken":
        return _search_step(request, user)
    if step == "kiezen":
        return _choose_step(request, user)

    state = _state(request)
    if state.get("household_id"):
        household = Household.objects.filter(pk=state["household_id"]).first()
        if household is None:
            request.session.pop(WIZARD, None)
            return _restart()
        if request.method == "POST" and step != "melding":
            return _restart()
        return _melding_step(request, user, household, state.get("person_id"))
    if state.get("person_id"):
        person = Person.objects.filter(pk=state["person_id"]).first()
        if person is None:
            request.session.pop(WIZARD, None)
            return _restart()
        if request.method == "POST" and step != "huishouden":
            return _restart()
        return _household_step(request, user, person)
    return render(request, "cases/melding_new.html", {"step": 1, "form": PersonSearchForm(), "hits": None})
