"""Synthetic cooperation with health insurers for the demo municipality (deterministic by seed).

Two fictitious insurers (UZOVI codes in the 89xx range, not real ones), one partnership with a gemeentepolis,
three years of participants and fund deposits, four interventions after the brochure's examples (a combined
lifestyle intervention, fast GGZ access, IPS, a re-integration module), referrals from plan actions of
Participatiewet cases with consent and a realistic course (most complete, some drop out), and two rounds of
the collaboration check. Small numbers: bulk inserts through the ORM are fast enough.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from schakel.cases.models import Action
from schakel.core.models import User

from . import leidraad
from .models import (
    CollaborationCheck,
    CollectivePolicy,
    Consent,
    CostShare,
    DeliveryPartner,
    FundEntry,
    HealthInsurer,
    HealthScreening,
    Intervention,
    InterventionStep,
    Partnership,
    PartnerUser,
    PolicyParticipation,
    Referral,
    ReferralEvent,
    ScreeningAnswer,
)
from .services.fund import book_municipal_share

INSURERS = (("8901", "Zorgverzekeraar De Linde (fictief)"), ("8902", "Zorgverzekeraar Waterland (fictief)"))
REFERRAL_SHARE = 0.25  # of the Participatiewet cases with a health or work goal
HEALTH_DOMAINS = ("lichamelijke_gezondheid", "geestelijke_gezondheid", "werk_opleiding", "middelengebruik")

INTERVENTIONS = (
    (
        "leefstijl",
        "Gecombineerde leefstijlinterventie (GLI) met re-integratie",
        "Leefstijlcoaches Oost",
        45_000,
        {"basisverzekering": 7000, "fonds": 1500, "gemeente": 1500},
        "Bijstandsgerechtigden (18–67) met overgewicht of een inactieve leefstijl die gezondheid als drempel naar werk ervaren.",
        "Na afloop bemiddelt de gemeente naar regulier sportaanbod en een werkfit-traject.",
    ),
    (
        "snelle_ggz",
        "Snelle toegang tot GGZ-behandeling",
        "GGZ Praktijk Centrum",
        90_000,
        {"basisverzekering": 8000, "fonds": 2000},
        "Klanten van werk en inkomen met lichte tot matige psychische klachten die re-integratie belemmeren.",
        "De werkcoach sluit aan bij de laatste sessie en plant de volgende stap naar werk.",
    ),
    (
        "ips",
        "IPS: individuele plaatsing en steun",
        "IPS-team Regio",
        250_000,
        {"gemeente": 6000, "aanvullend": 2000, "fonds": 2000},
        "Mensen met ernstige psychische aandoeningen die betaald werk willen.",
        "Nazorg op de werkplek gedurende zes maanden.",
    ),
    (
        "reintegratie",
        "Werkfit met gezondheid",
        "Re-integratiebedrijf Vooruit",
        120_000,
        {"gemeente": 10_000},
        "Langdurig uitkeringsgerechtigden op trede 2–3 van de participatieladder.",
        "Jobcoaching bij plaatsing.",
    ),
)
STEPS = (
    (
        "wat",
        "De interventie en haar doel: gezondheidswinst én participatie.",
        "Beleid en inkoop",
        "Zorginkoop",
    ),
    (
        "voor_wie",
        "De doelgroep uit de screening op gezondheidsbelemmeringen.",
        "Werkcoaches selecteren",
        "Data over zorggebruik (geaggregeerd)",
    ),
    (
        "met_wie",
        "Uitvoerder, werkcoach en huisarts.",
        "Werkcoach als regisseur",
        "Contract met de uitvoerder",
    ),
    (
        "hoe",
        "Aanmelding met toestemming, terugkoppeling per fase, gezamenlijke evaluatie.",
        "Nazorg en bemiddeling",
        "Vergoeding uit de basisverzekering",
    ),
)


def generate(gemeente, *, seed: int, today: date, bar=None) -> dict[str, int]:
    """Generate the cooperation for ``gemeente``; returns counts for the summary."""
    rng = random.Random(f"{seed}-partners")
    system = User.objects.filter(username="beheerder").first() or User.objects.order_by("id").first()
    if system is None:
        return {}
    insurers = [
        HealthInsurer.objects.get_or_create(uzovi=code, defaults={"name": name})[0] for code, name in INSURERS
    ]
    partnership = Partnership.objects.create(
        gemeente=gemeente,
        insurer=insurers[0],
        name=f"Samen gezond aan het werk {gemeente.name}",
        ambition="Gezondheidswinst voor inwoners met een laag inkomen, zodat meer mensen meedoen en werken.",
        started_on=date(today.year - 3, 1, 1),
        fund_contribution_cents=100,
    )
    policy = CollectivePolicy.objects.create(
        partnership=partnership,
        name=f"Gemeentepolis {gemeente.name}",
        income_limit_percent=120,
        covers_eigen_risico=True,
        monthly_discount_cents=2_500,
    )
    participants = max(100, gemeente.inhabitants // 40) if gemeente.inhabitants else 500
    entries = []
    for offset in (2, 1, 0):
        year = today.year - offset
        count = int(participants * (0.9 + 0.05 * (2 - offset)))
        PolicyParticipation.objects.create(policy=policy, year=year, participants=count)
        entries.append(
            FundEntry(
                partnership=partnership,
                kind=FundEntry.Kind.DEPOSIT,
                amount_cents=count * partnership.fund_contribution_cents * 100,
                booked_on=date(year, 1, 15),
                year=year,
                description=f"Bijdrage zorgverzekeraar {year}: {count} deelnemers gemeentepolis",
                created_by=system,
            )
        )
    interventions = []
    for kind, name, deliverer_name, price, shares, target, follow_up in INTERVENTIONS:
        deliverer = DeliveryPartner.objects.create(gemeente=gemeente, name=deliverer_name, kind=kind)
        intervention = Intervention.objects.create(
            partnership=partnership,
            kind=kind,
            name=name,
            target_group=target,
            deliverer=deliverer,
            price_cents=price,
            follow_up=follow_up,
        )
        InterventionStep.objects.bulk_create(
            InterventionStep(
                intervention=intervention, step=s, description=d, gemeente_role=g, insurer_role=i
            )
            for s, d, g, i in STEPS
        )
        CostShare.objects.bulk_create(
            CostShare(intervention=intervention, payer=p, share_bp=bp) for p, bp in shares.items()
        )
        interventions.append((intervention, shares.get("fonds", 0) * price // 10_000))
    _partner_demo_user(interventions[0][0].deliverer, gemeente)
    referrals = _referrals(rng, gemeente, today, interventions, partnership, system, entries)
    FundEntry.objects.bulk_create(entries)
    checks = _checks(rng, partnership, today, system)
    return {
        "samenwerkingen zorgverzekeraar": 1,
        "verwijzingen naar interventies": referrals,
        "samenwerkingschecks": checks,
    }


def _partner_demo_user(deliverer: DeliveryPartner, gemeente) -> None:
    """The demo user ``partner`` (role partner, see synth/staff.py) works for the first deliverer."""
    user = User.objects.filter(username="partner").first()
    if user is not None:
        PartnerUser.objects.update_or_create(user=user, defaults={"deliverer": deliverer, "insurer": None})


def _referrals(rng, gemeente, today, interventions, partnership, system, entries) -> int:
    actions = list(
        Action.objects.filter(
            goal__plan__case__gemeente=gemeente,
            goal__plan__case__laws__icontains='"participatie"',
            goal__person__isnull=False,
        )
        .filter(Q(goal__life_domain__in=HEALTH_DOMAINS))
        .select_related("goal__plan__case")
        .order_by("id")
    )
    chosen = [a for a in actions if rng.random() < REFERRAL_SHARE]
    seen_persons: set[int] = set()
    rows = []
    for action in chosen:
        case = action.goal.plan.case
        person_id = action.goal.person_id
        if person_id in seen_persons:
            continue
        seen_persons.add(person_id)
        intervention, fund_part = rng.choice(interventions)
        referred = max(case.opened_on, today - timedelta(days=rng.randint(10, 700)))
        roll = rng.random()
        started = referred + timedelta(days=rng.randint(7, 30))
        status, ended = "aangemeld", None
        if started <= today and roll < 0.85:
            status = "gestart"
            end = started + timedelta(days=rng.randint(60, 200))
            if end <= today:
                status, ended = ("afgerond", end) if roll < 0.7 else ("uitgevallen", end)
        before = rng.choice((1, 2, 2, 3, 3))
        rows.append(
            (
                Referral(
                    gemeente=gemeente,
                    case=case,
                    action=action,
                    person_id=person_id,
                    intervention=intervention,
                    status=status,
                    basis="vrijwillig" if rng.random() < 0.8 else "verplichting",
                    basis_note="Besproken in het plan; de inwoner kiest zelf voor deelname.",
                    referred_on=referred,
                    started_on=started if status != "aangemeld" else None,
                    ended_on=ended,
                    health_before=before,
                    health_after=min(5, before + rng.choice((0, 1, 1, 2))) if status == "afgerond" else None,
                    created_by=system,
                ),
                fund_part,
            )
        )
    Referral.objects.bulk_create([r for r, _ in rows])
    consents, events = [], []
    for referral, fund_part in rows:
        consents.append(
            Consent(
                referral=referral,
                categories=["contact", "naam"],
                share_with_deliverer=True,
                given_on=referral.referred_on,
                valid_until=referral.referred_on + timedelta(days=730),
                recorded_by=system,
            )
        )
        steps = [("", "aangemeld", referral.referred_on)]
        if referral.started_on:
            steps.append(("aangemeld", "gestart", referral.started_on))
        if referral.ended_on:
            steps.append(("gestart", referral.status, referral.ended_on))
        events += [
            ReferralEvent(
                referral=referral,
                kind="status",
                from_status=before,
                to_status=after,
                actor=system,
                at=_office_hours(on),
            )
            for before, after, on in steps
        ]
        if fund_part:
            entries.append(
                _fund(partnership, "verplichting", -fund_part, referral, referral.referred_on, system)
            )
            if referral.ended_on:
                entries.append(_fund(partnership, "vrijval", fund_part, referral, referral.ended_on, system))
                if referral.status == "afgerond":
                    entries.append(
                        _fund(partnership, "besteding", -fund_part, referral, referral.ended_on, system)
                    )
    Consent.objects.bulk_create(consents)
    ReferralEvent.objects.bulk_create(events)
    prefetch_related_objects([i for i, _part in interventions], "cost_shares")  # one query, not one per line
    for referral, _fund_part in rows:  # the cost of a completed intervention in the integral budget
        if referral.status == "afgerond":
            book_municipal_share(system, referral, referral.ended_on)
    return len(rows)


def _office_hours(day: date) -> datetime:
    """A synthetic event's moment: 10:00 local time on ``day`` (the history then matches the dates)."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _fund(partnership, kind, amount, referral, on, user) -> FundEntry:
    return FundEntry(
        partnership=partnership,
        kind=kind,
        amount_cents=amount,
        booked_on=on,
        description=f"{kind.capitalize()} verwijzing: {referral.intervention.name}",
        referral=referral,
        created_by=user,
    )


def _checks(rng, partnership, today, user) -> int:
    checks = []
    for months_ago in (12, 0):
        day = today - timedelta(days=30 * months_ago)
        for party, bias in (("gemeente", 0), ("zorgverzekeraar", -1)):
            growth = 1 if months_ago == 0 else 0
            scores = {
                code: max(1, min(5, rng.choice((2, 3, 3, 4)) + growth + bias * (rng.random() < 0.3)))
                for code in leidraad.ITEM_CODES
            }
            checks.append(
                CollaborationCheck(
                    partnership=partnership,
                    party=party,
                    assessed_on=day,
                    scores=scores,
                    agreed_actions="Halfjaarlijks stuurgroepoverleg; gezamenlijke monitor van de GLI."
                    if months_ago == 0
                    else "",
                    assessed_by=user,
                )
            )
    CollaborationCheck.objects.bulk_create(checks)
    return len(checks)


def delete(gemeente) -> None:
    """Remove the synthetic cooperation of ``gemeente`` (before its cases and persons go)."""
    partnerships = Partnership.objects.filter(gemeente=gemeente)
    FundEntry.objects.filter(partnership__in=partnerships).delete()
    ScreeningAnswer.objects.filter(screening__case__gemeente=gemeente).delete()
    HealthScreening.objects.filter(case__gemeente=gemeente).delete()
    ReferralEvent.objects.filter(referral__gemeente=gemeente).delete()
    Referral.objects.filter(gemeente=gemeente).delete()
    CollaborationCheck.objects.filter(partnership__in=partnerships).delete()
    Intervention.objects.filter(partnership__in=partnerships).delete()
    PartnerUser.objects.filter(deliverer__gemeente=gemeente).delete()
    DeliveryPartner.objects.filter(gemeente=gemeente).delete()
    partnerships.delete()
