"""Referrals from a plan action to an intervention: consent, the transition table, feedback, withdrawal,
what a partner may see, and the processing log of every read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Action, Case
from schakel.core.access import policy_for
from schakel.people.models import Person

from .. import workflow
from ..models import (
    Barrier,
    Consent,
    DataCategory,
    FundEntry,
    HealthScreening,
    Intervention,
    Partnership,
    PartnerUser,
    Payer,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from ..query import partner_link, referrals_visible_to
from ._base import (
    ADD_REFERRAL,
    CHANGE_REFERRAL,
    REPORT_REFERRAL,
    Act,
    _log,
    _require,
)
from .fund import _book, book_municipal_share, cost_split

# --------------------------------------------------------------------------- referrals


@dataclass(frozen=True)
class ConsentInput:
    categories: tuple[str, ...]
    given_on: date
    valid_until: date
    share_with_deliverer: bool = True
    share_with_insurer: bool = False


def _validate_consent(consent: ConsentInput, referred_on: date) -> None:
    errors = {}
    unknown = set(consent.categories) - set(DataCategory.values)
    if not consent.categories or unknown:
        errors["categories"] = _("Kies welke gegevens gedeeld mogen worden.")
    if not (consent.share_with_deliverer or consent.share_with_insurer):
        errors["share_with_deliverer"] = _("Kies met wie de gegevens gedeeld mogen worden.")
    if consent.given_on > timezone.localdate():
        errors["given_on"] = _("De datum van de toestemming ligt in de toekomst.")
    if consent.valid_until < consent.given_on:
        errors["valid_until"] = _("De einddatum van de toestemming ligt vóór de datum waarop die is gegeven.")
    elif not consent.given_on <= referred_on <= consent.valid_until:
        errors["valid_until"] = _("De toestemming is niet geldig op de datum van aanmelding.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_referral(
    user,
    action: Action,
    intervention: Intervention,
    *,
    basis: str,
    basis_note: str,
    consent: ConsentInput,
    referred_on: date | None = None,
    person: Person | None = None,
    health_before: int | None = None,
) -> Referral:
    """Refer the person of a plan action to an intervention — only with valid, explicit consent.

    A share of the cost paid from the fund is committed at once (and released on drop-out).
    """
    case = Case.objects.select_related("gemeente").get(pk=action.goal.plan.case_id)
    _require(user, ADD_REFERRAL, case.gemeente_id)
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))
    referred_on = referred_on or timezone.localdate()
    person = person or action.goal.person or case.person
    errors = {}
    if person is None:
        errors["person"] = _("Kies voor wie de verwijzing is.")
    if intervention.partnership.gemeente_id != case.gemeente_id or not intervention.active:
        errors["intervention"] = _("Deze interventie is in deze gemeente niet beschikbaar.")
    if basis not in Referral.Basis.values:
        errors["basis"] = _("Kies of deelname vrijwillig is of onderdeel van de re-integratieverplichting.")
    if not basis_note.strip():
        errors["basis_note"] = _("Licht toe hoe vrijwilligheid en verplichting zich hier verhouden.")
    if referred_on > timezone.localdate():
        errors["referred_on"] = _("De datum van aanmelding ligt in de toekomst.")
    if health_before is not None and not 1 <= health_before <= 5:
        errors["health_before"] = _("Ervaren gezondheid is een cijfer van 1 tot en met 5.")
    if errors:
        raise ValidationError(errors)
    _validate_consent(consent, referred_on)
    # Lock the partnership first: two concurrent submissions then cannot both pass the duplicate check
    # (and commit the fund twice).
    partnership = Partnership.objects.select_for_update().get(pk=intervention.partnership_id)
    if Referral.objects.filter(
        person=person,
        intervention=intervention,
        status__in=[ReferralStatus.REGISTERED, ReferralStatus.STARTED],
    ).exists():
        raise ValidationError({"intervention": _("Deze persoon is al aangemeld voor deze interventie.")})
    referral = Referral.objects.create(
        gemeente_id=case.gemeente_id,
        case=case,
        action=action,
        person=person,
        intervention=intervention,
        basis=basis,
        basis_note=basis_note.strip(),
        referred_on=referred_on,
        health_before=health_before,
        created_by=user,
    )
    Consent.objects.create(
        referral=referral,
        categories=sorted(set(consent.categories)),
        share_with_deliverer=consent.share_with_deliverer,
        share_with_insurer=consent.share_with_insurer,
        given_on=consent.given_on,
        valid_until=consent.valid_until,
        recorded_by=user,
    )
    ReferralEvent.objects.create(
        referral=referral, kind=ReferralEvent.Kind.STATUS, to_status=referral.status, actor=user
    )
    fund_part = cost_split(intervention).get(Payer.FUND, 0)
    if fund_part:
        _book(
            partnership,
            FundEntry.Kind.COMMITMENT,
            -fund_part,
            _("Verplichting verwijzing %(id)s: %(name)s") % {"id": referral.pk, "name": intervention.name},
            user,
            on=referred_on,
            referral=referral,
        )
    _log(user, Act.CREATE, "verwijzing.aanmaken", [person], ["naam", "gezondheid", "toestemming"])
    return referral


def _may_change(user, referral: Referral) -> bool:
    link = partner_link(user)
    if link is not None:
        return (
            policy_for(user).has_perm(REPORT_REFERRAL, referral.gemeente_id)
            and referrals_visible_to(user).filter(pk=referral.pk).exists()
        )
    return (
        policy_for(user).has_perm(CHANGE_REFERRAL, referral.gemeente_id)
        and Case.objects.visible_to(user).filter(pk=referral.case_id).exists()
    )


@transaction.atomic
def change_status(
    user,
    referral: Referral,
    target: str,
    *,
    on: date | None = None,
    note: str = "",
    health_after: int | None = None,
) -> Referral:
    """Move a referral along the transition table (``workflow.TRANSITIONS``). Completion books the fund
    share as spent and the cost in the integral budget (``book_municipal_share``); drop-out releases the
    commitment."""
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("intervention__partnership__insurer", "intervention__deliverer")
        .get(pk=referral.pk)
    )
    if not _may_change(user, referral):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    on = on or timezone.localdate()
    if not workflow.is_allowed(referral.status, target):
        raise ValidationError(
            {
                "status": _("Van '%(a)s' naar '%(b)s' is geen toegestane statuswijziging.")
                % {"a": ReferralStatus(referral.status).label, "b": ReferralStatus(target).label}
                if target in ReferralStatus.values
                else _("Onbekende status.")
            }
        )
    if on > timezone.localdate() or on < referral.referred_on:
        raise ValidationError({"on": _("De datum ligt vóór de aanmelding of in de toekomst.")})
    if target == ReferralStatus.DROPPED_OUT and not note.strip():
        raise ValidationError({"note": _("Geef de reden van uitval.")})
    if health_after is not None and not 1 <= health_after <= 5:
        raise ValidationError({"health_after": _("Ervaren gezondheid is een cijfer van 1 tot en met 5.")})
    previous = referral.status
    referral.status = target
    if target == ReferralStatus.STARTED:
        referral.started_on = on
    else:
        referral.ended_on = on
        referral.health_after = health_after if health_after is not None else referral.health_after
        _settle_fund(user, referral, on, spent=target == ReferralStatus.COMPLETED)
        if target == ReferralStatus.COMPLETED:
            book_municipal_share(user, referral, on)
    referral.save()
    ReferralEvent.objects.create(
        referral=referral,
        kind=ReferralEvent.Kind.STATUS,
        from_status=previous,
        to_status=target,
        text=note.strip(),
        actor=user,
    )
    _log(user, Act.UPDATE, "verwijzing.status", [referral.person], ["deelname"])
    return referral


def _settle_fund(user, referral: Referral, on: date, *, spent: bool) -> None:
    committed = -(
        referral.fund_entries.filter(kind=FundEntry.Kind.COMMITMENT).aggregate(t=Sum("amount_cents"))["t"]
        or 0
    )
    if not committed:
        return
    partnership = Partnership.objects.select_for_update().get(pk=referral.intervention.partnership_id)
    label = {"id": referral.pk, "name": referral.intervention.name}
    release = _("Vrijval verwijzing %(id)s: %(name)s") % label
    _book(
        partnership, FundEntry.Kind.RELEASE, committed, release, user, on=on, referral=referral, check=False
    )
    if spent:  # spends exactly what was committed (and checked) at referral: no new check
        spending = _("Besteding verwijzing %(id)s: %(name)s") % label
        _book(
            partnership,
            FundEntry.Kind.SPENDING,
            -committed,
            spending,
            user,
            on=on,
            referral=referral,
            check=False,
        )


@transaction.atomic
def add_feedback(user, referral: Referral, text: str) -> ReferralEvent:
    """Feedback from the deliverer (or a note of the regisseur) on the referral's progress."""
    if not _may_change(user, referral):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf een terugkoppeling.")})
    event = ReferralEvent.objects.create(
        referral=referral, kind=ReferralEvent.Kind.FEEDBACK, text=text.strip()[:4000], actor=user
    )
    _log(user, Act.UPDATE, "verwijzing.terugkoppeling", [referral.person], ["deelname"])
    return event


@transaction.atomic
def withdraw_consent(user, referral: Referral, *, on: date | None = None) -> Consent:
    """Record the withdrawal of consent: from ``on`` nothing is shared with partners any more."""
    _require(user, CHANGE_REFERRAL, referral.gemeente_id)
    if not Case.objects.visible_to(user).filter(pk=referral.case_id).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))
    consent = Consent.objects.select_for_update().get(referral=referral)
    on = on or timezone.localdate()
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": _("De toestemming is al ingetrokken.")})
    if on < consent.given_on or on > timezone.localdate():
        raise ValidationError(
            {"withdrawn_on": _("Kies een datum tussen het geven van de toestemming en vandaag.")}
        )
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    ReferralEvent.objects.create(
        referral=referral, kind=ReferralEvent.Kind.CONSENT, text=_("Toestemming ingetrokken"), actor=user
    )
    _log(user, Act.UPDATE, "verwijzing.toestemming_intrekken", [referral.person], ["toestemming"])
    return consent


def shared_view(referral: Referral, user) -> dict[str, object]:
    """The data of a referral a partner user may see: only the categories the consent lists."""
    person = referral.person
    categories = set(referral.consent.categories)
    data: dict[str, object] = {}
    if DataCategory.NAME in categories:
        data["naam"] = person.full_name
    if DataCategory.BIRTH in categories:
        data["geboortedatum"] = person.birth_date
    if DataCategory.CONTACT in categories:
        data["adres"] = person.address_display
    if DataCategory.HEALTH in categories:
        # from ``case.health_screenings`` (prefetched with their answers by list endpoints): no query per row
        screenings = [x for x in referral.case.health_screenings.all() if x.person_id == person.pk]
        latest = max(screenings, key=lambda x: (x.screened_on, x.pk), default=None)
        data["gezondheid"] = (
            [(a.area.name, a.get_barrier_display()) for a in latest.answers.all()] if latest else []
        )
    return data


def target_group(user, limit: int = 50) -> list[HealthScreening]:
    """The screening finds the target group: persons in the user's cases whose screening shows a serious
    health barrier and who have no running referral (the newest screenings first)."""
    running = [ReferralStatus.REGISTERED, ReferralStatus.STARTED]
    return list(
        HealthScreening.objects.filter(
            case__in=Case.objects.visible_to(user).values("pk"), answers__barrier=Barrier.SEVERE
        )
        .exclude(person__referrals__status__in=running)
        .select_related("person", "case__household")
        .annotate(severe=Count("answers", filter=Q(answers__barrier=Barrier.SEVERE)))
        .order_by("-screened_on", "-id")[:limit]
    )


def events_for(referral: Referral, user) -> list[ReferralEvent]:
    """The history of a referral as ``user`` may see it. Staff see everything. A partner user sees the status
    changes without their notes (a drop-out reason or a regisseur's note may concern health, which the consent
    does not cover) and the feedback written by their own organisation; other actors stay anonymous."""
    events = list(referral.events.all())
    link = partner_link(user)
    if link is None:
        return events
    own = set(
        PartnerUser.objects.filter(deliverer_id=link.deliverer_id, insurer_id=link.insurer_id).values_list(
            "user_id", flat=True
        )
    )
    visible = []
    for event in events:
        if event.actor_id in own:
            visible.append(event)
        elif event.kind == ReferralEvent.Kind.STATUS:
            visible.append(
                ReferralEvent(
                    kind=event.kind, from_status=event.from_status, to_status=event.to_status, at=event.at
                )
            )
    return visible


def log_persons_read(user, persons: Iterable[Person], operation: str) -> None:
    """A page that shows citizens (names) for this app's purpose."""
    _log(user, Act.READ, operation, persons, ["naam"])


def log_partner_read(user, referrals: Iterable[Referral], *, detail: bool) -> None:
    """Every access by a partner user (and by staff) to referrals is in the processing log."""
    referrals = list(referrals)
    persons = {r.person_id: r.person for r in referrals}.values()
    categories = sorted({c for r in referrals for c in r.consent.categories}) if detail else ["deelname"]
    _log(user, Act.READ, "verwijzing.inzien" if detail else "verwijzing.lijst", persons, categories)
