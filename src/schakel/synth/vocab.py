"""Word lists for synthetic persons, addresses, meldingen, plans and products (own lists, no real people).

Product categories follow the iStandaarden code lists WMO020 (Wmo) and JZ020 (Jeugd); see
``shared/reference/istandaarden.md``. Participatiewet has no iStandaard; Schakel uses local codes.
"""

from __future__ import annotations

MALE_NAMES = ["Jan", "Piet", "Kees", "Henk", "Willem", "Gerrit", "Johannes", "Cornelis", "Hendrik", "Jacobus", "Pieter", "Dirk", "Klaas", "Bram", "Daan", "Sem", "Lucas", "Finn", "Levi", "Noah", "Milan", "Jesse", "Thijs", "Ruben", "Lars", "Stijn", "Tim", "Bas", "Joost", "Maarten", "Sander", "Niels", "Jeroen", "Wouter", "Erik", "Mohamed", "Youssef", "Ahmed", "Mehmet", "Emre", "Kevin", "Dennis", "Mark", "Rik", "Teun", "Luuk", "Gijs", "Floris", "Hugo", "Mats", "Jens", "Sven", "Max", "Ties", "Guus", "Olivier", "Adam", "Ayoub", "Rayan", "Anton", "Frans", "Gert", "Harm", "Joop", "Kasper", "Marco", "Nick", "Otto", "Rob", "Stefan", "Vincent"]
FEMALE_NAMES = ["Maria", "Anna", "Johanna", "Cornelia", "Elisabeth", "Wilhelmina", "Hendrika", "Geertruida", "Petronella", "Emma", "Julia", "Sophie", "Tess", "Sara", "Zoë", "Fleur", "Lotte", "Anouk", "Lisa", "Eva", "Iris", "Noor", "Mila", "Nina", "Roos", "Sanne", "Femke", "Ilse", "Marloes", "Esther", "Linda", "Monique", "Sandra", "Ingrid", "Karin", "Marieke", "Annelies", "Fatima", "Yasmina", "Aya", "Elif", "Zeynep", "Sevda", "Mirjam", "Petra", "Rianne", "Saskia", "Wendy", "Yvonne", "Lieke", "Evi", "Jasmijn", "Liv", "Hanna", "Fenna", "Lara", "Nora", "Amira", "Ilona", "Marjolein", "Truus", "Tineke", "Gerda"]
SURNAMES = (
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"), ("", "Janssen"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
    ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"),
    ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("", "Schouten"),
    ("van", "Beek"), ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"),
    ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"),
    ("", "Huisman"), ("", "Peeters"), ("de", "Lange"), ("", "Kuipers"), ("van", "Wijk"), ("", "Postma"),
    ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"), ("van den", "Brink"), ("", "Scholten"), ("van", "Wijngaarden"),
    ("", "Yılmaz"), ("", "Kaya"), ("el", "Amrani"), ("", "Bouzid"), ("", "Demir"), ("", "Öztürk"), ("", "Nguyen"),
    ("", "Wouters"), ("", "Martens"), ("", "Hermans"), ("", "Timmermans"), ("", "Goossens"), ("", "Claassen"),
)
STREET_STEMS = (
    "Kerk", "Dorps", "School", "Molen", "Linden", "Eiken", "Beuken", "Berken", "Wilgen", "Populier", "Tulp",
    "Roos", "Lelie", "Narcis", "Merel", "Lijster", "Zwaluw", "Spreeuw", "Kievit", "Reiger", "Meeuw", "Haven",
    "Kade", "Brug", "Veld", "Akker", "Weide", "Heide", "Duin", "Zand", "Beek", "Vijver", "Kasteel", "Markt",
    "Rembrandt", "Vermeer", "Mondriaan", "Erasmus", "Thorbecke", "Oranje", "Nassau", "Juliana", "Beatrix",
)
STREET_SUFFIXES = ("straat", "laan", "weg", "hof", "plein", "singel", "pad", "dreef")

CHANNEL_WEIGHTS = (("telefoon", 35), ("loket", 20), ("email", 10), ("digitaal", 20), ("verwijzer", 15))

QUESTIONS = {
    "wmo": (
        "Kan het huishouden niet meer zelf doen na een heupoperatie.",
        "Heeft moeite met traplopen en vraagt om aanpassing van de woning.",
        "Raakt geïsoleerd en zoekt dagbesteding.",
        "Heeft hulp nodig bij persoonlijke verzorging en structuur in de dag.",
        "Kan zich niet meer zelfstandig verplaatsen buitenshuis.",
        "Mantelzorger raakt overbelast en vraagt om respijtzorg.",
    ),
    "jeugd": (
        "School meldt zorgen over gedrag en concentratie.",
        "Ouders vragen hulp bij opvoeding na een scheiding.",
        "Huisarts verwijst voor somberheid en angstklachten.",
        "Jeugdige heeft ondersteuning nodig bij een ontwikkelingsachterstand.",
        "Spanningen thuis lopen op; ouders zoeken gezinsbegeleiding.",
    ),
    "participatie": (
        "Inkomen is weggevallen na ontslag; vraagt bijstand aan.",
        "Zoekt ondersteuning bij het vinden van werk.",
        "Heeft geen inkomen na beëindiging van de WW.",
    ),
    "schuldhulp": (
        "Betalingsachterstanden bij huur en energie.",
        "Deurwaarder is ingeschakeld; vraagt schuldhulp.",
    ),
}

#: Per law: (product category, product code, description, eenheid WJ756, frequentie WMO757, volume range, weight)
PRODUCTS = {
    "wmo": (
        ("01", "01A01", "Hulp bij het huishouden", "04", "2", (2, 6), 45),
        ("02", "02A03", "Individuele begeleiding", "04", "2", (1, 4), 18),
        ("03", "03A01", "Persoonlijke verzorging", "04", "2", (1, 5), 6),
        ("07", "07A02", "Dagbesteding", "16", "2", (2, 8), 9),
        ("08", "08A01", "Vervoer naar dagbesteding", "84", "2", (2, 8), 4),
        ("12", "12X01", "Collectief vervoer (regiotaxi)", "82", "6", (1, 1), 8),
        ("11", "11X01", "Rolstoel, lichtgewicht", "82", "6", (1, 1), 5),
        ("13", "13X02", "Traplift", "82", "6", (1, 1), 5),
    ),
    "jeugd": (
        ("45", "45A48", "Jeugdhulp ambulant", "04", "4", (2, 10), 62),
        ("54", "54001", "Jeugd-ggz, behandeling", "04", "4", (4, 12), 15),
        ("41", "41A01", "Dagbehandeling", "16", "2", (2, 6), 6),
        ("44", "44A11", "Pleegzorg", "14", "4", (28, 31), 4),
        ("43", "43A15", "Verblijf met behandeling", "14", "4", (28, 31), 2),
        ("48", "48A01", "Jeugdbescherming (OTS)", "14", "4", (28, 31), 4),
        ("50", "50A01", "Maatwerkarrangement jeugd", "83", "6", (1, 1), 7),
    ),
    "participatie": (
        ("PB", "PB001", "Algemene bijstand (levensonderhoud)", "83", "4", (1100, 1500), 100),
    ),
    "schuldhulp": (
        ("SH", "SH001", "Schuldhulpverlening: stabilisatie en schuldregeling", "83", "6", (1, 1), 100),
    ),
}
#: Extra (secondary) products of bijstand clients: re-integration (Participatiewet art. 7 lid 1 sub a).
REINTEGRATION = ("PR", "PR001", "Re-integratietraject naar werk", "83", "6", (1, 1), 100)

#: Goals and actions per life domain (ZRM 2017 domain names), per law.
DOMAINS_BY_LAW = {
    "wmo": ("instrumentele_adl", "basale_adl", "lichamelijke_gezondheid", "sociaal_netwerk", "tijdsbesteding"),
    "jeugd": ("huiselijke_relaties", "geestelijke_gezondheid", "werk_opleiding", "sociaal_netwerk"),
    "participatie": ("financien", "werk_opleiding", "maatschappelijke_participatie"),
    "schuldhulp": ("financien", "huisvesting"),
}
GOALS = {
    "instrumentele_adl": "Het huishouden is schoon en leefbaar.",
    "basale_adl": "Kan zich zelfstandig wassen en aankleden.",
    "lichamelijke_gezondheid": "Blijft veilig en zo zelfstandig mogelijk mobiel.",
    "sociaal_netwerk": "Heeft wekelijks contact met mensen uit de buurt.",
    "tijdsbesteding": "Heeft een zinvolle dagbesteding, drie dagdelen per week.",
    "huiselijke_relaties": "Ouders en kind gaan rustiger met elkaar om.",
    "geestelijke_gezondheid": "Angstklachten nemen af en de jeugdige gaat weer met plezier naar school.",
    "werk_opleiding": "Volgt school of werk zonder verzuim.",
    "financien": "Heeft een stabiel inkomen en geen nieuwe betalingsachterstanden.",
    "maatschappelijke_participatie": "Doet vrijwilligerswerk of werkt met behoud van uitkering.",
    "huisvesting": "Behoudt de woning; huurachterstand is ingelopen.",
}
#: (carrier, description) — the carrier mix follows the "eigen kracht eerst" order of Wmo 2015 art. 2.3.2.
ACTIONS = (
    ("inwoner", "Maakt zelf een weekplanning en houdt die bij.", 25),
    ("netwerk", "Dochter helpt met boodschappen en administratie.", 20),
    ("vrijwilliger", "Maatje van de vrijwilligerscentrale komt wekelijks langs.", 10),
    ("algemene_voorziening", "Neemt deel aan de inloop in het buurthuis.", 15),
    ("maatwerk", "Aanbieder levert de toegekende ondersteuning.", 30),
)
NETWORK_KINDS = (("familie", 40), ("mantelzorger", 25), ("buur", 15), ("vriend", 15), ("vrijwilliger", 5))
