"""Parameters of the national synthetic data set, with their sources.

All rates come from ``shared/reference/outcomes-and-monitoring.md`` §3 (CBS GMSD tables and related):

* Wmo maatwerk ≈ 72 clients per 1,000 inhabitants per year (86050NED, 2024), steeply rising with age;
  ~55–60 % of Wmo clients have exactly one voorziening (83264NED, Alkmaar/Amersfoort 2023).
* Jeugdzorg ≈ 11 % of the under-23s per year, peaking at ages 8–17 and dropping at 18 (NJi/CBS 2023–2024);
  ≈ 15 % of jeugdzorg users leave and come back (SCP "Voorzieningen in 3D").
* Participatiewet: bijstand ≈ 23 per 1,000 inhabitants on a reference date (≈ 410k, end 2025, 85585NED),
  concentrated in single-person and single-parent households and in the cities; ≈ 30 per 1,000 per year
  with inflow; re-integration provisions for about 40 % of them (85588/85589NED: ~170k persons a month).
* Stapeling (85994NED Utrecht 2024, 85375NED Zutphen 2022, SCP 2018): 8–9 % of users and 12–15 % of using
  households in ≥ 2 laws, dominated by Participatiewet + Wmo; Jeugd + P-wet mainly within one household.
* Variation between municipalities: Wmo spend per inhabitant varies ~4×, the jeugdzorg share from < 6 % to
  ~20 % (84580NED, 82972NED); bijstand is higher in dense (urban) municipalities.
* Costs: CPB age profiles 2022 (euro per inhabitant of each age, Wmo and Jeugd;
  ``data/CPB_uitgaven_per_leeftijdscategorie_2022.csv``), bijstand norms 2024 (≈ € 1,300 a month single,
  € 1,860 couple; rounded).

Durations are not published as such; the means below (exponential spells) reproduce the ratio of yearly
clients to clients on a reference date in the CBS tables (Wmo 1,285k per year vs 1,169k in a half-year;
jeugd 481k per year vs 308k on 31-12-2023; bijstand 410k on a date vs ≈ 30 per 1,000 in a year).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"

YEARS = (2022, 2023, 2024)
WINDOW_START = date(YEARS[0], 1, 1)
REFERENCE_DATE = date(YEARS[-1], 12, 31)
EPOCH = date(1970, 1, 1)
W0 = (WINDOW_START - EPOCH).days
REF = (REFERENCE_DATE - EPOCH).days
WINDOW_DAYS = REF - W0 + 1

#: Laws generated; the first three are the CBS stapeling laws.
LAWS = ("wmo", "jeugd", "participatie", "schuldhulp")

#: Yearly clients (persons with a provision during the year), national average.
WMO_PER_1000 = 72.0
JEUGD_SHARE_UNDER_23 = 0.104  # ≈ 11 % per year once re-entries are added
PWET_PER_1000 = 30.0
SCHULDHULP_PER_1000 = 3.0

#: Mean spell length in years (exponential).
MEAN_YEARS = {"wmo": 2.5, "jeugd": 1.0, "participatie": 3.0, "schuldhulp": 1.0}
#: Share of ended spells followed by a new spell of the same law (re-entry; gap 1 month .. 2 years).
REENTRY = {"wmo": 0.08, "jeugd": 0.15, "participatie": 0.20, "schuldhulp": 0.05}

#: Overlap quotas (shares of the users of the first law who also use the second, spells aligned).
PWET_ALSO_WMO = 0.46  # persons P-wet + Wmo (the dominant combination)
PWET_YOUNG_ALSO_JEUGD = 0.45  # P-wet clients aged 18–22 with verlengde jeugdhulp (J + P per person)
PWET_HOUSEHOLD_CHILD_JEUGD = 0.45  # P-wet households with children where a child has jeugdhulp
JEUGD_ALSO_WMO = 0.03  # jeugd clients (12+) who also have a Wmo voorziening
SCHULDHULP_IN_PWET = 0.6  # schuldhulp clients who are P-wet applicants

#: Household kinds (CBS 85524NED 2024 rounded) with the head's age bands (lo, hi, weight).
HOUSEHOLD_KINDS = ("alleenstaand", "paar", "gezin", "eenouder")
HOUSEHOLD_WEIGHTS = np.array([39, 31, 22, 8], dtype=np.float64)
HEAD_AGES = {
    "alleenstaand": ((18, 24, 9), (25, 34, 16), (35, 44, 9), (45, 54, 11), (55, 64, 15), (65, 74, 16),
                     (75, 84, 16), (85, 99, 8)),
    "paar": ((20, 29, 9), (30, 44, 8), (45, 54, 10), (55, 64, 24), (65, 74, 28), (75, 84, 17), (85, 95, 4)),
    "gezin": ((25, 34, 17), (35, 44, 40), (45, 54, 36), (55, 60, 7)),
    "eenouder": ((22, 34, 14), (35, 44, 38), (45, 54, 40), (55, 62, 8)),
}  # fmt: skip
#: Number of children (value, weight) for families and single parents.
CHILDREN = {"gezin": ((1, 40), (2, 42), (3, 14), (4, 4)), "eenouder": ((1, 52), (2, 35), (3, 13))}


def wmo_weight(age: np.ndarray) -> np.ndarray:
    """Relative Wmo use by age (CBS 85043NED shape: low below 45, steep from 75)."""
    bounds = np.array([18, 30, 45, 55, 65, 75, 80, 85, 90])
    weights = np.array([0.0, 0.25, 0.35, 0.6, 0.9, 1.7, 3.4, 5.5, 8.0, 10.0])
    return weights[np.searchsorted(bounds, age, side="right")]


def jeugd_weight(age: np.ndarray) -> np.ndarray:
    """Relative jeugdzorg use by age (at the reference date; peak 8–17, strong drop at 18, none from 25)."""
    bounds = np.array([4, 8, 19, 21, 25])
    weights = np.array([0.35, 0.8, 1.6, 0.5, 0.12, 0.0])
    return weights[np.searchsorted(bounds, age, side="right")]


#: Products per law: (product category, product code, weight, cost weight). Categories follow the
#: iStandaarden code lists WMO020/JZ020 (as :mod:`schakel.synth.vocab`); Participatiewet uses local codes.
PRODUCTS = {
    "wmo": (
        ("01", "01A01", 43, 0.6),  # Hulp bij het huishouden
        ("02", "02A03", 16, 1.6),  # Begeleiding
        ("03", "03A01", 5, 1.4),  # Persoonlijke verzorging
        ("07", "07A02", 8, 1.5),  # Dagbesteding
        ("08", "08A01", 4, 0.4),  # Vervoer naar dagbesteding
        ("12", "12X01", 12, 0.2),  # Collectief vervoer
        ("11", "11X01", 5, 0.5),  # Rolstoel
        ("13", "13X02", 5, 0.8),  # Woonvoorziening (traplift)
        ("15", "15A01", 2, 6.0),  # Beschermd wonen
    ),
    "jeugd": (
        ("45", "45A48", 62, 1.0),  # Jeugdhulp ambulant
        ("54", "54001", 15, 1.3),  # Jeugd-ggz
        ("41", "41A01", 6, 1.8),  # Dagbehandeling
        ("44", "44A11", 4, 2.5),  # Pleegzorg
        ("43", "43A15", 2, 8.0),  # Verblijf met behandeling
        ("48", "48A01", 4, 2.0),  # Jeugdbescherming
        ("50", "50A01", 7, 1.2),  # Maatwerkarrangement
    ),
    "participatie": (("PB", "PB001", 100, 1.0),),  # Algemene bijstand
    "schuldhulp": (("SH", "SH001", 100, 1.0),),
}
REINTEGRATION = ("PR", "PR001")  # Re-integratietraject (Participatiewet art. 7 lid 1 sub a)
REINTEGRATION_SHARE = 0.4

#: Extra voorzieningen per Wmo/Jeugd spell: P(1, 2, 3, 4) (≈ 57 % of Wmo clients have one).
EXTRA_PROVISIONS = {"wmo": (0.45, 0.32, 0.15, 0.08), "jeugd": (0.75, 0.19, 0.05, 0.01)}

#: Monthly bijstand (eurocent) by household kind (norms 2024, rounded) and re-integration / schuldhulp cost.
BIJSTAND_MONTH = {"alleenstaand": 130_000, "eenouder": 130_000, "paar": 186_000, "gezin": 186_000}
REINTEGRATION_EUROCENT = 300_000
SCHULDHULP_EUROCENT = 200_000

#: Deadline behaviour (share within the legal term): onderzoek 6 weeks (Wmo 2015 art. 2.3.2 lid 1),
#: beschikking 2 weeks (art. 2.3.5 lid 1; Jeugdwet/Awb 8 weeks, the monitor applies 2 weeks to all),
#: verzoek om toewijzing answered within 5 working days (iWmo/iJw).
ONDERZOEK_ON_TIME = 0.82
BESCHIKKING_ON_TIME = 0.88
TOEWIJZING_ON_TIME = 0.93
#: Share of Wmo / Jeugd provisions that come with a verzoek om toewijzing (provider- or GP-initiated).
ALLOCATION_REQUEST_SHARE = {"wmo": 0.10, "jeugd": 0.45}
#: Share of cases with outcome measurements (ZRM; Participatieladder for P-wet) and of rejected aanvragen.
MEASURED_SHARE = 0.45
REJECTED_SHARE = 0.07

#: ZRM 2017 domains measured per law (cf. schakel.synth.vocab.DOMAINS_BY_LAW).
DOMAINS_BY_LAW = {
    "wmo": (
        "instrumentele_adl",
        "basale_adl",
        "lichamelijke_gezondheid",
        "sociaal_netwerk",
        "tijdsbesteding",
    ),
    "jeugd": ("huiselijke_relaties", "geestelijke_gezondheid", "werk_opleiding", "sociaal_netwerk"),
    "participatie": ("financien", "werk_opleiding", "maatschappelijke_participatie"),
    "schuldhulp": ("financien", "huisvesting"),
}
#: Number of providers in the national pool and per municipality and law.
PROVIDER_POOL = 2_400
PROVIDERS_PER_GEMEENTE = {"wmo": 25, "jeugd": 40}


def cpb_profiles() -> dict[str, np.ndarray]:
    """CPB 2022 euro per inhabitant by age 0..99 (99 = 99 and older) for ``wmo`` and ``jeugd``."""
    wmo = np.zeros(100)
    jeugd = np.zeros(100)
    with open(DATA_DIR / "CPB_uitgaven_per_leeftijdscategorie_2022.csv", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            wmo[i] = float(row["wmo_eur_per_inwoner"])
            jeugd[i] = float(row["jeugd_eur_per_inwoner"])
    return {"wmo": wmo, "jeugd": jeugd}
