"""Derive the missing iWmo 3.2 retour XSDs (WMO302/306/308/316/318/320/325) from their iJw counterparts.

The public copy of the iWmo 3.2 XSDs lacks the retour schemas (reference §2, §11). iWmo and iJw 3.2 are
structurally identical apart from the namespace/prefix, the BerichtCode, the code lists in the basisschema
(Productcategorie, RedenBeeindiging) and two iJw-only elements (``GezagsdragerBekend`` in 315,
``Woonplaatsbeginsel`` in 319) - checked by diffing the seven pairs that exist for both laws. So each
WMO retour XSD is derived from the JW retour XSD by:

1. namespace ``.../ijw/3_2/...`` -> ``.../iwmo/3_2/...``, message prefix/namespace ``jwNNN`` -> ``wmoNNN``,
   basisschema prefix ``ijw:`` -> ``iwmo:`` (so every type refers to the *iWmo* basisschema and its Wmo
   code lists), appinfo ``standaard`` ijw -> iwmo;
2. the BerichtCode pattern facet: the iJw code -> the iWmo code (e.g. 437 -> 415); exactly one occurrence;
3. appinfo versions 0.1.0 -> 1.0.0 (the version of the iWmo 3.2 set we have; informational only);
4. documentation "Jeugdhulp" -> "Wmo-ondersteuning";
5. structural: every element or complexType that the iJw *heenbericht* XSD has but the iWmo heenbericht
   XSD lacks is removed from the retour (i.e. ``GezagsdragerBekend`` from WMO316 and ``Woonplaatsbeginsel``
   from WMO320). This is computed from the two heenbericht XSDs, not hard-coded.

Run ``python -m schakel.exchange.xml.derive`` to (re)write the files in ``schemas/iwmo-3.2/``, or with
``--check`` to verify the committed files equal a fresh derivation (the tests do the same).
"""

from __future__ import annotations

import argparse
import sys

from lxml import etree

from .kinds import RETOUR_OF, kind
from .schemas import SCHEMA_DIR

__all__ = ["DERIVED", "derive_xsd", "derive_all", "sequence_names"]

XS = "{http://www.w3.org/2001/XMLSchema}"
#: retour soort -> heenbericht soort
DERIVED = {r: h for h, r in RETOUR_OF.items()}
_PARSER = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=False)


def sequence_names(doc: etree._ElementTree) -> dict[str, list[str]]:
    """complexType name -> the element names of its sequence, in order."""
    out = {}
    for ct in doc.getroot().iter(XS + "complexType"):
        name = ct.get("name")
        if name:
            seq = ct.find(XS + "sequence")
            out[name] = [e.get("name") for e in seq.iterchildren(XS + "element")] if seq is not None else []
    return out


def _read(path) -> etree._ElementTree:
    return etree.parse(str(path), _PARSER)


def derive_xsd(soort: str) -> bytes:
    """The derived WMO<soort>.xsd (soort a retour: 302 ... 325) as bytes."""
    heen = DERIVED[soort]
    jw, wmo = kind("ijw", soort), kind("iwmo", soort)
    text = (SCHEMA_DIR / jw.xsd_file).read_text(encoding="utf-8")
    text = text.replace("http://www.istandaarden.nl/ijw/3_2/", "http://www.istandaarden.nl/iwmo/3_2/")
    text = text.replace(f"jw{soort}", f"wmo{soort}")
    text = text.replace("xmlns:ijw=", "xmlns:iwmo=").replace('"ijw:', '"iwmo:')
    text = text.replace("<ijw:", "<iwmo:").replace("</ijw:", "</iwmo:")
    text = text.replace("<iwmo:standaard>ijw</iwmo:standaard>", "<iwmo:standaard>iwmo</iwmo:standaard>")
    old = f'<xs:pattern value="{jw.berichtcode}"/>'
    if text.count(old) != 1:
        raise ValueError(f"{jw.name}: expected exactly one BerichtCode pattern {jw.berichtcode}")
    text = text.replace(old, f'<xs:pattern value="{wmo.berichtcode}"/>')
    text = text.replace(">0.1.0<", ">1.0.0<").replace("Jeugdhulp", "Wmo-ondersteuning")
    if "ijw" in text or f"jw{soort}" in text.replace(f"wmo{soort}", ""):
        raise ValueError(f"{jw.name}: iJw reference left after substitution")

    doc = etree.ElementTree(etree.fromstring(text.encode("utf-8"), _PARSER))
    jw_heen = sequence_names(_read(SCHEMA_DIR / kind("ijw", heen).xsd_file))
    wmo_heen = sequence_names(_read(SCHEMA_DIR / kind("iwmo", heen).xsd_file))
    dropped_types = set(jw_heen) - set(wmo_heen)
    root = doc.getroot()
    for ct in list(root.iterchildren(XS + "complexType")):
        name = ct.get("name")
        if name in dropped_types:
            root.remove(ct)
            continue
        if name not in wmo_heen:
            continue  # RetourCodes
        seq = ct.find(XS + "sequence")
        for el in list(seq.iterchildren(XS + "element")):
            el_name = el.get("name")
            if el_name in jw_heen.get(name, ()) and el_name not in wmo_heen[name]:
                seq.remove(el)
    note = etree.Comment(
        f" DERIVED by schakel.exchange.xml.derive from ijw-3.2/{jw.name}.xsd (iJw 3.2): namespace, prefix and"
        f" BerichtCode {jw.berichtcode} -> {wmo.berichtcode}; iJw-only elements removed. Do not edit by hand. "
    )
    root.addprevious(note)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8") + b"\n"


def derive_all(*, write: bool = True) -> dict[str, bytes]:
    """Derive all seven; write them to schemas/iwmo-3.2/ when ``write``. Returns file name -> bytes."""
    out = {}
    for soort in sorted(DERIVED):
        data = derive_xsd(soort)
        path = SCHEMA_DIR / kind("iwmo", soort).xsd_file
        out[path.name] = data
        if write:
            path.write_bytes(data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files, write nothing")
    args = parser.parse_args(argv)
    derived = derive_all(write=not args.check)
    if args.check:
        stale = [n for n, d in derived.items() if (SCHEMA_DIR / "iwmo-3.2" / n).read_bytes() != d]
        if stale:
            print("stale derived XSDs:", ", ".join(stale))
            return 1
    print("ok:", ", ".join(derived))
    return 0


if __name__ == "__main__":
    sys.exit(main())
