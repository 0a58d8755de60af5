"""The partners app's one door: referrals with consent, the fund, cost splits, screening and the
collaboration check. Each function is one transaction, checks the permission in the municipality, raises
``ValidationError`` with a Dutch message on bad input (nothing is stored) and writes the processing log
for every read or change of a citizen's data.

Rules (issue 7, "Bad input and reliability"):
- no referral without valid consent (AVG art. 6 lid 1 sub a, art. 9 lid 2 sub a: health data);
- withdrawn consent stops sharing from that moment (:func:`withdraw_consent`, ``query.referrals_visible_to``);
- a fund cannot go below zero without an explicit, logged override (:func:`book_fund`);
- cost splits add up to 100 % (:func:`set_cost_split`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Action, Case
from schakel.core import processing_log, security_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry
from schakel.people.models import Person

from . import leidraad, workflow
from .models import (
    Barrier,
    CollaborationCheck,
    CollectivePolicy,
    Consent,
    CostShare,
    DataCategory,
    FundEntry,
    HealthScreening,
    Intervention,
    Partnership,
    PartnerUser,
    Payer,
    PolicyParticipation,
    Referral,
    ReferralEvent,
    ReferralStatus,
    ScreeningAnswer,
    ScreeningArea,
)
from .query import partner_link, referrals_visible_to

#: Processing activity of the register (partners/data/configuration.yaml).
ACTIVITY = "reintegratie-samenwerking-zorgverzekeraar"
ADD_REFERRAL = "partners.add_referral"
CHANGE_REFERRAL = "partners.change_referral"
REPORT_REFERRAL = "partners.report_referral"
MANAGE_PARTNERSHIP = "partners.change_partnership"
BOOK_FUND = "partners.add_fundentry"
OVERRIDE_FUND = "partners.override_fund"
ADD_SCREENING = "partners.add_healthscreening"
ADD_CHECK = "partners.add_collaborationcheck"
FULL = 10_000  # basis points
Act = ProcessingLogEntry.Action


def _require(user, perm: str, gemeente_id: int) -> None:
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def _log(user, action: str, operation: str, persons: Iterable[Person], categories: Iterable[str]) -> None:
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=ACTIVITY,
        subjects=[processing_log.Subject("persoon", p.pk, p.bsn, p.gemeente_id) for p in persons],
        data_categories=list(categories),
    )


# --------------------------------------------------------------------------- fund


def fund_balance(partnership: Partnership) -> int:
    """The fund's balance in eurocent: deposits and releases minus commitments and spending."""
    return partnership.fund_entries.aggregate(total=Sum("amount_cents"))["total"] or 0


def _book(
    partnership,
    kind,
    amount_cents,
    description,
    user,
    *,
    on,
    referral=None,
    year=None,
    override="",
    check=True,
):
    """Append one fund entry. With ``check`` an entry that takes the balance below zero needs ``override``
    (a reason) and the override permission, and is written to the security log."""
    balance = fund_balance(partnership) if check and amount_cents < 0 else 0
    if check and amount_cents < 0 and balance + amount_cents < 0:
        if not override:
            raise ValidationError(
                {
                    "amount_cents": _(
                        "Het fonds heeft onvoldoende saldo (€ %(balance)s). Alleen met een expliciete "
                        "overschrijding met reden kan het onder nul."
                    )
                    % {"balance": f"{balance / 100:,.2f}".replace(",", " ").replace(".", ",")}
                }
            )
        _require(user, OVERRIDE_FUND, partnership.gemeente_id)
        security_log.record(
            "fonds.overschrijding",
            user=user,
            object_description=f"samenwerking {partnership.pk}",
            result="toegestaan",
            detail={"bedrag_eurocent": amount_cents, "saldo_eurocent": balance, "reden": override[:300]},
        )
    return FundEntry.objects.create(
        partnership=partnership,
        kind=kind,
        amount_cents=amount_cents,
        booked_on=on,
        description=description[:300],
        referral=referral,
        year=year,
        override_reason=override[:300],
        created_by=user,
    )


SIGN = {
    FundEntry.Kind.DEPOSIT: 1,
    FundEntry.Kind.RELEASE: 1,
    FundEntry.Kind.COMMITMENT: -1,
    FundEntry.Kind.SPENDING: -1,
    FundEntry.Kind.CORRECTION: 1,
}


@transaction.atomic
def book_fund(
    user,
    partnership: Partnership,
    *,
    kind: str,
    amount_cents: int,
    description: str,
    on: date | None = None,
    override_reason: str = "",
) -> FundEntry:
    """Book a manual fund entry. ``amount_cents`` is positive; the kind gives the sign (a correction may be
    negative). Below zero only with ``override_reason`` and the override permission (logged)."""
    _require(user, BOOK_FUND, partnership.gemeente_id)
    if kind not in SIGN:
        raise ValidationError({"kind": _("Onbekende soort boeking.")})
    if kind != FundEntry.Kind.CORRECTION and amount_cents <= 0:
        raise ValidationError({"amount_cents": _("Vul een bedrag groter dan nul in.")})
    if amount_cents == 0:
        raise ValidationError({"amount_cents": _("Een correctie van nul euro boekt niets.")})
    if not description.strip():
        raise ValidationError({"description": _("Geef een omschrijving.")})
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    return _book(
        locked,
        kind,
        SIGN[kind] * amount_cents,
        description.strip(),
        user,
        on=on or timezone.localdate(),
        override=override_reason.strip(),
    )


@transaction.atomic
def record_participants(
    user,
    policy: CollectivePolicy,
    *,
    year: int,
    participants: int,
    source: str = PolicyParticipation.Source.ENTERED,
) -> PolicyParticipation:
    """Record the gemeentepolis participants of ``year`` and deposit the insurer's contribution per
    participant into the fund; a changed count books the difference (never a second deposit)."""
    partnership = Partnership.objects.select_for_update().get(pk=policy.partnership_id)
    _require(user, MANAGE_PARTNERSHIP, partnership.gemeente_id)
    if participants < 0:
        raise ValidationError({"participants": _("Het aantal deelnemers kan niet negatief zijn.")})
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Kies een jaar vanaf 2000 tot en met volgend jaar.")})
    row, _created = PolicyParticipation.objects.update_or_create(
        policy=policy, year=year, defaults={"participants": participants, "source": source}
    )
    due = sum(
        p * partnership.fund_contribution_cents
        for p in PolicyParticipation.objects.filter(policy__partnership=partnership, year=year).values_list(
            "participants", flat=True
        )
    )
    deposited = (
        partnership.fund_entries.filter(
            year=year, kind__in=[FundEntry.Kind.DEPOSIT, FundEntry.Kind.CORRECTION], referral__isnull=True
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    if due != deposited:
        kind = FundEntry.Kind.DEPOSIT if deposited == 0 else FundEntry.Kind.CORRECTION
        _book(
            partnership,
            kind,
            due - deposited,
            _("Bijdrage zorgverzekeraar %(year)s: %(n)s deelnemers gemeentepolis")
            % {"year": year, "n": participants},
            user,
            on=timezone.localdate(),
            year=year,
        )
    return row


# --------------------------------------------------------------------------- interventions


@transaction.atomic
def set_cost_split(user, intervention: Intervention, shares: Mapping[str, int]) -> list[CostShare]:
    """Replace the cost split of ``intervention``: basis points per payer, together exactly 100 %."""
    _require(user, MANAGE_PARTNERSHIP, intervention.partnership.gemeente_id)
    unknown = set(shares) - set(Payer.values)
    if unknown:
        raise ValidationError({"shares": _("Onbekende betaler: %(p)s.") % {"p": ", ".join(sorted(unknown))}})
    if any(v < 0 for v in shares.values()):
        raise ValidationError({"shares": _("Een aandeel kan niet negatief zijn.")})
    if sum(shares.values()) != FULL:
        raise ValidationError(
            {
                "shares": _("De kostenverdeling moet samen 100%% zijn; nu is het %(total)s%%.")
                % {"total": f"{sum(shares.values()) / 100:g}".replace(".", ",")}
            }
        )
    intervention.cost_shares.all().delete()
    return CostShare.objects.bulk_create(
        CostShare(intervention=intervention, payer=payer, share_bp=bp) for payer, bp in shares.items() if bp
    )


def cost_split(intervention: Intervention, amount_cents: int | None = None) -> dict[str, int]:
    """Eurocent per payer for ``amount_cents`` (default: the price per participant); the rounding
    remainder goes to the municipality, so the parts always add up to the whole."""
    amount = intervention.price_cents if amount_cents is None else amount_cents
    parts = {s.payer: amount * s.share_bp // FULL for s in intervention.cost_shares.all()}
    if parts:
        parts[Payer.GEMEENTE] = parts.get(Payer.GEMEENTE, 0) + amount - sum(parts.values())
    return parts


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
    share as spent; drop-out releases the commitment."""
    referral = Referral.objects.select_for_update().select_related("intervention").get(pk=referral.pk)
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


# --------------------------------------------------------------------------- screening and check


@transaction.atomic
def record_screening(
    user, case: Case, person: Person, answers: Mapping[str, str], *, on: date | None = None
) -> HealthScreening:
    """A short health-barrier screening on the case; every active area must be answered."""
    _require(user, ADD_SCREENING, case.gemeente_id)
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))
    on = on or timezone.localdate()
    areas = {a.code: a for a in ScreeningArea.objects.filter(active=True)}
    errors = {}
    if not case.household.memberships.filter(person=person).exists():
        errors["person"] = _("Deze persoon hoort niet bij het huishouden van de casus.")
    missing = [areas[c].name for c in areas if answers.get(c) not in Barrier.values]
    if missing:
        errors["answers"] = _("Beantwoord elk onderdeel: %(areas)s.") % {"areas": ", ".join(missing)}
    if on > timezone.localdate() or on < case.opened_on:
        errors["on"] = _("De datum ligt vóór het begin van de casus of in de toekomst.")
    if errors:
        raise ValidationError(errors)
    screening = HealthScreening.objects.create(case=case, person=person, screened_on=on, screened_by=user)
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(screening=screening, area=area, barrier=answers[code]) for code, area in areas.items()
    )
    _log(user, Act.CREATE, "screening.vastleggen", [person], ["gezondheid"])
    return screening


@transaction.atomic
def record_collaboration_check(
    user,
    partnership: Partnership,
    *,
    party: str,
    scores: Mapping[str, int],
    agreed_actions: str = "",
    on: date | None = None,
) -> CollaborationCheck:
    """One party's self-assessment against the leidraad: every item scored 1–5. The municipality's staff
    need the permission; a user of the partnership's insurer fills in the insurer's check."""
    link = partner_link(user)
    if link is not None:
        if link.insurer_id != partnership.insurer_id or party != CollaborationCheck.Party.INSURER:
            raise PermissionDenied(_("U heeft geen recht op deze handeling."))
    else:
        _require(user, ADD_CHECK, partnership.gemeente_id)
    errors = {}
    if party not in CollaborationCheck.Party.values:
        errors["party"] = _("Kies de partij die de check invult.")
    bad = [c for c in leidraad.ITEM_CODES if not isinstance(scores.get(c), int) or not 1 <= scores[c] <= 5]
    if bad:
        errors["scores"] = _("Geef elk onderdeel een score van 1 tot en met 5.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        errors["on"] = _("De datum ligt in de toekomst.")
    elif CollaborationCheck.objects.filter(partnership=partnership, party=party, assessed_on=on).exists():
        errors["on"] = _("Deze partij heeft op deze datum al een check ingevuld.")
    if errors:
        raise ValidationError(errors)
    return CollaborationCheck.objects.create(
        partnership=partnership,
        party=party,
        assessed_on=on,
        scores={c: scores[c] for c in leidraad.ITEM_CODES},
        agreed_actions=agreed_actions.strip(),
        assessed_by=user,
    )
