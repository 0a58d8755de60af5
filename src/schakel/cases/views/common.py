"""Helpers shared by the case screens: loading a case the user may see, household members, labels."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from schakel.core.deadlines import Flag
from schakel.people.models import HouseholdMember, Person
from schakel.people.services import log_read, visible_household

from ..models import Case

FLAG_LABELS = {
    Flag.OVERDUE: _("Verlopen"),
    Flag.DUE_SOON: _("Binnenkort"),
    Flag.OK: _("Op tijd"),
    Flag.NONE: _("Gehaald"),
}
FLAG_BADGES = {Flag.OVERDUE: "danger", Flag.DUE_SOON: "warning", Flag.OK: "safe", Flag.NONE: "neutral"}
DEADLINE_KINDS = {
    "onderzoek": _("Onderzoek afronden"),
    "beschikking": _("Beschikking afgeven"),
    "bezwaar": _("Bezwaartermijn"),
}
RELATION_ORDER = {"partner": 0, "ouder": 0, "overig": 1, "kind": 2}


@dataclass(frozen=True)
class FlagView:
    """A deadline flag shown as text *and* colour (WCAG 2.1 SC 1.4.1: not colour alone)."""

    code: str
    label: str
    badge: str


def flag_view(flag: str) -> FlagView:
    flag = Flag(flag)
    return FlagView(flag.value or "gehaald", str(FLAG_LABELS[flag]), FLAG_BADGES[flag])


def load_case(user, pk: int, *, related=("household", "plan")) -> Case:
    """The case if its household is visible to ``user``; else 403 (logged, with break-the-glass offer)."""
    case = Case.objects.select_related(*related).filter(pk=pk).first()
    if case is None:
        raise Http404
    try:
        visible_household(user, case.household_id)
    except PermissionDenied as exc:
        exc.household_id = case.household_id  # the 403 page offers break-the-glass for this household
        raise
    return case


def household_members(household_id: int) -> list[HouseholdMember]:
    """Members with their persons and informal network: two queries, whatever the household size."""
    members = list(
        HouseholdMember.objects.filter(household_id=household_id)
        .select_related("person")
        .prefetch_related("person__network")
    )
    members.sort(key=lambda m: (RELATION_ORDER.get(m.relation, 9), m.person.birth_year or 0, m.person.pk))
    return members


def persons_of(members: list[HouseholdMember]) -> list[Person]:
    return [m.person for m in members]


def contacts_of(members: list[HouseholdMember]) -> list:
    return [contact for m in members for contact in m.person.network.all()]


def log_members(
    user, members: list[HouseholdMember], operation: str, categories=("naam", "casusgegevens")
) -> None:
    log_read(user, persons_of(members), operation=operation, data_categories=list(categories))
