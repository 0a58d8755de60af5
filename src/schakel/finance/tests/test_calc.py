"""Hand-checked examples of every calculation per financing variant (amounts in eurocent)."""

from datetime import date
from fractions import Fraction

from schakel.finance import calc
from schakel.finance.calc import AllocationTerms, Tariff

Y = 2026
OPEN_TARIFF = [Tariff(date(2025, 1, 1), None, 6500)]


def test_round_half_up_both_signs():
    assert calc.round_half_up(Fraction(5, 2)) == 3
    assert calc.round_half_up(Fraction(-5, 2)) == -3
    assert calc.round_half_up(Fraction(7, 3)) == 2


def test_inspanningsgericht_per_week():
    # 3 uur per week × € 65,00 = € 195,00 per week; 1 Jul–31 Dec = 184 days = 184/7 weeks
    # 19500 × 184 / 7 = 512 571,43 → 512 571
    terms = AllocationTerms("inspanningsgericht", date(Y, 1, 1), None, volume=3, unit="04", frequency="2")
    assert calc.allocation_commitment(terms, OPEN_TARIFF, (date(Y, 7, 1), date(Y, 12, 31))) == 512571


def test_inspanningsgericht_per_month_with_part_month():
    # 10 uur per maand × € 60,00 = € 600,00 per month; 16 Jul–31 Dec = 16/31 + 5 months
    # 60000 × (5 + 16/31) = 330 967,74 → 330 968
    terms = AllocationTerms(
        "inspanningsgericht", date(Y, 1, 1), date(Y, 12, 31), volume=10, unit="04", frequency="4"
    )
    tariffs = [Tariff(date(Y, 1, 1), None, 6000)]
    assert calc.allocation_commitment(terms, tariffs, (date(Y, 7, 16), date(Y, 12, 31))) == 330968


def test_inspanningsgericht_per_day_ends_before_window_end():
    # 2 dagdelen per dag × € 10,00, allocation ends 10 Jan: 10 days → 20 000
    terms = AllocationTerms(
        "inspanningsgericht", date(Y, 1, 1), date(Y, 1, 10), volume=2, unit="16", frequency="1"
    )
    assert (
        calc.allocation_commitment(
            terms, [Tariff(date(Y, 1, 1), None, 1000)], (date(Y, 1, 1), date(Y, 12, 31))
        )
        == 20000
    )


def test_inspanningsgericht_total_within_validity_pro_rata():
    # 40 uur totaal × € 65,00 = 260 000 over 365 days; 92 days remain (1 Oct–31 Dec): 65 534,25 → 65 534
    terms = AllocationTerms(
        "inspanningsgericht", date(Y, 1, 1), date(Y, 12, 31), volume=40, unit="04", frequency="6"
    )
    assert calc.allocation_commitment(terms, OPEN_TARIFF, (date(Y, 10, 1), date(Y, 12, 31))) == 65534


def test_tariff_change_inside_window():
    # 3 per week; € 65 until 30 Sep, € 70 from 1 Oct; window Sep+Oct:
    # 19500 × 30/7 + 21000 × 31/7 = 83 571,43 + 93 000 = 176 571,43 → 176 571
    terms = AllocationTerms("inspanningsgericht", date(Y, 1, 1), None, volume=3, unit="04", frequency="2")
    tariffs = [Tariff(date(Y, 1, 1), date(Y, 9, 30), 6500), Tariff(date(Y, 10, 1), None, 7000)]
    assert calc.allocation_commitment(terms, tariffs, (date(Y, 9, 1), date(Y, 10, 31))) == 176571


def test_outputgericht_trajectory_paid_in_year_it_ends():
    # traject (82 stuks, frequentie 6) € 1.200,00: ends 30 Nov → whole price this year; ends next year → 0
    tariffs = [Tariff(date(Y, 1, 1), None, 120000)]
    ending = AllocationTerms(
        "outputgericht", date(Y, 3, 1), date(Y, 11, 30), volume=1, unit="82", frequency="6"
    )
    later = AllocationTerms(
        "outputgericht", date(Y, 3, 1), date(Y + 1, 3, 31), volume=1, unit="82", frequency="6"
    )
    window = (date(Y, 6, 1), date(Y, 12, 31))
    assert calc.allocation_commitment(ending, tariffs, window) == 120000
    assert calc.allocation_commitment(later, tariffs, window) == 0


def test_outputgericht_euros_per_month():
    # eenheid 83: the volume is the amount in eurocent (IV042): € 1.500 per month × 12 = 1 800 000
    terms = AllocationTerms("outputgericht", date(Y, 1, 1), None, volume=150000, unit="83", frequency="4")
    assert calc.allocation_commitment(terms, [], (date(Y, 1, 1), date(Y, 12, 31))) == 1800000


def test_budget_allocation_pro_rata():
    # budget € 5.000 over 1 Jan–30 Jun (181 days); 1 Apr–30 Jun = 91 days: 251 381,2 → 251 381
    terms = AllocationTerms("inspanningsgericht", date(Y, 1, 1), date(Y, 6, 30), budget_cents=500000)
    assert calc.allocation_commitment(terms, [], (date(Y, 4, 1), date(Y, 12, 31))) == 251381


def test_allocation_outside_window_commits_nothing():
    terms = AllocationTerms(
        "inspanningsgericht", date(Y, 1, 1), date(Y, 3, 31), volume=3, unit="04", frequency="2"
    )
    assert calc.allocation_commitment(terms, OPEN_TARIFF, (date(Y, 7, 1), date(Y, 12, 31))) == 0


def test_taakgericht_lump_sum_per_contract_period():
    # lump sum € 1.200.000 for 2026; 184 of 365 days remain: 60 493 150,68 → 60 493 151
    tariffs = [Tariff(date(Y, 1, 1), date(Y, 12, 31), 120_000_000)]
    assert calc.lump_sum_commitment(tariffs, (date(Y, 7, 1), date(Y, 12, 31))) == 60493151
    # open-ended tariff = a sum per calendar year: the whole year → the whole sum
    assert (
        calc.lump_sum_commitment([Tariff(date(2024, 1, 1), None, 365_000)], (date(Y, 1, 1), date(Y, 12, 31)))
        == 365000
    )


def test_cost_split_adds_up():
    assert calc.split(10001, 2500) == (7501, 2500)  # partner 2500,25 → 2500
    assert calc.split(-10000, 2500) == (-7500, -2500)
    assert calc.split(999, 10000) == (0, 999)


def test_expected_new_demand():
    # 6 new allocations in 182 days, € 10 per day, 10 days left: 6/182 × 1000 × (10×11/2) = 1 813,19 → 1 813
    assert calc.expected_new_demand(6, 182, Fraction(1000), 10) == 1813
    assert calc.expected_new_demand(0, 182, Fraction(1000), 10) == 0


def test_alert_limit_with_margin():
    assert calc.alert_limit(1_000_000, 500) == 1_050_000
    assert calc.alert_limit(1_000_000, -1000) == 900_000
