"""Mapping between the Haal Centraal BRP API Personen 2.x and :class:`~.base.BrpPerson`.

Everything here is pure (no I/O), so it is tested directly with recorded responses.

Sources:

* BRP API Personen 2.7.0, ``specificatie/resolved/openapi.yaml`` (RvIG, EUPL-1.2), components
  ``Persoon``, ``PersoonBeperkt``, ``AbstractDatum`` (``Datum`` / ``JaarMaandDatum`` / ``JaarDatum`` /
  ``DatumOnbekend``), ``Adres`` / ``Locatie`` / ``VerblijfplaatsBuitenland`` / ``VerblijfplaatsOnbekend``.
* The allowed ``fields`` paths per response type: ``features/fields-filtered-Persoon.csv`` and
  ``features/fields-filtered-PersoonBeperkt.csv`` in BRP-API/Haal-Centraal-BRP-bevragen (the data behind
  the RvIG "fields samenstellen" tool).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from schakel.core.values import parse_bsn, parse_postcode

from .base import BrpError, BrpPerson, SearchCriteria

#: What Schakel asks when it *consults* persons by BSN (``RaadpleegMetBurgerservicenummer``): exactly the
#: data :class:`BrpPerson` holds, nothing more (data minimisation, AVG art. 5(1)(c)). Notes:
#:
#: * ``verblijfplaatsBinnenland`` is the API's alias for "the Dutch address only": Schakel does not need
#:   foreign addresses, so it does not ask for them.
#: * Death is read from ``opschortingBijhouding`` (reden ``O``), which the API always delivers
#:   unasked; ``overlijden`` itself is therefore not requested.
#: * Only the partner's *name* is asked (for the name in use, aanduiding naamgebruik), never the partner's
#:   BSN, birth or marriage data; children and parents are not asked at all.
RAADPLEEG_FIELDS: tuple[str, ...] = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "naam.aanduidingNaamgebruik",
    "geboorte.datum",
    "geslacht",
    "verblijfplaatsBinnenland.verblijfadres.officieleStraatnaam",
    "verblijfplaatsBinnenland.verblijfadres.korteStraatnaam",
    "verblijfplaatsBinnenland.verblijfadres.huisnummer",
    "verblijfplaatsBinnenland.verblijfadres.huisletter",
    "verblijfplaatsBinnenland.verblijfadres.huisnummertoevoeging",
    "verblijfplaatsBinnenland.verblijfadres.postcode",
    "verblijfplaatsBinnenland.verblijfadres.woonplaats",
    "verblijfplaatsBinnenland.verblijfadres.locatiebeschrijving",
    "gemeenteVanInschrijving",
    "partners.naam.voorvoegsel",
    "partners.naam.geslachtsnaam",
    "adressering.aanschrijfwijze.naam",
)

#: What Schakel asks when it *searches* (``ZoekMet...``): only the BSN of each hit. The hits are then
#: consulted with :data:`RAADPLEEG_FIELDS` in one call (at most 20 BSNs), because search answers are
#: ``PersoonBeperkt`` and carry no structured address or municipality.
ZOEK_FIELDS: tuple[str, ...] = ("burgerservicenummer",)

#: Fields the API delivers without being asked (``PersonenQuery.fields`` description in the spec).
AUTOMATIC_FIELDS: frozenset[str] = frozenset(
    {"inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
)

#: Response keys that answer a ``fields`` path under an alias (the API answers ``verblijfplaatsBinnenland``
#: and ``adresseringBinnenland`` as ``verblijfplaats`` and ``adressering``) or that the API adds to say
#: which variant of a polymorphic object it delivers (``type``).
RESPONSE_ALIASES: dict[str, str] = {
    "verblijfplaatsBinnenland": "verblijfplaats",
    "adresseringBinnenland": "adressering",
}

#: The reden opschorting bijhouding that means the person died (GBA tabel "Reden opschorting", code O).
OPSCHORTING_OVERLIJDEN = "O"


def parse_datum(value: dict[str, Any] | None) -> tuple[date | None, int | None, int | None, int | None]:
    """A BRP date (``AbstractDatum``) as ``(complete date, year, month, day)``.

    ``Datum`` has ``datum`` (ISO 8601); ``JaarMaandDatum`` only ``jaar`` and ``maand``; ``JaarDatum`` only
    ``jaar``; ``DatumOnbekend`` nothing. The complete date is only given when year, month and day are known.
    """
    if not value:
        return None, None, None, None
    kind = value.get("type")
    if kind == "Datum" and value.get("datum"):
        try:
            complete = date.fromisoformat(value["datum"])
        except ValueError:
            return None, None, None, None
        return complete, complete.year, complete.month, complete.day
    if kind == "JaarMaandDatum":
        return None, _int(value.get("jaar")), _int(value.get("maand")), None
    if kind == "JaarDatum":
        return None, _int(value.get("jaar")), None, None
    return None, None, None, None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _code(value: dict[str, Any] | None) -> str:
    return str((value or {}).get("code") or "")


def _partner_name(partners: list[dict[str, Any]] | None) -> tuple[str, str]:
    """The partner whose name may be in use: the API delivers only current partners, or else the most
    recently dissolved one (spec description of ``/personen``), so the first one delivered is it."""
    for partner in partners or []:
        naam = partner.get("naam") or {}
        if naam.get("geslachtsnaam"):
            return naam.get("voorvoegsel", ""), naam["geslachtsnaam"]
    return "", ""


def _address(verblijfplaats: dict[str, Any] | None) -> dict[str, Any]:
    """The Dutch address (``Adres``) or location description (``Locatie``); nothing for a foreign or
    unknown residence."""
    if not verblijfplaats:
        return {}
    adres = verblijfplaats.get("verblijfadres") or {}
    kind = verblijfplaats.get("type")
    if kind == "Locatie":
        return {"straat": adres.get("locatiebeschrijving", "")}
    if kind not in (None, "Adres"):
        return {}
    return {
        "straat": adres.get("officieleStraatnaam") or adres.get("korteStraatnaam") or "",
        "huisnummer": _int(adres.get("huisnummer")),
        "huisletter": adres.get("huisletter", ""),
        "toevoeging": adres.get("huisnummertoevoeging", ""),
        "postcode": (adres.get("postcode") or "").replace(" ", "").upper(),
        "woonplaats": adres.get("woonplaats", ""),
    }


def person_from_api(data: dict[str, Any]) -> BrpPerson:
    """Map one ``Persoon`` of a ``RaadpleegMetBurgerservicenummer`` answer to a :class:`BrpPerson`."""
    naam = data.get("naam") or {}
    geboortedatum, jaar, maand, dag = parse_datum((data.get("geboorte") or {}).get("datum"))
    partner_voorvoegsel, partner_geslachtsnaam = _partner_name(data.get("partners"))
    opschorting = _code((data.get("opschortingBijhouding") or {}).get("reden"))
    geslacht = _code(data.get("geslacht")).upper()
    return BrpPerson(
        bsn=data.get("burgerservicenummer", ""),
        voornamen=naam.get("voornamen", ""),
        voorvoegsel=naam.get("voorvoegsel", ""),
        geslachtsnaam=naam.get("geslachtsnaam", ""),
        geboortedatum=geboortedatum,
        geboortejaar=jaar,
        geboortemaand=maand,
        geboortedag=dag,
        geslacht=geslacht if geslacht in ("M", "V", "O") else "O",
        gemeentecode=_code(data.get("gemeenteVanInschrijving")),
        naamgebruik=_code(naam.get("aanduidingNaamgebruik")) or "E",
        partner_voorvoegsel=partner_voorvoegsel,
        partner_geslachtsnaam=partner_geslachtsnaam,
        aanschrijfwijze=((data.get("adressering") or {}).get("aanschrijfwijze") or {}).get("naam", ""),
        overleden=opschorting == OPSCHORTING_OVERLIJDEN or bool(data.get("overlijden")),
        geheimhouding=bool(data.get("geheimhoudingPersoonsgegevens")),
        in_onderzoek=bool(data.get("inOnderzoek")),
        **_address(data.get("verblijfplaats")),
    )


# Search input ---------------------------------------------------------------------------------------------

#: Names as the API accepts them (``GeslachtsnaamFilter`` / ``VoornamenOptioneelFilter`` in the spec,
#: without the wildcard: Schakel adds that itself for a first-names prefix).
_NAME = re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$")
_HUISLETTER = re.compile(r"^[a-zA-Z]$")
_TOEVOEGING = re.compile(r"^[a-zA-Z0-9 \-]{1,4}$")
MAX_HUISNUMMER = 99999  # ``Huisnummer`` maximum in the spec


def clean_criteria(criteria: SearchCriteria) -> SearchCriteria:
    """Check and normalise a search the way the BRP API validates it, with a Dutch message.

    BSN: 9 digits and the 11-proef (:func:`~schakel.core.values.parse_bsn`); postcode ``1234AB``;
    names within the characters the API allows. Raises :class:`BrpError` (user-safe: no input echoed).
    """
    try:
        kind = criteria.kind
    except ValueError:
        raise BrpError(_("Vul een BSN in, of achternaam en geboortedatum, of postcode en huisnummer."))
    if kind == "RaadpleegMetBurgerservicenummer":
        try:
            return SearchCriteria(bsn=parse_bsn(criteria.bsn))
        except ValidationError as exc:
            raise BrpError(exc.messages[0])
    if kind == "ZoekMetGeslachtsnaamEnGeboortedatum":
        geslachtsnaam = " ".join(criteria.geslachtsnaam.split())
        voornamen = " ".join(criteria.voornamen.split())
        if not _NAME.match(geslachtsnaam) or (voornamen and not _NAME.match(voornamen)):
            raise BrpError(_("De naam bevat tekens die de BRP niet kent."))
        return SearchCriteria(
            geslachtsnaam=geslachtsnaam, geboortedatum=criteria.geboortedatum, voornamen=voornamen
        )
    try:
        postcode = parse_postcode(criteria.postcode)
    except ValidationError as exc:
        raise BrpError(exc.messages[0])
    huisnummer = criteria.huisnummer
    if not isinstance(huisnummer, int) or not 1 <= huisnummer <= MAX_HUISNUMMER:
        raise BrpError(_("Vul een huisnummer in van 1 tot en met 99999."))
    huisletter, toevoeging = criteria.huisletter.strip(), criteria.toevoeging.strip()
    if huisletter and not _HUISLETTER.match(huisletter):
        raise BrpError(_("Een huisletter is één letter."))
    if toevoeging and not _TOEVOEGING.match(toevoeging):
        raise BrpError(_("Een huisnummertoevoeging heeft hoogstens 4 letters of cijfers."))
    return SearchCriteria(
        postcode=postcode, huisnummer=huisnummer, huisletter=huisletter, toevoeging=toevoeging
    )
