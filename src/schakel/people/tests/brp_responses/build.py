"""Rebuild the recorded BRP API answers in this folder from the public test persons.

Run from the repository root with the shared data at hand::

    python src/schakel/people/tests/brp_responses/build.py /path/to/shared/data/brp

Sources (RvIG, EUPL-1.2, github.com/BRP-API/Haal-Centraal-BRP-bevragen): ``personen-mock/test-data.json``
(the persons behind the BRP personen-mock) and ``20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv``
(the GBA-V test set; names, birth date and geheimhouding are cross-checked against it where the person is
in it). The answers take the shape of the BRP API Personen 2.7.0 spec (``openapi-brp-personen-2.7.0.yaml``,
a verbatim copy) *filtered to the fields Schakel asks* (``schakel.people.brp.mapping.RAADPLEEG_FIELDS``),
as the API would answer: only the requested fields plus the ones it always delivers. Error answers are the
examples of the spec's ``components/responses``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CONSULTED = [
    "999993847",
    "999992077",
    "999993483",
    "999992806",
    "999970598",
    "999994220",
    "999971189",
    "999971219",
]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NAAMGEBRUIK = {  # docs/tabelwaarden.csv (the LO GBA descriptions)
    "E": "eigen geslachtsnaam",
    "N": "geslachtsnaam echtgenoot/geregistreerd partner na eigen geslachtsnaam",
    "P": "geslachtsnaam echtgenoot/geregistreerd partner",
    "V": "geslachtsnaam echtgenoot/geregistreerd partner voor eigen geslachtsnaam",
}


def datum(value: str) -> dict:
    """A GBA date (yyyymmdd, 00 for unknown parts) as the API's AbstractDatum."""
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    if not year:
        return {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}
    if not month:
        return {"type": "JaarDatum", "jaar": year, "langFormaat": str(year)}
    if not day:
        return {
            "type": "JaarMaandDatum",
            "jaar": year,
            "maand": month,
            "langFormaat": f"{MONTHS[month - 1]} {year}",
        }
    return {
        "type": "Datum",
        "datum": f"{year:04d}-{month:02d}-{day:02d}",
        "langFormaat": f"{day} {MONTHS[month - 1]} {year}",
    }


def _name(voorvoegsel: str, geslachtsnaam: str) -> str:
    return " ".join(p for p in (voorvoegsel, geslachtsnaam) if p)


def aanschrijfwijze(naam: dict, partner: dict) -> str:
    """adressering.aanschrijfwijze.naam, following the RvIG rules for aanduiding naamgebruik (simplified)."""
    initials = "".join(f"{v[0]}." for v in naam.get("voornamen", "").split())
    own = _name(naam.get("voorvoegsel", ""), naam["geslachtsnaam"])
    title = (naam.get("adellijkeTitelPredicaat") or {}).get("omschrijving", "")
    if title:
        own = f"{title} {own}"
    other = _name(partner.get("voorvoegsel", ""), partner.get("geslachtsnaam", ""))
    code = (naam.get("aanduidingNaamgebruik") or {}).get("code", "E")
    used = {"P": other, "V": f"{other}-{own}", "N": f"{own}-{other}"}.get(code, own) if other else own
    text = " ".join(p for p in (initials, used) if p)
    return text[0].upper() + text[1:]


def consulted(person: dict) -> dict:
    """One ``Persoon`` with exactly Schakel's fields (and what the API always delivers)."""
    out: dict = {"burgerservicenummer": person["burgerservicenummer"]}
    source = person.get("naam", {})
    naam = {k: source[k] for k in ("voornamen", "voorvoegsel", "geslachtsnaam") if source.get(k)}
    code = (source.get("aanduidingNaamgebruik") or {}).get("code")
    if code:
        naam["aanduidingNaamgebruik"] = {"code": code, "omschrijving": NAAMGEBRUIK[code]}
    out["naam"] = naam
    out["geboorte"] = {"datum": datum(person["geboorte"]["datum"])}
    out["geslacht"] = person["geslacht"]
    plaats = person.get("verblijfplaats", {})
    if plaats.get(
        "postcode"
    ):  # a Dutch address; foreign ones are not delivered under verblijfplaatsBinnenland
        adres = {
            "officieleStraatnaam": plaats.get("naamOpenbareRuimte"),
            "korteStraatnaam": plaats.get("straat"),
            "huisnummer": int(plaats["huisnummer"]),
            "huisletter": plaats.get("huisletter"),
            "huisnummertoevoeging": plaats.get("huisnummertoevoeging"),
            "postcode": plaats["postcode"],
            "woonplaats": plaats.get("woonplaats"),
        }
        out["verblijfplaats"] = {"type": "Adres", "verblijfadres": {k: v for k, v in adres.items() if v}}
    out["gemeenteVanInschrijving"] = person["gemeenteVanInschrijving"]
    partners = []
    for partner in person.get("partners", []):
        pn = {
            k: partner["naam"][k] for k in ("voorvoegsel", "geslachtsnaam") if partner.get("naam", {}).get(k)
        }
        if pn:
            partners.append({"naam": pn})
    if partners:
        out["partners"] = partners[:1]
    out["adressering"] = {
        "aanschrijfwijze": {"naam": aanschrijfwijze(source, partners[0]["naam"] if partners else {})}
    }
    if person.get("geheimhoudingPersoonsgegevens"):
        out["geheimhoudingPersoonsgegevens"] = True
    if person.get("opschortingBijhouding"):
        op = person["opschortingBijhouding"]
        out["opschortingBijhouding"] = {"reden": op["reden"], "datum": datum(op["datum"])}
    return out


def cross_check(person: dict, rows: dict[str, dict]) -> None:
    row = rows.get(person["burgerservicenummer"])
    if row is None:
        return
    assert row["01.02.40"] == person["naam"]["geslachtsnaam"], person["burgerservicenummer"]
    assert row["01.03.10"] == person["geboorte"]["datum"], person["burgerservicenummer"]
    assert (row["07.70.10"] not in ("", "0")) == bool(person.get("geheimhoudingPersoonsgegevens"))


def write(name: str, body: dict) -> None:
    (HERE / name).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(shared: Path) -> None:
    persons = {
        p.get("burgerservicenummer"): p
        for p in json.loads((shared / "personen-mock/test-data.json").read_text())
    }
    with open(
        shared / "20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv", encoding="utf-8-sig"
    ) as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        rows = {r[2]: dict(zip(header, r, strict=False)) for r in reader if r[0]}
    for bsn in CONSULTED:
        cross_check(persons[bsn], rows)
        write(
            f"raadpleeg_{bsn}.json",
            {"type": "RaadpleegMetBurgerservicenummer", "personen": [consulted(persons[bsn])]},
        )

    def alive_at(postcode: str, number: str) -> list[dict]:
        return [
            {"burgerservicenummer": b}
            for b, p in persons.items()
            if p.get("verblijfplaats", {}).get("postcode") == postcode
            and p["verblijfplaats"].get("huisnummer") == number
            and not p.get("overlijden")
        ]

    write(
        "zoek_naam_kooyman_1982-04-10.json",
        {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "personen": [{"burgerservicenummer": "999993847"}]},
    )
    write("zoek_naam_geen_resultaat.json", {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "personen": []})
    write(
        "zoek_postcode_2741EX_64D.json",
        {"type": "ZoekMetPostcodeEnHuisnummer", "personen": alive_at("2741EX", "64")},
    )
    # 2272BV 54 is the address of 253 test persons: more than Schakel accepts in one answer (first 25 kept).
    write(
        "zoek_postcode_2272BV_54.json",
        {"type": "ZoekMetPostcodeEnHuisnummer", "personen": alive_at("2272BV", "54")[:25]},
    )

    spec = yaml.safe_load((HERE / "openapi-brp-personen-2.7.0.yaml").read_text())
    for status in ("400", "401", "403", "429", "500", "503"):
        write(
            f"fout_{status}.json",
            spec["components"]["responses"][status]["content"]["application/problem+json"]["example"],
        )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/brp"))
