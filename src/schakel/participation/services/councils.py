"""Councils, members and the organisation model per municipality; routing of requests by policy field.

Routing follows the *Landelijke handreiking voor WWB-raden en Wmo-raden*, ch. 4:

* **1a / 1b** — separate councils: every advisory council with the policy field in scope receives the
  request (1a: the municipality streamlines the answers; 1b: the chairs coordinate between themselves);
* **1c / 4** — a coordination point above the councils decides which council(s) advise; pre-advice of
  several councils can be compared side by side before it goes out;
* **2** — joint working groups: a field covered by several councils goes to the working group that has it
  in scope (its advice is joint advice on behalf of the constituent councils);
* **3** — one participation council; a chamber with the field in scope receives it, else the council.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from schakel.core.models import Gemeente, Regio

from ..models import Council, CouncilMember, Setup
from ..vocab import (
    ADVISORY_KINDS,
    COORDINATED_MODELS,
    CouncilKind,
    MemberRole,
    OrganisationModel,
    PolicyField,
)
from ._base import require


@dataclass(frozen=True)
class Routing:
    """Who receives a request: the councils, or the coordination point that decides."""

    model: str
    councils: list[Council] = field(default_factory=list)
    coordination_point: Council | None = None
    note: str = ""


def councils_of(gemeente_id: int):
    """The active councils serving a municipality: its own and the regional ones it takes part in."""
    return (
        Council.objects.filter(Q(gemeente_id=gemeente_id) | Q(regio__gemeenten__id=gemeente_id), active=True)
        .distinct()
        .order_by("name")
    )


def route(gemeente: Gemeente | int, policy_field: str) -> Routing:
    """Which council(s) receive a request on ``policy_field`` in this municipality (see module docstring)."""
    gemeente_id = getattr(gemeente, "pk", gemeente)
    setup = Setup.objects.filter(gemeente_id=gemeente_id).select_related("coordination_point").first()
    model = setup.model if setup else OrganisationModel.M1A
    available = list(councils_of(gemeente_id))
    in_scope = [c for c in available if c.kind in ADVISORY_KINDS and policy_field in c.policy_fields]
    if model in COORDINATED_MODELS:
        point = setup.coordination_point if setup else None
        if point is None:
            point = next((c for c in available if c.kind == CouncilKind.COORDINATIEPUNT), None)
        if point is not None:
            return Routing(
                model, in_scope, point, _("Het coördinatiepunt beslist welke raad of raden adviseren.")
            )
    if model == OrganisationModel.M2 and len(in_scope) > 1:
        groups = [c for c in available if c.kind == CouncilKind.WERKGROEP and policy_field in c.policy_fields]
        if groups:
            return Routing(model, groups[:1], None, _("Gezamenlijk advies via de werkgroep."))
    if model == OrganisationModel.M3:
        chambers = [c for c in available if c.kind == CouncilKind.KAMER and policy_field in c.policy_fields]
        if chambers:
            return Routing(model, chambers[:1], None, _("De kamer met dit beleidsveld adviseert."))
        raad = [c for c in available if c.kind == CouncilKind.PARTICIPATIERAAD]
        return Routing(
            model, raad[:1], None, _("De participatieraad adviseert over het hele sociale domein.")
        )
    note = ""
    if model == OrganisationModel.M1B and len(in_scope) > 1:
        note = _("Meerdere raden: de voorzitters stemmen hun adviezen onderling af.")
    if not in_scope:
        note = _("Geen raad heeft dit beleidsveld in zijn werkterrein; kies de raad zelf.")
    return Routing(model, in_scope, None, note)


def _validate_fields(policy_fields) -> list[str]:
    values = list(dict.fromkeys(policy_fields or []))
    unknown = [v for v in values if v not in PolicyField.values]
    if unknown:
        raise ValidationError({"policy_fields": _("Onbekend beleidsveld: %(v)s") % {"v": ", ".join(unknown)}})
    return values


def _clean_council(
    gemeente: Gemeente,
    *,
    name: str,
    kind: str,
    policy_fields: list[str],
    budget_cents: int,
    regio: Regio | None,
    parent: Council | None,
    constituent_councils: list[Council],
    instance: Council | None = None,
) -> dict:
    """Validate a council's fields; all errors at once, per field (nothing is stored on bad input)."""
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Geef de naam van de raad.")
    if kind not in CouncilKind.values:
        errors["kind"] = _("Kies een soort raad.")
    if budget_cents is None or budget_cents < 0:
        errors["budget_cents"] = _("Het budget kan niet negatief zijn.")
    if regio is not None and not regio.gemeenten.filter(pk=gemeente.pk).exists():
        errors["regio"] = _("De gemeente neemt niet deel aan deze regio.")
    if kind == CouncilKind.KAMER and (parent is None or parent.kind != CouncilKind.PARTICIPATIERAAD):
        errors["parent"] = _("Een kamer hoort bij een participatieraad.")
    elif parent is not None and (
        parent.gemeente_id != gemeente.pk or (instance and parent.pk == instance.pk)
    ):
        errors["parent"] = _("Kies een participatieraad van dezelfde gemeente.")
    others = [
        c for c in constituent_councils if c.gemeente_id != gemeente.pk or (instance and c.pk == instance.pk)
    ]
    if others:
        errors["constituent_councils"] = _("Kies deelnemende raden van dezelfde gemeente, niet de raad zelf.")
    taken = Council.objects.filter(gemeente=gemeente, name=name)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if name and taken.exists():
        errors["name"] = _("Er is al een raad met deze naam.")
    try:
        fields = _validate_fields(policy_fields)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": kind,
        "policy_fields": fields,
        "budget_cents": budget_cents,
        "regio": regio,
        "parent": parent,
    }


@transaction.atomic
def create_council(
    user,
    gemeente: Gemeente,
    *,
    name: str,
    kind: str,
    policy_fields: list[str],
    budget_cents: int = 0,
    regio: Regio | None = None,
    parent: Council | None = None,
    constituent_councils: list[Council] = (),
) -> Council:
    """Register a council (Wmo 2015 art. 2.1.3 lid 3; Participatiewet art. 47; Jeugdwet art. 2.10)."""
    require(user, "participation.add_council", gemeente.pk)
    constituent_councils = list(constituent_councils or [])
    values = _clean_council(
        gemeente,
        name=name,
        kind=kind,
        policy_fields=policy_fields,
        budget_cents=budget_cents,
        regio=regio,
        parent=parent,
        constituent_councils=constituent_councils,
    )
    council = Council.objects.create(gemeente=gemeente, **values)
    if constituent_councils:
        council.constituent_councils.set(constituent_councils)
    return council


@transaction.atomic
def update_council(
    user,
    council: Council,
    *,
    name: str,
    kind: str,
    policy_fields: list[str],
    budget_cents: int = 0,
    regio: Regio | None = None,
    parent: Council | None = None,
    constituent_councils: list[Council] = (),
    active: bool = True,
) -> Council:
    """Change a council's details; the same rules as :func:`create_council`. A council that is the
    municipality's coordination point cannot be deactivated or given another kind (handreiking model 1c/4)."""
    require(user, "participation.change_council", council.gemeente_id)
    constituent_councils = list(constituent_councils or [])
    values = _clean_council(
        council.gemeente,
        name=name,
        kind=kind,
        policy_fields=policy_fields,
        budget_cents=budget_cents,
        regio=regio,
        parent=parent,
        constituent_councils=constituent_councils,
        instance=council,
    )
    is_point = Setup.objects.filter(gemeente_id=council.gemeente_id, coordination_point=council).exists()
    if is_point and (not active or kind != CouncilKind.COORDINATIEPUNT):
        raise ValidationError(
            {
                "kind": _(
                    "Deze raad is het coördinatiepunt van de gemeente; kies eerst een ander organisatiemodel."
                )
            }
        )
    for key, value in values.items():
        setattr(council, key, value)
    council.active = bool(active)
    council.save()
    council.constituent_councils.set(constituent_councils)
    return council


def _clean_member(*, name: str, role: str, term_start: date | None, term_end: date | None, account) -> str:
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Geef de naam van het lid.")
    if role not in MemberRole.values:
        errors["role"] = _("Kies een rol.")
    if term_start is None:
        errors["term_start"] = _("Geef het begin van de zittingstermijn.")
    elif term_end is not None and term_end < term_start:
        errors["term_end"] = _("Het einde van de zittingstermijn ligt vóór het begin.")
    if account is not None and not account.is_active:
        errors["account"] = _("Dit gebruikersaccount is niet actief.")
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def add_member(
    user,
    council: Council,
    *,
    name: str,
    role: str = MemberRole.LID,
    term_start: date,
    term_end: date | None = None,
    experience_expert: bool = False,
    constituency: str = "",
    account=None,
) -> CouncilMember:
    """Add a seat; ``account`` links the external user who then sees this council's work."""
    require(user, "participation.add_councilmember", council.gemeente_id)
    name = _clean_member(name=name, role=role, term_start=term_start, term_end=term_end, account=account)
    return CouncilMember.objects.create(
        council=council,
        user=account,
        name=name,
        role=role,
        term_start=term_start,
        term_end=term_end,
        experience_expert=experience_expert,
        constituency=(constituency or "").strip(),
    )


@transaction.atomic
def update_member(
    user,
    member: CouncilMember,
    *,
    name: str,
    role: str,
    term_start: date,
    term_end: date | None = None,
    experience_expert: bool = False,
    constituency: str = "",
) -> CouncilMember:
    """Change a seat: role, term (ending the term ends the member's access to the council's work at once,
    :func:`schakel.participation.query.my_council_ids`), experience expert, constituency."""
    require(user, "participation.change_councilmember", member.council.gemeente_id)
    member.name = _clean_member(name=name, role=role, term_start=term_start, term_end=term_end, account=None)
    member.role = role
    member.term_start = term_start
    member.term_end = term_end
    member.experience_expert = bool(experience_expert)
    member.constituency = (constituency or "").strip()
    member.save()
    return member


@transaction.atomic
def set_setup(
    user,
    gemeente: Gemeente,
    *,
    model: str,
    coordination_point: Council | None = None,
    advice_weeks: int = 6,
    response_weeks: int = 6,
) -> Setup:
    """Record the municipality's organisation model (handreiking ch. 4) and default terms."""
    require(user, "participation.change_setup", gemeente.pk)
    if model not in OrganisationModel.values:
        raise ValidationError({"model": _("Kies een organisatiemodel.")})
    if model in COORDINATED_MODELS and coordination_point is None:
        raise ValidationError({"coordination_point": _("Bij model 1c en 4 hoort een coördinatiepunt.")})
    if coordination_point is not None and coordination_point.kind != CouncilKind.COORDINATIEPUNT:
        raise ValidationError({"coordination_point": _("Kies een raad van de soort coördinatiepunt.")})
    for name, weeks in (("advice_weeks", advice_weeks), ("response_weeks", response_weeks)):
        if not 1 <= weeks <= 52:
            raise ValidationError({name: _("Een termijn ligt tussen 1 en 52 weken.")})
    setup, _created = Setup.objects.update_or_create(
        gemeente=gemeente,
        defaults={
            "model": model,
            "coordination_point": coordination_point,
            "advice_weeks": advice_weeks,
            "response_weeks": response_weeks,
        },
    )
    return setup
