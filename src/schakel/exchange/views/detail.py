"""The "Gevraagd" part of a request page: the stored detail of a 315/317 (JSON with ISO dates, eurocent and
codes) as labelled values the template formats (dates as 03-03-2026, money with the ``euro`` filter)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from schakel.contracts.vocab import Eenheid, Frequentie

LABELS = {
    "reden": _("Reden verzoek"),
    "categorie": _("Productcategorie"),
    "code": _("Productcode"),
    "nummer": _("Toewijzingnummer"),
    "ingangsdatum": _("Ingangsdatum"),
    "einddatum": _("Einddatum"),
    "volume": _("Volume"),
    "eenheid": _("Eenheid"),
    "frequentie": _("Frequentie"),
    "budget": _("Budget"),
    "verwijzer": _("Verwijzer"),
    "ongewijzigd": _("Ongewijzigde toewijzingen"),
}
#: TypeVerwijzer (COD327) and RedenVerzoek (WJ758), reference §6.
VERWIJZER = {
    "01": _("Gemeente"),
    "02": _("Huisarts"),
    "03": _("Jeugdarts"),
    "04": _("Gecertificeerde instelling"),
    "05": _("Medisch specialist"),
    "06": _("Zelfverwijzer of geen verwijzer"),
    "08": _("Rechter, officier van justitie of functionaris JJI"),
}
REDEN_VERZOEK = {"1": _("Verandering cliëntsituatie"), "2": _("Wijziging zorgplan")}
CODED = {
    "eenheid": dict(Eenheid.choices),
    "frequentie": dict(Frequentie.choices),
    "verwijzer": VERWIJZER,
    "reden": REDEN_VERZOEK,
}


def _fact(key: str, raw) -> dict:
    label = LABELS.get(key, key)
    if raw in (None, "", []):
        return {"label": label, "kind": "empty", "value": None}
    if key in ("ingangsdatum", "einddatum"):
        return {"label": label, "kind": "date", "value": date.fromisoformat(raw)}
    if key == "budget":
        return {"label": label, "kind": "money", "value": raw}
    if key in CODED:
        return {"label": label, "kind": "text", "value": f"{CODED[key].get(str(raw), raw)} ({raw})"}
    if key == "ongewijzigd":
        return {"label": label, "kind": "text", "value": ", ".join(str(n) for n in raw)}
    return {"label": label, "kind": "text", "value": raw}


def _facts(detail: dict) -> list[dict]:
    return [
        _fact(key, value) for key, value in detail.items() if not isinstance(value, list) or key in LABELS
    ]


def request_facts(detail: dict) -> dict:
    """``facts`` (one per field) and, for a 317, ``groups``: every TeWijzigenProduct and NieuwProduct."""
    groups = [
        {
            "title": _("Te wijzigen: toewijzing %(nummer)s") % {"nummer": item.get("nummer", "?")},
            "facts": _facts(item),
        }
        for item in detail.get("te_wijzigen", ())
    ] + [{"title": _("Nieuw product"), "facts": _facts(item)} for item in detail.get("nieuw", ())]
    top = {k: v for k, v in detail.items() if k not in ("te_wijzigen", "nieuw")}
    return {"facts": _facts(top), "groups": groups}
