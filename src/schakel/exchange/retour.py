"""The retour builder (IV028/IV032): exactly one retour per heenbericht, itself XSD-valid.

* header-only with the header codes when the message failed at level 2 (``0001``), on a header rule
  (9056, 8848, S300) or when everything was approved (``0200``);
* otherwise the header ``0200`` and the client repeated with a ``RetourCodes`` on every class (the codes
  were written by :func:`schakel.exchange.engine.mark`): specific codes, 0200 or 0233 (OP065);
* the 325 declaratie-antwoord always carries ``DeclaratieAntwoord`` with the submitted and the approved
  total and ONLY the rejected prestaties (TR342/OP304); 8001 when everything was approved.

A header-only retour (most of them) is filled into a text template made once per retour kind and header
codes by the codec itself (:func:`_template`), then parsed and validated against its XSD like every
other retour; a retour with a body goes through the codec (:func:`schakel.exchange.xml.build_message`).
``tests/test_retour_template.py`` proves both give the same bytes.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from django.utils import timezone
from lxml import etree

from . import xml
from .models import Direction, Message, MessageStatus
from .xml.safe import safe_parser

APPROVED_ALL = "8001"


def retour_identificatie(heen: Message) -> str:
    """≤ 12 characters, unique per berichtsoort for the gemeente as sender: one retour per heenbericht."""
    return f"R{heen.pk:011d}"


def _declaratie_antwoord(msg, outcome) -> xml.Declaratie:
    from .rules.declaration import signed

    decl = msg.Declaratie
    failed_decl = outcome is not None and any(obj is decl for obj, _r, _c in outcome.failed)
    approved = 0
    clients = []
    for client in decl.Clienten:
        rejected = []
        for prestatie in client.Prestaties:
            if failed_decl:
                continue
            if prestatie.RetourCodes == ["0200"]:
                approved += signed(prestatie.IngediendBedrag.Bedrag, prestatie.IngediendBedrag.DebetCredit)
            else:
                rejected.append(prestatie)
        if rejected:
            clients.append(xml.Client(Bsn=client.Bsn, Prestaties=rejected, RetourCodes=["0200"]))
    if failed_decl:
        approved = 0
        codes = list(decl.RetourCodes) or ["0200"]
    else:
        codes = [APPROVED_ALL] if not clients else ["0200"]
    return xml.Declaratie(
        DeclaratieNummer=decl.DeclaratieNummer,
        TotaalIngediendBedrag=decl.TotaalIngediendBedrag,
        TotaalToegekendBedrag=xml.TotaalBedragMetDC(
            TotaalBedrag=abs(approved), DebetCredit="C" if approved < 0 else "D"
        ),
        Clienten=clients,
        RetourCodes=codes,
    )


def retour_message(msg, heen: Message, header_codes: list[str], today: date, *, outcome=None, answer=None):
    """The retour of ``msg`` as a typed message (see the module docstring)."""
    header = xml.retour_header(
        msg, identificatie=retour_identificatie(heen), dagtekening=today, retourcodes=header_codes
    )
    retour = xml.Message(law=msg.law, berichtsoort=msg.kind.retour.soort, Header=header)
    body = outcome is not None and header_codes == ["0200"]
    if msg.berichtsoort == "323":
        if header_codes == ["0200"]:
            retour.DeclaratieAntwoord = answer or _declaratie_antwoord(msg, outcome)
    elif body and outcome.failed:
        if msg.Client is not None:
            retour.Client = msg.Client
        else:
            retour.Antwoord = msg.Antwoord
    return retour


#: Placeholders of the template: values no real header can hold (so the replacement is unambiguous).
_SLOTS = {
    "afzender": "QQAFZENDERQQ",
    "ontvanger": "QQONTVANGERQQ",
    "ident": "QQIDENTQQ",
    "basis": "QQBASISQQ",
    "bericht": "QQBERICHTQQ",
    "retour_ident": "QQRETOURIDENTQQ",
}
_DATES = {"dagtekening": date(1111, 11, 11), "retour_dag": date(1222, 12, 22)}
#: Placeholders of the all-approved declaratie-antwoord (325 with 8001 and no prestaties).
_ANSWER = {"nummer": "QQNUMMERQQ", "dc_in": "QQDCINQQ", "dc_ok": "QQDCOKQQ"}
_AMOUNTS = {"ingediend": 918273645, "toegekend": 564738291}


@cache
def _template(law: str, soort: str, codes: tuple[str, ...], answer: bool = False) -> str:
    """The header-only retour of a ``law``/``soort`` heenbericht with header ``codes`` (``answer``: plus an
    all-approved DeclaratieAntwoord, 8001), as a format string written by the codec from placeholders (so it
    is the codec's output, byte for byte)."""
    k = xml.kind(law, soort)
    fake = xml.Message(
        law=law,
        berichtsoort=soort,
        Header=xml.Header(
            BerichtCode=k.berichtcode,
            Afzender=_SLOTS["afzender"],
            Ontvanger=_SLOTS["ontvanger"],
            BerichtIdentificatie=xml.BerichtIdentificatie(
                Identificatie=_SLOTS["ident"], Dagtekening=_DATES["dagtekening"]
            ),
            XsdVersie=xml.XsdVersie(BasisschemaXsdVersie=_SLOTS["basis"], BerichtXsdVersie=_SLOTS["bericht"]),
        ),
    )
    header = xml.retour_header(
        fake, identificatie=_SLOTS["retour_ident"], dagtekening=_DATES["retour_dag"], retourcodes=codes
    )
    retour = xml.Message(law=law, berichtsoort=k.retour.soort, Header=header)
    slots = dict(_SLOTS)
    if answer:
        retour.DeclaratieAntwoord = xml.Declaratie(
            DeclaratieNummer=_ANSWER["nummer"],
            TotaalIngediendBedrag=xml.TotaalBedragMetDC(TotaalBedrag=_AMOUNTS["ingediend"], DebetCredit=_ANSWER["dc_in"]),
            TotaalToegekendBedrag=xml.TotaalBedragMetDC(TotaalBedrag=_AMOUNTS["toegekend"], DebetCredit=_ANSWER["dc_ok"]),
            RetourCodes=[APPROVED_ALL],
        )  # fmt: skip
        slots.update(_ANSWER)
        slots.update({name: str(value) for name, value in _AMOUNTS.items()})
    text = xml.build_message(retour, validate=False).decode("utf-8").replace("{", "{{").replace("}", "}}")
    for name, slot in slots.items():
        found = text.count(slot)
        if found == 0 or (found > 1 and (name in _ANSWER or name in _AMOUNTS)):
            raise AssertionError(f"retour template of {k.name}: {name} not found")
        text = text.replace(slot, "{" + name + "}")
    for name, day in _DATES.items():
        if day.isoformat() not in text:
            raise AssertionError(f"retour template of {k.name}: {name} not found")
        text = text.replace(day.isoformat(), "{" + name + "}")
    return text


def header_only_bytes(msg, identificatie: str, today: date, codes: list[str], answer=None) -> bytes:
    """The header-only retour of ``msg`` from the template (``answer``: with that all-approved
    DeclaratieAntwoord), validated against the retour's XSD."""
    h = msg.Header
    extra = {}
    if answer is not None:
        extra = {
            "nummer": escape(answer.DeclaratieNummer),
            "ingediend": answer.TotaalIngediendBedrag.TotaalBedrag,
            "dc_in": escape(answer.TotaalIngediendBedrag.DebetCredit),
            "toegekend": answer.TotaalToegekendBedrag.TotaalBedrag,
            "dc_ok": escape(answer.TotaalToegekendBedrag.DebetCredit),
        }
    raw = (
        _template(msg.law, msg.berichtsoort, tuple(codes), answer is not None)
        .format(
            **extra,
            afzender=escape(h.Afzender),
            ontvanger=escape(h.Ontvanger),
            ident=escape(h.BerichtIdentificatie.Identificatie),
            basis=escape(h.XsdVersie.BasisschemaXsdVersie),
            bericht=escape(h.XsdVersie.BerichtXsdVersie),
            retour_ident=escape(identificatie),
            dagtekening=h.BerichtIdentificatie.Dagtekening.isoformat(),
            retour_dag=today.isoformat(),
        )
        .encode("utf-8")
    )
    xml.validate(etree.fromstring(raw, safe_parser()), msg.kind.retour)
    return raw


def _has_body(msg, header_codes: list[str], outcome) -> bool:
    if msg.berichtsoort == "323":
        return header_codes == ["0200"]
    return outcome is not None and header_codes == ["0200"] and bool(outcome.failed)


def build_retour(msg, heen: Message, header_codes: list[str], today: date, *, outcome=None) -> dict:
    """The outgoing retour row (a dict of ``Message`` attributes for :func:`schakel.exchange.bulk.insert`)
    with its XSD-validated XML."""
    identificatie = retour_identificatie(heen)
    rk = msg.kind.retour
    answer = None
    if msg.berichtsoort == "323" and header_codes == ["0200"]:
        answer = _declaratie_antwoord(msg, outcome)
    if answer is not None and not answer.Clienten and answer.RetourCodes == [APPROVED_ALL]:
        raw = header_only_bytes(msg, identificatie, today, header_codes, answer)
    elif _has_body(msg, header_codes, outcome):
        raw = xml.build_message(
            retour_message(msg, heen, header_codes, today, outcome=outcome, answer=answer)
        )
    else:
        raw = header_only_bytes(msg, identificatie, today, header_codes)
    h = msg.Header
    sender, receiver = (h.Ontvanger, h.Afzender) if rk.soort == "325" else (h.Afzender, h.Ontvanger)
    return {
        "direction": Direction.OUT.value,
        "law": heen.law,
        "message_type": rk.soort,
        "bericht_code": int(rk.berichtcode),
        "gemeente_id": heen.gemeente_id,
        "provider_id": heen.provider_id,
        "sender": sender,
        "receiver": receiver,
        "identificatie": identificatie,
        "dagtekening": today,
        "status": MessageStatus.READY.value,
        "raw": raw,
        "codes": list(header_codes),
        "retour_of_id": heen.pk,
        "received_at": timezone.now(),
    }
