"""The pseudonymised monitor extract: one Parquet file (or directory of files) per table.

This module is the contract between the extract job (:mod:`schakel.monitoring.extract.job`), the national
synthetic generator (``schakel generate national``) and the indicator code
(:mod:`schakel.monitoring.indicators`). Every writer produces exactly these columns and types; every reader
may rely on them. Layout on disk::

    <root>/<table>.parquet            single file (the municipal extract), or
    <root>/<table>/*.parquet          a directory of part files (the national generator, streamed)
    <root>/manifest.json              written by the extract job: versions, watermarks, row counts

Privacy (AVG art. 5(1)(c) and art. 89; reference §5.4 points 2 and 6):

* **No BSN, no names, no addresses, no dates of birth.** Persons appear only as ``person_key``: an HMAC-SHA256
  keyed hash of the BSN with the installation secret ``SCHAKEL_PSEUDONYM_KEY`` and purpose ``"monitor"``
  (:func:`schakel.core.pseudonym.pseudonymise`), truncated to 32 hex characters (128 bits). The same person
  always gets the same key within one installation; without the key it cannot be reversed or linked to
  another installation's extract. Households likewise as ``household_key`` (purpose ``"monitor-household"``
  over the internal household id).
* Location no finer than the CBS buurt (``BU`` code); age only as an age group (:data:`AGE_GROUPS`).
* ``case_id`` is the internal surrogate id of the case (no meaning outside the installation). It is kept so
  that authorised users can drill through from a number to the cases behind it inside Schakel, where the
  normal access rules and the processing log apply.
* :data:`FORBIDDEN_COLUMNS` lists column names that must never appear; the extract tests assert it, and also
  that no BSN, name or address value from the database occurs in any Parquet file.

Codes: ``gemeente_code`` is the 4-digit CBS gemeentecode (``"0363"``); ``wijk_code`` is the CBS wijkcode
(``"WK036301"``), ``buurt_code`` the CBS buurtcode (``"BU03630101"``); empty string when unknown. ``law`` uses
:class:`schakel.core.vocab.Law` values (``"wmo"``, ``"jeugd"``, ``"participatie"``, ``"schuldhulp"``,
``"overig"``). Dates are ``date32``; money is ``int64`` eurocent (never floats).
"""

from __future__ import annotations

import pyarrow as pa

#: Version of this schema; bumped on any incompatible change (written to the manifest).
SCHEMA_VERSION = 1

#: Age groups (age at the reference date of the extract, see ``manifest.json`` ``reference_date``).
#: Chosen to follow the CBS breakdowns of the GMSD tables: jeugdzorg is counted for < 18 and 18–22 (Jeugdwet
#: art. 1.1 "jeugdige", with extension to 23), bijstand for 18 to AOW age, Wmo mostly 65+.
AGE_GROUPS: tuple[str, ...] = ("0-3", "4-11", "12-17", "18-22", "23-44", "45-64", "65-74", "75+", "onbekend")
_AGE_BOUNDS: tuple[tuple[int, str], ...] = (
    (4, "0-3"),
    (12, "4-11"),
    (18, "12-17"),
    (23, "18-22"),
    (45, "23-44"),
    (65, "45-64"),
    (75, "65-74"),
)

#: Household types: :class:`schakel.people.models.Household.Kind` values.
HOUSEHOLD_TYPES: tuple[str, ...] = ("alleenstaand", "paar", "gezin", "eenouder", "overig")

#: The three laws of the CBS stapeling tables (the other laws are extracted but not part of stapeling).
STAPELING_LAWS: tuple[str, ...] = ("jeugd", "participatie", "wmo")

#: Column names that must never occur in any extract table.
FORBIDDEN_COLUMNS: frozenset[str] = frozenset(
    {
        "bsn",
        "name",
        "naam",
        "voornamen",
        "geslachtsnaam",
        "achternaam",
        "straat",
        "huisnummer",
        "postcode",
        "woonplaats",
        "address",
        "adres",
        "birth_date",
        "geboortedatum",
        "phone",
        "email",
    }
)


def age_group(age: int | None) -> str:
    """The :data:`AGE_GROUPS` label for an age in whole years (``None`` → ``"onbekend"``)."""
    if age is None or age < 0:
        return "onbekend"
    for upper, label in _AGE_BOUNDS:
        if age < upper:
            return label
    return "75+"


PERSONS = pa.schema(
    [
        pa.field("person_key", pa.string(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("wijk_code", pa.string(), nullable=False),
        pa.field("buurt_code", pa.string(), nullable=False),
        pa.field("age_group", pa.string(), nullable=False),
        pa.field("household_key", pa.string()),
        pa.field("household_type", pa.string()),
    ],
    metadata={
        "doc": "Every inhabitant registered in the municipality (the denominator of the per-1,000 rates). "
        "household_key/household_type are null for persons without a household."
    },
)

PROVISIONS = pa.schema(
    [
        pa.field("provision_id", pa.int64(), nullable=False),
        pa.field("person_key", pa.string(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("case_id", pa.int64()),
        pa.field("law", pa.string(), nullable=False),
        pa.field("product_category", pa.string(), nullable=False),
        pa.field("product_code", pa.string(), nullable=False),
        pa.field("start_date", pa.date32(), nullable=False),
        pa.field("end_date", pa.date32()),
        pa.field("provider_key", pa.string()),
        pa.field("cost_eurocent", pa.int64()),
    ],
    metadata={
        "doc": "A maatwerkvoorziening / granted product (cases.DecisionProduct of a granted decision), with "
        "the provider it is allocated to (contracts.Allocation; provider_key = AGB code) and its cost in "
        "eurocent over its whole period so far (declared if known, else estimated; null if unknown). "
        "end_date null = still running. A client of a law in a period = a person with a provision of that "
        "law overlapping the period (CBS GMSD definition: use of a voorziening during the period)."
    },
)

CASES = pa.schema(
    [
        pa.field("case_id", pa.int64(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("household_key", pa.string(), nullable=False),
        pa.field("person_key", pa.string()),
        pa.field("wijk_code", pa.string(), nullable=False),
        pa.field("laws", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("opened_on", pa.date32(), nullable=False),
        pa.field("closed_on", pa.date32()),
        pa.field("melding_on", pa.date32()),
        pa.field("onderzoek_started_on", pa.date32()),
        pa.field("onderzoek_completed_on", pa.date32()),
    ],
    metadata={
        "doc": "A case (casus) with its deadline dates. laws: comma-separated Law values, sorted. "
        "melding_on: first melding; onderzoek within 6 weeks of the melding (Wmo 2015 art. 2.3.2 lid 1)."
    },
)

APPLICATIONS = pa.schema(
    [
        pa.field("aanvraag_id", pa.int64(), nullable=False),
        pa.field("case_id", pa.int64(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("law", pa.string(), nullable=False),
        pa.field("received_on", pa.date32(), nullable=False),
        pa.field("decided_on", pa.date32()),
        pa.field("outcome", pa.string()),
    ],
    metadata={
        "doc": "An aanvraag and its (first) beschikking: decided within 2 weeks of the aanvraag "
        "(Wmo 2015 art. 2.3.5 lid 1). outcome: toegekend/deels/afgewezen, null while undecided."
    },
)

ALLOCATION_REQUESTS = pa.schema(
    [
        pa.field("request_id", pa.int64(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("provider_key", pa.string(), nullable=False),
        pa.field("law", pa.string(), nullable=False),
        pa.field("received_on", pa.date32(), nullable=False),
        pa.field("answer_due", pa.date32(), nullable=False),
        pa.field("answered_on", pa.date32()),
    ],
    metadata={
        "doc": "A verzoek om toewijzing (iWmo/iJw 315) received from a provider; answer_due = received_on "
        "+ 5 working days (iStandaarden rule; computed by the writer with the Dutch public holidays)."
    },
)

MEASUREMENTS = pa.schema(
    [
        pa.field("measurement_id", pa.int64(), nullable=False),
        pa.field("person_key", pa.string(), nullable=False),
        pa.field("case_id", pa.int64()),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("instrument", pa.string(), nullable=False),
        pa.field("instrument_version", pa.string(), nullable=False),
        pa.field("domain", pa.string(), nullable=False),
        pa.field("moment", pa.string(), nullable=False),
        pa.field("measured_on", pa.date32(), nullable=False),
        pa.field("score", pa.int16()),
        pa.field("relevant", pa.bool_(), nullable=False),
    ],
    metadata={
        "doc": "One row per measured domain (long format) of an outcome measurement (ZRM, Participatieladder, "
        "...). measurement_id identifies the measurement (all its domains). moment: outcomes.Moment value "
        "(intake, tussenmeting, evaluatie, afsluiting). Per-domain change = last score - first score of a person in a domain."
    },
)

GOALS = pa.schema(
    [
        pa.field("goal_id", pa.int64(), nullable=False),
        pa.field("case_id", pa.int64(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("household_key", pa.string(), nullable=False),
        pa.field("person_key", pa.string()),
        pa.field("life_domain", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("assessed_on", pa.date32()),
    ],
    metadata={
        "doc": "A plan goal (cases.Goal) with its status (open, bereikt, deels, niet_bereikt). assessed_on: "
        "when the result was assessed (outcomes.GoalOutcome), null if unknown."
    },
)

COSTS = pa.schema(
    [
        pa.field("cost_id", pa.int64(), nullable=False),
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("person_key", pa.string()),
        pa.field("provision_id", pa.int64()),
        pa.field("provider_key", pa.string()),
        pa.field("law", pa.string(), nullable=False),
        pa.field("product_category", pa.string(), nullable=False),
        pa.field("period_start", pa.date32(), nullable=False),
        pa.field("period_end", pa.date32(), nullable=False),
        pa.field("amount_eurocent", pa.int64(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
    ],
    metadata={
        "doc": "Costs in eurocent for a period: source 'declaratie' (approved declaration lines, iWmo/iJw 303, "
        "credit lines negative), 'raming' (estimated from a provision's tariff and volume) or 'boeking' "
        "(finance ledger). A cost row is attributed to its period_start for yearly/half-yearly totals."
    },
)

BUDGETS = pa.schema(
    [
        pa.field("gemeente_code", pa.string(), nullable=False),
        pa.field("year", pa.int16(), nullable=False),
        pa.field("law", pa.string(), nullable=False),
        pa.field("product_category", pa.string(), nullable=False),
        pa.field("amount_eurocent", pa.int64(), nullable=False),
    ],
    metadata={
        "doc": "Budget (begroting) per year, law and product category (empty string = the whole law). "
        "Budget execution = costs / budget."
    },
)

#: Table name → schema. The order is the extract order.
TABLES: dict[str, pa.Schema] = {
    "persons": PERSONS,
    "provisions": PROVISIONS,
    "cases": CASES,
    "applications": APPLICATIONS,
    "allocation_requests": ALLOCATION_REQUESTS,
    "measurements": MEASUREMENTS,
    "goals": GOALS,
    "costs": COSTS,
    "budgets": BUDGETS,
}

#: Primary key column(s) per table (used by the incremental merge).
KEYS: dict[str, tuple[str, ...]] = {
    "persons": ("person_key",),
    "provisions": ("provision_id",),
    "cases": ("case_id",),
    "applications": ("aanvraag_id",),
    "allocation_requests": ("request_id",),
    "measurements": ("measurement_id", "domain"),
    "goals": ("goal_id",),
    "costs": ("cost_id",),
    "budgets": ("gemeente_code", "year", "law", "product_category"),
}


def empty(name: str) -> pa.Table:
    """An empty table of ``name`` with the right schema."""
    return TABLES[name].empty_table()


def conform(name: str, table: pa.Table) -> pa.Table:
    """Return ``table`` cast to the schema of ``name`` (columns in order; raises on missing/extra columns)."""
    schema = TABLES[name]
    extra = set(table.column_names) - set(schema.names)
    missing = set(schema.names) - set(table.column_names)
    if extra or missing:
        raise ValueError(f"{name}: extra columns {sorted(extra)}, missing columns {sorted(missing)}")
    assert not FORBIDDEN_COLUMNS & set(table.column_names)
    return table.select(schema.names).cast(schema)
