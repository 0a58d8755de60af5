"""Dutch labels for indicator columns and values, shared by the dashboards, the report and the exports."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext_lazy as _

from . import disclosure

COLUMN_LABELS = {
    "law": _("Wet"),
    "wijk_code": _("Wijk"),
    "age_group": _("Leeftijd"),
    "clients": _("Cliënten"),
    "inhabitants": _("Inwoners"),
    "per_1000": _("Per 1.000 inwoners"),
    "product_category": _("Productcategorie"),
    "provisions": _("Voorzieningen"),
    "combination": _("Code"),
    "label": _("Combinatie"),
    "persons": _("Personen"),
    "households": _("Huishoudens"),
    "inflow": _("Instroom"),
    "outflow": _("Uitstroom"),
    "ended": _("Beëindigd"),
    "mean_days": _("Gemiddelde duur (dagen)"),
    "max_days": _("Langste duur (dagen)"),
    "reentry": _("Herinstroom binnen een jaar"),
    "reentry_share": _("Herinstroom (%)"),
    "instrument": _("Instrument"),
    "domain": _("Domein"),
    "improved": _("Vooruit"),
    "worsened": _("Achteruit"),
    "mean_change": _("Gemiddelde verandering"),
    "dimension": _("Naar"),
    "value": _("Waarde"),
    "goals": _("Beoordeelde doelen"),
    "achieved": _("Bereikt"),
    "partly": _("Deels bereikt"),
    "achieved_share": _("Bereikt (%)"),
    "scores": _("Domeinscores"),
    "cost_euro": _("Kosten (€)"),
    "cost_per_client_euro": _("Kosten per cliënt (€)"),
    "cost_per_result_euro": _("Kosten per bereikt resultaat (€)"),
    "budget_euro": _("Begroting (€)"),
    "execution_share": _("Uitputting (%)"),
    "total": _("Totaal"),
    "met": _("Op tijd"),
    "overdue": _("Te laat, nog open"),
    "met_share": _("Op tijd (%)"),
    "stroom": _("Stroom"),
    "council": _("Adviesraad"),
    "given": _("Adviezen"),
    "requested": _("Gevraagd"),
    "unrequested": _("Ongevraagd"),
    "answered": _("Beantwoord"),
    "advice_on_time": _("Gevraagd advies op tijd (%)"),
    "adoption_rate": _("Overgenomen adviespunten (%)"),
    "advice": _("Adviezen"),
    "requests": _("Adviesaanvragen"),
    "measure": _("Indicator"),
    "policy_field": _("Beleidsveld"),
    "partnership": _("Samenwerking"),
    "intervention": _("Interventie"),
    "referred": _("Verwezen"),
    "completed": _("Afgerond"),
    "dropped_out": _("Uitgevallen"),
    "ladder_before": _("Participatieladder voor"),
    "ladder_after": _("Participatieladder na"),
    "health_before": _("Gezondheid voor"),
    "health_after": _("Gezondheid na"),
    "percent": _("Percentage"),
    "aantal": _("Aantal"),
}

LAW_LABELS = {
    "wmo": _("Wmo 2015"),
    "jeugd": _("Jeugdwet"),
    "participatie": _("Participatiewet"),
    "schuldhulp": _("Schuldhulpverlening"),
    "overig": _("Overig"),
}


def label(column: str) -> str:
    return str(COLUMN_LABELS.get(column, column))


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Law codes as their Dutch names (for charts and tables)."""
    out = frame.copy()
    if "law" in out:
        out["law"] = [str(LAW_LABELS.get(v, v)) for v in out["law"]]
    return out


def table(frame: pd.DataFrame, *, drop: tuple[str, ...] = ()) -> dict:
    """``{"columns": [...labels], "rows": [[cell text, ...], ...], "raw": [[value, ...]]}`` of a protected
    frame, for templates and the report (``"."`` for suppressed cells)."""
    frame = readable(frame)
    columns = [c for c in frame.columns if c not in drop]
    rows, raw = [], []
    for record in frame[columns].itertuples(index=False, name=None):
        rows.append([disclosure.display(v) for v in record])
        raw.append([None if pd.isna(v) else v for v in record])
    return {"columns": [label(c) for c in columns], "keys": columns, "rows": rows, "raw": raw}
