"""Code lists of iWmo/iJw 3.2 used by contracts and allocations (reference istandaarden.md §4 and §6).

Values were checked against the 3.2 basisschema enumerations (reference §6). Wmo and Jeugd lists are kept
apart where they differ (Productcategorie, RedenBeeindiging).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"


class ContractLaw(models.TextChoices):
    """The two laws with an iStandaard (a subset of :class:`schakel.core.vocab.Law`)."""

    WMO = "wmo", _("Wmo 2015")
    JEUGD = "jeugd", _("Jeugdwet")


class FinancingVariant(models.TextChoices):
    """Uitvoeringsvariant per contracted product (OP261; reference §4)."""

    INSPANNINGSGERICHT = "inspanningsgericht", _("Inspanningsgericht")
    OUTPUTGERICHT = "outputgericht", _("Outputgericht")
    TAAKGERICHT = "taakgericht", _("Taakgericht")


class ProcurementForm(models.TextChoices):
    AANBESTEDING = "aanbesteding", _("Aanbesteding")
    OPEN_HOUSE = "open_house", _("Open house")
    SUBSIDIE = "subsidie", _("Subsidie")


class Eenheid(models.TextChoices):
    """WJ756 Eenheid."""

    MINUUT = "01", _("Minuut")
    UUR = "04", _("Uur")
    ETMAAL = "14", _("Etmaal")
    DAGDEEL = "16", _("Dagdeel (4 uur)")
    STUKS_OUTPUT = "82", _("Stuks (output)")
    EUROS = "83", _("Euro's")
    STUKS_INSPANNING = "84", _("Stuks (inspanning)")


class Frequentie(models.TextChoices):
    """WMO757 Frequentie (used by both laws)."""

    DAG = "1", _("Per dag")
    WEEK = "2", _("Per week")
    MAAND = "4", _("Per maand")
    TOTAAL = "6", _("Totaal binnen geldigheidsduur toewijzing")


class RedenWijziging(models.TextChoices):
    """WMO002/JZ002 RedenWijziging toewijzing. 01 is withdrawn and may not be used (CS336)."""

    OVERLEDEN = "02", _("Cliënt overleden")
    CONTRACTWIJZIGING = "03", _("Contractwijziging")
    VERLENGING = "04", _("Herbeoordeling: verlenging")
    VERKORTING = "05", _("Herbeoordeling: verkorting")
    ANDER_DOMEIN = "06", _("Uitstroom naar ander domein")
    VERHUIZING = "07", _("Verhuizing naar andere gemeente")
    LEVERINGSVORM = "08", _("Wijziging leveringsvorm")
    ANDERE_AANBIEDER = "09", _("Overstap naar andere aanbieder")
    BEKOSTIGING = "10", _("Overgang naar nieuwe bekostigingssystematiek")
    HERINDELING = "11", _("Gemeentelijke herindeling")
    AANBIEDER = "12", _("Geïnitieerd door de aanbieder")
    VERWIJDERD = "13", _("Verwijderd")
    CORRECTIE = "14", _("Administratieve correctie")


#: Allowed eenheid → frequenties per financing variant (reference §4 table; CS338/CS343).
ALLOWED_COMBINATIONS: dict[str, dict[str, frozenset[str]]] = {
    FinancingVariant.INSPANNINGSGERICHT: {
        "01": frozenset({"1", "2", "4", "6"}),
        "04": frozenset({"1", "2", "4", "6"}),
        "14": frozenset({"2", "4", "6"}),
        "16": frozenset({"2", "4", "6"}),
        "84": frozenset({"2", "4", "6"}),
    },
    FinancingVariant.OUTPUTGERICHT: {
        "82": frozenset({"1", "2", "4", "6"}),
        "83": frozenset({"2", "4", "6"}),
    },
    FinancingVariant.TAAKGERICHT: {},
}

WMO_CATEGORIES: dict[str, str] = {
    "01": "Hulp bij het huishouden",
    "02": "Begeleiding",
    "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf",
    "05": "Woondiensten",
    "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
    "07": "Dagbesteding",
    "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerk arrangementen",
    "11": "Rolstoelen",
    "12": "Vervoervoorzieningen",
    "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen",
    "16": "Opvang",
    "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}

JEUGD_CATEGORIES: dict[str, str] = {
    "31": "(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam",
    "32": "(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder",
    "33": "(2015) Zonder verblijf: daghulp op locatie van de aanbieder",
    "34": "(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige",
    "35": "(2015) Met verblijf: pleegzorg",
    "36": "(2015) Met verblijf: gezinsgericht",
    "37": "(2015) Met verblijf: gesloten plaatsing",
    "38": "(2015) Met verblijf: overig residentieel",
    "40": "Persoonlijke verzorging",
    "41": "Dagbehandeling",
    "42": "Vervoerdiensten",
    "43": "Jeugdhulp verblijf (incl. behandeling)",
    "44": "Jeugdhulp verblijf (excl. behandeling)",
    "45": "Jeugdhulp ambulant",
    "46": "Jeugdhulp crisis",
    "47": "Jeugdreclassering",
    "48": "Jeugdbescherming",
    "49": "Activiteiten in het preventief justitieel kader",
    "50": "Maatwerkarrangementen jeugd",
    "51": "Generalistische basis-ggz",
    "52": "Specialistische ggz",
    "53": "Kindergeneeskunde",
    "54": "Jeugd-ggz",
    "55": "Landelijk ingekochte zorg",
}

CATEGORIES = {ContractLaw.WMO: WMO_CATEGORIES, ContractLaw.JEUGD: JEUGD_CATEGORIES}


@cache
def jeugd_product_codes() -> dict[str, dict]:
    """The Standaardproductcodelijst Jeugdwet (JZ21), by productcode; see ``data/SOURCE-jz21.txt``."""
    with open(DATA / "jz21-standaardproductcodelijst-jeugdwet.json", encoding="utf-8") as fh:
        rows = json.load(fh)["products"]
    return {row["productcode"]: row for row in rows}


def category_choices(law: str) -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in CATEGORIES.get(law, {}).items()]
