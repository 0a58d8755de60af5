"""The health-barrier screening on a case and the collaboration check of the leidraad."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Case
from schakel.people.models import Person

from .. import leidraad
from ..models import (
    Barrier,
    CollaborationCheck,
    HealthScreening,
    Partnership,
    ScreeningAnswer,
    ScreeningArea,
)
from ..query import partner_link
from ._base import (
    ADD_CHECK,
    ADD_SCREENING,
    Act,
    _log,
    _require,
)

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
