"""The leidraad of "Samen voor re-integratie" (VNG and Zorgverzekeraars Nederland): what the periodic
collaboration check scores.

The heart of the cooperation (meerwaarde, gedeelde ambitie, inhoud) and three drivers (procesregie,
vertrouwensrelatie, organisatiekracht) with five practical tips each, as the brochure words them. Each item
is scored 1 (not at all) to 5 (fully) by both parties.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    code: str
    text: str


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    items: tuple[Item, ...]


PARTS: tuple[Part, ...] = (
    Part(
        "hart",
        _("Het hart van de samenwerking"),
        (
            Item("meerwaarde", _("Meerwaarde: beide partijen weten wat zij te brengen en te halen hebben")),
            Item(
                "ambitie", _("Gedeelde ambitie: helder wat gezondheidswinst en participatie hier betekenen")
            ),
            Item(
                "inhoud",
                _("Inhoud: met commitment gewerkt aan tastbare interventies (wat, voor wie, met wie, hoe)"),
            ),
        ),
    ),
    Part(
        "procesregie",
        _("Procesregie"),
        (
            Item("pionieren", _("Durf te pionieren, gun het tijd, maar verzand niet")),
            Item("faseverschillen", _("(H)erken faseverschillen in het proces")),
            Item("taal", _("Maak samen 'taal' en neem onduidelijkheid weg")),
            Item("cocreatie", _("Werk in co-creatie en met de eindklant")),
            Item("level_playing_field", _("Creëer een onderling level playing field")),
        ),
    ),
    Part(
        "vertrouwensrelatie",
        _("Vertrouwensrelatie"),
        (
            Item("win_win", _("Werk vanuit win-win")),
            Item("transparant", _("Wees transparant en oprecht geïnteresseerd")),
            Item("partner", _("Wees geen klant (of leverancier) maar een partner")),
            Item("netwerklogica", _("Respecteer de spelregels van netwerklogica")),
            Item("vaardigheid", _("Investeer in ieders samenwerkingsvaardigheid")),
        ),
    ),
    Part(
        "organisatiekracht",
        _("Organisatiekracht"),
        (
            Item("mandaat", _("Organiseer mandaat en neem besluiten")),
            Item("commitment", _("Realiseer commitment, bestuurlijk en ambtelijk")),
            Item("intern", _("Manage intern: 1 organisatie, 1 plan, 1 regisseur")),
            Item("vorm", _("Kies een vorm die ondersteunt (convenant, gemeentepolis als drager)")),
            Item("projectmatig", _("Hanteer de regels van projectmatig werken")),
        ),
    ),
)

ITEM_CODES: tuple[str, ...] = tuple(item.code for part in PARTS for item in part.items)
PART_OF: dict[str, str] = {item.code: part.code for part in PARTS for item in part.items}


def part_averages(scores: dict[str, int]) -> dict[str, float]:
    """The average score per part (heart and each driver) of one check."""
    result = {}
    for part in PARTS:
        values = [scores[i.code] for i in part.items if i.code in scores]
        result[part.code] = round(sum(values) / len(values), 2) if values else 0.0
    return result
