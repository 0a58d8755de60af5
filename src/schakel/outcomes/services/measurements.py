"""Recording a measurement: relevance per domain first, then a score for the relevant domains only.

Rules (issue 3, "Bad input"), each a Dutch error with nothing stored:

* a score must be a point of the instrument's scale;
* the date may not lie before the case began, nor in the future;
* one measurement per person, instrument and moment per day;
* a domain marked not relevant to the help question may not be scored (Autoriteit Persoonsgegevens,
  February 2018: collecting ZRM domains that are not relevant to the help question is unlawful);
* the optional strength split (ZRM-Krachtenwijzer: eigen kracht / netwerk / professionele hulp) is three
  percentages adding up to 100, or absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Case
from schakel.people.models import Person

from ..models import Instrument, Measurement, MeasurementScore, Moment
from ._base import ADD_MEASUREMENT, VIEW_MEASUREMENT, Act, log, require, require_visible

MEASURED_KINDS = (Instrument.Kind.MATRIX, Instrument.Kind.LADDER)


@dataclass(frozen=True)
class ScoreInput:
    """The answer for one domain (by its code). ``score`` only when ``relevant``."""

    domain: str
    relevant: bool
    score: int | None = None
    own_strength: int | None = None
    network: int | None = None
    professional: int | None = None


def _split_error(item: ScoreInput) -> str | None:
    parts = (item.own_strength, item.network, item.professional)
    if all(p is None for p in parts):
        return None
    if not item.relevant:
        return _(
            "Een verdeling eigen kracht / netwerk / professionele hulp hoort alleen bij een relevant domein."
        )
    if any(p is None or p < 0 or p > 100 for p in parts) or sum(parts) != 100:
        return _("Eigen kracht, netwerk en professionele hulp zijn percentages die samen 100 zijn.")
    return None


def _validate_scores(instrument: Instrument, scores: Iterable[ScoreInput]) -> dict[str, ScoreInput]:
    domains = {d.code: d for d in instrument.domains.all()}
    levels = sorted(level.value for level in instrument.levels.all())
    errors: dict[str, list[str]] = {}
    given: dict[str, ScoreInput] = {}
    for item in scores:
        if item.domain not in domains:
            errors.setdefault("scores", []).append(
                _("Het domein '%(d)s' hoort niet bij %(i)s.") % {"d": item.domain, "i": instrument}
            )
            continue
        if item.domain in given:
            errors.setdefault("scores", []).append(
                _("Het domein %(d)s staat twee keer in de meting.") % {"d": domains[item.domain].name}
            )
            continue
        given[item.domain] = item
        field, name = f"scores.{item.domain}", domains[item.domain].name
        if not item.relevant and item.score is not None:
            errors.setdefault(field, []).append(
                _(
                    "%(d)s is niet relevant voor de hulpvraag en mag daarom geen score krijgen. "
                    "Markeer het domein als relevant of laat de score leeg."
                )
                % {"d": name}
            )
        elif item.relevant and item.score is None:
            errors.setdefault(field, []).append(_("Geef een score voor %(d)s.") % {"d": name})
        elif item.relevant and item.score not in levels:
            errors.setdefault(field, []).append(
                _("De score %(s)s voor %(d)s valt buiten de schaal (%(lo)s–%(hi)s).")
                % {"s": item.score, "d": name, "lo": levels[0], "hi": levels[-1]}
            )
        split = _split_error(item)
        if split:
            errors.setdefault(field, []).append(split)
    if not errors and not any(item.relevant for item in given.values()):
        errors["scores"] = [_("Markeer minstens één domein als relevant voor de hulpvraag.")]
    if errors:
        raise ValidationError(errors)
    return given


def validate_header(
    case: Case, *, person: Person | None, instrument: Instrument | None, moment: str, measured_on, today: date
) -> None:
    """The measurement's person, instrument, moment and date (the grid's first step checks these too)."""
    errors: dict[str, str] = {}
    if person is None or not case.household.memberships.filter(person=person).exists():
        errors["person"] = _("Kies een persoon uit het huishouden van de casus.")
    if instrument is None or not instrument.active or instrument.kind not in MEASURED_KINDS:
        errors["instrument"] = _("Kies een meetinstrument dat in gebruik is.")
    if moment not in Moment.values:
        errors["moment"] = _("Kies het moment van de meting.")
    if not isinstance(measured_on, date):
        errors["measured_on"] = _("Vul een geldige datum in.")
    elif measured_on > today:
        errors["measured_on"] = _("De datum van de meting ligt in de toekomst.")
    elif measured_on < case.opened_on:
        errors["measured_on"] = _("De datum van de meting ligt vóór de start van de casus (%(d)s).") % {
            "d": case.opened_on.strftime("%d-%m-%Y")
        }
    if (
        not errors
        and Measurement.objects.filter(
            case=case, person=person, instrument=instrument, moment=moment, measured_on=measured_on
        ).exists()
    ):
        errors["moment"] = _(
            "Er is op deze dag al een meting '%(m)s' met dit instrument voor deze persoon vastgelegd."
        ) % {"m": Moment(moment).label}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_measurement(
    user,
    case: Case,
    *,
    person: Person | None,
    instrument: Instrument | None,
    moment: str,
    measured_on: date,
    scores: Iterable[ScoreInput],
    today: date | None = None,
) -> Measurement:
    """Record one measurement with a row per domain (relevance, and the score of a relevant domain)."""
    require(user, ADD_MEASUREMENT, case.gemeente_id)
    require_visible(user, case)
    today = today or timezone.localdate()
    validate_header(
        case, person=person, instrument=instrument, moment=moment, measured_on=measured_on, today=today
    )
    given = _validate_scores(instrument, scores)
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                gemeente_id=case.gemeente_id,
                household_id=case.household_id,
                case=case,
                person=person,
                instrument=instrument,
                moment=moment,
                measured_on=measured_on,
                assessor=user,
            )
    except IntegrityError:  # a concurrent request stored the same moment first
        raise ValidationError(
            {"moment": _("Er is op deze dag al een meting van dit moment voor deze persoon vastgelegd.")}
        )
    rows = []
    for domain in instrument.domains.all():
        item = given.get(domain.code) or ScoreInput(domain.code, relevant=False)
        rows.append(
            MeasurementScore(
                measurement=measurement,
                domain=domain,
                relevant=item.relevant,
                score=item.score if item.relevant else None,
                own_strength=item.own_strength,
                network=item.network,
                professional=item.professional,
            )
        )
    MeasurementScore.objects.bulk_create(rows)
    log(user, [person], action=Act.CREATE, operation="uitkomst.meting_vastleggen")
    return measurement


def measurements_of(user, persons: list[Person], *, operation: str) -> list[Measurement]:
    """The visible measurements of ``persons`` with their scores, oldest first; the read is logged."""
    if not persons:
        return []
    result = list(
        Measurement.objects.visible_to(user)
        .filter(person__in=persons)
        .select_related("instrument", "assessor")
        .prefetch_related("scores__domain")
        .order_by("measured_on", "id")
    )
    shown = {m.person_id for m in result}
    log(user, [p for p in persons if p.pk in shown], action=Act.READ, operation=operation)
    return result


def can_view(user, gemeente_id: int) -> bool:
    from schakel.core.access import policy_for

    return policy_for(user).has_perm(VIEW_MEASUREMENT, gemeente_id)
