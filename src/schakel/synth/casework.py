"""Cases, plans, decisions and timelines over the last three years, as unsaved model rows with ids.

The states and their order follow the transition table of :mod:`schakel.cases.workflow`; the stored
``next_deadline`` is computed exactly as :func:`schakel.cases.services.case_deadlines` does
(Wmo 2015 art. 2.3.2 lid 1 and 2.3.5 lid 2; Awb art. 4:13 and 6:7; Wgs art. 4).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from schakel.cases.models import (
    Aanvraag,
    Action,
    Case,
    CaseEvent,
    Decision,
    DecisionProduct,
    Evaluation,
    Goal,
    Melding,
    Onderzoek,
    Plan,
)
from schakel.core import deadlines as deadline_service
from schakel.core.vocab import Law
from schakel.people.models import NetworkContact

from . import vocab
from .population import SHousehold, SPerson
from .rows import Row, Rows

S = "status"
AGREEMENT = ("handtekening", "digitaal", "mondeling")
LAW_LABELS = {law.value: str(law.label) for law in Law}


def _pick(rng: random.Random, options):
    return rng.choices(options, weights=[o[-1] for o in options])[0]


class CaseBuilder:
    """Builds one case at a time into :class:`Rows`; ``actor_rows`` are patched once regisseurs are known."""

    def __init__(self, rng: random.Random, rows: Rows, gemeente_id: int, today: date):
        self.rng, self.rows, self.gemeente_id, self.today = rng, rows, gemeente_id, today
        self.tz = timezone.get_current_timezone()
        self.terms: dict[tuple[str, str], deadline_service.Term | None] = {}
        self.actor_rows: dict[int, list] = {}
        self.network: dict[int, list] = {}
        self.last_event: dict[int, datetime] = {}

    # ------------------------------------------------------------------ helpers
    def term(self, kind: str, law: str):
        key = (kind, law)
        if key not in self.terms:
            self.terms[key] = deadline_service.term(kind, law)
        return self.terms[key]

    def r(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def _at(self, day: date) -> datetime:
        return datetime.combine(day, time(self.r(8, 16), self.r(0, 59)), tzinfo=self.tz)

    def event(self, case: Row, day: date, kind: str, summary: str, frm: str = "", to: str = "") -> None:
        at = self._at(day)
        previous = self.last_event.get(case.id)
        if previous is not None and at <= previous:  # same day: keep the timeline in order
            at = previous + timedelta(minutes=self.r(1, 20))
        self.last_event[case.id] = at
        ev = self.rows.new(
            CaseEvent,
            household_id=case.household_id,
            case_id=case.id,
            occurred_at=at,
            kind=kind,
            summary=summary[:300],
            from_status=frm,
            to_status=to,
        )
        self.actor_rows[case.id].append(ev)

    def status(self, case: Row, day: date, frm: str, to: str, summary: str) -> None:
        self.event(case, day, CaseEvent.Kind.STATUS, summary, frm, to)

    def add_network(self, person_id: int, surname: str) -> None:
        contacts = self.network.setdefault(person_id, [])
        for _ in range(self.rng.choice((1, 1, 2))):
            kind = _pick(self.rng, vocab.NETWORK_KINDS)[0]
            first = self.rng.choice(vocab.FEMALE_NAMES + vocab.MALE_NAMES)
            name = (
                f"{first} {surname}" if kind == "familie" else f"{first} {self.rng.choice(vocab.SURNAMES)[1]}"
            )
            contacts.append(
                self.rows.new(
                    NetworkContact,
                    person_id=person_id,
                    name=name,
                    kind=kind,
                    phone=f"06{self.r(10000000, 99999999)}",
                )
            )

    # ------------------------------------------------------------------ one case
    def build(
        self,
        hh: SHousehold,
        hh_id: int,
        team_id: int,
        users: dict[SPerson, set[str]],
        person_ids,
        *,
        status: str,
        opened: date,
        closed: date | None = None,
        fresh: bool = False,
    ) -> Row:
        """A case of ``hh`` that reached ``status``. ``users`` maps persons to the laws they use."""
        rng, r = self.rng, self.r
        laws = sorted({law for laws in users.values() for law in laws})
        case = self.rows.new(
            Case,
            gemeente_id=self.gemeente_id,
            household_id=hh_id,
            team_id=team_id,
            status=status,
            laws=laws,
            opened_on=opened,
            closed_on=closed,
            regisseur_id=0,
        )
        self.actor_rows[case.id] = [case]
        channel = _pick(rng, vocab.CHANNEL_WEIGHTS)[0]
        question = " ".join(rng.choice(vocab.QUESTIONS[law]) for law in laws)
        melding = self.rows.new(
            Melding, case_id=case.id, received_on=opened, channel=channel, laws=laws, question=question
        )
        self.event(
            case,
            opened,
            CaseEvent.Kind.MELDING,
            "Melding ontvangen ({})".format(", ".join(LAW_LABELS[law] for law in laws)),
        )
        plan = self.rows.new(Plan, case_id=case.id)
        aanvragen: list[tuple[Row, bool]] = []
        current = "melding"
        done_onderzoek = None
        if status != "melding":
            started = min(opened + timedelta(days=r(1, 8)), self.today)
            self.status(case, started, current, "onderzoek", "Onderzoek gestart")
            current = "onderzoek"
            domains = [d for law in laws for d in vocab.DOMAINS_BY_LAW[law][: r(1, 3)]]
            findings = dict.fromkeys(
                domains, "Situatie en eigen mogelijkheden besproken; knelpunt vastgesteld."
            )
            complete = status != "onderzoek"
            completed = min(started + timedelta(days=r(5, 30)), self.today) if complete else None
            self.rows.new(
                Onderzoek,
                case_id=case.id,
                started_on=started,
                completed_on=completed,
                findings=findings,
                own_strength="Netwerk besproken: familie en buren helpen waar ze kunnen.",
                summary="Verslag van het gesprek met de inwoner." if complete else "",
            )
            if complete:
                done_onderzoek = completed
                self.event(case, completed, CaseEvent.Kind.ONDERZOEK, "Onderzoek afgerond")
        if done_onderzoek is not None:
            goals_from = done_onderzoek
            self._goals(plan, users, person_ids, goals_from, status, closed)
            agreed = not (fresh and rng.random() < 0.5)
            if agreed:
                plan.agreed_on = min(done_onderzoek + timedelta(days=r(0, 4)), self.today)
                plan.agreement_method = rng.choice(AGREEMENT)
                self.event(
                    case, plan.agreed_on, CaseEvent.Kind.PLAN, f"Plan akkoord ({plan.agreement_method})"
                )
            last = done_onderzoek
            granted = not fresh
            for law in laws if granted else [rng.choice(laws)]:
                received = min(done_onderzoek + timedelta(days=r(0, 3)), self.today)
                if fresh:
                    received = max(done_onderzoek, self.today - timedelta(days=r(0, 20)))
                aanvraag = self.rows.new(
                    Aanvraag,
                    case_id=case.id,
                    received_on=received,
                    law=law,
                    signed_report=True,
                    description=f"Aanvraag maatwerk {LAW_LABELS[law]}",
                )
                if current != "aanvraag":
                    self.status(case, received, current, "aanvraag", "Aanvraag ontvangen")
                    current = "aanvraag"
                self.event(case, received, CaseEvent.Kind.AANVRAAG, f"Aanvraag ontvangen ({LAW_LABELS[law]})")
                aanvragen.append((aanvraag, granted))
                if granted:
                    decided = min(received + timedelta(days=r(3, 13)), self.today)
                    last = max(last, decided)
                    self._decide(case, aanvraag, decided, users, person_ids, closed)
            if granted:
                self.status(case, last, "aanvraag", "beschikt", "Alle aanvragen zijn beschikt")
                current = "beschikt"
                if status != "beschikt":
                    started = min(last + timedelta(days=r(0, 5)), self.today)
                    self.status(case, started, current, "uitvoering", "Plan in uitvoering")
                    current = "uitvoering"
                    end = closed or self.today
                    evaluated = started + timedelta(days=365)
                    while evaluated < end - timedelta(days=30):
                        self._evaluate(case, evaluated, True)
                        evaluated += timedelta(days=365)
        self._finish(case, status, current, aanvragen, closed)
        self._deadline(case, melding, done_onderzoek, aanvragen)
        return case

    def _finish(self, case: Row, status: str, current: str, aanvragen, closed: date | None) -> None:
        r = self.r
        if status == "evaluatie":
            self.status(
                case, self.today - timedelta(days=r(0, 20)), current, "evaluatie", "Evaluatie gestart"
            )
        elif status == "aanvraag" and current == "uitvoering":
            law = self.rng.choice(case.laws)
            received = self.today - timedelta(days=r(0, 20))
            aanvraag = self.rows.new(
                Aanvraag,
                case_id=case.id,
                received_on=received,
                law=law,
                signed_report=True,
                description=f"Aanvullende aanvraag {LAW_LABELS[law]}",
            )
            aanvragen.append((aanvraag, False))
            self.status(case, received, current, "aanvraag", "Aanvraag ontvangen")
            self.event(case, received, CaseEvent.Kind.AANVRAAG, f"Aanvraag ontvangen ({LAW_LABELS[law]})")
        elif status == "afgesloten":
            self._evaluate(case, closed - timedelta(days=r(0, 10)), False)
            self.status(case, closed, current, "afgesloten", "Casus afgesloten")

    def _evaluate(self, case: Row, day: date, continues: bool) -> None:
        summary = (
            "Doelen besproken; ondersteuning loopt door."
            if continues
            else "Doelen grotendeels bereikt; ondersteuning beëindigd."
        )
        self.rows.new(
            Evaluation, case_id=case.id, evaluated_on=day, summary=summary, continue_support=continues
        )
        self.event(case, day, CaseEvent.Kind.EVALUATION, "Evaluatie vastgelegd")

    def _goals(self, plan: Row, users, person_ids, start: date, status: str, closed: date | None) -> None:
        rng, position = self.rng, 0
        for person, laws in users.items():
            for law in sorted(laws):
                for domain in rng.sample(vocab.DOMAINS_BY_LAW[law], rng.choice((1, 1, 2))):
                    target = start + timedelta(days=self.r(120, 365))
                    if status == "afgesloten":
                        goal_status = rng.choices(("bereikt", "deels", "niet_bereikt"), (60, 30, 10))[0]
                    elif target < self.today:
                        goal_status = rng.choices(("bereikt", "deels", "open"), (50, 20, 30))[0]
                    else:
                        goal_status = "open"
                    goal = self.rows.new(
                        Goal,
                        plan_id=plan.id,
                        person_id=person_ids[person.idx],
                        life_domain=domain,
                        description=vocab.GOALS[domain],
                        target_date=target,
                        status=goal_status,
                        position=position,
                    )
                    position += 1
                    for _ in range(rng.choice((1, 2, 2, 3))):
                        carrier, text, _w = _pick(rng, vocab.ACTIONS)
                        contact = None
                        name = ""
                        if carrier == "netwerk":
                            contacts = self.network.get(person_ids[person.idx])
                            contact = rng.choice(contacts) if contacts else None
                            name = contact.name if contact else "Familie"
                        elif carrier == "maatwerk":
                            name = rng.choice(
                                (
                                    "Zorggroep De Linde",
                                    "Thuiszorg Samen",
                                    "Jeugdhulp Kompas",
                                    "Werkplein Regio",
                                    "Stichting Welzijn Plus",
                                )
                            )
                        due = start + timedelta(days=self.r(14, 200))
                        self.rows.new(
                            Action,
                            goal_id=goal.id,
                            description=text,
                            carrier=carrier,
                            network_contact_id=contact.id if contact else None,
                            carrier_name=name,
                            due_date=due,
                            done=due < (closed or self.today) and rng.random() < 0.7,
                        )

    def _decide(
        self, case: Row, aanvraag: Row, decided: date, users, person_ids, closed: date | None
    ) -> None:
        rng, r = self.rng, self.r
        outcome = "toegekend" if rng.random() < 0.9 else "deels"
        bezwaar = self.term(deadline_service.Kind.BEZWAAR, aanvraag.law).due(decided)
        decision = self.rows.new(
            Decision,
            case_id=case.id,
            aanvraag_id=aanvraag.id,
            law=aanvraag.law,
            decided_on=decided,
            outcome=outcome,
            bezwaar_deadline=bezwaar,
            motivation="Op grond van het onderzoek en het plan is maatwerk nodig.",
            decided_by_id=0,
        )
        self.actor_rows[case.id].append(decision)
        self.event(
            case,
            decided,
            CaseEvent.Kind.DECISION,
            "Beschikking: %s" % ("Toegekend" if outcome == "toegekend" else "Deels toegekend"),
        )
        for person, laws in users.items():
            if aanvraag.law not in laws:
                continue
            chosen = [_pick(rng, vocab.PRODUCTS[aanvraag.law])]
            if aanvraag.law == "wmo" and rng.random() < 0.42:
                chosen.append(_pick(rng, vocab.PRODUCTS["wmo"]))
            if aanvraag.law == "participatie" and person.age < 60 and rng.random() < 0.35:
                chosen.append(vocab.REINTEGRATION)
            for category, code, description, unit, frequency, (lo, hi), _w in dict.fromkeys(chosen):
                start = decided + timedelta(days=r(0, 14))
                if closed:
                    end = max(closed, start)
                elif frequency == "6" and unit == "82":
                    end = None
                else:
                    end = max(start + timedelta(days=365 * r(1, 3)), self.today + timedelta(days=r(30, 365)))
                self.rows.new(
                    DecisionProduct,
                    decision_id=decision.id,
                    person_id=person_ids[person.idx],
                    product_category=category,
                    product_code=code,
                    description=description,
                    start_date=start,
                    end_date=end,
                    volume=r(lo, hi),
                    unit=unit,
                    frequency=frequency,
                )

    def _deadline(self, case: Row, melding: Row, onderzoek_done: date | None, aanvragen) -> None:
        """Mirror of ``services.case_deadlines`` + ``refresh_deadline`` on the rows just built."""
        closed = case.status == "afgesloten"
        due: list[tuple[date, str]] = []
        for law in melding.laws:
            found = self.term(deadline_service.Kind.ONDERZOEK, law)
            if found is not None and not (aanvragen or onderzoek_done or closed):
                due.append((found.due(melding.received_on), "onderzoek"))
        for aanvraag, decided in aanvragen:
            found = self.term(deadline_service.Kind.BESCHIKKING, aanvraag.law)
            if found is not None and not (decided or closed):
                due.append((found.due(aanvraag.received_on), "beschikking"))
        first = min(due, default=None)
        case.next_deadline = first[0] if first else None
        case.next_deadline_kind = first[1] if first else ""
