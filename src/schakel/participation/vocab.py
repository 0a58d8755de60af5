"""Vocabulary of the participation app: council kinds, policy fields, organisation models, policy-cycle stages.

Sources: *Landelijke handreiking voor WWB-raden en Wmo-raden* (ch. 4, models 1a–4; annex: the 9 Wmo
prestatievelden of the Wmo 2007, still the usual way councils divide their work), Participatiewet art. 47,
Wmo 2015 art. 2.1.3 lid 3, Jeugdwet art. 2.10.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilKind(models.TextChoices):
    WMO_RAAD = "wmo_raad", _("Wmo-raad")
    CLIENTENRAAD = "clientenraad", _("Cliëntenraad Participatiewet")
    PARTICIPATIERAAD = "participatieraad", _("Participatieraad sociaal domein")
    JONGERENRAAD = "jongerenraad", _("Jongerenraad")
    SENIORENRAAD = "seniorenraad", _("Seniorenraad")
    OVERIG = "overig", _("Andere adviesraad")
    #: A chamber (kamer) of a participation council — model 3 of the handreiking.
    KAMER = "kamer", _("Kamer van de participatieraad")
    #: A joint working group of members of several councils — model 2.
    WERKGROEP = "werkgroep", _("Gezamenlijke werkgroep")
    #: A coordination point of the chairs (with or without the municipality) — models 1c and 4.
    COORDINATIEPUNT = "coordinatiepunt", _("Coördinatiepunt")


#: Kinds that are a council in their own right (receive requests under models 1a/1b/2/3/4).
ADVISORY_KINDS = frozenset(
    {
        CouncilKind.WMO_RAAD,
        CouncilKind.CLIENTENRAAD,
        CouncilKind.PARTICIPATIERAAD,
        CouncilKind.JONGERENRAAD,
        CouncilKind.SENIORENRAAD,
        CouncilKind.OVERIG,
    }
)


class PolicyField(models.TextChoices):
    """Policy fields a council's scope and a request are classified by."""

    WMO_1 = "wmo_1", _("Wmo 1: sociale samenhang en leefbaarheid")
    WMO_2 = "wmo_2", _("Wmo 2: preventieve ondersteuning jeugd en ouders")
    WMO_3 = "wmo_3", _("Wmo 3: informatie, advies en cliëntondersteuning")
    WMO_4 = "wmo_4", _("Wmo 4: mantelzorgers en vrijwilligers")
    WMO_5 = "wmo_5", _("Wmo 5: meedoen van mensen met een beperking")
    WMO_6 = "wmo_6", _("Wmo 6: voorzieningen voor mensen met een beperking")
    WMO_7 = "wmo_7", _("Wmo 7: maatschappelijke opvang")
    WMO_8 = "wmo_8", _("Wmo 8: openbare geestelijke gezondheidszorg")
    WMO_9 = "wmo_9", _("Wmo 9: verslavingsbeleid")
    PW_INKOMEN = "pw_inkomen", _("Participatiewet: inkomen en bijstand")
    PW_WERK = "pw_werk", _("Participatiewet: werk en re-integratie")
    PW_HANDHAVING = "pw_handhaving", _("Participatiewet: handhaving en tegenprestatie")
    JEUGD = "jeugd", _("Jeugd")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    ARMOEDE = "armoede", _("Armoedebeleid en minimaregelingen")


#: Fields of "belangenbehartiging" (clients' dependence at stake) — under model 4 these go to the clients'
#: council by default, the others to the citizens' council (handreiking ch. 4, model 4).
CLIENT_INTEREST_FIELDS = frozenset(
    {
        PolicyField.WMO_5,
        PolicyField.WMO_6,
        PolicyField.PW_INKOMEN,
        PolicyField.PW_WERK,
        PolicyField.PW_HANDHAVING,
        PolicyField.SCHULDHULP,
        PolicyField.ARMOEDE,
    }
)


class OrganisationModel(models.TextChoices):
    """The organisation models of the handreiking, ch. 4."""

    M1A = "1a", _("1a: aparte raden, de gemeente stroomlijnt")
    M1B = "1b", _("1b: aparte raden, afstemming tussen de voorzitters")
    M1C = "1c", _("1c: aparte raden met een coördinatiepunt erboven")
    M2 = "2", _("2: gezamenlijke werkgroepen van de raden")
    M3 = "3", _("3: één participatieraad, eventueel met kamers")
    M4 = "4", _("4: burgerraad en cliëntenraad met een coördinatiepunt")


#: Models in which a coordination point decides which council(s) advise.
COORDINATED_MODELS = frozenset({OrganisationModel.M1C, OrganisationModel.M4})


class PolicyStage(models.TextChoices):
    """Stage of the policy cycle at which advice is asked (Wmo 2015 art. 2.1.3 lid 3: early involvement)."""

    AGENDA = "agendavorming", _("Agendavorming (signaleren)")
    VERKENNING = "verkenning", _("Verkenning (meedenken aan de voorkant)")
    ONTWERP = "beleidsontwerp", _("Beleidsontwerp")
    BESLUIT = "besluitvorming", _("Besluitvorming (conceptbesluit)")
    UITVOERING = "uitvoering", _("Uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")


#: Stages that count as early involvement (before a draft decision exists).
EARLY_STAGES = frozenset({PolicyStage.AGENDA, PolicyStage.VERKENNING, PolicyStage.ONTWERP})


class MemberRole(models.TextChoices):
    VOORZITTER = "voorzitter", _("Voorzitter")
    SECRETARIS = "secretaris", _("Secretaris")
    PENNINGMEESTER = "penningmeester", _("Penningmeester")
    LID = "lid", _("Lid")
    AMBTELIJK_SECRETARIS = "ambtelijk_secretaris", _("Ambtelijk secretaris (ondersteuning)")


class Outcome(models.TextChoices):
    """The municipality's answer per advice point."""

    ADOPTED = "overgenomen", _("Overgenomen")
    PARTLY = "deels", _("Deels overgenomen")
    NOT_ADOPTED = "niet_overgenomen", _("Niet overgenomen")
