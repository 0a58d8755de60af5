"""The shipped instruments: names and scale labels only, idempotent loading, versions kept apart."""

from __future__ import annotations

import pytest

from schakel.core.vocab import LifeDomain
from schakel.outcomes.models import DomainCriterion, Instrument, InstrumentDomain, ScaleLevel
from schakel.outcomes.reference import install

pytestmark = pytest.mark.django_db


def test_zrm_2017_has_the_13_life_domains_and_the_five_point_scale(zrm):
    domains = list(zrm.domains.order_by("order"))
    assert len(domains) == 13
    assert [d.life_domain for d in domains] == list(LifeDomain.values)
    assert [(lv.value, lv.label) for lv in zrm.levels.order_by("value")] == [
        (1, "Acute problematiek"),
        (2, "Niet zelfredzaam"),
        (3, "Beperkt zelfredzaam"),
        (4, "Voldoende zelfredzaam"),
        (5, "Volledig zelfredzaam"),
    ]


def test_the_older_version_is_a_separate_instrument_with_11_domains(zrm_old, zrm):
    assert zrm_old.pk != zrm.pk and zrm_old.code == zrm.code
    codes = set(zrm_old.domains.values_list("code", flat=True))
    assert len(codes) == 11 and {"dagbesteding", "adl", "verslaving"} <= codes


def test_participatieladder_has_six_steps_with_definitions(ladder):
    levels = list(ladder.levels.order_by("value"))
    assert [lv.value for lv in levels] == [1, 2, 3, 4, 5, 6]
    assert levels[0].label == "Geïsoleerd" and levels[-1].label == "Betaald werk"
    assert all(lv.definition for lv in levels)


def test_goal_attainment_scale(instruments):
    gas = Instrument.objects.get(code="doelrealisatie")
    assert list(gas.levels.order_by("value").values_list("value", flat=True)) == [-2, -1, 0, 1, 2]


def test_no_criteria_texts_are_shipped():
    """The ZRM criteria per cell are © GGD Amsterdam: a municipality enters its own in the admin."""
    assert DomainCriterion.objects.count() == 0


def test_install_is_idempotent_and_keeps_the_municipalitys_criteria(zrm):
    domain = zrm.domains.get(code="financien")
    DomainCriterion.objects.create(domain=domain, score=1, text="Eigen criterium van de gemeente")
    counts = (Instrument.objects.count(), InstrumentDomain.objects.count(), ScaleLevel.objects.count())
    install()
    install()
    assert (
        Instrument.objects.count(),
        InstrumentDomain.objects.count(),
        ScaleLevel.objects.count(),
    ) == counts
    assert DomainCriterion.objects.get().text == "Eigen criterium van de gemeente"
