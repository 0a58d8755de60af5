"""Periodic consultation (Participatiewet art. 47 sub a), agenda items from the councils (sub b), the log of
information provided to the councils (sub c), and signals from the constituency.

Signals may name their sender: the name and contact details are personal data (AVG art. 4), so every
recording and every read of a named signal is written to the processing log under the activity
``adviesraden-signalen-achterban`` (data/configuration.yaml), and they never appear in the public register.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import processing_log
from schakel.core.models import ProcessingLogEntry
from schakel.core.pseudonym import pseudonymise

from ..models import Advice, AgendaItem, Council, InformationItem, Meeting, Signal
from ..vocab import PolicyField
from ._base import SIGNALS_ACTIVITY, not_in_past, require, require_seat, required_text


@transaction.atomic
def create_meeting(
    user, council: Council, *, date: date, location: str = "", agenda_deadline: date | None = None
) -> Meeting:
    """Schedule a periodic consultation with a council (art. 47 sub a)."""
    require(user, "participation.add_meeting", council.gemeente_id)
    if date is None:
        raise ValidationError({"date": _("Geef de datum van het overleg.")})
    not_in_past(date, "date")
    if agenda_deadline is not None and agenda_deadline > date:
        raise ValidationError(
            {"agenda_deadline": _("De uiterste datum voor agendapunten ligt na het overleg.")}
        )
    return Meeting.objects.create(
        council=council,
        gemeente_id=council.gemeente_id,
        date=date,
        location=(location or "").strip(),
        agenda_deadline=agenda_deadline,
    )


@transaction.atomic
def submit_agenda_item(user, meeting: Meeting, *, title: str, explanation: str = "") -> AgendaItem:
    """Put an item on the agenda. A council member submits it on behalf of the council (art. 47 sub b)."""
    require(user, "participation.add_agendaitem", meeting.gemeente_id)
    from schakel.core.access import policy_for

    from ..query import VIEW_ALL

    staff = policy_for(user).has_perm(VIEW_ALL, meeting.gemeente_id)
    if not staff:
        require_seat(user, meeting.council)
    title = required_text(title, "title", _("Geef het onderwerp van het agendapunt."))
    today = timezone.localdate()
    if meeting.date < today:
        raise ValidationError({"title": _("Dit overleg is al geweest.")})
    if not staff and meeting.agenda_deadline and today > meeting.agenda_deadline:
        raise ValidationError({"title": _("De termijn voor het aanmelden van agendapunten is verstreken.")})
    return AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        explanation=(explanation or "").strip(),
        by_council=not staff,
        submitted_by=user,
    )


@transaction.atomic
def record_minutes(user, meeting: Meeting, *, minutes: str, decisions: str = "") -> Meeting:
    """Record the minutes and the decisions of a consultation after it took place (art. 47 sub a); they
    can be corrected later by the same permission. The meeting's council members read them on the meeting."""
    require(user, "participation.change_meeting", meeting.gemeente_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors = {}
    if meeting.date > timezone.localdate():
        errors["minutes"] = _("Het verslag wordt vastgelegd nadat het overleg heeft plaatsgevonden.")
    minutes, decisions = (minutes or "").strip(), (decisions or "").strip()
    if not errors and not minutes and not decisions:
        errors["minutes"] = _("Geef het verslag of de besluiten van het overleg.")
    if errors:
        raise ValidationError(errors)
    meeting.minutes = minutes
    meeting.decisions = decisions
    meeting.minutes_recorded_on = timezone.localdate()
    meeting.save(update_fields=["minutes", "decisions", "minutes_recorded_on"])
    return meeting


@transaction.atomic
def log_information(
    user,
    council: Council,
    *,
    title: str,
    provided_on: date | None = None,
    description: str = "",
    url: str = "",
    request=None,
) -> InformationItem:
    """Record information provided to a council (art. 47 sub c)."""
    require(user, "participation.add_informationitem", council.gemeente_id)
    title = required_text(title, "title", _("Geef het onderwerp van de informatie."))
    provided_on = provided_on or timezone.localdate()
    if provided_on > timezone.localdate():
        raise ValidationError({"provided_on": _("Deze datum ligt in de toekomst.")})
    if url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise ValidationError({"url": _("Geen geldige link.")})
    return InformationItem.objects.create(
        council=council,
        gemeente_id=council.gemeente_id,
        provided_on=provided_on,
        title=title,
        description=(description or "").strip(),
        url=url,
        request=request,
        provided_by=user,
    )


def _subjects(signals: Iterable[Signal]) -> list[processing_log.Subject]:
    return [
        processing_log.Subject(
            "signaal_melder",
            s.pk,
            "",
            s.gemeente_id,
            subject_hash=pseudonymise(f"{s.sender_name}|{s.sender_contact}".lower()),
        )
        for s in signals
        if not s.anonymous
    ]


def log_signal_read(user, signals: Iterable[Signal], operation: str) -> None:
    """Write the processing log for the named signals a page or response shows (one INSERT)."""
    processing_log.record(
        user=user,
        action=ProcessingLogEntry.Action.READ,
        operation=operation,
        activity_code=SIGNALS_ACTIVITY,
        subjects=_subjects(signals),
        data_categories=["naam", "contactgegevens", "signaal"],
    )


@transaction.atomic
def record_signal(
    user,
    council: Council,
    *,
    theme: str,
    description: str,
    received_on: date | None = None,
    anonymous: bool = True,
    sender_name: str = "",
    sender_contact: str = "",
) -> Signal:
    """Record a signal from the constituency, named or anonymous, by theme."""
    require(user, "participation.add_signal", council.gemeente_id)
    require_seat(user, council)
    errors = {}
    if theme not in PolicyField.values:
        errors["theme"] = _("Kies het thema van het signaal.")
    if not (description or "").strip():
        errors["description"] = _("Beschrijf het signaal.")
    if not anonymous and not (sender_name or "").strip():
        errors["sender_name"] = _("Geef de naam van de melder, of kies anoniem.")
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        errors["received_on"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    signal = Signal.objects.create(
        council=council,
        gemeente_id=council.gemeente_id,
        received_on=received_on,
        theme=theme,
        description=description.strip(),
        anonymous=anonymous,
        sender_name="" if anonymous else sender_name.strip(),
        sender_contact="" if anonymous else (sender_contact or "").strip(),
        recorded_by=user,
    )
    if not anonymous:
        processing_log.record(
            user=user,
            action=ProcessingLogEntry.Action.CREATE,
            operation="adviesraad.signaal.vastleggen",
            activity_code=SIGNALS_ACTIVITY,
            subjects=_subjects([signal]),
            data_categories=["naam", "contactgegevens", "signaal"],
        )
    return signal


@transaction.atomic
def link_signal(user, signal: Signal, advice: Advice) -> None:
    """Link a signal to an advice of the same council (the advice shows which signals it answers)."""
    require(user, "participation.change_signal", signal.gemeente_id)
    require_seat(user, signal.council)
    if (
        advice.council_id != signal.council_id
        and not advice.joint_councils.filter(pk=signal.council_id).exists()
    ):
        raise ValidationError({"advice": _("Koppel een signaal alleen aan een advies van dezelfde raad.")})
    signal.advices.add(advice)
