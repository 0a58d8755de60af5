"""What the dashboards and the council report show: sections per theme with charts, tables and Dutch text.

Built once from disclosure-controlled results (:func:`schakel.monitoring.services.results`), so the web page,
the PDF and the exports show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from . import charts
from .indicators import REGISTRY
from .presentation import table

#: The indicators each section uses (in order); ``compute`` runs exactly these.
SECTIONS: dict[str, list[str]] = {
    "usage": ["clients_per_law", "clients_by_wijk", "clients_by_age", "provisions_by_category"],
    "stapeling": [
        "stapeling_persons",
        "stapeling_households",
        "stapeling_households_by_wijk",
        "number_of_provisions",
    ],
    "flows": ["inflow_outflow", "duration", "reentry"],
    "outcomes": [
        "domain_change",
        "goals_by_wijk",
        "goals_by_provider",
        "goals_by_product",
        "change_by_provider",
    ],
    "costs": ["cost_per_client", "cost_per_result", "budget_execution"],
    "deadlines": ["deadline_onderzoek", "deadline_beschikking", "deadline_toewijzing"],
}


def all_names() -> list[str]:
    return [n for names in SECTIONS.values() for n in names]


@dataclass
class Block:
    name: str
    title: str
    description: str
    table: dict
    chart: dict | None = None
    drill: tuple[str, ...] = ()
    links: list[str] = field(default_factory=list)
    svg: str | None = None

    @property
    def spec_id(self) -> str:
        return f"spec-{self.name}"

    @property
    def lines(self) -> list[tuple[list[str], str]]:
        """Rows of the table with their drill-through query (empty string without drill-through)."""
        links = self.links or [""] * len(self.table["rows"])
        return list(zip(self.table["rows"], links, strict=True))


@dataclass
class Section:
    code: str
    title: str
    intro: str
    blocks: list[Block] = field(default_factory=list)


def _block(name: str, frame, chart=None, drill=()) -> Block:
    ind = REGISTRY[name]
    links = []
    if drill:
        links = [
            urlencode({"indicator": name, **{k: record[k] for k in drill}})
            for record in frame[list(drill)].to_dict("records")
        ]
    return Block(name, ind.title, ind.description, table(frame), chart, drill, links)


def build(res: dict, *, drillable: dict | None = None) -> list[Section]:
    """Sections for the protected results ``res`` (indicator name → DataFrame)."""
    drillable = drillable or {}
    d = lambda n: drillable.get(n, ())  # noqa: E731
    sections = [
        Section(
            "usage",
            _("Gebruik van voorzieningen"),
            _(
                "Hoeveel inwoners gebruiken een maatwerkvoorziening, jeugdhulp of bijstand? Een cliënt is iemand "
                "met minstens één voorziening van de wet in de gekozen periode, net als in de Gemeentelijke "
                "Monitor Sociaal Domein van het CBS."
            ),
            [
                _block(
                    "clients_per_law",
                    res["clients_per_law"],
                    charts.bar(
                        res["clients_per_law"], x="law", y="per_1000", title=_("Cliënten per 1.000 inwoners")
                    ),
                ),
                _block(
                    "clients_by_wijk",
                    res["clients_by_wijk"],
                    charts.bar(
                        res["clients_by_wijk"],
                        x="wijk_code",
                        y="per_1000",
                        color="law",
                        title=_("Cliënten per 1.000 inwoners, per wijk"),
                    ),
                ),
                _block(
                    "clients_by_age",
                    res["clients_by_age"],
                    charts.bar(
                        res["clients_by_age"],
                        x="age_group",
                        y="per_1000",
                        color="law",
                        title=_("Cliënten per 1.000 inwoners, naar leeftijd"),
                    ),
                ),
                _block("provisions_by_category", res["provisions_by_category"]),
            ],
        ),
        Section(
            "stapeling",
            _("Stapeling"),
            _(
                "Personen en huishoudens met voorzieningen uit meer dan één wet (Jeugdwet, Participatiewet, Wmo), "
                "in de zeven combinaties die het CBS gebruikt. Een huishouden telt mee als één van de leden een "
                "voorziening heeft."
            ),
            [
                Block(
                    "stapeling",
                    _("Personen en huishoudens naar combinatie van wetten"),
                    REGISTRY["stapeling_persons"].description,
                    table(
                        res["stapeling_persons"]
                        .merge(
                            res["stapeling_households"][["combination", "households"]],
                            on="combination",
                            how="outer",
                        )
                        .drop(columns=["combination"])
                    ),
                    charts.stacked_units(
                        res["stapeling_persons"],
                        res["stapeling_households"],
                        _("Personen en huishoudens naar combinatie van wetten"),
                    ),
                ),
                _block(
                    "stapeling_households_by_wijk",
                    res["stapeling_households_by_wijk"],
                    drill=d("stapeling_households_by_wijk"),
                ),
                _block("number_of_provisions", res["number_of_provisions"]),
            ],
        ),
        Section(
            "flows",
            _("Instroom, uitstroom en duur"),
            _(
                "Instroom: cliënten die de dag vóór de periode nog geen voorziening van de wet hadden. Uitstroom: "
                "cliënten die aan het einde van de periode geen voorziening meer hebben. Herinstroom: instromers "
                "van wie een eerdere voorziening korter dan een jaar geleden eindigde."
            ),
            [
                _block(
                    "inflow_outflow",
                    res["inflow_outflow"],
                    charts.bar(
                        _flows(res["inflow_outflow"]),
                        x="law",
                        y="aantal",
                        color="stroom",
                        title=_("Instroom en uitstroom per wet"),
                    ),
                ),
                _block("duration", res["duration"]),
                _block("reentry", res["reentry"]),
            ],
        ),
        Section(
            "outcomes",
            _("Resultaten"),
            _(
                "Verandering tussen de eerste en de laatste uitkomstmeting (bijvoorbeeld de Zelfredzaamheid-Matrix) "
                "per domein, en het aandeel beoordeelde doelen dat bereikt is, per wijk, aanbieder en product."
            ),
            [
                _block(
                    "domain_change",
                    res["domain_change"],
                    charts.bar(
                        res["domain_change"],
                        x="domain",
                        y="mean_change",
                        title=_("Gemiddelde verandering per domein"),
                    ),
                ),
                _block("goals_by_wijk", res["goals_by_wijk"]),
                _block("goals_by_provider", res["goals_by_provider"]),
                _block("goals_by_product", res["goals_by_product"]),
                _block("change_by_provider", res["change_by_provider"]),
            ],
        ),
        Section(
            "costs",
            _("Kosten en budget"),
            _(
                "Kosten per cliënt en per bereikt resultaat, en de uitputting van de begroting. Zolang er geen "
                "declaraties of boekingen zijn, zijn de kosten geraamd uit het tarief en de omvang van de "
                "toewijzing."
            ),
            [
                _block(
                    "cost_per_client",
                    res["cost_per_client"],
                    charts.bar(
                        res["cost_per_client"],
                        x="law",
                        y="cost_per_client_euro",
                        title=_("Kosten per cliënt"),
                    ),
                ),
                _block("cost_per_result", res["cost_per_result"]),
                _block("budget_execution", res["budget_execution"]),
            ],
        ),
        Section(
            "deadlines",
            _("Termijnen"),
            _(
                "Is het onderzoek binnen zes weken na de melding afgerond (Wmo 2015 art. 2.3.2), is binnen twee "
                "weken na de aanvraag beschikt (art. 2.3.5), en is een verzoek om toewijzing binnen vijf "
                "werkdagen beantwoord?"
            ),
            [
                _block(
                    "deadline_onderzoek",
                    res["deadline_onderzoek"],
                    charts.bar(
                        res["deadline_onderzoek"],
                        x="law",
                        y="met_share",
                        title=_("Onderzoek binnen 6 weken (%)"),
                    ),
                    drill=d("deadline_onderzoek"),
                ),
                _block(
                    "deadline_beschikking",
                    res["deadline_beschikking"],
                    charts.bar(
                        res["deadline_beschikking"],
                        x="law",
                        y="met_share",
                        title=_("Beschikking binnen 2 weken (%)"),
                    ),
                    drill=d("deadline_beschikking"),
                ),
                _block("deadline_toewijzing", res["deadline_toewijzing"]),
            ],
        ),
    ]
    return sections


def _flows(frame):
    melted = frame.melt(
        id_vars=["law"], value_vars=["inflow", "outflow"], var_name="stroom", value_name="aantal"
    )
    melted["stroom"] = melted["stroom"].map({"inflow": _("Instroom"), "outflow": _("Uitstroom")})
    return melted
