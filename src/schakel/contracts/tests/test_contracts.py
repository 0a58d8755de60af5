"""Provider, contract, product and tariff rules (reference istandaarden.md §4, §6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.contracts import services
from schakel.contracts.models import Contract, ContractProduct, ContractTariff, Provider
from schakel.contracts.vocab import jeugd_product_codes
from schakel.core.models import Regio

from . import helpers as h

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


def test_create_provider_validates_agb_and_iban(world):
    p = services.create_provider(
        world.contractmanager, agb_code="98000010", name="Zorgboog", iban="NL91 ABNA 0417 1643 00"
    )
    assert p.iban == "NL91ABNA0417164300"
    with pytest.raises(ValidationError) as exc:
        services.create_provider(world.contractmanager, agb_code="1234", name="", iban="NL91ABNA0417164301")
    assert set(exc.value.message_dict) == {"agb_code", "iban", "name"}
    assert "AGB-code bestaat uit 8 cijfers" in exc.value.message_dict["agb_code"][0]
    with pytest.raises(ValidationError, match="al een aanbieder"):
        services.create_provider(world.contractmanager, agb_code="98000010", name="Dubbel")
    assert Provider.objects.count() == 1


def test_only_contract_managers_manage_providers_and_contracts(world):
    with pytest.raises(PermissionDenied):
        services.create_provider(world.regisseur, agb_code="98000010", name="X")
    p = h.provider()
    with pytest.raises(PermissionDenied):
        services.create_contract(
            world.regisseur, provider=p, reference="C1", name="X", start_date=TODAY, gemeente=world.gemeente
        )
    with pytest.raises(PermissionDenied):  # contractmanager of another municipality
        services.create_contract(
            world.contractmanager,
            provider=p,
            reference="C1",
            name="X",
            start_date=TODAY,
            gemeente=world.other_gemeente,
        )


def test_contract_is_for_a_gemeente_or_a_regio(world):
    p = h.provider()
    with pytest.raises(ValidationError, match="precies één"):
        services.create_contract(
            world.contractmanager, provider=p, reference="C1", name="X", start_date=TODAY
        )
    regio = Regio.objects.create(name="Jeugdregio", kind="jeugd")
    regio.gemeenten.add(world.gemeente, world.other_gemeente)
    c = services.create_contract(
        world.contractmanager,
        provider=p,
        reference="C1",
        name="Regiocontract",
        start_date=TODAY,
        regio=regio,
        procurement_form="open_house",
    )
    assert Contract.objects.covering(world.other_gemeente, TODAY).filter(pk=c.pk).exists()
    with pytest.raises(ValidationError, match="CS003"):
        services.create_contract(
            world.contractmanager,
            provider=p,
            reference="C2",
            name="X",
            start_date=TODAY,
            end_date=TODAY - timedelta(1),
            gemeente=world.gemeente,
        )


def _add(world, con, **kw):
    defaults = {
        "law": "wmo",
        "product_category": "01",
        "product_code": "01A01",
        "description": "HH",
        "variant": "inspanningsgericht",
        "unit": "04",
        "frequencies": ["2"],
    }
    return services.add_contract_product(world.contractmanager, con, **{**defaults, **kw})


def test_product_category_per_law(world):
    con = h.contract(h.provider(), world.gemeente)
    with pytest.raises(ValidationError, match="bestaat niet voor de Jeugdwet"):
        _add(world, con, law="jeugd", product_category="01")
    with pytest.raises(ValidationError, match="bestaat niet voor de Wmo"):
        _add(world, con, product_category="45", product_code="45A48")


def test_tr381_jeugd_code_from_jz21_or_own_code(world):
    con = h.contract(h.provider(), world.gemeente)
    assert len(jeugd_product_codes()) == 450
    cp = _add(world, con, law="jeugd", product_category="45", product_code="45a48", frequencies=["4"])
    assert cp.product_code == "45A48"
    with pytest.raises(ValidationError, match="TR381"):
        _add(world, con, law="jeugd", product_category="45", product_code="54001")
    own = _add(
        world, con, law="jeugd", product_category="54", product_code="54001", own_code=True, frequencies=["4"]
    )
    assert own.own_code
    with pytest.raises(ValidationError, match="5 letters"):
        _add(world, con, product_code="01-A-01")


def test_jz21_variant_must_match(world):
    con = h.contract(h.provider(), world.gemeente)
    row = next(r for r in jeugd_product_codes().values() if r["uitvoeringsvariant"] == "Outputgericht")
    with pytest.raises(ValidationError, match="outputgericht"):
        _add(
            world, con, law="jeugd", product_category=row["productcode"][:2], product_code=row["productcode"]
        )


@pytest.mark.parametrize(
    ("variant", "unit", "frequencies", "field"),
    [
        ("inspanningsgericht", "82", ["6"], "unit"),  # stuks (output) is outputgericht (§4)
        ("outputgericht", "04", ["2"], "unit"),
        ("inspanningsgericht", "16", ["1"], "frequencies"),  # dagdeel per dag (CS338)
        ("outputgericht", "83", ["1"], "frequencies"),
        ("inspanningsgericht", "04", [], "frequencies"),
        ("taakgericht", "04", ["2"], "unit"),  # no per-client omvang
    ],
)
def test_unit_frequency_per_variant(world, variant, unit, frequencies, field):
    con = h.contract(h.provider(), world.gemeente)
    with pytest.raises(ValidationError) as exc:
        _add(world, con, product_code="", variant=variant, unit=unit, frequencies=frequencies)
    assert field in exc.value.message_dict
    assert not ContractProduct.objects.exists()


def test_product_is_fixed_once_allocated(world, market):
    services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    with pytest.raises(ValidationError, match="liggen vast"):
        services.update_contract_product(world.contractmanager, market.hh, variant="outputgericht")
    services.update_contract_product(world.contractmanager, market.hh, description="Huishoudelijke hulp")


def test_tariff_history_without_overlap(world):
    con = h.contract(h.provider(), world.gemeente, start=TODAY.replace(month=1, day=1) - timedelta(days=365))
    cp = _add(world, con)
    first = services.add_tariff(world.contractmanager, cp, start_date=con.start_date, amount_cents=6200)
    second = services.add_tariff(
        world.contractmanager, cp, start_date=con.start_date + timedelta(days=365), amount_cents=6500
    )
    first.refresh_from_db()
    assert first.end_date == second.start_date - timedelta(1)  # the open-ended tariff is closed
    assert services.tariff_on(cp, con.start_date) == 6200
    assert services.tariff_on(cp, second.start_date) == 6500
    assert services.tariff_on(cp, con.start_date - timedelta(1)) is None
    with pytest.raises(ValidationError, match="overlapt"):
        services.add_tariff(
            world.contractmanager,
            cp,
            start_date=con.start_date + timedelta(10),
            end_date=con.start_date + timedelta(20),
            amount_cents=1,
        )
    assert ContractTariff.objects.count() == 2


def test_tariff_within_contract_period(world):
    con = h.contract(h.provider(), world.gemeente, end=TODAY + timedelta(30))
    cp = _add(world, con)
    with pytest.raises(ValidationError, match="contractperiode"):
        services.add_tariff(world.contractmanager, cp, start_date=con.start_date, amount_cents=100)
    with pytest.raises(ValidationError, match="contractperiode"):
        services.add_tariff(
            world.contractmanager,
            cp,
            start_date=con.start_date - timedelta(1),
            end_date=TODAY,
            amount_cents=100,
        )


def test_result_areas_only_for_output_and_taakgericht(world):
    con = h.contract(h.provider(), world.gemeente)
    inspanning = _add(world, con)
    with pytest.raises(ValidationError, match="Resultaatgebieden"):
        services.add_result_area(world.contractmanager, inspanning, name="Zelfredzaamheid")
    taak = _add(
        world, con, product_category="09", product_code="", variant="taakgericht", unit="", frequencies=[]
    )
    area = services.add_result_area(world.contractmanager, taak, name="Zelfredzaamheid")
    agreement = services.add_outcome_agreement(
        world.contractmanager, area, indicator="doelen_behaald", target_percent=70, start_date=TODAY
    )
    assert agreement.target_percent == 70
    with pytest.raises(ValidationError, match="tussen 0 en 100"):
        services.add_outcome_agreement(
            world.contractmanager, area, indicator="doelen_behaald", target_percent=170, start_date=TODAY
        )
    services.add_tariff(world.contractmanager, taak, start_date=con.start_date, amount_cents=12_000_000)
    assert services.tariff_on(taak, TODAY) == 12_000_000  # the lump sum for the period


def test_find_contract_product(world, market):
    found = services.find_contract_product(world.gemeente, "wmo", "01", "01A01", market.linde, TODAY)
    assert found == market.hh
    assert services.find_contract_product(world.gemeente, "wmo", "02", "02A99", market.linde, TODAY) == (
        market.aspecifiek
    )
    assert (
        services.find_contract_product(world.other_gemeente, "wmo", "01", "01A01", market.linde, TODAY)
        is None
    )
    assert (
        services.find_contract_product(
            world.gemeente, "wmo", "01", "01A01", market.linde, market.contract.start_date - timedelta(1)
        )
        is None
    )
    assert set(services.products_for(market.dp)) == {market.hh, market.hh_beuk}


def test_update_contract_keeps_tariffs_inside_the_period(world):
    con = h.contract(h.provider(), world.gemeente)
    cp = _add(world, con)
    services.add_tariff(world.contractmanager, cp, start_date=con.start_date, amount_cents=100)
    with pytest.raises(ValidationError, match="tarieven buiten"):
        services.update_contract(world.contractmanager, con, end_date=TODAY)
    services.update_contract(world.contractmanager, con, name="Nieuwe naam")
    assert Contract.objects.get(pk=con.pk).name == "Nieuwe naam"


def test_update_provider_and_link_user(world):
    p = h.provider()
    h.provider("98000002", "Ander")
    with pytest.raises(ValidationError, match="al een aanbieder"):
        services.update_provider(world.contractmanager, p, agb_code="98000002")
    services.update_provider(world.contractmanager, p, iban="NL91ABNA0417164300", name="De Linde")
    p.refresh_from_db()
    assert (p.name, p.iban) == ("De Linde", "NL91ABNA0417164300")
    link = services.link_provider_user(world.contractmanager, p, world.colleague)
    assert list(services.providers_of(world.colleague)) == [p] and link.provider == p
