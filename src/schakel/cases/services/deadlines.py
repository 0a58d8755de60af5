"""Legal deadlines of a case (the terms themselves come from :mod:`schakel.core.deadlines`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import deadlines as deadline_service

from ..models import (
    Case,
    CaseStatus,
)


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: date
    source: str
    met: bool
    flag: str


def case_deadlines(case: Case, today: date | None = None) -> list[Deadline]:
    """The legal deadlines of a case (onderzoek, beschikking per aanvraag, bezwaar per decision)."""
    today = today or timezone.localdate()
    result: list[Deadline] = []
    meldingen = list(case.meldingen.all())
    onderzoek = getattr(case, "onderzoek", None) if hasattr(case, "onderzoek") else None
    aanvragen = list(case.aanvragen.all())
    decisions = list(case.decisions.all())
    if meldingen:
        first = meldingen[0]
        for law in first.laws:
            term = deadline_service.term(deadline_service.Kind.ONDERZOEK, law)
            if term is None:
                continue
            met = (
                bool(aanvragen)
                or bool(onderzoek and onderzoek.completed_on)
                or case.status == CaseStatus.AFGESLOTEN
            )
            due = term.due(first.received_on)
            result.append(
                Deadline(
                    "onderzoek",
                    _("Onderzoek afronden"),
                    due,
                    term.source,
                    met,
                    deadline_service.flag(due, today, met=met),
                )
            )
    decided = {d.aanvraag_id for d in decisions}
    for aanvraag in aanvragen:
        term = deadline_service.term(deadline_service.Kind.BESCHIKKING, aanvraag.law)
        if term is None:
            continue
        met = aanvraag.pk in decided or case.status == CaseStatus.AFGESLOTEN
        due = term.due(aanvraag.received_on)
        result.append(
            Deadline(
                "beschikking",
                _("Beschikking afgeven"),
                due,
                term.source,
                met,
                deadline_service.flag(due, today, met=met),
            )
        )
    for decision in decisions:
        result.append(
            Deadline(
                "bezwaar",
                _("Bezwaartermijn inwoner"),
                decision.bezwaar_deadline,
                "Awb art. 6:7",
                True,
                deadline_service.Flag.NONE,
            )
        )
    return result


def refresh_deadline(case: Case, *, save: bool = True) -> None:
    """Store the earliest open legal deadline on the case, for the work queue (indexed)."""
    open_deadlines = [d for d in case_deadlines(case) if not d.met] if case.pk else []
    first = min(open_deadlines, key=lambda d: d.due, default=None)
    case.next_deadline = first.due if first else None
    case.next_deadline_kind = first.kind if first else ""
    if save:
        case.save(update_fields=["next_deadline", "next_deadline_kind", "updated_at"])
