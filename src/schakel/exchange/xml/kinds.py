"""The 28 message kinds of iWmo 3.2 and iJw 3.2 and how to recognise them (law and soort by namespace).

BerichtCode values are the XSD pattern facets (Vektis COD002-VEKT); see docs/berichtenverkeer-xml.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["KINDS", "LAWS", "SOORTEN", "MessageKind", "kind", "kind_for_namespace", "base_namespace"]

LAWS = ("iwmo", "ijw")
#: heenbericht soort -> retour soort
RETOUR_OF = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318", "319": "320", "323": "325"}
SOORTEN = tuple(sorted(set(RETOUR_OF) | set(RETOUR_OF.values())))

_BERICHTCODE = {
    "iwmo": {
        "301": "414", "302": "415", "305": "418", "306": "419", "307": "420", "308": "421", "315": "444",
        "316": "445", "317": "480", "318": "481", "319": "482", "320": "483", "323": "484", "325": "485",
    },
    "ijw": {
        "301": "436", "302": "437", "305": "438", "306": "439", "307": "440", "308": "441", "315": "446",
        "316": "447", "317": "486", "318": "487", "319": "488", "320": "489", "323": "490", "325": "491",
    },
}  # fmt: skip

#: Messages whose header Afzender is the gemeente (LDT_Gemeente). A retour copies the header of its
#: heenbericht (IV028), so 302/320 keep the gemeente as Afzender and 306/308/316/318 the aanbieder; 325
#: is a gemeente message in the XSD (Afzender LDT_Gemeente).
_GEMEENTE_SENDS = {"301", "302", "319", "320", "325"}

_NS_RE = re.compile(r"^http://www\.istandaarden\.nl/(iwmo|ijw)/3_2/(?:wmo|jw)(\d{3})/schema$")


@dataclass(frozen=True, slots=True)
class MessageKind:
    """One message type of one law, e.g. (iwmo, 301) = WMO301 with BerichtCode 414."""

    law: str
    soort: str

    @property
    def name(self) -> str:
        return ("WMO" if self.law == "iwmo" else "JW") + self.soort

    @property
    def berichtcode(self) -> str:
        return _BERICHTCODE[self.law][self.soort]

    @property
    def namespace(self) -> str:
        return f"http://www.istandaarden.nl/{self.law}/3_2/{self.prefix}/schema"

    @property
    def prefix(self) -> str:
        return self.name.lower()

    @property
    def base_namespace(self) -> str:
        return base_namespace(self.law)

    @property
    def base_prefix(self) -> str:
        return self.law

    @property
    def xsd_file(self) -> str:
        """Path of the message XSD relative to the schemas/ bundle."""
        return f"{'iwmo-3.2' if self.law == 'iwmo' else 'ijw-3.2'}/{self.name}.xsd"

    @property
    def is_retour(self) -> bool:
        return self.soort not in RETOUR_OF

    @property
    def retour(self) -> MessageKind | None:
        """The kind of the retour that answers this heenbericht (None for a retour)."""
        r = RETOUR_OF.get(self.soort)
        return kind(self.law, r) if r else None

    @property
    def heen(self) -> MessageKind:
        """The heenbericht kind this retour answers (itself for a heenbericht)."""
        for h, r in RETOUR_OF.items():
            if r == self.soort:
                return kind(self.law, h)
        return self

    @property
    def afzender_is_gemeente(self) -> bool:
        return self.soort in _GEMEENTE_SENDS

    @property
    def derived(self) -> bool:
        """True for the iWmo retour XSDs derived from iJw (see :mod:`.derive`)."""
        return self.law == "iwmo" and self.is_retour


@cache
def kind(law: str, soort: str) -> MessageKind:
    """The kind for ("iwmo"|"ijw", "301".."325"); ValueError for anything else."""
    if law not in LAWS or soort not in SOORTEN:
        raise ValueError(f"unknown message kind {law!r} {soort!r}")
    return MessageKind(law, soort)


def base_namespace(law: str) -> str:
    return f"http://www.istandaarden.nl/{law}/3_2/basisschema/schema"


@cache
def kind_for_namespace(namespace: str) -> MessageKind | None:
    """Law and message by the root namespace, e.g. ``.../ijw/3_2/jw315/schema`` -> JW315; None if unknown."""
    m = _NS_RE.match(namespace or "")
    if not m:
        return None
    law, soort = m.groups()
    expected_prefix = "wmo" if law == "iwmo" else "jw"
    if f"/{expected_prefix}{soort}/" not in namespace or soort not in SOORTEN:
        return None
    return kind(law, soort)


KINDS = tuple(kind(law, s) for law in LAWS for s in SOORTEN)
