"""Synthetic data of the participation app, called by ``synth.services.generate_municipality``.

A year of advice traffic for the synthetic municipality (organisation model 1b): a Wmo-raad, a cliëntenraad
Participatiewet, a jongerenraad and a coordination point of the chairs; members (the demo user ``raadslid`` sits
in the Wmo-raad), requests with documents as links, requested and unrequested advice with points, responses per
point (some not adopted, with motivation), quarterly consultations with agenda items, an information log and
signals (named and anonymous). Deterministic by seed and ``today``; a few hundred rows, written in bulk.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction

from .models import (
    Advice,
    AdvicePoint,
    AdviceRequest,
    AgendaItem,
    Council,
    CouncilMember,
    InformationItem,
    Meeting,
    Reminder,
    Response,
    Setup,
    Signal,
)
from .vocab import CouncilKind, MemberRole, Outcome, PolicyField, PolicyStage

FIRST = [
    "Anja",
    "Bram",
    "Carla",
    "Dirk",
    "Els",
    "Frank",
    "Gerda",
    "Hans",
    "Ilse",
    "Joost",
    "Karin",
    "Luuk",
    "Mira",
    "Niels",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
]
SUBJECTS = [
    ("Beleidsplan sociaal domein 2027-2030", PolicyField.WMO_1),
    ("Verordening maatschappelijke ondersteuning", PolicyField.WMO_6),
    ("Mantelzorgwaardering", PolicyField.WMO_4),
    ("Cliëntondersteuning onafhankelijk beleggen", PolicyField.WMO_3),
    ("Beleidsregels bijzondere bijstand", PolicyField.PW_INKOMEN),
    ("Re-integratieverordening", PolicyField.PW_WERK),
    ("Armoedeaanpak en minimaregelingen", PolicyField.ARMOEDE),
    ("Beleidsplan schuldhulpverlening", PolicyField.SCHULDHULP),
    ("Inkoop jeugdhulp regio", PolicyField.JEUGD),
    ("Beschermd wonen en opvang", PolicyField.WMO_7),
    ("Handhavingsbeleid Participatiewet", PolicyField.PW_HANDHAVING),
    ("Preventieakkoord en verslavingszorg", PolicyField.WMO_9),
]
POINTS = [
    "Betrek ervaringsdeskundigen bij de uitwerking.",
    "Maak de regeling bekend via huisartsen en wijkteams.",
    "Houd de eigen bijdrage laag voor minima.",
    "Evalueer na één jaar met de raad.",
    "Zorg voor een vast aanspreekpunt per huishouden.",
    "Schrap de wachttijd voor de eerste afspraak.",
    "Leg de doelgroep en het bereik meetbaar vast.",
]
WMO = [f"wmo_{i}" for i in range(1, 10)]
CLIENT = ["pw_inkomen", "pw_werk", "pw_handhaving", "schuldhulp", "armoede"]


def _member_rows(rng, council, start, count, today, seat_user=None):
    rows = []
    roles = [MemberRole.VOORZITTER, MemberRole.SECRETARIS] + [MemberRole.LID] * (count - 2)
    for i, role in enumerate(roles):
        rows.append(
            CouncilMember(
                council=council,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                role=role,
                term_start=start - timedelta(days=rng.randint(0, 900)),
                term_end=today + timedelta(days=rng.randint(200, 1200)),
                experience_expert=rng.random() < 0.5,
                constituency=rng.choice(
                    [
                        "ouderen",
                        "mensen met een beperking",
                        "mantelzorgers",
                        "bijstandsgerechtigden",
                        "jongeren",
                        "wijk Noord",
                    ]
                ),
                user=seat_user if i == 2 else None,
            )
        )
    return rows


@transaction.atomic
def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    from schakel.core.models import User

    rng = random.Random(f"{seed}-participation")
    raadslid = User.objects.filter(username="raadslid").first()
    wmo = Council.objects.create(
        gemeente=gemeente,
        name=f"Wmo-raad {gemeente.name}",
        kind=CouncilKind.WMO_RAAD,
        policy_fields=[*WMO, PolicyField.JEUGD],
        budget_cents=1_250_000,
    )
    client = Council.objects.create(
        gemeente=gemeente,
        name=f"Cliëntenraad Participatiewet {gemeente.name}",
        kind=CouncilKind.CLIENTENRAAD,
        policy_fields=CLIENT,
        budget_cents=900_000,
    )
    youth = Council.objects.create(
        gemeente=gemeente,
        name=f"Jongerenraad {gemeente.name}",
        kind=CouncilKind.JONGERENRAAD,
        policy_fields=[PolicyField.JEUGD, PolicyField.WMO_2],
        budget_cents=300_000,
    )
    point = Council.objects.create(
        gemeente=gemeente,
        name=f"Voorzittersoverleg {gemeente.name}",
        kind=CouncilKind.COORDINATIEPUNT,
        policy_fields=[],
    )
    point.constituent_councils.set([wmo, client, youth])
    Setup.objects.create(gemeente=gemeente, model="1b", coordination_point=point)
    councils = [wmo, client, youth]
    year_ago = today - timedelta(days=365)
    members = (
        _member_rows(rng, wmo, year_ago, 9, today, raadslid)
        + _member_rows(rng, client, year_ago, 7, today)
        + _member_rows(rng, youth, year_ago, 5, today)
        + _member_rows(rng, point, year_ago, 3, today)
    )
    CouncilMember.objects.bulk_create(members)

    scope = {c.pk: set(c.policy_fields) for c in councils}
    requests, advices, points, responses = [], [], [], []
    for i, (subject, field) in enumerate(SUBJECTS):
        sent = year_ago + timedelta(days=15 + i * 29)
        stage = rng.choice(list(PolicyStage.values))
        deadline = sent + timedelta(weeks=6)
        status = "beantwoord"
        if deadline > today - timedelta(days=10):
            status = "uitgezet"
        elif sent + timedelta(weeks=12) > today:
            status = "advies_ontvangen"
        req = AdviceRequest(
            gemeente=gemeente,
            subject=subject,
            policy_field=field,
            stage=stage,
            early_involvement=stage in ("agendavorming", "verkenning", "beleidsontwerp"),
            advice_deadline=deadline,
            response_weeks=6,
            status=status,
            sent_on=sent,
            description="Synthetisch voorbeeld van een adviesaanvraag.",
            links=f"https://example.org/stukken/{i + 1}.pdf",
        )
        requests.append((req, [c for c in councils if field in scope[c.pk]]))
    AdviceRequest.objects.bulk_create([r for r, _ in requests])
    link = AdviceRequest.councils.through
    link.objects.bulk_create([link(advicerequest_id=r.pk, council_id=c.pk) for r, cs in requests for c in cs])

    for req, asked in requests:
        if req.status == "uitgezet":
            continue
        for council in asked:
            submitted = req.advice_deadline - timedelta(days=rng.randint(-5, 20))
            advice_status = "beantwoord" if req.status == "beantwoord" else "uitgebracht"
            advices.append(
                Advice(
                    gemeente=gemeente,
                    council=council,
                    request=req,
                    title=f"Advies {req.subject.lower()}",
                    policy_field=req.policy_field,
                    status=advice_status,
                    submitted_on=submitted,
                    response_due=submitted + timedelta(weeks=req.response_weeks),
                    summary="De raad adviseert positief met aandachtspunten.",
                )
            )
    for k in range(4):  # unrequested advice
        council = councils[k % 3]
        submitted = year_ago + timedelta(days=40 + k * 80)
        advices.append(
            Advice(
                gemeente=gemeente,
                council=council,
                title=f"Ongevraagd advies {k + 1}: signalen uit de achterban",
                policy_field=rng.choice(sorted(scope[council.pk])),
                status="beantwoord" if k < 3 else "uitgebracht",
                submitted_on=submitted,
                response_due=submitted + timedelta(weeks=6),
                summary="Op eigen initiatief, naar aanleiding van signalen.",
            )
        )
    # a draft of the Wmo-raad (visible only to its members and the ambtelijk secretaris)
    advices.append(
        Advice(
            gemeente=gemeente,
            council=wmo,
            title="Concept: toegankelijkheid van het gemeentehuis",
            policy_field="wmo_5",
        )
    )
    Advice.objects.bulk_create(advices)
    for advice in advices:
        n = rng.randint(2, 4)
        for number in range(1, n + 1):
            outcome, motivation = "", ""
            if advice.status == "beantwoord":
                outcome = rng.choices(Outcome.values, weights=[6, 3, 2])[0]
                if outcome != Outcome.ADOPTED:
                    motivation = "Past niet binnen het budget; wordt meegenomen bij de evaluatie."
            points.append(
                AdvicePoint(
                    advice=advice,
                    number=number,
                    text=rng.choice(POINTS),
                    outcome=outcome,
                    motivation=motivation,
                )
            )
        if advice.status == "beantwoord":
            published = advice.submitted_on + timedelta(days=rng.randint(20, 50))
            responses.append(
                Response(
                    advice=advice,
                    published_on=min(published, today),
                    summary="Het college dankt de raad voor het advies.",
                    raadsvoorstel_reference=f"RV-{advice.submitted_on.year}-{advice.pk:03d}"
                    if rng.random() < 0.6
                    else "",
                )
            )
    AdvicePoint.objects.bulk_create(points)
    Response.objects.bulk_create(responses)

    meetings, items, info, signals = [], [], [], []
    for council in councils:
        for q in range(5):
            day = year_ago + timedelta(days=60 + q * 80)
            meetings.append(
                Meeting(
                    council=council,
                    gemeente=gemeente,
                    date=day,
                    location="Gemeentehuis",
                    agenda_deadline=day - timedelta(days=14),
                )
            )
    Meeting.objects.bulk_create(meetings)
    for m in meetings:
        items.append(AgendaItem(meeting=m, title="Voortgang adviesaanvragen", by_council=False))
        if rng.random() < 0.7:
            items.append(
                AgendaItem(
                    meeting=m,
                    title=rng.choice(
                        ["Wachttijden Wmo", "Bereik minimaregelingen", "Bejegening aan het loket"]
                    ),
                    by_council=True,
                )
            )
        info.append(
            InformationItem(
                council=m.council,
                gemeente=gemeente,
                provided_on=min(m.date - timedelta(days=7), today),
                title="Stukken voor het periodiek overleg",
            )
        )
    AgendaItem.objects.bulk_create(items)
    InformationItem.objects.bulk_create(info)
    for s in range(24):
        council = councils[s % 3]
        named = rng.random() < 0.3
        signals.append(
            Signal(
                council=council,
                gemeente=gemeente,
                received_on=year_ago + timedelta(days=rng.randint(0, 360)),
                theme=rng.choice(sorted(scope[council.pk])),
                anonymous=not named,
                description=rng.choice(
                    [
                        "Lange wachttijd voor een keukentafelgesprek.",
                        "Formulier bijzondere bijstand is onduidelijk.",
                        "Geen vervoer naar de dagbesteding.",
                        "Jongeren weten de jongerenwerker niet te vinden.",
                    ]
                ),
                sender_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}" if named else "",
                sender_contact="06-00000000" if named else "",
            )
        )
    Signal.objects.bulk_create(signals)
    unrequested = [a for a in advices if a.request_id is None and a.status != "concept"]
    Signal.advices.through.objects.bulk_create(
        [
            Signal.advices.through(signal_id=signals[i].pk, advice_id=unrequested[i % len(unrequested)].pk)
            for i in range(6)
        ]
    )
    return {
        "adviesraden": 4,
        "adviesaanvragen": len(requests),
        "adviezen": len(advices),
        "reacties": len(responses),
        "overleggen": len(meetings),
        "signalen": len(signals),
    }


def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before the people and cases go)."""
    Reminder.objects.filter(gemeente=gemeente).delete()
    Signal.objects.filter(gemeente=gemeente).delete()
    InformationItem.objects.filter(gemeente=gemeente).delete()
    AgendaItem.objects.filter(meeting__gemeente=gemeente).delete()
    Meeting.objects.filter(gemeente=gemeente).delete()
    Response.objects.filter(advice__gemeente=gemeente).delete()
    AdvicePoint.objects.filter(advice__gemeente=gemeente).delete()
    Advice.objects.filter(gemeente=gemeente).delete()
    AdviceRequest.objects.filter(gemeente=gemeente).delete()
    Setup.objects.filter(gemeente=gemeente).delete()
    CouncilMember.objects.filter(council__gemeente=gemeente).delete()
    Council.objects.filter(gemeente=gemeente, parent__isnull=False).delete()
    Council.objects.filter(gemeente=gemeente).delete()
