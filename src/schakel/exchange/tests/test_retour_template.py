"""The header-only retour from the template equals the codec's own output byte for byte, and is validated."""

from __future__ import annotations

from datetime import date

import pytest

from schakel.exchange import retour, xml
from schakel.exchange.xml.synthetic import generate_messages

DAY = date(2026, 3, 3)


@pytest.mark.parametrize("codes", [["0200"], ["0001"], ["9056"], ["8848"]])
def test_template_equals_the_codec(codes):
    for data in generate_messages(10, seed=11):
        msg = xml.parse_message(data)
        header = xml.retour_header(msg, identificatie="R00000000042", dagtekening=DAY, retourcodes=codes)
        expected = xml.build_message(
            xml.Message(law=msg.law, berichtsoort=msg.kind.retour.soort, Header=header)
        )
        assert retour.header_only_bytes(msg, "R00000000042", DAY, codes) == expected


def test_template_escapes_and_validates():
    msg = xml.parse_message(generate_messages(1, seed=2)[0])
    msg.Header.BerichtIdentificatie.Identificatie = "A&B<C"
    raw = retour.header_only_bytes(msg, "R1", DAY, ["0200"])
    assert xml.parse_message(raw).Header.BerichtIdentificatie.Identificatie == "A&B<C"
    msg.Header.Afzender = "123"  # not an AGB code: the retour is validated against its XSD
    with pytest.raises(xml.XsdError):
        retour.header_only_bytes(msg, "R2", DAY, ["0200"])


def test_all_approved_declaratie_antwoord_from_the_template():
    for data in generate_messages(40, seed=5, soorten=("323",)):
        msg = xml.parse_message(data)
        decl = msg.Declaratie
        answer = xml.Declaratie(
            DeclaratieNummer=decl.DeclaratieNummer,
            TotaalIngediendBedrag=decl.TotaalIngediendBedrag,
            TotaalToegekendBedrag=xml.TotaalBedragMetDC(TotaalBedrag=1234, DebetCredit="D"),
            RetourCodes=[retour.APPROVED_ALL],
        )
        header = xml.retour_header(msg, identificatie="R00000000007", dagtekening=DAY, retourcodes=["0200"])
        expected = xml.build_message(
            xml.Message(law=msg.law, berichtsoort="325", Header=header, DeclaratieAntwoord=answer)
        )
        assert retour.header_only_bytes(msg, "R00000000007", DAY, ["0200"], answer) == expected
