"""The recorded BRP API answers against the published spec, and their data minimisation.

The answers in ``brp_responses/`` are built from the public RvIG test persons in the shape of the BRP API
Personen 2.7.0 spec (``brp_responses/build.py``). Every one must validate against the spec's schema for its
type (with the discriminators made binding), and hold no field Schakel did not ask for.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from schakel.people.brp.mapping import AUTOMATIC_FIELDS, RAADPLEEG_FIELDS, RESPONSE_ALIASES

RESPONSES = Path(__file__).parent / "brp_responses"


# -- the spec ---------------------------------------------------------------------------------------------


@cache
def spec() -> dict:
    return yaml.safe_load((RESPONSES / "openapi-brp-personen-2.7.0.yaml").read_text(encoding="utf-8"))


REF = "#/components/schemas/"


def with_discriminators(schemas: dict) -> dict:
    """Make OpenAPI ``discriminator`` mappings binding, as JSON Schema: a polymorphic schema (``AbstractDatum``,
    ``AbstractVerblijfplaats``, ...) then also requires the properties of the variant its ``type`` names
    (``Datum`` needs ``datum``), and an unknown ``type`` is an error. The variants extend a copy of the base
    without the dispatch (``<name>__base``), so the references do not loop."""
    for name in [n for n, s in schemas.items() if "discriminator" in s]:
        base = {k: v for k, v in schemas[name].items() if k != "discriminator"}
        mapping = schemas[name]["discriminator"]["mapping"]
        schemas[f"{name}__base"] = base
        for target in mapping.values():
            variant = schemas[target.removeprefix(REF)]
            variant["allOf"] = [
                {"$ref": f"{REF}{name}__base"} if part == {"$ref": f"{REF}{name}"} else part
                for part in variant.get("allOf", [])
            ]
        prop = schemas[name]["discriminator"]["propertyName"]
        schemas[name] = {
            "allOf": [{"$ref": f"{REF}{name}__base"}, {"properties": {prop: {"enum": list(mapping)}}}]
            + [
                {"if": {"properties": {prop: {"const": key}}, "required": [prop]}, "then": {"$ref": target}}
                for key, target in mapping.items()
            ]
        }
    return schemas


def validator(schema_name: str, *, lo_gba_descriptions: bool = True) -> Draft202012Validator:
    """A JSON Schema validator for one component of the spec (OpenAPI 3.1 schemas are JSON Schema 2020-12;
    ``discriminator`` mappings are made binding by :func:`with_discriminators`).

    One documented deviation (``lo_gba_descriptions``): the spec's ``Waardetabel.omschrijving`` pattern has
    no ``/``, yet the API delivers the LO GBA descriptions of aanduiding naamgebruik, e.g. "geslachtsnaam
    echtgenoot/geregistreerd partner" (``docs/tabelwaarden.csv`` in the same repository; see also
    BRP-API/Haal-Centraal-BRP-bevragen#1063). The pattern is widened by exactly that character.
    """
    components = copy.deepcopy(spec()["components"])
    if lo_gba_descriptions:
        omschrijving = components["schemas"]["Waardetabel"]["properties"]["omschrijving"]
        omschrijving["pattern"] = omschrijving["pattern"].replace(r"\(\),]", r"\(\),/]")
    components["schemas"] = with_discriminators(components["schemas"])
    schema = {"$ref": f"{REF}{schema_name}", "components": components}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def recorded(name: str) -> dict:
    return json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))


def schema_for(filename: str) -> str:
    if filename.startswith("raadpleeg_"):
        return "RaadpleegMetBurgerservicenummerResponse"
    if filename.startswith("zoek_naam"):
        return "ZoekMetGeslachtsnaamEnGeboortedatumResponse"
    if filename.startswith("zoek_postcode"):
        return "ZoekMetPostcodeEnHuisnummerResponse"
    return "BadRequestFoutbericht" if filename == "fout_400.json" else "Foutbericht"


RECORDED = sorted(p.name for p in RESPONSES.glob("*.json"))


@pytest.mark.parametrize("filename", RECORDED)
def test_every_recorded_answer_validates_against_the_spec(filename):
    body = json.loads((RESPONSES / filename).read_text(encoding="utf-8"))
    errors = [e.message for e in validator(schema_for(filename)).iter_errors(body)]
    assert errors == []


def test_the_schema_check_is_real():
    broken = recorded("raadpleeg_999993847")
    broken["personen"][0]["burgerservicenummer"] = "12345"
    broken["personen"][0]["geboorte"]["datum"] = {"type": "Datum", "langFormaat": "10 april 1982"}  # no datum
    broken["personen"][0]["verblijfplaats"]["type"] = "Woonboot"  # not a variant
    messages = sorted(
        e.message for e in validator("RaadpleegMetBurgerservicenummerResponse").iter_errors(broken)
    )
    assert len(messages) == 3, messages
    assert any("'datum' is a required property" in m for m in messages)


def test_the_one_deviation_from_the_spec_is_needed():
    """Without the widened pattern the LO GBA naamgebruik description is rejected (see :func:`validator`)."""
    errors = list(
        validator("RaadpleegMetBurgerservicenummerResponse", lo_gba_descriptions=False).iter_errors(
            recorded("raadpleeg_999971189")
        )
    )
    assert [list(e.absolute_path)[-2:] for e in errors] == [["aanduidingNaamgebruik", "omschrijving"]]


def _paths(value, prefix=""):
    if isinstance(value, list):
        return set().union(*(_paths(v, prefix) for v in value)) if value else set()
    if isinstance(value, dict):
        out = set()
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out |= {path} | _paths(item, path)
        return out
    return set()


def unrequested(person: dict, fields) -> set[str]:
    """Paths in an answered person outside the requested ``fields`` (their parents and children), the
    ``type`` discriminators and the automatically delivered fields."""
    requested = set()
    for field in fields:
        head, _, rest = field.partition(".")
        requested.add(".".join(filter(None, (RESPONSE_ALIASES.get(head, head), rest))))
    extra = set()
    for path in _paths(person):
        parts = path.split(".")
        if parts[0] in AUTOMATIC_FIELDS or "inOnderzoek" in parts or parts[-1] == "type":
            continue
        if any(path == f or f.startswith(path + ".") or path.startswith(f + ".") for f in requested):
            continue
        extra.add(path)
    return extra


@pytest.mark.parametrize("filename", [f for f in RECORDED if f.startswith("raadpleeg_")])
def test_recorded_answers_hold_only_what_schakel_asks(filename):
    for person in json.loads((RESPONSES / filename).read_text(encoding="utf-8"))["personen"]:
        assert unrequested(person, RAADPLEEG_FIELDS) == set()


def test_the_minimisation_check_is_real():
    person = recorded("raadpleeg_999993847")["personen"][0] | {
        "kinderen": [{"burgerservicenummer": "999994918"}]
    }
    assert unrequested(person, RAADPLEEG_FIELDS) == {"kinderen", "kinderen.burgerservicenummer"}
