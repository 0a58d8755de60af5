"""The three instruments Schakel ships as reference content (issue 3), loaded idempotently.

Loaded by the data migration ``0002_reference_instruments`` (standard reference content, like a code list:
every installation needs it before the first measurement) and again by :func:`install` from
``schakel setup_configuration`` callers or tests. Running it again updates names, labels and definitions
and adds what is missing; it never deletes, and never touches :class:`~schakel.outcomes.models.DomainCriterion`
(the municipality's own criteria texts).

Sources (../shared/reference/outcomes-and-monitoring.md §1):

* Zelfredzaamheid-Matrix, © GGD Amsterdam (Lauriks, Buster, De Wit e.a.): domain names and the 5-point scale
  labels only. The criteria per cell are copyrighted and are **not** shipped.
* Participatieladder (VNG/Divosa): 6 steps with their definitions (summarised).
* Goal Attainment Scaling (Kiresuk & Sherman, 1968): −2..+2 around the expected result.
"""

from __future__ import annotations

from django.db import transaction

ZRM_SCALE = [
    (1, "Acute problematiek", ""),
    (2, "Niet zelfredzaam", ""),
    (3, "Beperkt zelfredzaam", ""),
    (4, "Voldoende zelfredzaam", ""),
    (5, "Volledig zelfredzaam", ""),
]
ZRM_SOURCE = "© GGD Amsterdam — Zelfredzaamheid-Matrix; alleen domeinnamen en schaallabels, geen criteria."

#: (code, name, core.vocab.LifeDomain value)
ZRM_2017_DOMAINS = [
    ("financien", "Financiën", "financien"),
    ("werk_opleiding", "Werk & opleiding", "werk_opleiding"),
    ("tijdsbesteding", "Tijdsbesteding", "tijdsbesteding"),
    ("huisvesting", "Huisvesting", "huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties", "huiselijke_relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid", "geestelijke_gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid", "lichamelijke_gezondheid"),
    ("middelengebruik", "Middelengebruik", "middelengebruik"),
    ("basale_adl", "Basale ADL", "basale_adl"),
    ("instrumentele_adl", "Instrumentele ADL", "instrumentele_adl"),
    ("sociaal_netwerk", "Sociaal netwerk", "sociaal_netwerk"),
    ("maatschappelijke_participatie", "Maatschappelijke participatie", "maatschappelijke_participatie"),
    ("justitie", "Justitie", "justitie"),
]
#: The older 11-domain layout; dagbesteding and ADL have no single life domain of the 2017 version.
ZRM_11_DOMAINS = [
    ("financien", "Financiën", "financien"),
    ("dagbesteding", "Dagbesteding", ""),
    ("huisvesting", "Huisvesting", "huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties", "huiselijke_relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid", "geestelijke_gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid", "lichamelijke_gezondheid"),
    ("verslaving", "Verslaving", "middelengebruik"),
    ("adl", "ADL-vaardigheden", ""),
    ("sociaal_netwerk", "Sociaal netwerk", "sociaal_netwerk"),
    ("maatschappelijke_participatie", "Maatschappelijke participatie", "maatschappelijke_participatie"),
    ("justitie", "Justitie", "justitie"),
]
LADDER_SCALE = [
    (1, "Geïsoleerd", "Sociaal geïsoleerd: nauwelijks sociale contacten buiten de eigen huishouding."),
    (
        2,
        "Sociale contacten buitenshuis",
        "Ten minste wekelijks sociale contacten buitenshuis, niet in georganiseerd verband.",
    ),
    (
        3,
        "Deelname georganiseerde activiteiten",
        "Ten minste wekelijks deelname aan georganiseerde activiteiten (scholing, club, cursus), "
        "zonder verantwoordelijkheid voor anderen.",
    ),
    (
        4,
        "Onbetaald werk",
        "Onbetaald werk (vrijwilligerswerk, stage) met verantwoordelijkheden naar anderen en ten minste "
        "wekelijks fysiek contact.",
    ),
    (
        5,
        "Betaald werk met ondersteuning",
        "Betaald werk met inzet van participatie-instrumenten, aanvullende uitkering, loonkostensubsidie, "
        "jobcoach, beschut werk of Bbl.",
    ),
    (
        6,
        "Betaald werk",
        "Arbeidscontract of zelfstandig ondernemer, zonder aanvullende uitkering en zonder ondersteuning "
        "buiten de gewone leiding.",
    ),
]
GAS_SCALE = [
    (-2, "Veel minder dan verwacht", ""),
    (-1, "Minder dan verwacht", ""),
    (0, "Verwacht resultaat", ""),
    (1, "Meer dan verwacht", ""),
    (2, "Veel meer dan verwacht", ""),
]

#: (code, version, name, kind, source, description, domains, scale)
INSTRUMENTS = [
    (
        "zrm",
        "2017",
        "Zelfredzaamheid-Matrix",
        "matrix",
        ZRM_SOURCE,
        "ZRM 2017: 13 domeinen, schaal 1–5. Scoor alleen domeinen die relevant zijn voor de hulpvraag.",
        ZRM_2017_DOMAINS,
        ZRM_SCALE,
    ),
    (
        "zrm",
        "2013",
        "Zelfredzaamheid-Matrix (11 domeinen)",
        "matrix",
        ZRM_SOURCE,
        "Oudere versie met 11 domeinen; scores zijn niet 1-op-1 vergelijkbaar met ZRM 2017.",
        ZRM_11_DOMAINS,
        ZRM_SCALE,
    ),
    (
        "participatieladder",
        "1",
        "Participatieladder",
        "ladder",
        "VNG / Divosa",
        "Zes treden van geïsoleerd tot betaald werk; meet ten minste twee keer per jaar.",
        [("participatie", "Participatie", "maatschappelijke_participatie")],
        LADDER_SCALE,
    ),
    (
        "doelrealisatie",
        "1",
        "Doelrealisatie",
        "doelrealisatie",
        "Goal Attainment Scaling (Kiresuk & Sherman, 1968)",
        "Per doel van het plan: bereikt, deels bereikt of niet bereikt, met een optionele GAS-score −2..+2.",
        [("doel", "Doel uit het plan", "")],
        GAS_SCALE,
    ),
]
ZRM_2017 = ("zrm", "2017")


@transaction.atomic
def install(apps=None) -> int:
    """Create or update the shipped instruments; returns the number of instruments. Idempotent."""
    if apps is None:
        from django.apps import apps
    Instrument = apps.get_model("outcomes", "Instrument")
    InstrumentDomain = apps.get_model("outcomes", "InstrumentDomain")
    ScaleLevel = apps.get_model("outcomes", "ScaleLevel")
    for code, version, name, kind, source, description, domains, scale in INSTRUMENTS:
        instrument, _ = Instrument.objects.update_or_create(
            code=code,
            version=version,
            defaults={"name": name, "kind": kind, "source": source, "description": description},
        )
        for order, (dcode, dname, life_domain) in enumerate(domains, start=1):
            InstrumentDomain.objects.update_or_create(
                instrument=instrument,
                code=dcode,
                defaults={"name": dname, "order": order, "life_domain": life_domain},
            )
        for value, label, definition in scale:
            ScaleLevel.objects.update_or_create(
                instrument=instrument, value=value, defaults={"label": label, "definition": definition}
            )
    return len(INSTRUMENTS)
