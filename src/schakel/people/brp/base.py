"""The BRP adapter interface.

Two implementations: :mod:`.local` (the embedded default: the municipality's own person registry in
Schakel's database, used by the demo and the tests) and :mod:`.haalcentraal` (a client for the Haal
Centraal BRP API Personen 2.x, ``POST /personen`` with ``fields`` for data minimisation). Chosen by
the setting ``SCHAKEL_BRP_ADAPTER`` (``local`` or ``haalcentraal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class BrpError(Exception):
    """The BRP could not answer this query (e.g. too many results, a query the BRP refuses); the message is
    safe to show to a user (Dutch, no personal data)."""


class BrpUnavailable(BrpError):
    """The BRP is unreachable, refuses Schakel, or the link is misconfigured: not the user's query."""


@dataclass(frozen=True)
class SearchCriteria:
    """One of the BRP search types. Exactly one combination must be filled:

    * ``bsn`` (RaadpleegMetBurgerservicenummer), or
    * ``geslachtsnaam`` + ``geboortedatum`` (ZoekMetGeslachtsnaamEnGeboortedatum), or
    * ``postcode`` + ``huisnummer`` (ZoekMetPostcodeEnHuisnummer).
    """

    bsn: str = ""
    geslachtsnaam: str = ""
    geboortedatum: date | None = None
    voornamen: str = ""
    postcode: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    toevoeging: str = ""

    @property
    def kind(self) -> str:
        if self.bsn:
            return "RaadpleegMetBurgerservicenummer"
        if self.geslachtsnaam and self.geboortedatum:
            return "ZoekMetGeslachtsnaamEnGeboortedatum"
        if self.postcode and self.huisnummer:
            return "ZoekMetPostcodeEnHuisnummer"
        raise ValueError("Onvolledige zoekvraag")


@dataclass(frozen=True)
class BrpPerson:
    """The minimal person data Schakel asks from the BRP (data minimisation: only these fields)."""

    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date | None
    geboortejaar: int | None
    geboortemaand: int | None
    geboortedag: int | None
    geslacht: str  # M, V or O
    straat: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    toevoeging: str = ""
    postcode: str = ""
    woonplaats: str = ""
    gemeentecode: str = ""
    naamgebruik: str = "E"
    partner_voorvoegsel: str = ""
    partner_geslachtsnaam: str = ""
    aanschrijfwijze: str = ""
    overleden: bool = False
    geheimhouding: bool = False
    in_onderzoek: bool = False


class BrpAdapter(Protocol):
    def search(self, criteria: SearchCriteria, *, purpose: str, user=None) -> list[BrpPerson]:
        """Find persons. ``purpose`` is the processing-activity code sent along (doelbinding); ``user`` the
        member of staff on whose behalf the BRP is consulted (``x-gebruiker``)."""


def get_adapter() -> BrpAdapter:
    name = getattr(settings, "BRP_ADAPTER", "local")
    path = {
        "local": "schakel.people.brp.local.LocalBrp",
        "haalcentraal": "schakel.people.brp.haalcentraal.HaalCentraalBrp",
    }.get(name, name)
    return import_string(path)()
