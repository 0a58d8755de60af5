"""Outgoing heenberichten: the 301 toewijzing and the 319 antwoordbericht.

Both are checked with the registry's outgoing rules (direction ``uit``) before they are stored, so the
aanbieder never has to reject them; a violation raises a Dutch :class:`ValidationError` and stores
nothing. Identificatie: 12 characters, unique per berichtsoort for the gemeente (TR056).
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import xml
from .codes import explain
from .engine import Ctx, evaluate
from .models import Direction, Message, MessageAllocation, MessageStatus, Request
from .state import Keys, State

XLAW = {"wmo": "iwmo", "jeugd": "ijw"}
GESLACHT = {"M": "1", "V": "2", "O": "0"}
NAAMGEBRUIK = {"E": "1", "P": "2", "V": "3", "N": "4"}


def new_identificatie() -> str:
    return secrets.token_hex(6).upper()


def _check(msg, soort: str, law: str, gemeente, provider_id: int, keys: Keys) -> None:
    state = State(timezone.localdate())
    from schakel.core.models import Gemeente

    state.own_gemeente_codes = frozenset(Gemeente.objects.values_list("code", flat=True))
    state.prefetch(keys=keys)
    ctx = Ctx(msg, soort, law, gemeente.pk, provider_id, state.today, state, direction="uit")
    outcome = evaluate(ctx)
    if outcome.level2 or outcome.failed:
        reasons = [f"{rule}" for rule in outcome.level2] + [
            f"{code}: {explain(code)}" for _o, _r, code in outcome.failed
        ]
        raise ValidationError(_("Het bericht kan niet worden verstuurd: %(r)s") % {"r": "; ".join(reasons)})


def _store(msg, *, law: str, gemeente, provider_id: int, answers: Message | None = None) -> Message:
    raw = xml.build_message(msg)
    now = timezone.now()
    return Message.objects.create(
        direction=Direction.OUT, law=law, message_type=msg.berichtsoort, bericht_code=int(msg.Header.BerichtCode),
        gemeente=gemeente, provider_id=provider_id, sender=msg.Header.Afzender, receiver=msg.Header.Ontvanger,
        identificatie=msg.identificatie, dagtekening=msg.Header.BerichtIdentificatie.Dagtekening,
        status=MessageStatus.READY, raw=raw, answers=answers, received_at=now,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------- 301


def _geboortedatum(person) -> xml.Geboortedatum:
    if person.birth_date:
        return xml.Geboortedatum(Datum=person.birth_date)
    if person.birth_year and person.birth_month:
        return xml.Geboortedatum(Datum=date(person.birth_year, person.birth_month, 1), DatumGebruik="1")
    if person.birth_year:
        return xml.Geboortedatum(Datum=date(person.birth_year, 1, 1), DatumGebruik="2")
    return xml.Geboortedatum(Datum=date(1900, 1, 1), DatumGebruik="3")


def _naam(person) -> xml.Naam:
    initials = "".join(part[0] for part in person.voornamen.split() if part[:1].isalpha())[:6] or None
    partner = None
    if person.partner_geslachtsnaam:
        partner = xml.Achternaam(
            Achternaam=person.partner_geslachtsnaam, Voorvoegsel=person.partner_voorvoegsel or None
        )
    return xml.Naam(
        Geslachtsnaam=xml.Achternaam(Achternaam=person.geslachtsnaam, Voorvoegsel=person.voorvoegsel or None),
        Partnernaam=partner, Voornamen=person.voornamen[:200] or None, Voorletters=initials,
        NaamGebruik=NAAMGEBRUIK.get(person.naamgebruik, "1") if partner else "1",
    )  # fmt: skip


def _contact(person) -> xml.Contact:
    adres = None
    if person.huisnummer and person.postcode:
        adres = xml.Adres(
            Huis=xml.Huis(Huisnummer=person.huisnummer, Huisletter=person.huisletter or None,
                          HuisnummerToevoeging=person.toevoeging or None),
            Postcode=person.postcode, Straatnaam=person.straat[:24] or None,
            Plaatsnaam=person.woonplaats[:80] or None, LandCode="NL",
        )  # fmt: skip
    return xml.Contact(Soort="01", Adres=adres)


def _product(a) -> xml.ToegewezenProduct:
    allocated = timezone.localtime(a.allocated_at)
    omvang = None
    if a.volume is not None and a.unit and a.frequency:
        omvang = xml.Omvang(Volume=a.volume, Eenheid=a.unit, Frequentie=a.frequency)
    return xml.ToegewezenProduct(
        ToewijzingNummer=a.number, ReferentieAanbieder=a.referentie_aanbieder or None,
        Product=xml.Product(Categorie=a.product_category, Code=a.product_code or None) if a.product_category else None,
        Toewijzingsdatum=allocated.date(), Toewijzingstijd=allocated.time().replace(microsecond=0),
        Ingangsdatum=a.start_date, Einddatum=a.end_date, RedenWijziging=a.reason or None, Omvang=omvang,
        Budget=a.budget_cents if omvang is None else None, Commentaar=a.comment or None,
    )  # fmt: skip


def allocation_message(allocation) -> Message:
    """Queue a 301 for ``allocation``: all current toewijzingen of the client at the provider plus this
    one (OP087). Links the message to each allocation; a ReferentieAanbieder marks its request answered."""
    from schakel.contracts.models import Allocation
    from schakel.contracts.services import current_allocations

    allocation = Allocation.objects.select_related("person", "provider", "gemeente").get(pk=allocation.pk)
    person, provider, gemeente = allocation.person, allocation.provider, allocation.gemeente
    products = {a.pk: a for a in current_allocations(person, provider, law=allocation.law)}
    products[allocation.pk] = allocation
    ordered = sorted(products.values(), key=lambda a: (a.start_date, a.number))
    client = xml.Client(
        Bsn=person.bsn, Geboortedatum=_geboortedatum(person), Geslacht=GESLACHT.get(person.gender, "0"),
        Naam=_naam(person), Contactgegevens=[_contact(person)], ToegewezenProducten=[_product(a) for a in ordered],
    )  # fmt: skip
    k = xml.kind(XLAW[allocation.law], "301")
    header = xml.new_header(
        k, afzender=gemeente.code, ontvanger=provider.agb_code, identificatie=new_identificatie(),
        dagtekening=timezone.localdate(),
    )  # fmt: skip
    msg = xml.Message(law=k.law, berichtsoort="301", Header=header, Client=client)
    keys = Keys(numbers={a.number for a in ordered})
    keys.referenties = {
        (provider.pk, allocation.law, a.referentie_aanbieder) for a in ordered if a.referentie_aanbieder
    }
    _check(msg, "301", allocation.law, gemeente, provider.pk, keys)
    requests = list(
        Request.objects.filter(
            provider=provider,
            law=allocation.law,
            referentie__in=[a.referentie_aanbieder for a in ordered if a.referentie_aanbieder],
        )
    )
    message = _store(msg, law=allocation.law, gemeente=gemeente, provider_id=provider.pk,
                     answers=requests[0].message if requests else None)  # fmt: skip
    MessageAllocation.objects.bulk_create([MessageAllocation(message=message, allocation=a) for a in ordered])
    for request in requests:
        if request.status in (Request.Status.OPEN, Request.Status.IN_ONDERZOEK):
            request.status = Request.Status.TOEGEWEZEN
            request.answered_by = message
            request.answered_at = timezone.now()
            request.save(update_fields=["status", "answered_by", "answered_at"])
    return message


# ---------------------------------------------------------------------------------------------- 319


def answer_message(
    request: Request, *, antwoord: str, reden: str = "", woonplaats_gemeente: str = ""
) -> Message:
    """Queue a 319 for ``request``: VerzoekAntwoord 1 (afgewezen, with a reason) or 2 (in onderzoek).
    Reason 8 (woonplaatsbeginsel, Jeugdwet) names the responsible gemeente (TR377/TR409, OP359)."""
    k = xml.kind(XLAW[request.law], "319")
    header = xml.new_header(
        k, afzender=request.gemeente.code, ontvanger=request.provider.agb_code, identificatie=new_identificatie(),
        dagtekening=timezone.localdate(),
    )  # fmt: skip
    place = xml.Woonplaatsbeginsel(Gemeente=woonplaats_gemeente) if woonplaats_gemeente else None
    body = xml.Antwoord(
        ReferentieAanbieder=request.referentie, VerzoekAntwoord=antwoord, RedenAfwijzingVerzoek=reden or None,
        Woonplaatsbeginsel=place if request.law == "jeugd" else None,
    )  # fmt: skip
    msg = xml.Message(law=k.law, berichtsoort="319", Header=header, Antwoord=body)
    _check(msg, "319", request.law, request.gemeente, request.provider_id,
           Keys(referenties={(request.provider_id, request.law, request.referentie)}))  # fmt: skip
    message = _store(msg, law=request.law, gemeente=request.gemeente, provider_id=request.provider_id,
                     answers=request.message)  # fmt: skip
    request.status = Request.Status.AFGEWEZEN if antwoord == "1" else Request.Status.IN_ONDERZOEK
    if antwoord == "1":
        request.answered_by = message
        request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_by", "answered_at"])
    return message
