"""The retour builder (IV028/IV032): exactly one retour per heenbericht, itself XSD-valid.

* header-only with the header codes when the message failed at level 2 (``0001``), on a header rule
  (9056, 8848, S300) or when everything was approved (``0200``);
* otherwise the header ``0200`` and the client repeated with a ``RetourCodes`` on every class (the codes
  were written by :func:`schakel.exchange.engine.mark`): specific codes, 0200 or 0233 (OP065);
* the 325 declaratie-antwoord always carries ``DeclaratieAntwoord`` with the submitted and the approved
  total and ONLY the rejected prestaties (TR342/OP304); 8001 when everything was approved.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from . import xml
from .models import Direction, Message, MessageStatus

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


def retour_message(msg, heen: Message, header_codes: list[str], today: date, *, outcome=None):
    """The retour of ``msg`` as a typed message (see the module docstring)."""
    header = xml.retour_header(
        msg, identificatie=retour_identificatie(heen), dagtekening=today, retourcodes=header_codes
    )
    retour = xml.Message(law=msg.law, berichtsoort=msg.kind.retour.soort, Header=header)
    body = outcome is not None and header_codes == ["0200"]
    if msg.berichtsoort == "323":
        if header_codes == ["0200"]:
            retour.DeclaratieAntwoord = _declaratie_antwoord(msg, outcome)
    elif body and outcome.failed:
        if msg.Client is not None:
            retour.Client = msg.Client
        else:
            retour.Antwoord = msg.Antwoord
    return retour


def build_retour(msg, heen: Message, header_codes: list[str], today: date, *, outcome=None) -> Message:
    """The outgoing retour ``Message`` row (unsaved) with its XSD-validated XML."""
    retour = retour_message(msg, heen, header_codes, today, outcome=outcome)
    raw = xml.build_message(retour)
    return Message(
        direction=Direction.OUT,
        law=heen.law,
        message_type=retour.berichtsoort,
        bericht_code=int(retour.Header.BerichtCode),
        gemeente_id=heen.gemeente_id,
        provider_id=heen.provider_id,
        sender=retour.Header.Afzender,
        receiver=retour.Header.Ontvanger,
        identificatie=retour_identificatie(heen),
        dagtekening=today,
        status=MessageStatus.READY,
        raw=raw,
        codes=list(header_codes),
        retour_of=heen,
        received_at=timezone.now(),
    )
