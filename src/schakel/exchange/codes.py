"""Retour codes (WJ001, basisschema ``LDT_RetourCode``) with the official text and a plain-Dutch
explanation for the inbox and outbox. The official texts are copied from the 3.2 basisschema."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RetourCode:
    code: str
    official: str
    plain: object  # lazy translation


def _c(code: str, official: str, plain) -> tuple[str, RetourCode]:
    return code, RetourCode(code, official, plain)


APPROVED = "0200"
NOT_ASSESSED = "0233"
TECHNICAL = "0001"

CODES: dict[str, RetourCode] = dict(
    [
        _c(
            "0001",
            "Bericht is afgekeurd om technische redenen.",
            _(
                "Het bericht voldoet niet aan de regels binnen het bericht (controleniveau 2). "
                "De aanbieder moet het bericht verbeteren en opnieuw sturen."
            ),
        ),
        _c(
            "0200", "Geen opmerking over deze berichtklasse.", _("Goedgekeurd: er is niets op aan te merken.")
        ),
        _c(
            "0233",
            "Berichtklasse is niet beoordeeld.",
            _("Niet beoordeeld, omdat een ander deel van het bericht al is afgekeurd."),
        ),
        _c(
            "0611",
            "Het ingediende tarief komt niet overeen met het contractuele tarief",
            _("Het gedeclareerde tarief is niet het tarief uit het contract."),
        ),
        _c("8001", "Declaratie is volledig toegewezen.", _("De hele declaratie is goedgekeurd.")),
        _c(
            "8017",
            "Van deze credit prestatie is geen debet prestatie bekend.",
            _("Er wordt iets teruggeboekt (credit) dat nooit gedeclareerd is."),
        ),
        _c(
            "8021",
            "Referentienummer prestatie is reeds aangeleverd.",
            _("Deze declaratieregel is al eerder ingediend (zelfde referentienummer)."),
        ),
        _c(
            "8187",
            "De prestatie hoort niet bij deze client.",
            _("Het BSN in de declaratie hoort niet bij de cliënt van de toewijzing."),
        ),
        _c(
            "8214",
            "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode "
            "terwijl iedere declaratieperiode zorg geleverd is.",
            _("Er ontbreekt een maand tussen deze en de vorige declaratie."),
        ),
        _c(
            "8848",
            "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
            _("Het bericht is gedateerd in de toekomst."),
        ),
        _c(
            "9019",
            "Het regie bericht kan niet gekoppeld worden aan een toewijzing.",
            _("Het start- of stopbericht verwijst niet naar een bestaande toewijzing."),
        ),
        _c(
            "9056",
            "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
            _("Dit bericht is al eerder ontvangen (zelfde berichtidentificatie). Er is niets gewijzigd."),
        ),
        _c(
            "9063",
            "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.",
            _("De aanbieder wil iets verwijderen dat nooit is doorgegeven."),
        ),
        _c(
            "9069",
            "Er is geen actueel startbericht met dezelfde sleutel.",
            _("Er is geen startbericht waar deze stop bij hoort."),
        ),
        _c(
            "9071",
            "Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is",
            _("De start kan niet worden verwijderd: de zorg is al gestopt."),
        ),
        _c(
            "9074",
            "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
            _("Deze start of stop is al eerder doorgegeven."),
        ),
        _c(
            "9307",
            "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
            _("De gedeclareerde periode begint buiten de looptijd van de toewijzing."),
        ),
        _c(
            "9308",
            "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
            _("De gedeclareerde periode eindigt buiten de looptijd van de toewijzing."),
        ),
        _c(
            "9319",
            "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
            _("De periode van de regel valt na de declaratiemaand."),
        ),
        _c(
            "9321",
            "Het ingediende volume overschrijdt het toegewezen volume.",
            _("Er is meer gedeclareerd dan voor deze periode is toegewezen."),
        ),
        _c(
            "9322",
            "De som van de ingediende volumes overschrijdt het  toegewezen volume",
            _("Alle declaraties samen gaan boven het toegewezen volume uit."),
        ),
        _c(
            "9326",
            "De actuele levering is nog niet gestopt met een Stopbericht.",
            _("Er loopt al een start op deze toewijzing; eerst moet die gestopt worden."),
        ),
        _c(
            "9332",
            "Toewijzing heeft geen uniek nummer binnen wettelijk domein.",
            _("Het toewijzingnummer is al gebruikt voor een andere toewijzing."),
        ),
        _c("9333", "Declaratienummer is niet uniek", _("Dit declaratienummer is al eerder gebruikt.")),
        _c(
            "9338",
            "Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product "
            "op basis van het toewijzingnummer",
            _(
                "De declaratieregel verwijst naar een toewijzing die niet bestaat of niet van deze aanbieder is."
            ),
        ),
        _c(
            "9339",
            "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.",
            _("De productcategorie wijkt af van de toewijzing."),
        ),
        _c(
            "9340",
            "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.",
            _("De productcode wijkt af van de toewijzing."),
        ),
        _c(
            "9341",
            "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct",
            _("De eenheid wijkt af van de toewijzing."),
        ),
        _c(
            "9346",
            "Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan "
            "GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief.",
            _("Het bedrag is niet gelijk aan volume maal tarief."),
        ),
        _c(
            "9347",
            "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein",
            _("De referentie van de aanbieder is al eerder gebruikt."),
        ),
        _c(
            "9349",
            "Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in "
            "OngewijzigdProduct, hetzij in TeWijzigenProduct",
            _("Het wijzigingsverzoek noemt niet alle lopende toewijzingen van de cliënt."),
        ),
        _c(
            "9350",
            "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van "
            "het toewijzingnummer.",
            _("Een ongewijzigd product verwijst niet naar een lopende toewijzing."),
        ),
        _c(
            "9351",
            "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer.",
            _("Een te wijzigen product verwijst niet naar een lopende toewijzing."),
        ),
        _c(
            "9355",
            "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om "
            "toewijzing of verzoek om wijziging",
            _("Het antwoord hoort niet bij een verzoek van deze aanbieder."),
        ),
        _c(
            "9357",
            "GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de "
            "ingangsdatum van het originele ToegewezenProduct.",
            _("Een wijziging met terugwerkende kracht is niet toegestaan."),
        ),
        _c(
            "9359",
            "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
            _("Op dit verzoek is al een toewijzing gestuurd."),
        ),
        _c(
            "9360",
            "Er is al een antwoordbericht met deze ReferentieAanbieder",
            _("Op dit verzoek is al een antwoord gestuurd."),
        ),
        _c(
            "9361",
            "Het product komt vaker voor met overlappende zorgperiodes.",
            _("Hetzelfde product is voor overlappende perioden gevraagd."),
        ),
        _c(
            "9365",
            "Er komt al een antwoordbericht met dezelfde ReferentieAanbieder voor waar VerzoekAntwoord "
            "de waarde Nee heeft.",
            _("Dit verzoek is al afgewezen."),
        ),
        _c(
            "9366",
            "ProductReferentie komt niet voor in een Declaratiebericht",
            _("De regel in het declaratie-antwoord komt niet voor in de declaratie."),
        ),
        _c(
            "9367",
            "De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie",
            _("De regel in het declaratie-antwoord wijkt af van de declaratie."),
        ),
        _c(
            "9369",
            "Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen "
            "niet binnen het toegewezen Budget.",
            _("Het toegewezen budget is op."),
        ),
        _c(
            "9373",
            "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing",
            _("Bij een budgetwijziging moet de ingangsdatum gelijk blijven."),
        ),
        _c(
            "9374",
            "Er is al een verzoek onderhanden.",
            _("Er loopt al een verzoek voor deze cliënt bij deze aanbieder."),
        ),
        _c(
            "9375",
            "Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum "
            "groter dan 31-12-2020 of leeg is",
            _("Bij een toewijzing zonder product mag geen omvang worden gevraagd."),
        ),
        _c(
            "9379",
            "ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, "
            "is onterecht gevuld",
            _("De toewijzing noemt een referentie die niet bij een verzoek hoort."),
        ),
        _c(
            "9384",
            'Declaratie op toewijzing met RedenWijziging "13" (Verwijderd)',
            _("De toewijzing is verwijderd; er kan niet op gedeclareerd worden."),
        ),
        _c(
            "9385",
            "Toewijzing heeft goedgekeurde declaratieregels",
            _("De toewijzing kan niet worden verwijderd: er zijn al declaraties goedgekeurd."),
        ),
        _c(
            "9387",
            "Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode "
            "betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand",
            _("De periode van de regel begint niet op de 1e van de maand (of op de ingangsdatum)."),
        ),
        _c(
            "9388",
            "Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode "
            "betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand.",
            _("De periode van de regel eindigt niet op de laatste dag van de maand (of op de einddatum)."),
        ),
        _c(
            "9389",
            "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie",
            _("De eerdere regel moet eerst volledig gecrediteerd worden."),
        ),
        _c(
            "9390",
            "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit",
            _("Deze regel is al eerder gecrediteerd."),
        ),
        _c(
            "9411",
            "Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.",
            _("Bij een toewijzing met productcode moet een omvang worden gevraagd."),
        ),
        _c(
            "9412",
            "Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is "
            "en einddatum groter dan 31-12-2020 of leeg is",
            _("Bij een toewijzing zonder productcode mag geen omvang worden gevraagd."),
        ),
        _c(
            "9413",
            "RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, "
            "ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is.",
            _("Er is al een tijdelijke stop doorgegeven."),
        ),
        _c(
            "9414",
            "Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer "
            "en Begindatum",
            _("De definitieve stop ligt vóór de eerdere tijdelijke stop."),
        ),
        _c(
            "9415",
            "Er is StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20",
            _("De zorg is al definitief gestopt."),
        ),
        _c(
            "S300",
            "Gemeentecode komt niet voor in de lijst van CBS.",
            _("De gemeentecode bestaat niet (volgens de CBS-lijst)."),
        ),
        _c(
            "S329",
            "ProductCode hoort niet bij de ProductCategorie.",
            _("De productcode hoort niet bij de productcategorie."),
        ),
    ]
)


def explain(code: str) -> str:
    """The plain-Dutch explanation of ``code`` (or the code itself when unknown)."""
    found = CODES.get(code)
    return str(found.plain) if found else code


def explained_codes(codes) -> list[dict]:
    """Codes with their plain-Dutch explanation, for templates."""
    return [{"code": c, "text": explain(c)} for c in codes or ()]
