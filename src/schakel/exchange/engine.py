"""Runs the registered rules over one parsed message and writes the retour codes on its classes.

Control levels (IV032, reference §5):

* level 2 (in-message rules) first, over the whole message: any failure → the retour carries only the
  header with **0001** and nothing of the body;
* then levels 3 and 4 per class, parent before children: a class that fails gets the specific codes;
  the classes below a failed class are not assessed (**0233**); every other class gets **0200**.

The codes are written on the parsed dataclasses themselves (``RetourCodes`` is the last child of every
class, IV028), so the retour is built from the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .codes import APPROVED, NOT_ASSESSED, TECHNICAL
from .rules import rules_for


@dataclass
class Ctx:
    """What a rule sees: the message, the parties, today, the history index and the current parents."""

    msg: object
    soort: str
    law: str  # "wmo" | "jeugd"
    gemeente_id: int
    provider_id: int | None
    today: date
    state: object
    direction: str = "in"
    client: object = None
    verzoek: object = None
    declaratie: object = None
    origin: object = None  # for an outgoing 325: the 323 it answers
    extra: dict = field(default_factory=dict)

    @property
    def dagtekening(self) -> date:
        return self.msg.Header.BerichtIdentificatie.Dagtekening

    def allocation(self, number):
        return self.state.allocation(self.gemeente_id, self.law, number)


@dataclass
class Outcome:
    level2: list[str] = field(default_factory=list)  # failed level-2 rule ids
    failed: list[tuple[object, str, str]] = field(default_factory=list)  # (class, rule id, code)

    @property
    def ok(self) -> bool:
        return not self.level2 and not self.failed

    @property
    def codes(self) -> list[str]:
        if self.level2:
            return [TECHNICAL]
        return sorted({code for _obj, _rule, code in self.failed})


def _tree(ctx: Ctx):
    """(target, object, children-generator) for the classes of the message, parent first."""
    msg = ctx.msg
    yield "header", msg.Header, None
    if ctx.soort in ("323", "325"):
        decl = msg.Declaratie or msg.DeclaratieAntwoord
        ctx.declaratie = decl
        yield "declaratie", decl, None
        for client in decl.Clienten:
            yield "client", client, ("declaratie", decl)
            for prestatie in client.Prestaties:
                yield "prestatie", prestatie, ("client", client)
        return
    if ctx.soort in ("319", "320"):
        yield "antwoord", msg.Antwoord, None
        return
    client = msg.Client
    yield "client", client, None
    for product in client.StartProducten:
        yield "start", product, ("client", client)
    for product in client.StopProducten:
        yield "stop", product, ("client", client)
    for product in client.AangevraagdeProducten:
        yield "aangevraagd", product, ("client", client)
    for product in client.ToegewezenProducten:
        yield "toegewezen", product, ("client", client)
    if client.Verzoek is not None:
        verzoek = client.Verzoek
        yield "verzoek", verzoek, ("client", client)
        for product in verzoek.OngewijzigdeProducten:
            yield "ongewijzigd", product, ("verzoek", verzoek)
        for product in verzoek.TeWijzigenProducten:
            yield "tewijzigen", product, ("verzoek", verzoek)
        for product in verzoek.NieuweProducten:
            yield "nieuw", product, ("verzoek", verzoek)


def _set_parent(ctx: Ctx, target: str, obj) -> None:
    if target == "client":
        ctx.client = obj
    elif target == "verzoek":
        ctx.verzoek = obj


def evaluate(ctx: Ctx, *, levels=(2, 3, 4)) -> Outcome:
    """Run the rules of ``levels`` for this message; see the module docstring."""
    outcome = Outcome()
    nodes = list(_tree(ctx))
    if 2 in levels:
        for target, obj, _parent in nodes:
            _set_parent(ctx, target, obj)
            for entry in rules_for(ctx.direction, ctx.soort, target):
                if entry.level == 2 and entry.check(ctx, obj):
                    outcome.level2.append(entry.id)
        if outcome.level2:
            return outcome
    wanted = [lvl for lvl in levels if lvl != 2]
    failed_ids: set[int] = set()
    for target, obj, parent in nodes:
        _set_parent(ctx, target, obj)
        if parent is not None and id(parent[1]) in failed_ids:
            failed_ids.add(id(obj))  # not assessed below a failed class
            continue
        hit = False
        for entry in rules_for(ctx.direction, ctx.soort, target):
            if entry.level in wanted and entry.check(ctx, obj):
                outcome.failed.append((obj, entry.id, entry.code))
                hit = True
        if hit:
            failed_ids.add(id(obj))
    ctx.extra["failed_ids"] = failed_ids
    return outcome


def mark(ctx: Ctx, outcome: Outcome) -> None:
    """Write RetourCodes on every class of the message (0200 / specific codes / 0233)."""
    by_obj: dict[int, list[str]] = {}
    for obj, _rule, code in outcome.failed:
        by_obj.setdefault(id(obj), []).append(code)
    failed_ids = ctx.extra.get("failed_ids", set())
    for target, obj, _parent in _tree(ctx):
        if target == "header":
            continue
        codes = by_obj.get(id(obj))
        if codes:
            obj.RetourCodes = sorted(set(codes))
        elif id(obj) in failed_ids:
            obj.RetourCodes = [NOT_ASSESSED]
        else:
            obj.RetourCodes = [APPROVED]
